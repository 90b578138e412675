"""Views. Each says who may use it through the access decorators; logic lives in services."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from factcheck.access import REVIEWER, role_required
from factcheck.forms import PasteForm, UploadForm, UrlForm
from factcheck.models import Article, ImportJob
from factcheck.services import importing
from factcheck.services.presenting import timeline
from factcheck.services.queue import article_search
from factcheck.views.common import CappedPaginator, article_context, without_empty_params

IMPORT_TABS = {"paste": PasteForm, "upload": UploadForm, "url": UrlForm}
ARTICLE_SORTS = {
    "imported": ("Newest import first", ("-imported_at", "-pk")),
    "published": ("Newest published first", (F("published").desc(nulls_last=True), "-imported_at", "-pk")),
    "published_oldest": ("Oldest published first", (F("published").asc(nulls_last=True), "imported_at", "pk")),
    "title": ("Title", ("title", "pk")),
    "outlet": ("Outlet", (F("outlet__name").asc(nulls_last=True), "-imported_at", "-pk")),
}


class ArticleFilter(forms.Form):
    q = forms.CharField(required=False, label="Search", widget=forms.TextInput(
        attrs={"type": "search", "placeholder": 'title, outlet or author; "a phrase" in quotation marks'}))
    sort = forms.ChoiceField(choices=[(key, label) for key, (label, _) in ARTICLE_SORTS.items()], required=False)


@role_required(REVIEWER)
def article_list(request):
    """Every article with its statement counts: newest import first, or as sorted; searchable."""
    clean_url = without_empty_params(request)
    if clean_url:
        return redirect(clean_url)
    form = ArticleFilter(request.GET)
    form.is_valid()
    query = {k: v for k, v in form.cleaned_data.items() if v}
    articles = article_search(Article.objects.select_related("outlet", "original_outlet").with_counts(),
                                        query.get("q", ""))
    order = ARTICLE_SORTS.get(query.get("sort", ""), ARTICLE_SORTS["imported"])[1]
    page = CappedPaginator(articles.order_by(*order), 50).get_page(request.GET.get("page"))
    return render(request, "factcheck/articles/list.html", {"page": page, "form": form, "query": urlencode(query)})


@role_required(REVIEWER)
def article_detail(request, pk: int):
    """The cleaned article, every statement highlighted, and the statement list."""
    article = get_object_or_404(
        Article.objects.select_related("outlet", "original_outlet", "imported_by").prefetch_related("links"),
        pk=pk,
    )
    return render(request, "factcheck/articles/detail.html",
                  article_context(article) | {"changes": timeline(article.changes.all())[:50]})


@role_required(REVIEWER)
@require_http_methods(["GET", "POST"])
def article_import(request):
    """Import by pasting, uploading a file, or giving an address. Reviewers and up. Anything
    large becomes a background job and the person lands on its progress page at once."""
    tab = request.POST.get("tab") or request.GET.get("tab") or "paste"
    if tab not in IMPORT_TABS:
        tab = "paste"
    form_class = IMPORT_TABS[tab]
    results = []
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            outcome = _run_import(request, tab, form.cleaned_data)
            if isinstance(outcome, ImportJob):
                url = outcome.get_absolute_url()
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
            results = [outcome]
            if outcome.article is not None:
                # A duplicate is news, not a success: it is styled as a warning.
                say = messages.success if outcome.status == "created" else messages.warning
                say(request, f"{outcome.label}: {outcome.status}, {outcome.message}")
                url = outcome.article.get_absolute_url()
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    else:
        form = form_class()
    template = "factcheck/articles/import.html"
    if request.htmx:
        template += "#import-panel"
    # A refused import is answered 200 with its message in the form: htmx swaps it in where the
    # person is looking (it would not swap a 4xx by default).
    return render(request, template, {"form": form, "tab": tab, "results": results,
                                      "tabs": [("paste", "Paste text"), ("upload", "Upload file"),
                                               ("url", "From an address")]})


def _run_import(request, tab: str, data: dict) -> importing.ImportResult | ImportJob:
    user = request.user
    if tab == "paste":
        return importing.paste_import(data["text"], user=user, url=data.get("url") or "")
    if tab == "url":
        return importing.url_import_queue(data["url"], user=user)
    upload = data["file"]
    return importing.upload_import(upload.read(), name=upload.name, user=user)


@role_required(REVIEWER)
@require_http_methods(["GET"])
def import_job(request, pk: int):
    """A bulk import's progress; htmx polls the progress partial while it runs."""
    job = get_object_or_404(ImportJob.objects.select_related("article"), pk=pk)
    if request.htmx and job.state == ImportJob.State.DONE and job.kind != ImportJob.Kind.JSONL and job.article:
        # The person watched a one-article import finish: take them to the article, with what it
        # said, once (a second poll may already be on its way).
        if ImportJob.objects.filter(pk=job.pk, announced=False).update(announced=True):
            say = messages.success if job.created else messages.warning
            say(request, f"{job.name}: {'created' if job.created else 'duplicate'}, {job.message}")
        return HttpResponseClientRedirect(job.article.get_absolute_url())
    template = "factcheck/articles/import_job.html" + ("#progress" if request.htmx else "")
    return render(request, template, {"job": job})
