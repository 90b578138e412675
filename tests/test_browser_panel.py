"""The article page and statement panel as a reviewer lives them, in a real Chromium: every
answer shown where the person looks, no typed work lost, the article always current, the
keyboard all the way through. (The `page` fixture fails a test on any console error.)"""

import pytest
from playwright.sync_api import expect

from factcheck.models import Evidence, Rating, Statement, Verdict
from factcheck.services import review
from tests.conftest import browser_login, screenshot, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Select the first occurrence of a phrase in the article text, across highlights and links.
SELECT_JS = """([needle]) => {
  const body = document.getElementById('article-body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '', node;
  while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.textContent; }
  const i = text.indexOf(needle);
  if (i < 0) return false;
  const find = (pos, isEnd) => {
    for (const [n, at] of nodes) {
      const len = n.textContent.length;
      if (at <= pos && (isEnd ? pos <= at + len : pos < at + len)) return [n, pos - at];
    }
  };
  const [sn, so] = find(i, false);
  const [en, eo] = find(i + needle.length, true);
  const range = document.createRange();
  range.setStart(sn, so);
  range.setEnd(en, eo);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  return true;
}"""

# Set before an action and read after it: still there means the page was not reloaded.
MARK_PAGE = "window.notReloaded = true"
NOT_RELOADED = "window.notReloaded === true"


def select_text(page, needle):
    assert page.evaluate(SELECT_JS, [needle]), needle


def open_panel(page, live_server, statement):
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    page.wait_for_selector(f".st-panel[data-statement='{statement.pk}']")


def message(page, text):
    page.wait_for_selector(f"#messages li:has-text('{text}')")


@pytest.fixture
def lavrov(sample_article):
    return sample_article.statements.get(kind="quote", text__startswith="“We’ll do everything")


# -- 1. every outcome is said where the person is looking ---------------------------------

def test_an_impossible_span_is_said_in_the_correct_form(page, live_server, reviewer, lavrov):
    page.console_watch.allow_status(422)
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, lavrov)
    page.keyboard.press("e")
    page.fill("#edit-form input[name=start]", "99999")
    page.fill("#edit-form input[name=end]", "100000")
    page.click("#edit-form button[type=submit]")
    error = page.locator("#edit-form .form-error")
    error.locator("text=within the article").wait_for()
    assert error.is_visible()
    assert page.locator("#edit-form input[name=start]").input_value() == "99999"  # what was typed stays
    lavrov.refresh_from_db()
    assert lavrov.version == 1


def test_a_verdict_submitted_without_a_rating_is_refused_and_saves_nothing(page, live_server, reviewer, lavrov,
                                                                            rating_scale):
    page.console_watch.allow_status(422)
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, lavrov)
    page.fill("#verdict-form textarea[name=rationale]", "The base exists; the offer is on record.")
    page.click("#verdict-form button:has-text('Submit for review')")
    page.locator("#verdict-form .form-error:has-text('Choose a rating')").wait_for()
    assert not Verdict.objects.filter(statement=lavrov).exists()  # no silent draft
    assert page.locator("#verdict-form textarea[name=rationale]").input_value() == \
        "The base exists; the offer is on record."


def test_a_conflicting_save_shows_their_change_and_offers_a_reload(page, live_server, reviewer, reviewer2, lavrov):
    page.console_watch.allow_status(409)
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, lavrov)
    # rob saves first, while rita is typing.
    review.statement_update(statement_id=lavrov.pk, version=1, user=reviewer2, data={"cue": "vowed"})
    page.keyboard.press("e")
    page.fill("#edit-form input[name=speaker_as_written]", "Lavrov, the foreign minister")
    page.click("#edit-form button[type=submit]")
    error = page.locator("#edit-form .form-error")
    error.locator("text=changed by rob").wait_for()
    assert "vowed" in error.locator(".their-change").inner_text()  # what rob changed
    assert page.locator("#edit-form input[name=speaker_as_written]").input_value() == "Lavrov, the foreign minister"
    error.locator("button:has-text('Reload')").click()
    expect(page.locator("#edit-form input[name=cue]")).to_have_value("vowed")
    # rita's text is not gone: it is offered back.
    note = page.locator("#edit-form .draft-note")
    assert "Lavrov, the foreign minister" in note.inner_text()
    note.locator("button:has-text('Put it back')").click()
    assert page.locator("#edit-form input[name=speaker_as_written]").input_value() == "Lavrov, the foreign minister"
    page.click("#edit-form button[type=submit]")
    message(page, "Saved.")
    lavrov.refresh_from_db()
    assert (lavrov.cue, lavrov.speaker_as_written) == ("vowed", "Lavrov, the foreign minister")


