"""Menus, refusals, finding things, the dashboard and a large cluster, in a real Chromium."""

import pytest

from factcheck.benchdata import seed_cluster
from factcheck.models import Statement
from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def menu(page) -> list[str]:
    return [t.strip() for t in page.locator("nav[aria-label=Main] a").all_inner_texts()]


def test_each_role_sees_only_what_it_can_use_and_a_refusal_names_the_role(page, live_server, reviewer, editor):
    page.console_watch.allow_status(403)  # the refusal page itself, asked for on purpose
    browser_login(page, live_server, "rita")
    assert menu(page) == ["Articles", "Statements", "My queue", "Import"]
    response = page.goto(f"{live_server.url}/dashboard/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Not for your role"
    assert "editor role" in page.locator(".refused").inner_text()
    assert "signed in as rita, with the reviewer role" in page.locator(".refused").inner_text()
    assert page.locator("link[rel=stylesheet]").count() == 1 and page.locator("header.topbar").is_visible()
    screenshot(page, "refused-403")
    page.click("text=Back to the articles")
    page.wait_for_url(f"{live_server.url}/")

    page.click("text=Sign out")
    browser_login(page, live_server, "edith")
    assert menu(page) == ["Articles", "Statements", "My queue", "Approvals", "Dashboard", "Import"]
    page.click("nav >> text=My queue")
    page.wait_for_url("**/statements/?assignee=me")
    assert page.locator("nav a[aria-current=page]").inner_text() == "My queue"


def test_queue_search_filters_and_bulk_actions(page, live_server, reviewer, sample_article):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}/statements/")
    page.locator("#id_q").press_sequentially('"military base"')
    page.wait_for_url("**q=%22military+base%22**")
    page.wait_for_function("document.querySelectorAll('#queue-table tbody tr.statement-item').length < 12")
    rows = page.locator("#queue-table tbody tr.statement-item")
    assert rows.count() >= 1 and all("military base" in t.lower() for t in rows.all_inner_texts())
    assert "=&" not in page.url and not page.url.endswith("=")  # no empty parameters in the address
    page.select_option("select[name=outlet]", label="Antiwar.com")
    page.wait_for_url("**outlet=**")
    assert "status=" not in page.url and "=&" not in page.url
    assert page.locator("#queue-table tbody tr.statement-item").count() >= 1

    page.goto(f"{live_server.url}/statements/")
    page.click("#queue-table button:has-text('Apply')")
    page.wait_for_load_state()
    assert "Nothing is ticked" in page.locator(".messages").inner_text()
    page.check("input[data-select-all]")
    boxes = page.locator("input[name=ids]")
    assert boxes.count() == sample_article.statements.to_check().count()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    boxes.nth(0).uncheck()
    assert page.eval_on_selector("input[data-select-all]", "el => el.indeterminate")
    boxes.nth(0).check()
    page.select_option("#queue-table select[name=status]", "in_progress")
    screenshot(page, "queue-bulk")
    page.click("#queue-table button:has-text('Apply')")
    page.wait_for_selector(".messages")
    assert f"{sample_article.statements.to_check().count()} statements updated" in page.locator(".messages").inner_text()
    assert Statement.objects.filter(status="in_progress").count() == sample_article.statements.to_check().count()


def test_article_list_search_and_sort(page, live_server, reviewer, sample_article):
    browser_login(page, live_server, "rita")
    assert page.locator("select[name=sort]").input_value() == "imported"
    page.fill("input[name=q]", "Tajikistan")
    page.click("button:has-text('Show')")
    page.wait_for_url("**q=Tajikistan**")
    assert page.locator("table.table tbody tr").count() == 1
    page.fill("input[name=q]", "no such article anywhere")
    page.click("button:has-text('Show')")
    page.wait_for_selector("text=No article matches this search.")


def test_a_large_cluster_is_a_summary_and_pages(page, live_server, reviewer):
    cluster = seed_cluster(302)
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{cluster.get_absolute_url()}")
    assert "302 appearances in 12 outlets" in page.locator("h1").inner_text()
    assert page.locator(".spread-dot").count() == 302
    assert page.locator("table.table tbody tr").count() == 50
    assert "Appearances 1–50 of 302" in page.locator("#appearances").inner_text()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8000, height  # was 21,500 pixels with every appearance on one page
    screenshot(page, "cluster-302")
    page.click("text=Later →")
    page.wait_for_url("**page=2#appearances")
    assert "Appearances 51–100 of 302" in page.locator("#appearances").inner_text()


def test_dashboard_labels_and_numbers_are_never_clipped(page, live_server, editor, sample_article, monkeypatch):
    from factcheck.services import dashboard

    real = dashboard.compute
    long_name = "The Extraordinarily Long-Named Regional Broadcasting Corporation of the Northern Provinces"

    def grown():
        data = real()
        data["by_outlet"] = dashboard._bars([(long_name, 123_456_789, "/statements/"), ("TASS", 98_765, "/statements/")])
        data["weekly"][-1] |= {"shown": "1,234,567", "short": dashboard._compact(1_234_567)}
        return data

    monkeypatch.setattr(dashboard, "compute", grown)
    browser_login(page, live_server, "edith")
    page.goto(f"{live_server.url}/dashboard/")
    assert long_name in page.locator("figure:has(h2:text('Approved verdicts by outlet')) .bars").inner_text()
    assert "123,456,789" in page.locator("figure:has(h2:text('Approved verdicts by outlet')) .bars").inner_text()
    clipped = page.evaluate("""() => {
        const out = [];
        for (const el of document.querySelectorAll('.bar-label, .bar-value, .col-value, .col-label')) {
            const box = el.getBoundingClientRect(), card = el.closest('figure').getBoundingClientRect();
            if (el.scrollWidth > el.clientWidth + 1 || box.left < card.left || box.right > card.right + 0.5)
                out.push(el.textContent.trim());
        }
        return out;
    }""")
    assert clipped == []
    assert page.locator(".col-value").last.inner_text() == "1.2M"
    assert "1,234,567" in page.locator(".columns a").last.get_attribute("title")
    screenshot(page, "dashboard-long-labels")
