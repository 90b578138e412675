"""Import articles from files and folders: .txt, .md, .html and .jsonl (one article a line)."""

import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from factcheck.services.importing import import_jsonl, import_paths


class Command(BaseCommand):
    help = "Import articles from .txt/.md/.html/.jsonl files or folders ('-' reads JSONL from stdin)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders; '-' for JSONL on stdin")
        parser.add_argument("--user", help="username recorded as the importer")

    def handle(self, *args, paths, user=None, **options):
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"no user named {user!r}")
        counts = {"created": 0, "duplicate": 0, "error": 0}
        started = time.perf_counter()
        for path in paths:
            results = (import_jsonl(sys.stdin.buffer, name="stdin", user=importer) if path == "-"
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
