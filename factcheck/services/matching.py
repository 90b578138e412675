"""Quote reuse across outlets, in the database: the candidate index, clusters, suggestions.

The rules are in factcheck/matching.py. Here: DbIndex keeps the candidate keys in a table (the
same schema and queries on SQLite and PostgreSQL), `article_match` places a new article's quotes
and claims in a fixed number of queries, and `match_rebuild` recomputes everything in one pass
with the in-memory index (same rules, same order, so the same clusters) and writes it back.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import batched

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, Value, When
from django.utils import timezone

from factcheck import matching, semantic
from factcheck.models import (
    Appearance,
    Article,
    MatchSuggestion,
    QuoteCluster,
    QuoteKey,
    Speaker,
    SpeakerAliasOffer,
    Statement,
    Verdict,
)
from factcheck.services.history import record
from factcheck.services.overlaps import article_relate
from factcheck.services.speakers import as_one_for_matching
from factcheck.text.languages.detect import script

log = logging.getLogger(__name__)
BATCH = 5000


class DbIndex:
    """Rare words and word pairs of every statement, as rows (key, kind, statement)."""

    def add_many(self, keys_of: dict[int, matching.Keys]) -> None:
        QuoteKey.objects.bulk_create(
            [QuoteKey(key=k, kind=kind, statement_id=pk) for pk, keys in keys_of.items() for kind, k in keys.rows()],
            ignore_conflicts=True, batch_size=BATCH)

    def candidates_many(self, quotes: list[matching.Quote],
                        keys_of: dict[int, matching.Keys]) -> dict[int, list[matching.Candidate]]:
        """Candidates of all of one article's statements, whatever their number: the
        exact-words twins, else the statements sharing the most rare keys with each
        (frequencies, counting and ranking done by the database with the rules of
        MemoryIndex). One query on PostgreSQL, two on SQLite: each round trip counts on a busy
        machine."""
        own = {q.id for q in quotes}
        ranked: dict[int, list[matching.Candidate]] = {}
        if connection.vendor == "postgresql":
            exact_of: dict[int, list[int]] = {}
            for qid, other, n, twin in _candidates_query(quotes, keys_of, own):
                if twin:
                    exact_of.setdefault(qid, []).append(other)
                else:
                    ranked.setdefault(qid, []).append(matching.Candidate(other, n))
            # As the two queries of SQLite give them: twins by id, the others most shared first.
            for found in exact_of.values():
                found.sort()
            for found in ranked.values():
                found.sort(key=lambda c: (-c.shared, c.other))
        else:
            by_key = _twins({keys_of[q.id].exact for q in quotes}, own)
            exact_of = {q.id: by_key[keys_of[q.id].exact] for q in quotes if keys_of[q.id].exact in by_key}
            for qid, other, n in _shared_keys(_key_rows([q for q in quotes if q.id not in exact_of], keys_of), own):
                ranked.setdefault(qid, []).append(matching.Candidate(other, n))
        out = {}
        for q in quotes:
            exact = exact_of.get(q.id)
            out[q.id] = matching.twins_only(exact, len(q.words)) if exact else ranked.get(q.id, [])
            if len(out[q.id]) >= matching.MAX_CANDIDATES:
                log.info("statement %s: candidate list capped at %d", q.id, matching.MAX_CANDIDATES)
        return out

    def candidates(self, statement_id: int, words: list[str], kind: str = matching.QUOTE) -> list[matching.Candidate]:
        """One statement's candidates (the lookup bench_matching times)."""
        q = matching.Quote(statement_id, 0, words, kind=kind)
        return self.candidates_many([q], {statement_id: matching.keys_of(words, kind)})[statement_id]


def _key_rows(quotes: list[matching.Quote], keys_of: dict[int, matching.Keys]) -> list[tuple[int, int, int, int]]:
    """(statement, key, keys needed, rarity limit of the key) for each rare-key candidate key."""
    rows = []
    for q in quotes:
        keys = keys_of[q.id]
        need = matching.min_shared(q.words)
        rows += [(q.id, k, need, matching.RARE_WORD_DF) for k in keys.words]
        rows += [(q.id, k, need, matching.RARE_PAIR_DF) for k in keys.pairs]
    return rows


