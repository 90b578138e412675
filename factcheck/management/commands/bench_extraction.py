"""Extraction speed and memory: articles/s and words/s on one core.

Runs over the PolNeAR dev articles (when ../shared/eval is present), over N copies of the
sample article and over the style suite's articles in other languages. No database.
"""

import json
import resource
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from factcheck.text.extraction import extract

SHARED = settings.BASE_DIR.parent / "shared"


class Command(BaseCommand):
    help = "Print extraction throughput (articles/s, words/s) and peak memory."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--copies", type=int, default=1000, help="copies of the sample article")
        parser.add_argument("--dev", default=str(SHARED / "eval/data/quotes_polnear_speech.dev.jsonl"))
        parser.add_argument("--sample", default=str(SHARED / "samples/000_0635789064aeac8f.txt"))
        parser.add_argument("--other-languages", default=str(settings.BASE_DIR / "tests/style_suite/non_english.jsonl"),
                            help="articles in other languages (the style suite's), read 50 times over")

    def handle(self, *args, copies, dev, sample, other_languages, **options):
        extract("Warm-up: the minister said 3 schools closed.")
        corpora = []
        if Path(dev).exists():
            with open(dev, encoding="utf-8") as fh:
                corpora.append(("PolNeAR dev articles", [json.loads(line)["text"] for line in fh]))
        else:
            self.stdout.write(f"(no {dev}; dev articles skipped)")
        if Path(sample).exists():
            corpora.append((f"{copies} copies of the sample", [Path(sample).read_text()] * copies))
        if Path(other_languages).exists():
            with open(other_languages, encoding="utf-8") as fh:
                texts = [json.loads(line)["text"] for line in fh if line.strip()]
            corpora.append((f"{len(texts)} articles in other languages x 50", texts * 50))
        for name, texts in corpora:
            self.measure(name, texts)

    def measure(self, name: str, texts: list[str]) -> None:
        words = sum(len(t.split()) for t in texts)
        chars = sum(len(t) for t in texts)
        tracemalloc.start()
        started = time.perf_counter()
        statements = sum(len(extract(t)) for t in texts)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        # tracemalloc slows Python down; time a second, untraced pass for the speed figures.
        started = time.perf_counter()
        for t in texts:
            extract(t)
        elapsed = time.perf_counter() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{name}: {len(texts)} articles, {words:,} words ({chars / len(texts):,.0f} chars/article), "
            f"{statements:,} statements\n"
            f"  {len(texts) / elapsed:,.0f} articles/s, {words / elapsed:,.0f} words/s, "
            f"{elapsed * 1000 / len(texts):.2f} ms/article\n"
            f"  peak traced allocation {peak / 1e6:.1f} MB, process max RSS {rss:.0f} MB"
        )
