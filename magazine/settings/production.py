"""Production: refuses to start half-set or with development's shortcuts.

Nothing here falls back to a development default: no secret key, no allowed
hosts, a guessable key or DEBUG=true stops start-up with a message that
names the variable. `manage.py check --deploy` is clean with the variables
the README documents.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env_bool, env_hosts, env_int, env_required, env_secret_key

PRODUCTION = True
SECRET_KEY = env_secret_key("SECRET_KEY")
if env_bool("DEBUG", default=False):
    raise ImproperlyConfigured(
        "DEBUG must be off in production: it shows settings and source code "
        "to anyone who finds an error. Unset DEBUG, or use the development "
        "settings (magazine.settings.dev)."
    )
DEBUG = False
ALLOWED_HOSTS = env_hosts("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS")

# Collected by `manage.py collectstatic` (make serve) under hashed names,
# with compressed copies, and served by WhiteNoise.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False

# HTTPS: behind a proxy that ends TLS, the proxy's X-Forwarded-Proto says so,
# believed only from TRUSTED_PROXIES (magazine/proxies.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year of HSTS, for every subdomain, and a request to be preloaded into
# browsers (hstspreload.org): all three can be turned down for a site whose
# subdomains do not all speak HTTPS yet, at the cost of check --deploy's
# warnings.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
