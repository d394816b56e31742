"""Production: refuses to start without a secret key and allowed hosts.

Nothing here falls back to a development default.
"""

from .base import *  # noqa: F403
from .environment import env_bool, env_list, env_required

SECRET_KEY = env_required("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
SECURE_CONTENT_TYPE_NOSNIFF = True
# The web server serves media in production (README: "Photos in production").
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)
SECURE_REFERRER_POLICY = "same-origin"
