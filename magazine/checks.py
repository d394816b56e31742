"""System checks for how the site is deployed."""

from django.conf import settings
from django.core.checks import Warning, register

from .serving import worker_count

LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register()
def shared_cache_check(app_configs, **kwargs):
    """More than one worker with a cache per process: each worker counts
    its own comment posts (the limit multiplied by the workers) and keeps
    its own pages, which a publish on another worker does not make stale
    for it."""
    if not settings.PRODUCTION:
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    workers = worker_count()
    if workers > 1 and backend in LOCAL_CACHES:
        return [
            Warning(
                f"{workers} gunicorn workers would each keep their own cache, "
                "so rate limits are multiplied by the workers and a publish is "
                "not seen by the pages the other workers keep.",
                hint="Set REDIS_URL (README, 'Production'), or WEB_CONCURRENCY=1.",
                id="magazine.W001",
            )
        ]
    return []


@register()
def host_pattern_check(app_configs, **kwargs):
    """A pattern in ALLOWED_HOSTS (`.magazine.example`, `*`): every name it
    matches is a site of its own to the page cache, which keeps a copy of
    every page for each, so anyone could fill the cache with made-up
    names and have each page made afresh for each (magazine.pagecache)."""
    if not settings.PRODUCTION:
        return []
    patterns = [
        host for host in settings.ALLOWED_HOSTS if host == "*" or host.startswith(".")
    ]
    if not patterns:
        return []
    return [
        Warning(
            f"ALLOWED_HOSTS holds {', '.join(patterns)}: each host name it "
            "matches is one more copy of every page in the page cache, made "
            "afresh for anyone who sends a new one.",
            hint="Name each host the site answers to (README, 'Configuration').",
            id="magazine.W002",
        )
    ]
