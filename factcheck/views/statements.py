"""The statement panel and everything a reviewer does in it. Every POST works without
JavaScript (redirect back to the statement page) and returns the panel partial for htmx."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from factcheck.access import REVIEWER, role_required
from factcheck.models import (
    Article,
    Evidence,
    Rating,
    Source,
    Speaker,
    SpeakerAliasOffer,
    Statement,
)
from factcheck.services import aliases, review
from factcheck.views.common import (
    PANEL,
    SECTION_IDS,
    article_context,
    form_error,
    form_int,
    panel_context,
    panel_response,
    service_call,
    statement_for_panel,
)


class StatementForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    kind = forms.ChoiceField(choices=Statement.Kind.choices)
    quote_type = forms.ChoiceField(choices=[("", "—"), *Statement.QuoteType.choices], required=False)
    speaker_name = forms.CharField(max_length=300, required=False)
    speaker_as_written = forms.CharField(max_length=300, required=False)
    cue = forms.CharField(max_length=100, required=False)
    status = forms.ChoiceField(choices=Statement.Status.choices)
    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.all(), required=False)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)


class EvidenceForm(forms.Form):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    title = forms.CharField(max_length=500, required=False)
    publisher = forms.CharField(max_length=300, required=False)
    source_type = forms.ChoiceField(choices=Source.Type.choices)
    stance = forms.ChoiceField(choices=Evidence.Stance.choices)
    excerpt = forms.CharField(required=False, max_length=5000)
    note = forms.CharField(required=False, max_length=5000)


def _errors(form) -> tuple[int, str]:
    return 422, " ".join(f"{form.fields[name].label or name.replace('_', ' ').capitalize()}: {' '.join(errs)}"
                         if name != "__all__" else " ".join(errs) for name, errs in form.errors.items())


@role_required(REVIEWER)
@require_GET
def statement_detail(request, pk: int):
    """A statement in its article, with the panel. htmx asks for the panel alone."""
    statement = statement_for_panel(pk)
    context = panel_context(request, statement)
    # Going back in the browser asks htmx to restore the whole page, not the panel.
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        return render(request, f"{PANEL}#panel", context)
    # Opened directly, a claim its quote carries still shows where it is.
    also = [statement] if statement.carried_by_id else []
    return render(request, PANEL, context | article_context(statement.article, also=also))


@role_required(REVIEWER)
@require_GET
def statement_section(request, pk: int, section: str):
    """One part of the panel as it is now: what "reload" after a conflict shows."""
    if section not in SECTION_IDS:
        raise Http404("No such part of the panel")
    return render(request, f"{PANEL}#{section}", panel_context(request, statement_for_panel(pk)))


@role_required(REVIEWER)
@require_POST
def statement_edit(request, pk: int):
    """Save corrections; a stale version gets 409 with who changed it."""
    form = StatementForm(request.POST)
    if not form.is_valid():
        return panel_response(request, pk, _errors(form), section="edit")
    data = dict(form.cleaned_data)
    version = data.pop("version")
    _, failure = service_call(review.statement_update, statement_id=pk, version=version,
                              user=request.user, data=data)
    return panel_response(request, pk, failure, section="edit", success="Saved.")


def _version(request) -> int:
    return form_int(request.POST.get("version")) or 0


@role_required(REVIEWER)
@require_POST
def statement_assign_me(request, pk: int):
    statement = get_object_or_404(Statement, pk=pk)
    _, failure = service_call(review.statement_update, statement_id=pk, version=_version(request),
                              user=request.user, data={"assignee": request.user,
                                                       "status": Statement.Status.IN_PROGRESS
                                                       if statement.status == "unreviewed" else statement.status})
    return panel_response(request, pk, failure, section="summary", success="Assigned to you.")


@role_required(REVIEWER)
@require_POST
def statement_delete(request, pk: int):
    """Delete (soft: the panel offers undo) or mark as not a quote/claim."""
    statement = get_object_or_404(Statement, pk=pk)
    if request.POST.get("dismiss"):
        _, failure = service_call(review.statement_update, statement_id=pk, version=_version(request),
                                  user=request.user, data={"status": Statement.Status.DISMISSED})
        return panel_response(request, pk, failure, section="edit",
                              success=f"Marked as not a {statement.kind}.")
    _, failure = service_call(review.statement_delete, statement_id=pk, version=_version(request),
                              user=request.user)
    return panel_response(request, pk, failure, section="panel" if not failure else "edit",
                          success="Deleted. Undo is at the top of the panel.")


@role_required(REVIEWER)
@require_POST
def statement_restore(request, pk: int):
    get_object_or_404(Statement, pk=pk)
    _, failure = service_call(review.statement_restore, statement_id=pk, user=request.user)
    return panel_response(request, pk, failure, section="panel" if not failure else "summary",
                          success="Restored.")


@role_required(REVIEWER)
@require_POST
def statement_split(request, pk: int):
    get_object_or_404(Statement, pk=pk)
    at = form_int(request.POST.get("at"))
    if at is None:
        return panel_response(request, pk, (422, "Give the offset to split at."), section="edit")
    _, failure = service_call(review.statement_split, statement_id=pk, version=_version(request),
                              at=at, user=request.user)
    return panel_response(request, pk, failure, section="edit", success="Split in two.")


@role_required(REVIEWER)
@require_POST
def statement_merge(request, pk: int):
    get_object_or_404(Statement, pk=pk)
    other = form_int(request.POST.get("other"))
    if other is None:
        return panel_response(request, pk, (422, "Choose the statement to merge with."), section="edit")
    get_object_or_404(Statement, pk=other)
    _, failure = service_call(review.statement_merge, keep_id=pk, keep_version=_version(request),
                              drop_id=other, user=request.user)
    return panel_response(request, pk, failure, section="edit", success="Merged.")


@role_required(REVIEWER)
@require_POST
def evidence_add(request, pk: int):
    statement = get_object_or_404(Statement, pk=pk)
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        return panel_response(request, pk, _errors(form), section="sources")
    _, failure = service_call(review.evidence_add, statement=statement, user=request.user, **form.cleaned_data)
    return panel_response(request, pk, failure, section="sources", success="Source added.",
                          article_changed=False)


@role_required(REVIEWER)
@require_POST
def evidence_remove(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("source", "statement"), pk=pk)
    statement_id = evidence.statement_id
    review.evidence_remove(evidence=evidence, user=request.user)
    return panel_response(request, statement_id, section="sources", success="Source removed.",
                          article_changed=False)


@role_required(REVIEWER)
@require_POST
def comment_add(request, pk: int):
    statement = get_object_or_404(Statement, pk=pk)
    _, failure = service_call(review.comment_add, statement=statement, user=request.user,
                              text=request.POST.get("text", ""))
    return panel_response(request, pk, failure, section="comments", success="Comment posted.",
                          article_changed=False)


@role_required(REVIEWER)
@require_POST
def verdict_save(request, pk: int):
    """Save the draft verdict, and submit it when the submit button was used. A submission
    that is refused saves nothing: the person asked to submit, not to keep a draft."""
    statement = get_object_or_404(Statement, pk=pk)
    rating = Rating.objects.filter(pk=form_int(request.POST.get("rating")), scale__is_active=True).first()
    version = form_int(request.POST.get("version"))
    submitting = bool(request.POST.get("submit"))
    with transaction.atomic():
        verdict, failure = service_call(review.verdict_save, statement=statement, user=request.user,
                                        rating=rating, rationale=request.POST.get("rationale", "").strip(),
                                        version=version)
        if verdict is not None and submitting:
            _, failure = service_call(review.verdict_submit, verdict_id=verdict.pk, version=verdict.version,
                                      user=request.user)
            if failure:
                transaction.set_rollback(True)
    return panel_response(request, pk, failure, section="verdict",
                          success="Submitted for review." if submitting else "Draft saved.")


@role_required(REVIEWER)
@require_GET
def speaker_search(request):
    """Type-ahead: speakers whose name or alias contains what was typed."""
    q = request.GET.get("speaker_name", request.GET.get("q", "")).strip()
    speakers = []
    if len(q) >= 2:
        speakers = (Speaker.objects.filter(Q(name__icontains=q) | Q(aliases__alias__icontains=q))
                    .distinct().order_by("name")[:10])
    return render(request, "factcheck/statements/speaker_options.html", {"speakers": speakers})


@role_required(REVIEWER)
@require_POST
def alias_offer_decide(request, pk: int, decision: str):
    """"Same person — add as alias" or "Not the same", answered on the panel of the statement
    given as `panel`, which is shown as it is afterwards (its speaker may be the other now)."""
    if decision not in ("confirm", "reject"):
        raise Http404("No such answer")
    offer = get_object_or_404(SpeakerAliasOffer.objects.select_related("speaker"), pk=pk)
    panel = get_object_or_404(Statement, pk=form_int(request.POST.get("panel")) or 0)
    confirm = decision == "confirm"
    # The two people the reviewer saw: the offer may have been re-pointed by another answer since.
    shown = tuple(form_int(part) for part in request.POST.get("pair", "").split("-", 1))
    _, failure = service_call(aliases.alias_offer_decide, offer_id=pk, user=request.user, confirm=confirm,
                              shown=shown if len(shown) == 2 and None not in shown else None)
    success = (f"“{offer.variant_name}” is now an alias of {offer.speaker.name}: their statements name "
               f"{offer.speaker.name}." if confirm
               else f"Noted: {offer.variant_name} and {offer.speaker.name} are not the same person.")
    return panel_response(request, panel.pk, failure, section="summary", success=success)


@role_required(REVIEWER)
@require_POST
def statement_create(request, article_pk: int):
    """A statement from text the reviewer selected in the article."""
    article = get_object_or_404(Article, pk=article_pk)
    start, end = form_int(request.POST.get("start")), form_int(request.POST.get("end"))
    if start is None or end is None:
        start = end = -1
    kind, quote_type = request.POST.get("kind", "claim"), request.POST.get("quote_type", "")
    if kind in Statement.QuoteType.values:  # one button per kind: "direct", "indirect" are quotes
        kind, quote_type = Statement.Kind.QUOTE, kind
    statement, failure = service_call(review.statement_create, article=article, start=start, end=end,
                                      kind=kind, user=request.user, quote_type=quote_type)
    if statement is None:
        if request.htmx:
            return form_error(request, failure)
        messages.error(request, failure[1])
        return redirect(article)
    return panel_response(request, statement.pk, success=f"Added as a {statement.label}.",
                          headers={"HX-Push-Url": statement.get_absolute_url()})
