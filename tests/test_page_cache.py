"""The page cache: readers are served stored pages with no query; any change
to what a page could show is seen at once; nothing hidden is ever stored;
staff, previews and a reader's own data are never cached; the comment form
works on a cached page."""

import gzip
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from artists.models import Alias, ArtistKind, Membership
from comments.models import Comment, CommentStatus
from comments.services import moderate
from core.signals import content_changed
from interviews import services
from interviews.choices import InterviewStatus, Role
from interviews.models import AutosavedText, Credit, Interview, QAItem, ShareLink
from magazine import pagecache
from releases.models import Release, ReleaseArtist, ReleaseKind

from .factories import (
    as_posted,
    make_artist,
    make_contributor,
    make_interview,
    make_photo,
)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def live(db):
    interview = make_interview(
        "Cached piece", status=InterviewStatus.PUBLISHED, body="First words."
    )
    interview.tags.add("cached-topic")
    return interview


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_a_stored_page_costs_no_query(client, live):
    first, cold = queries_for(client, live.get_absolute_url())
    second, warm = queries_for(client, live.get_absolute_url())
    assert cold > 0
    assert warm == 0
    assert second.status_code == 200
    assert "First words." in second.content.decode()
    for url in ["/", "/interviews/", "/feeds/rss/", "/sitemap.xml", "/artists/"]:
        client.get(url)
        assert queries_for(client, url)[1] == 0, url


def test_tracking_parameters_share_the_page_and_junk_cannot_multiply_it(client, live):
    client.get("/")
    assert queries_for(client, "/?utm_source=fandom&fbclid=abc")[1] == 0
    client.get("/interviews/?page=1")
    assert queries_for(client, "/interviews/?page=1&x=1")[1] == 0
    # A parameter the page reads is part of the key, as the page reads it:
    # the last of a repeated one.
    assert queries_for(client, "/interviews/?page=2")[1] > 0
    assert queries_for(client, "/interviews/?page=2&page=1")[1] == 0


def test_parameters_another_page_reads_do_not_make_a_page_afresh(client, live):
    """Only the parameters a page's own view declares are in its key:
    `?q=...` on an article is the article, not one more page to render for
    each word an attacker sends."""
    url = live.get_absolute_url()
    client.get(url)
    for junk in ("?q=comeback", "?q=another+word", "?page=7", "?lang=ko", "?p=3"):
        response, count = queries_for(client, url + junk)
        assert (response.status_code, count) == (200, 0), junk


# Each public page with every parameter it reads: served from the cache the
# second time, so each one's view declares all that it reads.
PAGES_WITH_PARAMS = [
    "/?utm_source=x",
    "/interviews/?page=1&lang=en",
    "/artists/?page=1",
    "/tags/cached-topic/?page=1",
    "/corrections/?page=1",
    "/search/?q=cached&page=1",
    "/search/?utm_source=x",
    "/releases/upcoming/?page=1",
    "/sitemap-interviews.xml?p=1",
]


@pytest.mark.parametrize("url", PAGES_WITH_PARAMS)
def test_every_page_declares_the_parameters_it_reads(client, live, url, caplog):
    first = client.get(url)
    assert first.status_code == 200
    assert queries_for(client, url)[1] == 0
    assert "does not declare" not in caplog.text


@pytest.mark.parametrize("page_cache", [True, False])
@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("/interviews/?page=02", "/interviews/?page=2"),
        ("/interviews/?page=%2B2", "/interviews/?page=2"),
        ("/interviews/?page=%202", "/interviews/?page=2"),
        ("/interviews/?page=%EF%BC%92", "/interviews/?page=2"),  # a wide ２
        ("/interviews/?lang=en&page=01", "/interviews/?lang=en&page=1"),
        ("/interviews/?page=2&page=03", "/interviews/?page=3"),
        ("/search/?q=cached&page=007", "/search/?q=cached&page=7"),
        ("/sitemap-interviews.xml?p=01", "/sitemap-interviews.xml?p=1"),
    ],
)
def test_a_page_number_has_one_spelling(
    client, live, settings, page_cache, asked, sent_to
):
    """Each spelling of a page number would be one more copy of a list page
    to make and keep: `page=02`, then `page=002`... Whether the cache is on
    or not, one address answers."""
    settings.PAGE_CACHE = page_cache
    response, count = queries_for(client, asked)
    assert (response.status_code, count) == (301, 0)
    assert response["Location"] == sent_to


