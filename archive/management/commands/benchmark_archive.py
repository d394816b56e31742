"""Measure import and export speed: generate N interviews in each format,
import them, export them, and print interviews per second. Everything runs
in a transaction that is rolled back, so the database is left as it was."""

import tempfile
import time
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from artists.models import Artist, ArtistKind

MARKDOWN = """---
title: Benchmark interview {n}
slug: benchmark-interview-{n}
standfirst: The {n}th conversation.
artists: [Benchmark Artist {a}]
credits:
  - interviewer: Benchmark Writer {w}
  - translator: Benchmark Translator
tags: [benchmark, topic {t}]
conducted_in: ko
published_in: en
status: draft
---
A body paragraph about record {n}, with enough words to be searched.

## Q1: What is the first question of interview {n}?

Its answer.

## Q2: And the second?

Another answer.
"""

RAW = """Benchmark raw interview {n} with Benchmark Artist {a}

January 25, 2023 | 18 Visits

An introduction to raw page {n}.

1. What is the first question of page {n}?

Its answer.

2. And the second?

Another answer.

—-Benchmark Writer {w}

#benchmark #topic{t}
"""


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=500)

    def handle(self, *args, count, **options):
        self.stdout.write(
            f"{count} interviews per format on {connection.vendor}, "
            "rolled back afterwards"
        )
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            root = Path(folder)
            self.generate(root, count)
            markdown = self.timed("import markdown", count, root / "md")
            raw = self.timed("import raw", count, root / "raw", "--format", "raw")
            self.timed("re-import markdown", count, root / "md")
            for fmt in ("markdown", "json"):
                self.timed_export(fmt, count * 2, root / f"out-{fmt}")
            self.timed("import json", count * 2, root / "out-json")
            transaction.set_rollback(True)
        self.stdout.write(f"(markdown {markdown:.0f}/s, raw {raw:.0f}/s)")

    def generate(self, root, count):
        (root / "md").mkdir()
        (root / "raw").mkdir()
        artists = max(count // 10, 1)
        Artist.objects.bulk_create(
            Artist(
                name=f"Benchmark Artist {a}",
                slug=f"benchmark-artist-{a}",
                kind=ArtistKind.SOLOIST,
                name_key=f"benchmarkartist{a}",
            )
            for a in range(artists)
        )
        for n in range(count):
            values = {"n": n, "a": n % artists, "w": n % 25, "t": n % 40}
            (root / "md" / f"{n}.md").write_text(MARKDOWN.format(**values))
            (root / "raw" / f"{n}.txt").write_text(RAW.format(**values))

    def timed(self, label, count, *args):
        started = time.perf_counter()
        call_command(
            "import_interviews", *map(str, args), stdout=StringIO(), verbosity=0
        )
        return self.report(label, count, time.perf_counter() - started)

    def timed_export(self, fmt, count, folder):
        started = time.perf_counter()
        call_command(
            "export_interviews",
            str(folder),
            "--format",
            fmt,
            "--all",
            stdout=StringIO(),
        )
        return self.report(f"export {fmt}", count, time.perf_counter() - started)

    def report(self, label, count, seconds):
        rate = count / seconds
        self.stdout.write(
            f"  {label:<20} {count:>6} in {seconds:7.2f} s  {rate:8.0f}/s"
        )
        return rate
