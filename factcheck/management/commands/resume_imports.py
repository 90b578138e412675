"""Queue again the bulk imports a stopped worker left unfinished (each resumes where it was)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from factcheck.models import ImportJob
from factcheck.tasks import run_import_job


class Command(BaseCommand):
    help = "Re-queue import jobs that have not progressed for --stale-minutes."

    def add_arguments(self, parser):
        parser.add_argument("--stale-minutes", type=float, default=5)

    def handle(self, *args, stale_minutes, **options):
        cutoff = timezone.now() - timedelta(minutes=stale_minutes)
        stuck = ImportJob.objects.filter(state__in=["queued", "running"], updated_at__lt=cutoff)
        for job in stuck:
            run_import_job.enqueue(job.pk)
            self.stdout.write(f"re-queued {job} (resumes at line {job.processed + 1})")
        self.stdout.write(f"{len(stuck)} jobs re-queued")
