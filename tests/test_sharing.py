"""What search engines and share cards read: canonical, meta, Open Graph,
Twitter and JSON-LD, and text that stays inert wherever it lands."""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from artists.models import ArtistKind
from interviews.choices import InterviewStatus

from .factories import make_artist, make_interview
from .sitemap import section_urls, sitemap_locations

IM_ALBUM = "/interviews/kim-se-jeong-reveals-goals-for-im-album/"


class HeadReader(HTMLParser):
    """Collects <meta>, <link rel=canonical> and JSON-LD scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.canonical, self.json_ld = {}, None, []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def read_head(response):
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def test_the_article_has_canonical_description_and_share_cards(archive, client):
    head = read_head(client.get(IM_ALBUM))
    assert head.canonical == f"http://testserver{IM_ALBUM}"
    assert head.meta["description"].startswith("Get to know more about Kim Se Jeong")
    assert head.meta["og:type"] == "article"
    assert head.meta["og:url"] == head.canonical
    assert head.meta["og:title"].startswith("Kim Se Jeong Reveals Goals")
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["article:published_time"] == "2022-03-28T18:00:00+09:00"


def test_the_json_ld_names_the_right_people(archive, client):
    head = read_head(client.get(IM_ALBUM))
    (data,) = [json.loads(text) for text in head.json_ld]
    assert data["@type"] == "NewsArticle"
    assert [a["name"] for a in data["author"]] == ["Khriz Virgilio"]
    assert [t["name"] for t in data["translator"]] == ["Jung Bae"]
    assert [c["name"] for c in data["contributor"]] == [
        "Jellyfish Entertainment",
        "OCN",
        "KBS2",
    ]
    assert {c["@type"] for c in data["contributor"]} == {"Organization"}
    assert data["about"] == [
        {
            "@type": "Person",
            "name": "Kim Sejeong",
            "url": "http://testserver/artists/kim-sejeong/",
            "alternateName": "김세정",
        }
    ]
    assert data["datePublished"].startswith("2022-03-28T")
    assert data["dateModified"] >= data["datePublished"]
    assert data["inLanguage"] == "en"


def test_a_group_is_about_a_music_group(db, client):
    group = make_artist("Some Group", kind=ArtistKind.GROUP)
    interview = make_interview(
        "Group talk", status=InterviewStatus.PUBLISHED, artist=group
    )
    head = read_head(client.get(interview.get_absolute_url()))
    assert json.loads(head.json_ld[0])["about"][0]["@type"] == "MusicGroup"


HOSTILE = 'Break </script><script>alert("x")</script> & "quotes" ]]> <!-- end'


@pytest.fixture
def hostile_interview(db):
    interview = make_interview(
        HOSTILE,
        slug="hostile",
        status=InterviewStatus.PUBLISHED,
        body=HOSTILE,
        standfirst=HOSTILE,
    )
    interview.tags.add("hostile")
    return interview


def test_hostile_text_stays_inert_in_the_page(client, hostile_interview):
    html = client.get(hostile_interview.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert html.count("</script>") == 1  # the JSON-LD element's own end tag
    head = read_head(client.get(hostile_interview.get_absolute_url()))
    assert head.meta["og:title"] == HOSTILE
    assert head.meta["description"] == HOSTILE
    assert json.loads(head.json_ld[0])["headline"] == HOSTILE


@pytest.mark.parametrize(
    "feed", ["feeds:site-rss", "feeds:site-atom", "feeds:tag-rss", "feeds:tag-atom"]
)
def test_hostile_text_stays_inert_in_feeds(client, hostile_interview, feed):
    args = ["hostile"] if "tag" in feed else []
    xml = client.get(reverse(feed, args=args)).content
    root = ElementTree.fromstring(xml)
    titles = [el.text for el in root.iter() if el.tag.rsplit("}")[-1] == "title"]
    assert HOSTILE in titles
    assert b"<script>" not in xml


def test_feeds_carry_the_full_text_and_the_byline(archive, client):
    xml = client.get(reverse("feeds:site-rss")).content.decode()
    item = re.search(r"<item><title>Kim Se Jeong Reveals.*?</item>", xml, re.S)[0]
    assert "Message to her loving fans" in item
    assert "Conducted in Korean, translated into English by Jung Bae." in item
    assert re.search(r"<dc:creator[^>]*>Khriz Virgilio</dc:creator>", item)
    soseo = client.get(reverse("feeds:artist-atom", args=["soseo"])).content.decode()
    assert "Please say a word to your KCrush fans?" in soseo


def test_pages_announce_their_feeds(archive, client):
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and 'href="/feeds/rss/"' in home
    artist = client.get("/artists/kim-sejeong/").content.decode()
    assert 'href="/feeds/artists/kim-sejeong/atom/"' in artist
    tag = client.get("/tags/kpop/").content.decode()
    assert 'href="/feeds/tags/kpop/rss/"' in tag
    contributor = client.get("/contributors/jung-bae/").content.decode()
    assert 'href="/feeds/contributors/jung-bae/rss/"' in contributor


def test_the_sitemap_lists_live_interviews_artists_releases_tags_and_contributors(
    archive, client
):
    locations = set(sitemap_locations(client))
    assert f"http://testserver{IM_ALBUM}" in locations
    assert "http://testserver/artists/gugudan/" in locations
    assert "http://testserver/releases/door/" in locations
    assert "http://testserver/tags/kpop/" in locations
    assert "http://testserver/contributors/jung-bae/" in locations
    assert len(locations) == 3 + 4 + 4 + 9 + 7


def test_the_sitemap_is_an_index_of_paged_sections_with_dates(archive, client):
    assert section_urls(client) == [
        "/sitemap-interviews.xml",
        "/sitemap-artists.xml",
        "/sitemap-releases.xml",
        "/sitemap-tags.xml",
        "/sitemap-contributors.xml",
    ]
    index = client.get(reverse("sitemap")).content.decode()
    # The interviews and the releases say when they changed.
    assert index.count("<lastmod>") == 2
    interviews = client.get("/sitemap-interviews.xml").content.decode()
    assert interviews.count("<lastmod>") == 3


def test_a_big_section_is_paged(client, db, monkeypatch):
    from magazine.sitemaps import InterviewSitemap

    monkeypatch.setattr(InterviewSitemap, "limit", 2)
    for number in range(5):
        make_interview(f"Paged {number}", status=InterviewStatus.PUBLISHED)
    assert [url for url in section_urls(client) if "interviews" in url] == [
        "/sitemap-interviews.xml",
        "/sitemap-interviews.xml?p=2",
        "/sitemap-interviews.xml?p=3",
    ]
    assert len([url for url in sitemap_locations(client) if "/interviews/" in url]) == 5


def test_robots_txt_points_to_the_sitemap(db, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /preview/" in response.content.decode()


@pytest.mark.parametrize("section", ["interviews", "artists", "tags", "contributors"])
@pytest.mark.parametrize(
    "page", ["0", "-1", "abc", "2", "99999999999999999", "99999999999999999999"]
)
def test_a_section_page_past_the_end_is_not_found(archive, client, section, page):
    # The last two ask the database to step over more rows than a 64-bit
    # number counts: a page past the end like any other, not an error.
    response = client.get(f"/sitemap-{section}.xml", {"p": page})
    assert response.status_code == 404
