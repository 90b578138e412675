"""Shaping stored records for the templates."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from factcheck.models import Article, Change, Rating, RatingScale, Statement


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
                         if link.url else format_html('<span class="dead-link" title="Link target not kept by the source">{}</span>', chunk))
            pieces.append(str(chunk))
        out.append(Paragraph(start, mark_safe("".join(pieces)), [s.pk for s in inside]))
    return out


def link_suggestions(statement: Statement) -> list:
    """The article's own links in or next to the statement's sentence, with a target."""
    text = statement.article.text
    lo = max(text.rfind("\n", 0, statement.start), text.rfind(". ", 0, statement.start), 0)
    hi_candidates = [i for i in (text.find("\n", statement.end), text.find(". ", statement.end)) if i != -1]
    hi = min(hi_candidates) if hi_candidates else len(text)
    return [link for link in statement.article.links.all()
            if link.url and link.start < hi + 200 and link.end > lo - 200]


def active_ratings() -> list[Rating]:
    scale = RatingScale.objects.filter(is_active=True).first()
    return list(scale.ratings.all()) if scale else []


def word_diff(old: str, new: str) -> SafeString:
    """A word-level diff: removed words struck through, added words marked."""
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return mark_safe(" ".join(str(p) for p in parts))


def timeline(changes) -> list[Change]:
    return list(changes.select_related("actor").order_by("-at", "-pk")[:200])
