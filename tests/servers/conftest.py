"""The site as production runs it, more than once: gunicorn servers with the
production settings, on a PostgreSQL database and a Redis database of this
run's own, made for it and dropped after it; and the cache client those
servers share their threads through, against that Redis.

PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379) must be
running. Without them these tests fail, never skip: they are what shows that
two app servers share one site (`make test-servers`, in .ci/run).
"""

import secrets
import subprocess
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import redis

from tests.production import gunicorn, manage, production_environment

POSTGRES = "postgresql://postgres@127.0.0.1:5432"
# A database number the site's own Redis use (0) and other tests are
# unlikely to share; the key prefix keeps this run's keys apart even so.
REDIS_URL = "redis://127.0.0.1:6379/13"


def pytest_collection_modifyitems(config, items):
    # `make test` runs with `-m "not servers"`: these tests start servers,
    # and need PostgreSQL and Redis.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.servers)


# The servers running now, whose logs a failing test's report shows.
RUNNING = []
LOG_LINES_REPORTED = 200


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report ends with the logs of the servers running: what
    they said is most of what there is to know."""
    report = yield
    if report.failed:
        for server in RUNNING:
            lines = server.log_text().splitlines()[-LOG_LINES_REPORTED:]
            report.sections.append((f"server {server.name} log", "\n".join(lines)))
    return report


@dataclass
class Server:
    name: str
    url: str
    log: Path

    def log_text(self, since=0):
        return self.log.read_text(errors="replace")[since:]

    def log_mark(self):
        """Where the log ends now: log_text(mark) is what was said after."""
        return len(self.log_text())


def run_manage(*arguments, environment):
    try:
        return manage(*arguments, environment=environment)
    except subprocess.CalledProcessError as error:
        pytest.fail(
            f"manage.py {' '.join(arguments)} failed:\n{error.stdout}\n{error.stderr}"
        )


class Database:
    """This run's PostgreSQL database, for the servers and for the tests to
    look at what they stored."""

    def __init__(self, name):
        self.name = name
        self.url = f"postgres://postgres@127.0.0.1:5432/{name}"

    def execute(self, sql, *params):
        with psycopg.connect(f"{POSTGRES}/{self.name}", autocommit=True) as db:
            cursor = db.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def value(self, sql, *params):
        (row,) = self.execute(sql, *params)
        return row[0]


def postgres():
    try:
        return psycopg.connect(f"{POSTGRES}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL does not answer at {POSTGRES}: {error}")


@pytest.fixture(scope="session")
def database():
    """A fresh database with the migrations and the magazine's archive, as
    `make serve` leaves it; dropped after the run."""
    name = f"magazine_servers_{secrets.token_hex(6)}"
    with postgres() as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        environment = production_environment(DATABASE_URL=Database(name).url)
        run_manage("migrate", "--no-input", environment=environment)
        run_manage("load_archive", environment=environment)
        yield Database(name)
    finally:
        with postgres() as server:
            server.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            server.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture(scope="session")
def redis_url():
    """This run's Redis database, empty before and after."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError as error:
        pytest.fail(f"Redis does not answer at {REDIS_URL}: {error}")
    try:
        yield REDIS_URL
    finally:
        client.flushdb()
        client.close()


@pytest.fixture(scope="session")
def site_variables(database, redis_url, collected_static, tmp_path_factory):
    """What every server of this run is started with: one database, one
    Redis, one static folder, one media folder."""
    return {
        "DATABASE_URL": database.url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"servers-{secrets.token_hex(6)}",
        "STATIC_ROOT": collected_static,
        "MEDIA_ROOT": tmp_path_factory.mktemp("media"),
    }


@pytest.fixture(scope="session")
def editor_login(site_variables):
    """A superuser's name and password, made with createsuperuser."""
    username, password = "servers-editor", secrets.token_urlsafe(16)
    run_manage(
        "createsuperuser",
        "--no-input",
        f"--username={username}",
        "--email=editor@example.com",
        environment=production_environment(
            DJANGO_SUPERUSER_PASSWORD=password, **site_variables
        ),
    )
    return username, password


@pytest.fixture(scope="module")
def start_server(tmp_path_factory):
    """Starts a named gunicorn (tests/production.py) that runs until the end
    of the module; its log is a file of its own."""
    logs = tmp_path_factory.mktemp("logs")
    with ExitStack() as stack:

        def start(name, workers=1, **variables):
            log = logs / f"{name}.log"
            url = stack.enter_context(gunicorn(log, workers=workers, **variables))
            server = Server(name, url, log)
            RUNNING.append(server)
            stack.callback(RUNNING.remove, server)
            return server

        yield start
