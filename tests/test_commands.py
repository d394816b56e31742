"""The setup commands `make run` relies on."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from magazine.roles import EDITOR

pytestmark = pytest.mark.django_db


def login_request():
    """What the admin's login passes to authenticate(): django-axes counts
    failures by the request's address, so it needs one."""
    return RequestFactory().post("/admin/login/")


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def printed_password(output):
    match = re.search(r"password: (\S+)", output)
    assert match, output
    return match.group(1)


def test_create_editor_prints_a_generated_password_that_logs_in():
    password = printed_password(run("create_editor"))
    user = authenticate(login_request(), username="editor", password=password)
    assert user is not None and user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITOR]
    assert user.has_perm("interviews.publish_interview")


def test_each_editor_gets_a_password_of_its_own():
    first = printed_password(run("create_editor", "--username", "one"))
    second = printed_password(run("create_editor", "--username", "two"))
    assert first != second
    assert len(first) >= 16


def test_running_again_keeps_the_password_unless_asked():
    password = printed_password(run("create_editor"))
    again = run("create_editor")
    assert "already exists" in again and "password:" not in again
    assert authenticate(login_request(), username="editor", password=password)
    new = printed_password(run("create_editor", "--reset-password"))
    assert authenticate(login_request(), username="editor", password=new)
    assert not authenticate(login_request(), username="editor", password=password)
    assert get_user_model().objects.count() == 1


def test_setup_roles_reports_the_groups():
    output = run("setup_roles")
    assert re.search(r"Writer: \d+ permissions", output)
    assert re.search(r"Editor: \d+ permissions", output)
