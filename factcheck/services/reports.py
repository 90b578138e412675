"""What leaves the workbench: the CSV claim report and ClaimReview JSON-LD.

Rows are produced in keyset-paginated chunks (one query for the statements, one for their
sources, one for their clusters per chunk), so memory stays flat however many rows there are.
"""

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime

from django.conf import settings
from django.db.models import F, QuerySet
from django.urls import reverse

from factcheck.models import Appearance, Evidence, Rating, Statement, Verdict
from factcheck.services.matching import APPEARANCE_ORDER, carry_blocked
from factcheck.text.entities import is_body

CSV_COLUMNS = [
    "statement_id", "kind", "quote_type", "text", "speaker", "speaker_role", "article_title", "outlet",
    "article_url", "published", "original_outlet", "status", "rating", "rationale", "source_urls",
    "stances", "reviewer", "editor", "approved_at", "cluster_id", "other_outlets", "first_outlet",
    "first_published", "statement_url", "utterance_id",
]
CHUNK = 2000
# OWASP CSV injection: a cell a spreadsheet would read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def report_statements(status: str | None = None, since: date | None = None, until: date | None = None,
                      outlet: str | None = None, base: QuerySet | None = None) -> QuerySet:
    statements = base if base is not None else Statement.objects.live()
    if status == "approved":
        statements = statements.filter(verdict__state=Verdict.State.APPROVED)
    elif status:
        statements = statements.filter(status=status)
    if since:
        statements = statements.filter(article__published__gte=since)
    if until:
        statements = statements.filter(article__published__lte=until)
    if outlet:
        statements = statements.filter(article__outlet__name__iexact=outlet)
    return statements


def _clusters(cluster_ids: set[int]) -> dict[int, dict]:
    """For each cluster: outlets carrying it and its first appearance (earliest published; an
    undated one only when none is dated)."""
    info: dict[int, dict] = {}
    rows = (Appearance.objects.filter(cluster_id__in=cluster_ids)
            .values_list("cluster_id", "statement__article__outlet_id", "statement__article__outlet__name",
                         "statement__article__published", "statement__article__imported_at")
            .order_by("cluster_id", *APPEARANCE_ORDER))
    for cluster_id, outlet_id, outlet_name, published, _ in rows:
        entry = info.setdefault(cluster_id, {"outlets": set(), "first_outlet": outlet_name, "first_published": published})
        entry["outlets"].add(outlet_id)
    return info


ROW_FIELDS = [
    "pk", "kind", "quote_type", "text", "speaker__name", "speaker__role", "speaker_as_written",
    "article__title", "article__outlet__name", "article__outlet_id", "article__url", "article__published",
    "article__original_outlet__name", "status", "assignee__username", "verdict__state",
    "verdict__rating__label", "verdict__rationale", "verdict__author__username", "verdict__editor__username",
    "verdict__decided_at", "appearance__cluster_id", "article_id", "utterance",
]


def report_rows(statements: QuerySet, site_url: str | None = None) -> Iterator[dict]:
    """Report rows in chunks of plain values (no model instances, so nothing accumulates)."""
    site = (site_url or settings.SITE_URL).rstrip("/")
    ids = statements.order_by("pk").values_list("pk", flat=True)
    last = 0
    while True:
        # The chunk's ids first (an index range scan), then its rows with all the joins: one
        # query doing both makes PostgreSQL join every statement before the LIMIT applies.
        chunk_ids = list(ids.filter(pk__gt=last)[:CHUNK])
        if not chunk_ids:
            return
        last = chunk_ids[-1]
        chunk = list(Statement.objects.filter(pk__in=chunk_ids).order_by("pk").values(*ROW_FIELDS))
        evidence: dict[int, list[tuple[str, str]]] = {}
        for statement_id, url, stance in (Evidence.objects.filter(statement_id__in=[r["pk"] for r in chunk])
                                          .order_by("statement_id", "pk")
                                          .values_list("statement_id", "source__url", "stance")):
            evidence.setdefault(statement_id, []).append((url, stance))
        clusters = _clusters({r["appearance__cluster_id"] for r in chunk if r["appearance__cluster_id"]})
        for r in chunk:
            yield _row(r, evidence.get(r["pk"], []), clusters, site)


