"""How fast the public pages are served, and how long a search takes, as
figures for this machine. Nothing is asserted: the numbers are the machine's.

Throughput. gunicorn serves the site as production does, --workers
processes of --threads threads each (gthread; by default as many threads as
gunicorn.conf.py gives `make serve`), with the settings
`magazine.settings.benchmark` (DEBUG off), and a load generator
keeps --concurrency client connections busy on one URL for --seconds: one
round. Requests per second on their own say as much about the machine as
about the site, so each page is measured against a yardstick served in the
same run: a view that returns "ok" and does nothing, behind the same
middleware (`magazine.benchmark_urls`). Rounds alternate: bare, page A,
bare, page B, ..., bare, and the sequence is repeated --rounds times. A
page's ratio in a round is its rate over the mean rate of the two bare
rounds either side of it, so that whatever the machine drifts by meanwhile
(another process, a CPU that heats up and slows down) moves both sides; the
figure printed is the median over the rounds, beside the lowest and the
highest. A ratio of 0.25 reads "this page costs as much as four requests
that do nothing", on any machine. Each phase ends with a control: the bare
view measured in a page's place. Its ratio would be 1 on a machine that
never drifted; what it reads, and how far its rounds scatter, is the run's
noise, against which a page's ratio near 1 is read.

Beside the pages, the cold phase measures a second yardstick, "floor": the
least a page that reads the database can do (one query, as the article
finds its interview, and a template of one line). No page made afresh
can serve more than it does, so it says how far a page's ratio could go
with the leanest queries and templates there are.

There are three phases, each with a gunicorn of its own that is warmed on
every URL before it is measured: "cold", with the page cache and the card
cache off (PAGE_CACHE=off CARD_CACHE=off: every request renders all it
shows), then "cached", with both on, then "changing": the article and the
home page served from the cache while the content changes every
--change-every seconds, as it does when a fandom reads one interview while
editors publish and moderators approve comments. Each change is announced
as a service announces one (`core.signals.content_changed`), which moves
the page cache's generation on exactly as a save does, and every stored
page and card is made afresh by the next request for it; nothing in the
database is changed. With --changes comments, each change is instead to the
comments of the article measured, announced as moderating them is: it moves
that article's comment thread alone, so the article is made afresh after
each and the home page stays stored. The changes must reach the workers, so
this phase needs the cache they share in production (REDIS_URL); with local
memory, each worker's own, it is skipped and the report says why. How much
kept cards spare the pages the page cache does not keep shows in the search
timings, which are taken both ways.

The load generator is Python (worker processes, each making one request at
a time over `http.client`, on a new connection each, as readers arriving
from a shared link do, and accepting gzip as browsers do; bodies are read,
not decoded), so the benchmark runs wherever the site does with nothing
else to install. It is slower than wrk or ab, and it
shares the CPUs with gunicorn: the bare view's rate is partly the
generator's, which pulls the ratios towards 1. Compare ratios between runs
of the same settings rather than with another tool's figures.

Any answer but a 200 is counted as an error, and a page that had one is
flagged in its table: its figures are not the page's.

In this process, without a server, Django's test client times what a
request that the page cache cannot answer costs: every page made afresh
(no page cache, no kept cards), and GET /search/?q=... for a common word, a
common word that begins others, a query of more words than are matched, a
Korean stem, two words seldom together, a typo among common words, a rare
word, an artist's alias and a Hangul name; it prints
the 50th and 95th percentiles, against the database this command runs
with. Since no anonymous request can make a page be made afresh at will
(the cache key is the parameters the page reads), the dearest of these
bounds what any one request can cost the site.
"""

import functools
import http.client
import importlib.metadata
import math
import multiprocessing
import os
import platform
import re
import runpy
import signal
import socket
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from artists.models import Alias, Artist
from comments.models import Comment
from core.signals import content_changed
from interviews.models import Interview, public_tags
from interviews.views import InterviewListView
from magazine.pagecache import generation, page_cache, thread_generation, thread_key
from people.models import Contributor

