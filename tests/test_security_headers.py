"""The Content-Security-Policy on every page, the deploy checks, and the
headers of what the application serves itself."""

import pytest
from django.core.management import call_command

from magazine.checks import host_pattern_check, shared_cache_check
from magazine.serving import static_file_headers

from .browser import PUBLIC_PAGES
from .production import GOOD_KEY, production_environment, start_django

PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'none'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "img-src": "'self'",
    # Lighthouse fetches /robots.txt through the page (scripts/lighthouse).
    "connect-src": "'self'",
}


def policy(response):
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize("url, status", PUBLIC_PAGES)
def test_every_public_page_carries_the_strict_policy(
    archive_in_two_languages, client, url, status
):
    response = client.get(url)
    assert response.status_code == status
    assert policy(response) | PUBLIC_POLICY == policy(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/feeds/interviews/", "/sitemap.xml", "/robots.txt"])
def test_feeds_and_files_for_machines_carry_it_too(archive, client, url):
    assert policy(client.get(url))["script-src"] == "'none'"


def test_stored_pages_carry_it_as_fresh_ones_do(archive, client, settings):
    settings.PAGE_CACHE = True
    first, second = client.get("/"), client.get("/")
    assert first["ETag"] == second["ETag"]  # the second was the stored page
    assert policy(second) == policy(first)


def test_the_admin_gets_its_own_policy(editor_client):
    response = editor_client.get("/admin/interviews/interview/add/")
    assert response.status_code == 200
    admin = policy(response)
    assert admin["script-src"] == "'self'"
    assert admin["style-src"] == "'self' 'unsafe-inline'"
    assert admin["object-src"] == "'none'"


def test_hashed_static_files_are_kept_a_year_and_others_a_minute():
    hashed = {"Cache-Control": "max-age=315360000, public, immutable"}
    static_file_headers(hashed, "site.0123456789ab.css", "/static/site.css")
    assert hashed["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = {"Cache-Control": "max-age=60, public"}
    static_file_headers(plain, "site.css", "/static/site.css")
    assert plain["Cache-Control"] == "max-age=60, public"


def test_a_head_request_gets_the_headers_of_the_page_and_no_body(archive, client):
    page = client.get("/interviews/")
    head = client.head("/interviews/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(page.content))


def test_the_deploy_check_is_clean_with_the_documented_variables():
    result = start_django(
        "magazine.settings.production",
        show="__import__('django.core.management', fromlist=['x'])"
        ".call_command('check', '--deploy', '--fail-level', 'WARNING')",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="magazine.example",
        DATABASE_URL="sqlite:///:memory:",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_more_than_one_worker_without_a_shared_cache_is_warned_about(
    settings, monkeypatch
):
    settings.PRODUCTION = True
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    (warning,) = shared_cache_check(None)
    assert warning.id == "magazine.W001"
    assert "4 gunicorn workers" in warning.msg

    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert shared_cache_check(None) == []


def test_one_worker_or_development_is_not_warned_about(settings, monkeypatch):
    settings.PRODUCTION = True
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert shared_cache_check(None) == []
    settings.PRODUCTION = False
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    assert shared_cache_check(None) == []
    call_command("check")  # and the check runs among Django's own


def test_a_host_pattern_in_production_is_warned_about(settings):
    settings.PRODUCTION = True
    settings.ALLOWED_HOSTS = ["magazine.example", ".magazine.example", "*"]
    (warning,) = host_pattern_check(None)
    assert warning.id == "magazine.W002"
    assert ".magazine.example, *" in warning.msg
    settings.ALLOWED_HOSTS = ["magazine.example", "www.magazine.example"]
    assert host_pattern_check(None) == []
    settings.PRODUCTION = False
    settings.ALLOWED_HOSTS = ["*"]
    assert host_pattern_check(None) == []


def test_without_redis_gunicorn_runs_one_worker_and_with_it_one_per_core():
    count = "__import__('magazine.serving', fromlist=['x']).worker_count()"
    environment = production_environment()
    one = start_django(
        "magazine.settings.production", show=count, **_settings_of(environment)
    )
    assert one.stdout.strip() == "1", one.stderr
    many = start_django(
        "magazine.settings.production",
        show=f"{count} == 2 * __import__('os').cpu_count() + 1",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **_settings_of(environment),
    )
    assert many.stdout.strip() == "True", many.stderr


def _settings_of(environment):
    return {
        key: environment[key]
        for key in ("SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT")
    }
