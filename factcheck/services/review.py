"""What reviewers and editors do to statements, sources and verdicts.

Every write here is one transaction, checks the version the person was looking at (optimistic
locking: a stale save raises Conflict and changes nothing) and records history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from factcheck.access import EDITOR, has_role, may_be_assigned
from factcheck.models import Change, Comment, Evidence, Rating, Source, Statement, Verdict
from factcheck.services.history import diff, record, snapshot
from factcheck.services.overlaps import article_relate
from factcheck.services.speakers import speaker_for
from factcheck.text.guards import web_url

STATEMENT_FIELDS = ["kind", "quote_type", "start", "end", "text", "speaker", "speaker_as_written",
                    "cue", "status", "assignee"]
VERDICT_FIELDS = ["rating", "rationale", "state", "editor", "decision_reason"]
# What a published fact-check shows of its statement: frozen while the verdict is approved.
FROZEN_WHEN_APPROVED = {"start", "end", "text", "speaker", "speaker_as_written"}
# Statuses the verdict sets; a person does not set them by hand.
STATUS_OF_VERDICT = {Verdict.State.SUBMITTED: Statement.Status.IN_REVIEW,
                     Verdict.State.APPROVED: Statement.Status.CHECKED}


class Conflict(Exception):
    """Someone else saved first; the message says who, for a 'reload' prompt."""


class NotAllowed(Exception):
    """A transition that the record's present state does not allow (HTTP 409)."""


def _changed_by(obj) -> str:
    """Who saved last: the statement says so; for a verdict, history does (an editor's decision
    is a change of the editor's, not of the author's)."""
    who = getattr(obj, "updated_by", None)
    if isinstance(obj, Verdict):
        last = Change.objects.filter(model="verdict", object_id=obj.pk).select_related("actor").first()
        who = last.actor if last else obj.author
        if last and last.action == Change.Action.TRANSITION:
            return f"{obj.get_state_display().lower()} by {who}; reload to see it"
    return f"changed by {who or 'someone else'}; reload to see their version"


def _lock(model, pk: int, version: int):
    """The row, locked for this transaction, if it is still at `version`; else Conflict."""
    obj = model.objects.select_for_update().get(pk=pk)
    if obj.version != version:
        raise Conflict(f"This {model.__name__.lower()} was {_changed_by(obj)}.")
    return obj


def _span_text(statement: Statement, start: int, end: int) -> str:
    text = statement.article.text
    if not 0 <= start < end <= len(text):
        raise ValidationError(f"A span must lie within the article (0 to {len(text)}).")
    return text[start:end]


# -- statements --------------------------------------------------------------------------

@transaction.atomic
def statement_update(*, statement_id: int, version: int, user, data: dict) -> Statement:
    """Apply a reviewer's corrections: kind, quote type, speaker, span, cue, status, assignee."""
    st = _lock(Statement, statement_id, version)
    before = snapshot(st, STATEMENT_FIELDS)
    for field in ("kind", "quote_type", "cue", "status", "speaker_as_written"):
        if field in data:
            setattr(st, field, data[field] or "")
    if st.kind == Statement.Kind.CLAIM:
        st.quote_type = ""
    elif not st.quote_type:
        st.quote_type = Statement.QuoteType.DIRECT
    if "assignee" in data:
        if not may_be_assigned(data["assignee"]):
            raise ValidationError(f"{data['assignee']} has no role yet: work goes to reviewers, editors and "
                                  "admins only (an admin gives them a role).")
        st.assignee = data["assignee"]
    if "speaker_name" in data:
        name = (data["speaker_name"] or "").strip()
        st.speaker = speaker_for(name, also=(st.speaker_as_written,) if st.speaker_as_written[:1].isupper() else ()) if name else None
    if "start" in data or "end" in data:
        start, end = data.get("start", st.start), data.get("end", st.end)
        st.text = _span_text(st, start, end)
        st.start, st.end = start, end
    changes = diff(before, snapshot(st, STATEMENT_FIELDS))
    if not changes:
        return st
    _check_follows_verdict(st, changes)
    st.version = F("version") + 1
    st.updated_by = user
    st.full_clean(exclude=["version", "article", "speaker", "assignee", "updated_by", "created_by"])
    st.save()
    st.refresh_from_db()
    record(st, "update", user, changes)
    if changes.keys() & {"start", "end", "kind", "status"}:
        article_relate(st.article_id)
    return st


