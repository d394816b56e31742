"""The test suite: fast hashing, local-memory cache, no DEBUG."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = get_random_secret_key()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