def _candidates_query(quotes: list[matching.Quote], keys_of: dict[int, matching.Keys],
                      own: set[int]) -> list[tuple[int, int, int, bool]]:
    """PostgreSQL, one round trip: (statement, other, keys shared, twin) rows, unordered. A statement's
    first EXACT_CANDIDATES twins by id, read in the (key, statement) index; for a statement
    with none, its rare-key candidates ranked as `_shared_keys` ranks them. The keys go as
    arrays: one short statement text for any number of keys, parsed once by the driver.

    Each key's postings are read once, at most its rarity limit plus one (21 rows for a word,
    201 for a pair): more rows than the limit say the key is common and they are dropped, fewer
    are the key's candidates. (SQLite's queries read them twice: it has no LATERAL.)"""
    table = QuoteKey._meta.db_table
    rows = _key_rows(quotes, keys_of)
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[], [], [], []]
    sql = (f"WITH e(qid, exact) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[])), "
           f"t AS (SELECT e.qid, x.statement_id FROM e, LATERAL (SELECT statement_id FROM {table} "
           f"WHERE key = e.exact AND kind = 3 AND statement_id <> ALL(%s::bigint[]) "
           f"ORDER BY statement_id LIMIT {matching.EXACT_CANDIDATES}) x), "
           f"q AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::integer[], %s::integer[]) "
           f"AS u(qid, key, need, rare) WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.qid = u.qid)), "
           f"p AS (SELECT q.qid, q.need, x.ids FROM q, LATERAL (SELECT array_agg(y.statement_id) AS ids "
           f"FROM (SELECT statement_id FROM {table} f WHERE f.key = q.key LIMIT q.rare + 1) y) x "
           f"WHERE cardinality(x.ids) <= q.rare), "
           f"c AS (SELECT p.qid, s.other, COUNT(*) AS n, MAX(p.need) AS need FROM p, unnest(p.ids) AS s(other) "
           f"WHERE s.other <> ALL(%s::bigint[]) GROUP BY p.qid, s.other), "
           f"r AS (SELECT qid, other, n, ROW_NUMBER() OVER (PARTITION BY qid ORDER BY n DESC, other) AS rn "
           f"FROM c WHERE n >= need) "
           f"SELECT qid, statement_id, 0, TRUE FROM t UNION ALL "
           f"SELECT qid, other, n, FALSE FROM r WHERE rn <= {matching.MAX_CANDIDATES}")
    params = [[q.id for q in quotes], [keys_of[q.id].exact for q in quotes], sorted(own), *columns, sorted(own)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# SQLite, given q(qid, key, need, rare): each key's frequency counted up to the rarity cap (a
# common word's postings are never read in full), the rare keys' postings joined and counted by
# pair, and the MAX_CANDIDATES best of each statement ranked (most shared first, ties: lower id).
# MATERIALIZED, or SQLite reads every key's postings first and counts the frequency again for
# each (seconds a lookup at 100,000 quotes).
_RANKED = ("d AS MATERIALIZED (SELECT u.key, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} f WHERE f.key = u.key LIMIT "
           + str(max(matching.RARE_WORD_DF, matching.RARE_PAIR_DF) + 1) + ") t) "
           "AS df FROM (SELECT DISTINCT key FROM q) u), "
           "rq AS MATERIALIZED (SELECT q.qid, q.key, q.need FROM q JOIN d ON d.key = q.key AND d.df <= q.rare), "
           "c AS (SELECT rq.qid, k.statement_id AS other, COUNT(*) AS n, MAX(rq.need) AS need "
           "FROM rq JOIN {table} k ON k.key = rq.key "
           "WHERE k.statement_id {exclude} GROUP BY rq.qid, k.statement_id), "
           "r AS (SELECT qid, other, n, ROW_NUMBER() OVER (PARTITION BY qid ORDER BY n DESC, other) AS rn "
           "FROM c WHERE n >= need) ")


def _twins(exact_keys: set[int], own: set[int]) -> dict[int, list[int]]:
    """For each exact-words key, the first EXACT_CANDIDATES earlier statements with it (a
    thousand reposts of one quote read five rows, not a thousand)."""
    if not exact_keys:
        return {}
    table = QuoteKey._meta.db_table
    out: dict[int, list[int]] = {}
    for chunk in batched(sorted(exact_keys), 500):
        limit = matching.EXACT_CANDIDATES + len(own)
        # Each key's first rows in the (key, statement) index, in order (SQLite has no LATERAL).
        rows = ", ".join(["(CAST(%s AS BIGINT))"] * len(chunk))
        sql = (f"WITH k(key) AS (VALUES {rows}) SELECT q.key, q.statement_id FROM k JOIN {table} q "
               f"ON q.key = k.key AND q.statement_id IN (SELECT statement_id FROM {table} WHERE key = k.key "
               f"AND kind = 3 ORDER BY statement_id LIMIT {limit})")
        with connection.cursor() as cursor:
            cursor.execute(sql, list(chunk))
            for key, statement_id in cursor.fetchall():
                if statement_id not in own:
                    found = out.setdefault(key, [])
                    if len(found) < matching.EXACT_CANDIDATES:
                        found.append(statement_id)
    for found in out.values():
        found.sort()
    return out


def _shared_keys(rows: list[tuple[int, int, int, int]], own: set[int]) -> list[tuple[int, int, int]]:
    """For rows (statement, key, keys needed, rarity limit of the key): the other statements
    sharing at least that many of the statement's rare keys, most shared first (ties: lower
    id), MAX_CANDIDATES at most. A key is rare when at most its limit of statements have it,
    counted only up to the limit: a common word's postings are never read in full, so a lookup
    costs the same at 10,000 quotes or 1,000,000."""
    out: list[tuple[int, int, int]] = []
    chunk: list[tuple[int, int, int, int]] = []
    for i, row in enumerate(rows):
        chunk.append(row)
        # Whole statements per query, a bounded number of parameters (SQLite's limit is 32,766).
        if len(chunk) >= 2000 and (i + 1 == len(rows) or rows[i + 1][0] != row[0]):
            out += _shared_keys_query(chunk, own)
            chunk = []
    return out + (_shared_keys_query(chunk, own) if chunk else [])


def _shared_keys_query(rows: list[tuple[int, int, int, int]], own: set[int]) -> list[tuple[int, int, int]]:
    table = QuoteKey._meta.db_table
    values = ", ".join(["(CAST(%s AS BIGINT), CAST(%s AS BIGINT), CAST(%s AS INTEGER), CAST(%s AS INTEGER))"]
                       * len(rows))
    exclude = "NOT IN (" + ", ".join(["%s"] * len(own)) + ")"
    sql = (f"WITH q(qid, key, need, rare) AS (VALUES {values}), " + _RANKED.format(table=table, exclude=exclude)
           + f"SELECT qid, other, n FROM r WHERE rn <= {matching.MAX_CANDIDATES} ORDER BY qid, rn")
    with connection.cursor() as cursor:
        cursor.execute(sql, [x for row in rows for x in row] + sorted(own))
        return cursor.fetchall()


def _matchable():
    return Statement.objects.live().filter(kind__in=[Statement.Kind.QUOTE, Statement.Kind.CLAIM])


def _ordered(statements):
    """Statements in the order appearances happened: publication (day, then time when known),
    then import."""
    return statements.order_by(F("article__published").asc(nulls_last=True),
                               F("article__published_at").asc(nulls_last=True), "article__imported_at", "pk")


_QUOTE_FIELDS = ("pk", "article_id", "text", "speaker_id", "article__published", "kind")


def _as_quote(pk, article_id, text, speaker_id, published, kind) -> matching.Quote:
    words, figures = _read(text)
    quote = matching.Quote(pk, article_id, list(words), speaker_id if kind == Statement.Kind.QUOTE else None,
                           published.toordinal() if published else None, kind, text)
    quote.figures = figures  # what the cached property would compute, read once per text
    return quote


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A text's words and figures: an article's candidates are mostly copies of a few texts
    (the twins of each of its quotes), read once each instead of once per copy."""
    return tuple(matching.normalise(text)), matching.figures(text)


def _quotes_of(statements) -> list[matching.Quote]:
    return [_as_quote(*row) for row in statements.values_list(*_QUOTE_FIELDS)]


def _quotes_and_clusters(rows, cluster_of: dict[int, int], held: dict[int, tuple], noted: set[int]) -> list[matching.Quote]:
    """The statements of `rows` (`_MINE` or `_BY_ID`, filtered) as quotes, noting in `cluster_of`
    the cluster each is in, in `held` that cluster's row for `_clusters_from`, and in `noted`
    those whose last field is set. One query (the appearance, the cluster and its fullest and
    seed renderings joined) instead of one for the statements, one for their clusters by
    statement id and one for those clusters."""
    n, quotes = len(_QUOTE_FIELDS), []
    for row in rows:
        quotes.append(_as_quote(*row[:n]))
        if (cluster_id := row[n]) is not None:
            cluster_of[row[0]] = cluster_id
            held[cluster_id] = row[n + 1:n + 2 + 2 * len(_ROLE_FIELDS)]
        if row[-1]:
            noted.add(row[0])
    return quotes


def _candidates_read(wanted: set[int], article_id: int, cluster_of: dict[int, int],
                     held: dict[int, tuple]) -> dict[int, matching.Quote]:
    """The candidates as quotes (`_quotes_and_clusters`): the live quotes and claims among them,
    of other articles. Read by id alone and sorted out here, so that the primary key is the only
    index PostgreSQL can take: on tables not analysed yet (a first import, before autovacuum has
    run) the kind and deletion in the query made it scan the span index, every live statement,
    for each article, and matching slowed as the archive grew."""
    deleted: set[int] = set()
    read = _quotes_and_clusters(_BY_ID.filter(pk__any=wanted).exclude(article_id=article_id), cluster_of, held, deleted)
    return {q.id: q for q in read if q.id not in deleted and q.kind in (Statement.Kind.QUOTE, Statement.Kind.CLAIM)}


@dataclass
class Outcome:
    statement: int
    cluster: int | None = None
    suggestions: int = 0


def _rejected(ids: set[int], others: set[int]) -> set[tuple[int, int]]:
    rows = MatchSuggestion.objects.filter(state=MatchSuggestion.State.REJECTED).filter(
        Q(statement_id__in=ids, candidate_id__in=others) | Q(candidate_id__in=ids, statement_id__in=others))
    return set(rows.values_list("statement_id", "candidate_id"))


# Whether a person ever rejected a pair with the statement: only then are its rejected pairs
# read. A newly imported article's statements have none, and its matching a query less.
_REJECTED = Exists(MatchSuggestion.objects.filter(state=MatchSuggestion.State.REJECTED).filter(
    Q(statement_id=OuterRef("pk")) | Q(candidate_id=OuterRef("pk"))))

_ROLE_FIELDS = ("pk", "article", "text", "speaker", "article__published", "kind")
# A cluster's speaker, fullest and seed renderings, as the statements' query joins them.
_HELD_FIELDS = ("appearance__cluster__speaker_id", *(f"appearance__cluster__fullest__{f}" for f in _ROLE_FIELDS),
                *(f"appearance__cluster__seed__{f}" for f in _ROLE_FIELDS))
# The reads of `_quotes_and_clusters`, their fields and joins set up once: for thirteen related
# fields that is half a millisecond of the ORM's time per read, more than the query takes.
_QUOTES_READ = (*_QUOTE_FIELDS, "appearance__cluster_id", *_HELD_FIELDS)
# An article's statements, in order, with whether a pair of theirs was ever rejected.
_MINE = _ordered(_matchable()).annotate(rejected=_REJECTED).values_list(*_QUOTES_READ, "rejected")
# Candidates by id, unordered (the default order joins and sorts by article, for a dict keyed
# by id), with their deletion (see `_candidates_read`).
_BY_ID = Statement.objects.order_by().values_list(*_QUOTES_READ, "deleted_at")


def _clusters_state(cluster_of: dict[int, int]) -> tuple[matching.Clusters, dict[int, tuple]]:
    """The clusters these statements are in, read in one query (see `_clusters_from`)."""
    rows = QuoteCluster.objects.filter(pk__in=set(cluster_of.values())).values_list(
        "pk", "speaker_id", *(f"fullest__{f}" for f in _ROLE_FIELDS), *(f"seed__{f}" for f in _ROLE_FIELDS))
    return _clusters_from(cluster_of, {cluster_id: row for cluster_id, *row in rows})


def _clusters_from(cluster_of: dict[int, int], held: dict[int, tuple]) -> tuple[matching.Clusters, dict[int, tuple]]:
    """The clusters these statements are in, from each one's row (speaker, then the fullest and
    the seed renderings' _ROLE_FIELDS), with each one's fullest and seed renderings and
    speaker; and each cluster's (fullest, speaker) as stored, so that only the clusters that
    changed are written back."""
    state = matching.Clusters(cluster_of)
    stored = {}
    n = len(_ROLE_FIELDS)
    for cluster_id in set(cluster_of.values()):
        speaker_id, *roles = held[cluster_id]
        state.speaker[cluster_id] = speaker_id
        fullest, seed = roles[:n], roles[n:]
        stored[cluster_id] = (fullest[0], speaker_id)
        for kept, statement in ((state.fullest, fullest), (state.seed, seed)):
            if statement[0] is not None:
                kept[cluster_id] = _as_quote(*statement)
    return state, stored


@transaction.atomic
def article_match(article_id: int) -> list[Outcome]:
    """Place a newly imported article's quotes and claims (the task run after each import):
    join clusters, start them, or suggest possible matches. A fixed number of queries per
    article (seven on PostgreSQL and its savepoint, whatever the number of statements: each
    round trip counts on a busy machine); at most MATCH_MAX_QUOTES_PER_ARTICLE quotes (and as many claims), so one huge
    article cannot occupy a worker for hours."""
    cap = settings.MATCH_MAX_QUOTES_PER_ARTICLE
    cluster_of: dict[int, int] = {}
    held: dict[int, tuple] = {}
    decided: set[int] = set()
    # Quotes and claims in one read (an article holds at most IMPORT_MAX_STATEMENTS), capped apart.
    mine = _quotes_and_clusters(_MINE.filter(article_id=article_id), cluster_of, held, decided)
    quotes = [q for kind in (Statement.Kind.QUOTE, Statement.Kind.CLAIM)
              for q in [q for q in mine if q.kind == kind][:cap] if q.words]
    keys_of = {q.id: matching.keys_of(q.words, q.kind) for q in quotes}
    found = DbIndex().candidates_many(quotes, keys_of)
    twins = {q.id for q in quotes if found[q.id] and found[q.id][0].twin}
    wanted = {c.other for f in found.values() for c in f}
    others = _candidates_read(wanted, article_id, cluster_of, held) if wanted else {}
    decided &= set(found)
    rejected = _rejected(decided, set(others)) if decided and others else set()
    quotes = _merged_cut(quotes, found, others, keys_of)
    state, stored = _clusters_from({pk: c for pk, c in cluster_of.items() if pk in others or pk in found}, held)
    as_one_for_matching([*quotes, *others.values()], state)
    touched: dict[int, list[tuple[int, float, str]]] = {}
    outcomes, suggestions = [], []
    for q in quotes:
        links = [link for link in matching.best_links(q, [others[c.other] for c in found[q.id] if c.other in others
                                                           and others[c.other].kind == q.kind])
                 if (q.id, link.other) not in rejected and (link.other, q.id) not in rejected]
        cluster = state.cluster_of.get(q.id)
        if cluster is None:
            placed = state.place(q, links, others)
            cluster = placed.cluster
            if placed.created:
                touched[cluster] = [(placed.link.other, 100.0, "wording")]
            if cluster is not None:
                touched.setdefault(cluster, []).append((q.id, placed.link.score, placed.link.how))
        outcome = Outcome(q.id, cluster)
        for link in state.to_suggest(links, cluster):
            suggestions.append(_suggestion(q.id, link))
            outcome.suggestions += 1
        outcomes.append(outcome)
    made = _store_clusters(touched, state, {q.id: q.kind for q in quotes} | {o.id: o.kind for o in others.values()},
                           stored)
    for outcome in outcomes:
        outcome.cluster = made.get(outcome.cluster, outcome.cluster)
    MatchSuggestion.objects.bulk_create(suggestions, ignore_conflicts=True, batch_size=BATCH)
    DbIndex().add_many({pk: matching.keys_to_store(keys, pk in twins) for pk, keys in keys_of.items()})
    return outcomes


def _merged_cut(quotes: list[matching.Quote], found: dict, others: dict[int, matching.Quote],
                keys_of: dict[int, matching.Keys]) -> list[matching.Quote]:
    """The article's quotes, a quote that merges two statements (`matching.merged_at`) cut in
    two statements, each then placed on its own with the first's candidates. Rare, so each cut
    costs its own few queries."""
    out = []
    for q in quotes:
        candidates = [others[c.other] for c in found[q.id] if c.other in others and others[c.other].kind == q.kind]
        cut = matching.merged_at(q, candidates) if candidates else None
        if cut is None:
            out.append(q)
            continue
        head, tail = _cut(q, *cut)
        for part in (head, tail):
            keys_of[part.id] = matching.keys_of(part.words, part.kind)
        found[tail.id] = found[q.id]  # the head keeps the quote's id and candidates
        out += [head, tail]
    return out


def _cut(q: matching.Quote, head_end: int, tail_start: int) -> tuple[matching.Quote, matching.Quote]:
    """Cut a merged quote's statement where the second statement begins; the history says why."""
    st = Statement.objects.select_related("article").get(pk=q.id)
    end, cut, resume = st.end, st.start + head_end, st.start + tail_start
    st.end, st.text = cut, st.article.text[st.start:cut]
    st.version = F("version") + 1
    st.save(update_fields=["end", "text", "version", "updated_at"])
    why = "a quote that runs two statements together, cut where the second begins"
    record(st, "update", None, {"end": [end, cut]}, reason=why)
    tail = Statement.objects.create(
        article=st.article, kind=st.kind, quote_type=st.quote_type, start=resume, end=end,
        text=st.article.text[resume:end], speaker=st.speaker, speaker_as_written=st.speaker_as_written,
        cue=st.cue, utterance=st.utterance, score=st.score, reasons=[*st.reasons, why])
    record(tail, "create", None, {"split_from": [None, st.pk]}, reason=why)
    article_relate(st.article_id)
    return (matching.quote_of(st.pk, q.article, st.text, speaker=q.speaker, day=q.day),
            matching.quote_of(tail.pk, q.article, tail.text, speaker=q.speaker, day=q.day))


def articles_match(article_ids: list[int]) -> int:
    """`article_match` for each article in turn, in one transaction (one commit, and its wait
    for the disk, per batch instead of per article); each article in a savepoint of its own, so
    one that fails is logged and left unmatched while the others are placed. Returns how many
    statements joined a cluster."""
    placed = 0
    with transaction.atomic():
        for article_id in article_ids:
            try:
                placed += sum(o.cluster is not None for o in article_match(article_id))
            except Exception:  # noqa: BLE001 - one article's failure must not leave the batch unmatched
                log.exception("matching article %s failed; the others of its batch go on", article_id)
    return placed


def articles_unmatched(imported_before) -> list[int]:
    """Articles imported before that time with quotes or claims of which none is in the key
    table: their matching never ran to its end (a worker stopped in the middle of a batch, and
    the batch's transaction went with it). `article_match` writes the keys last, in the same
    transaction, so keys mean the article was placed."""
    keyed = QuoteKey.objects.filter(statement__article=OuterRef("pk"))
    matchable = _matchable().filter(article=OuterRef("pk"))
    return list(Article.objects.filter(imported_at__lt=imported_before).filter(Exists(matchable))
                .exclude(Exists(keyed)).order_by("pk").values_list("pk", flat=True))


def _suggestion(statement_id: int, link: matching.Link) -> MatchSuggestion:
    return MatchSuggestion(statement_id=statement_id, candidate_id=link.other, score=link.score,
                           guard=link.guard or "", how=link.how)


def _store_clusters(members: dict[int, list[tuple[int, float, str]]], state: matching.Clusters,
                    kind_of: dict[int, str], stored: dict[int, tuple]) -> dict[int, int]:
    """Write new clusters (negative ids), appearances, and the fullest rendering and speaker
    of every cluster that gained members where they differ from `stored` (the thousandth
    repost changes neither: no write); returns {local id: stored id}."""
    local_ids = [c for c in members if c < 0]
    made = dict(zip(local_ids, (c.pk for c in QuoteCluster.objects.bulk_create(
        [QuoteCluster(kind=kind_of[state.fullest[c].id], fullest_id=state.fullest[c].id,
                      seed_id=state.seed[c].id, speaker_id=state.speaker.get(c)) for c in local_ids],
        batch_size=BATCH)), strict=True))
    Appearance.objects.bulk_create(
        [Appearance(statement_id=pk, cluster_id=made.get(c, c), score=s)
         for c, rows in members.items() for pk, s, _ in rows], batch_size=BATCH)
    changed = [QuoteCluster(pk=c, fullest_id=state.fullest[c].id, speaker_id=state.speaker.get(c))
               for c in members if c > 0 and c in state.fullest
               and stored.get(c) != (state.fullest[c].id, state.speaker.get(c))]
    QuoteCluster.objects.bulk_update(changed, ["fullest", "speaker"], batch_size=BATCH)
    return made


@transaction.atomic
def match_rebuild() -> dict:
    """Recompute the index, automatic clusters and pending suggestions for all quotes and claims.

    Confirmed appearances and rejected pairs are decisions of people: they are kept.
    """
    _clear_keys()
    # Unconfirmed reworded joins are made again below, into the clusters rebuilt here.
    Appearance.objects.filter(how__in=(Appearance.How.AUTO, Appearance.How.REWORDED)).delete()
    # Reworded suggestions come from the semantic tier (`match_quotes --reworded`): kept.
    MatchSuggestion.objects.filter(state=MatchSuggestion.State.PENDING).exclude(how=MatchSuggestion.How.REWORDED).delete()
    QuoteCluster.objects.filter(appearances__isnull=True).delete()
    quotes = _quotes_of(_ordered(_matchable()))
    keys_of = {q.id: matching.keys_of(q.words, q.kind) for q in quotes if q.words}
    state, stored = _clusters_state(dict(Appearance.objects.values_list("statement_id", "cluster_id")))
    as_one_for_matching(quotes, state)
    rejected = set(MatchSuggestion.objects.filter(state="rejected").values_list("statement_id", "candidate_id"))
    batch = matching.cluster_all(quotes, state, rejected, keys_of)
    suggestions = [_suggestion(pk, link) for pk, link in zip(batch.suggested_for, batch.suggestions, strict=True)]
    n_keys = _insert_keys(batch.indexed)
    kind_of = {q.id: q.kind for q in quotes}
    made = _store_clusters(batch.clusters, state, kind_of, stored)
    MatchSuggestion.objects.bulk_create(suggestions, batch_size=BATCH, ignore_conflicts=True)
    rejoined = reworded_rejoin()
    return {"statements": len(quotes), "clusters": len(made), "reworded joins": rejoined,
            "appearances": sum(len(m) for m in batch.clusters.values()),
            "suggestions": len(suggestions), "keys": n_keys}


def _clear_keys() -> None:
    if connection.vendor == "postgresql":
        # Millions of rows: TRUNCATE leaves no dead rows to vacuum, unlike DELETE. It refuses
        # while foreign-key checks of this transaction are still queued, so they run first.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {QuoteKey._meta.db_table}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        QuoteKey.objects.all().delete()


def _insert_keys(keys_of: dict[int, matching.Keys]) -> int:
    """Millions of rows: COPY on PostgreSQL (as text, in large chunks), executemany on SQLite;
    both far faster than model instances."""
    table = QuoteKey._meta.db_table
    rows = ((key, kind, pk) for pk, keys in keys_of.items() for kind, key in keys.rows())
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with _indexes_rebuilt_after(cursor, table), \
                    cursor.copy(f"COPY {table} (key, kind, statement_id) FROM STDIN") as copy:
                for chunk in batched(rows, BATCH * 20):
                    copy.write("".join(f"{key}\t{kind}\t{pk}\n" for key, kind, pk in chunk))
                    count += len(chunk)
            # Fresh statistics, or the planner scans the whole table instead of the key index.
            cursor.execute(f"ANALYZE {table}")
        else:
            for chunk in batched(rows, BATCH * 4):
                cursor.executemany(f"INSERT INTO {table} (key, kind, statement_id) VALUES (%s, %s, %s)", chunk)
                count += len(chunk)
    return count


@contextmanager
def _indexes_rebuilt_after(cursor, table: str):
    """PostgreSQL: drop the table's unique and foreign-key constraints and plain indexes, and
    make them again at the end: one sort (and one join to check the keys) over millions of rows
    is several times faster than updating indexes and queueing a deferred check row by row.
    Inside the rebuild's transaction, so a failure leaves them as they were."""
    cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC", [table])
    constraints = cursor.fetchall()
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                   "AND tablename = %s AND indexname NOT IN "
                   "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)", [table, table])
    indexes = cursor.fetchall()
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for _, definition in indexes:
        cursor.execute(definition)


