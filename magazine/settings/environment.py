"""Typed readers for environment variables, shared by the settings modules."""

import ipaddress
import os
import re
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS - {''})}, "
        f"not {value!r}."
    )


def env_choice(name, choices, default):
    value = os.environ.get(name, default).strip().upper()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(choices)}, not {value!r}."
        )
    return value


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name, when="in production"):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The {name} environment variable is required {when}."
        )
    return value


DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}
HOST_PATTERN = re.compile(r"\.?[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]")


def env_database_url(name, default):
    """DATABASE_URL parsed by dj-database-url, or a refusal that names it.

    dj-database-url takes almost anything and fails later, deep in Django,
    with a message that names neither the variable nor its fault. (The
    refusals never repeat the URL: it may hold a password.)"""
    value = os.environ.get(name, default).strip()
    scheme = value.partition("://")[0]
    if scheme not in DATABASE_SCHEMES or "://" not in value:
        raise ImproperlyConfigured(
            f"{name} must be a database URL (postgres://user@host:5432/name or "
            f"sqlite:///path); its scheme is {scheme!r}."
        )
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is malformed: {error}") from error
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database.")
    return config


def env_redis_url(name):
    """REDIS_URL (redis://, rediss:// or unix://), or None when unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it checks it is a number
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is malformed: {error}.") from error
    if parts.scheme not in {"redis", "rediss", "unix"} or not (
        parts.hostname or parts.path
    ):
        raise ImproperlyConfigured(
            f"{name} must be a Redis URL such as redis://127.0.0.1:6379/0; "
            f"its scheme is {parts.scheme!r}."
        )
    database = parts.path.strip("/")
    if parts.scheme != "unix" and database and not database.isdigit():
        raise ImproperlyConfigured(
            f"{name} must end with a database number (/0), not /{database}."
        )
    return value


def env_networks(name):
    """A comma-separated list of addresses or networks (10.0.0.0/8, ::1)."""
    networks = []
    for item in env_list(name):
        try:
            networks.append(ipaddress.ip_network(item))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks (10.0.0.0/8, with "
                f"no host bits set), not {item!r}."
            ) from None
    return networks


def env_hosts(name, default=()):
    """ALLOWED_HOSTS: host names, addresses, `.example.org` or `*`."""
    hosts = env_list(name, default)
    for host in hosts:
        if host != "*" and not HOST_PATTERN.fullmatch(host):
            raise ImproperlyConfigured(
                f"{name} must list host names (magazine.example, .example.org), "
                f"not {host!r}."
            )
    return hosts


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.")
    return int(value)


def env_secret_key(name):
    """A secret key long and random enough to sign sessions and forms: the
    rules of Django's own deploy check (security.W009), made a refusal."""
    value = env_required(name)
    if len(value) < 50 or len(set(value)) < 5 or value.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            f"{name} must be at least 50 random characters (python -c 'from "
            "django.core.management.utils import get_random_secret_key as k; "
            "print(k())'), not a short, repetitive or placeholder value."
        )
    return value
