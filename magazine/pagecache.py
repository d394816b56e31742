"""The page cache: what anonymous readers get, served from Django's cache.

A fandom sharing one interview sends thousands of readers to one page. The
first of them renders it; the rest are served the stored response, with no
query, until anything a page could show changes.

- **What is cached**: GET (and HEAD) answers of 200 to readers without a session (staff
  log in; readers never do), to every address but the admin, the preview,
  media and static files, and never an answer that sets a cookie, is marked
  private or no-cache, or varies on anything but the cookie. A reader with a
  message waiting (after posting a comment) is served fresh.
- **Fresh at once**: every stored page carries the *generation* it was made
  in. Any change to content (a save or delete of an interview, artist,
  contributor, photo, tag, credit..., or a bulk change a service announces
  with `core.signals.content_changed`) moves the generation on, so every
  page made before is stale at once. A pending comment changes nothing
  readers see and moves nothing: posting comments cannot flush the cache.
  Nor do the editors' own rows no page shows (autosaved text, kept every
  half minute while anyone types; share links).
- **A comment is seen on its own page**: readers' comments show on their
  interview's article and nowhere else, and moderators approve them all
  day, most of all on the piece a fandom is reading. So each interview's
  comment thread has a generation of its own, which the article's pages
  carry beside the site's (`page_shows_comments_of` on the view): approving,
  editing or removing a comment makes that article stale at once and leaves
  every other page, and every kept card, stored.
- **One making per page and change**: after a change, the first request
  for a page makes it and the others (every thread asking for the piece a
  fandom is reading) wait for what it stores, rather than each making the
  same page (see `claim`).
- **Scheduled pieces go live on time**: a page is kept at most until the
  next scheduled publication time, so the pages it changes are made afresh
  the moment it goes live, with no job run.
- **Compressed once, when made**: a stored page of text (HTML, a feed,
  the sitemap) is kept gzip-compressed, a quarter to a third of its size
  (a sitemap section a fourteenth), and sent so to every reader whose
  browser accepts gzip, as all do: the bytes a worker reads from the cache
  and writes to the socket, and a mobile reader's download, shrink by as
  much, and no request compresses anything. A client that does not accept
  gzip gets it decompressed. Compression is safe here (BREACH, which
  guesses a secret from the size of pages that also echo the attacker's
  words): a stored page is every reader's and holds no secret, since one
  that carries a CSRF token is never stored. Pages made for one reader are
  sent as they are.
- **Downstream caches** (a browser, a CDN) get an ETag and
  `Cache-Control: public, max-age=0, must-revalidate`: they keep the page
  and ask each time, and a 304 answer costs no rendering
  (`ConditionalGetMiddleware`). `PAGE_CACHE_SHARED_SECONDS` lets a CDN serve
  a page that long without asking.
- **Forms on cached pages**: the comment form carries a token signed for
  its interview rather than Django's per-reader CSRF token (see
  `comments.forms.form_token`), so the article is one page for every
  reader. A page that does carry a CSRF token is never stored: one reader's
  token must not reach another.
- **A cache that does not answer** (Redis down or restarting) costs speed,
  never a page: the page is rendered afresh, and the failure logged. A
  change that could not move the generation is retried by the next request
  of this process that reaches the cache; pages other processes stored meanwhile
  are kept at most PAGE_CACHE_SECONDS.
- The key is the host, the path and the query parameters *that page* reads,
  as its view declares them (`page_params`, see `declared_by`): a shared
  link's tracking parameters, or `?q=anything` on an article, reuse the
  page, so junk cannot fill the cache with copies nor make each request a
  page rendered afresh. A page that reads a parameter it did not declare is
  served but not stored, and the slip logged: a wrong declaration costs
  speed, never another page's content. A page number is spelled one way:
  `?page=02` or `?page=+2` is sent to the address the site's own links use
  (`?page=2`) rather than being one more copy of a page to make and keep.
  So is a host: `Magazine.Example.` and `magazine.example:443` are sent to
  `magazine.example`, and a page asked for at a port the server does not
  listen on is served, never kept (see `canonical_host`).
- **Cookies are checked, not trusted**: readers never log in, so a session
  cookie sends a request past the cache only when it is a signed-in
  session, and a messages cookie only when a message is really waiting. A
  made-up cookie costs one session lookup, not a page.
"""

