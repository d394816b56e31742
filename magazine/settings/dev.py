"""Development: DEBUG on unless the environment says otherwise.

The secret key may come from the environment; without one a throwaway key is
generated per process, so sessions do not survive a restart (and nothing
secret is ever committed).
"""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .environment import env_bool, env_str

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY") or get_random_secret_key()
# Pages are rendered afresh in development, so that a template edited shows
# at once; PAGE_CACHE=on tries the cache.
PAGE_CACHE = env_bool("PAGE_CACHE", default=False)