def index_vacuum() -> None:
    """After a rebuild, outside its transaction: on PostgreSQL, VACUUM sets the visibility map so
    lookups read the key index alone instead of visiting millions of fresh heap rows, and the
    tables the rebuild rewrote get fresh statistics (a sample, quick at any size): with those
    of the empty tables, the planner may scan a table a lookup should read a few rows of."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {QuoteKey._meta.db_table}")
            for model in (Appearance, QuoteCluster, MatchSuggestion):
                cursor.execute(f"ANALYZE {model._meta.db_table}")


# -- reading clusters ---------------------------------------------------------------------

# (of one article's renderings, one in its own words leads one joined by meaning and not yet
# confirmed: a lede's report is no yardstick for the quote's wording, nor its heading)
APPEARANCE_ORDER = (F("statement__article__published").asc(nulls_last=True),
                    F("statement__article__published_at").asc(nulls_last=True),
                    "statement__article__imported_at",
                    Case(When(how=Appearance.How.REWORDED, then=Value(1)), default=Value(0)), "statement_id")


@dataclass
class First:
    """A cluster's first appearance, said honestly: by publication where any appearance is
    dated ('published'); when none is, the first imported ('imported'). `same_day` holds the
    other appearances published that day with no time to tell them apart."""

    appearance: Appearance
    basis: str
    same_day: list[Appearance]

    @property
    def statement(self) -> Statement:
        return self.appearance.statement


def cluster_first(cluster_id: int) -> First | None:
    """The first appearance (an undated one only when all are undated) and its same-day ties:
    two light queries however many appearances."""
    appearances = Appearance.objects.filter(cluster_id=cluster_id).select_related(
        "statement__article__outlet", "statement__speaker")
    first = appearances.order_by(*APPEARANCE_ORDER).first()
    if first is None:
        return None
    article = first.statement.article
    if article.published is None:
        return First(first, "imported", [])
    # (another rendering in the first appearance's own article is no other outlet that day)
    ties = appearances.filter(statement__article__published=article.published).exclude(statement__article=article)
    if article.published_at is not None:
        ties = ties.filter(Q(statement__article__published_at__isnull=True)
                           | Q(statement__article__published_at=article.published_at))
    return First(first, "published", list(ties.order_by(*APPEARANCE_ORDER)[:MAX_TIES_SHOWN]))


MAX_TIES_SHOWN = 10


def cluster_speaker(cluster_id: int) -> Speaker | None:
    """The speaker to name in the heading: the one most appearances name (ties: the one named
    first), not simply the first appearance's, which one outlet may have got wrong."""
    row = (Appearance.objects.filter(cluster_id=cluster_id, statement__speaker__isnull=False)
           .values("statement__speaker").annotate(n=Count("id"), since=Min("statement_id"))
           .order_by("-n", "since").first())
    return Speaker.objects.filter(pk=row["statement__speaker"]).first() if row else None




