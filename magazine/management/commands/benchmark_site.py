"""How fast the public pages are served, and how long a search takes, as
figures for this machine. Nothing is asserted: the numbers are the machine's.

Throughput. gunicorn serves the site with sync workers, as production would
(settings `magazine.settings.benchmark`: DEBUG off), and a load generator
keeps --concurrency client connections busy on one URL for --seconds: one
round. Requests per second on their own say as much about the machine as
about the site, so each page is measured against a yardstick served in the
same run: a view that returns "ok" and does nothing, behind the same
middleware (`magazine.benchmark_urls`). Rounds alternate: bare, page A,
bare, page B, ..., bare, and the sequence is repeated --rounds times. A
page's ratio in a round is its rate over the mean rate of the two bare
rounds either side of it, so that whatever the machine drifts by meanwhile
(another process, a CPU that heats up and slows down) moves both sides; the
figure printed is the median over the rounds. A ratio of 0.25 reads "this
page costs as much as four requests that do nothing", on any machine.

There are two phases, each with a gunicorn of its own that is warmed on
every URL before it is measured: "cold", with the page cache and the card
cache off (PAGE_CACHE=off CARD_CACHE=off: every request renders all it
shows), then "cached", with both on. How much kept cards spare the pages
the page cache does not keep shows in the search timings, which are taken
both ways.

The load generator is Python (worker processes, each making one request at
a time over `http.client`, on a new connection each since sync workers
close theirs after every answer), so the benchmark runs wherever the site
does with nothing else to install. It is slower than wrk or ab, and it
shares the CPUs with gunicorn: the bare view's rate is partly the
generator's, which pulls the ratios towards 1. Compare ratios between runs
of the same settings rather than with another tool's figures.

Any answer but a 200 is counted as an error, and a page that had one is
flagged in its table: its figures are not the page's.

Search latency is measured in this process, without a server: Django's test
client times GET /search/?q=... for a common word, a rare word, an artist's
alias and a Hangul name, against the database this command runs with, and
prints the 50th and 95th percentiles.
"""

import http.client
import importlib.metadata
import math
import multiprocessing
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from artists.models import Alias, Artist
from interviews.models import Interview, public_tags
from interviews.views import InterviewListView

HOST = "127.0.0.1"
SETTINGS_MODULE = "magazine.settings.benchmark"
# (phase, value of PAGE_CACHE and CARD_CACHE), in the order they run.
PHASES = [("cold", "off"), ("cached", "on")]

BARE = "bare"
BARE_PATH = "/__bare__/"
HOME_PATH = "/"
LIST_PATH = "/interviews/"
SEARCH_PATH = "/search/"
SITEMAP_PATH = "/sitemap.xml"
FEED_PATH = "/feeds/rss/"
# Far enough into the list that an OFFSET-paginated query shows its cost.
DEEP_LIST_PAGE = 500
COMMON_WORD = "comeback"
# For a database whose titles share every word: a search that finds nothing.
UNMATCHED_WORD = "xqzvbenchmarkword"
TITLE_WORD = re.compile(r"[^\W\d_]{4,}")
SITEMAP_NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

NO_ANSWER = "no answer"
STARTUP_SECONDS = 30
STOP_SECONDS = 10
# Warming is a short round of its own, so that every gunicorn worker (and
# its page cache, in the cached phase) has served every URL before timing.
WARM_SECONDS = 0.5
# How long past its end a round may take to report before it is abandoned:
# one request that times out, and then some.
ROUND_GRACE_SECONDS = 60
REQUEST_TIMEOUT = 30

NO_CONTENT = (
    "The database has no live interview, so there are no pages to measure. "
    "Fill it first: python manage.py seed_magazine --interviews 10000 (or "
    "python manage.py load_archive for the three archive pieces)."
)


@dataclass(frozen=True)
class Page:
    name: str
    url: str


@dataclass(frozen=True)
class RoundResult:
    """One round: the URL's name, its rate and what it answered."""

    name: str
    requests_per_second: float
    statuses: dict


@dataclass(frozen=True)
class Figures:
    """A URL's figures over all rounds of a phase; `ratio` is None for the
    bare view, which is the yardstick."""

    name: str
    rounds: int
    requests_per_second: float
    ratio: float | None
    statuses: Counter

    @property
    def answers(self):
        return sum(self.statuses.values())

    @property
    def errors(self):
        return sum(n for status, n in self.statuses.items() if status != 200)


