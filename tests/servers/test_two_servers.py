"""Two app servers behind one load balancer, on one PostgreSQL and one Redis,
are one site: a reader's comment count, a change an editor makes and an
editor's session are the same on both, whichever server a request reaches."""

import time
from html import escape
from types import SimpleNamespace

import pytest

from magazine.settings.base import COMMENTS_RATE_LIMIT

from .browsing import Browser, article_paths, fetch

# Each test that posts comments comes from a loopback address of its own: the
# rate limit counts per address, and another test's posts must not count.
RATE_LIMITED_READER = "127.0.0.2"


@pytest.fixture(scope="module")
def servers(start_server, site_variables):
    """Servers A and B, two workers each, with the page cache on (as
    production has it by default)."""
    return SimpleNamespace(
        a=start_server("A", workers=2, **site_variables),
        b=start_server("B", workers=2, **site_variables),
    )


@pytest.fixture(scope="module")
def article(servers):
    """A live archive interview, as readers find it: the first on the list.
    Its address, and its slug to find it in the database."""
    listing = fetch(servers.a.url, "/interviews/")
    assert listing.status == 200
    paths = article_paths(listing)
    assert paths, "the interview list links to no article"
    return SimpleNamespace(path=paths[0], slug=paths[0].strip("/").split("/")[-1])


def comment_form(answer, text):
    form = answer.form("comment-form")
    form.update(name=["Carat"], email=["carat@example.com"], text=[text])
    return form


def wait_for_a_window_with_room(seconds, needed=10):
    """The limit counts in fixed windows of `seconds`: if this one ends
    within `needed` seconds, the count could start again mid-test, so start
    in the next."""
    left = seconds - time.time() % seconds
    if left < needed:
        time.sleep(left + 0.1)


def test_a_comment_limit_counts_posts_on_both_servers(servers, article, database):
    """A reader posting alternately to A and B (as a load balancer may send
    them) is counted once, in the shared Redis: the posts within the limit
    are taken, the next is refused on either server."""
    limit, seconds = COMMENTS_RATE_LIMIT
    page = fetch(servers.a.url, article.path, source=RATE_LIMITED_READER)
    assert page.status == 200
    action = f"{article.path}comments/"
    marker = f"rate-limit-{time.time_ns()}"
    wait_for_a_window_with_room(seconds)

    taken = []
    for number in range(limit):
        server = (servers.a, servers.b)[number % 2]
        answer = fetch(
            server.url,
            action,
            method="POST",
            form=comment_form(page, f"{marker} comment {number} via {server.name}"),
            source=RATE_LIMITED_READER,
        )
        taken.append((server.name, answer.status, answer.headers["Location"]))
    assert taken == [
        ("AB"[number % 2], 302, f"{article.path}#comments") for number in range(limit)
    ]

    for server in (servers.b, servers.a):
        refused = fetch(
            server.url,
            action,
            method="POST",
            form=comment_form(page, f"{marker} one too many via {server.name}"),
            source=RATE_LIMITED_READER,
        )
        assert refused.status == 429, server.name
        assert 0 < int(refused.headers["Retry-After"]) <= seconds

    stored = database.value(
        "SELECT count(*) FROM comments_comment WHERE text LIKE %s", f"{marker} %"
    )
    assert stored == limit


def test_a_change_made_on_one_server_is_seen_on_the_other_at_once(
    servers, article, database, editor_login
):
    """B keeps the article in the shared page cache; an editor's change saved
    through A's admin moves the cache's generation, and B's very next answer
    is the new page."""
    first = fetch(servers.b.url, article.path)
    second = fetch(servers.b.url, article.path)
    assert first.status == second.status == 200
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Last-Modified"] == first.headers["Last-Modified"]
    # Proof that B answers from the store: a change written straight to the
    # database announces nothing, so the stored page, without it, is served.
    old_standfirst = database.value(
        "SELECT standfirst FROM interviews_interview WHERE slug = %s", article.slug
    )
    assert escape(old_standfirst) in first.text
    database.execute(
        "UPDATE interviews_interview SET standfirst = %s WHERE slug = %s",
        "Written behind the cache's back.",
        article.slug,
    )
    stored = fetch(servers.b.url, article.path)
    assert escape(old_standfirst) in stored.text
    assert "behind the cache" not in stored.text
    assert stored.headers["ETag"] == first.headers["ETag"]

    editor = Browser()
    editor.log_in(servers.a.url, *editor_login)
    pk = database.value(
        "SELECT id FROM interviews_interview WHERE slug = %s", article.slug
    )
    change = f"/admin/interviews/interview/{pk}/change/"
    form = editor.get(servers.a.url, change).form("interview_form")
    form.update(standfirst=["Edited in the admin of server A."], _save=["Save"])
    saved = editor.post(servers.a.url, change, form)
    assert saved.status == 302, "the admin did not save the change"

    after = fetch(servers.b.url, article.path)
    assert after.status == 200
    assert "Edited in the admin of server A." in after.text
    assert after.headers["ETag"] != first.headers["ETag"]


def test_a_login_on_one_server_is_a_session_on_the_other(servers, editor_login):
    """The session lives in the shared database: an editor who logged in on
    A is logged in on B."""
    assert fetch(servers.b.url, "/admin/").status == 302  # nobody logged in

    editor = Browser()
    editor.log_in(servers.a.url, *editor_login)
    index = editor.get(servers.b.url, "/admin/")
    assert index.status == 200
    assert "Editorial desk" in index.text
    assert editor_login[0] in index.text
