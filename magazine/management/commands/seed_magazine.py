import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from magazine.seeding import Seeder


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic magazine for benchmarks: "
        "interviews with ten years of dates, bodies of about 600 words, Q&A "
        "items, credits, tags, comments; artists with Hangul names, aliases "
        "and groups. Reproducible with --seed; a second run replaces what the "
        "first made. Refuses a database holding interviews it did not make, "
        "unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interviews", type=int, default=10_000)
        parser.add_argument(
            "--artists",
            type=int,
            help="default: one for every 20 interviews, at least 500",
        )
        parser.add_argument("--tags", type=int, default=120)
        parser.add_argument("--contributors", type=int, default=60)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--batch", type=int, default=2000, help="interviews per transaction"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="seed even though the database holds other interviews",
        )

    def handle(self, *args, interviews, artists, tags, contributors, seed, batch,
               force, verbosity, **options):  # fmt: skip
        if interviews < 1 or batch < 1 or tags < 1 or contributors < 2:
            raise CommandError(
                "Ask for at least one interview and tag, two contributors, and "
                "a batch of one or more."
            )
        foreign = Seeder.foreign_interviews().count()
        if foreign and not force:
            raise CommandError(
                f"This database holds {foreign} interviews that seed_magazine "
                "did not make; seeding it would mix made-up pieces into real "
                "ones. Use an empty database, or --force if you mean it."
            )
        started = time.monotonic()
        replaced = Seeder.remove_previous()
        if replaced and verbosity:
            self.stdout.write(f"Removed the {replaced} interviews of an earlier run.")
        seeder = Seeder(
            interviews=interviews,
            artists=artists or max(500, interviews // 20),
            tags=tags,
            contributors=contributors,
            seed=seed,
            batch=batch,
        )

        def progress(done, total):
            if verbosity:
                elapsed = time.monotonic() - started
                sys.stderr.write(
                    f"\r  {done:,} of {total:,} interviews, {elapsed:.0f} s"
                )
                sys.stderr.flush()

        made = seeder.run(progress=progress)
        if verbosity:
            sys.stderr.write("\n")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {connection.vendor} in {elapsed:.0f} s "
                f"({interviews / elapsed:,.0f} interviews/s):"
            )
        )
        for kind, count in made.counts.items():
            self.stdout.write(f"  {kind}: {count:,}")
