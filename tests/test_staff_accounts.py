"""Editors manage staff accounts in the admin: add writers and editors,
reset their passwords, close them; never make or touch a superuser."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from magazine.roles import EDITOR, WRITER, setup_roles
from people.models import Contributor

from .admin_pages import errors_of, read_form

User = get_user_model()
ADD = reverse("admin:auth_user_add")


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def add_account(client, username, role, **extra):
    form = read_form(client.get(ADD), "user_form")
    form.update(
        username=username,
        usable_password="true",
        password1="a-long-enough-Pass-2026",
        password2="a-long-enough-Pass-2026",
        groups=[str(setup_roles()[role].pk)],
        **extra,
    )
    return client.post(ADD, form)


def test_an_editor_adds_a_writer_who_can_then_log_in(editor_client, client):
    response = add_account(editor_client, "hana", WRITER)
    assert response.status_code == 302, errors_of(response)
    hana = User.objects.get(username="hana")
    assert hana.is_staff and not hana.is_superuser
    assert list(hana.groups.values_list("name", flat=True)) == [WRITER]
    assert hana.check_password("a-long-enough-Pass-2026")


def test_an_editor_adds_an_editor(editor_client):
    assert add_account(editor_client, "jun", EDITOR).status_code == 302
    assert User.objects.get(username="jun").groups.get().name == EDITOR


def test_a_crafted_superuser_flag_or_permission_is_ignored(editor_client):
    response = add_account(
        editor_client, "mallory", WRITER, is_superuser="on", user_permissions=["1"]
    )
    assert response.status_code == 302
    mallory = User.objects.get(username="mallory")
    assert not mallory.is_superuser
    assert not mallory.user_permissions.exists()

    form = read_form(editor_client.get(change_url(mallory)), "user_form")
    assert "is_superuser" not in form and "user_permissions" not in form
    form.update(is_superuser="on", user_permissions=["1"])
    assert editor_client.post(change_url(mallory), form).status_code == 302
    mallory.refresh_from_db()
    assert not mallory.is_superuser
    assert not mallory.user_permissions.exists()


def test_only_the_two_roles_can_be_given(editor_client):
    other = Group.objects.create(name="Owners")
    response = add_account(editor_client, "eve", WRITER)
    eve = User.objects.get(username="eve")
    form = read_form(editor_client.get(change_url(eve)), "user_form")
    form["groups"] = [str(other.pk)]
    response = editor_client.post(change_url(eve), form)
    assert response.status_code == 200
    assert any("valid choice" in str(error) for error in errors_of(response))
    assert not eve.groups.filter(name="Owners").exists()


def test_an_editor_resets_a_writers_password(editor_client, writer):
    url = reverse("admin:auth_user_password_change", args=[writer.pk])
    response = editor_client.post(
        url,
        {
            "password1": "another-long-Pass-2026",
            "password2": "another-long-Pass-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.check_password("another-long-Pass-2026")


def test_a_superuser_is_out_of_an_editors_reach(editor_client):
    owner = User.objects.create_superuser("owner", "o@example.com", "x")
    # Seen, read-only: not changed.
    assert (
        editor_client.get(change_url(owner)).context["has_change_permission"] is False
    )
    password = reverse("admin:auth_user_password_change", args=[owner.pk])
    assert editor_client.get(password).status_code == 403
    assert (
        editor_client.post(change_url(owner), {"is_superuser": ""}).status_code == 403
    )
    owner.refresh_from_db()
    assert owner.is_superuser


def test_an_account_out_of_every_role_loses_the_admin(editor_client, writer):
    form = read_form(editor_client.get(change_url(writer)), "user_form")
    form["groups"] = []
    assert editor_client.post(change_url(writer), form).status_code == 302
    writer.refresh_from_db()
    assert not writer.is_staff


def test_writers_cannot_manage_accounts(writer_client):
    assert writer_client.get(ADD).status_code == 403
    assert writer_client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("role_client", "status"), [("editor_client", 200), ("writer_client", 403)]
)
def test_the_contributors_staff_account_lookup(request, role_client, status):
    client = request.getfixturevalue(role_client)
    url = reverse("admin:autocomplete") + (
        "?app_label=people&model_name=contributor&field_name=user&term=e"
    )
    assert client.get(url).status_code == status


def test_a_writer_adds_a_contributor_without_the_account_field(writer_client):
    add = reverse("admin:people_contributor_add")
    form = read_form(writer_client.get(add), "contributor_form")
    assert "user" not in form
    form.update(name="Jung Bae", slug="jung-bae", kind=form.get("kind") or "person")
    form["user"] = str(get_user_model().objects.get(username="writer").pk)
    writer_client.post(add, form)
    assert not Contributor.objects.filter(user__isnull=False).exists()
