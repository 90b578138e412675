"""'Same statement, reworded' in a real Chromium: the evidence on the panel, x rejects, y confirms."""

import pytest

from factcheck.models import Appearance, MatchSuggestion
from factcheck.tasks import match_article_quotes
from tests.conftest import browser_login, screenshot
from tests.test_semantic import ARABIC, DIRECT, RUSSIAN, needs_model, quote_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True), needs_model]


def test_reviewer_rejects_and_confirms_reworded_renderings_with_one_key(page, live_server, reviewer):
    direct = quote_in("Wire", DIRECT, "Sergei Lavrov")
    russian = quote_in("Izvestia", RUSSIAN, "Сергей Лавров")
    arabic = quote_in("Al Arabiya", ARABIC, "سيرغي لافروف")
    for st in (direct, russian, arabic):
        match_article_quotes.enqueue(st.article_id)
    offered = MatchSuggestion.objects.filter(how="reworded", state="pending")
    assert offered.filter(statement=russian).count() + offered.filter(candidate=russian).count() == 2

    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}/statements/{russian.pk}/")
    panel = page.locator(".st-panel")
    items = panel.locator(".reworded-item")
    assert items.count() == 2
    first = items.first.inner_text()
    assert "Similarity" in first and "Shared names" in first and "Afghanistan" in first and "same day" in first
    # The closest pairs are one cluster already, unconfirmed: the panel says so where the buttons are.
    assert "in one cluster already, unconfirmed" in first.lower()  # badges are set in capitals
    screenshot(page, "reworded-suggestions")

    # x: the first pair offered is not the same statement; it goes, the other stays.
    rejected_id = int(items.first.get_attribute("data-suggestion"))
    page.keyboard.press("x")
    page.locator(f"[data-suggestion='{rejected_id}']").wait_for(state="detached")
    assert panel.locator(".reworded-item").count() == 1
    assert MatchSuggestion.objects.get(pk=rejected_id).state == "rejected"

    # y: the remaining one is; the panel now says where else the statement appeared.
    confirmed_id = int(panel.locator(".reworded-item").first.get_attribute("data-suggestion"))
    page.keyboard.press("y")
    page.wait_for_selector(".st-panel .reuse:has-text('Also in 1 outlet')")
    assert panel.locator(".reworded-item").count() == 0
    confirmed = MatchSuggestion.objects.get(pk=confirmed_id)
    assert confirmed.state == "confirmed"
    assert Appearance.objects.get(statement_id=confirmed.statement_id).cluster_id == \
        Appearance.objects.get(statement_id=confirmed.candidate_id).cluster_id
    screenshot(page, "reworded-confirmed")
    assert errors == []