def cluster_verdict(cluster_id: int) -> Verdict | None:
    """The latest approved verdict on any appearance of the cluster that may carry."""
    return (Verdict.objects.filter(state=Verdict.State.APPROVED).filter(statement__appearance__cluster_id=cluster_id)
            .select_related("rating", "editor", "author", "statement").order_by("-decided_at").first())


def carry_blocked(verdict: Verdict, statement: Statement, by_meaning: bool | None = None) -> str | None:
    """Why a verdict does not carry to another rendering (None: it carries): figures it states
    that the checked one does not, or, while the cluster holds renderings joined by meaning
    that no reviewer has confirmed, other words than the checked one's ('reworded': it may have
    come in through such a join). A rendering a reviewer linked carries as any.
    `by_meaning`: whether the cluster holds unconfirmed joins, when the caller knows."""
    appearance = getattr(statement, "appearance", None)
    if by_meaning is None:
        by_meaning = appearance is not None and Appearance.objects.filter(
            cluster_id=appearance.cluster_id, how=Appearance.How.REWORDED).exists()
    confirmed = appearance is not None and appearance.how == Appearance.How.CONFIRMED
    return matching.carry_blocked(verdict.statement.text, statement.text, by_meaning=by_meaning and not confirmed)


def carried_verdict(statement: Statement) -> Verdict | None:
    """An approved verdict on another appearance of the same statement that carries to this one."""
    appearance = getattr(statement, "appearance", None)
    if appearance is None:
        return None
    verdicts = (Verdict.objects.filter(state=Verdict.State.APPROVED).filter(statement__appearance__cluster_id=appearance.cluster_id)
                .exclude(statement_id=statement.pk).select_related("rating", "editor", "author", "statement")
                .order_by("-decided_at"))
    by_meaning = Appearance.objects.filter(cluster_id=appearance.cluster_id, how=Appearance.How.REWORDED).exists()
    return next((v for v in verdicts[:20] if carry_blocked(v, statement, by_meaning) is None), None)