def test_a_page_number_spelled_as_the_site_links_it_is_served(client, live):
    for url in ["/interviews/?page=1", "/search/?q=cached&page=3", "/interviews/"]:
        assert client.get(url).status_code == 200, url
    # A number past the end is the list's answer (Django's paginator: none).
    assert client.get("/interviews/?page=2").status_code == 404
    # What is no number is the page's to refuse, as a list does.
    for junk in ["0", "-2", "abc", "9" * 5000]:
        assert client.get(f"/interviews/?page={junk}").status_code == 404, junk
    # Pages no view declares a number for are not touched.
    assert client.get("/admin/login/?p=02").status_code == 200


@pytest.mark.parametrize("page_cache", [True, False])
@pytest.mark.parametrize(
    ("host", "secure", "asked", "sent_to"),
    [
        ("TestServer", False, "/interviews/", "http://testserver/interviews/"),
        ("testserver.", False, "/interviews/", "http://testserver/interviews/"),
        ("testserver:80", False, "/", "http://testserver/"),
        ("testserver:443", True, "/", "https://testserver/"),
        ("LOCALHOST.:80", False, "/feeds/rss/", "http://localhost/feeds/rss/"),
        # The query as it was sent, a page number as the site spells it.
        (
            "Localhost",
            False,
            "/search/?q=caf%C3%A9",
            "http://localhost/search/?q=caf%C3%A9",
        ),
        (
            "Localhost",
            False,
            "/interviews/?page=02",
            "http://localhost/interviews/?page=2",
        ),
        # A path in Hangul, sent as it is to be asked for.
        (
            "TESTSERVER",
            False,
            "/tags/%EB%85%B8%EB%9E%98/",
            "http://testserver/tags/%EB%85%B8%EB%9E%98/",
        ),
    ],
)
def test_a_host_has_one_spelling(
    client, live, settings, page_cache, host, secure, asked, sent_to
):
    """A host name in other letters, with a final dot or with its scheme's
    own port is the same site: each spelling would be one more copy of
    every page to make and keep, so it is sent to the one spelling."""
    settings.PAGE_CACHE = page_cache
    response, count = queries_for(client, asked, HTTP_HOST=host, secure=secure)
    assert (response.status_code, count) == (301, 0)
    assert response["Location"] == sent_to


def test_a_host_naming_another_port_is_served_never_stored(
    client, live, caplog, monkeypatch
):
    """`magazine.example:1`, `:2`... would each be a copy of the site to
    store, were a proxy to forward the Host as written; the port the server
    listens on is the site's own (a development server's). The first such
    page a process serves is logged, once: a proxy that forwards the port,
    or HTTPS taken for HTTP, would otherwise leave every page unkept with
    no word of why."""
    monkeypatch.setattr(pagecache, "_another_port_told", False)
    url = live.get_absolute_url()
    for port in (8001, 8001, 8002):
        response, count = queries_for(client, url, HTTP_HOST=f"testserver:{port}")
        assert response.status_code == 200
        assert count > 0
        assert f"http://testserver:{port}/" in response.content.decode()
    told = [
        r.getMessage() for r in caplog.records if "served, not kept" in r.getMessage()
    ]
    assert told == [
        "A page asked for at http://testserver:8001 is served, not kept: the "
        "server listens on port 80. Pages are kept for the host with no port."
    ]
    own_port = {"HTTP_HOST": "testserver:8000", "SERVER_PORT": "8000"}
    client.get(url, **own_port)
    response, count = queries_for(client, url, **own_port)
    assert (response.status_code, count) == (200, 0)
    assert "http://testserver:8000/" in response.content.decode()


def test_the_pages_of_a_contributor_and_of_a_thread_are_stored_by_their_params(
    client, live
):
    writer = make_contributor("Cached Writer")
    Credit.objects.create(interview=live, contributor=writer, role=Role.INTERVIEWER)
    comment = Comment.objects.create(
        interview=live,
        name="Mina",
        email="m@example.com",
        text="Hi",
        status=CommentStatus.APPROVED,
    )
    for url in [
        f"{writer.get_absolute_url()}?role=interviewer&page=1",
        f"{live.get_absolute_url()}?reply_to={comment.pk}",
    ]:
        client.get(url)
        assert queries_for(client, url)[1] == 0, url
    # Another thread is another page.
    assert queries_for(client, live.get_absolute_url())[1] > 0


