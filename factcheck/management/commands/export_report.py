"""Export the claim report: CSV (the columns are documented in the README) or ClaimReview JSON."""

import json
import sys
from contextlib import ExitStack
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from factcheck.services import reports


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Export statements as the CSV claim report, or approved verdicts as ClaimReview JSON."

    def add_arguments(self, parser):
        parser.add_argument("--status", help="'approved' for approved verdicts, or a statement status")
        parser.add_argument("--since", type=iso_date)
        parser.add_argument("--until", type=iso_date)
        parser.add_argument("--outlet")
        parser.add_argument("--output", default="-", help="file, or - for stdout")
        parser.add_argument("--format", choices=["csv", "claimreview"], default="csv")
        parser.add_argument("--bom", action="store_true", help="start the CSV with a BOM, for Excel")

    def handle(self, *args, status, since, until, outlet, output, format, bom, **options):
        with ExitStack() as stack:
            out = sys.stdout if output == "-" else stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
            if format == "claimreview":
                statements = reports.report_statements("approved", since, until, outlet)
                verdicts = reports.approved_verdicts().filter(statement__in=statements)
                items = [reports.claim_review(v) for v in verdicts.order_by("pk").iterator(chunk_size=500)]
                json.dump({"@context": "https://schema.org", "@graph": items}, out, ensure_ascii=False, indent=1)
                out.write("\n")
                count = len(items)
            else:
                rows = reports.report_rows(reports.report_statements(status, since, until, outlet))
                count = -1  # the header is not a row
                for line in reports.csv_lines(rows, bom=bom):
                    out.write(line)
                    count += 1
        if output != "-":
            self.stdout.write(f"{count} {'reviews' if format == 'claimreview' else 'rows'} written to {output}")
