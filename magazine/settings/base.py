"""Settings shared by every environment.

Values that differ between machines come from the environment (README,
"Configuration"; `.env.example`): DATABASE_URL (SQLite by default),
REDIS_URL (local memory by default), SECRET_KEY, DEBUG, ALLOWED_HOSTS,
TRUSTED_PROXIES and the media storage. A malformed value stops start-up with
a message that names the variable.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from magazine.serving import static_file_headers

from .environment import (
    env_bool,
    env_choice,
    env_database_url,
    env_hosts,
    env_networks,
    env_redis_url,
    env_required,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", default=False)
# True in the production settings only: what the deploy-time checks look at
# (magazine/checks.py).
PRODUCTION = False
ALLOWED_HOSTS = env_hosts("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# The reverse proxies and load balancers in front of the site, as addresses
# or networks: only requests from them may say whom they forward
# (X-Forwarded-For) and that the reader came over HTTPS (magazine/proxies.py).
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves static files under runserver too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    # The admin's date drill-down without a query (core.admin.LargeTableAdmin).
    "django_admin_lightweight_date_hierarchy",
    # Revisions of interviews, artists and contributors, with a compare view.
    "reversion",
    "reversion_compare",
    # The site layer, then the apps from the lowest layer up (README, "Layout").
    "magazine",
    "people",
    "photos",
    "artists",
    "releases",
    "interviews",
    "comments",
    "archive",
]

MIDDLEWARE = [
    "magazine.middleware.HeadWithoutBodyMiddleware",
    # The reader's address and scheme, before anything reads them.
    "magazine.proxies.TrustedProxyMiddleware",
    # Before the host check and the HTTPS redirect: load balancers probe by
    # address over plain HTTP.
    "magazine.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files, answered before sessions or the page cache are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so stored pages get it too.
    "magazine.security.SitePolicyMiddleware",
    "magazine.middleware.RefuseNulBytesMiddleware",
    # A 304 for a page the browser has; the page cache sets the ETag.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the user and the session: whose admin, in which language.
    "magazine.admin_language.AdminLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside the lazy session and user, which cost no query for a reader: a
    # stored page costs none at all.
    "magazine.pagecache.PageCacheMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins first and refuses locked-out ones.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "magazine.urls"
WSGI_APPLICATION = "magazine.wsgi.application"
ASGI_APPLICATION = "magazine.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env_database_url("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once must wait their turn, not fail with
    # "database is locked". A transaction that reads and then writes would
    # otherwise find, at its first write, that another wrote meanwhile, and
    # SQLite fails it at once instead of waiting: BEGIN IMMEDIATE takes the
    # write lock up front, so the second waits (up to `timeout` seconds) at
    # its start. WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Readers' pages are in the site's language whatever the browser asks for
# (there is no LocaleMiddleware): the page cache keeps one copy of a page.
# Staff choose English or Korean for the admin (magazine/admin_language.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
# The project's own translations; `make run`, `make serve` and `make test`
# compile them (README, "The admin in Korean").
LOCALE_PATHS = [BASE_DIR / "locale"]
# The magazine runs on Korean time: releases drop at "6 PM KST".
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "magazine" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# WhiteNoise (production collects static files under hashed names, with
# gzip and Brotli copies): a hashed file never changes, so it may be kept a
# year; others are asked about again after a minute.
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers
# Files browsers ask for at the root by themselves (/favicon.ico), served
# under their own names, as WhiteNoise serves files that are not hashed.
WHITENOISE_ROOT = BASE_DIR / "magazine" / "site_root"
# Outside production, static files come straight from the apps' folders,
# as they are now: nothing needs collecting.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploaded photos go through Django's storage API (photos/uploads.py), so
# they live wherever the default storage says: MEDIA_ROOT, served by Django
# (SERVE_MEDIA), or, with MEDIA_STORAGE=s3, any S3-compatible object store
# through django-storages (README, "Photos in production").
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", ["LOCAL", "S3"], default="LOCAL")
MEDIA_ORIGIN = ""  # where photos come from, when not from this site
if MEDIA_STORAGE == "S3":
    MEDIA_CUSTOM_DOMAIN = env_str("MEDIA_CUSTOM_DOMAIN", "").strip() or None
    MEDIA_ENDPOINT_URL = env_str("MEDIA_ENDPOINT_URL", "").strip() or None
    MEDIA_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_required("MEDIA_BUCKET", when="with MEDIA_STORAGE=s3"),
            "endpoint_url": MEDIA_ENDPOINT_URL,
            "region_name": env_str("MEDIA_REGION", "").strip() or None,
            "custom_domain": MEDIA_CUSTOM_DOMAIN,
            # Photos are public once published and their names are never
            # reused: plain, cacheable URLs rather than signed ones.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable",
            },
        },
    }
    if MEDIA_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{MEDIA_CUSTOM_DOMAIN}"
    elif MEDIA_ENDPOINT_URL:
        MEDIA_ORIGIN = MEDIA_ENDPOINT_URL.rstrip("/")
    else:
        MEDIA_ORIGIN = "https://*.amazonaws.com"
else:
    MEDIA_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Photos (photos/uploads.py): what an upload may be. A file over the size,
# pixel or frame limit is refused with a form error before it is decoded.
# The pixel ceiling is also Pillow's decompression-bomb limit: 50 megapixels
# takes any camera's photo up to 8660 x 5773.
PHOTO_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_MAX_FRAMES = 100
# The widths each photo is stored at, in WebP and JPEG, made once on upload.
PHOTO_RENDITION_WIDTHS = [400, 800, 1200, 1600]
# Readers' comments (comments/ratelimit.py): at most this many posts from one
# address per this many seconds, counted in the default cache.
COMMENTS_RATE_LIMIT = (5, 600)
# How long a comment form stays good after its page was made (its signed
# token, comments/forms.py): well beyond a page's life in the cache.
COMMENT_FORM_MAX_AGE = 2 * 24 * 3600
# Whether Django serves MEDIA_URL itself (with nosniff and a sandboxing
# Content-Security-Policy), as it does unless photos live in an object store.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=MEDIA_STORAGE == "LOCAL")

# The page cache for anonymous readers (magazine/pagecache.py): on unless
# PAGE_CACHE=off; a page is kept at most this many seconds, and never past
# the next scheduled publication. PAGE_CACHE_SHARED_SECONDS lets a CDN serve
# a page that long without asking (0: it asks each time, and gets a 304).
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = 600
PAGE_CACHE_SHARED_SECONDS = int(env_str("PAGE_CACHE_SHARED_SECONDS", "0"))
PAGE_CACHE_ALIAS = "default"
# Interview cards are kept between changes too (magazine/templatetags/
# cards.py), for the pages the page cache does not keep: CARD_CACHE=off
# draws every card afresh.
CARD_CACHE = env_bool("CARD_CACHE", default=True)

# One cache for every worker and every machine when REDIS_URL is set: the
# page cache, its generation, the comment rate limit and the health check
# all live there. Without it each process keeps its own in local memory,
# which is right for one process and wrong for more (magazine/checks.py).
# A Redis that does not answer within a second counts as down: pages are
# then rendered afresh rather than waited on.
REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "magazine"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

# The Content-Security-Policy (magazine/security.py). Readers' pages run no
# script and load nothing from elsewhere but photos from the media host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *filter(None, [MEDIA_ORIGIN])],
        "font-src": ["'self'"],
        # 'self' rather than 'none': with no script allowed nothing of the
        # page's can connect anywhere, but tools that fetch through the page
        # obey it too. Lighthouse reads /robots.txt that way and, refused,
        # calls it invalid (SEO 92 instead of 100).
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The admin's: Django's scripts, which are files of this site, and the
# inline styles its widgets set.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", *filter(None, [MEDIA_ORIGIN])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# Tags are matched case-insensitively: "K-pop" and "k-pop" are one tag.
TAGGIT_CASE_INSENSITIVE = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"

# Failed logins (django-axes): after 5 failures for one account, from any
# address, or from one address, for any account, logins are refused for 15
# minutes with a page that says so (templates/admin/locked_out.html).
# `manage.py axes_reset_username NAME` or `axes_reset_ip ADDRESS` lifts a
# lock at once. Attempts are kept in the database, so every worker and every
# app server counts the same failures. The address is REMOTE_ADDR, which
# holds the reader's behind TRUSTED_PROXIES (magazine/proxies.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Everything logged goes to standard error, in every environment, so that the
# operator's process manager (or the terminal of `make run`) keeps it. Django
# on its own prints errors only with DEBUG on and otherwise mails them to
# ADMINS, which this site does not have: an unhandled error would leave no
# line anywhere. Its traceback is part of the record.
LOG_LEVEL = env_choice(
    "LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], default="INFO"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's own handlers (console with DEBUG only, mail) with
        # the root's.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # django-axes says at INFO that it started, in every process; its
        # warnings (repeated failures, lockouts) are what an operator needs.
        "axes": {"level": "WARNING"},
    },
}
