"""Extract quotes and claims from JSONL articles, without a database.

Input lines: {"id", "text", ...}. Output lines: {"id", "statements": [{"kind", "quote_type",
"start", "end", "text", "speaker", "cue", "score", "reasons", ...}]}, offsets into the given text.
"""

import json
import sys
from contextlib import ExitStack

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.text.extraction import extract


class Command(BaseCommand):
    help = "Extract attributed quotes and check-worthy claims from a JSONL file of articles."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="JSONL of articles, or - for stdin")
        parser.add_argument("--output", required=True, help="JSONL of statements, or - for stdout")
        parser.add_argument("--threshold", type=float, default=None,
                            help="check-worthiness above which a sentence is a claim "
                                 "(default: CLAIM_THRESHOLD setting)")

    def handle(self, *args, input, output, threshold=None, **options):
        threshold = settings.CLAIM_THRESHOLD if threshold is None else threshold
        done = bad = 0
        with ExitStack() as stack:
            try:
                src = sys.stdin if input == "-" else stack.enter_context(
                    open(input, encoding="utf-8", errors="replace"))
                dst = sys.stdout if output == "-" else stack.enter_context(
                    open(output, "w", encoding="utf-8"))
            except OSError as exc:
                raise CommandError(str(exc)) from None
            for number, line in enumerate(src, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    text = record["text"]
                    if not isinstance(text, str):
                        raise TypeError("text is not a string")
                except (ValueError, KeyError, TypeError) as exc:
                    bad += 1
                    self.stderr.write(f"line {number}: skipped ({exc.__class__.__name__}: {exc})")
                    continue
                statements = [s.as_json() for s in extract(text, claim_threshold=threshold)]
                dst.write(json.dumps({"id": record.get("id"), "statements": statements},
                                     ensure_ascii=False) + "\n")
                done += 1
        if options["verbosity"] >= 1 and output != "-":
            self.stdout.write(f"{done} articles extracted, {bad} lines skipped")