# Picking the pages ------------------------------------------------------


def pick_pages(client):
    """The public pages to measure, chosen from the database: one of each
    kind, and of each the one with most to show. `client` is a Django test
    client, used to read the sitemap for its first section."""
    live = Interview.objects.live()
    newest = live.order_by("-publish_at", "-pk").first()
    if newest is None:
        raise CommandError(NO_CONTENT)
    per_page = InterviewListView.paginate_by
    last_page = max(1, math.ceil(live.count() / per_page))
    pages = [
        Page("home", HOME_PATH),
        Page("list", LIST_PATH),
        Page("list-deep", f"{LIST_PATH}?page={min(DEEP_LIST_PAGE, last_page)}"),
        Page("article", newest.get_absolute_url()),
    ]
    # Slugs break ties: names sort differently on each database.
    artist = (
        Artist.objects.filter(
            pk__in=Artist.objects.public().values("pk"), interviews__in=live
        )
        .annotate(live_interviews=Count("interviews"))
        .order_by("-live_interviews", "slug")
        .first()
    )
    if artist:
        pages.append(Page("artist", artist.get_absolute_url()))
    tag = (
        public_tags()
        .filter(interviews_taggedinterview_items__content_object__in=live)
        .annotate(uses=Count("interviews_taggedinterview_items"))
        .order_by("-uses", "slug")
        .first()
    )
    if tag:
        pages.append(Page("tag", reverse("tags:detail", args=[tag.slug])))
    pages += [
        Page("search", f"{SEARCH_PATH}?{urlencode({'q': COMMON_WORD})}"),
        Page("sitemap", SITEMAP_PATH),
    ]
    response = client.get(SITEMAP_PATH)
    ok = response.status_code == 200
    section = first_sitemap_section(response.content) if ok else None
    if section:
        pages.append(Page("sitemap-section", section))
    pages.append(Page("rss", FEED_PATH))
    return pages


def first_sitemap_section(document):
    """The path of the first section a sitemap index links to, or None for
    a sitemap that is not an index."""
    root = ElementTree.fromstring(document)
    if root.tag != f"{SITEMAP_NAMESPACE}sitemapindex":
        return None
    location = root.find(f"{SITEMAP_NAMESPACE}sitemap/{SITEMAP_NAMESPACE}loc")
    if location is None or not (location.text or "").strip():
        return None
    # The index gives absolute URLs on whatever host asked; gunicorn is asked
    # on its own.
    parts = urlsplit(location.text.strip())
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def choose(pages, names):
    """The pages named in `names` (a comma-separated list), in the default
    order; all of them when `names` is empty."""
    if not names:
        return pages
    wanted = {name.strip() for name in names.split(",") if name.strip()}
    unknown = wanted - {page.name for page in pages}
    if unknown:
        raise CommandError(
            f"No page called {', '.join(sorted(unknown))} in this database; "
            f"the pages are: {', '.join(page.name for page in pages)}."
        )
    return [page for page in pages if page.name in wanted]


# Rounds and their figures -----------------------------------------------


def schedule(names, rounds):
    """The order of the rounds: every page between two bare rounds, and the
    whole sequence `rounds` times."""
    order = []
    for _ in range(rounds):
        for name in names:
            order += [BARE, name]
    return [*order, BARE]


def summarize(results):
    """Figures per URL from the rounds of a phase, in `schedule` order:
    medians over rounds of the rate and of the ratio to the bare view (a
    page's rate over the mean rate of the bare rounds either side of it).
    The bare view comes first."""
    rates, ratios, statuses = {}, {}, {}
    for index, result in enumerate(results):
        rates.setdefault(result.name, []).append(result.requests_per_second)
        statuses.setdefault(result.name, Counter()).update(result.statuses)
        if result.name == BARE:
            continue
        neighbours = [
            results[i].requests_per_second
            for i in (index - 1, index + 1)
            if 0 <= i < len(results) and results[i].name == BARE
        ]
        if not neighbours:
            raise ValueError(f"Round {index} ({result.name}) has no bare round.")
        yardstick = statistics.fmean(neighbours)
        ratio = result.requests_per_second / yardstick if yardstick else math.nan
        ratios.setdefault(result.name, []).append(ratio)
    names = sorted(rates, key=lambda name: name != BARE)
    return [
        Figures(
            name=name,
            rounds=len(rates[name]),
            requests_per_second=statistics.median(rates[name]),
            ratio=statistics.median(ratios[name]) if name in ratios else None,
            statuses=statuses[name],
        )
        for name in names
    ]


