"""Shaping stored records for the templates."""

import difflib
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from factcheck.matching import CONTAIN_POSSIBLE, containment, normalise
from factcheck.models import Appearance, Article, Change, Rating, RatingScale, Statement, Verdict
from factcheck.services.matching import (
    APPEARANCE_ORDER,
    carried_verdict,
    carry_blocked,
    cluster_first,
    cluster_speaker,
    cluster_verdict,
)
from factcheck.text.guards import web_url
from factcheck.text.normalize import typographic_key


@dataclass
class Paragraph:
    start: int
    html: SafeString
    statement_ids: list[int] = field(default_factory=list)


def _state(statement: Statement) -> str:
    if statement.current_verdict is not None:
        return "verdict"
    return "progress" if statement.status == Statement.Status.IN_PROGRESS else statement.status


def article_paragraphs(article: Article, statements: list[Statement]) -> list[Paragraph]:
    """The article's paragraphs as HTML: links kept, each statement highlighted.

    Each paragraph's text content is exactly its slice of Article.text, so a selection in the
    browser maps back to offsets (the paragraph carries its start offset).
    """
    text = article.text
    links = sorted(article.links.all(), key=lambda link: link.start)
    out: list[Paragraph] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        start, end = m.start(), m.end()
        inside = [s for s in statements if s.start < end and s.end > start]
        plinks = [link for link in links if link.start < end and link.end > start]
        cuts = {start, end}
        for item in inside + plinks:
            cuts.update(x for x in (item.start, item.end) if start < x < end)
        bounds = sorted(cuts)
        pieces = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            chunk = escape(text[a:b])
            covering = sorted((s for s in inside if s.start <= a and s.end >= b), key=lambda s: s.end - s.start)
            if covering:
                main = covering[0]
                kind = "claim" if main.kind == "claim" else main.quote_type
                who = f" by {main.speaker.name}" if main.speaker_id and main.speaker else ""
                chunk = format_html(
                    '<mark class="hl hl-{} st-{}{}" data-ids="{}" title="{}">{}</mark>',
                    kind, _state(main), " hl-overlap" if len(covering) > 1 else "",
                    " ".join(str(s.pk) for s in covering), f"{main.label}{who}", mark_safe(chunk))
            link = next((x for x in plinks if x.start <= a and x.end >= b), None)
            if link is not None:
                chunk = (format_html('<a href="{}" rel="noopener noreferrer" class="source-link">{}</a>', link.url, chunk)
                         if web_url(link.url) else format_html('<span class="dead-link" title="Link target not kept by the source">{}</span>', chunk))
            pieces.append(str(chunk))
        out.append(Paragraph(start, mark_safe("".join(pieces)), [s.pk for s in inside]))
    return out


def link_suggestions(statement: Statement) -> list:
    """The article's own links in or next to the statement's sentence, with a target."""
    text = statement.article.text
    lo = max(text.rfind("\n", 0, statement.start), text.rfind(". ", 0, statement.start), 0)
    hi_candidates = [i for i in (text.find("\n", statement.end), text.find(". ", statement.end)) if i != -1]
    hi = min(hi_candidates) if hi_candidates else len(text)
    cited = {ev.source.url for ev in statement.evidence.all()}
    return [link for link in statement.article.links.all()
            if web_url(link.url) and link.url not in cited and link.start < hi + 200 and link.end > lo - 200]


def neighbours(statement: Statement) -> tuple[Statement | None, Statement | None]:
    """The statements of the same kind just before and just after, in reading order: the
    ones a merge joins it with."""
    same = Statement.objects.live().filter(article_id=statement.article_id, kind=statement.kind).exclude(pk=statement.pk)
    before = same.filter(start__lt=statement.start).order_by("-start", "-end").first()
    after = same.filter(start__gte=statement.start).order_by("start", "end").first()
    return before, after


def statement_counts(statements: list[Statement]) -> dict:
    """What the statement list's heading counts."""
    return {"total": len(statements),
            "unreviewed": sum(1 for s in statements if s.status == Statement.Status.UNREVIEWED
                              and s.current_verdict is None),
            "verdicts": sum(1 for s in statements if s.current_verdict is not None)}


