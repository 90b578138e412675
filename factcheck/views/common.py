"""What the views share: turning service outcomes into responses, one way for all."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property

from factcheck import semantic as semantic_rules
from factcheck.access import role_of, users_with_a_role
from factcheck.models import Evidence, Source, Statement
from factcheck.services import overlaps, presenting, semantic
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


def panel_context(request, statement: Statement, error: str = "") -> dict:
    verdict = statement.current_verdict
    return {
        "st": statement,
        "verdict": verdict,
        "returned": presenting.last_returns([verdict.pk]).get(verdict.pk) if verdict and verdict.is_returned else None,
        "ratings": presenting.active_ratings(),
        "suggestions": presenting.link_suggestions(statement),
        "changes": presenting.timeline(statement.changes.all()),
        "reuse": presenting.reuse_summary(statement),
        "related": overlaps.related(statement),
        "suggested": statement.suggestions.filter(state="pending").exclude(how="reworded")
        .select_related("candidate__article__outlet").order_by("-score")[:10],
        "reworded": semantic.reworded_pending(statement) if statement.kind == Statement.Kind.QUOTE else [],
        "reworded_off": semantic_rules.status() if statement.kind == Statement.Kind.QUOTE else None,
        "reviewers": users_with_a_role(),
        "role": role_of(request.user),
        "error": error,
        "kinds": Statement.Kind.choices, "quote_types": Statement.QuoteType.choices,
        "statuses": Statement.Status.choices,
        "stances": Evidence.Stance.choices,
        "source_types": Source.Type.choices,
    }


def panel_response(request, pk: int, failure: tuple[int, str] | None = None):
    """After a POST on a statement: the panel partial for htmx, or back to the statement page."""
    status, message = failure or (200, "")
    if request.htmx:
        statement = statement_for_panel(pk)
        return render(request, "factcheck/statements/detail.html#panel",
                      panel_context(request, statement, message), status=status)
    if failure:
        messages.error(request, message)
    return redirect("statement-detail", pk=pk)


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