def checked_elsewhere(statements):
    """Statements with an approved verdict on another appearance of their quote or claim that
    carries to them (`carry_blocked`, read in Python: figures are not in the database). Only
    statements in clusters with an approved verdict are read, and only those clusters' verdicts."""
    approved = (Verdict.objects.filter(state=Verdict.State.APPROVED).filter(statement__appearance__cluster_id__in=
                                   statements.filter(appearance__isnull=False).values("appearance__cluster_id"))
                .values_list("statement__appearance__cluster_id", "statement_id", "statement__text"))
    checked: dict[int, list[tuple[int, str]]] = {}
    for cluster_id, statement_id, text in approved:
        checked.setdefault(cluster_id, []).append((statement_id, text))
    by_meaning = set(Appearance.objects.filter(cluster_id__in=list(checked), how=Appearance.How.REWORDED)
                     .values_list("cluster_id", flat=True))
    candidates = (statements.filter(appearance__cluster_id__in=list(checked))
                  .values_list("pk", "appearance__cluster_id", "appearance__how", "text"))
    carried = [pk for pk, cluster_id, how, text in candidates
               if any(other != pk and matching.carry_blocked(
                   checked_text, text, by_meaning=cluster_id in by_meaning and how != Appearance.How.CONFIRMED) is None
                      for other, checked_text in checked[cluster_id])]
    return statements.filter(pk__in=carried)


