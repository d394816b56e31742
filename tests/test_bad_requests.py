"""Addresses no page can have are refused with a 4xx, never a 500: on
PostgreSQL a NUL byte reaching a lookup is a DataError."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve, reverse

from interviews.choices import InterviewStatus

from .factories import make_interview
from .sitemap import section_urls, sitemap_locations

NUL_ADDRESSES = [
    "/tags/%00/",
    "/tags/kpop%00/",
    "/feeds/tags/kpop%00/rss/",
    "/artists/%00/",
    "/media/%00",
    "/search/?q=%00",
    "/search/?q=kim%00sejeong",
    "/interviews/?page=%00",
    "/interviews/a-piece/?reply_to=%00",
    "/admin/interviews/interview/?q=%00",
    "/admin/interviews/interview/?published_in=%00",
    "/admin/interviews/interview/?%00=1",
    "/admin/autocomplete/?app_label=interviews&model_name=interview"
    "&field_name=featured_artists&term=%00",
    "/admin/autocomplete/?app_label=interviews&model_name=interview"
    "&field_name=tags&term=k%00",
]


@pytest.mark.parametrize("address", NUL_ADDRESSES)
def test_a_nul_byte_in_an_address_is_refused(editor_client, address):
    make_interview("A piece", status=InterviewStatus.PUBLISHED).tags.add("kpop")
    response = editor_client.get(address)
    assert response.status_code in (400, 404), address


def test_the_refusal_is_a_page_of_the_site(client, db):
    response = client.get("/search/?q=%00")
    assert response.status_code == 400
    assert "This address cannot be read" in response.content.decode()


def test_the_same_addresses_without_the_nul_work(editor_client):
    make_interview("A piece", status=InterviewStatus.PUBLISHED).tags.add("kpop")
    for address in ["/tags/kpop/", "/feeds/tags/kpop/rss/", "/search/?q=piece"]:
        assert editor_client.get(address).status_code == 200, address
    autocomplete = reverse("admin:autocomplete")
    response = editor_client.get(
        autocomplete,
        {
            "app_label": "interviews",
            "model_name": "interview",
            "field_name": "featured_artists",
            "term": "artist",
        },
    )
    assert response.status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "exa mple", "", "[::1"])
def test_a_host_the_site_does_not_answer_to_is_refused_with_its_page(client, db, host):
    # Scanners ask for the server's address under any name; the refusal
    # page must not ask the request its host again, which fails as it did.
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 400
    assert "This address cannot be read" in response.content.decode()


# What a reader, a crawler or a scanner may put in any parameter.
ODD_VALUES = [
    "0", "-1", "abc", "1.5", "99999999999999999999", "9" * 400, "a" * 3000,
    "😀", "노", '"', "(*", "\u202e",
]  # fmt: skip
# The public pages the sitemap does not list.
UNLISTED = [
    "/", "/interviews/", "/artists/", "/search/", "/corrections/",
    "/releases/upcoming/", "/releases/upcoming.ics",
    "/releases/upcoming/kim-sejeong.ics", "/releases/2020/4/", "/feeds/rss/",
    "/feeds/atom/", "/feeds/artists/kim-sejeong/atom/", "/feeds/tags/kpop/rss/",
    "/feeds/contributors/jung-bae/rss/", "/sitemap.xml", "/robots.txt",
]  # fmt: skip


def one_address_of_each_page(client):
    chosen = {}
    for address in [*UNLISTED, *section_urls(client), *sitemap_locations(client)]:
        path = urlsplit(address).path
        chosen.setdefault(resolve(path).view_name, path)
    return list(chosen.values())


def read_parameters(path):
    """The query parameters the page at `path` reads, and those of pages."""
    view = resolve(path).func
    declared = getattr(view, "page_params", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "page_params", ())
    return sorted({*declared, "page", "p", "q"})


def test_no_public_page_fails_on_any_value_of_any_parameter(archive):
    client = Client(raise_request_exception=False)
    pages = one_address_of_each_page(client)
    assert len(pages) >= 20
    failures = [
        (path, name, value[:20], status)
        for path in pages
        for name in read_parameters(path)
        for value in ODD_VALUES
        if (status := client.get(path, {name: value}).status_code) >= 500
    ]
    assert failures == []
