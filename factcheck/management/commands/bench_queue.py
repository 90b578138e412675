"""Queue and article page times with many statements, in a throw-away database.

Seeds N statements (default 100,000), then requests the statements queue with several filter
sets and an article page through Django's test client, and prints median/p95 time and the
number of queries of each.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factcheck.benchdata import seed_statements, throwaway_database


class Command(BaseCommand):
    help = "Time the statements queue and an article page over many statements."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=15)

    def handle(self, *args, statements, repeat, **options):
        from factcheck.models import Article, Outlet

        with throwaway_database():
            started = time.perf_counter()
            users = seed_statements(statements)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            self.stdout.write(f"{connection.vendor}: seeded {statements:,} statements in "
                              f"{time.perf_counter() - started:.0f} s")
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(users["reviewer"])
            outlet = Outlet.objects.first().pk
            article = Article.objects.order_by("pk").first()
            urls = {
                "queue, first page": "/statements/",
                "queue, page 200 (the last one counted)": "/statements/?page=200",
                "queue, unreviewed quotes of one outlet": f"/statements/?status=unreviewed&kind=quote&outlet={outlet}",
                "queue, search 'inflation border'": "/statements/?q=inflation+border",
                "queue, my queue by score": "/statements/?assignee=me&sort=score",
                "queue, no source yet": "/statements/?no_source=on",
                "article page (50 statements)": article.get_absolute_url(),
            }
            for label, url in urls.items():
                times, queries = [], 0
                for _ in range(repeat):
                    with CaptureQueriesContext(connection) as ctx:
                        t0 = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - t0) * 1000)
                    queries = len(ctx)
                    assert response.status_code == 200, (url, response.status_code)
                times.sort()
                self.stdout.write(f"  {label:42s} median {statistics.median(times):7.1f} ms  "
                                  f"p95 {times[max(0, int(len(times) * 0.95) - 1)]:7.1f} ms  {queries} queries")
