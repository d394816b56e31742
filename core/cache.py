"""The site's Redis cache backend, and what a cache that cannot be reached
raises.

Django's Redis backend passes redis-py's errors through; a server that is
down, restarting or out of memory must cost a page its speed (the page cache
renders it afresh) or a reader one comment post (the rate limit refuses),
never a server error.
"""

from django.core.cache.backends import redis as django_redis

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is in the requirements
    RedisError = OSError

CACHE_ERRORS = (RedisError, OSError)


class SharedClientRedisCacheClient(django_redis.RedisCacheClient):
    """Django's, with one redis-py client kept for each connection pool.

    Django's makes a new client for every call, and a client builds its
    table of some 170 response callbacks when made: about 60 µs each time,
    a quarter of the page cache's one read for a stored page, and a tenth
    of serving it.
    A redis-py client may be shared between threads: it holds no
    connection, and takes one from its pool for each command. The pool is
    still Django's, so after a fork (gunicorn's workers) the pool's own
    check of the process makes new connections, as before.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Keyed by pool (each is one server's): at worst two threads make
        # the first client at once and one of them is dropped.
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, sharing its clients."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