def test_successes_say_so(browser, page, live_server, reviewer, editor, sample_article, lavrov, rating_scale):
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, lavrov)
    page.select_option("#verdict-form select[name=rating]", label="True")
    page.fill("#verdict-form textarea[name=rationale]", "On the record at the MFA briefing.")
    page.click("#verdict-form button:has-text('Save draft')")
    message(page, "Draft saved.")
    page.click("#verdict-form button:has-text('Submit for review')")
    message(page, "Submitted for review.")
    page.fill("#comment-form textarea[name=text]", "Transcript linked.")
    page.click("#comment-form button:has-text('Post')")
    message(page, "Comment posted.")

    other = sample_article.statements.get(text__startswith="Tajikistan has activated")
    verdict = review.verdict_save(statement=other, user=reviewer, rating=Rating.objects.get(label="True"),
                                  rationale="Ministry figures.", version=None)
    review.verdict_submit(verdict_id=verdict.pk, version=verdict.version, user=reviewer)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    editor_page = context.new_page()
    watch = watch_console(editor_page)
    browser_login(editor_page, live_server, "edith")
    open_panel(editor_page, live_server, lavrov)
    editor_page.click("#verdict button:has-text('Approve')")
    message(editor_page, "Approved.")
    open_panel(editor_page, live_server, other)
    editor_page.fill("#sendback-form textarea[name=reason]", "Which ministry?")
    editor_page.click("#sendback-form button")
    message(editor_page, "Sent back to rita.")
    context.close()
    watch.check()


# -- 2. no work is lost ------------------------------------------------------------------

def test_adding_a_source_keeps_the_rating_rationale_and_comment_being_typed(page, live_server, reviewer, lavrov,
                                                                           rating_scale):
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, lavrov)
    page.select_option("#verdict-form select[name=rating]", label="Mostly true")
    page.fill("#verdict-form textarea[name=rationale]", "Half written rationale")
    page.fill("#comment-form textarea[name=text]", "Half written comment")
    page.fill("#source-form input[name=url]", "https://mid.ru/briefing")
    page.select_option("#source-form select[name=stance]", "supports")
    page.click("#source-form button")
    page.wait_for_selector("#sources a[href='https://mid.ru/briefing']")
    assert page.locator("#verdict-form select[name=rating] option:checked").inner_text() == "Mostly true"
    assert page.locator("#verdict-form textarea[name=rationale]").input_value() == "Half written rationale"
    assert page.locator("#comment-form textarea[name=text]").input_value() == "Half written comment"
    assert page.locator("#source-form input[name=url]").input_value() == ""  # the saved form starts afresh


def test_esc_and_a_reload_keep_the_verdict_draft_and_the_comment(page, live_server, reviewer, lavrov, rating_scale):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{lavrov.article.get_absolute_url()}")
    page.click(f"#statement-list .statement-item[data-statement='{lavrov.pk}'] a")
    page.wait_for_selector(".st-panel")
    page.fill("#verdict-form textarea[name=rationale]", "Lavrov said so on 7 July.")
    page.fill("#comment-form textarea[name=text]", "Ask the desk about the base.")
    page.keyboard.press("Escape")  # leaves the field
    page.keyboard.press("Escape")  # closes the statement
    page.wait_for_selector(".st-panel", state="detached")
    message(page, "kept as a draft")
    page.keyboard.press("Enter")  # the selection stayed on it: open it again
    page.wait_for_selector(f".st-panel[data-statement='{lavrov.pk}']")
    expect(page.locator("#verdict-form textarea[name=rationale]")).to_have_value("Lavrov said so on 7 July.")
    expect(page.locator("#verdict-form .draft-note")).to_be_visible()
    page.reload()
    page.wait_for_selector(".st-panel")
    expect(page.locator("#verdict-form textarea[name=rationale]")).to_have_value("Lavrov said so on 7 July.")
    expect(page.locator("#comment-form textarea[name=text]")).to_have_value("Ask the desk about the base.")
    page.click("#comment-form button:has-text('Post')")
    message(page, "Comment posted.")
    page.reload()
    page.wait_for_selector(".st-panel")
    assert page.locator("#comment-form textarea[name=text]").input_value() == ""  # posted: no draft left
    assert not Verdict.objects.filter(statement=lavrov).exists()  # nothing was saved behind her back