HOST = "127.0.0.1"
SETTINGS_MODULE = "magazine.settings.benchmark"
# Its addresses: the site's and the yardsticks'.
URLCONF = "magazine.benchmark_urls"
COLD, CACHED, CHANGING = "cold", "cached", "changing"
CONTENT_CHANGES, COMMENT_CHANGES = "content", "comments"
# Where a fandom sharing an interview lands: what the changing phase loads.
CHANGING_PAGES = ("home", "article")

BARE = "bare"
BARE_PATH = "/__bare__/"
# The bare view again, in a page's place (see above).
CONTROL = "control"
# The least a page that reads the database can do (magazine.benchmark_urls),
# measured in the cold phase beside the pages made afresh.
FLOOR = "floor"
HOME_PATH = "/"
LIST_PATH = "/interviews/"
SEARCH_PATH = "/search/"
SITEMAP_PATH = "/sitemap.xml"
FEED_PATH = "/feeds/rss/"
# Far enough into the list that an OFFSET-paginated query shows its cost.
DEEP_LIST_PAGE = 500
COMMON_WORD = "comeback"
# A common word that begins another ("danced"): a prefix of several words,
# which SQLite answers from a prefix index, or by merging their lists.
COMMON_PREFIX = "dance"
# A Korean stem, the beginning of the words its particles make (노래를,
# 노래가): the seeded Korean versions hold it.
KOREAN_STEM = "노래"
# Two words each common in one language, together in no piece: the planner
# reckons them together as often as their shares make, and PostgreSQL
# walked every interview to find none (interviews.search).
SELDOM_TOGETHER = f"{KOREAN_STEM} stage"
# A word in no piece among seven common ones: asked for all eight, the GIN
# index gathers every common word's list to find nothing (interviews.search).
TYPO_AMONG_COMMON = "comeback performance prepared important broadcast stage dance bokt"
# More words than a search matches on (interviews.search.MAX_TERMS), each
# common in the seeded archive: the most words a query can cost.
LONG_QUERY = (
    "comeback performance prepared important broadcast choreography "
    "dance music stage album members debut world tour love"
)
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
    # The interview the page is the article of, if it is one.
    interview: int | None = None


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
    # The lowest and highest of the rounds' ratios.
    ratio_range: tuple[float, float] | None = None

    @property
    def errors(self):
        return error_count(self.statuses)


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
        Page("article", newest.get_absolute_url(), interview=newest.pk),
        Page(FLOOR, reverse("benchmark-floor", URLCONF, args=[newest.slug])),
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
    contributor = (
        Contributor.objects.filter(
            pk__in=Contributor.objects.public().values("pk"),
            credits__interview__in=live,
        )
        .annotate(live_credits=Count("credits"))
        .order_by("-live_credits", "slug")
        .first()
    )
    if contributor:
        pages.append(Page("contributor", contributor.get_absolute_url()))
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


def plan_phases(pages, cold_only):
    """([(phase, PAGE_CACHE, the pages it measures)], why the changing phase
    is skipped or None)."""
    if cold_only:
        return [(COLD, "off", pages)], None
    changing = [page for page in pages if page.name in CHANGING_PAGES]
    # The floor is a yardstick for pages made afresh, never a cached page.
    cached = [page for page in pages if page.name != FLOOR]
    phases = [(COLD, "off", pages), (CACHED, "on", cached)]
    if isinstance(page_cache(), LocMemCache):
        return phases, (
            "it needs the cache the workers share in production (REDIS_URL); "
            "in local memory a change reaches only the worker that made it."
        )
    if not changing:
        return phases, (
            f"it measures {' and '.join(CHANGING_PAGES)}, and --pages chose neither."
        )
    return [*phases, (CHANGING, "on", changing)], None


# Rounds and their figures -----------------------------------------------


def rounds_of(pages):
    """What a phase measures between its bare rounds: its pages, then the
    control."""
    return [*(page.name for page in pages), CONTROL]


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
            ratio_range=(
                (min(ratios[name]), max(ratios[name])) if name in ratios else None
            ),
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


