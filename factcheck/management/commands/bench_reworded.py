"""Figures of the 'same statement, reworded' tier.

1. Quality, on bench/stories/reworded.jsonl: 12 stories, each statement rendered as outlets do
   (wire copy, a truncated repost, another agency's wording, reported speech, Russian and Arabic
   translations) beside other statements of the same speaker that week, some differing only in a
   figure. Gold keys say which renderings are one statement. Pair precision/recall/F1 of the
   word-level clusters alone, and with the reworded suggestions taken as links (what confirming
   every suggestion would give: its precision is the suggestions' precision), recall by kind of
   pair, and the reviewer's load (suggestions per quote).
2. Cost: the embedding rate, and the lookup (candidates by speaker and window, exact scores) at
   10,000 and 100,000 stored vectors. The lookup does not depend on what the vectors say, so they
   are random there; speakers are Zipf-distributed, so some speakers have thousands of quotes.

Both run in throw-away databases on the configured engine.
"""

import json
import random
import statistics
import time
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from factcheck import semantic
from factcheck.benchdata import throwaway_database
from factcheck.matching import figures_conflict

STORIES = settings.BASE_DIR / "bench" / "stories" / "reworded.jsonl"


def pair_figures(gold: dict[int, str], predicted: set[frozenset]) -> dict:
    truth = {frozenset(p) for p in combinations(gold, 2) if gold[p[0]] == gold[p[1]]}
    hits = len(truth & predicted)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(truth), "predicted": len(predicted)}


def closure(groups: list[set[int]]) -> set[frozenset]:
    """The pairs that joining every group's members gives (confirming joins clusters whole)."""
    parent: dict[int, int] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        first, *rest = list(group)
        for other in rest:
            parent[find(other)] = find(first)
    members: dict[int, list[int]] = {}
    for x in list(parent):
        members.setdefault(find(x), []).append(x)
    return {frozenset(p) for m in members.values() for p in combinations(sorted(m), 2)}


def kind_of_pair(a: dict, b: dict) -> str:
    if a["language"] != b["language"]:
        return "translation (other language)"
    if a["language"] != "en":
        return "same language, not English"
    if "indirect" in (a["quote_type"], b["quote_type"]):
        return "English direct vs reported"
    return "English direct vs direct"