@transaction.atomic
def suggestion_decide(*, suggestion: MatchSuggestion, user, confirm: bool) -> MatchSuggestion:
    """Confirm (the two are one statement: the statement, with the cluster it was in, joins the
    candidate's cluster) or reject (never suggested again). Both are kept in history."""
    suggestion = MatchSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != MatchSuggestion.State.PENDING:
        return suggestion
    suggestion.state = MatchSuggestion.State.CONFIRMED if confirm else MatchSuggestion.State.REJECTED
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.save()
    if confirm:
        _join(suggestion, user)
    elif suggestion.how == MatchSuggestion.How.REWORDED:
        _reworded_undo(suggestion)
    kind = "claim" if suggestion.statement.kind == Statement.Kind.CLAIM else "quote"
    what = "the same statement, reworded" if suggestion.how == MatchSuggestion.How.REWORDED else f"the same {kind}"
    record(suggestion.statement, "update", user,
           {"same_quote_as": [None, suggestion.candidate_id] if confirm else [suggestion.candidate_id, None]},
           reason=f"confirmed as {what}" if confirm else f"rejected: not {what}")
    return suggestion


@transaction.atomic
def reworded_join(suggestion: MatchSuggestion) -> int | None:
    """Put a reworded pair that links itself (factcheck.semantic.links_itself) in one cluster,
    unconfirmed: the rendering in no cluster yet joins the other's, the two start one, or the
    smaller of two automatic clusters (a translation's reposts) moves into the other. Nothing
    joins a cluster with a wording that states other figures or names another speaker, and a
    piece is never joined to a much longer quote by meaning (it may be part of a quote merging
    two statements). The cluster id, or None when nothing was joined."""
    statement, candidate = suggestion.statement, suggestion.candidate
    if not semantic.comparable_length(statement.text, candidate.text) and not (
            suggestion.evidence.get("inside") and semantic.close_enough_for_a_piece(suggestion.evidence)):
        return None  # a piece against a merged or fuller quote: the word tier's containment, or a person
    if suggestion.evidence.get("fits") is False:
        return None  # far from the first rendering of the cluster it would join
    translated = suggestion.evidence.get("closest") and suggestion.evidence.get("across_languages")
    if bool(matching.figures(statement.text)) != bool(matching.figures(candidate.text)) and not translated:
        # one states a number the other does not: perhaps spelt out in words no rule reads. A
        # translation that is its original's closest rendering may spell it so ('a hundred',
        # 'مئة'): it joins, and the cluster's figures are still checked against it (`_agree`).
        return None
    pair = {a.statement_id: a for a in Appearance.objects.select_related("cluster__fullest").filter(
        statement_id__in=(statement.pk, candidate.pk))}
    mine, theirs = pair.get(statement.pk), pair.get(candidate.pk)
    if mine and theirs and mine.cluster_id == theirs.cluster_id:
        return mine.cluster_id
    joined = {"how": Appearance.How.REWORDED, "via": suggestion, "score": suggestion.score}
    if mine and theirs:
        return _merge(mine.cluster, theirs.cluster, joined)
    if not _agree([statement], [candidate]):
        return None
    if mine or theirs:
        placed = mine or theirs
        newcomer = candidate if mine else statement
        if _figures_doubted({newcomer.pk}) or not _agree([newcomer], _wordings(placed.cluster_id)):
            return None
        Appearance.objects.create(statement=newcomer, cluster=placed.cluster, **joined)
        return placed.cluster_id
    if _figures_doubted({statement.pk, candidate.pk}):
        return None
    first, second = sorted((statement, candidate), key=lambda st: st.pk)
    cluster = QuoteCluster.objects.create(kind=QuoteCluster.Kind.QUOTE, seed=first, speaker_id=first.speaker_id or second.speaker_id,
                                          fullest=max((first, second), key=lambda st: len(matching.normalise(st.text))))
    Appearance.objects.bulk_create([Appearance(statement=st, cluster=cluster, **joined) for st in (first, second)])
    return cluster.pk


