"""What a cache that cannot be reached raises.

Django's Redis backend passes redis-py's errors through; a server that is
down, restarting or out of memory must cost a page its speed (the page cache
renders it afresh) or a reader one comment post (the rate limit refuses),
never a server error.
"""

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is in the requirements
    RedisError = OSError

CACHE_ERRORS = (RedisError, OSError)
