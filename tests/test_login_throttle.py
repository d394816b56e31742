"""Guessing an editor's password: after five failures, logins to that
account (from anywhere) and from that address (to any account) are paused
with a clear page, the right password included, until the pause ends or an
operator lifts it."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

LOGIN = reverse("admin:login")
PASSWORD = "the-right-password-9"


@pytest.fixture
def account(editor):
    editor.set_password(PASSWORD)
    editor.save()
    return editor


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "wrong", address)
        assert response.status_code in (200, 429)


def is_logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_five_wrong_passwords_pause_the_account_with_a_clear_page(client, account):
    fail(client, "editor", 5)
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed logins" in text
    assert "Try again in 15 minutes" in text
    assert "axes_reset_username editor" in text
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, account):
    fail(client, "editor", 4)
    assert is_logged_in(log_in(client, "editor", PASSWORD))


def test_the_account_is_paused_from_every_address(client, account):
    for number in range(5):
        fail(client, "editor", 1, address=f"198.51.100.{number}")
    assert log_in(client, "editor", PASSWORD, "192.0.2.99").status_code == 429


def test_an_address_trying_many_accounts_is_paused(client, account):
    for number in range(5):
        fail(client, f"guess{number}", 1, address="203.0.113.50")
    assert log_in(client, "editor", PASSWORD, "203.0.113.50").status_code == 429
    # The editor, elsewhere, is not locked out by someone else's guessing.
    assert is_logged_in(log_in(client, "editor", PASSWORD, "192.0.2.1"))


def test_the_pause_ends_after_its_time(client, account):
    fail(client, "editor", 5)
    assert log_in(client, "editor", PASSWORD).status_code == 429
    # Sixteen minutes on, as far as the attempts are concerned.
    last = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last - timedelta(minutes=16))
    assert is_logged_in(log_in(client, "editor", PASSWORD))


def test_an_operator_lifts_the_pause_with_a_command(client, account):
    fail(client, "editor", 5)
    assert log_in(client, "editor", PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=StringIO())
    call_command("axes_reset_ip", "203.0.113.7", stdout=StringIO())
    assert is_logged_in(log_in(client, "editor", PASSWORD))
    assert get_user_model().objects.get(username="editor").is_active


def test_a_superuser_clears_the_expired_attempts_from_the_admin(client, account):
    # Logged in first: a login clears expired attempts too.
    superuser = get_user_model().objects.create_superuser("root", password=PASSWORD)
    client.force_login(superuser)
    fail(Client(), account.username, 2)
    fail(Client(), "someone-else", 1, address="198.51.100.4")
    expired = AccessAttempt.objects.get(username="someone-else")
    expired.attempt_time -= timedelta(minutes=16)
    expired.save()
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [expired.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Cleaned up 1 expired access attempts." in response.content.decode()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [
        account.username
    ]
