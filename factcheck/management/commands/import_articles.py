"""Import articles from files and folders: .txt, .md, .html and .jsonl (one article a line)."""

import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from factcheck.services.importing import (
    bounded_lines,
    import_job_create,
    import_jsonl,
    import_paths,
)


class Command(BaseCommand):
    help = "Import articles from .txt/.md/.html/.jsonl files or folders ('-' reads JSONL from stdin)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders; '-' for JSONL on stdin")
        parser.add_argument("--user", help="username recorded as the importer")
        parser.add_argument("--background", action="store_true",
                            help="queue .jsonl files as background jobs (TASKS_BACKEND=database: db_worker runs them)")
        parser.add_argument("--wait", action="store_true", help="with --background: show progress until done")

    def handle(self, *args, paths, user=None, background=False, wait=False, **options):
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"no user named {user!r}")
        if background:
            return self.queue(paths, importer, wait)
        counts = {"created": 0, "duplicate": 0, "error": 0}
        started = time.perf_counter()
        for path in paths:
            results = (import_jsonl(bounded_lines(sys.stdin.buffer), name="stdin", user=importer) if path == "-"
                       else import_paths([path], user=importer))
            for result in results:
                counts[result.status] += 1
                if options["verbosity"] >= 1 or result.status == "error":
                    style = {"created": self.style.SUCCESS, "duplicate": self.style.WARNING,
                             "error": self.style.ERROR}[result.status]
                    self.stdout.write(style(str(result)))
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{counts['created']} created, {counts['duplicate']} already there, "
                          f"{counts['error']} failed in {elapsed:.1f} s")
        if counts["error"] and not (counts["created"] or counts["duplicate"]):
            raise CommandError("nothing was imported")

    def queue(self, paths, importer, wait):
        jobs = []
        for path in paths:
            if not path.lower().endswith((".jsonl", ".ndjson")):
                raise CommandError(f"{path}: only .jsonl files run in the background")
            with open(path, "rb") as fh, transaction.atomic():
                job = import_job_create(data=fh.read(), name=path, user=importer)
            jobs.append(job)
            self.stdout.write(f"queued job {job.pk}: {job.total} lines from {path}")
        while wait and jobs:
            time.sleep(1)
            for job in jobs:
                job.refresh_from_db()
            self.stdout.write("  ".join(f"job {j.pk}: {j.processed}/{j.total} ({j.percent}%) {j.state}" for j in jobs))
            if all(j.state == "done" for j in jobs):
                break
