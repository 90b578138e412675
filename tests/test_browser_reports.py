"""Dashboard, queue and cluster pages in a real Chromium, with screenshots to look at."""

import pytest

from factcheck.models import Rating, Statement
from factcheck.services import review
from factcheck.services.importing import import_paths
from tests.conftest import FIXTURES, browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_dashboard_queue_and_cluster_pages(page, live_server, reviewer, editor, sample_path, rating_scale):
    list(import_paths([sample_path, FIXTURES / "reuters_lavrov.txt", FIXTURES / "tass_lavrov.txt"], user=reviewer))
    quote = Statement.objects.get(text__startswith="“We’ll do everything")
    rating = Rating.objects.get(label="True", scale__is_active=True)
    v = review.verdict_save(statement=quote, user=reviewer, rating=rating, rationale="Matches the MFA transcript.", version=None)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor)

    browser_login(page, live_server, "edith")
    page.goto(f"{live_server.url}/dashboard/")
    assert page.locator("figure.chart").count() == 5
    assert page.locator(".bars a").count() >= 3
    screenshot(page, "dashboard")
    page.click(".bars a >> nth=0")  # a chart links to the queue behind it
    page.wait_for_url("**/statements/?status=*")

    page.goto(f"{live_server.url}/statements/")
    page.select_option("select[name=kind]", "quote")
    page.wait_for_url("**kind=quote**")
    assert page.locator("#queue-table tbody tr").count() >= 6
    # the exports follow the filters the table was refreshed with, not those of the page's load
    assert "kind=quote" in page.locator("a:has-text('Export CSV')").get_attribute("href")
    page.locator("#id_q").press_sequentially("Lavrov")
    page.wait_for_url("**q=Lavrov**")
    href = page.locator("a:has-text('Export CSV')").get_attribute("href")
    assert "q=Lavrov" in href and "kind=quote" in href and href.endswith("export=csv")
    assert page.locator("#queue-exports").count() == 1
    screenshot(page, "queue")

    tass = Statement.objects.get(kind="quote", article__outlet__name="TASS", quote_type="direct")
    page.goto(f"{live_server.url}{tass.get_absolute_url()}")
    assert "Already checked" in page.locator(".carried").inner_text()
    page.click(".reuse a")
    page.wait_for_selector("table.table")
    # the three direct quotes and the Reuters lede's report of it, joined by meaning
    assert page.locator("table.table tbody tr").count() == 4
    assert page.locator(".badge:has-text('reworded, not yet confirmed')").count() == 1
    # the first row, the yardstick of wording, is a rendering in its own words
    assert page.locator("table.table tbody tr").first.locator(".badge:has-text('reworded')").count() == 0
    assert page.locator(".badge:has-text('first')").count() == 1
    screenshot(page, "cluster")
