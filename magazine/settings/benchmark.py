"""benchmark_site: the public pages as production serves them, on this machine.

DEBUG is off (with it on, Django keeps every query and renders error pages
of its own, and the figures would be those of development). The secret key
is a throwaway per process: the benchmark reads pages and signs nothing
that must outlive the run. No SSL redirect: gunicorn is spoken to in plain
HTTP on the loopback, as a reverse proxy would. The database is the one
DATABASE_URL names, as in every environment (see base).
"""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "magazine.benchmark_urls"
