"""/healthz: whether this server can serve pages, for the load balancer.

It answers before anything else runs (no host check, no HTTPS redirect: a
balancer probes by address over plain HTTP) and is never cached. 200 when
the database answers a query and the cache keeps and returns a value; 503
otherwise, naming the part that failed. The reason goes to the log, not to
the answer, which anyone may read.
"""

import logging
import secrets

from django.core.cache import caches
from django.db import Error as DatabaseError
from django.db import connections
from django.http import JsonResponse

from core.cache import CACHE_ERRORS

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


def database_answers():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        # One line, not a traceback: a balancer asks every few seconds.
        logger.error("Health check: the database does not answer (%s).", error)
        return False


def cache_answers():
    cache = caches["default"]
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        kept = cache.get(key) == value
        cache.delete(key)
    except CACHE_ERRORS as error:
        logger.error("Health check: the cache does not answer (%s).", error)
        return False
    if not kept:
        logger.error("Health check: the cache did not return what it was given.")
    return kept


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        checks = {"database": database_answers(), "cache": cache_answers()}
        healthy = all(checks.values())
        response = JsonResponse(
            {
                "status": "ok" if healthy else "unavailable",
                **{part: "ok" if ok else "unavailable" for part, ok in checks.items()},
            },
            status=200 if healthy else 503,
        )
        response["Cache-Control"] = "no-store"
        return response