def percentile(values, percent):
    """The nearest-rank percentile: the smallest of `values` with at least
    `percent` per cent of them at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


# The load generator (child processes: no Django in here) -----------------


def fetch(port, path, timeout=REQUEST_TIMEOUT):
    """GET `path` on a connection of its own; the status, or NO_ANSWER."""
    client = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        client.request("GET", path)
        response = client.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return NO_ANSWER
    finally:
        client.close()


def hammer(port, path, seconds, go, results):
    """One client connection's share of a round, in a process of its own:
    request after request until `seconds` have passed since `go`."""
    # Ctrl-C reaches the whole process group; the parent ends the round.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not go.wait(timeout=ROUND_GRACE_SECONDS):
        return
    statuses = Counter()
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        statuses[fetch(port, path)] += 1
    results.put((dict(statuses), time.perf_counter() - started))


def run_round(context, port, path, seconds, concurrency):
    """`concurrency` processes on `path` for `seconds`, started together:
    (requests per second, {status: count})."""
    go = context.Event()
    results = context.Queue()
    clients = [
        context.Process(
            target=hammer, args=(port, path, seconds, go, results), daemon=True
        )
        for _ in range(concurrency)
    ]
    try:
        for process in clients:
            process.start()
        # Forking takes a while; the clock starts once they are all there.
        go.set()
        reports = [results.get(timeout=seconds + ROUND_GRACE_SECONDS) for _ in clients]
    finally:
        for process in clients:
            process.join(timeout=STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
            process.close()
        results.close()
        results.join_thread()
    statuses = Counter()
    for counts, _ in reports:
        statuses.update(counts)
    # Each client's rate over its own time: its last request may overrun.
    rate = sum(sum(counts.values()) / elapsed for counts, elapsed in reports)
    return rate, dict(statuses)


# gunicorn ---------------------------------------------------------------


def port_answers(port):
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def gunicorn(port, workers, page_cache):
    """A gunicorn serving the site on `port` until the block ends, however
    it ends."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "magazine.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--access-logfile",
        "/dev/null",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "PAGE_CACHE": page_cache,
        "CARD_CACHE": page_cache,
    }
    # A session of its own, so that Ctrl-C reaches only this command, which
    # then stops gunicorn in order (below) rather than racing it.
    server = subprocess.Popen(
        command, env=environment, cwd=settings.BASE_DIR, start_new_session=True
    )
    try:
        wait_until_serving(server, port)
        yield server
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_serving(server, port):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(
                f"gunicorn stopped (exit status {server.returncode}) before it "
                "served a page; its errors are above."
            )
        status = fetch(port, BARE_PATH, timeout=2)
        if status == 200:
            return
        if status != NO_ANSWER:
            raise CommandError(f"gunicorn answered {BARE_PATH} with {status}.")
        time.sleep(0.1)
    raise CommandError(
        f"gunicorn did not answer {BARE_PATH} within {STARTUP_SECONDS} s."
    )


# Search latency ---------------------------------------------------------


def reader_settings():
    """What the in-process measurements run with: DEBUG off, as in
    production (with it on, every query is kept), and the test client's
    host allowed."""
    return override_settings(
        DEBUG=False, ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]
    )


def rare_word():
    """The longest word of four letters or more that only one live
    interview's title has, or None."""
    titles_with = Counter()
    titles = Interview.objects.live().values_list("title", flat=True)
    for title in titles.iterator():
        titles_with.update(set(TITLE_WORD.findall(title.casefold())))
    once = [word for word, titles in titles_with.items() if titles == 1]
    return min(once, key=lambda word: (-len(word), word)) if once else None


def search_queries():
    """(what it is, the query) for each kind of search that is timed."""
    word = rare_word()
    queries = [
        ("common word", COMMON_WORD),
        ("rare word", word) if word else ("word in no title", UNMATCHED_WORD),
    ]
    alias = (
        Alias.objects.filter(artist__in=Artist.objects.public())
        .order_by("key")
        .values_list("name", flat=True)
        .first()
    )
    if alias:
        queries.append(("artist alias", alias))
    hangul = (
        Artist.objects.public()
        .exclude(hangul_name="")
        .order_by("slug")
        .values_list("hangul_name", flat=True)
        .first()
    )
    if hangul:
        queries.append(("Hangul name", hangul))
    return queries


