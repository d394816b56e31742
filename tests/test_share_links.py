"""Share links: an editor sends one interview's preview to someone without
an account. It works for anyone who has it, until it expires or is revoked,
and opens nothing else."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from interviews.models import SHARE_SALT, ShareLink
from magazine.pagecache import generation

from .admin_pages import errors_of, read_form
from .factories import make_interview

ADD = reverse("admin:interviews_sharelink_add")


@pytest.fixture
def draft(db):
    return make_interview("Door", standfirst="Not out yet.", body="Quotes to check.")


@pytest.fixture
def reader():
    return Client()


def share(editor_client, interview, shared_with="Jellyfish Entertainment", **fields):
    form = read_form(
        editor_client.get(f"{ADD}?interview={interview.pk}"), "sharelink_form"
    )
    assert form["interview"] == str(interview.pk)
    form["shared_with"] = shared_with
    form.update(fields)
    response = editor_client.post(ADD, form, follow=True)
    assert response.redirect_chain, errors_of(response)
    return ShareLink.objects.get(shared_with=shared_with), response


def test_an_editor_shares_a_draft_that_a_logged_out_reader_opens(
    editor_client, draft, reader
):
    link, response = share(editor_client, draft)
    message = response.content.decode()
    # The address the editor is given: its token is signed with the second
    # it was made in, so it is read back rather than made again here.
    shared = re.search(
        r"http://testserver(/preview/interviews/shared/[^/\s\"<]+/)", message
    )
    assert shared is not None
    token = shared[1].removeprefix("/preview/interviews/shared/").rstrip("/")
    assert ShareLink.pk_from_token(token) == link.pk
    assert link.expires_at - timezone.now() > timedelta(days=6, hours=23)

    page = reader.get(shared[1])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Quotes to check." in html
    assert "Preview: not published. Shared with" in html
    assert "Jellyfish Entertainment" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert 'id="comments"' not in html


def test_a_revoked_link_closes_at_once(editor_client, draft, reader):
    link, _ = share(editor_client, draft)
    assert reader.get(link.get_absolute_url()).status_code == 200
    editor_client.post(
        reverse("admin:interviews_sharelink_changelist"),
        {"action": "revoke_selected", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert reader.get(link.get_absolute_url()).status_code == 404


def test_an_expired_link_is_a_404(draft, reader):
    link = ShareLink.objects.create(
        interview=draft,
        shared_with="Translator",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert reader.get(link.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "1", 1),
        lambda token: "garbage",
        lambda token: "",
    ],
)
def test_a_tampered_link_is_a_404_that_reveals_nothing(draft, reader, tamper):
    link = ShareLink.objects.create(interview=draft, shared_with="Agency")
    url = reverse("preview:shared", args=[tamper(link.token) or "x"])
    response = reader.get(url)
    assert response.status_code == 404
    assert "Door" not in response.content.decode()


def test_a_link_never_opens_another_interview(draft, reader):
    other = make_interview("Secret comeback", body="Embargoed until Friday.")
    link = ShareLink.objects.create(interview=draft, shared_with="Agency")
    html = reader.get(link.get_absolute_url()).content.decode()
    assert "Embargoed until Friday." not in html
    # Naming the other piece takes the site's key and this purpose: a value
    # signed elsewhere in the site, or with another key, opens nothing.
    for forged in (
        signing.dumps(other.pk, salt="comments.form"),
        signing.dumps(other.pk, key="not-the-site-key", salt=SHARE_SALT),
    ):
        url = reverse("preview:shared", args=[forged])
        assert reader.get(url).status_code == 404


def test_writers_cannot_make_share_links(writer_client, draft):
    assert writer_client.get(ADD).status_code == 403


def test_the_interview_form_offers_sharing_to_editors(editor_client, draft):
    url = reverse("admin:interviews_interview_change", args=[draft.pk])
    html = editor_client.get(url).content.decode()
    assert f"{ADD}?interview={draft.pk}" in html


def save_in_admin(editor_client, interview, **changes):
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    form = read_form(editor_client.get(url), "interview_form")
    form.update(changes)
    response = editor_client.post(url, form)
    assert response.status_code == 302, errors_of(response)
    return Version.objects.get_for_object(interview).order_by("-pk").first()


def test_a_link_can_show_a_chosen_revision_and_changes_nothing(
    editor_client, draft, reader
):
    checked = save_in_admin(editor_client, draft, standfirst="The quotes as agreed.")
    save_in_admin(editor_client, draft, standfirst="Rewritten since.")
    form_page = editor_client.get(f"{ADD}?interview={draft.pk}").content.decode()
    assert f'<option value="{checked.pk}">' in form_page

    link, _ = share(editor_client, draft, version=str(checked.pk))
    assert link.version == checked
    generation_before = generation()
    page = reader.get(link.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "The quotes as agreed." in html
    assert "Rewritten since." not in html
    assert "as saved on" in html

    # Showing the old revision left the interview, and every cached page,
    # as they were.
    draft.refresh_from_db()
    assert draft.standfirst == "Rewritten since."
    assert generation() == generation_before
    unpinned, _ = share(editor_client, draft, shared_with="Translator")
    assert (
        "Rewritten since." in reader.get(unpinned.get_absolute_url()).content.decode()
    )


def test_a_link_cannot_pin_a_revision_of_another_interview(editor_client, draft):
    other = make_interview("Candy")
    foreign = save_in_admin(editor_client, other, standfirst="Someone else's.")
    form = read_form(editor_client.get(f"{ADD}?interview={draft.pk}"), "sharelink_form")
    form.update(shared_with="Agency", version=str(foreign.pk))
    response = editor_client.post(ADD, form)
    assert response.status_code == 200
    assert errors_of(response)
    assert not ShareLink.objects.exists()


def test_an_editor_extends_a_link(editor_client, draft, reader):
    link, _ = share(editor_client, draft)
    url = reverse("admin:interviews_sharelink_change", args=[link.pk])
    form = read_form(editor_client.get(url), "sharelink_form")
    later = timezone.localtime(link.expires_at + timedelta(days=7))
    form.update(
        expires_at_0=later.strftime("%Y-%m-%d"), expires_at_1=later.strftime("%H:%M:%S")
    )
    response = editor_client.post(url, form)
    assert response.status_code == 302, errors_of(response)
    link.refresh_from_db()
    assert link.expires_at - timezone.now() > timedelta(days=13)
    assert reader.get(link.get_absolute_url()).status_code == 200
