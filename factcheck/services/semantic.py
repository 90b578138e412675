"""'Same statement, reworded' in the database: quote embeddings and the suggestions they give.

The rules are in factcheck/semantic.py. Here: `embed_quotes` stores the vectors (one model run
per distinct text: the thousandth repost reuses the first one's vector), `reworded_suggest`
reads one quote's candidates by speaker key and date window and scores them exactly, and
`article_reworded` does both for a newly imported article. It runs in the background after the
lexical matching of each import batch (the task `match_article_reworded`), and for everything with
`match_quotes --reworded`. Without the model package the tier is off: nothing is stored.
"""

import hashlib
import logging
from datetime import timedelta
from itertools import batched

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from factcheck import semantic
from factcheck.models import Appearance, MatchSuggestion, QuoteEmbedding, Statement
from factcheck.services.matching import reworded_join

log = logging.getLogger(__name__)
EMBED_BATCH = 64
_embedder: semantic.Embedder | None = None


def embedder() -> semantic.Embedder:
    """One model per process, loaded on first use (worker processes only)."""
    global _embedder
    if _embedder is None:
        _embedder = semantic.Embedder(threads=1)
    return _embedder


def _speaker(statement: Statement) -> str:
    return statement.speaker.name if statement.speaker else statement.speaker_as_written


def _day(statement: Statement):
    article = statement.article
    return article.published or article.imported_at.date()


def _text_hash(text: str) -> str:
    return hashlib.sha256(semantic.prepare(text).encode()).hexdigest()


def _quotes():
    return (Statement.objects.live().filter(kind=Statement.Kind.QUOTE)
            .select_related("speaker", "article").order_by("pk"))


def embed_quotes(statements) -> dict:
    """Store a vector for each quote with a speaker that has none (or one of another model,
    text or speaker): identical texts are embedded once, and reuse vectors already stored."""
    model = semantic.model_id()
    todo = []
    for st in statements:
        key = semantic.speaker_key(_speaker(st))
        if key:
            todo.append((st, key, _text_hash(st.text)))
    if not todo:
        return {"embedded": 0, "reused": 0}
    current = {(pk, h, k) for pk, h, k in QuoteEmbedding.objects.filter(
        statement_id__in=[st.pk for st, _, _ in todo], model=model).values_list("statement_id", "text_hash", "speaker_key")}
    todo = [(st, key, h) for st, key, h in todo if (st.pk, h, key) not in current]
    known = {h: (vector, windows) for h, vector, windows in QuoteEmbedding.objects.filter(
        model=model, text_hash__in={h for _, _, h in todo}).values_list("text_hash", "vector", "windows")}
    missing = list({h: st.text for st, _, h in todo if h not in known}.items())
    for chunk in batched(missing, EMBED_BATCH):
        # one model run for the quotes and their windows: [quote, its windows..., next quote, ...]
        texts, spans = [], []
        for _, text in chunk:
            parts = [text, *semantic.stored_windows(text)]
            spans.append((len(texts), len(texts) + len(parts)))
            texts.extend(parts)
        vectors = embedder().embed(texts)
        known.update({h: (semantic.to_bytes(vectors[a]), b"".join(semantic.to_bytes(v) for v in vectors[a + 1:b]))
                      for (h, _), (a, b) in zip(chunk, spans, strict=True)})
    with transaction.atomic():
        QuoteEmbedding.objects.filter(statement_id__in=[st.pk for st, _, _ in todo]).delete()
        QuoteEmbedding.objects.bulk_create(
            [QuoteEmbedding(statement=st, model=model, vector=known[h][0], windows=known[h][1], text_hash=h,
                            speaker_key=key, day=_day(st))
             for st, key, h in todo], batch_size=1000)
    return {"embedded": len(missing), "reused": len(todo) - len(missing)}