def test_a_page_reading_a_parameter_it_does_not_declare_is_served_not_stored(
    client, db, settings, caplog
):
    settings.ROOT_URLCONF = "tests.undeclared_params_urls"
    assert client.get("/undeclared/?name=Mina").content == b"Hello Mina"
    # Stored under the key without `name`, it would greet Mina again here.
    response, count = queries_for(client, "/undeclared/?name=Jisoo")
    assert (response.content, count) == (b"Hello Jisoo", 1)
    assert "/undeclared/ read query parameters its view does not declare" in (
        caplog.text
    )


def test_made_up_cookies_are_served_the_stored_page(client, live):
    """A session cookie or a messages cookie only sends a request past the
    cache when it is real: a made-up one costs a session lookup at most,
    never a page rendered afresh."""
    url = live.get_absolute_url()
    client.get(url)
    for cookies in (
        {"sessionid": "madeupmadeupmadeupmadeup"},
        {"messages": "forged"},
        {"sessionid": "madeupmadeupmadeupmadeup", "messages": "forged"},
    ):
        reader = Client(HTTP_COOKIE="; ".join(f"{k}={v}" for k, v in cookies.items()))
        response, count = queries_for(reader, url)
        assert response.status_code == 200
        assert count <= 1, cookies
        assert "First words." in response.content.decode()


def test_headers_let_a_browser_keep_the_page_and_ask_again(client, live):
    home = client.get("/")
    assert "public" in home["Cache-Control"]
    assert "max-age=0" in home["Cache-Control"]
    assert "Cookie" in home["Vary"]
    again = client.get("/", HTTP_IF_NONE_MATCH=home["ETag"])
    assert again.status_code == 304
    stored = client.get("/")
    assert stored["ETag"] == home["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=home["ETag"]).status_code == 304


# As a browser asks: every one accepts gzip.
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}


@pytest.mark.parametrize(
    "url", [None, "/", "/interviews/", "/artists/", "/feeds/rss/", "/sitemap.xml"]
)
def test_a_stored_page_is_sent_compressed_to_readers_that_accept_gzip(
    client, live, url
):
    url = url or live.get_absolute_url()
    made = client.get(url, **GZIP)
    stored, count = queries_for(client, url, **GZIP)
    plain = client.get(url)
    assert count == 0
    for response in (made, stored):
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert int(response["Content-Length"]) == len(response.content)
    # The first reader gets the bytes every other reader gets, and they are
    # the page a client without gzip is sent.
    assert made.content == stored.content
    assert gzip.decompress(stored.content) == plain.content
    assert not plain.has_header("Content-Encoding")
    assert len(stored.content) < len(plain.content)
    for response in (made, stored, plain):
        assert "Accept-Encoding" in response["Vary"], url


@pytest.mark.parametrize(
    ("accept_encoding", "compressed"),
    [
        ("gzip", True),
        ("GZip;q=0.5, identity", True),
        ("br;q=1, gzip ; q=0.001", True),
        ("", False),
        ("identity", False),
        ("br, zstd", False),
        ("gzip;q=0", False),
        ("deflate, gzip; q=0.000", False),
        ("x-gzip-ish", False),
    ],
)
def test_a_page_is_compressed_only_for_a_client_that_takes_gzip(
    client, live, accept_encoding, compressed
):
    url = live.get_absolute_url()
    plain = client.get(url)
    response = client.get(url, HTTP_ACCEPT_ENCODING=accept_encoding)
    assert response.has_header("Content-Encoding") is compressed
    body = gzip.decompress(response.content) if compressed else response.content
    assert body == plain.content


def test_a_head_request_is_told_what_the_get_would_send(client, live):
    url = live.get_absolute_url()
    compressed = client.get(url, **GZIP)
    head = client.head(url, **GZIP)
    assert head.content == b""
    assert head["Content-Encoding"] == "gzip"
    assert head["Content-Length"] == compressed["Content-Length"]