def test_closing_an_untouched_statement_keeps_no_draft_and_says_none(page, live_server, reviewer, lavrov, rating_scale):
    """Lists whose first option shows by default (assignee, stance, rating) are not typed work."""
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{lavrov.article.get_absolute_url()}")
    page.click(f"#statement-list .statement-item[data-statement='{lavrov.pk}'] a")
    page.wait_for_selector(".st-panel")
    page.keyboard.press("Escape")
    page.wait_for_selector(".st-panel", state="detached")
    page.wait_for_timeout(300)
    assert page.locator("text=kept as a draft").count() == 0
    page.keyboard.press("Enter")
    page.wait_for_selector(f".st-panel[data-statement='{lavrov.pk}']")
    assert page.locator(".draft-note").count() == 0


# -- 3. the article is always current ----------------------------------------------------

def article_marks(page, statement_id):
    return page.locator(f"#article-body mark[data-ids~='{statement_id}']")


def test_changes_update_the_article_text_list_and_counts_in_place(page, live_server, reviewer, sample_article,
                                                                   rating_scale):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    page.evaluate(MARK_PAGE)
    total = int(page.locator("[data-count=total]").inner_text())

    select_text(page, "20,000 reservists")  # a new claim from a selection
    page.keyboard.press("c")
    page.wait_for_selector(".st-panel blockquote:has-text('20,000 reservists')")
    added = Statement.objects.get(origin="person")
    assert article_marks(page, added.pk).count() >= 1
    assert page.locator(f"#statement-list [data-statement='{added.pk}']").count() == 1
    assert page.locator("[data-count=total]").inner_text() == str(total + 1)

    select_text(page, "activated 20,000 reservists")  # a span edit by selection
    page.keyboard.press("r")
    message(page, "Saved.")
    assert "activated 20,000 reservists" in article_marks(page, added.pk).all_inner_texts()[0] + \
        "".join(article_marks(page, added.pk).all_inner_texts())

    page.select_option("#verdict-form select[name=rating]", label="True")
    page.fill("#verdict-form textarea[name=rationale]", "Figures from the ministry.")
    page.click("#verdict-form button:has-text('Save draft')")
    message(page, "Draft saved.")
    page.wait_for_selector(f"#statement-list [data-statement='{added.pk}'] .verdict-chip:has-text('True')",
                           state="attached")
    assert "st-verdict" in article_marks(page, added.pk).first.get_attribute("class")

    page.locator("#edit-section").evaluate("details => { details.open = true; }")
    page.click("#edit-section button:has-text('Delete')")
    page.wait_for_selector(".st-panel .alert:has-text('deleted')")
    assert article_marks(page, added.pk).count() == 0
    assert page.locator(f"#statement-list [data-statement='{added.pk}']").count() == 0
    assert page.locator("[data-count=total]").inner_text() == str(total)
    assert page.evaluate(NOT_RELOADED)


# -- 4. the keyboard all the way through -------------------------------------------------

def test_j_k_u_walk_the_statements_with_the_panel_open_and_esc_keeps_the_place(page, live_server, reviewer,
                                                                              sample_article, rating_scale):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    ids = page.locator("#statement-list .statement-item").evaluate_all("els => els.map(e => e.dataset.statement)")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".st-panel[data-statement='{ids[0]}']")
    page.keyboard.press("j")
    page.wait_for_selector(f".st-panel[data-statement='{ids[1]}']")
    page.keyboard.press("j")
    page.wait_for_selector(f".st-panel[data-statement='{ids[2]}']")
    page.keyboard.press("k")
    page.wait_for_selector(f".st-panel[data-statement='{ids[1]}']")
    assert page.url.endswith(f"/statements/{ids[1]}/")
    page.keyboard.press("Escape")
    page.wait_for_selector(".st-panel", state="detached")
    assert page.locator(".statement-item.is-selected").get_attribute("data-statement") == ids[1]
    page.keyboard.press("j")
    assert page.locator(".statement-item.is-selected").get_attribute("data-statement") == ids[2]

    # u: the next one nobody has looked at, skipping what is in progress.
    third = Statement.objects.get(pk=ids[3])
    review.statement_update(statement_id=third.pk, version=third.version, user=reviewer,
                            data={"status": "in_progress"})
    page.reload()
    page.locator(f".statement-item[data-statement='{ids[2]}'] a").click()
    page.wait_for_selector(f".st-panel[data-statement='{ids[2]}']")
    page.locator("#st-summary").click()  # focus out of the link, as a person reading would
    page.keyboard.press("u")
    page.wait_for_selector(f".st-panel[data-statement='{ids[4]}']")

    # Enter saves the focused form, here from the rating list.
    page.keyboard.press("v")
    page.select_option("#verdict-form select[name=rating]", label="True")
    page.focus("#verdict-form select[name=rating]")
    page.keyboard.press("Enter")
    message(page, "Draft saved.")
    assert Verdict.objects.get(statement_id=ids[4]).rating.label == "True"
    # ... and Ctrl+Enter from a text box.
    page.fill("#comment-form textarea[name=text]", "Checked against the wire.")
    page.keyboard.press("Control+Enter")
    message(page, "Comment posted.")


