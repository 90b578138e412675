"""CSV export throughput and memory: rows/s and peak RSS for N statements.

Seeds N statements in a throw-away database, then streams the whole claim report through the
same generator the queue's CSV export uses, and reports rows/s and the growth of the process's
peak RSS during the export (compare 100,000 and 1,000,000: it should not grow with the rows).
"""

import resource
import time

from django.core.management.base import BaseCommand

from factcheck.benchdata import seed_statements, throwaway_database
from factcheck.services import reports


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Stream the CSV claim report over N statements; print rows/s and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=100_000)

    def handle(self, *args, statements, **options):
        from django.db import connection

        with throwaway_database():
            started = time.perf_counter()
            seed_statements(statements, per_article=100)
            seeded = time.perf_counter() - started
            before = peak_rss_mb()
            started = time.perf_counter()
            size = rows = 0
            for line in reports.csv_lines(reports.report_rows(reports.report_statements())):
                size += len(line)
                rows += 1
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"{connection.vendor}: {rows - 1:,} rows ({size / 1e6:.0f} MB of CSV) in {elapsed:.1f} s = "
                f"{(rows - 1) / elapsed:,.0f} rows/s; peak RSS {before:.0f} MB before the export, "
                f"{peak_rss_mb():.0f} MB after (seeding took {seeded:.0f} s)")