# Every browser and feed reader accepts gzip, and the page cache sends what it
# stores compressed to those that do.
AS_A_BROWSER = {"Accept-Encoding": "gzip"}


def fetch(port, path, timeout=REQUEST_TIMEOUT):
    """GET `path` on a connection of its own; the status, or NO_ANSWER."""
    client = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        client.request("GET", path, headers=AS_A_BROWSER)
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


def announce_changes(every, stop, announced, comments_of):
    """In a process of its own: a change to the content announced every
    `every` seconds until `stop` is set, counted in `announced`; with
    `comments_of` (an interview's pk), a change to its comments alone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while not stop.wait(every):
        if comments_of is None:
            content_changed.send(sender=Command)
        else:
            content_changed.send(sender=Comment, comments_of=[comments_of])
        with announced.get_lock():
            announced.value += 1


def changes_seen(commented=None):
    """Where the page cache stands: its generation, or the generation of the
    comment thread of the interview `commented` (a pk)."""
    if commented is None:
        return generation()
    slug = Interview.objects.values_list("slug", flat=True).get(pk=commented)
    return thread_generation(thread_key(slug))


@contextmanager
def changes_announced(context, every, comments_of=None):
    """Changes announced every `every` seconds while the block runs (to the
    comments of the interview `comments_of` alone, if given); yields the
    shared count of them."""
    stop = context.Event()
    announced = context.Value("i", 0)
    announcer = context.Process(
        target=announce_changes,
        args=(every, stop, announced, comments_of),
        daemon=True,
    )
    announcer.start()
    try:
        yield announced
    finally:
        stop.set()
        announcer.join(timeout=STOP_SECONDS)
        if announcer.is_alive():
            announcer.kill()
            announcer.join()
        announcer.close()


# gunicorn ---------------------------------------------------------------


def port_answers(port):
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def gunicorn(port, workers, threads, page_cache):
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
        "gthread",
        "--threads",
        str(threads),
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


def serving_threads():
    """The threads gunicorn.conf.py gives each worker of `make serve`."""
    return runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))["threads"]


# Search latency ---------------------------------------------------------


def reader_settings():
    """What the in-process measurements run with: DEBUG off, as in
    production (with it on, every query is kept), the test client's host
    allowed, the addresses gunicorn serves, and no page cache: they time
    what a request the cache cannot answer costs."""
    return override_settings(
        DEBUG=False,
        ROOT_URLCONF=URLCONF,
        ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
        PAGE_CACHE=False,
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
        ("common prefix", COMMON_PREFIX),
        ("long query", LONG_QUERY),
        ("Korean stem", KOREAN_STEM),
        ("words seldom together", SELDOM_TOGETHER),
        ("a typo among common words", TYPO_AMONG_COMMON),
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


def time_requests(client, path, runs):
    """(milliseconds of each run, {status: count}) for GET `path`."""
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


def error_count(statuses):
    """How many answers other than 200 `statuses` ({status: count}) holds."""
    return sum(n for status, n in statuses.items() if status != 200)


def describe_errors(statuses):
    """The answers other than 200 among `statuses` ({status: count})."""
    errors = error_count(statuses)
    if not errors:
        return "0"
    others = ", ".join(
        f"{status}: {count}"
        for status, count in sorted(statuses.items(), key=str)
        if status != 200
    )
    return f"{errors} of {sum(statuses.values())} ({others})  NOT ALL 200"


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
            help="gunicorn worker processes (default 2)",
        )
        parser.add_argument(
            "--threads",
            type=positive(int),
            default=serving_threads(),
            help=(
                "threads of each worker (default: as gunicorn.conf.py gives "
                "`make serve`, %(default)s)"
            ),
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
                "home, list, list-deep, article, artist, tag, contributor, "
                "search, sitemap, "
                "sitemap-section (when the sitemap is an index), rss"
            ),
        )
        parser.add_argument(
            "--no-cache-phase",
            action="store_true",
            help=(
                "measure with the page cache off only, skipping the cached "
                "and changing phases"
            ),
        )
        parser.add_argument(
            "--change-every",
            type=positive(float),
            default=1.0,
            help=(
                "in the changing phase, the seconds between two changes to "
                "the content (default 1)"
            ),
        )
        parser.add_argument(
            "--changes",
            choices=[CONTENT_CHANGES, COMMENT_CHANGES],
            default=CONTENT_CHANGES,
            help=(
                "in the changing phase, what changes: the content as a whole "
                "(every stored page is stale after each change), or the "
                "comments of the article measured (only its page is; "
                "default %(default)s)"
            ),
        )
        parser.add_argument(
            "--search-runs",
            type=positive(int),
            default=50,
            help=(
                "timed requests, in-process, per search query and per page "
                "made afresh (default 50)"
            ),
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
        phases, skipped = plan_phases(pages, options["no_cache_phase"])
        commented = None
        if options["changes"] == COMMENT_CHANGES:
            commented = next((page.interview for page in pages if page.interview), None)
            if commented is None:
                raise CommandError(
                    "--changes comments changes the comments of the article "
                    "measured: choose the article with --pages."
                )
        self.write_header(options, phases, gunicorn_version)
        # gunicorn's workers open their own connections; this process needs
        # none until the in-process timings.
        connections.close_all()
        try:
            for phase, page_cache_setting, measured in phases:
                results, changes = self.measure(
                    phase, page_cache_setting, measured, options, commented
                )
                self.write_phase(phase, page_cache_setting, measured, results)
                if changes:
                    self.write_changes(*changes, options)
            if skipped:
                self.stdout.write(f"\nChanging phase skipped: {skipped}")
            fresh = self.write_fresh_pages(pages, options["search_runs"])
            searches = self.write_search_latency(options["search_runs"])
            self.write_dearest(fresh, searches)
        except KeyboardInterrupt:
            raise CommandError("Interrupted; gunicorn was stopped.") from None

    def measure(self, phase, page_cache_setting, pages, options, commented):
        """The rounds of a phase, and for the changing phase (changes
        announced, steps the generation they move took) during them;
        `commented` is the interview whose comments change, or None when
        the content as a whole does."""
        context = multiprocessing.get_context("fork")
        port, seconds = options["port"], options["seconds"]
        concurrency = options["concurrency"]
        paths = {BARE: BARE_PATH, CONTROL: BARE_PATH}
        paths |= {page.name: page.url for page in pages}
        changing = phase == CHANGING
        # What a change moves: the site's generation, or with comment changes
        # the thread of the article measured.
        moved = functools.partial(changes_seen, commented)
        with gunicorn(port, options["workers"], options["threads"], page_cache_setting):
            for path in dict.fromkeys(paths.values()):
                run_round(context, port, path, min(WARM_SECONDS, seconds), concurrency)
            before = moved() if changing else None
            announcing = (
                changes_announced(context, options["change_every"], commented)
                if changing
                else nullcontext()
            )
            results = []
            with announcing as announced:
                order = schedule(rounds_of(pages), options["rounds"])
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
            changes = (announced.value, moved() - before) if changing else None
        return results, changes

    def write_header(self, options, phases, gunicorn_version):
        seconds = options["seconds"]
        minutes = (
            sum(
                len(schedule(rounds_of(pages), options["rounds"])) * seconds
                + (len(pages) + 1) * min(WARM_SECONDS, seconds)
                for _, _, pages in phases
            )
            / 60
        )
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
                    f"Load: {options['workers']} gunicorn workers of "
                    f"{options['threads']} threads, "
                    f"{options['concurrency']} client processes; each page "
                    f"measured {options['rounds']} times for "
                    f"{seconds:g} s; about {minutes:.1f} minutes of load in all",
                    f"Each phase ends with a {CONTROL}: the bare view measured "
                    "as a page. Its ratio is what no difference reads as in "
                    "this run, and its rounds (lowest-highest) how far the "
                    "machine scatters them.",
                ]
            )
        )

    def write_phase(self, phase, page_cache_setting, pages, results):
        figures = summarize(results)
        bare, *measured = figures
        urls = {page.name: page.url for page in pages} | {CONTROL: BARE_PATH}
        self.stdout.write(
            f"\n{phase.capitalize()} phase (PAGE_CACHE={page_cache_setting}, "
            f"CARD_CACHE={page_cache_setting})\n"
            f"Bare view ({BARE_PATH}): {bare.requests_per_second:.1f} "
            f"requests/s, median of {bare.rounds} rounds; errors: "
            f"{describe_errors(bare.statuses)}\n"
        )
        rows = [["page", "URL", "requests/s", "ratio to bare", "rounds", "errors"]]
        rows += [
            [
                page.name,
                urls[page.name],
                f"{page.requests_per_second:.1f}",
                f"{page.ratio:.3f}",
                "{:.2f}-{:.2f}".format(*page.ratio_range),
                describe_errors(page.statuses),
            ]
            for page in measured
        ]
        self.stdout.write(table(rows, right_aligned={2, 3, 4}))
        if any(page.errors for page in figures):
            self.stdout.write(
                "NOT ALL 200: some answers were not 200, so those figures are "
                "not the page's (the server's log is above)."
            )

    def write_changes(self, announced, moved, options):
        what, measure = {
            CONTENT_CHANGES: ("to the content", "the page cache's generation"),
            COMMENT_CHANGES: (
                "to the article's comments",
                "the article's comment thread",
            ),
        }[options["changes"]]
        self.stdout.write(
            f"Changes announced {what}: {announced}, one every "
            f"{options['change_every']:g} s; {measure} moved {moved} steps "
            "meanwhile" + ("" if moved >= announced else "  NOT EVERY CHANGE WAS SEEN")
        )

    def write_fresh_pages(self, pages, runs):
        """Each page made afresh, in-process; (its p95, its name) for the
        dearest."""
        self.stdout.write(
            f"\nPages made afresh (no page cache, no kept cards), in-process "
            f"(test client, no server), {runs} runs each after one untimed"
        )
        rows = [["page", "URL", "p50 ms", "p95 ms", "errors"]]
        dearest = (0.0, None)
        with reader_settings(), override_settings(CARD_CACHE=False):
            client = Client()
            for page in pages:
                timings, statuses = time_requests(client, page.url, runs)
                p95 = percentile(timings, 95)
                dearest = max(dearest, (p95, page.name))
                rows.append(
                    [
                        page.name,
                        page.url,
                        f"{percentile(timings, 50):.1f}",
                        f"{p95:.1f}",
                        describe_errors(statuses),
                    ]
                )
        self.stdout.write(table(rows, right_aligned={2, 3}))
        return dearest

    def write_search_latency(self, runs):
        """The searches' timings, in-process; (the p95 of the dearest with
        cards drawn afresh, its query) for the dearest."""
        self.stdout.write(
            f"\nSearch latency, in-process (test client, no server), {runs} runs "
            "each after one untimed"
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
        dearest = (0.0, None)
        with reader_settings():
            client = Client()
            for kind, query in search_queries():
                path = f"{SEARCH_PATH}?{urlencode({'q': query})}"
                timings, statuses = time_requests(client, path, runs)
                with override_settings(CARD_CACHE=False):
                    afresh, statuses_afresh = time_requests(client, path, runs)
                statuses.update(statuses_afresh)
                dearest = max(dearest, (percentile(afresh, 95), kind))
                rows.append(
                    [
                        kind,
                        query,
                        *(
                            f"{percentile(figures, share):.1f}"
                            for figures in (timings, afresh)
                            for share in (50, 95)
                        ),
                        describe_errors(statuses),
                    ]
                )
        self.stdout.write(table(rows, right_aligned={2, 3, 4, 5}))
        return dearest

    def write_dearest(self, page, search):
        """What one request the page cache cannot answer costs at most."""
        (page_ms, page_name), (search_ms, search_kind) = page, search
        self.stdout.write(
            f"\nDearest request the page cache cannot answer: {page_name} made "
            f"afresh, {page_ms:.1f} ms p95; the dearest search ({search_kind}, "
            f"cards afresh) {search_ms:.1f} ms p95"
        )