def test_keys_add_each_kind_set_a_span_split_and_merge(page, live_server, reviewer, sample_article):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    select_text(page, "It’s unlikely that the Taliban would open up a front in Tajikistan")
    page.keyboard.press("i")
    page.wait_for_selector(".st-panel .badge:has-text('indirect quote')")
    indirect = Statement.objects.get(origin="person")
    assert (indirect.kind, indirect.quote_type) == ("quote", "indirect")
    select_text(page, "bolster the border")
    page.keyboard.press("q")
    page.wait_for_selector(".st-panel blockquote:text-is('bolster the border')")
    assert page.locator("#st-summary .badge").first.inner_text().lower() == "direct quote"
    direct = Statement.objects.get(origin="person", quote_type="direct")
    assert direct.text == "bolster the border"

    # The indirect quote: span by selection, split at a selection, merge back by key.
    page.goto(f"{live_server.url}{indirect.get_absolute_url()}")
    select_text(page, "It’s unlikely that the Taliban would open up a front")
    page.keyboard.press("r")
    message(page, "Saved.")
    indirect.refresh_from_db()
    assert indirect.text == "It’s unlikely that the Taliban would open up a front"
    select_text(page, "would open")
    page.keyboard.press("x")
    message(page, "Split in two.")
    indirect.refresh_from_db()
    assert indirect.text == "It’s unlikely that the Taliban "
    second = Statement.objects.get(origin="person", kind="quote", quote_type="indirect", start=indirect.end)
    assert second.text == "would open up a front"
    page.wait_for_selector("[data-shortcut=m]")
    assert "would open up a front" in page.locator("#merge-next-form").inner_text()
    page.keyboard.press("m")
    message(page, "Merged.")
    indirect.refresh_from_db()
    assert indirect.text == "It’s unlikely that the Taliban would open up a front"
    assert Statement.objects.get(pk=second.pk).deleted_at is not None


def test_the_shortcut_list_shows_the_keys_that_work(page, live_server, reviewer, sample_article, lavrov):
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, lavrov)
    page.keyboard.press("?")
    listed = page.locator("#shortcut-list dt").all_inner_texts()
    for keys in ("j / k", "u", "Enter", "e", "s", "v", "a", "m / M", "c / q / i", "r", "x", "Esc", "?"):
        assert keys in listed, keys
    page.keyboard.press("Escape")
    page.goto(f"{live_server.url}/statements/")  # the queue: no article, no article keys
    page.keyboard.press("?")
    listed = page.locator("#shortcut-list dt").all_inner_texts()
    assert "c / q / i" not in listed and "x" not in listed and "?" in listed


# -- 8. the legend -----------------------------------------------------------------------

def test_nested_span_and_verdict_look_different_and_the_legend_says_which_is_which(page, live_server, reviewer,
                                                                                  sample_article, lavrov,
                                                                                  rating_scale):
    review.verdict_save(statement=lavrov, user=reviewer, rating=Rating.objects.get(label="True"), rationale="",
                        version=None)
    outer = sample_article.statements.filter(start__lte=lavrov.start, end__gte=lavrov.end).exclude(pk=lavrov.pk)
    if not outer.exists():
        review.statement_create(article=sample_article, start=lavrov.start - 10, end=lavrov.end, kind="claim",
                                user=reviewer)
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    style = """el => { const s = getComputedStyle(el);
      return {border: s.borderBottomStyle + ' ' + s.borderBottomWidth + ' ' + s.borderBottomColor,
              decoration: s.textDecorationLine + ' ' + s.textDecorationStyle + ' ' + s.textDecorationColor}; }"""
    verdict_mark = page.locator("#article-body mark.st-verdict").first.evaluate(style)
    overlap_mark = page.locator("#article-body mark.hl-overlap:not(.st-verdict)").first.evaluate(style)
    assert verdict_mark["border"].startswith("solid")  # a verdict: a solid line under the words
    assert overlap_mark["border"] != verdict_mark["border"]
    assert "overline" in overlap_mark["decoration"] and "overline" not in verdict_mark["decoration"].replace(
        overlap_mark["decoration"], "")
    legend = page.locator("#legend")
    assert legend.locator(".st-verdict").evaluate(style)["border"] == verdict_mark["border"]
    assert legend.locator(".hl-overlap").evaluate(style)["decoration"] == overlap_mark["decoration"]
    assert "has a verdict" in legend.inner_text() and "overlap" in legend.inner_text()
    screenshot(page, "article-page-legend")