def close_renderings(row: QuoteEmbedding, statement: Statement, cluster_id: int | None = None
                     ) -> tuple[list[tuple[semantic.Rendering, float]], tuple[set[int], set[int], dict[int, float]]]:
    """Quotes of the same speaker key within the window, in other articles and other clusters,
    close in meaning (or, the one of fewer sentences, to a window of the other's: those scores
    are returned apart as `inside`), best first; and which of them are each other's closest with
    the quote between the two articles (`semantic.closest_pairs`). Vectors are read and scored
    first (matrix products); texts and names only for the few above the threshold."""
    window = timedelta(days=semantic.WINDOW_DAYS)
    rows = (QuoteEmbedding.objects
            .filter(model=row.model, speaker_key=row.speaker_key, day__range=(row.day - window, row.day + window))
            .exclude(statement__article_id=statement.article_id))
    if cluster_id is not None:  # the thousandth repost's twins are in its cluster: never read them
        rows = rows.exclude(statement__appearance__cluster_id=cluster_id)
    ids, articles, blobs, their_windows = [], [], [], []
    for pk, article, vector, windows in rows.values_list("statement_id", "statement__article_id", "vector", "windows"):
        ids.append(pk)
        articles.append(article)
        blobs.append(vector)
        their_windows.append(semantic.from_bytes([windows] if windows else []))
    vector, matrix = semantic.from_bytes([row.vector])[0], semantic.from_bytes(blobs)
    inside = semantic.pieces_inside(vector, semantic.from_bytes([row.windows] if row.windows else []), matrix,
                                    their_windows)
    scores = matrix @ vector if len(matrix) else np.zeros(0, dtype=np.float32)
    piece = inside >= np.maximum(scores, semantic.INSIDE_SIMILAR)
    close = semantic.close_in_meaning(vector, matrix, scores=np.where(piece, inside, scores))
    if not close:
        return [], (set(), set(), {})
    own = semantic.from_bytes(list(QuoteEmbedding.objects.filter(
        model=row.model, speaker_key=row.speaker_key, statement__article_id=statement.article_id,
        statement__deleted_at__isnull=True).values_list("vector", flat=True)))
    near = {articles[r] for r, _ in close}  # only the articles with a close quote can hold a closest pair
    closest = semantic.closest_pairs(vector, statement.article_id,
                                     [(ids[r], articles[r], matrix[r]) for r in range(len(ids)) if articles[r] in near],
                                     list(own) or [vector])  # (the quote's own vector is among its article's)
    found = {pk: semantic.Rendering(pk, article, text, name or written, day, language, quote_type != "direct")
             for pk, article, text, name, written, day, language, quote_type in
             QuoteEmbedding.objects.filter(statement_id__in=[ids[r] for r, _ in close], statement__deleted_at__isnull=True,
                                           statement__kind=Statement.Kind.QUOTE)
             .values_list("statement_id", "statement__article_id", "statement__text", "statement__speaker__name",
                          "statement__speaker_as_written", "day", "statement__article__language",
                          "statement__quote_type")}
    return ([(found[ids[r]], float(scores[r])) for r, _ in close if ids[r] in found],
            (*closest, {ids[r]: float(inside[r]) for r, _ in close if piece[r]}))


def _settled(statement_id: int, cluster_id: int | None) -> tuple[set[int], set[int], dict[int, MatchSuggestion]]:
    """Statements and clusters already offered to (or refused by) a reviewer with this quote or
    its cluster: one suggestion per pair of clusters, and a rejected pair is not asked again
    through another member. Pending word-level suggestions of this quote are returned apart:
    when the meaning agrees, they become reworded ones with the evidence, not a second offer."""
    mine = {statement_id}
    if cluster_id is not None:
        mine |= set(Appearance.objects.filter(cluster_id=cluster_id).values_list("statement_id", flat=True))
    settled, upgradable = set(), {}
    for suggestion in MatchSuggestion.objects.filter(Q(statement_id__in=mine) | Q(candidate_id__in=mine)):
        other = suggestion.candidate_id if suggestion.statement_id in mine else suggestion.statement_id
        if suggestion.state == MatchSuggestion.State.PENDING and suggestion.how != MatchSuggestion.How.REWORDED \
                and statement_id in (suggestion.statement_id, suggestion.candidate_id):
            upgradable[other] = suggestion
        else:
            settled.add(other)
    clusters = set(Appearance.objects.filter(statement_id__in=settled).values_list("cluster_id", flat=True))
    return settled, clusters, upgradable