def active_ratings() -> list[Rating]:
    scale = RatingScale.objects.filter(is_active=True).first()
    return list(scale.ratings.all()) if scale else []


def _word_key(word: str) -> str:
    key = typographic_key(word)
    return key.strip(_EDGE_PUNCTUATION) or key


_EDGE_PUNCTUATION = "\"'.,;:!?()[]{}…-"


def word_diff(old: str, new: str) -> SafeString:
    """A word-level diff of `new` against `old`: removed words struck through, added words
    marked. Typographic variants (curly or straight marks, apostrophes, dashes, spaces) are the
    same word: the new text's spelling is shown, unmarked."""
    a, b = old.split(), new.split()
    # (punctuation at a word's edges is typography too: 'border,' and 'border,"' are one word)
    matcher = difflib.SequenceMatcher(a=[_word_key(w) for w in a], b=[_word_key(w) for w in b], autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(b[j1:j2])))
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return mark_safe(" ".join(str(p) for p in parts))


# A transition into one of these states was an editor handing the verdict back. History from
# before the states had their present names says "rejected" (sent back) and "draft" (the only
# transition to draft was a reopening).
_RETURN_WORDS = {"sent_back": "sent back", "rejected": "sent back", "reopened": "reopened", "draft": "reopened"}


def last_returns(verdict_ids) -> dict[int, Change]:
    """For each verdict, the editor's last sending back or reopening (who, when, why), with
    `.word` saying which: one query for a whole approval queue."""
    found: dict[int, Change] = {}
    for change in (Change.objects.filter(model="verdict", object_id__in=list(verdict_ids), action="transition")
                   .select_related("actor").order_by("-at", "-pk")):
        word = _RETURN_WORDS.get((change.changes.get("state") or [None, None])[1])
        if word and change.object_id not in found:
            change.word = word
            found[change.object_id] = change
    return found


def since_last_decision(verdict: Verdict) -> dict | None:
    """What changed since an editor last decided on this verdict: the earlier rating when it
    differs, a word diff when the rationale differs (spacing is not a change), `unchanged` when
    neither. None when no editor has decided on it yet."""
    if not (verdict.last_submitted_rationale or verdict.last_submitted_rating_id):
        return None
    rating = (verdict.last_submitted_rating if verdict.last_submitted_rating_id
              and verdict.last_submitted_rating_id != verdict.rating_id else None)
    old, new = verdict.last_submitted_rationale, verdict.rationale
    rationale = word_diff(old, new) if old.split() != new.split() else None
    return {"rating": rating, "rationale": rationale, "unchanged": rating is None and rationale is None}


# History keeps the stored values; people read the names ("rejected" is history from before
# "sent back" had its name).
_SHOWN = {("verdict", "state"): {**dict(Verdict.State.choices), "rejected": "Sent back"},
          ("statement", "status"): dict(Statement.Status.choices)}


def timeline(changes) -> list[Change]:
    entries = list(changes.select_related("actor").order_by("-at", "-pk")[:200])
    for change in entries:
        for (model, name), names in _SHOWN.items():
            if change.model == model and isinstance(change.changes.get(name), list):
                change.changes[name] = [names.get(v, v) for v in change.changes[name]]
    return entries


APPEARANCES_PER_PAGE = 50