def _check_follows_verdict(st: Statement, changes: dict) -> None:
    """A published fact-check keeps the words it was approved on, and a statement's status is
    its verdict's: reopening the verdict (an editor, with a reason) unlocks both."""
    verdict = Verdict.objects.filter(statement=st).only("state").first()
    state = verdict.state if verdict else None
    if state == Verdict.State.APPROVED and FROZEN_WHEN_APPROVED & changes.keys():
        raise NotAllowed("The verdict on this statement is approved and published: its words, span and "
                         "speaker stay as approved. An editor reopens the verdict (with a reason) to change them.")
    required = STATUS_OF_VERDICT.get(state)
    if "status" not in changes or st.status == required:
        return
    if required:
        raise NotAllowed(f"The verdict is {verdict.get_state_display().lower()}, so the statement is "
                         f"“{Statement.Status(required).label}”; "
                         + ("an editor reopens the verdict to change that." if state == Verdict.State.APPROVED
                            else "an editor approves the verdict or sends it back."))
    if st.status == Statement.Status.CHECKED:
        raise ValidationError("A statement is checked when an editor approves its verdict: it cannot be set by hand.")
    if st.status == Statement.Status.IN_REVIEW:
        raise ValidationError("A statement is in review while its verdict is submitted: it cannot be set by hand.")


@transaction.atomic
def statement_create(*, article, start: int, end: int, kind: str, user, quote_type: str = "") -> Statement:
    """A statement a person marked by selecting text."""
    text = article.text
    if not 0 <= start < end <= len(text):
        raise ValidationError("The selection is not inside the article text.")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if kind not in Statement.Kind.values:
        raise ValidationError("Choose quote or claim.")
    same_span = Statement.objects.live().filter(article=article, kind=kind, start=start, end=end)
    try:
        # A savepoint: when someone creates the same span at the same moment, the unique index
        # refuses the second row and this answers as a conflict, like a stale edit.
        with transaction.atomic():
            st = Statement.objects.create(
                article=article, kind=kind, quote_type=(quote_type or "direct") if kind == "quote" else "",
                start=start, end=end, text=text[start:end], origin=Statement.Origin.PERSON,
                created_by=user, updated_by=user, status=Statement.Status.IN_PROGRESS,
            )
    except IntegrityError:
        existing = same_span.select_related("created_by").first()
        if existing is None:
            raise
        who = existing.created_by or "the extractor"
        raise Conflict(f"That span is already a {existing.label}, created by {who}; reload to see it.") from None
    record(st, "create", user, {"text": [None, st.text], "kind": [None, kind]})
    article_relate(article.pk)
    return st


def _set_deleted(st: Statement, deleted_at, user, action: str) -> Statement:
    """Soft delete or undo: the row stays, with its sources and verdict, for the undo."""
    st.deleted_at = deleted_at
    st.version = F("version") + 1
    st.updated_by = user
    st.save()
    st.refresh_from_db()
    record(st, action, user)
    article_relate(st.article_id)
    return st


@transaction.atomic
def statement_delete(*, statement_id: int, version: int, user) -> Statement:
    st = _lock(Statement, statement_id, version)
    if Verdict.objects.filter(statement=st, state=Verdict.State.APPROVED).exists():
        raise NotAllowed("This statement has an approved, published verdict: it cannot be deleted. An editor "
                         "reopens the verdict first (with a reason), which takes it off the public page.")
    return _set_deleted(st, timezone.now(), user, "delete")


@transaction.atomic
def statement_restore(*, statement_id: int, user) -> Statement:
    st = Statement.objects.select_for_update().get(pk=statement_id)
    if st.deleted_at is None:
        return st
    if Statement.objects.live().filter(article=st.article_id, kind=st.kind, start=st.start, end=st.end).exists():
        raise NotAllowed("Another statement now has that span.")
    return _set_deleted(st, None, user, "restore")


@transaction.atomic
def statement_split(*, statement_id: int, version: int, at: int, user) -> tuple[Statement, Statement]:
    """Cut a statement at an article offset into two; the second gets the same kind and speaker."""
    st = _lock(Statement, statement_id, version)
    if not st.start < at < st.end:
        raise ValidationError("Split inside the statement.")
    old_end = st.end
    statement_update(statement_id=st.pk, version=st.version, user=user, data={"end": at})
    st.refresh_from_db()
    second = Statement.objects.create(
        article=st.article, kind=st.kind, quote_type=st.quote_type, start=at, end=old_end,
        text=st.article.text[at:old_end], speaker=st.speaker, speaker_as_written=st.speaker_as_written,
        cue=st.cue, score=st.score, origin=Statement.Origin.PERSON, created_by=user, updated_by=user,
    )
    record(second, "create", user, {"split_from": [None, st.pk]})
    article_relate(st.article_id)
    return st, second