def test_a_compressed_page_has_a_weak_etag_that_a_304_answers_either_way(client, live):
    plain = client.get("/")
    compressed = client.get("/", **GZIP)
    assert compressed["ETag"] == "W/" + plain["ETag"]
    for etag in (plain["ETag"], compressed["ETag"]):
        for extra in ({}, GZIP):
            again = client.get("/", HTTP_IF_NONE_MATCH=etag, **extra)
            assert again.status_code == 304, (etag, extra)


def test_pages_made_for_one_reader_are_never_compressed(
    client, editor_client, live, settings
):
    """Compressing a page that holds a reader's secret and echoes what an
    attacker sent lets them guess the secret from the sizes (BREACH):
    stored pages are every reader's and hold no secret, and only they are
    compressed."""
    url = live.get_absolute_url()
    assert not editor_client.get(url, **GZIP).has_header("Content-Encoding")
    reader = Client()
    reader.post(
        reverse("comments:post", kwargs={"slug": live.slug}),
        as_posted(
            live,
            {"name": "Mina", "email": "mina@example.com", "text": "Compress me not"},
        ),
    )
    told = reader.get(url, **GZIP)
    assert "awaits moderation" in told.content.decode()
    assert not told.has_header("Content-Encoding")
    settings.ROOT_URLCONF = "tests.csrf_page_urls"
    for _ in range(2):
        with_token = client.get("/with-a-token/", **GZIP)
        assert b"csrfmiddlewaretoken" in with_token.content
        assert not with_token.has_header("Content-Encoding")


def change_title(interview):
    interview.title = "Retitled piece"
    interview.save()
    return "Retitled piece"


def change_artist(interview):
    artist = interview.featured_artists.get()
    artist.name = "Renamed Artist"
    artist.save()
    return "Renamed Artist"


def change_contributor(interview):
    writer = interview.credits.get().contributor
    writer.name = "Renamed Writer"
    writer.save()
    return "Renamed Writer"


def add_credit(interview):
    Credit.objects.create(
        interview=interview,
        contributor=make_contributor("New Photographer"),
        role=Role.PHOTOGRAPHER,
    )
    return "New Photographer"


def change_answer(interview):
    QAItem.objects.create(
        interview=interview, position=1, question="New question?", answer="Yes."
    )
    return "New question?"


def change_tags(interview):
    interview.tags.add("freshly-tagged")
    return "freshly-tagged"


def change_photo(interview):
    photo = make_photo("A new caption")
    interview.lead_photo = photo
    interview.save()
    photo.caption = "An edited caption"
    photo.save()
    return "An edited caption"


def approve_comment(interview):
    comment = Comment.objects.create(
        interview=interview, name="Mina", email="m@example.com", text="So good!"
    )
    editor = make_staff_editor()
    moderate(
        comments=Comment.objects.filter(pk=comment.pk), status="approved", by=editor
    )
    return "So good!"


def make_staff_editor():
    from django.contrib.auth import get_user_model

    from magazine.roles import EDITOR, setup_roles

    user = get_user_model().objects.create_user("moderator", is_staff=True)
    user.groups.add(setup_roles()[EDITOR])
    return user


@pytest.mark.parametrize(
    "change",
    [
        change_title,
        change_artist,
        change_contributor,
        add_credit,
        change_answer,
        change_tags,
        change_photo,
        approve_comment,
    ],
)
def test_each_kind_of_change_is_seen_at_once(client, live, change):
    url = live.get_absolute_url()
    client.get(url)
    assert queries_for(client, url)[1] == 0  # stored
    shown = change(live)
    assert shown in client.get(url).content.decode()


def test_an_artist_page_follows_its_names_and_members(client, live):
    group = make_artist("Cached Group", kind=ArtistKind.GROUP, is_public=True)
    client.get(group.get_absolute_url())
    Alias.objects.create(artist=group, name="CG")
    assert "CG" in client.get(group.get_absolute_url()).content.decode()
    Membership.objects.create(member=live.featured_artists.get(), group=group)
    page = client.get(group.get_absolute_url()).content.decode()
    assert live.featured_artists.get().name in page


def test_announcing_a_release_is_seen_at_once_on_stored_pages(client, live):
    artist = live.featured_artists.get()
    release = Release.objects.create(
        title="Stored Comeback",
        slug="stored-comeback",
        kind=ReleaseKind.SINGLE,
        released_at=timezone.now() + timedelta(days=3),
    )
    ReleaseArtist.objects.create(release=release, artist=artist)
    pages = [artist.get_absolute_url(), reverse("releases:upcoming")]
    for url in pages:
        assert "Stored Comeback" not in client.get(url).content.decode()
    release.is_public = True
    release.save()
    for url in pages:
        assert "Stored Comeback" in client.get(url).content.decode(), url


