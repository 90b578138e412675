"""What the views share: turning service outcomes into responses, one way for all."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.functional import cached_property

from factcheck import semantic as semantic_rules
from factcheck.access import role_of, users_with_a_role
from factcheck.models import Article, Evidence, Source, Statement
from factcheck.services import aliases, overlaps, presenting, semantic
from factcheck.services.review import Conflict, NotAllowed


class CappedPaginator(Paginator):
    """Counts at most `cap` rows. An exact count of 100,000 statements costs more than the page
    itself, on every request; past the cap the page says "10,000+" and asks for a filter."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        # Unordered: the count needs no sort, only the first cap+1 rows of whatever matches.
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def service_call(fn, **kwargs):
    """Run a service; return (result, None) or (None, (status, message)) for the ways it refuses."""
    try:
        return fn(**kwargs), None
    except Conflict as exc:
        return None, (409, str(exc))
    except NotAllowed as exc:
        return None, (409, str(exc))
    except PermissionDenied as exc:
        return None, (403, str(exc) or "You may not do that.")
    except ValidationError as exc:
        return None, (422, " ".join(exc.messages))


def statement_for_panel(pk: int) -> Statement:
    return get_object_or_404(
        Statement.objects.select_related("article__outlet", "speaker", "assignee", "verdict__rating", "appearance",
                                         "verdict__author", "verdict__editor")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("source", "added_by")),
                          "comments__author", "article__links"),
        pk=pk)


def panel_context(request, statement: Statement) -> dict:
    verdict = statement.current_verdict
    previous, following = presenting.neighbours(statement)
    return {
        "st": statement,
        "verdict": verdict,
        "returned": presenting.last_returns([verdict.pk]).get(verdict.pk) if verdict and verdict.is_returned else None,
        "ratings": presenting.active_ratings(),
        "suggestions": presenting.link_suggestions(statement),
        "changes": presenting.timeline(statement.changes.all()),
        "reuse": presenting.reuse_summary(statement),
        "related": overlaps.related(statement),
        "alias_offers": aliases.offers_for(statement),
        "suggested": statement.suggestions.filter(state="pending").exclude(how="reworded")
        .select_related("candidate__article__outlet").order_by("-score")[:10],
        "reworded": semantic.reworded_pending(statement) if statement.kind == Statement.Kind.QUOTE else [],
        "reworded_off": semantic_rules.status() if statement.kind == Statement.Kind.QUOTE else None,
        "reviewers": users_with_a_role(),
        "role": role_of(request.user),
        "merge_options": [(n, which, key) for n, which, key in ((previous, "previous", "M"), (following, "next", "m"))
                          if n is not None],
        "kinds": Statement.Kind.choices, "quote_types": Statement.QuoteType.choices,
        "statuses": Statement.Status.choices,
        "stances": Evidence.Stance.choices,
        "source_types": Source.Type.choices,
    }


def article_context(article: Article, also: list[Statement] = ()) -> dict:
    """The article text with its highlights and the statement list, as the page shows them.
    A claim its quote carries is checked as that quote: one item, one highlight."""
    statements = list(article.statements.to_check().select_related("speaker", "verdict__rating", "assignee"))
    statements += [s for s in also if s not in statements]
    return {"article": article, "statements": statements,
            "paragraphs": presenting.article_paragraphs(article, statements),
            "counts": presenting.statement_counts(statements)}


# The panel's parts, each its own swap target (a save in one never resets what is typed in
# another), and the parts that show what a save in that part changes.
PANEL = "factcheck/statements/detail.html"
SECTION_IDS = {"panel": "statement-panel", "summary": "st-summary", "edit": "edit-section",
               "sources": "sources", "verdict": "verdict", "comments": "comments"}
ALSO_SHOWS = {"panel": [], "summary": ["edit", "history"], "edit": ["summary", "history"],
              "sources": ["history"], "verdict": ["summary", "history"], "comments": []}


def panel_response(request, pk: int, failure: tuple[int, str] | None = None, *, section: str = "panel",
                   success: str = "", article_changed: bool = True, headers: dict | None = None):
    """After a POST on a statement. For htmx: the part that was used, the parts it changed, and
    (out of band) the article text and the statement list, so nothing on the page is stale; a
    refusal goes to the form that sent it. Without JavaScript: back to the statement page."""
    if not request.htmx:
        if failure:
            messages.error(request, failure[1])
        elif success:
            messages.success(request, success)
        return redirect("statement-detail", pk=pk)
    statement = statement_for_panel(pk)
    if failure:
        return form_error(request, failure, statement=statement, section=section)
    if success:
        messages.success(request, success)
    context = panel_context(request, statement)
    parts = [render_to_string(f"{PANEL}#{section}", context, request)]
    oob = context | {"oob": True}
    parts += [render_to_string(f"{PANEL}#{name}", oob, request) for name in ALSO_SHOWS[section]]
    if article_changed:
        parts.append(article_updates(request, statement.article))
    return HttpResponse("".join(parts), headers=headers)


def article_updates(request, article: Article) -> str:
    """The article body and the statement list with its counts, as out-of-band swaps."""
    context = article_context(article) | {"oob": True}
    return (render_to_string("factcheck/articles/_article.html#body", context, request)
            + render_to_string("factcheck/articles/_statements.html", context, request))


def form_error(request, failure: tuple[int, str], *, statement: Statement | None = None, section: str = "panel"):
    """A refusal, for the form that sent it (workbench.js puts it there). A conflict shows the
    other person's change and offers to reload that part."""
    status, message = failure
    context = {"error": message, "st": statement, "section": section, "section_id": SECTION_IDS.get(section),
               "conflict": status == 409 and statement is not None}
    if context["conflict"]:
        model = "verdict" if section == "verdict" else "statement"
        context["latest"] = (statement.changes.filter(model=model).exclude(actor=request.user)
                             .select_related("actor").order_by("-at", "-pk").first())
    return render(request, "factcheck/statements/error.html", context, status=status)


def form_int(value: str | None) -> int | None:
    """A whole number from a form field, or None: never a crash on junk or on numbers too
    large for a database column."""
    value = (value or "").strip()
    if not value.isdecimal() or len(value) > 9:
        return None
    return int(value)


def without_empty_params(request) -> str | None:
    """The address without the empty fields a GET form sends (`?q=&status=`), or None when it
    has none: filters stay readable and shareable in the address bar."""
    if not any(v == "" for _, values in request.GET.lists() for v in values):
        return None
    kept = urlencode([(k, v) for k, values in request.GET.lists() for v in values if v])
    return f"{request.path}?{kept}" if kept else request.path
