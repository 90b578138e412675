"""Quote-matching figures on a seeded synthetic corpus with ground truth.

Prints pairwise precision/recall/F1 of the clusters (overall and by variation), recall of the
candidate index against brute force, and, in a throw-away database on the configured engine,
the full rebuild time and the per-quote lookup latency (p50/p95).
"""

import gc
import json
import os
import random
import statistics
import time
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import connection

from factcheck import matching
from factcheck.benchdata import throwaway_database
from factcheck.synthetic import Generator, pair_figures

WARM_UP = 50  # lookups run before timing starts
ROUND_TRIPS = 200  # "SELECT 1" timed to say how long the machine makes any query wait


class Command(BaseCommand):
    help = "Benchmark quote matching: quality, candidate recall, rebuild time, lookup latency."

    def add_arguments(self, parser):
        parser.add_argument("--quotes", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--brute-sample", type=int, default=200,
                            help="queries compared against every quote for the recall figure (0: skip)")
        parser.add_argument("--no-db", action="store_true", help="skip the database rebuild and lookups")
        parser.add_argument("--lookups", type=int, default=300)
        parser.add_argument("--explain", action="store_true", help="print the plans of one lookup's queries")

    def handle(self, *args, quotes, seed, brute_sample, no_db, lookups, explain=False, **options):
        items = sorted(Generator(seed).corpus(quotes), key=lambda it: it.id)
        quotes = {it.id: matching.quote_of(it.id, it.article, it.text, speaker=it.speaker) for it in items}
        words = {pk: q.words for pk, q in quotes.items()}
        self.stdout.write(f"corpus: {len(items):,} quotes, seed {seed}")

        started = time.perf_counter()
        batch = matching.cluster_all([quotes[it.id] for it in items])
        elapsed = time.perf_counter() - started
        predicted = {pk: c for c, members in batch.clusters.items() for pk, _, _ in members}
        fig = pair_figures(items, predicted)
        largest = max((len(m) for m in batch.clusters.values()), default=0)
        self.stdout.write(
            f"clusters (in memory, {elapsed:.1f} s): pair precision {fig['precision']:.3f} recall {fig['recall']:.3f} "
            f"F1 {fig['f1']:.3f}; {len(batch.clusters):,} clusters, largest {largest}, "
            f"{len(batch.suggestions):,} suggestions")
        self.stdout.write("  recall by variation: " + ", ".join(
            f"{k} {v:.2f}" for k, v in fig["recall_by_variation"].items()))
        chained = fig["chained"]
        self.stdout.write(f"  figure-changed copies: {fig['figure_copies']:,}, pairs linking one to another statement: "
                          f"{fig['figure_pairs_linked']}; clusters mixing statements: "
                          f"{chained['clusters_mixing_groups']:,} (at most {chained['most_groups_in_one']} in one)")

        if brute_sample:
            self.brute_force_recall(items, words, brute_sample, seed)
        if not no_db:
            del quotes, words, batch, predicted  # what a worker would not hold: see `database`
            self.database(items, lookups, seed, explain)

    def brute_force_recall(self, items, words, sample, seed):
        """Of the pairs brute force puts in a tier, how many the index offers as candidates."""
        index = matching.MemoryIndex()
        for it in items:
            index.add(it.id, words[it.id])
        queries = random.Random(seed).sample(items, min(sample, len(items)))
        found = total = 0
        started = time.perf_counter()
        for q in queries:
            brute = {it.id for it in items if it.id != q.id and matching.tier(words[q.id], words[it.id])}
            offered = {c.other for c in index.candidates(q.id, words[q.id])}
            total += len(brute)
            found += len(brute & offered)
        per_query = (time.perf_counter() - started) * 1000 / len(queries)
        self.stdout.write(f"candidate recall against brute force: {found}/{total} = "
                          f"{found / total if total else 1:.3f} ({len(queries)} queries; brute force "
                          f"{per_query:.1f} ms/query incl. index)")

    def database(self, items, lookups, seed, explain=False):
        from factcheck.models import Article, Outlet, Statement
        from factcheck.services import matching as service

        with throwaway_database():
            outlet = Outlet.objects.create(name="Bench")
            started = time.perf_counter()
            # One article per quote, as in the corpus: quotes of one article are never matched.
            for i in range(0, len(items), 5000):
                chunk = items[i:i + 5000]
                articles = Article.objects.bulk_create(
                    Article(outlet=outlet, title=f"bench {it.id}", text=it.text, content_hash=f"bench-{it.id}")
                    for it in chunk)
                Statement.objects.bulk_create(
                    Statement(article=a, kind="quote", quote_type="direct", start=0, end=len(it.text), text=it.text)
                    for a, it in zip(articles, chunk, strict=True))
            load = time.perf_counter() - started
            # Fresh statistics for the loaded tables, as autovacuum would give them in time: the
            # figure must not depend on whether it has come round yet.
            self.analyze(Article, Statement)
            started = time.perf_counter()
            stats = service.match_rebuild()
            service.index_vacuum()  # the key table vacuumed, the rewritten tables analysed
            if connection.vendor == "sqlite":
                self.analyze()
            rebuild = time.perf_counter() - started
            self.stdout.write(f"{connection.vendor}: loaded {len(items):,} quotes in {load:.1f} s; "
                              f"rebuild {rebuild:.1f} s ({stats['clusters']:,} clusters, {stats['keys']:,} keys)")
            index = service.DbIndex()
            ids = list(Statement.objects.values_list("pk", flat=True))
            sample = random.Random(seed).sample(ids, min(lookups + WARM_UP, len(ids)))
            if explain:
                self.explain(index, Statement.objects.get(pk=sample[0]))
            plans = self.plans(index, sample[:WARM_UP])  # also warms the connection and the cache
            # This process holds the generated corpus (millions of objects at 1M quotes); a
            # worker holds next to nothing. Left to the collector, its sweeps of that heap land
            # in random lookups (100,000 quotes, same machine and hour: p95 10.9 ms, 7.9 ms frozen).
            gc.collect()
            gc.freeze()
            times, phases = [], {"candidates": [], "texts": [], "scoring": []}
            for n, pk in enumerate(sample):
                st = Statement.objects.get(pk=pk)
                t0 = time.perf_counter()
                q = matching.quote_of(pk, st.article_id, st.text)
                found = index.candidates(pk, q.words)
                t1 = time.perf_counter()
                texts = list(Statement.objects.filter(pk__any=[c.other for c in found]).order_by()
                             .values_list("pk", "article_id", "text"))
                t2 = time.perf_counter()
                matching.best_links(q, [matching.quote_of(o, a, t) for o, a, t in texts])
                t3 = time.perf_counter()
                if n < WARM_UP:
                    continue  # the first lookups pay for the connection's catalogue and the cold cache
                times.append((t3 - t0) * 1000)
                for name, value in zip(phases, (t1 - t0, t2 - t1, t3 - t2), strict=True):
                    phases[name].append(value * 1000)
            gc.unfreeze()
            times.sort()
            self.stdout.write(f"{connection.vendor}: lookup at {len(items):,} quotes: p50 "
                              f"{statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms "
                              f"({len(times)} lookups after {WARM_UP} warm-up, candidates + re-scoring; "
                              + ", ".join(f"{k} p50 {statistics.median(v):.1f}" for k, v in phases.items())
                              + f"){self.settings_note()}")
            vacuum = ", VACUUM of the key table" if connection.vendor == "postgresql" else ""
            self.stdout.write(f"  done for stable figures: statistics fresh (ANALYZE after the load and the rebuild"
                              f"{vacuum}), {WARM_UP} warm-up lookups on the same connection, plans "
                              f"checked on those: {plans}; SELECT 1 round trip p50 {self.round_trip():.2f} ms")

    def settings_note(self) -> str:
        """What makes two runs' figures differ: on a 2-core machine shared with other work, each
        round trip to the database waits for a core (see the load), not for the query."""
        note = f" [load {os.getloadavg()[0]:.1f}"
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('jit'), current_setting('shared_buffers')")
                jit, buffers = cursor.fetchone()
            note += f", jit {jit}, shared_buffers {buffers}"
        return note + "]"

    @staticmethod
    def analyze(*models):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for model in models:
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
            else:
                cursor.execute("ANALYZE")

    @staticmethod
    def round_trip() -> float:
        """The median time of the cheapest query: a lookup makes three round trips, so on a
        busy machine its figure moves with this one, not with the index."""
        spent = []
        with connection.cursor() as cursor:
            for _ in range(ROUND_TRIPS):
                t0 = time.perf_counter()
                cursor.execute("SELECT 1")
                cursor.fetchone()
                spent.append((time.perf_counter() - t0) * 1000)
        return statistics.median(spent)

    def plans(self, index, sample) -> str:
        """How the candidate queries of these lookups read the key table, as planned: every read
        by its index, never a whole-table scan, and no JIT compilation (tens of milliseconds)."""
        from django.test.utils import CaptureQueriesContext

        from factcheck.models import QuoteKey, Statement

        table = QuoteKey._meta.db_table
        reads, scans, jit = Counter(), 0, 0
        for pk in sample:
            st = Statement.objects.get(pk=pk)
            with CaptureQueriesContext(connection) as captured:
                index.candidates(pk, matching.normalise(st.text))
            for query in captured.captured_queries:
                with connection.cursor() as cursor:
                    if connection.vendor == "postgresql":
                        cursor.execute("EXPLAIN (FORMAT JSON) " + query["sql"])
                        plan = cursor.fetchone()[0]
                        plan = json.loads(plan) if isinstance(plan, str) else plan
                        jit += "JIT" in plan[0]
                        for node in _nodes(plan[0]["Plan"]):
                            if node.get("Relation Name") == table:
                                reads[node["Node Type"]] += 1
                                scans += node["Node Type"] == "Seq Scan"
                    else:
                        cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                        for row in cursor.fetchall():
                            detail = str(row[-1])
                            if table in detail:
                                kind = "SCAN" if detail.startswith("SCAN") and "INDEX" not in detail else "SEARCH"
                                reads[f"{kind} by index" if kind == "SEARCH" else "SCAN"] += 1
                                scans += kind == "SCAN"
        said = ", ".join(f"{k} {v}" for k, v in reads.most_common())
        return f"key table read by {said}; whole-table scans {scans}; JIT {jit}"

    def explain(self, index, st):
        """The plans of one lookup's queries, as the database ran them."""
        from django.test.utils import CaptureQueriesContext

        words = matching.normalise(st.text)
        with CaptureQueriesContext(connection) as captured:
            index.candidates(st.pk, words)
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        for query in captured.captured_queries:
            self.stdout.write(f"-- {query['sql'][:120]}... ({float(query['time']) * 1000:.1f} ms)")
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                for row in cursor.fetchall():
                    self.stdout.write("   " + " ".join(str(x) for x in row))


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)
