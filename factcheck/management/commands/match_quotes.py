"""Find reused quotes and claims across all articles: place unmatched ones, or rebuild
everything; --reworded also offers the renderings of one statement in other words or languages."""

import time

from django.core.management.base import BaseCommand
from django.db.models import F

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
            todo = (Statement.objects.live().exclude(pk__in=indexed)
                    .order_by(F("article__published").asc(nulls_last=True), "article__imported_at", "article_id")
                    .values_list("article_id", flat=True))
            placed = 0
            for article_id in dict.fromkeys(todo):  # articles in order of appearance, once each
                placed += sum(o.cluster is not None for o in matching.article_match(article_id))
            self.stdout.write(f"{placed} statements placed in clusters; "
                              f"{Appearance.objects.values('cluster').distinct().count()} clusters in all")
        if reworded:
            stats = semantic.reworded_all()
            self.stdout.write(stats["off"] if "off" in stats else
                              f"reworded: {stats['embedded']} quotes embedded, {stats['reused']} reused an identical "
                              f"quote's vector, {stats['suggestions']} suggestions")
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s")