# -- 9. small things people notice -------------------------------------------------------

def test_link_suggestions_go_once_added_and_a_stance_must_be_chosen(page, live_server, reviewer):
    from factcheck.services.importing import import_text

    article = import_text("Call-up\n\nThe ministry [announced a call-up](https://mod.example/call-up) of "
                          "20,000 reservists on Thursday.", user=reviewer).article
    claim = review.statement_create(article=article, start=article.text.index("announced"),
                                    end=article.text.index(" on Thursday"), kind="claim", user=reviewer)
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, claim)
    # A new source has no stance until one is chosen; the browser asks for it.
    assert page.locator("#source-form select[name=stance]").input_value() == ""
    page.fill("#source-form input[name=url]", "https://mod.example/statement")
    page.click("#source-form button")
    assert page.evaluate("document.querySelector('#source-form select[name=stance]').validity.valueMissing")
    assert not Evidence.objects.exists()
    suggestion = page.locator(".suggestions form:has-text('announced a call-up')")
    suggestion.locator("select[name=stance]").select_option("supports")
    suggestion.locator("button").click()
    page.wait_for_selector("#sources .evidence a[href='https://mod.example/call-up']")
    assert page.locator(".suggestions form:has-text('announced a call-up')").count() == 0
    assert Evidence.objects.get().stance == "supports"
    expect(page.locator("#source-form input[name=url]")).to_have_value("https://mod.example/statement")


def test_a_hand_added_claim_says_who_added_it(page, live_server, reviewer, sample_article):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    select_text(page, "20,000 reservists")
    page.keyboard.press("c")
    page.wait_for_selector(".st-panel blockquote:has-text('20,000 reservists')")
    summary = page.locator("#st-summary").inner_text()
    assert "Added by rita" in summary
    assert "Check-worthiness" not in summary and "Person" not in summary


def test_typing_a_speaker_logs_nothing_and_offers_names(page, live_server, reviewer, lavrov):
    browser_login(page, live_server, "rita")
    open_panel(page, live_server, lavrov)
    page.keyboard.press("e")
    page.fill("#edit-form input[name=speaker_name]", "")
    page.locator("#edit-form input[name=speaker_name]").press_sequentially("Lavr", delay=60)
    page.wait_for_selector("#speaker-options option[value='Sergei Lavrov']", state="attached")
    page.console_watch.check()


def test_the_console_stays_clean_on_every_page(page, live_server, editor, reviewer, sample_article, lavrov,
                                               rating_scale):
    browser_login(page, live_server, "edith")
    for path in ("/", sample_article.get_absolute_url(), lavrov.get_absolute_url(), "/statements/",
                 "/statements/?assignee=me", "/review/", "/dashboard/", "/import/", "/import/?tab=upload",
                 "/import/?tab=url"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    page.console_watch.check()


# -- the screenshots the note describes --------------------------------------------------

def test_screenshots_of_the_article_and_a_verdict_being_written(page, live_server, reviewer, sample_article,
                                                                 lavrov, rating_scale):
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{sample_article.get_absolute_url()}")
    page.keyboard.press("j")
    screenshot(page, "panel-article-page")
    page.keyboard.press("Enter")
    page.wait_for_selector(".st-panel")
    page.keyboard.press("v")
    page.select_option("#verdict-form select[name=rating]", label="True")
    page.fill("#verdict-form textarea[name=rationale]", "Lavrov said it at the 8 July briefing; the MFA "
                                                        "transcript has the quote word for word.")
    page.locator("#verdict").scroll_into_view_if_needed()
    screenshot(page, "panel-verdict-being-written")
