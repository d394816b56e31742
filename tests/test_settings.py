"""The settings read the environment, and production refuses to start half-set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from magazine.settings.environment import env_bool, env_list

from .production import GOOD_KEY, SETTINGS_VARIABLES, start_django

ROOT = Path(__file__).resolve().parent.parent


def test_production_refuses_to_start_without_a_secret_key():
    result = start_django("magazine.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY environment variable is required" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_django("magazine.settings.production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS environment variable is required" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECRET_KEY", "x", "SECRET_KEY must be at least 50 random characters"),
        ("SECRET_KEY", "ab" * 40, "SECRET_KEY must be at least 50 random characters"),
        (
            "SECRET_KEY",
            "django-insecure-" + GOOD_KEY,
            "SECRET_KEY must be at least 50 random characters",
        ),
        ("DEBUG", "true", "DEBUG must be off in production"),
        ("DATABASE_URL", "magazine.db", "DATABASE_URL must be a database URL"),
        ("DATABASE_URL", "mysql://db/magazine", "DATABASE_URL must be a database URL"),
        ("DATABASE_URL", "postgres://host:port/db", "DATABASE_URL is malformed"),
        ("REDIS_URL", "127.0.0.1:6379", "REDIS_URL must be a Redis URL"),
        ("REDIS_URL", "redis://127.0.0.1:redis/0", "REDIS_URL is malformed"),
        ("REDIS_URL", "redis://127.0.0.1:6379/cache", "REDIS_URL must end with"),
        ("TRUSTED_PROXIES", "10.0.0.1/8", "TRUSTED_PROXIES must list IP addresses"),
        ("TRUSTED_PROXIES", "proxy.internal", "TRUSTED_PROXIES must list IP"),
        ("ALLOWED_HOSTS", "https://magazine.example/", "ALLOWED_HOSTS must list host"),
        ("MEDIA_STORAGE", "ftp", "MEDIA_STORAGE must be one of LOCAL, S3"),
        ("MEDIA_STORAGE", "s3", "The MEDIA_BUCKET environment variable is required"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS must be a whole"),
    ],
)
def test_production_refuses_a_malformed_variable_and_names_it(variable, value, message):
    environment = {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "magazine.example"}
    environment[variable] = value
    result = start_django("magazine.settings.production", **environment)
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_a_refusal_never_repeats_a_password_from_a_url():
    result = start_django(
        "magazine.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="magazine.example",
        DATABASE_URL="mysql://editor:hunter2-secret@db/magazine",
    )
    assert "DATABASE_URL must be a database URL" in result.stderr
    assert "hunter2-secret" not in result.stderr


def test_production_starts_with_its_variables_and_debug_off():
    result = start_django(
        "magazine.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="magazine.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/magazine",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_development_defaults_to_sqlite_and_debug():
    result = start_django("magazine.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_the_magazine_runs_on_korean_time():
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert settings.USE_TZ is True


def test_environment_flags_are_read_strictly(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG") is True
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG")
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example , b.example ,")
    assert env_list("ALLOWED_HOSTS") == ["a.example", "b.example"]


FAIL_A_REQUEST = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.failing_urls"):
    response = Client(raise_request_exception=False).get("/fail/", secure=True)
print(response.status_code)
"""


@pytest.mark.parametrize(
    "settings_module",
    ["magazine.settings.dev", "magazine.settings.test", "magazine.settings.production"],
)
def test_an_unhandled_error_is_logged_with_its_traceback(
    settings_module, collected_static
):
    env = {
        key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="testserver",
        DEBUG="false",
        # The 500 page names its stylesheet by its collected, hashed name.
        STATIC_ROOT=str(collected_static),
    )
    result = subprocess.run(
        [sys.executable, "-c", FAIL_A_REQUEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "500", result.stderr
    assert "ERROR django.request: Internal Server Error: /fail/" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: the view divided by zero" in result.stderr


def test_a_log_level_that_does_not_exist_is_refused():
    result = start_django("magazine.settings.dev", LOG_LEVEL="LOUD")
    assert result.returncode != 0
    assert "LOG_LEVEL must be one of" in result.stderr
