"""Behind a reverse proxy: the reader's address and scheme come from the
forwarded headers only when a proxy of ours sent them (TRUSTED_PROXIES)."""

import ipaddress

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from interviews.choices import InterviewStatus
from magazine.proxies import TrustedProxyMiddleware

from .factories import as_posted, make_interview

PROXIES = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("fd00::/8")]


@pytest.fixture
def seen(settings):
    """What a view sees of a request that passed the middleware."""
    settings.TRUSTED_PROXIES = PROXIES

    def through(remote, **headers):
        request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
        captured = {}

        def view(request):
            captured.update(request.META)
            return HttpResponse()

        TrustedProxyMiddleware(view)(request)
        return captured

    return through


def test_the_readers_address_is_taken_from_a_trusted_proxy(seen):
    meta = seen("10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert meta["REMOTE_ADDR"] == "198.51.100.7"


def test_a_chain_of_our_proxies_is_walked_from_the_right(seen):
    # The reader wrote the first address; our two proxies appended theirs.
    meta = seen(
        "10.0.0.5",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.1.1.1",
    )
    assert meta["REMOTE_ADDR"] == "198.51.100.7"


def test_ipv6_readers_and_proxies(seen):
    meta = seen("fd00::1", HTTP_X_FORWARDED_FOR="2001:db8::42")
    assert meta["REMOTE_ADDR"] == "2001:db8::42"


def test_a_forged_header_from_anyone_else_is_dropped(seen):
    meta = seen(
        "203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_REAL_IP="198.51.100.7",
    )
    assert meta["REMOTE_ADDR"] == "203.0.113.9"
    assert "HTTP_X_FORWARDED_FOR" not in meta
    assert "HTTP_X_FORWARDED_PROTO" not in meta
    assert "HTTP_X_REAL_IP" not in meta


def test_with_no_proxy_configured_nobody_is_believed(seen, settings):
    settings.TRUSTED_PROXIES = []
    meta = seen("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert meta["REMOTE_ADDR"] == "127.0.0.1"


@pytest.mark.parametrize("garbage", ["", "unknown", "198.51.100.7:443", "<script>"])
def test_a_header_without_an_address_leaves_the_proxys(seen, garbage):
    meta = seen("10.0.0.5", HTTP_X_FORWARDED_FOR=garbage)
    assert meta["REMOTE_ADDR"] == "10.0.0.5"


def test_the_https_claim_counts_only_from_a_trusted_proxy(client, settings, db):
    settings.TRUSTED_PROXIES = PROXIES
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    forged = client.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301
    assert forged["Location"].startswith("https://")
    proxied = client.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


def test_the_comment_limit_counts_readers_behind_the_proxy_not_the_proxy(
    client, settings, db
):
    settings.TRUSTED_PROXIES = PROXIES
    settings.COMMENTS_RATE_LIMIT = (1, 600)
    interview = make_interview("Live", status=InterviewStatus.PUBLISHED)

    def post(remote, forwarded):
        return client.post(
            f"/interviews/{interview.slug}/comments/",
            as_posted(
                interview, {"name": "Mina", "email": "m@example.com", "text": "Hi"}
            ),
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    # Two readers behind one proxy: each has a limit of their own.
    assert post("10.0.0.5", "198.51.100.1").status_code == 302
    assert post("10.0.0.5", "198.51.100.2").status_code == 302
    assert post("10.0.0.5", "198.51.100.1").status_code == 429
    # One reader going round the proxy with made-up headers: one address.
    assert post("203.0.113.9", "192.0.2.1").status_code == 302
    assert post("203.0.113.9", "192.0.2.2").status_code == 429
