"""Page times at newsroom scale, in a throw-away database of the configured engine.

Seeds N statements (default 100,000) with approved verdicts, sources and a quote reprinted
302 times, then requests the article, queue, dashboard and cluster pages through Django's
test client (server time: the request through middleware, view, queries and template, no
network) and prints the median of --repeat runs (5 by default) after one warm-up request.
"""

import os
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factcheck.benchdata import seed_cluster, seed_statements, throwaway_database

CHROMIUM = "/usr/bin/chromium"


class Command(BaseCommand):
    help = "Time the article, queue, dashboard and cluster pages over many statements."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=100_000)
        parser.add_argument("--appearances", type=int, default=302, help="size of the reprinted quote's cluster")
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--screenshots", metavar="DIR", help="also save the queue, dashboard and cluster "
                            "pages as seen in Chromium (/usr/bin/chromium) to DIR")

    def handle(self, *args, statements, appearances, repeat, screenshots, **options):
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
            self._dashboard_cold(client, repeat, users["editor"])
            if screenshots:
                self._screenshots(Path(screenshots), client.cookies[settings.SESSION_COOKIE_NAME].value, {"queue-100k": pages["queue, first page"],
                                                      "dashboard-100k": "/dashboard/",
                                                      "cluster-302-page-2": cluster.get_absolute_url() + "?page=2"})

    def _dashboard_cold(self, client, repeat, editor):
        """The dashboard on the first view after a change, when its cache is stale."""
        from factcheck.models import Statement
        from factcheck.services.review import statement_update

        times = []
        for _ in range(repeat):
            st = Statement.objects.live().filter(status="unreviewed").order_by("pk").first()
            statement_update(statement_id=st.pk, version=st.version, user=editor, data={"status": "in_progress"})
            t0 = time.perf_counter()
            assert client.get("/dashboard/").status_code == 200
            times.append((time.perf_counter() - t0) * 1000)
        self.stdout.write(f"  {'dashboard, first view after a change':48s} {statistics.median(times):7.1f} ms  "
                          f"(min {min(times):6.1f}, max {max(times):6.1f})")

    def _screenshots(self, folder: Path, session: str, pages: dict[str, str]):
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.test.testcases import LiveServerThread
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            self.stdout.write(f"no screenshots: {CHROMIUM} is not installed")
            return
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        folder.mkdir(parents=True, exist_ok=True)
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            base = f"http://127.0.0.1:{server.port}"
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                # The editor's session of the timed requests: no sign-in form to wait for.
                context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
                page = context.new_page()
                page.set_default_timeout(120_000)  # a loaded machine: the pages are timed above, not here
                for name, url in pages.items():
                    page.goto(base + url)
                    path = folder / f"{name}.png"
                    page.screenshot(path=str(path), full_page=True)
                    self.stdout.write(f"  screenshot {path}")
                browser.close()
        finally:
            server.terminate()
