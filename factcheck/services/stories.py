"""The story set: twelve invented stories, each rendered as outlets render them (wire copy, a
repost that truncates, a regional rewording, a reported-speech summary, translations, a
misreported figure, the same line said years before), with gold keys: which spans are one
statement. Imported through the real import path (cleaning, extraction, matching), then scored
as pairs of appearances a fact-checker would link. `bench_stories` prints the figures; a test
keeps them from falling.

Data: factcheck/data/stories.json. Keys ending in 'fig' (a different figure) and '.old' (another
occasion years before) are other statements on purpose: any link to them is a false link.
"""

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from factcheck.models import Appearance, Article, MatchSuggestion, Statement
from factcheck.services.importing import import_jsonl
from factcheck.text.cleaning import unlink

STORIES = Path(__file__).resolve().parent.parent / "data" / "stories.json"
# The styles whose quotes a word-level matcher can be asked to find: the same words, edited.
LEXICAL_STYLES = {"wire", "repost", "regional", "merged", "figures", "years"}


@dataclass
class Mention:
    key: str
    kind: str
    story: str
    style: str
    language: str
    article: int
    statements: set[int] = field(default_factory=set)
    clusters: set[int] = field(default_factory=set)
    # Keys of the other spans the same statement covers: an outlet that merged two remarks into
    # one quote prints both statements, and linking it to either is right.
    also: set[str] = field(default_factory=set)


def stories_load(path: Path = STORIES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["stories"]


def stories_import(stories: list[dict]) -> list[Mention]:
    """Import every rendering (in the order written: online matching runs after each) and map
    each gold span to the statements the extractor made over it."""
    lines, gold = [], []
    for story in stories:
        for n, r in enumerate(story["renderings"]):
            lines.append(json.dumps({
                "url": f"https://stories.example/{story['story']}/{n}", "outlet": r["outlet"],
                "title": f"{story['title']} ({r['outlet']})", "published": r["published"],
                "language": r["language"], "text": r["text"]}))
            gold.append((story["story"], r))
    results = list(import_jsonl(lines, name="stories"))
    mentions = []
    for result, (story, r) in zip(results, gold, strict=True):
        if result.article is None:
            raise ValueError(f"{story} {r['outlet']}: not imported: {result.message}")
        article: Article = result.article
        taken: list[tuple[int, int]] = []
        for g in r["gold"]:
            # gold is written on the page as brought, links and all; the stored text has their anchors
            wanted = g["text"] if g["text"] in article.text else unlink(g["text"])[0]
            start = article.text.find(wanted)
            # A span whose words also stand inside an earlier gold span is the later occurrence.
            while start >= 0 and any(a <= start < b for a, b in taken):
                start = article.text.find(wanted, start + 1)
            if start < 0:
                raise ValueError(f"{story} {r['outlet']}: gold span not in the stored text: {g['text'][:60]}")
            end = start + len(wanted)
            taken.append((start, end))
            kind = g.get("kind", "quote")
            m = Mention(g["key"], kind, story, r["style"], r["language"], article.pk)
            for st in Statement.objects.live().filter(article=article, kind=kind, start__lt=end, end__gt=start):
                overlap = min(end, st.end) - max(start, st.start)
                if overlap >= 0.3 * min(end - start, st.end - st.start):
                    m.statements.add(st.pk)
            mentions.append(m)
    for m in mentions:
        m.also = {o.key for o in mentions if o is not m and o.statements & m.statements}
    return mentions_refresh(mentions)


def mentions_refresh(mentions: list[Mention]) -> list[Mention]:
    """Read the mentions' clusters (again: after matching has run, or after a rebuild)."""
    for m in mentions:
        m.clusters = set(Appearance.objects.filter(statement_id__in=m.statements).values_list("cluster_id", flat=True))
    return mentions


def _prf(tp: int, predicted: int, true: int) -> dict:
    p = tp / predicted if predicted else 1.0
    r = tp / true if true else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "predicted": predicted, "true": true}


def stories_score(mentions: list[Mention]) -> dict:
    """Pair figures over mentions in different articles: a pair is linked when any statement
    of one shares a cluster with any statement of the other."""
    suggested = set()
    for a, b in MatchSuggestion.objects.values_list("statement_id", "candidate_id"):
        suggested.add((a, b))
        suggested.add((b, a))
    pairs = []
    for a, b in combinations(mentions, 2):
        if a.article == b.article or a.kind != b.kind:
            continue
        pairs.append((a, b, a.key == b.key or a.key in b.also or b.key in a.also, bool(a.clusters & b.clusters),
                      any((x, y) in suggested for x in a.statements for y in b.statements)))

    def figures(select) -> dict:
        chosen = [p for p in pairs if select(p[0], p[1])]
        return _prf(sum(t and linked for _, _, t, linked, _ in chosen), sum(linked for *_, linked, _ in chosen),
                    sum(t for _, _, t, _, _ in chosen))

    out = {"all": figures(lambda a, b: True),
           "quotes": figures(lambda a, b: a.kind == "quote"),
           "claims": figures(lambda a, b: a.kind == "claim"),
           "english_lexical": figures(lambda a, b: a.language == b.language == "en"
                                      and a.style in LEXICAL_STYLES and b.style in LEXICAL_STYLES)}
    recall_by_style = {}
    for style in sorted({m.style for m in mentions}):
        chosen = [p for p in pairs if p[2] and style in (p[0].style, p[1].style)]
        if chosen:
            recall_by_style[style] = (sum(linked for *_, linked, _ in chosen) / len(chosen), len(chosen))
    out["recall_by_style"] = recall_by_style
    guarded = [(a, b) for a, b, t, linked, _ in pairs if linked and not t and a.key.split(".")[0] == b.key.split(".")[0]]
    out["false_links"] = {
        "figures": sum("fig" in a.key or "fig" in b.key for a, b in guarded),
        "years": sum(a.key.endswith(".old") or b.key.endswith(".old") for a, b in guarded),
        "other": sum(not any(x in a.key + b.key for x in ("fig", ".old")) for a, b in guarded),
        "across_stories": sum(linked and a.story != b.story for a, b, _, linked, _ in pairs)}
    out["suggested_only"] = sum(t and not linked and sug for _, _, t, linked, sug in pairs)
    out["extracted"] = (sum(bool(m.statements) for m in mentions), len(mentions))
    out["misses"] = [(a, b) for a, b, t, linked, _ in pairs if t and not linked]
    out["false"] = [(a, b) for a, b, t, linked, _ in pairs if linked and not t]
    return out