import functools
import gzip
import hashlib
import logging
import re
import time
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date
from django.utils.text import compress_string

from comments.models import Comment
from core.cache import CACHE_ERRORS
from interviews.models import Interview

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
HOP_HEADERS = {"set-cookie", "content-length"}
# What is worth compressing: text, as opposed to images or archives (which
# are compressed already, and which the page cache does not keep anyway).
COMPRESSIBLE = re.compile(
    r"\s*(text/|application/(?:[\w.+-]+\+)?(?:xml|json|javascript)\b)", re.I
)
# Below this, gzip's own header and trailer cost more than they save (as
# Django's GZipMiddleware has it).
COMPRESS_FROM_BYTES = 200


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation_at(key, timeout):
    """The generation kept at `key`. If the cache lost it (evicted,
    restarted, expired), a new one starts from the clock, so no page stored
    before counts."""
    cache = page_cache()
    current = cache.get(key)
    if current is None:
        cache.add(key, int(time.time() * 1000), timeout=timeout)
        current = cache.get(key)
    return current


def generation():
    """The site's current generation, which every page carries."""
    return generation_at(GENERATION_KEY, timeout=None)


def now_and_once_committed(move):
    """`move()` now (for the rest of this request or test) and, for a change
    made in a transaction, again once it commits, so that a page rendered
    from the old rows while the change was being written is never kept. A
    change made outside one is written already: moving on twice would only
    have every page made twice."""
    move()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(move)


def bump_generation():
    """Make every stored page stale."""
    now_and_once_committed(_bump)


# A change this process could not announce, because the cache did not
# answer: the next request that reaches the cache announces it.
_unannounced_change = False


def _bump():
    global _unannounced_change
    cache = page_cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there yet, or lost
            generation()
    except CACHE_ERRORS as error:
        _unannounced_change = True
        logger.error(
            "The page cache did not answer (%s): a change is not yet seen by "
            "stored pages.",
            error,
        )
    else:
        _unannounced_change = False


def thread_key(slug):
    """The key of the generation of the comment thread of the interview at
    `slug` (hashed: a slug may be longer than a cache key may be)."""
    return "pagecache:thread:" + hashlib.sha256(slug.encode()).hexdigest()


def thread_generation(key):
    """The generation of the thread at `key`, kept as long as a page is from
    its last change: a thread no one reads needs none."""
    return generation_at(key, timeout=settings.PAGE_CACHE_SECONDS)


def bump_threads(slugs):
    """Make the stored pages that show the comments of the interviews at
    `slugs` stale."""
    keys = [thread_key(slug) for slug in slugs]
    now_and_once_committed(lambda: _bump_threads(keys))


def _bump_threads(keys):
    global _unannounced_change
    cache = page_cache()
    for key in keys:
        try:
            cache.incr(key)
            # Kept as long as a page is from its last change, as when made.
            cache.touch(key, settings.PAGE_CACHE_SECONDS)
        except ValueError:
            # Not there: the next reader starts the thread's generation from
            # the clock, and no page stored before matches it.
            pass
        except CACHE_ERRORS as error:
            # The next request that reaches the cache moves the site's
            # generation instead: every page, this one among them.
            _unannounced_change = True
            logger.error(
                "The page cache did not answer (%s): a comment is not yet "
                "seen by stored pages.",
                error,
            )
            return


# A q-value of zero: the client names the coding to refuse it.
REFUSED = re.compile(r"\s*q\s*=\s*0(?:\.0{0,3})?\s*", re.I)


def accepts_gzip(request):
    """Whether the client takes an answer compressed with gzip: it names
    gzip in Accept-Encoding (browsers, feed readers and CDNs all do), and
    not to refuse it (`gzip;q=0`)."""
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = coding.partition(";")
        if name.strip().lower() == "gzip":
            return not REFUSED.fullmatch(params)
    return False