def _merge(a: QuoteCluster, b: QuoteCluster, joined: dict) -> int | None:
    """Two clusters, one statement in two wordings: the smaller moves into the larger, its
    appearances marked unconfirmed (rejecting the pair moves them back out). Only a cluster the
    machine made moves (its own unconfirmed joins come along and stay as they were), and only
    when every wording of each agrees with every wording of the other. (Two statements' clusters
    met through a merged quote do not get here: the pair would be a piece against a much longer
    quote, joined only when it stands inside the longer one and its cluster's first rendering.)"""
    small, large = sorted((a, b), key=lambda c: (c.appearances.count(), -c.pk))
    if small.appearances.filter(how=Appearance.How.CONFIRMED).exists():
        return None
    suggestion: MatchSuggestion = joined["via"]
    # Which statements came with the cluster, for a rejection to take them out again as they were.
    moved = list(small.appearances.values_list("statement_id", flat=True))
    if not _agree(_wordings(small.pk), _wordings(large.pk)) or _figures_doubted(set(moved)):
        return None
    suggestion.evidence = {**suggestion.evidence, "moved": moved}
    suggestion.save(update_fields=["evidence"])
    small.appearances.filter(how=Appearance.How.AUTO).update(**joined)
    small.appearances.update(cluster=large)
    small.delete()
    return large.pk


def _figures_doubted(ids: set[int]) -> bool:
    """Whether any of these statements reads like another rendering but states other figures
    ('... seized more than 90 million pills' against '9 million'): a possible misreport, which
    joins no cluster by meaning, where a fuller rendering adding its figure would not conflict."""
    return MatchSuggestion.objects.filter(Q(statement_id__in=ids) | Q(candidate_id__in=ids),
                                          guard=MatchSuggestion.Guard.FIGURES).exists()


MAX_MEMBERS_CHECKED = 500  # distinct wordings of a cluster read before a reworded join


def _wordings(cluster_id: int) -> list[Statement]:
    return list(Statement.objects.filter(appearance__cluster_id=cluster_id).select_related("speaker")
                .only("text", "speaker_id", "speaker__name")[:MAX_MEMBERS_CHECKED])