def cluster_spread(cluster) -> dict:
    """Where and when a statement appeared: the first appearance (said honestly: dated before
    undated, 'same day' ties, 'first imported' when nothing is dated), and a spread timeline of
    all of them (appearances by outlet over time) as positioned dots. Plain rows, no model
    instances: a quote reprinted 300 times costs one light query."""
    first = cluster_first(cluster.pk)
    rows = list(cluster.appearances.order_by(*APPEARANCE_ORDER).values(
        "pk", "statement_id", "statement__text", "statement__article__published", "statement__article__outlet__name",
        "statement__article__language"))
    outlets = sorted({r["statement__article__outlet__name"] or "unknown" for r in rows})
    dated = [r for r in rows if r["statement__article__published"]]
    dots = []
    span = None
    if dated:
        span = (min(r["statement__article__published"] for r in dated),
                max(r["statement__article__published"] for r in dated))
        days = max(1, (span[1] - span[0]).days)
        for r in dated:
            outlet = r["statement__article__outlet__name"] or "unknown"
            dots.append({"x": 130 + 250 * (r["statement__article__published"] - span[0]).days / days,
                         "y": 20 + 24 * outlets.index(outlet), "outlet": outlet,
                         "published": r["statement__article__published"],
                         "url": reverse("statement-detail", args=[r["statement_id"]]),
                         "is_first": first is not None and r["pk"] == first.appearance.pk})
    return {"cluster": cluster, "rows": rows, "count": len(rows), "first": first, "undated": len(rows) - len(dated),
            "outlets": [{"name": name, "y": 20 + 24 * i} for i, name in enumerate(outlets)],
            "height": 24 * len(outlets) + 16, "dots": dots, "span": span}


def cluster_view(cluster, page: int | str | None = 1, per_page: int = APPEARANCES_PER_PAGE) -> dict:
    """The cluster page: the speaker most appearances name, the spread of all appearances, how
    many changed the wording, and one page of them with each one's words against the first, the
    fullest rendering and the pieces of it marked, and where the figures keep the verdict from
    carrying. A quote reprinted 300 times is a summary and a page of rows."""
    view = cluster_spread(cluster)
    first = view["first"]
    norm_first = normalise(first.statement.text) if first else []
    language = first.statement.article.language if first else None
    # A rendering in another language is a translation: its words are not compared with the first's.
    changed = {r["pk"] for r in view["rows"]
               if (first is None or r["pk"] != first.appearance.pk) and r["statement__article__language"] == language
               and normalise(r["statement__text"]) != norm_first}
    appearances = (cluster.appearances.select_related("statement__article__outlet", "statement__speaker")
                   .defer("statement__article__text").order_by(*APPEARANCE_ORDER))
    rows = Paginator(appearances, per_page).get_page(page)
    verdict = cluster_verdict(cluster.pk)
    ties = {a.pk for a in first.same_day} if first else set()
    fullest = normalise(cluster.fullest.text) if cluster.fullest_id else None
    by_meaning = cluster.appearances.filter(how=Appearance.How.REWORDED).exists()
    for a in rows.object_list:
        a.is_first = first is not None and a.pk == first.appearance.pk
        a.same_day_as_first = a.pk in ties
        a.wording_changed = a.pk in changed
        a.translated = first is not None and a.statement.article.language != language
        a.diff = word_diff(first.statement.text, a.statement.text) if a.wording_changed else None
        a.is_fullest = a.statement_id == cluster.fullest_id and view["count"] > 1
        a.is_piece = (fullest is not None and not a.is_fullest
                      and containment(normalise(a.statement.text), fullest) >= CONTAIN_POSSIBLE)
        a.verdict_blocked = (carry_blocked(verdict, a.statement, by_meaning)
                             if verdict is not None and a.statement_id != verdict.statement_id else None)
        a.reworded = a.how == Appearance.How.REWORDED
    return view | {"page": rows, "changed": len(changed), "verdict": verdict,
                   "speaker": cluster_speaker(cluster.pk) or cluster.speaker}


def reuse_summary(statement: Statement) -> dict | None:
    """'Also in N outlets, first in X on DATE' (a claim: 'this claim in N outlets, first in X')
    and a verdict carried over from another appearance, unless their figures differ."""
    appearance = getattr(statement, "appearance", None)
    if appearance is None:
        return None
    cluster_id = appearance.cluster_id
    outlets = set(Statement.objects.filter(appearance__cluster_id=cluster_id).values_list("article__outlet_id", flat=True))
    others = set(Statement.objects.filter(appearance__cluster_id=cluster_id).exclude(pk=statement.pk)
                 .values_list("article__outlet_id", flat=True))
    return {"cluster_id": cluster_id, "claim": statement.kind == Statement.Kind.CLAIM,
            "other_outlets": len(others - {statement.article.outlet_id}), "outlets": len(outlets),
            "first": cluster_first(cluster_id), "verdict": carried_verdict(statement)}
