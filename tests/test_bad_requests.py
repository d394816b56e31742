"""Addresses no page can have are refused with a 4xx, never a 500: on
PostgreSQL a NUL byte reaching a lookup is a DataError."""

import pytest
from django.urls import reverse

from interviews.choices import InterviewStatus

from .factories import make_interview

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
