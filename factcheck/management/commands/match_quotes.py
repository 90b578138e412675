"""Find reused quotes across all articles: place unmatched quotes, or rebuild everything;
--reworded also offers the renderings of one statement in other words or languages."""

import time

from django.core.management.base import BaseCommand

from factcheck.models import Appearance, QuoteKey, Statement
from factcheck.services import matching, semantic


class Command(BaseCommand):
    help = "Match quotes across articles into clusters of appearances (--rebuild: from scratch)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="recompute the index, automatic clusters and pending suggestions")
        parser.add_argument("--reworded", action="store_true",
                            help="then embed quotes that have no vector yet and suggest reworded renderings")

    def handle(self, *args, rebuild=False, reworded=False, **options):
        started = time.perf_counter()
        if rebuild:
            stats = matching.match_rebuild()
            matching.index_vacuum()
            self.stdout.write(", ".join(f"{v} {k}" for k, v in stats.items()))
        else:
            indexed = QuoteKey.objects.values("statement_id")
            todo = (Statement.objects.live().filter(kind="quote").exclude(pk__in=indexed)
                    .order_by("article__published", "article__imported_at", "pk"))
            index = matching.DbIndex()
            placed = sum(matching.quote_match(st, index).cluster is not None for st in todo.iterator())
            self.stdout.write(f"{placed} quotes placed in clusters; "
                              f"{Appearance.objects.values('cluster').distinct().count()} clusters in all")
        if reworded:
            stats = semantic.reworded_all()
            self.stdout.write(stats["off"] if "off" in stats else
                              f"reworded: {stats['embedded']} quotes embedded, {stats['reused']} reused an identical "
                              f"quote's vector, {stats['suggestions']} suggestions")
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s")
