"""Page times at newsroom scale, in a throw-away database of the configured engine.

Seeds N statements (default 100,000) with approved verdicts, sources and a quote reprinted
302 times, then requests the article, queue, dashboard and cluster pages through Django's
test client (server time: the request through middleware, view, queries and template, no
network) and prints the median of --repeat runs (5 by default) after one warm-up request.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factcheck.benchdata import seed_cluster, seed_statements, throwaway_database


class Command(BaseCommand):
    help = "Time the article, queue, dashboard and cluster pages over many statements."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=100_000)
        parser.add_argument("--appearances", type=int, default=302, help="size of the reprinted quote's cluster")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, statements, appearances, repeat, **options):
        from factcheck.models import Article

        with throwaway_database():
            started = time.perf_counter()
            users = seed_statements(statements)
            cluster = seed_cluster(appearances)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            self.stdout.write(f"{connection.vendor}: seeded {statements:,} statements and a quote in "
                              f"{appearances} articles in {time.perf_counter() - started:.0f} s")
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(users["editor"])
            article = Article.objects.filter(content_hash__startswith="bench-").order_by("pk").first()
            pages = {
                "article page (50 statements)": article.get_absolute_url(),
                "queue, first page": "/statements/",
                "queue, unreviewed quotes by score": "/statements/?status=unreviewed&kind=quote&sort=score",
                "queue, phrase search": '/statements/?q="border+budget"',
                "dashboard": "/dashboard/",
                f"cluster page ({appearances} appearances), page 1": cluster.get_absolute_url(),
                f"cluster page ({appearances} appearances), page 4": cluster.get_absolute_url() + "?page=4",
            }
            self.stdout.write(f"median of {repeat} (server side), after one warm-up request:")
            for label, url in pages.items():
                assert client.get(url).status_code == 200, url
                times = []
                for _ in range(repeat):
                    with CaptureQueriesContext(connection) as ctx:
                        t0 = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
                self.stdout.write(f"  {label:48s} {statistics.median(times):7.1f} ms  "
                                  f"(min {min(times):6.1f}, max {max(times):6.1f})  {len(ctx)} queries")
