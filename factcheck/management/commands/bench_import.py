"""Import time for N copies of the sample article with distinct URLs, as one JSONL file.

Runs in a throw-away test database (created and destroyed here) on the configured engine, so
it measures real commits without touching your data.
"""

import io
import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from factcheck.benchdata import throwaway_database
from factcheck.services.importing import import_jsonl

SAMPLE = settings.BASE_DIR.parent / "shared" / "samples" / "000_0635789064aeac8f.txt"


class Command(BaseCommand):
    help = "Time a JSONL import of N distinct copies of the sample article."

    def add_arguments(self, parser):
        parser.add_argument("--copies", type=int, default=1000)
        parser.add_argument("--sample", default=str(SAMPLE))

    def handle(self, *args, copies, sample, **options):
        if not Path(sample).exists():
            raise CommandError(f"no sample article at {sample}")
        raw = Path(sample).read_text(encoding="utf-8")
        # Each copy differs in URL and in one word, so neither URL nor content hash repeats.
        lines = io.BytesIO("".join(
            json.dumps({"url": f"https://bench.example/{i}", "text": raw.replace("Wednesday", f"Wednesday {i}")}) + "\n"
            for i in range(copies)
        ).encode())
        with throwaway_database():
            started = time.perf_counter()
            results = list(import_jsonl(lines, name="bench"))
            elapsed = time.perf_counter() - started
        created = sum(r.status == "created" for r in results)
        self.stdout.write(
            f"{connection.vendor}: {created}/{copies} articles imported in {elapsed:.1f} s "
            f"({created / elapsed:,.0f} articles/s, {elapsed * 1000 / max(created, 1):.1f} ms each, "
            f"extraction included)"
        )
