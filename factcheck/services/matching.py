"""Quote reuse across outlets, in the database: the candidate index, clusters, suggestions.

The rules are in factcheck/matching.py. Here: DbIndex keeps the candidate keys in a table (the
same schema and queries on SQLite and PostgreSQL), `quote_match` places one new quote, and
`match_rebuild` recomputes everything in one pass with the in-memory index (same rules, same
order, so the same clusters) and writes it back.
"""

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import batched

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from factcheck import matching
from factcheck.models import Appearance, MatchSuggestion, QuoteCluster, QuoteKey, Statement, Verdict
from factcheck.services.history import record

log = logging.getLogger(__name__)
BATCH = 5000


class DbIndex:
    """Rare words and word pairs of every quote, as rows (key, kind, statement)."""

    def add(self, statement_id: int, words: list[str]) -> None:
        QuoteKey.objects.bulk_create(
            [QuoteKey(key=k, kind=kind, statement_id=statement_id) for kind, k in matching.keys_of(words).rows()],
            ignore_conflicts=True, batch_size=BATCH)

    def candidates(self, statement_id: int, words: list[str]) -> list[matching.Candidate]:
        quote_keys = matching.keys_of(words)
        words_k, pairs_k = quote_keys.words, quote_keys.pairs
        exact = list(QuoteKey.objects.filter(key=quote_keys.exact, kind=3)
                     .exclude(statement_id=statement_id).order_by("statement_id")
                     .values_list("statement_id", flat=True)[:matching.EXACT_CANDIDATES])
        keys = list(words_k | pairs_k)
        df = _frequencies(keys)
        rare = [k for k in words_k if df.get(k, 0) <= matching.RARE_WORD_DF] + \
               [k for k in pairs_k if df.get(k, 0) <= matching.RARE_PAIR_DF]
        ranked: list[tuple[int, int]] = []
        if rare:
            limit = matching.CANDIDATES_WITH_TWINS if exact else matching.MAX_CANDIDATES
            ranked = list(QuoteKey.objects.filter(key__in=rare).exclude(statement_id=statement_id)
                          .values("statement_id").annotate(n=Count("id"))
                          .filter(n__gte=matching.min_shared(words)).order_by("-n", "statement_id")
                          .values_list("statement_id", "n")[:limit + len(exact)])
            if len(ranked) >= matching.MAX_CANDIDATES:
                log.info("quote %s: candidate list capped at %d", statement_id, matching.MAX_CANDIDATES)
        return matching.merge_candidates(exact, ranked, len(words))


def _frequencies(keys: list[int]) -> dict[int, int]:
    """How many quotes have each key, counted only up to the rarity limit: a common word's
    postings are never read in full, so a lookup costs the same at 10,000 quotes or 1,000,000."""
    if not keys:
        return {}
    table = QuoteKey._meta.db_table
    cap = max(matching.RARE_WORD_DF, matching.RARE_PAIR_DF) + 1
    rows = ", ".join(["(CAST(%s AS BIGINT))"] * len(keys))
    sql = (f"WITH k(key) AS (VALUES {rows}) SELECT k.key, (SELECT COUNT(*) FROM "
           f"(SELECT 1 FROM {table} q WHERE q.key = k.key LIMIT {cap}) t) FROM k")
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        return dict(cursor.fetchall())


def _quotes() -> "Iterable[Statement]":
    """Quote statements in the order appearances happened: publication, then import."""
    return (Statement.objects.live().filter(kind=Statement.Kind.QUOTE)
            .order_by(F("article__published").asc(nulls_last=True), "article__imported_at", "pk"))


@dataclass
class Outcome:
    cluster: int | None = None
    suggestions: int = 0


def _rejected(statement_id: int, others: list[int]) -> set[int]:
    rows = MatchSuggestion.objects.filter(state=MatchSuggestion.State.REJECTED).filter(
        Q(statement_id=statement_id, candidate_id__in=others) | Q(candidate_id=statement_id, statement_id__in=others))
    return {r.candidate_id if r.statement_id == statement_id else r.statement_id for r in rows}


