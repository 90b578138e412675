"""Editors decide on submitted verdicts: approve, send back with a reason, reopen."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from factcheck.access import EDITOR, REVIEWER, role_required
from factcheck.models import Verdict
from factcheck.services import review
from factcheck.services.presenting import last_returns, since_last_decision
from factcheck.views.common import form_int, panel_response, service_call

ACTIONS = {
    "approve": (review.verdict_approve, False),
    "reject": (review.verdict_reject, True),
    "reopen": (review.verdict_reopen, True),
}


@role_required(REVIEWER)
@require_POST
def verdict_action(request, pk: int, action: str):
    """approve / reject / reopen (editors; never one's own) and submit (the author)."""
    if action != "submit" and action not in ACTIONS:
        raise Http404("No such verdict action")
    verdict = get_object_or_404(Verdict, pk=pk)
    version = form_int(request.POST.get("version")) or 0
    if action == "submit":
        _, failure = service_call(review.verdict_submit, verdict_id=pk, version=version, user=request.user)
    else:
        fn, needs_reason = ACTIONS[action]
        extra = {"reason": request.POST.get("reason", "")} if needs_reason else {}
        _, failure = service_call(fn, verdict_id=pk, version=version, user=request.user, **extra)
    if request.POST.get("from") == "queue" and request.htmx:
        if not failure:
            messages.success(request, _said(action, verdict))  # the card leaves the queue: say why
        return _render_queue(request, failure)
    return panel_response(request, verdict.statement_id, failure, section="verdict",
                          success=_said(action, verdict))


def _said(action: str, verdict: Verdict) -> str:
    """What the person is told when the action succeeded."""
    return {"submit": "Submitted for review.", "approve": "Approved.",
            "reject": f"Sent back to {verdict.author}.", "reopen": "Reopened."}[action]


@role_required(EDITOR)
@require_GET
def approval_queue(request):
    """Submitted verdicts, oldest first, with the earlier editor's reason and what changed since
    that decision. Editors."""
    return _render_queue(request)


def _render_queue(request, failure: tuple[int, str] | None = None):
    verdicts = list(Verdict.objects.filter(state=Verdict.State.SUBMITTED, statement__deleted_at__isnull=True)
                    .select_related("statement__article__outlet", "statement__speaker", "rating", "author",
                                    "last_submitted_rating")
                    .prefetch_related("statement__evidence__source")
                    .order_by("submitted_at", "pk"))
    returns = last_returns(v.pk for v in verdicts)
    for v in verdicts:
        v.returned = returns.get(v.pk)
        v.since = since_last_decision(v)
        v.own = v.author_id == request.user.pk
    status, message = failure or (200, "")
    template = "factcheck/verdicts/queue.html" + ("#queue" if request.htmx else "")
    return render(request, template, {"verdicts": verdicts, "error": message}, status=status)
