"""/healthz tells a load balancer whether this server can serve pages."""

import json

import pytest
from django.db import OperationalError

from .test_cache_outage import UNREACHABLE_REDIS


def health(client, **extra):
    response = client.get("/healthz", **extra)
    return response.status_code, json.loads(response.content), response


def test_healthy_when_the_database_and_the_cache_answer(client, db):
    status, body, response = health(client)
    assert status == 200
    assert body == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_a_balancer_may_probe_by_address_over_plain_http(client, db, settings):
    """No host check and no HTTPS redirect: balancers probe the server's own
    address, which is not an allowed host, over HTTP."""
    settings.ALLOWED_HOSTS = ["magazine.example"]
    settings.SECURE_SSL_REDIRECT = True
    status, body, _ = health(client, HTTP_HOST="10.0.0.12:8000")
    assert (status, body["status"]) == (200, "ok")


def test_a_database_that_does_not_answer_is_a_503_naming_it(
    client, db, monkeypatch, caplog
):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr("magazine.health.connections", {"default": Unreachable()})
    status, body, _ = health(client)
    assert status == 503
    assert body == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert "the database does not answer" in caplog.text
    # The reason is for the operator's log, not for whoever asks.
    assert "127.0.0.1" not in json.dumps(body)


def test_a_cache_that_does_not_answer_is_a_503_naming_it(client, db, settings, caplog):
    settings.CACHES = UNREACHABLE_REDIS
    status, body, _ = health(client)
    assert status == 503
    assert body == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
    assert "the cache does not answer" in caplog.text


@pytest.mark.parametrize("path", ["/healthz/", "/healthz/x", "/HEALTHZ"])
def test_only_its_own_address_is_the_health_check(client, db, path):
    assert client.get(path).status_code == 404