def test_a_pending_comment_changes_nothing_and_keeps_the_pages(client, live):
    url = live.get_absolute_url()
    client.get(url)
    Comment.objects.create(
        interview=live, name="Robot", email="r@example.com", text="Spam"
    )
    response, count = queries_for(client, url)
    assert count == 0
    assert "Spam" not in response.content.decode()


def approve_in_bulk(comment):
    moderate(
        comments=Comment.objects.filter(pk=comment.pk),
        status=CommentStatus.APPROVED,
        by=make_staff_editor(),
    )
    return "Kind words", None


def approve_by_saving(comment):
    comment.status = CommentStatus.APPROVED
    comment.save()
    return "Kind words", None


def reject_in_bulk(comment):
    moderate(
        comments=Comment.objects.filter(pk=comment.pk),
        status=CommentStatus.REJECTED,
        by=make_staff_editor(),
    )
    return None, "Kind words"


def edit_text(comment):
    comment.text = "Kinder words"
    comment.save()
    return "Kinder words", "Kind words"


def delete_comment(comment):
    comment.delete()
    return None, "Kind words"


@pytest.mark.parametrize(
    ("status", "change"),
    [
        (CommentStatus.PENDING, approve_in_bulk),
        (CommentStatus.PENDING, approve_by_saving),
        (CommentStatus.APPROVED, reject_in_bulk),
        (CommentStatus.APPROVED, edit_text),
        (CommentStatus.APPROVED, delete_comment),
    ],
)
def test_a_comment_is_seen_at_once_on_its_article_and_nowhere_else(
    client, live, status, change
):
    """Comments show on their interview's article alone, and moderators
    approve them all day: each must not make every page of the site, and
    every card, be made afresh."""
    other = make_interview(
        "Another piece", status=InterviewStatus.PUBLISHED, body="Other words."
    )
    comment = Comment.objects.create(
        interview=live,
        name="Mina",
        email="m@example.com",
        text="Kind words",
        status=status,
    )
    article = live.get_absolute_url()
    elsewhere = [other.get_absolute_url(), "/", "/interviews/", "/feeds/rss/"]
    for url in [article, *elsewhere]:
        client.get(url)

    shown, gone = change(comment)

    page = client.get(article).content.decode()
    if shown:
        assert shown in page
    if gone:
        assert gone not in page
    for url in elsewhere:
        assert queries_for(client, url)[1] == 0, url


def test_a_thread_the_cache_lost_serves_nothing_stored_before(client, live):
    url = live.get_absolute_url()
    client.get(url)
    pagecache.page_cache().delete(pagecache.thread_key(live.slug))
    # A change no signal reports, as if the bump had been lost with the key.
    Comment.objects.bulk_create(
        [
            Comment(
                interview=live,
                name="Mina",
                email="m@example.com",
                text="Unannounced",
                status=CommentStatus.APPROVED,
            )
        ]
    )
    assert "Unannounced" in client.get(url).content.decode()


def test_a_comment_changed_in_a_transaction_moves_its_thread_again_once_committed(
    client, live, django_capture_on_commit_callbacks
):
    key = pagecache.thread_key(live.slug)
    client.get(live.get_absolute_url())
    before = pagecache.thread_generation(key)
    with django_capture_on_commit_callbacks(execute=True):
        content_changed.send(sender=Comment, comments_of=[live.pk])
        assert pagecache.thread_generation(key) == before + 1
    assert pagecache.thread_generation(key) == before + 2


def test_a_comment_the_cache_could_not_hear_of_makes_every_page_stale(
    client, live, monkeypatch
):
    """If the thread's generation cannot be moved (Redis down a moment), the
    next request that reaches the cache moves the site's: coarser, never
    stale."""
    client.get(live.get_absolute_url())
    before = pagecache.generation()

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is restarting")

    with monkeypatch.context() as patched:
        patched.setattr(pagecache.page_cache(), "incr", unreachable)
        content_changed.send(sender=Comment, comments_of=[live.pk])
    client.get("/")
    assert pagecache.generation() > before


