"""The review services: corrections, sources, verdict workflow, four eyes, history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.models import Change, Evidence, Rating, Source, Speaker, Statement, Verdict
from factcheck.services import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(sample_article):
    return sample_article.statements.get(kind="quote", text__startswith="“We’ll do everything")


@pytest.fixture
def false_rating():
    return Rating.objects.get(scale__is_active=True, label="False")


def test_speaker_correction_creates_and_links_speaker_with_history(quote, reviewer):
    st = review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer,
                                 data={"speaker_name": "Maria Zakharova"})
    assert st.speaker.name == "Maria Zakharova" and st.version == quote.version + 1
    change = Change.objects.get(model="statement", object_id=st.pk, action="update")
    assert change.actor == reviewer
    assert change.changes["speaker"] == ["Sergei Lavrov", "Maria Zakharova"]
    assert change.article == st.article and change.statement == st


def test_stale_version_is_a_conflict_naming_who_saved(quote, reviewer, reviewer2):
    review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer2,
                            data={"cue": "stated"})
    with pytest.raises(review.Conflict, match="rob"):
        review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer,
                                data={"cue": "declared"})
    assert Statement.objects.get(pk=quote.pk).cue == "stated"


def test_moving_a_span_keeps_text_equal_to_the_article(quote, reviewer):
    st = review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer,
                                 data={"start": quote.start + 1, "end": quote.end - 1})
    assert st.text == st.article.text[st.start:st.end]
    with pytest.raises(ValidationError):
        review.statement_update(statement_id=st.pk, version=st.version, user=reviewer,
                                data={"start": 0, "end": len(st.article.text) + 5})


def test_switching_to_claim_clears_quote_type(quote, reviewer):
    st = review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer,
                                 data={"kind": "claim"})
    assert (st.kind, st.quote_type) == ("claim", "")


def test_split_and_merge(quote, reviewer):
    at = quote.start + quote.text.index(" including")
    first, second = review.statement_split(statement_id=quote.pk, version=quote.version, at=at, user=reviewer)
    assert first.end == at and second.start == at and second.speaker == first.speaker
    assert first.text + second.text == quote.text
    merged = review.statement_merge(keep_id=first.pk, keep_version=first.version, drop_id=second.pk, user=reviewer)
    assert (merged.start, merged.end) == (quote.start, quote.end)
    assert Statement.objects.get(pk=second.pk).deleted_at is not None


def test_delete_and_undo(quote, reviewer):
    st = review.statement_delete(statement_id=quote.pk, version=quote.version, user=reviewer)
    assert not Statement.objects.live().filter(pk=st.pk).exists()
    st = review.statement_restore(statement_id=st.pk, user=reviewer)
    assert Statement.objects.live().filter(pk=st.pk).exists()
    assert list(Change.objects.filter(object_id=st.pk, model="statement").values_list("action", flat=True)) == \
        ["restore", "delete"]


def test_statement_from_selection_with_curly_quotes_accents_and_emoji(reviewer):
    from factcheck.services.importing import import_text

    text = "Überschrift\n\nThe café’s owner said “prices rose 40% 📈 since May” and the city agreed."
    article = import_text(text).article
    start = article.text.index("prices")
    end = article.text.index("May") + 3
    st = review.statement_create(article=article, start=start, end=end, kind="claim", user=reviewer)
    assert st.text == "prices rose 40% 📈 since May" and st.origin == "person"
    with pytest.raises(review.Conflict, match="already a claim, created by rita; reload"):
        review.statement_create(article=article, start=start, end=end, kind="claim", user=reviewer)
    with pytest.raises(ValidationError):
        review.statement_create(article=article, start=5, end=10_000, kind="claim", user=reviewer)


def test_one_source_row_for_many_statements(sample_article, reviewer):
    a, b = sample_article.statements.all()[:2]
    review.evidence_add(statement=a, user=reviewer, url="https://mid.ru/statement/1", stance="supports",
                        title="Statement", source_type="official_record")
    review.evidence_add(statement=b, user=reviewer, url="https://mid.ru/statement/1", stance="context")
    assert Source.objects.count() == 1 and Evidence.objects.count() == 2
    with pytest.raises(ValidationError):
        review.evidence_add(statement=a, user=reviewer, url="https://mid.ru/statement/1", stance="refutes")


def draft(statement, user, rating):
    return review.verdict_save(statement=statement, user=user, rating=rating,
                               rationale="The base exists; the quote is accurate.", version=None)


def test_full_workflow_with_send_back_and_history(quote, reviewer, editor, editor2, false_rating):
    v = draft(quote, reviewer, false_rating)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    v = review.verdict_reject(verdict_id=v.pk, version=v.version, user=editor, reason="Cite the ministry.")
    assert (v.state, v.decision_reason, v.editor) == ("sent_back", "Cite the ministry.", editor)
    assert Statement.objects.get(pk=quote.pk).status == "in_progress"
    v = review.verdict_save(statement=quote, user=reviewer, rating=false_rating,
                            rationale="The ministry confirms it.", version=v.version)
    assert v.state == "sent_back"  # back with its author until submitted again
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    v = review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor2)
    assert v.state == "approved" and v.editor == editor2
    assert Statement.objects.get(pk=quote.pk).status == "checked"
    transitions = Change.objects.filter(model="verdict", action="transition").order_by("at", "pk")
    assert [c.changes["state"][1] for c in transitions] == ["submitted", "sent_back", "submitted", "approved"]
    assert transitions[1].reason == "Cite the ministry."


def test_nobody_approves_their_own_verdict_even_an_editor(quote, editor, false_rating):
    v = draft(quote, editor, false_rating)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=editor)
    with pytest.raises(PermissionDenied):
        review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor)
    assert Verdict.objects.get(pk=v.pk).state == "submitted"


def test_reviewers_cannot_approve(quote, reviewer, reviewer2, false_rating):
    v = draft(quote, reviewer, false_rating)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    with pytest.raises(PermissionDenied):
        review.verdict_approve(verdict_id=v.pk, version=v.version, user=reviewer2)


@pytest.mark.parametrize("state,action", [
    ("draft", "approve"), ("draft", "reject"), ("approved", "approve"), ("approved", "reject"),
    ("submitted", "reopen"), ("draft", "reopen"),
])
def test_forbidden_transitions(quote, reviewer, editor, false_rating, state, action):
    v = draft(quote, reviewer, false_rating)
    Verdict.objects.filter(pk=v.pk).update(state=state)
    fn = {"approve": review.verdict_approve, "reject": review.verdict_reject, "reopen": review.verdict_reopen}[action]
    extra = {} if action == "approve" else {"reason": "because"}
    with pytest.raises(review.NotAllowed):
        fn(verdict_id=v.pk, version=v.version, user=editor, **extra)
    assert Verdict.objects.get(pk=v.pk).state == state


def test_submit_needs_rating_and_rationale(quote, reviewer):
    v = review.verdict_save(statement=quote, user=reviewer, rating=None, rationale="", version=None)
    with pytest.raises(ValidationError):
        review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)


def test_approved_is_locked_until_reopened_with_reason(quote, reviewer, editor, false_rating):
    v = draft(quote, reviewer, false_rating)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    v = review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor)
    with pytest.raises(review.NotAllowed):
        review.verdict_save(statement=quote, user=reviewer, rating=false_rating, rationale="x", version=v.version)
    with pytest.raises(ValidationError):
        review.verdict_reopen(verdict_id=v.pk, version=v.version, user=editor, reason=" ")
    v = review.verdict_reopen(verdict_id=v.pk, version=v.version, user=editor, reason="New evidence")
    assert v.state == "reopened" and Statement.objects.get(pk=quote.pk).status == "in_progress"
    approved = Change.objects.filter(model="verdict", action="transition", changes__state__1="approved")
    assert approved.exists()  # the approved version stays in history


def test_only_the_author_edits_a_draft(quote, reviewer, reviewer2, false_rating):
    v = draft(quote, reviewer, false_rating)
    with pytest.raises(PermissionDenied):
        review.verdict_save(statement=quote, user=reviewer2, rating=false_rating, rationale="mine", version=v.version)


def test_speaker_aliases_merge_transliterations():
    from factcheck.services.speakers import speaker_for

    a = speaker_for("Sergei Lavrov")
    assert speaker_for("Sergey Lavrov") == a
    assert speaker_for("Lavrov") == a
    assert speaker_for("Sergei Shoigu") != a
    assert Speaker.objects.count() == 2
