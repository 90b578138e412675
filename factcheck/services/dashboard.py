"""Figures for the editors' dashboard, each with the queue link that shows exactly its rows.

Two things keep it fast as the newsroom grows (`bench_pages` prints the times at 100,000
statements). Each figure is an aggregate the database answers from an index: statements by
status from the partial index of live statements' status (migration 0016); the verdict figures
start from the approved verdicts (a few percent of the statements) and reach their statements
by primary key. And the figures are cached under a stamp of the data (the newest history entry,
statement and quote appearance: every change the services or the admin make writes history),
so they are computed again on the first view after something changed, and otherwise read back.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone

from factcheck.models import (
    Appearance,
    Change,
    Outlet,
    QuoteCluster,
    Rating,
    Speaker,
    Statement,
    Verdict,
)
from factcheck.services.presenting import cluster_spread
from factcheck.services.queue import NO_OUTLET

APPROVED = {"verdict": Verdict.State.APPROVED}
TOP = 10


def _queue(**params) -> str:
    return reverse("statement-queue") + "?" + urlencode(params)


def _bars(rows: list[tuple[str, int, str]]) -> list[dict]:
    top = max((v for _, v, _ in rows), default=0) or 1
    return [{"label": label, "value": v, "shown": f"{v:,}", "width": round(100 * v / top, 1), "url": url}
            for label, v, url in rows]


def _approved_statements():
    """Statements to check with an approved verdict: what the queue shows for verdict=approved."""
    return Statement.objects.to_check().filter(
        pk__in=Verdict.objects.filter(state=Verdict.State.APPROVED).values("statement_id"))


def _compact(n: int) -> str:
    """A count short enough for a week's column (the full figure is in its title)."""
    if n < 1000:
        return str(n)
    if n < 1_000_000:
        return f"{n / 1000:.1f}k" if n < 10_000 else f"{n // 1000}k"
    return f"{n / 1_000_000:.1f}M"


def _tally(approved) -> tuple[dict, dict, dict]:
    """Approved verdicts by rating, by outlet (as the queue's outlet filter counts: published
    there, or reposted from there) and by speaker, from one grouped query."""
    ratings: dict[int, int] = {}
    outlets: dict[int | None, int] = {}
    speakers: dict[int | None, int] = {}
    rows = (approved.values_list("verdict__rating", "article__outlet", "article__original_outlet", "speaker")
            .annotate(n=Count("id")).order_by())
    for rating, outlet, original, speaker, n in rows:
        ratings[rating] = ratings.get(rating, 0) + n
        outlets[outlet] = outlets.get(outlet, 0) + n
        if original is not None and original != outlet:
            outlets[original] = outlets.get(original, 0) + n
        speakers[speaker] = speakers.get(speaker, 0) + n
    return ratings, outlets, speakers


def _top(counts: dict) -> list[tuple]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or 0))[:TOP]


def _by_outlet(counts: dict) -> list[tuple[str, int, str]]:
    top = _top(counts)
    names = dict(Outlet.objects.filter(pk__in=[pk for pk, _ in top if pk]).values_list("pk", "name"))
    return [(names.get(pk, "unknown outlet"), n, _queue(**APPROVED, outlet=pk or NO_OUTLET)) for pk, n in top]


def _by_speaker(counts: dict) -> list[tuple[str, int, str]]:
    top = _top(counts)
    names = dict(Speaker.objects.filter(pk__in=[pk for pk, _ in top if pk]).values_list("pk", "name"))
    return [(names[pk], n, _queue(**APPROVED, speaker_id=pk)) if pk else
            ("unnamed (no speaker)", n, _queue(**APPROVED, no_speaker="on")) for pk, n in top]


def _weekly(approved) -> list[dict]:
    """Approved verdicts per week of approval, the last 12 weeks, this one included."""
    today = timezone.localdate()
    starts = [today - timedelta(days=today.weekday(), weeks=w) for w in range(11, -1, -1)]
    rows = (approved.filter(verdict__decided_at__date__gte=starts[0])
            .annotate(week=TruncWeek("verdict__decided_at")).values_list("week").annotate(n=Count("id")).order_by())
    counts = {week.date() if hasattr(week, "date") else week: n for week, n in rows}
    top = max(counts.values(), default=0) or 1
    heights = [round(100 * counts.get(start, 0) / top, 1) for start in starts]
    return [{"week": start, "value": counts.get(start, 0), "shown": f"{counts.get(start, 0):,}",
             "short": _compact(counts.get(start, 0)),
             "height": height, "top": round(100 - height, 1),
             "url": _queue(**APPROVED, approved_since=start.isoformat(),
                           approved_until=(start + timedelta(days=6)).isoformat())}
            for start, height in zip(starts, heights, strict=True)]


CACHE_SECONDS = 300  # a safety net only: a change makes a new stamp at once


def _stamp() -> str:
    """Changes whenever a figure may have: a new history entry, statement or appearance, or a
    new day (the weekly chart ends today)."""
    newest = [model.objects.aggregate(n=Max("pk"))["n"] or 0 for model in (Change, Statement, Appearance)]
    return "-".join(map(str, [*newest, timezone.localdate().isoformat()]))


def figures() -> dict:
    key = f"dashboard:{_stamp()}"
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, CACHE_SECONDS)
    return data


def compute() -> dict:
    status = dict(Statement.objects.to_check().values_list("status").annotate(n=Count("id")).order_by())
    by_status = _bars([(label, status.get(value, 0), _queue(status=value)) for value, label in Statement.Status.choices])
    approved = _approved_statements()
    by_rating, by_outlet, by_speaker = _tally(approved)
    labels = dict(Rating.objects.values_list("pk", "label"))
    ratings = [(labels[r], n, _queue(**APPROVED, rating=r)) for r, n in _top(by_rating)]
    reused = (QuoteCluster.objects.filter(kind=QuoteCluster.Kind.QUOTE).annotate(n=Count("appearances"))
              .filter(n__gt=1).order_by("-n", "pk")[:5])
    return {
        "by_status": by_status, "by_rating": _bars(ratings),
        "by_outlet": _bars(_by_outlet(by_outlet)), "by_speaker": _bars(_by_speaker(by_speaker)),
        "weekly": _weekly(approved),
        "reused": [cluster_spread(c) for c in reused],
    }
