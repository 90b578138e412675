"""The statements queue across articles: filters in the URL, search, sort, bulk changes."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_http_methods, require_POST

from factcheck.access import REVIEWER, role_required, users_with_a_role
from factcheck.models import Outlet, Rating, Statement, Verdict
from factcheck.services.queue import NO_OUTLET, filter_statements
from factcheck.services.review import statement_update
from factcheck.views.common import CappedPaginator, form_int, service_call, without_empty_params
from factcheck.views.reports import csv_response

SORTS = {"recent": "-pk", "newest": "-article__published", "oldest": "article__published", "score": "-score",
         "speaker": "speaker__name", "updated": "-updated_at"}


def outlet_choices():
    return [("", "Any outlet"), (NO_OUTLET, "No outlet known"),
            *((str(pk), name) for pk, name in Outlet.objects.values_list("pk", "name"))]


class QueueFilter(forms.Form):
    q = forms.CharField(required=False, label="Search", widget=forms.TextInput(
        attrs={"placeholder": 'words, or "a phrase" in quotation marks', "type": "search"}))
    in_articles = forms.BooleanField(required=False, label="Search article titles and outlets too")
    status = forms.ChoiceField(choices=[("", "Any status"), *Statement.Status.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "Quotes and claims"), *Statement.Kind.choices], required=False)
    quote_type = forms.ChoiceField(choices=[("", "Any quote type"), *Statement.QuoteType.choices], required=False)
    # Any outlet the workbench knows, the original outlet of reposts included, or none known.
    outlet = forms.ChoiceField(choices=outlet_choices, required=False)
    speaker = forms.CharField(required=False)
    speaker_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    no_speaker = forms.BooleanField(required=False, label="No speaker named")
    assignee = forms.CharField(required=False, help_text="a username, or 'me'")
    verdict = forms.ChoiceField(choices=[("", "Any verdict"), ("none", "No verdict yet"), *Verdict.State.choices],
                                required=False)
    rating = forms.ModelChoiceField(queryset=Rating.objects.filter(scale__is_active=True), required=False,
                                    empty_label="Any rating")
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    no_source = forms.BooleanField(required=False, label="Has no source yet")
    checked_elsewhere = forms.BooleanField(required=False, label="Already checked elsewhere")
    same_person = forms.BooleanField(required=False, label="Speaker possibly the same as another")
    approved_since = forms.DateField(required=False, widget=forms.HiddenInput)
    approved_until = forms.DateField(required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(choices=[(k, k) for k in SORTS], required=False)


@role_required(REVIEWER)
@require_http_methods(["GET"])
def statement_queue(request):
    """Statements matching the filters in the URL; 'assignee=me' is my queue."""
    form = QueueFilter(request.GET)
    form.is_valid()
    filters = form.cleaned_data  # the valid ones: a mistyped date does not drop the other filters
    query = urlencode([(k, v) for k, v in request.GET.items() if k not in ("page", "export") and v])
    clean_url = without_empty_params(request)
    if clean_url and not request.htmx:
        return redirect(clean_url)
    statements = filter_statements(Statement.objects.to_check(), filters, request.user)
    if request.GET.get("export") == "csv":
        return csv_response(statements, request, approved_only=request.GET.get("approved") == "1")
    # Default: most recently found first, which the primary key index gives without a sort.
    # My queue: verdicts sent back to me or reopened lead, whatever the sort.
    mine_first = ["returned_first"] if filters.get("assignee") == "me" else []
    statements = statements.order_by(*mine_first, SORTS.get(filters.get("sort") or "", "-pk"), "-pk")
    page = CappedPaginator(statements.select_related("article__outlet", "speaker", "assignee", "verdict__rating"),
                     50).get_page(request.GET.get("page"))
    # A quote carrying a claim shows the claim's check-worthiness (README, "One item per thing said").
    carried = dict(Statement.objects.live().filter(carried_by__in=[st.pk for st in page.object_list])
                   .values_list("carried_by", "score"))
    for st in page.object_list:
        st.check_worthiness = carried.get(st.pk, st.score)
    template = "factcheck/statements/queue.html" + ("#queue-table" if request.htmx else "")
    response = render(request, template, {
        "form": form, "page": page, "query": query,
        "reviewers": users_with_a_role(),
        "statuses": Statement.Status.choices,
    })
    if request.htmx and clean_url:
        # htmx would push the form's every field into the address, the empty ones too.
        response["HX-Push-Url"] = clean_url
    return response


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
    if not ids:
        messages.error(request, "Nothing is ticked: tick the statements to change first (the box in the "
                                "header ticks the whole page).")
    elif not data:
        messages.error(request, "Choose whom to assign the ticked statements to, or their new status.")
    else:
        done, refused = 0, {}
        for st in Statement.objects.live().filter(pk__in=ids[:500]).only("pk", "version"):
            _, failure = service_call(statement_update, statement_id=st.pk, version=st.version,
                                      user=request.user, data=data)
            if failure:
                refused.setdefault(failure[1], []).append(st.pk)
            else:
                done += 1
        messages.success(request, f"{done} statement{pluralize(done)} updated.")
        for message, pks in refused.items():
            messages.error(request, f"{len(pks)} not changed (#{', #'.join(map(str, pks[:10]))}): {message}")
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/statements/") else "statement-queue")
