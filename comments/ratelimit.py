"""How many comments one client may post in a while, counted in the cache.

The limit is the setting `COMMENTS_RATE_LIMIT`, a pair (comments, seconds):
at most that many comment posts from one address in each window of that
many seconds; the default is (5, 600), five in ten minutes. Every post
counts, refused ones included, so a robot that keeps failing is slowed too.

Counts live in Django's default cache (local memory in development, Redis in
production when configured), never in the database: they are forgotten when
the window ends, and no address is ever stored with a comment. When the
cache does not answer, posts are refused (`unavailable`) rather than let
through uncounted: the rate limit is what holds off a flood of spam.
"""

import hashlib
import logging
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

from core.cache import CACHE_ERRORS

logger = logging.getLogger(__name__)

KEY_PREFIX = "comments:rate"


class Verdict(NamedTuple):
    allowed: bool
    retry_after: int  # seconds until the window ends
    # The count could not be kept: nothing says whether the post is allowed.
    unavailable: bool = False


def rate_limit():
    comments, seconds = settings.COMMENTS_RATE_LIMIT
    return int(comments), int(seconds)


def client_address(request):
    """The address the request came from.

    Only REMOTE_ADDR, on purpose: X-Forwarded-For is written by the client
    unless a proxy we trust overwrites it, so reading it here would let
    anyone dodge the limit by sending a new value each time. Behind the
    proxies named in TRUSTED_PROXIES, the site layer has already put the
    reader's address there (magazine/proxies.py).
    """
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(address, window):
    # Hashed: no address sits in the cache in clear, and any address (IPv6
    # included) makes a short key every cache backend accepts.
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{digest}:{window}"


def count_comment_post(request):
    """Count one comment post from this request's client and say whether it
    is within the limit (a fixed window: simple, and one cache round trip)."""
    limit, seconds = rate_limit()
    now = time.time()
    window = int(now // seconds)
    key = _key(client_address(request), window)
    retry_after = max(1, int((window + 1) * seconds - now))
    try:
        count = _count(key, seconds)
    except CACHE_ERRORS as error:
        logger.error("The rate limit's cache did not answer (%s): post refused.", error)
        return Verdict(allowed=False, retry_after=60, unavailable=True)
    return Verdict(allowed=count <= limit, retry_after=retry_after)


def _count(key, seconds):
    # add() is a no-op when the key exists; incr() is atomic on Redis.
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): a new window begins.
        cache.set(key, 1, timeout=seconds)
        return 1