def _row(r: dict, evidence: list[tuple[str, str]], clusters: dict, site: str) -> dict:
    state = r["verdict__state"]
    cluster = clusters.get(r["appearance__cluster_id"])
    return {
        "statement_id": r["pk"], "kind": r["kind"], "quote_type": r["quote_type"], "text": r["text"],
        "speaker": r["speaker__name"] or r["speaker_as_written"], "speaker_role": r["speaker__role"] or "",
        "article_title": r["article__title"], "outlet": r["article__outlet__name"] or "",
        "article_url": r["article__url"], "published": r["article__published"],
        "original_outlet": r["article__original_outlet__name"] or "",
        "status": state or r["status"], "rating": r["verdict__rating__label"] or "",
        "rationale": r["verdict__rationale"] or "",
        "source_urls": " | ".join(url for url, _ in evidence),
        "stances": " | ".join(stance for _, stance in evidence),
        "reviewer": r["verdict__author__username"] or r["assignee__username"] or "",
        "editor": r["verdict__editor__username"] or "",
        "approved_at": r["verdict__decided_at"] if state == Verdict.State.APPROVED else None,
        "cluster_id": r["appearance__cluster_id"] or "",
        "other_outlets": len(cluster["outlets"] - {r["article__outlet_id"]}) if cluster else 0,
        "first_outlet": cluster["first_outlet"] if cluster else "",
        "first_published": cluster["first_published"] if cluster else None,
        "statement_url": site + reverse("statement-detail", args=[r["pk"]]),
        "utterance_id": f"{r['article_id']}-{r['utterance']}" if r["utterance"] else "",
    }


class _Echo:
    """A file that hands back what is written, for csv.writer in a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterator[dict], bom: bool = False) -> Iterator[str]:
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield ("\ufeff" if bom else "") + writer.writerow(CSV_COLUMNS)
    for row in rows:
        yield writer.writerow([neutralise(row[c]) for c in CSV_COLUMNS])


# -- ClaimReview ----------------------------------------------------------------------------

def approved_verdicts() -> QuerySet:
    # A deleted statement is never public, whatever its verdict says.
    return (Verdict.objects.filter(state=Verdict.State.APPROVED, statement__deleted_at__isnull=True)
            .select_related("statement__article__outlet", "statement__speaker", "rating__scale", "editor"))


def claim_review(verdict: Verdict, site_url: str | None = None) -> dict:
    """schema.org ClaimReview for one approved verdict."""
    if verdict.state != Verdict.State.APPROVED:
        raise ValueError("Only approved verdicts are published.")
    site = (site_url or settings.SITE_URL).rstrip("/")
    st = verdict.statement
    article = st.article
    appearances = [article]
    first = article
    appearance = getattr(st, "appearance", None)
    if appearance is not None:
        others = list(Statement.objects.filter(appearance__cluster_id=appearance.cluster_id)
                      .select_related("article", "appearance").order_by(F("article__published").asc(nulls_last=True),
                                                                        "article__imported_at"))
        # Published are the articles the verdict reaches, once each: not a rendering joined by
        # meaning that no reviewer has confirmed, nor one stating other figures.
        by_meaning = any(o.appearance.how == Appearance.How.REWORDED for o in others)
        reached = [o.article for o in others if o.pk == st.pk or carry_blocked(verdict, o, by_meaning) is None]
        appearances = list({a.pk: a for a in reached}.values())
        first = appearances[0] if appearances else article
    values = list(Rating.objects.filter(scale=verdict.rating.scale).values_list("rating_value", flat=True))
    speaker = st.speaker.name if st.speaker else st.speaker_as_written
    body = bool(st.speaker and st.speaker.is_organisation) or bool(speaker and is_body(speaker))
    item = {
        "@type": "Claim",
        "author": {"@type": "Organization" if body else "Person", "name": speaker or "Unknown"},
        "appearance": [_work(a) for a in appearances],
        "firstAppearance": _work(first),
    }
    if article.published:
        item["datePublished"] = article.published.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": site + reverse("verdict-public", args=[verdict.pk]),
        "claimReviewed": claim_text(st.text),
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": settings.ORGANISATION_NAME, "url": site},
        "datePublished": verdict.decided_at.date().isoformat(),
        "reviewRating": {
            "@type": "Rating", "ratingValue": verdict.rating.rating_value,
            "bestRating": max(values), "worstRating": min(values), "alternateName": verdict.rating.label,
        },
    }


# An opening quotation mark and the marks that may close it.
_CLOSES = {'"': '"”“', "“": '”“"', "„": '“”"', "«": "»", "‘": "’", "'": "'"}
_QUOTED = re.compile(r'["“„«]([^"“”„«»]*)["”“»]')


def claim_text(span: str) -> str:
    """What was claimed, as a reader would quote it: a quote's marks and the comma before its
    attribution dropped; an interrupted quote's parts joined (“The situation,” he said, “is
    bad.” -> The situation is bad.)."""
    text = " ".join(span.split())
    closes = _CLOSES.get(text[:1])
    if closes:
        parts = [p.strip() for p in _QUOTED.findall(text)]
        if len(parts) > 1 and all(parts):
            text = " ".join(p.rstrip(",;:") for p in parts[:-1]) + " " + parts[-1]
        else:
            text = text[1:].rstrip(",;: ")
            if text[-1:] in closes:
                text = text[:-1]
    return text.strip().rstrip(",;:").strip()


def _work(article) -> dict:
    work = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        work["url"] = article.url
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    if article.published:
        work["datePublished"] = article.published.isoformat()
    return work
