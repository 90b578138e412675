"""Reuse on the story set: import twelve stories' renderings into a throw-away database on the
configured engine (real cleaning, extraction and matching) and print pair precision, recall and
F1 against the gold keys, by kind, by rendering style, and the false links the guards must
prevent (different figures, years apart)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection

from factcheck.benchdata import throwaway_database
from factcheck.services import matching
from factcheck.services.stories import (
    STORIES,
    mentions_refresh,
    stories_import,
    stories_load,
    stories_score,
)


class Command(BaseCommand):
    help = "Score quote and claim reuse on the written story set (pair P/R/F1)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="score after match_quotes --rebuild too")
        parser.add_argument("--explain", action="store_true", help="list the missed and the false pairs")
        parser.add_argument("--stories", type=Path, default=STORIES, help=f"the story file (default {STORIES.name})")

    def handle(self, *args, rebuild=False, explain=False, stories=STORIES, **options):
        self.explain = explain
        stories = stories_load(stories)
        with throwaway_database():
            started = time.perf_counter()
            mentions = stories_import(stories)
            self.report(f"{connection.vendor}, online matching ({time.perf_counter() - started:.1f} s)",
                        stories, stories_score(mentions))
            if rebuild:
                matching.match_rebuild()
                self.report(f"{connection.vendor}, after a rebuild", stories, stories_score(mentions_refresh(mentions)))

    def report(self, label, stories, fig):
        w = self.stdout.write
        n = sum(len(s["renderings"]) for s in stories)
        extracted, total = fig["extracted"]
        w(f"{label}: {len(stories)} stories, {n} renderings, {extracted}/{total} gold spans extracted")
        for name in ("all", "quotes", "claims", "english_lexical"):
            f = fig[name]
            w(f"  {name:16} pair P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} "
              f"({f['tp']} of {f['true']} true pairs linked, {f['predicted']} linked)")
        w("  recall by style: " + ", ".join(f"{k} {v:.2f} ({n})" for k, (v, n) in fig["recall_by_style"].items()))
        fl = fig["false_links"]
        w(f"  false links: different figures {fl['figures']}, years apart {fl['years']}, other statements of a story "
          f"{fl['other']}, across stories {fl['across_stories']}; true pairs left as suggestions {fig['suggested_only']}")
        if self.explain:
            for title, pairs in (("missed", fig["misses"]), ("false", fig["false"])):
                for a, b in pairs:
                    w(f"    {title}: {a.key} {a.style}/{a.language} {sorted(a.statements)} ~ "
                      f"{b.key} {b.style}/{b.language} {sorted(b.statements)}")

