"""The statements queue across articles: filters in the URL, search, sort, bulk changes."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from factcheck.access import REVIEWER, role_required, users_with_a_role
from factcheck.models import Outlet, Rating, Statement, Verdict
from factcheck.services.queue import filter_statements
from factcheck.services.review import statement_update
from factcheck.views.common import CappedPaginator, form_int, service_call
from factcheck.views.reports import csv_response

SORTS = {"recent": "-pk", "newest": "-article__published", "oldest": "article__published", "score": "-score",
         "speaker": "speaker__name", "updated": "-updated_at"}


class QueueFilter(forms.Form):
    q = forms.CharField(required=False, label="Search")
    status = forms.ChoiceField(choices=[("", "Any status"), *Statement.Status.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "Quotes and claims"), *Statement.Kind.choices], required=False)
    quote_type = forms.ChoiceField(choices=[("", "Any quote type"), *Statement.QuoteType.choices], required=False)
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.all(), required=False, empty_label="Any outlet")
    speaker = forms.CharField(required=False)
    assignee = forms.CharField(required=False, help_text="a username, or 'me'")
    verdict = forms.ChoiceField(choices=[("", "Any verdict"), ("none", "No verdict yet"), *Verdict.State.choices],
                                required=False)
    rating = forms.ModelChoiceField(queryset=Rating.objects.filter(scale__is_active=True), required=False,
                                    empty_label="Any rating")
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    no_source = forms.BooleanField(required=False, label="Has no source yet")
    checked_elsewhere = forms.BooleanField(required=False, label="Already checked elsewhere")
    sort = forms.ChoiceField(choices=[(k, k) for k in SORTS], required=False)


@role_required(REVIEWER)
@require_http_methods(["GET"])
def statement_queue(request):
    """Statements matching the filters in the URL; 'assignee=me' is my queue."""
    form = QueueFilter(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    statements = filter_statements(Statement.objects.live(), filters, request.user)
    if request.GET.get("export") == "csv":
        return csv_response(statements, request, approved_only=request.GET.get("approved") == "1")
    # Default: most recently found first, which the primary key index gives without a sort.
    # My queue: verdicts sent back to me or reopened lead, whatever the sort.
    mine_first = ["returned_first"] if filters.get("assignee") == "me" else []
    statements = statements.order_by(*mine_first, SORTS.get(filters.get("sort") or "", "-pk"), "-pk")
    page = CappedPaginator(statements.select_related("article__outlet", "speaker", "assignee", "verdict__rating"),
                     50).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k not in ("page", "export") and v])
    template = "factcheck/statements/queue.html" + ("#queue-table" if request.htmx else "")
    return render(request, template, {
        "form": form, "page": page, "query": query,
        "reviewers": users_with_a_role(),
        "statuses": Statement.Status.choices,
    })


@role_required(REVIEWER)
@require_POST
def statement_bulk(request):
    """Assign or change the status of the ticked statements."""
    ids = [i for i in map(form_int, request.POST.getlist("ids")) if i is not None]
    assignee = get_user_model().objects.filter(pk=form_int(request.POST.get("assignee"))).first()
    status = request.POST.get("status")
    data = {}
    if request.POST.get("assignee"):
        data["assignee"] = assignee
    if status in Statement.Status.values:
        data["status"] = status
    done, refused = 0, {}
    if data and ids:
        for st in Statement.objects.live().filter(pk__in=ids[:500]).only("pk", "version"):
            _, failure = service_call(statement_update, statement_id=st.pk, version=st.version,
                                      user=request.user, data=data)
            if failure:
                refused.setdefault(failure[1], []).append(st.pk)
            else:
                done += 1
    messages.success(request, f"{done} statements updated.")
    for message, pks in refused.items():
        messages.error(request, f"{len(pks)} not changed (#{', #'.join(map(str, pks[:10]))}): {message}")
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/statements/") else "statement-queue")