def _agree(these: list[Statement], those: list[Statement]) -> bool:
    """No wording of one side states other figures than a wording of the other, and no two
    name different speakers (`_one_speaker`)."""
    figures = {st.pk: matching.figures(st.text) for st in (*these, *those)}
    if any(matching.figures_conflict(figures[x.pk], figures[y.pk]) for x in these for y in those):
        return False
    def who(st: Statement) -> tuple[int | None, str]:
        return st.speaker_id, st.speaker.name if st.speaker else ""
    # A cluster names a speaker or two, however many wordings it has: each pair is asked once.
    return all(_one_speaker(x, y) for x in {who(st) for st in these} for y in {who(st) for st in those})


def _one_speaker(a: tuple[int | None, str], b: tuple[int | None, str]) -> bool:
    """Speakers (id, name) a reworded join may put together without a person: the same one or
    an unnamed one; a name part awaiting its offer ('Tedros'); one name written in two scripts
    (Лавров, Lavrov), which the tier has compared transliterated, or in two transliterations
    (Ярцев, Јарцев). Two spellings a vowel apart are an alias offer for a reviewer (Sultanov,
    Sultonov), never joined by machine."""
    (id_a, name_a), (id_b, name_b) = a, b
    if id_a is None or id_b is None or id_a == id_b:
        return True
    if script(name_a) != script(name_b) or semantic.spelt_alike(name_a, name_b):
        return True
    return SpeakerAliasOffer.objects.filter(
        Q(speaker_id=id_a, variant_id=id_b) | Q(speaker_id=id_b, variant_id=id_a),
        state=SpeakerAliasOffer.State.PENDING, kind=SpeakerAliasOffer.Kind.PART).exists()


def reworded_rejoin() -> int:
    """Join again the pending reworded pairs that link themselves, best first (after a rebuild
    has taken the unconfirmed joins apart with the automatic clusters)."""
    pending = (MatchSuggestion.objects.filter(how=MatchSuggestion.How.REWORDED, state=MatchSuggestion.State.PENDING)
               .select_related("statement", "candidate").order_by("-score", "pk"))
    return sum(reworded_join(s) is not None for s in pending
               if semantic.links_itself(semantic.Reworded(s.candidate_id, s.score / 100, s.evidence)))


def _reworded_undo(suggestion: MatchSuggestion) -> None:
    """A rejected reworded pair takes apart what it joined unconfirmed: a rendering it brought
    into a cluster leaves it, a cluster it moved becomes its own again (as it was: automatic,
    its own unconfirmed joins still unconfirmed), and a cluster it started is gone."""
    pair = {suggestion.statement_id, suggestion.candidate_id}
    placed = Appearance.objects.filter(via=suggestion, how=Appearance.How.REWORDED)
    if came_along := suggestion.evidence.get("moved"):
        # a moved cluster: all it held that is still where the pair is
        where = Appearance.objects.filter(statement_id__in=pair).values("cluster_id")
        placed = Appearance.objects.filter(Q(via=suggestion, how=Appearance.How.REWORDED) | Q(
            statement_id__in=came_along, cluster_id__in=where))
    for cluster_id in set(placed.values_list("cluster_id", flat=True)):
        moved = list(placed.filter(cluster_id=cluster_id).select_related("statement"))
        # Both of the pair: the two started the cluster. One: it joined alone, or came with
        # the cluster it was in (then the others came with it).
        if len(moved) < 2 or pair <= {a.statement_id for a in moved}:
            Appearance.objects.filter(pk__in=[a.pk for a in moved]).delete()
        else:
            held = sorted((a.statement for a in moved), key=lambda st: st.pk)
            back = QuoteCluster.objects.create(kind=QuoteCluster.Kind.QUOTE, seed=held[0],
                                               speaker_id=next((st.speaker_id for st in held if st.speaker_id), None),
                                               fullest=max(held, key=lambda st: len(matching.normalise(st.text))))
            Appearance.objects.filter(pk__in=[a.pk for a in moved]).update(cluster=back)
            Appearance.objects.filter(pk__in=[a.pk for a in moved], via=suggestion).update(how=Appearance.How.AUTO,
                                                                                            via=None)
        if Appearance.objects.filter(cluster_id=cluster_id).count() < 2:
            QuoteCluster.objects.filter(pk=cluster_id).delete()  # its appearances go with it


def _join(suggestion: MatchSuggestion, user) -> None:
    """The statement and the candidate are one: one cluster holds both, and whichever clusters
    they were in (the appearances they already had come along; moving one alone would split
    its cluster)."""
    statement, candidate = suggestion.statement, suggestion.candidate
    theirs = Appearance.objects.select_related("cluster__fullest").filter(statement=candidate).first()
    mine = Appearance.objects.select_related("cluster__fullest").filter(statement=statement).first()
    target = theirs.cluster if theirs else mine.cluster if mine else QuoteCluster.objects.create(
        kind=statement.kind, seed=candidate, speaker_id=candidate.speaker_id or statement.speaker_id)
    fullest = [st for st in (statement, candidate, target.fullest) if st is not None]
    if mine and mine.cluster_id != target.pk:
        if mine.cluster.fullest:
            fullest.append(mine.cluster.fullest)
        Appearance.objects.filter(cluster_id=mine.cluster_id).update(cluster=target)
        QuoteCluster.objects.filter(pk=mine.cluster_id).delete()
    if theirs is None:
        Appearance.objects.create(statement=candidate, cluster=target, how=Appearance.How.CONFIRMED, linked_by=user)
    Appearance.objects.update_or_create(statement=statement, defaults={
        "cluster": target, "how": Appearance.How.CONFIRMED, "linked_by": user, "score": suggestion.score})
    # Either side may have been joined by meaning already: now a person has said so.
    Appearance.objects.filter(statement=candidate, how=Appearance.How.REWORDED).update(
        how=Appearance.How.CONFIRMED, linked_by=user)
    target.fullest = max(fullest, key=lambda st: len(matching.normalise(st.text)))
    target.save(update_fields=["fullest"])
