"""The site as production runs it: gunicorn, the production settings, a
collected static folder. For the tests that must see what a site owner's
readers see (tests/browser/test_production.py, tests/servers/)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Long and varied enough for production's refusal and Django's deploy check.
GOOD_KEY = "k3y-for-the-tests-only-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
# Every variable the settings read: a server gets only those a test gives.
SETTINGS_VARIABLES = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "TRUSTED_PROXIES",
    "MEDIA_STORAGE",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "WEB_CONCURRENCY",
    "LOG_LEVEL",
    "SECURE_SSL_REDIRECT",
    "PAGE_CACHE",
    "PAGE_CACHE_SHARED_SECONDS",
    "CACHE_KEY_PREFIX",
    "SERVE_MEDIA",
    "MEDIA_BUCKET",
    "MEDIA_REGION",
    "MEDIA_ENDPOINT_URL",
    "MEDIA_CUSTOM_DOMAIN",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BIND",
    "GUNICORN_THREADS",
    "GUNICORN_CMD_ARGS",
    "DJANGO_SETTINGS_MODULE",
)


def production_environment(**variables):
    """The process environment with only these settings variables, for the
    production settings, over plain HTTP on the loopback."""
    environment = {
        key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="magazine.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="off",
    )
    environment.update({key: str(value) for key, value in variables.items()})
    return environment


def start_django(
    settings_module,
    show="settings.DEBUG, settings.DATABASES['default']['ENGINE']",
    **variables,
):
    """Set Django up in a fresh process with exactly these settings
    variables, and print `show` (an expression that may use `settings`)."""
    environment = {
        key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES
    }
    environment.update(variables, DJANGO_SETTINGS_MODULE=settings_module)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.files.storage import default_storage; "
        f"print({show})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def manage(*arguments, environment):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )


def collect_static(static_root, **variables):
    manage(
        "collectstatic",
        "--no-input",
        environment=production_environment(STATIC_ROOT=static_root, **variables),
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, if not with 200
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer at {url} in {seconds} s")


@contextmanager
def gunicorn(log_path, workers=2, **variables):
    """gunicorn with the repository's config and the production settings,
    on a free loopback port; yields its base URL. Its log (access lines and
    errors, standard error) goes to log_path."""
    port = free_port()
    environment = production_environment(
        WEB_CONCURRENCY=workers, BIND=f"127.0.0.1:{port}", **variables
    )
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