def reworded_suggest(statement: Statement) -> int:
    """Offer the quote's reworded renderings found among stored vectors; how many new."""
    row = QuoteEmbedding.objects.filter(statement=statement, model=semantic.model_id()).first()
    if row is None:
        return 0
    quote = semantic.Rendering(statement.pk, statement.article_id, statement.text, _speaker(statement), row.day,
                               statement.article.language, statement.quote_type != Statement.QuoteType.DIRECT)
    mine = Appearance.objects.filter(statement=statement).values_list("cluster_id", flat=True).first()
    close, (closest, alone, inside) = close_renderings(row, statement, mine)
    found = semantic.reworded(quote, close, closest=closest, alone=alone, inside=inside)
    if not found:
        return 0
    texts = {rendering.id: rendering.text for rendering, _ in close}
    cluster_of = dict(Appearance.objects.filter(statement_id__in=[f.other for f in found])
                      .values_list("statement_id", "cluster_id"))
    settled, settled_clusters, upgradable = _settled(statement.pk, mine)
    made = 0
    for match in found:
        theirs = cluster_of.get(match.other)
        if match.other in settled or (theirs is not None and (theirs == mine or theirs in settled_clusters)):
            continue
        if semantic.links_itself(match):
            # both read now: a join earlier in this loop may have put the quote in a cluster
            this, other = (Statement.objects.select_related("appearance__cluster__seed", "appearance__cluster__fullest").get(pk=pk)
                           for pk in (statement.pk, match.other))
            alike = semantic.comparable_length(statement.text, texts[match.other])
            if not (alike or match.evidence.get("inside")):
                match.evidence["inside"] = piece_inside(this, other)
            match.evidence["fits"] = fits_clusters(this, other, alike=alike)
        fields = {"score": 100 * match.similarity, "how": MatchSuggestion.How.REWORDED, "evidence": match.evidence}
        if match.other in upgradable:
            suggestion = upgradable[match.other]
            for name, value in fields.items():  # the join below reads the evidence
                setattr(suggestion, name, value)
            suggestion.save(update_fields=list(fields))
        else:
            suggestion = MatchSuggestion.objects.create(statement=statement, candidate_id=match.other, **fields)
            made += 1
        if semantic.links_itself(match):
            joined = reworded_join(suggestion)
            mine = mine or joined  # the quote's cluster now, for the next matches
        settled.add(match.other)
        if theirs is not None:
            settled_clusters.add(theirs)
        if made == semantic.MAX_REWORDED:
            break
    return made


def piece_inside(statement: Statement, other: Statement) -> bool:
    """Of a quote and a rendering much longer or shorter, the shorter stands by meaning in a
    window of the longer one's sentences."""
    short, long_ = sorted((statement, other), key=lambda st: len(st.text))
    stored = QuoteEmbedding.objects.filter(statement=long_, model=semantic.model_id()).values_list("windows", flat=True)
    if stored and stored[0]:
        return semantic.stands_inside(_vector(short), semantic.from_bytes([stored[0]]))
    vectors = embedder().embed([short.text, *semantic.windows(long_.text)])
    return semantic.stands_inside(vectors[0], vectors[1:])


def _vector(statement: Statement) -> np.ndarray:
    row = QuoteEmbedding.objects.filter(statement=statement, model=semantic.model_id()).values_list("vector", flat=True)
    return semantic.from_bytes([row[0]])[0] if row else embedder().embed([statement.text])[0]


def _related(a: Statement, b: Statement) -> bool:
    """Close in meaning, or one standing inside a window of the other's sentences."""
    if a.pk == b.pk or semantic.related_by_meaning(_vector(a), _vector(b)):
        return True
    return piece_inside(a, b)


