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
