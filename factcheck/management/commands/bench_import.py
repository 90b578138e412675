"""Import time for N copies of the sample article with distinct URLs, as one JSONL file.

Runs in a throw-away test database (created and destroyed here) on the configured engine, so
it measures real commits without touching your data. The background tasks the import queues
are run afterwards, in order, as one worker would: the word-level matching (part of the
figure: an import is done when its quotes are placed), then the reworded tier (timed apart:
a worker does it later, never the import).
"""

import io
import json
import os
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.tasks import task_backends
from django.test import override_settings

from factcheck.benchdata import throwaway_database
from factcheck.services.importing import import_jsonl

SAMPLE = settings.BASE_DIR.parent / "shared" / "samples" / "000_0635789064aeac8f.txt"
QUEUED = {"TASKS": {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}}


class Command(BaseCommand):
    help = "Time a JSONL import of N distinct copies of the sample article, and the matching it queues."

    def add_arguments(self, parser):
        parser.add_argument("--copies", type=int, default=1000)
        parser.add_argument("--sample", default=str(SAMPLE))
        parser.add_argument("--no-reworded", action="store_true", help="skip the reworded (semantic) tier")

    def handle(self, *args, copies, sample, no_reworded, **options):
        if not Path(sample).exists():
            raise CommandError(f"no sample article at {sample}")
        raw = Path(sample).read_text(encoding="utf-8")
        # Each copy differs in URL and in one word, so neither URL nor content hash repeats.
        lines = io.BytesIO("".join(
            json.dumps({"url": f"https://bench.example/{i}", "text": raw.replace("Wednesday", f"Wednesday {i}")}) + "\n"
            for i in range(copies)
        ).encode())
        with throwaway_database(), override_settings(**QUEUED):
            queue = task_backends["default"].results
            started = time.perf_counter()
            results = list(import_jsonl(lines, name="bench"))
            imported = time.perf_counter() - started
            spent, runs, queries = Counter(), Counter(), Counter()
            self.run_queued(queue, {"match_article_quotes"}, spent, runs, queries)
            created = sum(r.status == "created" for r in results)
            total = imported + spent["match_article_quotes"]
            per = max(created, 1)
            self.stdout.write(
                f"{connection.vendor}: {created}/{copies} articles imported and matched in {total:.1f} s "
                f"({created / total:,.0f} articles/s, {total * 1000 / per:.1f} ms each): import with extraction "
                f"{imported:.1f} s, word-level matching {spent['match_article_quotes']:.1f} s in "
                f"{runs['match_article_quotes']} tasks ({queries['match_article_quotes'] / per:.1f} queries per "
                f"article){load_note()}")
            if not no_reworded:
                self.run_queued(queue, {"match_article_reworded"}, spent, runs, queries)
                self.stdout.write(
                    f"  then in the worker, reworded tier: {spent['match_article_reworded']:.1f} s in "
                    f"{runs['match_article_reworded']} tasks ({queries['match_article_reworded'] / per:.1f} queries "
                    f"per article){load_note()}")

    @staticmethod
    def run_queued(queue, names, spent, runs, queries):
        """Run the queued tasks of these names, and those they queue, in order, as a worker does."""
        done = 0
        while done < len(queue):
            job = queue[done]
            done += 1
            name = job.task.name
            if name not in names:
                continue
            t0 = time.perf_counter()
            with connection.execute_wrapper(lambda run, *a, name=name: queries.update([name]) or run(*a)):
                job.task.call(*job.args, **job.kwargs)
            spent[name] += time.perf_counter() - t0
            runs[name] += 1


def load_note() -> str:
    # On a machine shared with other work, each round trip waits for a core: say how busy it was.
    return f" [load {os.getloadavg()[0]:.1f}]"
