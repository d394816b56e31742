"""A cache that does not answer (Redis down, restarting, unreachable) costs
the site its speed, never a page, and never lets comments through uncounted."""

import pytest

from comments.models import Comment
from interviews.choices import InterviewStatus
from magazine import pagecache

from .factories import as_posted, make_interview
from .production import free_port

# Nothing listens there: every cache call fails at once, as with Redis down.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def live(db):
    return make_interview("Live piece", status=InterviewStatus.PUBLISHED)


@pytest.fixture
def redis_down(settings):
    settings.PAGE_CACHE = True
    settings.CACHES = UNREACHABLE_REDIS
    yield
    pagecache._unannounced_change = False


def test_pages_are_made_afresh_and_the_failure_logged(client, live, redis_down, caplog):
    for path in ["/", live.get_absolute_url(), "/interviews/"]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "The page cache did not answer" in caplog.text
    assert "cards drawn afresh" in caplog.text
    assert "Error 111 connecting" in caplog.text or "Connection refused" in caplog.text


def test_an_edit_while_the_cache_is_down_is_announced_once_it_is_back(
    client, live, settings, caplog, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    assert live.title in client.get(live.get_absolute_url()).content.decode()
    kept = settings.CACHES
    settings.CACHES = UNREACHABLE_REDIS
    live.title = "Retitled while Redis was down"
    with django_capture_on_commit_callbacks(execute=True):
        live.save()
    assert "a change is not yet seen by stored pages" in caplog.text
    assert pagecache._unannounced_change

    settings.CACHES = kept
    html = client.get(live.get_absolute_url()).content.decode()
    assert "Retitled while Redis was down" in html
    assert not pagecache._unannounced_change


def test_a_comment_is_refused_with_what_the_reader_wrote_kept(
    client, live, redis_down, caplog
):
    text = "I waited years for this comeback interview."
    response = client.post(
        f"/interviews/{live.slug}/comments/",
        as_posted(live, {"name": "Mina", "email": "mina@example.com", "text": text}),
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Comments cannot be taken just now" in html
    assert text in html
    assert 'value="Mina"' in html
    assert not Comment.objects.exists()
    assert "The rate limit's cache did not answer" in caplog.text
