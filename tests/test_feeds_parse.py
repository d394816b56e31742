"""Every feed is well-formed RSS or Atom by feedparser's standards (no "bozo"
flag), carries the archive's interviews, and gives the full byline."""

import re

import feedparser
import pytest
from django.utils.html import strip_tags

FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/artists/kim-sejeong/rss/",
    "/feeds/artists/kim-sejeong/atom/",
    "/feeds/tags/kpop/rss/",
    "/feeds/tags/kpop/atom/",
    "/feeds/contributors/khriz-virgilio/rss/",
    "/feeds/contributors/khriz-virgilio/atom/",
]
SITE_FEEDS = ["/feeds/rss/", "/feeds/atom/"]
BYLINE = "Conducted in Korean, translated into English by Jung Bae"


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return feedparser.parse(response.content)


def text(entry):
    """The entry's content as a reader sees it: tags gone, spaces folded."""
    parts = [content.value for content in entry.get("content", [])]
    parts.append(entry.get("summary", ""))
    return re.sub(r"\s+", " ", strip_tags(" ".join(parts)))


@pytest.mark.parametrize("url", FEEDS)
def test_the_feed_parses_cleanly(archive, client, url):
    feed = fetch(client, url)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    assert feed.version in {"rss20", "atom10"}
    assert feed.feed.get("title")
    assert len(feed.entries) > 0
    for entry in feed.entries:
        assert entry.get("title") and entry.get("link"), entry
        assert entry.link.startswith("http://testserver/interviews/")


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_the_site_feed_gives_the_full_byline(archive, client, url):
    entries = fetch(client, url).entries
    [goals] = [
        entry for entry in entries if "Kim Se Jeong Reveals Goals" in entry.title
    ]
    assert BYLINE in text(goals)