def fits_clusters(statement: Statement, other: Statement, alike: bool = False) -> bool:
    """Whatever a pair joined by meaning moves is close to the first rendering (the seed) of the
    cluster it moves into, as a quote joins a cluster by its words only when close to its seed or
    fullest rendering: a rendering close to a quote that merges two statements is not thereby
    close to the statement that cluster began with. For two clusters, their seeds. A pair of
    about one length (`alike`: no piece against a longer, perhaps merged, quote) may fit by the
    fullest rendering instead, as the word tier's do: a reported sentence in English reads far
    from a Serbian seed, not from the English wire that is the cluster's fullest."""
    def anchors(st: Statement) -> tuple[Statement, ...]:
        if not hasattr(st, "appearance"):
            return ()
        cluster = st.appearance.cluster
        return tuple(dict.fromkeys(a for a in (cluster.seed, cluster.fullest if alike else None) if a))

    mine, theirs = anchors(statement), anchors(other)
    if mine and theirs:
        return any(_related(a, b) for a in mine for b in theirs)
    if mine:
        return any(_related(other, a) for a in mine)
    return not theirs or any(_related(statement, a) for a in theirs)


def article_reworded(article_id: int) -> dict:
    """Embed a newly imported article's quotes and suggest their reworded renderings: as many
    quotes as the word-level matching takes (MATCH_MAX_QUOTES_PER_ARTICLE)."""
    if semantic.status():
        return {"off": semantic.status()}
    quotes = list(_quotes().filter(article_id=article_id)[:settings.MATCH_MAX_QUOTES_PER_ARTICLE])
    stats = embed_quotes(quotes)
    stats["suggestions"] = sum(reworded_suggest(st) for st in quotes)
    return stats


def articles_reworded(article_ids: list[int]) -> dict:
    """`article_reworded` for each article in turn (as they were matched), the counts summed."""
    total: dict = {}
    for article_id in article_ids:
        for k, v in article_reworded(article_id).items():
            total[k] = v if k == "off" else total.get(k, 0) + v
    return total


def reworded_all(chunk: int = 2000) -> dict:
    """Every quote: embed what has no current vector, then suggest (`match_quotes --reworded`)."""
    if semantic.status():
        return {"off": semantic.status()}
    stats = {"embedded": 0, "reused": 0, "suggestions": 0}
    ids = list(_quotes().values_list("pk", flat=True))
    for part in batched(ids, chunk):
        for k, v in embed_quotes(list(_quotes().filter(pk__in=part))).items():
            stats[k] += v
    for part in batched(ids, chunk):
        stats["suggestions"] += sum(reworded_suggest(st) for st in _quotes().filter(pk__in=part))
    return stats


# -- reading ----------------------------------------------------------------------------------

def reworded_pending(statement: Statement) -> list[dict]:
    """The reworded renderings waiting for a reviewer's word on this quote, from either side
    of the pair, leaving out pairs that are one cluster already (unless only unconfirmed, by
    meaning: `joined`); best first."""
    rows = (MatchSuggestion.objects.filter(how=MatchSuggestion.How.REWORDED, state=MatchSuggestion.State.PENDING)
            .filter(Q(statement=statement) | Q(candidate=statement))
            .select_related("statement__article__outlet", "statement__speaker", "statement__appearance",
                            "candidate__article__outlet", "candidate__speaker", "candidate__appearance")
            .order_by("-score", "pk")[:10])
    mine = getattr(statement, "appearance", None)
    out = []
    for suggestion in rows:
        other = suggestion.candidate if suggestion.statement_id == statement.pk else suggestion.statement
        theirs = getattr(other, "appearance", None)
        joined = bool(mine and theirs and mine.cluster_id == theirs.cluster_id)
        if joined and Appearance.How.REWORDED not in (mine.how, theirs.how):
            continue
        out.append({"suggestion": suggestion, "other": other, "evidence": suggestion.evidence,
                    "similarity": round(suggestion.score), "joined": joined})
    return out