def page_key(request, params):
    """The key of the page at this address: its host, its path and the
    values of `params` as the page reads them (the last of a repeated one)."""
    values = sorted((name, request.GET[name]) for name in params if name in request.GET)
    address = f"{request.get_host()}{request.path}?{urlencode(values)}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def page_params(*params):
    """A view, declared to read the query parameters `params` (a function
    view; a class-based view says it with a `page_params` attribute)."""

    def declare(view):
        @functools.wraps(view)
        def declared(*args, **kwargs):
            return view(*args, **kwargs)

        declared.page_params = params
        return declared

    return declare


class Declared(NamedTuple):
    """What the view of an address declares about its page."""

    # The query parameters the page reads (`page_params`, on the view or its
    # class; none if it says nothing).
    params: frozenset
    # The slug of the interview whose comments the page shows
    # (`page_shows_comments_of` on the view's class names the URL argument
    # that holds it), or None.
    thread: str | None


def declared_by(request):
    """What the view at this address declares about its page, or None when
    no page is there (a 404, never stored)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    view = match.func
    view_class = getattr(view, "view_class", None)
    params = getattr(view, "page_params", None)
    if params is None:
        params = getattr(view_class, "page_params", ())
    thread_argument = getattr(view_class, "page_shows_comments_of", None)
    thread = match.kwargs.get(thread_argument) if thread_argument else None
    return Declared(frozenset(params), thread)


# The query parameters that number the pages of a list: Django's paginators
# and the sitemap's sections.
PAGE_NUMBERS = frozenset({"page", "p"})
PAGE_NUMBER = re.compile(r"[1-9][0-9]*", re.ASCII)


DEFAULT_PORTS = {"http": "80", "https": "443"}


def host_and_port(request):
    """The host this request names, as (domain, port): the domain in lower
    case with no final dot (`Magazine.Example.` is `magazine.example`, as
    Django's ALLOWED_HOSTS reads it), the port "" where none is named or it
    is the scheme's own (`:443` on https)."""
    domain, port = split_domain_port(request.get_host())
    return domain, "" if port == DEFAULT_PORTS.get(request.scheme) else port


def canonical_host(request):
    """The host this request names, spelled one way (`host_and_port`). Each
    spelling would be a copy of every page to make and keep, and their
    content is the same: links are built from the host, so it must be the
    one spelling."""
    domain, port = host_and_port(request)
    return f"{domain}:{port}" if port else domain


def names_another_port(request):
    """Whether the host names a port other than the one the request came in
    on: `magazine.example:1`, `:2`... are as many copies of the site to
    store, sent past any proxy that forwards the Host as written. Such a
    page is served, never kept. Behind a proxy the host names no port; on a
    development server the one it listens on."""
    _, port = host_and_port(request)
    if port in ("", request.get_port()):
        return False
    # Said once per process: a proxy that forwards the port it was asked at
    # (`$http_host`), or HTTPS taken for HTTP (`:443` over http: see
    # TRUSTED_PROXIES), would leave every page unkept, and this says why;
    # an attacker's ports would fill the log.
    global _another_port_told
    if not _another_port_told:
        _another_port_told = True
        logger.warning(
            "A page asked for at %s://%s is served, not kept: the server "
            "listens on port %s. Pages are kept for the host with no port.",
            request.scheme,
            request.get_host(),
            request.get_port(),
        )
    return True


_another_port_told = False


def canonical_address(request, params):
    """This address with its host spelled one way (`canonical_host`) and the
    page numbers among `params` spelled as the site's links spell them
    (`02`, `+2`, ` 2` and `２` are `2`), or None when they already are. What
    is no page's number (`0`, `abc`) is left to the page to refuse; of a
    repeated one the last counts, as the page reads it."""
    asked, host = request.get_host(), canonical_host(request)
    query = request.GET.copy()
    respelled = False
    for name in params & PAGE_NUMBERS:
        value = query.get(name)
        if value is None or PAGE_NUMBER.fullmatch(value):
            continue
        try:
            number = int(value)
        except ValueError:  # not a number, or too long to be one
            continue
        if number > 0:
            query.setlist(name, [str(number)])
            respelled = True
    if host != asked:
        address = f"{request.scheme}://{host}{escape_uri_path(request.path)}"
        query_string = query.urlencode()
        return f"{address}?{query_string}" if query_string else address
    return f"{request.path}?{query.urlencode()}" if respelled else None


ANY_PARAM = "*"


class ParamsRead(QueryDict):
    """A request's query parameters, noting which of them the page reads (in
    `read`; ANY_PARAM when it reads them all, as in iterating or copying)."""

    read = None  # not while the query string is parsed

    def note(self, name):
        if self.read is not None:
            self.read.add(name)

    def __getitem__(self, name):
        self.note(name)
        return super().__getitem__(name)

    def __contains__(self, name):
        self.note(name)
        return super().__contains__(name)

    def _getlist(self, name, *args, **kwargs):
        self.note(name)
        return super()._getlist(name, *args, **kwargs)

    def __iter__(self):
        self.note(ANY_PARAM)
        return super().__iter__()

    def __len__(self):
        self.note(ANY_PARAM)
        return super().__len__()

    def keys(self):
        self.note(ANY_PARAM)
        return super().keys()

    def lists(self):
        self.note(ANY_PARAM)
        return super().lists()

    def __copy__(self):
        self.note(ANY_PARAM)
        return super().__copy__()

    def __deepcopy__(self, memo):
        self.note(ANY_PARAM)
        return super().__deepcopy__(memo)

    @classmethod
    def of(cls, request):
        params = cls(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        params.read = set()
        return params


def next_publication_key(current):
    return f"pagecache:next:{current}"


def seconds_to_keep(current):
    """How long a page made now may be kept: PAGE_CACHE_SECONDS, or less if
    a scheduled interview goes live before then."""
    cache = page_cache()
    now = timezone.now()
    key = next_publication_key(current)
    upcoming = cache.get(key, "unknown")
    if upcoming == "unknown" or (upcoming is not None and upcoming <= now):
        upcoming = (
            Interview.objects.scheduled()
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )
        cache.set(key, upcoming, timeout=settings.PAGE_CACHE_SECONDS)
    seconds = settings.PAGE_CACHE_SECONDS
    if upcoming is not None:
        seconds = min(seconds, int((upcoming - now).total_seconds()))
    return seconds


def kept_while_current(name, make):
    """What `make()` returns, kept in the page cache under `name` for the
    current generation, as long as a page made now may be kept: for what
    many pages show and the page cache cannot spare them, such as the
    suggestions every fruitless search shows. Made afresh, and not kept,
    when the cache does not answer; an error of `make()` is the caller's."""
    try:
        cache = page_cache()
        current = generation()
        key = f"{name}:{current}"
        kept = cache.get(key)
    except CACHE_ERRORS as error:
        logger.warning("The cache did not answer (%s): %s made afresh.", error, name)
        return make()
    if kept is not None:
        return kept
    made = make()
    try:
        seconds = seconds_to_keep(current)
        if seconds > 0:
            cache.set(key, made, timeout=seconds)
    except (DatabaseError, *CACHE_ERRORS) as error:
        logger.warning("%s was not kept: %s", name, error)
    return made


# After a change every stored page is stale at once, and a page many read
# (the interview a fandom shares) is asked for by every worker and thread
# in the same instant: each would make it, the same page a dozen times over.
# The first to ask claims the making of it; the others wait for what it
# stores, up to MAKING_WAIT_SECONDS (a page takes tens of milliseconds),
# and make it themselves if it stores nothing (a 404, a page that may not
# be kept) or takes longer. A claim outlives a worker that dies while making
# the page by MAKING_CLAIM_SECONDS at most.
MAKING_WAIT_SECONDS = 2.0
MAKING_POLL_SECONDS = 0.005
MAKING_CLAIM_SECONDS = 10


def making_key(key, version):
    return f"{key}:making:{'.'.join(map(str, version))}"


def claim(making):
    """Whether this request makes the page (no other is making it now)."""
    try:
        return page_cache().add(making, True, timeout=MAKING_CLAIM_SECONDS)
    except CACHE_ERRORS:
        return True


def release(making):
    try:
        page_cache().delete(making)
    except CACHE_ERRORS as error:
        logger.warning("The page cache did not answer (%s): claim kept.", error)


def is_as_new(stored, version):
    """Whether a page stored at `stored` (None for one stored before pages
    had versions) shows every change `version` does."""
    return (
        stored is not None
        and len(stored) == len(version)
        and all(mine >= wanted for mine, wanted in zip(stored, version, strict=True))
    )


def wait_for(key, making, version):
    """The page stored under `key` for `version` or later, once the request
    making it has stored it; None if it stores none or takes too long."""
    cache = page_cache()
    deadline = time.monotonic() + MAKING_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(MAKING_POLL_SECONDS)
        try:
            found = cache.get_many([key, making])
        except CACHE_ERRORS:
            return None
        entry = found.get(key)
        if entry is not None and is_as_new(entry.get("version"), version):
            return entry
        if making not in found:
            return None
    return None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped = tuple(
            prefix
            for prefix in (
                "/admin/",
                "/preview/",
                settings.STATIC_URL and "/" + settings.STATIC_URL.lstrip("/"),
                settings.MEDIA_URL and "/" + settings.MEDIA_URL.lstrip("/"),
            )
            if prefix
        )

    def __call__(self, request):
        page = declared_by(request) if request.method in ("GET", "HEAD") else None
        if page is None:
            return self.get_response(request)
        params = page.params
        # Whether the page is kept or not, so that every reader sees one
        # address for it (and tests see what production does).
        canonical = canonical_address(request, params)
        if canonical is not None:
            return HttpResponsePermanentRedirect(canonical)
        if not self.is_for_a_reader(request):
            return self.get_response(request)
        try:
            if _unannounced_change:
                _bump()
            key = page_key(request, params)
            thread = thread_key(page.thread) if page.thread else None
            stored = page_cache().get_many(
                [GENERATION_KEY, key, *([thread] if thread else [])]
            )
            # The version of the page made now: the site's generation, and
            # its comment thread's if it shows one.
            version = (stored.get(GENERATION_KEY) or generation(),)
            if thread:
                version += (stored.get(thread) or thread_generation(thread),)
        except CACHE_ERRORS as error:
            # One line, not a traceback: while Redis is down every request
            # says so.
            logger.warning(
                "The page cache did not answer (%s): %s made afresh.",
                error,
                request.path,
            )
            return self.get_response(request)
        entry = stored.get(key)
        if entry is not None and entry.get("version") == version:
            return self.replay(entry, request)
        making = making_key(key, version)
        mine = claim(making)
        if not mine:
            entry = wait_for(key, making, version)
            if entry is not None:
                return self.replay(entry, request)
        try:
            return self.make(request, params, key, version)
        finally:
            if mine:
                release(making)

    def make(self, request, params, key, version):
        """The page made afresh, and stored if it may be."""
        request.GET = ParamsRead.of(request)
        response = self.get_response(request)
        undeclared = request.GET.read - params
        if undeclared:
            logger.warning(
                "%s read query parameters its view does not declare in "
                "page_params (%s): served, not stored.",
                request.path,
                ", ".join(sorted(undeclared)),
            )
            return response
        if not self.is_shareable(response):
            return response
        self.mark_public(response)
        entry = self.entry(response, version)
        self.store(key, entry, version)
        # The first reader gets the page as the others will.
        return self.replay(entry, request) if "gzip" in entry else response

    def store(self, key, entry, version):
        try:
            seconds = seconds_to_keep(version[0])
            if seconds > 0:
                page_cache().set(key, entry, timeout=seconds)
        except CACHE_ERRORS as error:
            logger.warning("The page cache did not answer (%s): page not kept.", error)

    def is_for_a_reader(self, request):
        if not (
            settings.PAGE_CACHE
            # HEAD too: Django renders it as a GET (the body is dropped on
            # the way out), so it may be answered and stored as one.
            and request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(self.skipped)
            and not names_another_port(request)
        ):
            return False
        # Cookies are asked about only when sent (readers send none), and
        # believed only when real: anyone can send `sessionid=x` to be
        # served a page made afresh, at a page's cost each time.
        session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if session and request.user.is_authenticated:
            return False
        # A message waits for this reader (e.g. "awaits moderation"): counted
        # without being read, so the page still shows it.
        message_cookie = session or "messages" in request.COOKIES
        return not (message_cookie and len(messages.get_messages(request)))

    @staticmethod
    def is_shareable(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if CSRF_FIELD in response.content:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        vary = {
            header.strip().lower()
            for header in response.get("Vary", "").split(",")
            if header.strip()
        }
        return vary <= {"cookie"}

    @staticmethod
    def entry(response, version):
        """What is stored of `response`: its body, compressed if it is text
        that compresses (and then `response` says it varies on
        Accept-Encoding), and its headers."""
        entry = {"version": version}
        content = response.content
        compressed = None
        if len(content) >= COMPRESS_FROM_BYTES and COMPRESSIBLE.match(
            response.get("Content-Type", "")
        ):
            compressed = compress_string(content)
        if compressed is not None and len(compressed) < len(content):
            entry["gzip"] = compressed
            # Downstream caches keep the two answers apart.
            patch_vary_headers(response, ["Accept-Encoding"])
        else:
            entry["content"] = content
        entry["headers"] = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in HOP_HEADERS
        ]
        return entry

    @staticmethod
    def replay(entry, request):
        """The stored page, compressed for a client that accepts it."""
        compressed = entry.get("gzip")
        sent_compressed = compressed is not None and accepts_gzip(request)
        if compressed is None:
            response = HttpResponse(entry["content"])
        elif sent_compressed:
            response = HttpResponse(compressed)
        else:
            response = HttpResponse(gzip.decompress(compressed))
        for name, value in entry["headers"]:
            response[name] = value
        if sent_compressed:
            response["Content-Encoding"] = "gzip"
            # The ETag is the page's, not these bytes': weak, as Django's
            # GZipMiddleware makes it, so a 304 still answers either form.
            etag = response.get("ETag", "")
            if etag.startswith('"'):
                response["ETag"] = "W/" + etag
        return response

    @staticmethod
    def mark_public(response):
        """Headers for caches downstream, kept with the page: they may keep
        it and must ask again (a 304 costs nothing), unless a CDN is allowed
        PAGE_CACHE_SHARED_SECONDS of its own."""
        patch_vary_headers(response, ["Cookie"])
        shared = settings.PAGE_CACHE_SHARED_SECONDS
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            must_revalidate=True,
            **({"s_maxage": shared} if shared else {}),
        )
        response["Last-Modified"] = http_date()
        set_response_etag(response)


# The apps whose rows pages show: a save or delete of any of their rows
# makes every stored page stale.
CONTENT_APPS = {
    "people",
    "photos",
    "artists",
    "releases",
    "interviews",
    "comments",
    "taggit",
}


def shows_on_pages(model):
    """Whether readers' pages can show rows of `model`: those of the content
    apps, but for the editors' own rows a model says no page shows
    (`shown_to_readers = False`: autosaved text, share links)."""
    return model._meta.app_label in CONTENT_APPS and getattr(
        model, "shown_to_readers", True
    )


def slugs_of(interviews):
    """The slugs of the interviews whose pks are `interviews`."""
    return Interview.objects.filter(pk__in=interviews).values_list("slug", flat=True)


def row_changed(sender, instance):
    """Make stale what a row of `sender` saved or deleted could show on: its
    interview's article for a comment (its interview going with it moves the
    site's generation as well), every page for the rest."""
    if not shows_on_pages(sender):
        return
    if sender is Comment:
        bump_threads(slugs_of([instance.interview_id]))
    else:
        bump_generation()


def content_saved(sender, instance=None, created=False, **kwargs):
    # A new comment waits for moderation and shows nowhere: posting one must
    # not make any page stale (or anyone could, at the rate limit).
    if not (sender is Comment and created and instance.is_pending):
        row_changed(sender, instance)


def content_deleted(sender, instance=None, **kwargs):
    row_changed(sender, instance)


def relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and shows_on_pages(sender):
        bump_generation()


def content_changed(sender, comments_of=None, **kwargs):
    if comments_of is None:
        bump_generation()
    else:
        bump_threads(slugs_of(comments_of))


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from core.signals import content_changed as announced

    post_save.connect(content_saved, dispatch_uid="pagecache.saved")
    post_delete.connect(content_deleted, dispatch_uid="pagecache.deleted")
    m2m_changed.connect(relation_changed, dispatch_uid="pagecache.relation")
    announced.connect(content_changed, dispatch_uid="pagecache.announced")
