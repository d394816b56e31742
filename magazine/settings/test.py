"""The test suite: fast hashing, local-memory cache, no DEBUG."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = get_random_secret_key()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Tests render pages afresh and read their context; tests/test_page_cache.py
# and the visibility tests turn the page cache on.
PAGE_CACHE = False
# Each test process keeps its own cache, whatever REDIS_URL says: tests in
# parallel must not see each other's pages and counters. The tests of
# Redis itself (tests/servers/) start servers with it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