def _representatives(cluster_ids: Iterable[int]) -> dict[int, list[str]]:
    out = {}
    for cluster_id in set(cluster_ids):
        first = cluster_first(cluster_id)
        out[cluster_id] = matching.normalise(first.statement.text) if first else []
    return out


@transaction.atomic
def quote_match(statement: Statement, index: DbIndex | None = None) -> Outcome:
    """Place one quote: join a cluster, start one with its match, or suggest possible matches."""
    index = index or DbIndex()
    words = matching.normalise(statement.text)
    outcome = Outcome()
    if not words:
        return outcome
    found = index.candidates(statement.pk, words)
    texts = dict(Statement.objects.live().filter(pk__in=[c.other for c in found], kind="quote")
                 .exclude(article_id=statement.article_id).values_list("pk", "text"))
    rejected = _rejected(statement.pk, list(texts))
    links = [link for link in matching.best_links(words, [(o, matching.normalise(t)) for o, t in texts.items()])
             if link.other not in rejected]
    cluster_of = dict(Appearance.objects.filter(statement_id__in=[link.other for link in links])
                      .values_list("statement_id", "cluster_id"))
    already = Appearance.objects.filter(statement=statement).first()
    if already is None:
        cluster_id, link = matching.choose_cluster(words, links, cluster_of, _representatives(cluster_of.values()))
        if link is not None:
            if cluster_id is None:
                cluster_id = QuoteCluster.objects.create().pk
                Appearance.objects.create(statement_id=link.other, cluster_id=cluster_id, score=100.0)
                cluster_of[link.other] = cluster_id
            Appearance.objects.create(statement=statement, cluster_id=cluster_id, score=link.score)
            outcome.cluster = cluster_id
    else:
        outcome.cluster = already.cluster_id
    for link in matching.to_suggest(links, outcome.cluster, cluster_of):
        _, created = MatchSuggestion.objects.get_or_create(
            statement=statement, candidate_id=link.other, defaults={"score": link.score})
        outcome.suggestions += created
    index.add(statement.pk, words)
    return outcome


def article_match(article_id: int) -> list[Outcome]:
    """Match the quotes of a newly imported article (the task run after each import): at most
    MATCH_MAX_QUOTES_PER_ARTICLE of them, so one huge article cannot occupy a worker for hours."""
    index = DbIndex()
    quotes = _quotes().filter(article_id=article_id)[:settings.MATCH_MAX_QUOTES_PER_ARTICLE]
    return [quote_match(st, index) for st in quotes]


@transaction.atomic
def match_rebuild() -> dict:
    """Recompute the index, automatic clusters and pending suggestions for all quotes.

    Confirmed appearances and rejected pairs are decisions of people: they are kept.
    """
    _clear_keys()
    Appearance.objects.filter(how=Appearance.How.AUTO).delete()
    # Reworded suggestions come from the semantic tier (`match_quotes --reworded`): kept.
    MatchSuggestion.objects.filter(state=MatchSuggestion.State.PENDING).exclude(how=MatchSuggestion.How.REWORDED).delete()
    QuoteCluster.objects.filter(appearances__isnull=True).delete()
    rows = list(_quotes().values_list("pk", "article_id", "text"))
    words_of = {pk: matching.normalise(text) for pk, _, text in rows}
    keys_of = {pk: matching.keys_of(words) for pk, words in words_of.items() if words}
    cluster_of = dict(Appearance.objects.values_list("statement_id", "cluster_id"))
    rejected = set(MatchSuggestion.objects.filter(state="rejected").values_list("statement_id", "candidate_id"))
    batch = matching.cluster_all([(pk, article, words_of[pk]) for pk, article, _ in rows], cluster_of,
                                 rejected, _representatives(cluster_of.values()), keys_of)
    new_clusters = batch.clusters
    suggestions = [MatchSuggestion(statement_id=pk, candidate_id=link.other, score=link.score)
                   for pk, link in zip(batch.suggested_for, batch.suggestions, strict=True)]
    n_keys = _insert_keys(keys_of)
    local_ids = [local for local in new_clusters if local < 0]
    made = dict(zip(local_ids, (c.pk for c in QuoteCluster.objects.bulk_create(
        [QuoteCluster() for _ in local_ids], batch_size=BATCH)), strict=True))
    Appearance.objects.bulk_create(
        [Appearance(statement_id=pk, cluster_id=made.get(c, c), score=s)
         for c, members in new_clusters.items() for pk, s in members], batch_size=BATCH)
    MatchSuggestion.objects.bulk_create(suggestions, batch_size=BATCH, ignore_conflicts=True)
    return {"quotes": len(rows), "clusters": len(made), "appearances": sum(len(m) for m in new_clusters.values()),
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
    lookups read the key index alone instead of visiting millions of fresh heap rows."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {QuoteKey._meta.db_table}")


