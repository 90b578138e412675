"""Reports: CSV from the queue, public ClaimReview pages and feed, the editors' dashboard."""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from factcheck.access import EDITOR, role_required
from factcheck.services import dashboard, reports


def csv_response(statements, request, approved_only: bool = False):
    """The claim report for these statements, streamed."""
    statements = reports.report_statements(status="approved" if approved_only else None, base=statements)
    rows = reports.report_rows(statements, site_url=request.build_absolute_uri("/"))
    response = StreamingHttpResponse(reports.csv_lines(rows, bom=request.GET.get("bom") == "1"),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="claim-report.csv"'
    return response


# Public pages: caches may keep them a minute (a reopened verdict leaves them that fast).
PUBLIC_CACHE = cache_control(public=True, max_age=60)


@login_not_required
@PUBLIC_CACHE
@require_GET
def verdict_public(request, pk: int):
    """An approved verdict, for the public: no login, nothing internal; others are 404."""
    verdict = get_object_or_404(reports.approved_verdicts(), pk=pk)
    data = reports.claim_review(verdict, site_url=request.build_absolute_uri("/"))
    return render(request, "factcheck/public/verdict.html", {
        "verdict": verdict, "review": data,
        "json_ld": mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)),
    })


@login_not_required
@PUBLIC_CACHE
@require_GET
def claimreview_feed(request):
    """Every approved verdict as ClaimReview JSON-LD."""
    site = request.build_absolute_uri("/")
    items = [reports.claim_review(v, site_url=site) for v in reports.approved_verdicts().order_by("-decided_at")[:1000]]
    return JsonResponse({"@context": "https://schema.org", "@graph": items}, json_dumps_params={"ensure_ascii": False})


@role_required(EDITOR)
@require_GET
def dashboard_view(request):
    """Where the checks stand: charts, each linking to the queue behind it. Editors."""
    return render(request, "factcheck/dashboard.html", dashboard.figures())