class Command(BaseCommand):
    help = "Benchmark the reworded tier: pair P/R/F1 on the story set, embed rate, lookup latency."

    def add_arguments(self, parser):
        parser.add_argument("--stories", default=str(STORIES))
        parser.add_argument("--sizes", default="10000,100000", help="stored vectors for the lookup figures")
        parser.add_argument("--lookups", type=int, default=300)
        parser.add_argument("--embed", type=int, default=200, help="quotes embedded for the rate")
        parser.add_argument("--threshold", type=float, default=None, help="similarity threshold to try")
        parser.add_argument("--no-cost", action="store_true")

    def handle(self, *args, stories, sizes, lookups, embed, threshold, no_cost, **options):
        if semantic.status():
            raise CommandError(semantic.status())
        if threshold is not None:
            semantic.SIMILAR = threshold
        self.quality(Path(stories))
        if not no_cost:
            self.embed_rate(embed, Path(stories))
            for n in (int(s) for s in sizes.split(",") if s):
                self.lookup(n, lookups)

    # -- quality ------------------------------------------------------------------------------

    def quality(self, path: Path):
        from factcheck.models import Appearance, Article, MatchSuggestion, Outlet, Statement
        from factcheck.services import matching, speakers
        from factcheck.services import semantic as service

        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        with throwaway_database():
            by_id, gold = {}, {}
            for i, r in enumerate(rows):
                article = Article.objects.create(
                    outlet=Outlet.objects.get_or_create(name=r["outlet"])[0], title=f"story {r['story']} {i}",
                    text=r["text"], published=date.fromisoformat(r["published"]), language=r["language"],
                    content_hash=f"story-{i}")
                st = Statement.objects.create(
                    article=article, kind="quote", quote_type=r["quote_type"], start=0, end=len(r["text"]),
                    text=r["text"], speaker=speakers.speaker_for(r["speaker"]), speaker_as_written=r["speaker"])
                by_id[st.pk], gold[st.pk] = r, r["key"]
            matching.match_rebuild()
            clusters: dict[int, set[int]] = {}
            for pk, cluster in Appearance.objects.values_list("statement_id", "cluster_id"):
                clusters.setdefault(cluster, set()).add(pk)
            started = time.perf_counter()
            stats = service.reworded_all()
            elapsed = time.perf_counter() - started
            suggested = [{s.statement_id, s.candidate_id} for s in
                         MatchSuggestion.objects.filter(how=MatchSuggestion.How.REWORDED)]
            n_quotes = Statement.objects.count()
            joined: dict[int, set[int]] = {}  # the clusters as the tier leaves them, before anyone confirms
            for pk, cluster in Appearance.objects.values_list("statement_id", "cluster_id"):
                joined.setdefault(cluster, set()).add(pk)
        lexical = closure(list(clusters.values()))
        unconfirmed = closure(list(joined.values()))
        combined = closure(list(clusters.values()) + suggested)
        self.stdout.write(f"stories: {len({r['story'] for r in rows})} stories, {len(set(gold.values()))} statements, "
                          f"{len(rows)} renderings; similarity threshold {semantic.SIMILAR}")
        for label, pairs in (("word-level clusters only", lexical), ("with the unconfirmed reworded joins", unconfirmed),
                             ("with reworded suggestions confirmed", combined)):
            f = pair_figures(gold, pairs)
            self.stdout.write(f"  {label}: pair precision {f['precision']:.3f} recall {f['recall']:.3f} "
                              f"F1 {f['f1']:.3f} ({f['predicted']} pairs predicted, {f['pairs']} true)")
        good = sum(gold[a] == gold[b] for a, b in (tuple(s) for s in suggested))
        self.stdout.write(f"  reworded suggestions: {len(suggested)} ({good} right, precision "
                          f"{good / len(suggested) if suggested else 1:.3f}), {len(suggested) / n_quotes:.2f} per quote; "
                          f"{stats['embedded']} embedded in {elapsed:.1f} s")
        truth_by_kind: Counter = Counter()
        found_by_kind: dict[str, Counter] = {"lexical": Counter(), "joined": Counter(), "combined": Counter()}
        for a, b in combinations(gold, 2):
            if gold[a] != gold[b]:
                continue
            kind = kind_of_pair(by_id[a], by_id[b])
            truth_by_kind[kind] += 1
            found_by_kind["lexical"][kind] += frozenset((a, b)) in lexical
            found_by_kind["joined"][kind] += frozenset((a, b)) in unconfirmed
            found_by_kind["combined"][kind] += frozenset((a, b)) in combined
        for kind, total in sorted(truth_by_kind.items()):
            self.stdout.write(f"  recall, {kind}: {found_by_kind['lexical'][kind] / total:.2f} without the tier, "
                              f"{found_by_kind['joined'][kind] / total:.2f} joined unconfirmed, "
                              f"{found_by_kind['combined'][kind] / total:.2f} with it confirmed ({total} pairs)")
        for label, pairs in (("without the tier", lexical), ("joined unconfirmed", unconfirmed), ("with it", combined)):
            wrong = sum(gold[a] != gold[b] and figures_conflict(by_id[a]["text"], by_id[b]["text"]) for a, b in pairs)
            self.stdout.write(f"  pairs linked across different figures, {label}: {wrong}")

    # -- cost -----------------------------------------------------------------------------------

    def embed_rate(self, n: int, path: Path):
        import os
        import resource

        # Real sentences of the story set, each made distinct: nonsense words would cost the
        # tokenizer several pieces a word and understate the rate.
        base = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [f"{base[i % len(base)]} ({i})" for i in range(n)]
        embedder = semantic.Embedder(threads=1)
        embedder.embed(texts[:1])
        started = time.perf_counter()
        embedder.embed(texts)
        batch = time.perf_counter() - started
        started = time.perf_counter()
        for t in texts[:50]:
            embedder.embed([t])
        single = (time.perf_counter() - started) / min(50, len(texts))
        words = statistics.mean(len(t.split()) for t in texts)
        self.stdout.write(f"embedding, one thread: {len(texts) / batch:.0f} quotes/s in batches, {single * 1000:.0f} ms "
                          f"for one quote (mean {words:.0f} words; load average {os.getloadavg()[0]:.1f} on "
                          f"{os.cpu_count()} cores); {semantic.model_id()}; peak RSS "
                          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    def lookup(self, n: int, lookups: int):
        from factcheck.models import Article, Outlet, QuoteEmbedding, Statement
        from factcheck.services import semantic as service

        rnd = random.Random(n)
        rng = np.random.default_rng(n)
        syllables = ["ka", "lo", "mi", "ren", "sto", "vad", "zu", "bel", "gor", "nik", "pra", "tes"]
        surnames = sorted({"".join(rnd.choice(syllables) for _ in range(4)).capitalize() for _ in range(3000)})[:2000]
        speakers = [f"Anna {name}" for name in surnames]
        weights = [1 / (i + 1) for i in range(len(speakers))]
        start_day = date(2024, 1, 1)
        model = semantic.model_id()
        with throwaway_database():
            outlet = Outlet.objects.create(name="Bench")
            started = time.perf_counter()
            for i in range(0, n, 5000):
                size = min(5000, n - i)
                days = [start_day + timedelta(days=rnd.randrange(730)) for _ in range(size)]
                names = rnd.choices(speakers, weights, k=size)
                articles = Article.objects.bulk_create(
                    Article(outlet=outlet, title=f"b{i + j}", text="x", published=days[j], content_hash=f"b-{i + j}")
                    for j in range(size))
                statements = Statement.objects.bulk_create(
                    Statement(article=a, kind="quote", quote_type="direct", start=0, end=len(f"quote {i + j}"),
                              text=f"quote {i + j}", speaker_as_written=names[j]) for j, a in enumerate(articles))
                vectors = rng.normal(size=(size, semantic.DIM)).astype(np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                # every other quote of two sentences or more: its sentences and pairs, 3 to 7 windows
                windows = [rng.normal(size=(rnd.choice((0, 0, 3, 5, 7)), semantic.DIM)).astype(np.float32)
                           for _ in range(size)]
                QuoteEmbedding.objects.bulk_create(
                    QuoteEmbedding(statement=st, model=model, vector=semantic.to_bytes(v), text_hash=f"h{st.pk}",
                                   windows=b"".join(semantic.to_bytes(w / np.linalg.norm(w)) for w in windows[j]),
                                   speaker_key=semantic.speaker_key(names[j]), day=days[j])
                    for j, (st, v) in enumerate(zip(statements, vectors, strict=True)))
            load = time.perf_counter() - started
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"VACUUM ANALYZE {QuoteEmbedding._meta.db_table}")
            ids = list(QuoteEmbedding.objects.values_list("statement_id", flat=True))
            times, sizes = [], []
            for pk in rnd.sample(ids, min(lookups, len(ids))):
                st = Statement.objects.select_related("speaker", "article").get(pk=pk)
                t0 = time.perf_counter()
                row = QuoteEmbedding.objects.get(statement=st)
                quote = semantic.Rendering(st.pk, st.article_id, st.text, st.speaker_as_written, row.day)
                close, (closest, alone, inside) = service.close_renderings(row, st)
                semantic.reworded(quote, close, closest=closest, alone=alone, inside=inside)
                times.append((time.perf_counter() - t0) * 1000)
                window = timedelta(days=semantic.WINDOW_DAYS)
                sizes.append(QuoteEmbedding.objects.filter(speaker_key=row.speaker_key,
                                                           day__range=(row.day - window, row.day + window)).count())
            times.sort()
            self.stdout.write(
                f"{connection.vendor}: lookup at {n:,} stored vectors (loaded in {load:.0f} s): p50 "
                f"{statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms; "
                f"candidates per lookup median {statistics.median(sizes):.0f}, max {max(sizes)} "
                f"({len(times)} lookups; speaker's quotes within ±{semantic.WINDOW_DAYS} days, exact scores)")
