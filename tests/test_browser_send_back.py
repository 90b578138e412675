"""The send-back loop as the people in it see it, in a real Chromium: the author is told, My queue
leads with it, the editor sees the earlier reason and what really changed, and each panel names
the right person."""

import pytest

from factcheck.models import Statement, Verdict
from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def session(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    browser_login(page, live_server, username)
    return context, page


def test_a_verdict_sent_back_and_resubmitted_unchanged(browser, live_server, reviewer, editor, editor2,
                                                        sample_article, rating_scale):
    from factcheck.models import Rating
    from factcheck.services import review

    statement = sample_article.statements.get(text__startswith="Tajikistan has activated")
    other = sample_article.statements.exclude(pk=statement.pk).order_by("-pk").first()
    review.statement_update(statement_id=other.pk, version=other.version, user=reviewer,
                            data={"assignee": reviewer})  # My queue has other work too
    rating = Rating.objects.get(label="True", scale__is_active=True)
    verdict = review.verdict_save(statement=statement, user=reviewer, rating=rating,
                                  rationale="Reported by the ministry.", version=None)
    review.verdict_submit(verdict_id=verdict.pk, version=verdict.version, user=reviewer)
    reason = "Link the ministry's own statement."

    ctx, page = session(browser, live_server, "edith")
    page.goto(f"{live_server.url}/review/")
    page.fill(".review-item textarea[name=reason]", reason)
    page.click(".review-item button:has-text('Send back')")
    page.wait_for_selector("text=Nothing waits for approval.")
    ctx.close()

    ctx, page = session(browser, live_server, "rita")  # the author is told, in the navigation
    assert page.locator(".topbar .nav-count").inner_text() == "1"
    page.click(".topbar a:has-text('My queue')")
    page.wait_for_selector("#queue-table .statement-item")
    rows = page.locator("#queue-table .statement-item")
    assert rows.count() == 2
    assert rows.first.get_attribute("data-statement") == str(statement.pk)  # sent back leads
    assert "Sent back" in rows.first.inner_text()
    rows.first.locator("a").first.click()
    page.wait_for_selector(f".st-panel[data-statement='{statement.pk}']")
    notice = page.locator(".st-panel #verdict-returned")
    assert "Your verdict was sent back by edith" in notice.inner_text() and reason in notice.inner_text()
    # It stands at the top of the panel: before the statement itself.
    assert page.evaluate("""() => {
        const n = document.querySelector('#verdict-returned'), q = document.querySelector('.st-panel .st-quote');
        return !!(n.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    assert page.locator("#verdict .verdict-chip").inner_text() == "Sent back"
    assert "Rejected" not in page.locator(".st-panel").inner_text()
    history = page.locator(".st-panel .timeline").inner_text()
    assert "Submitted → Sent back" in history and "sent_back" not in history
    screenshot(page, "send-back-author-panel")
    page.click("#verdict-form button:has-text('Submit again')")  # nothing changed: resubmitted as is
    page.wait_for_selector("#verdict .verdict-chip:has-text('Submitted')")
    assert page.locator("#verdict .verdict-people").inner_text() == "By rita"
    assert page.locator("#verdict-returned").count() == 0
    assert "In review" in page.locator(".st-panel").inner_text()
    page.reload()
    assert page.locator(".topbar .nav-count").count() == 0
    ctx.close()

    ctx, page = session(browser, live_server, "ed")  # a second editor: the earlier reason, a true diff
    page.goto(f"{live_server.url}/review/")
    card = page.locator(".review-item")
    assert "Sent back earlier by edith" in card.inner_text() and reason in card.inner_text()
    assert "Unchanged since it was sent back." in card.inner_text()
    assert card.locator(".diff").count() == 0 and "Changed since last submission" not in card.inner_text()
    screenshot(page, "approval-card-resubmitted")

    page.goto(f"{live_server.url}/statements/")  # the queue finds verdicts by state
    page.select_option("select[name=verdict]", "submitted")
    page.wait_for_url("**verdict=submitted**")
    page.wait_for_function("document.querySelectorAll('#queue-table .statement-item').length === 1")
    assert page.locator("#queue-table .statement-item").get_attribute("data-statement") == str(statement.pk)

    page.goto(f"{live_server.url}/review/")
    page.click(".review-item button:has-text('Approve')")
    page.wait_for_selector("text=Nothing waits for approval.")
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    assert page.locator("#verdict .verdict-people").inner_text() == "By rita; approved by ed"
    assert page.locator("#verdict .verdict-chip").inner_text() == "Approved"
    ctx.close()
    assert Verdict.objects.get(pk=verdict.pk).state == "approved"
    assert Statement.objects.get(pk=statement.pk).status == "checked"


def test_a_changed_resubmission_shows_what_changed(browser, live_server, reviewer, editor, editor2,
                                                   sample_article, rating_scale):
    from factcheck.models import Rating
    from factcheck.services import review

    statement = sample_article.statements.get(text__startswith="Tajikistan has activated")
    true, mostly = (Rating.objects.get(label=label, scale__is_active=True) for label in ("True", "Mostly true"))
    v = review.verdict_save(statement=statement, user=reviewer, rating=true, rationale="Reported by the ministry.",
                            version=None)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    v = review.verdict_reject(verdict_id=v.pk, version=v.version, user=editor, reason="Too sure.")
    v = review.verdict_save(statement=statement, user=reviewer, rating=mostly,
                            rationale="Reported by the ministry; not confirmed elsewhere.", version=v.version)
    review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    ctx, page = session(browser, live_server, "ed")
    page.goto(f"{live_server.url}/review/")
    card = page.locator(".review-item")
    assert "(was True)" in card.locator(".rating-was").inner_text()
    assert "not confirmed elsewhere." in card.locator(".diff ins").inner_text()
    assert "Unchanged" not in card.inner_text()
    ctx.close()
