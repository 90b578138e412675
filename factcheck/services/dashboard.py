"""Figures for the editors' dashboard, each with the queue link behind it."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone

from factcheck.models import Appearance, QuoteCluster, Statement, Verdict
from factcheck.services.presenting import cluster_view


def _queue(**params) -> str:
    return reverse("statement-queue") + "?" + urlencode(params)


def _bars(rows: list[tuple[str, int, str]]) -> list[dict]:
    top = max((v for _, v, _ in rows), default=0) or 1
    return [{"label": label, "value": v, "width": round(58 * v / top, 1), "url": url, "y": i * 8}
            for i, (label, v, url) in enumerate(rows)]


def figures() -> dict:
    live = Statement.objects.live()
    status = dict(live.values_list("status").annotate(n=Count("id")).order_by())
    by_status = _bars([(label, status.get(value, 0), _queue(status=value)) for value, label in Statement.Status.choices])
    approved = Verdict.objects.filter(state=Verdict.State.APPROVED)
    by_rating = _bars([(r["rating__label"], r["n"], _queue(rating=r["rating"]))
                       for r in approved.values("rating", "rating__label").annotate(n=Count("id")).order_by("-n")])
    by_outlet = _bars([(r["statement__article__outlet__name"] or "unknown", r["n"],
                        _queue(outlet=r["statement__article__outlet"] or ""))
                       for r in Verdict.objects.values("statement__article__outlet", "statement__article__outlet__name")
                       .annotate(n=Count("id")).order_by("-n")[:10]])
    by_speaker = _bars([(r["statement__speaker__name"] or "unnamed", r["n"], _queue(speaker=r["statement__speaker__name"] or ""))
                        for r in Verdict.objects.values("statement__speaker__name").annotate(n=Count("id")).order_by("-n")[:10]])
    since = timezone.now() - timedelta(weeks=12)
    weekly = dict(approved.filter(decided_at__gte=since).annotate(week=TruncWeek("decided_at"))
                  .values_list("week").annotate(n=Count("id")).order_by())
    today = timezone.localdate()
    weeks = [today - timedelta(days=today.weekday(), weeks=w) for w in range(11, -1, -1)]
    counts = [sum(n for wk, n in weekly.items() if wk.date() == start) for start in weeks]
    top = max(counts) or 1
    points = [{"x": 5 + i * 8, "y": 45 - 40 * c / top, "n": c, "week": start} for i, (start, c) in enumerate(zip(weeks, counts, strict=True))]
    reused = (QuoteCluster.objects.annotate(n=Count("appearances")).filter(n__gt=1).order_by("-n", "pk")[:5])
    return {
        "by_status": by_status, "by_rating": by_rating, "by_outlet": by_outlet, "by_speaker": by_speaker,
        "throughput": points, "throughput_line": " ".join(f"{p['x']},{p['y']:.1f}" for p in points),
        "reused": [cluster_view(c, diffs=False) for c in reused],
        "appearances": Appearance.objects.count(),
    }