@transaction.atomic
def statement_merge(*, keep_id: int, keep_version: int, drop_id: int, user) -> Statement:
    """Join two statements of one article into the first, covering both spans."""
    keep = _lock(Statement, keep_id, keep_version)
    drop = Statement.objects.select_for_update().get(pk=drop_id)
    if drop.article_id != keep.article_id or drop.pk == keep.pk:
        raise ValidationError("Only two statements of the same article can be merged.")
    keep = statement_update(statement_id=keep.pk, version=keep.version, user=user,
                            data={"start": min(keep.start, drop.start), "end": max(keep.end, drop.end)})
    statement_delete(statement_id=drop.pk, version=drop.version, user=user)
    Evidence.objects.filter(statement=drop).exclude(source__in=keep.evidence.values("source")).update(statement=keep)
    return keep


# -- sources -----------------------------------------------------------------------------

@transaction.atomic
def evidence_add(*, statement: Statement, user, url: str, stance: str, title: str = "",
                 publisher: str = "", source_type: str = "other", excerpt: str = "", note: str = "") -> Evidence:
    if not web_url(url):
        raise ValidationError("A source must be an http:// or https:// address.")
    source, created = Source.objects.get_or_create(
        url=url.strip(), defaults={"title": title, "publisher": publisher, "source_type": source_type,
                                   "accessed": timezone.localdate()})
    if not created and (title or publisher) and not (source.title or source.publisher):
        source.title, source.publisher = title, publisher
        source.save(update_fields=["title", "publisher"])
    if Evidence.objects.filter(statement=statement, source=source).exists():
        raise ValidationError("This source is already linked to the statement.")
    evidence = Evidence.objects.create(statement=statement, source=source, stance=stance,
                                       excerpt=excerpt, note=note, added_by=user)
    record(evidence, "create", user, {"source": [None, source.url], "stance": [None, stance]})
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user) -> None:
    record(evidence, "delete", user, {"source": [evidence.source.url, None]})
    evidence.delete()


@transaction.atomic
def comment_add(*, statement: Statement, user, text: str) -> Comment:
    text = text.strip()
    if not text:
        raise ValidationError("Write something first.")
    return Comment.objects.create(statement=statement, author=user, text=text[:5000])


# -- verdicts ----------------------------------------------------------------------------

def _verdict_locked(verdict_id: int, version: int) -> Verdict:
    return _lock(Verdict, verdict_id, version)


def _statement_follows(verdict: Verdict, user) -> None:
    """The statement's status is its verdict's: written (in progress), submitted (in review),
    approved (checked), back with the author (in progress). A new version, so a form opened
    before says "changed; reload" instead of setting an old status."""
    status = STATUS_OF_VERDICT.get(verdict.state, Statement.Status.IN_PROGRESS)
    Statement.objects.filter(pk=verdict.statement_id).exclude(status=status).update(
        status=status, version=F("version") + 1, updated_by=user, updated_at=timezone.now())


@transaction.atomic
def verdict_save(*, statement: Statement, user, rating: Rating | None, rationale: str,
                 version: int | None) -> Verdict:
    """Create or revise the verdict. Only its author edits it, while it is a draft or back with
    them (sent back, reopened: it stays so, with the editor's reason, until submitted again)."""
    verdict = Verdict.objects.select_for_update().filter(statement=statement).first()
    if verdict is None:
        try:
            # A savepoint: of people writing the first verdict at once, one creates it; the
            # others are told who, as with any conflicting save (the one-verdict key decides).
            with transaction.atomic():
                verdict = Verdict.objects.create(statement=statement, author=user, rating=rating, rationale=rationale)
        except IntegrityError:
            verdict = Verdict.objects.filter(statement=statement).select_related("author").first()
            if verdict is None:
                raise
            raise Conflict(f"A verdict on this statement was already created by {verdict.author}; "
                           "reload to see it.") from None
        record(verdict, "create", user, diff({}, snapshot(verdict, VERDICT_FIELDS)))
        if statement.status == Statement.Status.UNREVIEWED:
            _statement_follows(verdict, user)
        return verdict
    if version is None:
        raise Conflict(f"A verdict on this statement was already created by {verdict.author}; reload to see it.")
    if verdict.version != version:
        raise Conflict(f"This verdict was {_changed_by(verdict)}.")
    if verdict.state not in Verdict.EDITABLE:
        raise NotAllowed(f"{_state_word(verdict)} verdict cannot be edited.")
    if verdict.author_id != user.pk:
        raise PermissionDenied("Only the verdict's author edits it.")
    before = snapshot(verdict, VERDICT_FIELDS)
    verdict.rating, verdict.rationale = rating, rationale
    changes = diff(before, snapshot(verdict, VERDICT_FIELDS))
    if changes:
        verdict.version += 1
        verdict.save()
        record(verdict, "update", user, changes)
    return verdict


