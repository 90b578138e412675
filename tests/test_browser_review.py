"""The review workbench in a real Chromium: keyboard, selection, corrections, sources, verdicts,
and the editorial round trip."""

import pytest

from factcheck.models import Statement, Verdict
from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SELECT_JS = """([needle]) => {
  const body = document.getElementById('article-body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const i = node.textContent.indexOf(needle);
    if (i >= 0) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + needle.length);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
  }
  return false;
}"""


def open_statement(page, text_start, kind="statement-item"):
    page.click(f"#statement-list .{kind} a:has-text('{text_start}')")
    page.wait_for_selector(".st-panel")


def test_reviewer_works_through_the_sample(page, live_server, reviewer, sample_article, rating_scale):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    page.wait_for_selector("mark.hl-direct")
    screenshot(page, "workbench-article")

    # j/k move through the statements; Enter opens one; Esc goes back.
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.locator(".statement-item.is-selected").count() == 1
    first_id = page.locator(".statement-item.is-selected").get_attribute("data-statement")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".st-panel[data-statement='{first_id}']")
    page.keyboard.press("?")
    assert page.locator("#shortcuts").is_visible()
    page.keyboard.press("Escape")

    # Fix a speaker: "Russia said it is prepared..." becomes the Russian Defence Ministry.
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    open_statement(page, "it is prepared to activate", kind="indirect")
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.name") == "kind"
    page.fill("#edit-form input[name=speaker_name]", "Russian Defence Ministry")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector(".timeline li:has-text('update statement')")
    fixed = Statement.objects.get(text__startswith="it is prepared to activate")
    assert fixed.speaker.name == "Russian Defence Ministry" and fixed.version == 2
    assert "Russian Defence Ministry" in page.locator(".st-panel .who").inner_text()

    # Add a claim by selecting text in the article and pressing n.
    assert page.evaluate(SELECT_JS, ["20,000 reservists"])
    page.keyboard.press("n")
    page.click("#new-statement button[value=claim]")
    page.wait_for_selector(".st-panel blockquote:has-text('20,000 reservists')")
    added = Statement.objects.get(origin="person")
    assert added.text == "20,000 reservists" and sample_article.text[added.start:added.end] == added.text

    # Attach a source (s focuses the form), then draft and submit a verdict (v).
    page.keyboard.press("s")
    page.keyboard.type("https://mod.tj/reservists")
    page.fill("#source-form input[name=title]", "Defence ministry statement")
    page.select_option("#source-form select[name=source_type]", "press_release")
    page.select_option("#source-form select[name=stance]", "supports")
    page.click("#source-form button")
    page.wait_for_selector("#sources a:has-text('Defence ministry statement')")
    page.keyboard.press("v")
    page.select_option("#verdict-form select[name=rating]", label="True")
    page.fill("#verdict-form textarea[name=rationale]", "The ministry announced the call-up of 20,000 reservists.")
    page.click("#verdict-form button:has-text('Save draft')")
    page.wait_for_selector("#verdict .verdict-chip:has-text('Draft')")
    page.click("#verdict-form button:has-text('Submit for review')")
    page.wait_for_selector("#verdict .verdict-chip:has-text('Submitted')")
    assert Verdict.objects.get(statement=added).state == "submitted"
    screenshot(page, "workbench-panel")


def test_editorial_round_trip(browser, live_server, reviewer, editor, editor2, sample_article, rating_scale):
    from factcheck.models import Rating
    from factcheck.services import review

    statement = sample_article.statements.get(text__startswith="Tajikistan has activated")
    rating = Rating.objects.get(label="True", scale__is_active=True)
    verdict = review.verdict_save(statement=statement, user=reviewer, rating=rating,
                                  rationale="Reported by the ministry.", version=None)
    review.verdict_submit(verdict_id=verdict.pk, version=verdict.version, user=reviewer)

    def session(username):
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        browser_login(page, live_server, username)
        return context, page

    ctx, page = session("edith")  # editor sends back with a reason
    page.goto(f"{live_server.url}/review/")
    page.fill(".review-item textarea[name=reason]", "Link the ministry's own statement.")
    page.click(".review-item button:has-text('Send back')")
    page.wait_for_selector("text=Nothing waits for approval.")
    ctx.close()

    ctx, page = session("rita")  # the reviewer revises and resubmits
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    assert "Link the ministry's own statement." in page.locator("#verdict-returned").inner_text()
    page.fill("#verdict-form textarea[name=rationale]", "Reported by the ministry in its statement of 7 July.")
    page.click("#verdict-form button:has-text('Submit again')")
    page.wait_for_selector("#verdict .verdict-chip:has-text('Submitted')")
    ctx.close()

    ctx, page = session("ed")  # a second editor sees the word diff and approves
    page.goto(f"{live_server.url}/review/")
    assert page.locator(".review-item .diff ins").count() >= 1
    screenshot(page, "approval-queue")
    page.click(".review-item button:has-text('Approve')")
    page.wait_for_selector("text=Nothing waits for approval.")
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    timeline = page.locator(".st-panel .timeline").inner_text()
    for step in ("edith transition verdict", "Link the ministry's own statement.", "rita transition verdict",
                 "ed transition verdict"):
        assert step in timeline
    screenshot(page, "timeline")
    ctx.close()
    assert Verdict.objects.get(pk=verdict.pk).state == "approved"


def test_selection_offsets_survive_emoji_accents_and_curly_quotes(page, live_server, reviewer):
    from factcheck.services.importing import import_text

    article = import_text("Überschrift für alle\n\nThe café’s owner 😀 said “prices rose 40% 📈 since May” and "
                          "the city agreed, officials said on Monday.").article
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.evaluate(SELECT_JS, ["rose 40% 📈 since May"])
    page.keyboard.press("n")
    page.click("#new-statement button[value=claim]")
    page.wait_for_selector(".st-panel blockquote")
    added = Statement.objects.get(origin="person")
    assert added.text == "rose 40% 📈 since May" == article.text[added.start:added.end]


def test_shortcuts_do_not_fire_while_typing(page, live_server, reviewer, sample_article):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    page.keyboard.press("j")
    selected = page.locator(".statement-item.is-selected").get_attribute("data-statement")
    open_statement(page, "Given the current situation")
    page.click("#comments textarea[name=text]")
    page.keyboard.type("just a note, kept as typed: j k e s v a ?")
    assert page.locator("#comments textarea[name=text]").input_value() == "just a note, kept as typed: j k e s v a ?"
    assert not page.locator("#shortcuts").is_visible()
    assert selected
