"""What the panel's htmx answers carry: the part that was used, the parts it changed, the
article and list out of band, messages, and refusals that change nothing."""

import re

import pytest
from django.urls import reverse

from factcheck.models import Rating, Verdict

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def quote(sample_article):
    return sample_article.statements.get(kind="quote", text__startswith="“We’ll do everything")


def edit(client, quote, **changes):
    data = {"version": quote.version, "kind": "quote", "quote_type": "direct", "speaker_name": "Sergei Lavrov",
            "speaker_as_written": "", "cue": "said", "status": "in_progress", "assignee": "",
            "start": quote.start, "end": quote.end} | changes
    return client.post(reverse("statement-edit", args=[quote.pk]), data, **HX)


def test_a_correction_answers_with_its_part_the_changed_parts_and_the_article(reviewer_client, quote):
    response = edit(reviewer_client, quote, cue="vowed")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<details class="section" id="edit-section"')
    for part in ("st-summary", "st-history", "article-body", "statement-index", "messages"):
        assert re.search(rf'id="{part}"[^>]*hx-swap-oob="true"', body), part
    assert 'id="verdict"' not in body and 'id="comments"' not in body  # their typing is left alone
    assert "Saved." in body


def test_a_comment_leaves_the_article_alone(reviewer_client, quote):
    response = reviewer_client.post(reverse("comment-add", args=[quote.pk]), {"text": "Check the MFA site."}, **HX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="section" id="comments"')
    assert 'id="article-body"' not in body and "Comment posted." in body


def test_a_refused_submission_saves_no_draft(reviewer_client, quote):
    response = reviewer_client.post(reverse("verdict-save", args=[quote.pk]),
                                    {"rating": "", "rationale": "Half a thought", "submit": "1"}, **HX)
    assert response.status_code == 422 and b"Choose a rating before submitting." in response.content  # only what is missing
    assert not Verdict.objects.exists()
    rating = Rating.objects.filter(scale__is_active=True).first()
    ok = reviewer_client.post(reverse("verdict-save", args=[quote.pk]),
                              {"rating": rating.pk, "rationale": "Said at the briefing.", "submit": "1"}, **HX)
    assert ok.status_code == 200 and Verdict.objects.get().state == "submitted"


def test_a_conflict_names_their_change_and_offers_that_part_again(reviewer_client, reviewer2, quote):
    from factcheck.services import review

    review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer2, data={"cue": "vowed"})
    response = edit(reviewer_client, quote, cue="insisted")
    body = response.content.decode()
    assert response.status_code == 409 and "changed by rob" in body
    assert "vowed" in body and reverse("statement-section", args=[quote.pk, "edit"]) in body
    again = reviewer_client.get(reverse("statement-section", args=[quote.pk, "edit"]))
    assert again.status_code == 200 and b'value="vowed"' in again.content
    assert reviewer_client.get(reverse("statement-section", args=[quote.pk, "nonsense"])).status_code == 404


def test_without_javascript_the_message_waits_for_the_next_page(reviewer_client, quote):
    response = reviewer_client.post(reverse("comment-add", args=[quote.pk]), {"text": "A note."})
    assert response.status_code == 302
    page = reviewer_client.get(response["Location"])
    assert b"Comment posted." in page.content


def test_going_back_in_the_browser_gets_the_whole_page(reviewer_client, quote):
    response = reviewer_client.get(quote.get_absolute_url(), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX)
    assert b"<html" in response.content and b'id="article-body"' in response.content


def test_suggestions_already_cited_are_not_offered_again(reviewer_client, reviewer):
    from factcheck.services import review
    from factcheck.services.importing import import_text

    article = import_text("Call-up\n\nThe ministry [announced a call-up](https://mod.example/call-up) of "
                          "20,000 reservists.", user=reviewer).article
    claim = review.statement_create(article=article, start=article.text.index("announced"), end=len(article.text),
                                    kind="claim", user=reviewer)
    assert b"+ announced a call-up" in reviewer_client.get(claim.get_absolute_url()).content
    reviewer_client.post(reverse("evidence-add", args=[claim.pk]), {
        "url": "https://mod.example/call-up", "source_type": "news_report", "stance": "supports"}, **HX)
    assert b"+ announced a call-up" not in reviewer_client.get(claim.get_absolute_url()).content
    no_stance = reviewer_client.post(reverse("evidence-add", args=[claim.pk]), {
        "url": "https://mod.example/other", "source_type": "news_report", "stance": ""}, **HX)
    assert no_stance.status_code == 422 and b"Stance" in no_stance.content