def _transition(verdict: Verdict, user, to: str, reason: str = "", **fields) -> Verdict:
    before = snapshot(verdict, VERDICT_FIELDS)
    verdict.state = to
    for key, value in fields.items():
        setattr(verdict, key, value)
    verdict.version += 1
    verdict.save()
    record(verdict, "transition", user, diff(before, snapshot(verdict, VERDICT_FIELDS)), reason)
    _statement_follows(verdict, user)
    return verdict


def _state_word(verdict: Verdict) -> str:
    word = verdict.get_state_display().lower()
    return f"An {word}" if word[0] in "aeiou" else f"A {word}"


@transaction.atomic
def verdict_submit(*, verdict_id: int, version: int, user) -> Verdict:
    verdict = _verdict_locked(verdict_id, version)
    if verdict.author_id != user.pk:
        raise PermissionDenied("Only the verdict's author submits it.")
    if verdict.state not in Verdict.EDITABLE:
        raise NotAllowed(f"{_state_word(verdict)} verdict cannot be submitted.")
    missing = [what for what, absent in (("choose a rating", verdict.rating_id is None),
                                         ("write the rationale", not verdict.rationale.strip())) if absent]
    if missing:
        raise ValidationError(f"{' and '.join(missing).capitalize()} before submitting.")
    # No decision stands until an editor makes the next one (the last one stays in history).
    return _transition(verdict, user, Verdict.State.SUBMITTED, submitted_at=timezone.now(),
                       decision_reason="", editor=None, decided_at=None)


def _check_editor(verdict: Verdict, user, action: str) -> None:
    if not has_role(user, EDITOR):
        raise PermissionDenied(f"Only editors {action} verdicts.")
    if verdict.author_id == user.pk:
        raise PermissionDenied(f"Nobody may {action} their own verdict.")


@transaction.atomic
def verdict_approve(*, verdict_id: int, version: int, user) -> Verdict:
    verdict = _verdict_locked(verdict_id, version)
    _check_editor(verdict, user, "approve")
    if verdict.state != Verdict.State.SUBMITTED:
        raise NotAllowed(f"{_state_word(verdict)} verdict cannot be approved.")
    return _transition(verdict, user, Verdict.State.APPROVED, editor=user, decided_at=timezone.now(),
                       last_submitted_rationale=verdict.rationale, last_submitted_rating=verdict.rating)


@transaction.atomic
def verdict_reject(*, verdict_id: int, version: int, user, reason: str) -> Verdict:
    """Send a submitted verdict back to its author, with the reason."""
    verdict = _verdict_locked(verdict_id, version)
    _check_editor(verdict, user, "send back")
    if verdict.state != Verdict.State.SUBMITTED:
        raise NotAllowed(f"{_state_word(verdict)} verdict cannot be sent back.")
    if not reason.strip():
        raise ValidationError("Say why the verdict goes back.")
    return _transition(verdict, user, Verdict.State.SENT_BACK, reason.strip(), editor=user,
                       decided_at=timezone.now(), decision_reason=reason.strip(),
                       last_submitted_rationale=verdict.rationale, last_submitted_rating=verdict.rating)


@transaction.atomic
def verdict_reopen(*, verdict_id: int, version: int, user, reason: str) -> Verdict:
    """An editor unlocks an approved verdict: it leaves the public pages and goes back to its
    author with the reason; the approved version stays in history."""
    verdict = _verdict_locked(verdict_id, version)
    if not has_role(user, EDITOR):
        raise PermissionDenied("Only editors reopen verdicts.")
    if verdict.state != Verdict.State.APPROVED:
        raise NotAllowed(f"{_state_word(verdict)} verdict cannot be reopened.")
    if not reason.strip():
        raise ValidationError("Say why the verdict is reopened.")
    return _transition(verdict, user, Verdict.State.REOPENED, reason.strip(), editor=None,
                       decided_at=None, decision_reason=reason.strip())
