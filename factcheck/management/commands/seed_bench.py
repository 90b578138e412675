"""Fill a database with synthetic statements for load tests (refuses a database with articles)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from factcheck.benchdata import seed_statements
from factcheck.models import Article


class Command(BaseCommand):
    help = "Seed N synthetic statements (and users bench-reviewer / bench-editor) for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=100_000)
        parser.add_argument("--force", action="store_true", help="seed even if articles exist")

    def handle(self, *args, statements, force, **options):
        if Article.objects.exists() and not force:
            raise CommandError("this database has articles; use a separate one (or --force)")
        started = time.perf_counter()
        seed_statements(statements)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"seeded {statements:,} statements in {time.perf_counter() - started:.0f} s")