def test_what_editors_keep_for_themselves_leaves_the_pages_stored(editor_client, live):
    """Autosaved text (kept every half minute while an editor types) and
    share links show on no public page: an editor at work must not make
    every page be made afresh that often."""
    draft = make_interview("Work in progress")
    reader = Client()
    pages = [live.get_absolute_url(), "/"]
    for url in pages:
        reader.get(url)
    typed = editor_client.post(
        reverse("admin:interviews_interview_autosave", args=[draft.pk]),
        {"title": "Work in progress", "standfirst": "Half a sentence"},
    )
    assert typed.status_code == 204
    assert AutosavedText.objects.filter(interview=draft).exists()
    ShareLink.objects.create(interview=draft, shared_with="Agency")
    for url in pages:
        assert queries_for(reader, url)[1] == 0, url


def hide_by_unpublishing(interview, editor):
    services.unpublish_interview(interview=interview, by=editor)


def hide_by_archiving(interview, editor):
    services.archive_interview(interview=interview, by=editor)


def hide_by_scheduling(interview, editor):
    services.schedule_interview(
        interview=interview, by=editor, at=timezone.now() + timedelta(days=1)
    )


def hide_by_deleting(interview, editor):
    interview.delete()


@pytest.mark.parametrize(
    "hide",
    [hide_by_unpublishing, hide_by_archiving, hide_by_scheduling, hide_by_deleting],
)
def test_a_piece_taken_off_leaves_every_stored_page_at_once(client, live, editor, hide):
    urls = ["/", "/interviews/", live.get_absolute_url(), "/feeds/rss/", "/sitemap.xml"]
    urls.append(reverse("tags:detail", args=["cached-topic"]))
    for url in urls:
        client.get(url)
    hide(live, editor)
    assert client.get(live.get_absolute_url()).status_code == 404
    assert client.get(reverse("tags:detail", args=["cached-topic"])).status_code == 404
    for url in ["/", "/interviews/", "/feeds/rss/", "/sitemap.xml"]:
        assert live.slug not in client.get(url).content.decode(), url


