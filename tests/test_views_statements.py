"""Statement panel, corrections, sources, verdicts and the queue through real HTTP requests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.models import Article, Rating, Speaker, Statement, Verdict
from factcheck.services import review

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def quote(sample_article):
    return sample_article.statements.get(kind="quote", text__startswith="“We’ll do everything")


def test_statement_page_full_and_partial(reviewer_client, quote):
    full = reviewer_client.get(quote.get_absolute_url())
    assert full.status_code == 200 and b"<html" in full.content
    assert b"Sergei Lavrov" in full.content and b'id="article-body"' in full.content
    partial = reviewer_client.get(quote.get_absolute_url(), **HX)
    assert b"<html" not in partial.content and b'class="st-panel"' in partial.content


def test_edit_speaker_htmx_returns_panel(reviewer_client, quote):
    response = reviewer_client.post(reverse("statement-edit", args=[quote.pk]), {
        "version": quote.version, "kind": "quote", "quote_type": "direct", "speaker_name": "Sergey Lavrov",
        "speaker_as_written": "he", "cue": "said", "status": "in_progress", "assignee": "",
        "start": quote.start, "end": quote.end}, **HX)
    assert response.status_code == 200 and b"<html" not in response.content
    quote.refresh_from_db()
    assert quote.speaker.name == "Sergei Lavrov"  # the alias found the same person
    assert quote.status == "in_progress" and quote.version == 2


def test_edit_without_js_redirects_back(reviewer_client, quote):
    response = reviewer_client.post(reverse("statement-edit", args=[quote.pk]), {
        "version": quote.version, "kind": "claim", "status": "unreviewed", "start": quote.start, "end": quote.end})
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    quote.refresh_from_db()
    assert quote.kind == "claim"


def test_concurrent_edit_gets_409_with_name(client, reviewer, reviewer2, quote):
    review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer2, data={"cue": "stated"})
    client.force_login(reviewer)
    response = client.post(reverse("statement-edit", args=[quote.pk]), {
        "version": quote.version, "kind": "quote", "quote_type": "direct", "status": "unreviewed",
        "cue": "declared", "start": quote.start, "end": quote.end}, **HX)
    assert response.status_code == 409
    assert b"changed by rob" in response.content
    quote.refresh_from_db()
    assert quote.cue == "stated"


def test_double_submit_changes_once(reviewer_client, quote):
    data = {"version": quote.version, "kind": "quote", "quote_type": "direct", "status": "dismissed",
            "start": quote.start, "end": quote.end}
    first = reviewer_client.post(reverse("statement-edit", args=[quote.pk]), data, **HX)
    second = reviewer_client.post(reverse("statement-edit", args=[quote.pk]), data, **HX)
    assert (first.status_code, second.status_code) == (200, 409)
    quote.refresh_from_db()
    assert quote.version == 2


def test_bad_input_renders_inline_not_500(reviewer_client, quote):
    response = reviewer_client.post(reverse("statement-edit", args=[quote.pk]), {
        "version": "x", "kind": "nonsense", "start": "-4", "end": ""}, **HX)
    assert response.status_code == 422 and b'role="alert"' in response.content
    response = reviewer_client.post(reverse("statement-edit", args=[quote.pk]), {
        "version": quote.version, "kind": "quote", "quote_type": "direct", "status": "unreviewed",
        "start": 0, "end": 99999}, **HX)
    assert response.status_code == 422 and b"within the article" in response.content


def test_add_statement_from_selection(reviewer_client, sample_article):
    text = sample_article.text
    start = text.index("20,000 reservists")
    response = reviewer_client.post(reverse("statement-create", args=[sample_article.pk]),
                                    {"start": start, "end": start + len("20,000 reservists"), "kind": "claim"}, **HX)
    assert response.status_code == 200
    st = Statement.objects.get(origin="person")
    assert st.text == "20,000 reservists"
    bad = reviewer_client.post(reverse("statement-create", args=[sample_article.pk]),
                               {"start": "a", "end": "b", "kind": "claim"}, **HX)
    assert bad.status_code == 422


def test_sources_and_link_suggestion(reviewer_client, quote):
    response = reviewer_client.post(reverse("evidence-add", args=[quote.pk]), {
        "url": "https://mid.ru/en/press/1", "title": "Briefing", "publisher": "MFA", "source_type": "transcript",
        "stance": "supports", "excerpt": "We will do everything", "note": ""}, **HX)
    assert response.status_code == 200 and b"Briefing" in response.content
    bad = reviewer_client.post(reverse("evidence-add", args=[quote.pk]), {"url": "javascript:alert(1)",
                                                                          "source_type": "other", "stance": "context"}, **HX)
    assert bad.status_code == 422
    assert quote.evidence.count() == 1


def test_verdict_draft_submit_and_editor_approval(client, reviewer, editor, quote):
    rating = Rating.objects.get(label="Mostly true", scale__is_active=True)
    client.force_login(reviewer)
    client.post(reverse("verdict-save", args=[quote.pk]), {"rating": rating.pk, "rationale": "Matches the transcript."}, **HX)
    verdict = Verdict.objects.get(statement=quote)
    assert verdict.state == "draft"
    client.post(reverse("verdict-save", args=[quote.pk]), {"rating": rating.pk, "rationale": "Matches the transcript.",
                                                            "version": verdict.version, "submit": "1"}, **HX)
    verdict.refresh_from_db()
    assert verdict.state == "submitted"
    own = client.post(reverse("verdict-action", args=[verdict.pk, "approve"]), {"version": verdict.version}, **HX)
    assert own.status_code == 403  # a reviewer, and the author
    client.force_login(editor)
    queue = client.get(reverse("approval-queue"))
    assert b"Matches the transcript." in queue.content
    ok = client.post(reverse("verdict-action", args=[verdict.pk, "approve"]),
                     {"version": verdict.version, "from": "queue"}, **HX)
    assert ok.status_code == 200
    assert "Approved." in ok.content.decode()  # the card leaves the queue, and the editor is told why
    verdict.refresh_from_db()
    assert verdict.state == "approved"


def test_forged_posts_change_nothing(client, reviewer, editor, quote):
    rating = Rating.objects.get(label="False", scale__is_active=True)
    v = review.verdict_save(statement=quote, user=editor, rating=rating, rationale="x", version=None)
    client.force_login(editor)
    wrong_state = client.post(reverse("verdict-action", args=[v.pk, "approve"]), {"version": v.version}, **HX)
    assert wrong_state.status_code in (403, 409)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=editor)
    own = client.post(reverse("verdict-action", args=[v.pk, "approve"]), {"version": v.version}, **HX)
    assert own.status_code == 403
    client.force_login(reviewer)
    not_author = client.post(reverse("verdict-save", args=[quote.pk]), {"rating": rating.pk, "rationale": "mine",
                                                                        "version": v.version}, **HX)
    assert not_author.status_code == 409  # submitted: not editable by anyone
    assert client.post(reverse("verdict-action", args=[v.pk, "explode"]), {}).status_code == 404
    v.refresh_from_db()
    assert (v.state, v.rationale) == ("submitted", "x")


def test_speaker_type_ahead_uses_aliases(reviewer_client, sample_article):
    response = reviewer_client.get(reverse("speaker-search"), {"speaker_name": "lavr"})
    assert b'<option value="Sergei Lavrov">' in response.content
    assert reviewer_client.get(reverse("speaker-search"), {"speaker_name": "x"}).content.strip() == b""


def test_comments_thread(reviewer_client, quote):
    reviewer_client.post(reverse("comment-add", args=[quote.pk]), {"text": "Check the MFA transcript."}, **HX)
    page = reviewer_client.get(quote.get_absolute_url(), **HX)
    assert b"Check the MFA transcript." in page.content and b"rita" in page.content


def test_delete_and_undo_via_http(reviewer_client, quote):
    reviewer_client.post(reverse("statement-delete", args=[quote.pk]), {"version": quote.version}, **HX)
    page = reviewer_client.get(quote.article.get_absolute_url())
    assert f'data-statement="{quote.pk}"'.encode() not in page.content
    reviewer_client.post(reverse("statement-restore", args=[quote.pk]), {}, **HX)
    assert Statement.objects.live().filter(pk=quote.pk).exists()


def big_article(n: int) -> Article:
    from factcheck.models import Outlet

    sentence = "The ministry said 1,200 troops were moved to the border on Monday. "
    article = Article.objects.create(title=f"Big {n}", text=sentence * n, content_hash=f"big-{n}",
                                     outlet=Outlet.objects.create(name=f"Outlet {n}"))
    speakers = [Speaker.objects.create(name=f"Speaker {i}") for i in range(5)]
    Statement.objects.bulk_create(
        Statement(article=article, kind="quote" if i % 2 else "claim", quote_type="indirect" if i % 2 else "",
                  start=i * len(sentence), end=(i + 1) * len(sentence) - 1, text=sentence[:-1],
                  speaker=speakers[i % 5] if i % 2 else None)
        for i in range(n))
    return article


def test_article_page_queries_do_not_grow_with_statements(reviewer_client, django_assert_max_num_queries):
    small, large = big_article(30), big_article(300)
    counts = []
    for article in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            assert reviewer_client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] and counts[1] <= 15


def test_queue_filters_search_sort_and_my_queue(reviewer_client, reviewer, sample_article):
    url = reverse("statement-queue")
    assert reviewer_client.get(url).context["page"].paginator.count == sample_article.statements.to_check().count()
    quotes = reviewer_client.get(url, {"kind": "quote", "quote_type": "direct"}).context["page"].paginator.count
    assert quotes == 4
    found = reviewer_client.get(url, {"q": "reservists"}).context["page"].object_list
    assert [s.text[:10] for s in found] == ["Tajikistan"]
    by_name = reviewer_client.get(url, {"q": "Sultonov"}).context["page"].object_list
    assert [s.speaker.name for s in by_name] == ["Hasan Sultonov"]  # the speaker's name counts
    by_title = reviewer_client.get(url, {"q": "activate military base", "in_articles": "on"}).context["page"]
    assert by_title.paginator.count == sample_article.statements.to_check().count()  # the title, when asked for
    by_speaker = reviewer_client.get(url, {"speaker": "Lavrov"}).context["page"].paginator.count
    assert by_speaker == 4
    assert reviewer_client.get(url, {"assignee": "me"}).context["page"].paginator.count == 0
    partial = reviewer_client.get(url, {"no_source": "on"}, **HX)
    assert b"<html" not in partial.content and b'id="queue-table"' in partial.content
    ids = list(sample_article.statements.to_check().values_list("pk", flat=True)[:3])
    reviewer_client.post(reverse("statement-bulk"), {"ids": ids, "assignee": reviewer.pk, "status": "in_progress"})
    mine = reviewer_client.get(url, {"assignee": "me", "sort": "score"}).context["page"]
    assert sorted(s.pk for s in mine.object_list) == sorted(ids)
    assert reviewer_client.get(url, {"since": "not-a-date"}).status_code == 200


def test_queue_counts_up_to_a_cap_and_says_so(reviewer_client, sample_article, monkeypatch):
    from factcheck.views.common import CappedPaginator

    live = sample_article.statements.to_check().count()
    url = reverse("statement-queue")
    monkeypatch.setattr(CappedPaginator, "cap", live)
    page = reviewer_client.get(url).context["page"]
    assert page.paginator.count == live and not page.paginator.capped
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    response = reviewer_client.get(url)
    assert response.context["page"].paginator.capped
    assert b"More than 5 statements" in response.content
    assert reviewer_client.get(url, {"kind": "quote", "quote_type": "direct"}).context["page"].paginator.count == 4


def test_a_speaker_without_record_shows_as_written_in_panel_queue_and_csv(reviewer_client, quote):
    """A mention that resolves to no Speaker ("a Pentagon spokesperson") keeps its words, and
    the panel, the queue and the CSV all show them."""
    Statement.objects.filter(pk=quote.pk).update(speaker=None, speaker_as_written="a Pentagon spokesperson")
    panel = reviewer_client.get(quote.get_absolute_url(), **HX)
    assert "a Pentagon spokesperson" in panel.content.decode()
    listing = reviewer_client.get(reverse("statement-queue"), {"kind": "quote"})
    assert "a Pentagon spokesperson" in listing.content.decode()
    export = reviewer_client.get(reverse("statement-queue"), {"kind": "quote", "export": "csv"})
    assert "a Pentagon spokesperson" in b"".join(export.streaming_content).decode()
