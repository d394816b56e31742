"""A server whose Redis or database goes away: it says so to the load
balancer (/healthz), to the log, and to readers as kindly as it can, stores
nothing half-done, and comes back by itself when the service does."""

import json
import re
import time
from html import escape
from types import SimpleNamespace

import pytest

from tests.production import free_port

from .browsing import Browser, article_paths, fetch
from .proxy import TcpProxy

HEALTHY = {"status": "ok", "database": "ok", "cache": "ok"}
STYLESHEET = re.compile(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"')


def poll(check, seconds, every=0.2):
    """check() until it returns something true, for at most `seconds`;
    returns the last result, true or not."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(every)


def health(server):
    answer = fetch(server.url, "/healthz")
    return answer.status, json.loads(answer.text)


@pytest.fixture(scope="module")
def server_without_redis(start_server, site_variables):
    """A server whose REDIS_URL names a port nothing listens on."""
    return start_server(
        "redis-down",
        **{**site_variables, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"},
    )


@pytest.fixture(scope="module")
def database_proxy():
    proxy = TcpProxy(upstream=("127.0.0.1", 5432)).start()
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def database_behind_proxy(start_server, site_variables, database, database_proxy):
    """A server that reaches its database through `database_proxy`, with the
    page cache off: every page it serves needs the database."""
    server = start_server(
        "database-proxied",
        **{
            **site_variables,
            "DATABASE_URL": database.url.replace(":5432/", f":{database_proxy.port}/"),
            "PAGE_CACHE": "off",
        },
    )
    return SimpleNamespace(server=server, proxy=database_proxy)


@pytest.fixture
def database_down(database_behind_proxy):
    """The proxied server, working, then with its database gone; the
    database comes back after the test whatever it did."""
    site = database_behind_proxy
    # Polled: the test before may have just brought the database back.
    assert poll(lambda: health(site.server) == (200, HEALTHY), seconds=15)
    # A page first, so the worker holds a persistent connection
    # (conn_max_age) that the outage breaks.
    assert fetch(site.server.url, "/").status == 200
    site.proxy.stop()
    try:
        yield site
    finally:
        site.proxy.start()


def test_without_redis_health_fails_and_pages_are_made_afresh(server_without_redis):
    """/healthz names the cache for the load balancer; readers still get
    every page, rendered without the cache, and the log says why."""
    server = server_without_redis
    assert health(server) == (
        503,
        {"status": "unavailable", "database": "ok", "cache": "unavailable"},
    )
    home = fetch(server.url, "/")
    assert home.status == 200
    article = article_paths(home)[0]
    assert fetch(server.url, article).status == 200
    assert re.search(
        rf"WARNING magazine\.pagecache: The page cache did not answer .*: "
        rf"{re.escape(article)} made afresh",
        server.log_text(),
    )


def test_without_redis_a_comment_is_refused_and_given_back(
    server_without_redis, database
):
    """The rate limit cannot count, so the post is refused (503, to send
    again in a minute), nothing is stored, and the reader gets the article
    back with what they wrote still in the form."""
    server = server_without_redis
    reader = Browser()
    article = article_paths(reader.get(server.url, "/interviews/"))[0]
    page = reader.get(server.url, article)
    text = f"Written while Redis was down <{time.time_ns()}> & kept."
    form = page.form("comment-form")
    form.update(name=["Carat"], email=["carat@example.com"], text=[text])

    refused = reader.post(server.url, f"{article}comments/", form)

    assert refused.status == 503
    assert refused.headers["Retry-After"] == "60"
    assert re.search(
        rf'<textarea name="text"[^>]*>\s*{re.escape(escape(text))}'
        r"</textarea>",
        refused.text,
    ), "the comment's text is not in the form"
    assert "Comments cannot be taken just now" in refused.text
    assert re.search(
        r"ERROR comments\.ratelimit: The rate limit's cache did not answer .*: "
        r"post refused",
        server.log_text(),
    )
    stored = database.value(
        "SELECT count(*) FROM comments_comment WHERE text = %s", text
    )
    assert stored == 0


def test_without_the_database_health_fails_and_pages_are_the_styled_500(
    database_down,
):
    """/healthz names the database; a page that needs it is the site's own
    500 page, styled by the collected stylesheet, and the log holds the
    error with its traceback."""
    server = database_down.server
    assert health(server) == (
        503,
        {"status": "unavailable", "database": "unavailable", "cache": "ok"},
    )
    mark = server.log_mark()

    failed = fetch(server.url, "/interviews/")

    assert failed.status == 500
    assert "<h1>Something went wrong</h1>" in failed.text
    stylesheet = STYLESHEET.search(failed.text)
    assert stylesheet, "the 500 page links no hashed stylesheet"
    assert fetch(server.url, stylesheet[1]).status == 200
    logged = server.log_text(mark)
    assert "ERROR django.request: Internal Server Error: /interviews/" in logged
    assert "Traceback (most recent call last):" in logged
    assert "OperationalError" in logged


def test_the_site_recovers_by_itself_when_the_database_comes_back(database_down):
    """No restart: once the database answers again, the next requests
    connect afresh and are served."""
    server, proxy = database_down.server, database_down.proxy
    assert fetch(server.url, "/").status == 500

    proxy.start()

    assert poll(lambda: fetch(server.url, "/").status == 200, seconds=15), (
        "still no page 15 s after the database came back"
    )
    assert health(server) == (200, HEALTHY)