def test_a_published_piece_is_on_stored_pages_at_once(client, editor):
    draft = make_interview("Fresh draft")
    client.get("/")
    assert client.get(draft.get_absolute_url()).status_code == 404
    services.publish_interview(interview=draft, by=editor)
    assert draft.slug in client.get("/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_scheduled_piece_appears_on_stored_pages_at_its_time(client, live, editor):
    soon = make_interview("Due any moment")
    services.schedule_interview(
        interview=soon, by=editor, at=timezone.now() + timedelta(seconds=1.5)
    )
    home = client.get("/").content.decode()
    assert soon.slug not in home
    # Stored no longer than until the piece is due: no job, no editor.
    while timezone.now() < soon.publish_at:
        time.sleep(0.05)
    assert soon.slug in client.get("/").content.decode()


def test_staff_are_never_served_or_stored(client, editor_client, live):
    url = live.get_absolute_url()
    editor_client.get(url)
    assert queries_for(client, url)[1] > 0  # the editor's page was not kept
    assert queries_for(editor_client, url)[1] > 0  # nor is the readers' served
    preview = reverse("preview:interview", args=[live.pk])
    editor_client.get(preview)
    assert queries_for(editor_client, preview)[1] > 0


def test_a_hidden_piece_never_enters_the_cache(client, db):
    draft = make_interview("Never stored", status=InterviewStatus.DRAFT)
    client.get(draft.get_absolute_url())
    assert queries_for(client, draft.get_absolute_url())[1] > 0  # 404s are not kept


def test_the_comment_form_posts_from_a_cached_page(live):
    url = live.get_absolute_url()
    Client().get(url)  # a first reader renders and stores the page
    reader = Client(enforce_csrf_checks=True)
    page, count = queries_for(reader, url)
    assert count == 0
    assert "public" in page["Cache-Control"]  # one page for every reader
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    posted = reader.post(
        reverse("comments:post", kwargs={"slug": live.slug}),
        {
            "name": "Mina",
            "email": "mina@example.com",
            "text": "From a cached page",
            "token": token,
        },
    )
    assert posted.status_code == 302
    assert Comment.objects.get().text == "From a cached page"
    # Back on the page, the reader is told, from a page made for them.
    after = reader.get(url)
    assert "awaits moderation" in after.content.decode()


def test_a_page_with_a_csrf_token_is_never_stored(client, db, settings):
    """A form with Django's per-reader token (none on readers' pages today)
    must never reach another reader from the cache."""
    settings.ROOT_URLCONF = "tests.csrf_page_urls"
    client.get("/with-a-token/")
    assert queries_for(client, "/with-a-token/")[1] > 0


def test_a_cache_that_lost_the_generation_serves_nothing_it_stored_before(client, live):
    url = live.get_absolute_url()
    client.get(url)
    pagecache.page_cache().delete(pagecache.GENERATION_KEY)
    # A change no signal reports, as if the bump had been lost with the key.
    Interview.objects.filter(pk=live.pk).update(title="Changed unseen")
    assert "Changed unseen" in client.get(url).content.decode()


def version_of(request):
    """The version of the page at `request`'s address now."""
    page = pagecache.declared_by(request)
    version = (pagecache.generation(),)
    if page.thread:
        version += (pagecache.thread_generation(pagecache.thread_key(page.thread)),)
    return version


def making_of(url):
    """(the page's key, its making claim, its version) for `url` now."""
    request = RequestFactory().get(url)
    key = pagecache.page_key(request, pagecache.declared_by(request).params)
    version = version_of(request)
    return key, pagecache.making_key(key, version), version


def later(seconds, action):
    thread = threading.Timer(seconds, action)
    thread.start()
    return thread


def test_a_page_another_request_is_making_is_waited_for_not_made_again(client, live):
    """After a change every worker and thread asks for the viral page at
    once: one makes it, the others are served what it stores."""
    url = live.get_absolute_url()
    key, making, version = making_of(url)
    cache = pagecache.page_cache()
    assert cache.add(making, True)  # another worker is making the page

    def stored_by_the_other():
        entry = {
            "version": version,
            "content": b"made by the other worker",
            "headers": [("Content-Type", "text/html; charset=utf-8")],
        }
        cache.set(key, entry)
        cache.delete(making)

    done = later(0.05, stored_by_the_other)
    response, count = queries_for(client, url)
    done.join()

    assert (response.status_code, count) == (200, 0)
    assert response.content == b"made by the other worker"


def test_a_page_the_other_request_did_not_store_is_made_by_each(client, live):
    url = live.get_absolute_url()
    _, making, _ = making_of(url)
    cache = pagecache.page_cache()
    assert cache.add(making, True)

    # Its page was a 404, or one that may not be kept: it stores nothing.
    done = later(0.05, lambda: cache.delete(making))
    response, count = queries_for(client, url)
    done.join()

    assert response.status_code == 200
    assert count > 0
    assert "First words." in response.content.decode()


def test_a_making_that_takes_too_long_is_not_waited_for_longer(
    client, live, monkeypatch
):
    monkeypatch.setattr(pagecache, "MAKING_WAIT_SECONDS", 0.05)
    url = live.get_absolute_url()
    _, making, _ = making_of(url)
    assert pagecache.page_cache().add(making, True)  # and never let go

    started = time.monotonic()
    response = client.get(url)

    assert time.monotonic() - started < 1
    assert "First words." in response.content.decode()


def test_the_request_that_made_a_page_lets_go_of_it(client, live):
    url = live.get_absolute_url()
    _, making, _ = making_of(url)
    client.get(url)
    assert pagecache.page_cache().get(making) is None
    # And a page that may not be kept is let go of too.
    _, missing, _ = making_of("/interviews/no-such-piece/")
    assert client.get("/interviews/no-such-piece/").status_code == 404
    assert pagecache.page_cache().get(missing) is None


def test_a_change_made_outside_a_transaction_moves_the_generation_once(
    transactional_db,
):
    """It is written already: a second step would have every page, the one a
    fandom is reading too, made twice."""
    before = pagecache.generation()
    content_changed.send(sender=Interview)
    assert pagecache.generation() == before + 1


def test_a_change_in_a_transaction_moves_it_again_once_committed(
    db, django_capture_on_commit_callbacks
):
    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        content_changed.send(sender=Interview)
        # Pages made now read the rows as they were: made again after.
        assert pagecache.generation() == before + 1
    assert pagecache.generation() == before + 2
