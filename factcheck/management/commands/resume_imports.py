"""Queue again what a stopped worker left unfinished: bulk imports (each resumes where it was)
and the matching of articles imported but never placed."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from factcheck.models import ImportJob
from factcheck.services.importing import JOB_BATCH_LINES
from factcheck.services.matching import articles_unmatched
from factcheck.tasks import match_article_quotes, run_import_job


class Command(BaseCommand):
    help = ("Re-queue import jobs that have not progressed for --stale-minutes, and the matching of "
            "articles imported that long ago and never matched.")

    def add_arguments(self, parser):
        parser.add_argument("--stale-minutes", type=float, default=5)

    def handle(self, *args, stale_minutes, **options):
        cutoff = timezone.now() - timedelta(minutes=stale_minutes)
        stuck = ImportJob.objects.filter(state__in=["queued", "running"], updated_at__lt=cutoff)
        for job in stuck:
            run_import_job.enqueue(job.pk)
            self.stdout.write(f"re-queued {job} (resumes at line {job.processed + 1})")
        self.stdout.write(f"{len(stuck)} jobs re-queued")
        # Older than the cutoff: a younger article's matching may still be waiting in the queue.
        unmatched = articles_unmatched(cutoff)
        for start in range(0, len(unmatched), JOB_BATCH_LINES):
            match_article_quotes.enqueue(unmatched[start:start + JOB_BATCH_LINES])
        self.stdout.write(f"{len(unmatched)} articles queued for matching again")