def time_search(client, query, runs):
    """(milliseconds of each run, {status: count}) for GET /search/?q=query."""
    path = f"{SEARCH_PATH}?{urlencode({'q': query})}"
    # Untimed: the first request compiles the templates and connects.
    client.get(path)
    timings, statuses = [], Counter()
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        statuses[response.status_code] += 1
    return timings, statuses


# Output -----------------------------------------------------------------


def describe_statuses(figures):
    if not figures.errors:
        return "0"
    others = ", ".join(
        f"{status}: {count}"
        for status, count in sorted(figures.statuses.items(), key=str)
        if status != 200
    )
    return f"{figures.errors} of {figures.answers} ({others})  NOT ALL 200"


def display_width(text):
    """Columns `text` takes in a terminal: Hangul and other wide characters
    take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows, right_aligned):
    """Plain text columns; `right_aligned` holds the indexes of numbers."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            padding = " " * (width - display_width(cell))
            cells.append(padding + cell if i in right_aligned else cell + padding)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def positive(kind):
    def parse(text):
        value = kind(text)
        if value <= 0:
            raise ValueError(text)
        return value

    parse.__name__ = f"positive {kind.__name__}"
    return parse


class Command(BaseCommand):
    help = (
        "Measure the public pages under gunicorn, each as a ratio of a bare "
        "Django view measured in the same run, with the page cache off and "
        "then on, and time searches in-process; print the figures."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=positive(int),
            default=2,
            help="gunicorn sync worker processes (default 2)",
        )
        parser.add_argument(
            "--port",
            type=positive(int),
            default=8765,
            help="the port gunicorn listens on at 127.0.0.1 (default 8765)",
        )
        parser.add_argument(
            "--seconds",
            type=positive(float),
            default=5,
            help="how long one round loads one URL (default 5)",
        )
        parser.add_argument(
            "--rounds",
            type=positive(int),
            default=3,
            help=(
                "how many times each page is measured, between two rounds of "
                "the bare view; the median is printed (default 3)"
            ),
        )
        parser.add_argument(
            "--concurrency",
            type=positive(int),
            default=8,
            help="client processes requesting at once (default 8)",
        )
        parser.add_argument(
            "--pages",
            default="",
            help=(
                "comma-separated names of the pages to measure (default all): "
                "home, list, list-deep, article, artist, tag, search, sitemap, "
                "sitemap-section (when the sitemap is an index), rss"
            ),
        )
        parser.add_argument(
            "--no-cache-phase",
            action="store_true",
            help="measure with the page cache off only, skipping the cached phase",
        )
        parser.add_argument(
            "--search-runs",
            type=positive(int),
            default=50,
            help="timed searches per query, in-process (default 50)",
        )

    def handle(self, *args, **options):
        try:
            gunicorn_version = importlib.metadata.version("gunicorn")
        except importlib.metadata.PackageNotFoundError:
            raise CommandError(
                "gunicorn is not installed: pip install -r requirements.txt"
            ) from None
        with reader_settings():
            pages = choose(pick_pages(Client()), options["pages"])
        if port_answers(options["port"]):
            raise CommandError(
                f"Something already listens on {HOST}:{options['port']}; "
                "choose another port with --port."
            )
        phases = PHASES[:1] if options["no_cache_phase"] else PHASES
        self.write_header(options, pages, phases, gunicorn_version)
        # gunicorn's workers open their own connections; this process needs
        # none until the searches.
        connections.close_all()
        try:
            for phase, page_cache in phases:
                results = self.measure(phase, page_cache, pages, options)
                self.write_phase(phase, page_cache, pages, results, options)
            self.write_search_latency(options["search_runs"])
        except KeyboardInterrupt:
            raise CommandError("Interrupted; gunicorn was stopped.") from None

    def measure(self, phase, page_cache, pages, options):
        context = multiprocessing.get_context("fork")
        port, seconds = options["port"], options["seconds"]
        concurrency = options["concurrency"]
        paths = {BARE: BARE_PATH} | {page.name: page.url for page in pages}
        with gunicorn(port, options["workers"], page_cache):
            for path in paths.values():
                run_round(context, port, path, min(WARM_SECONDS, seconds), concurrency)
            results = []
            order = schedule([page.name for page in pages], options["rounds"])
            for number, name in enumerate(order, start=1):
                rate, statuses = run_round(
                    context, port, paths[name], seconds, concurrency
                )
                results.append(RoundResult(name, rate, statuses))
                if options["verbosity"] >= 2:
                    self.stdout.write(
                        f"  {phase} round {number}/{len(order)}: {name} "
                        f"{rate:.1f} requests/s"
                    )
        return results

    def write_header(self, options, pages, phases, gunicorn_version):
        rounds = len(schedule([page.name for page in pages], options["rounds"]))
        warming = (len(pages) + 1) * min(WARM_SECONDS, options["seconds"])
        minutes = len(phases) * (rounds * options["seconds"] + warming) / 60
        database = connection.settings_dict["NAME"]
        self.stdout.write(
            "\n".join(
                [
                    f"Site benchmark, {timezone.localtime():%Y-%m-%d %H:%M %Z}",
                    f"Machine: {os.cpu_count()} CPUs, {platform.platform()}; "
                    f"Python {platform.python_version()}, gunicorn "
                    f"{gunicorn_version}",
                    f"Database: {connection.vendor} ({database}), "
                    f"{Interview.objects.live().count()} live interviews",
                    f"Load: {options['workers']} gunicorn sync workers, "
                    f"{options['concurrency']} client processes; each page "
                    f"measured {options['rounds']} times for "
                    f"{options['seconds']:g} s; about {minutes:.1f} minutes "
                    "of load in all",
                ]
            )
        )

    def write_phase(self, phase, page_cache, pages, results, options):
        figures = summarize(results)
        bare, *measured = figures
        urls = {page.name: page.url for page in pages}
        self.stdout.write(
            f"\n{phase.capitalize()} phase (PAGE_CACHE={page_cache}, "
            f"CARD_CACHE={page_cache})\n"
            f"Bare view ({BARE_PATH}): {bare.requests_per_second:.1f} "
            f"requests/s, median of {bare.rounds} rounds; errors: "
            f"{describe_statuses(bare)}\n"
        )
        rows = [["page", "URL", "requests/s", "ratio to bare", "errors"]]
        rows += [
            [
                page.name,
                urls[page.name],
                f"{page.requests_per_second:.1f}",
                f"{page.ratio:.3f}",
                describe_statuses(page),
            ]
            for page in measured
        ]
        self.stdout.write(table(rows, right_aligned={2, 3}))
        if any(page.errors for page in figures):
            self.stdout.write(
                "NOT ALL 200: some answers were not 200, so those figures are "
                "not the page's (the server's log is above)."
            )

    def write_search_latency(self, runs):
        self.stdout.write(
            f"\nSearch latency, in-process (test client, no server), {runs} runs "
            "each after one untimed"
        )
        if os.environ.get("PAGE_CACHE", "").strip().lower() in {"1", "on", "true"}:
            self.stdout.write(
                "Note: PAGE_CACHE is on in this process, so repeated searches "
                "may come from the page cache."
            )
        # Twice: with the cards kept between changes, as a worker serves a
        # search once its cards were drawn, and with every card drawn afresh,
        # as the first search after a change is served.
        rows = [
            [
                "search",
                "query",
                "p50 ms",
                "p95 ms",
                "p50, cards afresh",
                "p95, cards afresh",
                "errors",
            ]
        ]
        flagged = False
        with reader_settings():
            client = Client()
            for kind, query in search_queries():
                timings, statuses = time_search(client, query, runs)
                with override_settings(CARD_CACHE=False):
                    afresh, statuses_afresh = time_search(client, query, runs)
                statuses.update(statuses_afresh)
                errors = sum(n for status, n in statuses.items() if status != 200)
                flagged = flagged or bool(errors)
                rows.append(
                    [
                        kind,
                        query,
                        *(
                            f"{percentile(figures, share):.1f}"
                            for figures in (timings, afresh)
                            for share in (50, 95)
                        ),
                        f"{errors}  NOT ALL 200" if errors else "0",
                    ]
                )
        self.stdout.write(table(rows, right_aligned={2, 3, 4, 5}))
        if flagged:
            self.stdout.write("NOT ALL 200: those timings are not of a search.")