# -- reading clusters ---------------------------------------------------------------------

def cluster_first(cluster_id: int) -> Appearance | None:
    """The first appearance: earliest publication, ties by import time."""
    return (Appearance.objects.filter(cluster_id=cluster_id)
            .select_related("statement__article__outlet")
            .order_by(F("statement__article__published").asc(nulls_last=True),
                      "statement__article__imported_at", "statement_id").first())


def cluster_verdict(cluster_id: int) -> Verdict | None:
    """An approved verdict on any appearance, carried to all the others."""
    return (Verdict.objects.filter(state=Verdict.State.APPROVED, statement__appearance__cluster_id=cluster_id)
            .select_related("rating", "editor", "statement").order_by("-decided_at").first())


def checked_elsewhere(statements):
    """Statements whose quote has an approved verdict on another appearance."""
    approved_clusters = Appearance.objects.filter(statement__verdict__state=Verdict.State.APPROVED).values("cluster_id")
    return statements.filter(appearance__cluster_id__in=approved_clusters)


@transaction.atomic
def suggestion_decide(*, suggestion: MatchSuggestion, user, confirm: bool) -> MatchSuggestion:
    """Confirm (the two quotes are one statement: their clusters become one) or reject (never
    suggested again). Both are kept in history."""
    suggestion = MatchSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != MatchSuggestion.State.PENDING:
        return suggestion
    suggestion.state = MatchSuggestion.State.CONFIRMED if confirm else MatchSuggestion.State.REJECTED
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.save()
    if confirm:
        _join(suggestion, user)
    what = "the same statement, reworded" if suggestion.how == MatchSuggestion.How.REWORDED else "the same quote"
    record(suggestion.statement, "update", user,
           {"same_quote_as": [None, suggestion.candidate_id] if confirm else [suggestion.candidate_id, None]},
           reason=f"confirmed as {what}" if confirm else f"rejected: not {what}")
    return suggestion


def _join(suggestion: MatchSuggestion, user) -> None:
    """The statement joins the candidate's cluster; when both already have one (a Russian
    cluster of reposts and an English one), all of the statement's cluster moves with it, so
    one statement is one cluster."""
    other = Appearance.objects.filter(statement_id=suggestion.candidate_id).first()
    mine = Appearance.objects.filter(statement_id=suggestion.statement_id).first()
    if other is None:
        cluster_id = mine.cluster_id if mine else QuoteCluster.objects.create().pk
        Appearance.objects.create(statement_id=suggestion.candidate_id, cluster_id=cluster_id,
                                  how=Appearance.How.CONFIRMED, linked_by=user)
    else:
        cluster_id = other.cluster_id
        if mine and mine.cluster_id != cluster_id:
            Appearance.objects.filter(cluster_id=mine.cluster_id).update(cluster_id=cluster_id)
            QuoteCluster.objects.filter(pk=mine.cluster_id).delete()
    Appearance.objects.update_or_create(statement_id=suggestion.statement_id, defaults={
        "cluster_id": cluster_id, "how": Appearance.How.CONFIRMED, "linked_by": user, "score": suggestion.score})
