"""Read the sitemap as a search engine does: the index, then every section
page it lists."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.urls import reverse

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(xml):
    return [
        element.text for element in ElementTree.fromstring(xml).iter(f"{NAMESPACE}loc")
    ]


def section_urls(client):
    index = client.get(reverse("sitemap"))
    assert index.status_code == 200
    paths = []
    for url in locations(index.content):
        parts = urlsplit(url)
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def sitemap_locations(client):
    """Every address the sitemap lists, across all its sections."""
    found = []
    for url in section_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        found += locations(response.content)
    return found
