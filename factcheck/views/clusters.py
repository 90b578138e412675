"""Where a quote appeared: the cluster page, and confirming or rejecting suggested matches."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from factcheck.access import REVIEWER, role_required
from factcheck.models import MatchSuggestion, QuoteCluster
from factcheck.services import matching
from factcheck.services.presenting import cluster_view
from factcheck.views.common import form_int, panel_response


@role_required(REVIEWER)
@require_GET
def cluster_detail(request, pk: int):
    """Every appearance of a quote, the first marked, each variant's wording against the first."""
    cluster = get_object_or_404(QuoteCluster, pk=pk)
    view = cluster_view(cluster, page=request.GET.get("page"))
    return render(request, "factcheck/clusters/detail.html", view | {"view": view})


@role_required(REVIEWER)
@require_POST
def suggestion_decide(request, pk: int, decision: str):
    suggestion = get_object_or_404(MatchSuggestion, pk=pk)
    confirm = decision == "confirm"
    matching.suggestion_decide(suggestion=suggestion, user=request.user, confirm=confirm)
    # A reworded pair is offered on both quotes' panels: answer with the one the reviewer is on.
    shown = form_int(request.POST.get("panel"))
    said = ("Confirmed: one statement, in one cluster." if confirm
            else "Noted: not the same statement; it will not be offered again.")
    return panel_response(request, shown if shown == suggestion.candidate_id else suggestion.statement_id,
                          success=said)
