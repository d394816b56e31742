"""Revisions: every admin save of an interview keeps it whole (fields,
credits, Q&A items, gallery, tags, featured artists) with who and when; the
history compares two of them by field, and restores one as a new save."""

import reversion
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from interviews.admin_forms import ONLY_EDITORS_RESTORE
from interviews.choices import InterviewStatus
from interviews.models import Credit, Interview
from interviews.readiness import NEEDS_CREDIT
from people.models import Contributor

from .admin_pages import add_inline_row, errors_of, read_form
from .concurrent_edits import editor_client as make_editor
from .factories import make_artist, make_contributor, make_interview


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def save(client, interview, **changes):
    form = read_form(client.get(change_url(interview)), "interview_form")
    form.update(changes)
    response = client.post(change_url(interview), form)
    assert response.status_code == 302, errors_of(response)
    return form


def versions(interview):
    return list(Version.objects.get_for_object(interview).order_by("pk"))


def revision_url(interview, version):
    return reverse(
        "admin:interviews_interview_revision", args=[interview.pk, version.pk]
    )


def state(interview):
    """Everything a revision must bring back, as plain values."""
    interview = Interview.objects.get(pk=interview.pk)
    return {
        "fields": (interview.title, interview.standfirst, interview.body),
        "status": interview.status,
        "artists": sorted(interview.featured_artists.values_list("name", flat=True)),
        "tags": sorted(interview.tags.names()),
        "credits": list(interview.credits.values_list("contributor__name", "role")),
        "qa": list(interview.qa_items.values_list("position", "question", "answer")),
    }


def test_each_admin_save_is_a_revision_with_who_made_it(editor_client, editor):
    piece = make_interview("Door")
    save(editor_client, piece, standfirst="First.")
    save(editor_client, piece, standfirst="Second.")
    kept = versions(piece)
    assert len(kept) == 2
    assert {version.revision.user for version in kept} == {editor}
    assert kept[-1].field_dict["standfirst"] == "Second."


def test_restoring_a_revision_brings_the_whole_interview_back(editor_client):
    piece = make_interview("Door", body="The first body.")
    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    form.update(standfirst="First standfirst.", tags="ballad, comeback")
    add_inline_row(
        form, "qa_items", position="1", question="Why Door?", answer="Because."
    )
    assert editor_client.post(change_url(piece), form).status_code == 302
    before = state(piece)

    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    form.update(
        title="Door, retitled",
        standfirst="Second standfirst.",
        tags="solo",
        featured_artists=[str(make_artist("gugudan").pk)],
    )
    form["qa_items-0-answer"] = "Changed answer."
    add_inline_row(form, "qa_items", position="2", question="New?", answer="Yes.")
    assert editor_client.post(change_url(piece), form).status_code == 302
    assert state(piece) != before

    restore = versions(piece)[0]
    page = editor_client.get(revision_url(piece, restore))
    assert page.status_code == 200
    response = editor_client.post(
        revision_url(piece, restore), read_form(page, "interview_form")
    )
    assert response.status_code == 302, errors_of(response)
    assert state(piece) == before
    assert len(versions(piece)) == 3  # the restore is a new revision


def test_a_restore_opened_before_another_save_is_refused_once(editor_client):
    piece = make_interview("Door", standfirst="First standfirst.")
    save(editor_client, piece)
    save(editor_client, piece, standfirst="Second standfirst.")
    first = versions(piece)[0]
    restoring = read_form(
        editor_client.get(revision_url(piece, first)), "interview_form"
    )

    # Meanwhile a colleague saves: the restore must not undo it unseen.
    save(make_editor("jun"), piece, standfirst="Jun's standfirst.")
    refused = editor_client.post(revision_url(piece, first), restoring)
    assert refused.status_code == 200
    assert any("Not restored: Jun saved" in str(e) for e in errors_of(refused))
    piece.refresh_from_db()
    assert piece.standfirst == "Jun's standfirst."

    # Told, the editor restores again, and it goes through.
    again = editor_client.post(
        revision_url(piece, first), read_form(refused, "interview_form")
    )
    assert again.status_code == 302, errors_of(again)
    piece.refresh_from_db()
    assert piece.standfirst == "First standfirst."


def test_a_restore_that_breaks_a_publication_rule_is_refused(editor_client):
    piece = make_interview("Door", status=InterviewStatus.PUBLISHED)
    # A published state without a credit, as no admin save could make it
    # (kept from before the rule, or by a script).
    piece.credits.all().delete()
    with reversion.create_revision():
        piece.save()
    uncredited = versions(piece)[-1]
    Credit.objects.create(
        interview=piece, contributor=make_contributor("Jung Bae"), role="translator"
    )
    save(editor_client, piece, standfirst="Credited again.")

    page = editor_client.get(revision_url(piece, uncredited))
    response = editor_client.post(
        revision_url(piece, uncredited), read_form(page, "interview_form")
    )
    assert response.status_code == 200
    assert str(NEEDS_CREDIT) in response.content.decode()
    piece.refresh_from_db()
    assert piece.standfirst == "Credited again."
    assert piece.credits.exists()


def test_the_comparison_names_the_changed_fields(editor_client):
    piece = make_interview("Door", standfirst="Old standfirst words.")
    save(editor_client, piece)
    save(editor_client, piece, standfirst="New standfirst words.")
    first, second = versions(piece)
    url = reverse("admin:interviews_interview_compare", args=[piece.pk])
    response = editor_client.get(
        url, {"version_id1": first.pk, "version_id2": second.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Standfirst" in html
    assert "Old" in html and "New" in html
    assert "Comments open" not in html  # unchanged fields are not listed


def writer_browser(writer):
    client = Client()
    client.force_login(writer)
    return client


def test_a_writer_cannot_restore_a_published_state(editor_client, writer):
    writer_client = writer_browser(writer)
    piece = make_interview("Door", status=InterviewStatus.PUBLISHED)
    save(editor_client, piece, standfirst="Published words.")
    save(editor_client, piece, status=InterviewStatus.DRAFT, standfirst="Draft.")
    published = versions(piece)[0]
    assert published.field_dict["status"] == InterviewStatus.PUBLISHED

    history = reverse("admin:interviews_interview_history", args=[piece.pk])
    for method in (writer_client.get, writer_client.post):
        response = method(revision_url(piece, published), follow=True)
        assert response.redirect_chain == [(history, 302)]
        assert str(ONLY_EDITORS_RESTORE) in response.content.decode()
    piece.refresh_from_db()
    assert (piece.status, piece.standfirst) == (InterviewStatus.DRAFT, "Draft.")


def test_writers_see_the_history_of_what_they_may_edit(editor_client, writer):
    piece = make_interview("Door")
    save(editor_client, piece, standfirst="Words.")
    history = reverse("admin:interviews_interview_history", args=[piece.pk])
    response = writer_browser(writer).get(history)
    assert response.status_code == 200
    assert "Changed Standfirst" in response.content.decode()


def test_an_artist_is_restored_with_its_aliases(editor_client):
    artist = make_artist("Soseo", bio="First bio.")
    url = reverse("admin:artists_artist_change", args=[artist.pk])
    form = read_form(editor_client.get(url), "artist_form")
    add_inline_row(form, "aliases", name="SHUUU", kind=form.get("aliases-0-kind", ""))
    saved = editor_client.post(url, form)
    assert saved.status_code == 302, errors_of(saved)
    form = read_form(editor_client.get(url), "artist_form")
    form.update({"bio": "Second bio.", "aliases-0-name": "Shu"})
    assert editor_client.post(url, form).status_code == 302

    first = Version.objects.get_for_object(artist).order_by("pk").first()
    revision = reverse("admin:artists_artist_revision", args=[artist.pk, first.pk])
    page = editor_client.get(revision)
    response = editor_client.post(revision, read_form(page, "artist_form"))
    assert response.status_code == 302, errors_of(response)
    artist.refresh_from_db()
    assert artist.bio == "First bio."
    assert list(artist.aliases.values_list("name", flat=True)) == ["SHUUU"]


def test_restoring_a_contributor_never_removes_a_credit_given_since(editor_client):
    contributor = Contributor.objects.create(name="Jung Bae", slug="jung-bae")
    url = reverse("admin:people_contributor_change", args=[contributor.pk])
    form = read_form(editor_client.get(url), "contributor_form")
    assert editor_client.post(url, form).status_code == 302
    piece = make_interview("Door")
    Credit.objects.create(interview=piece, contributor=contributor, role="translator")

    first = Version.objects.get_for_object(contributor).first()
    revision = reverse(
        "admin:people_contributor_revision", args=[contributor.pk, first.pk]
    )
    page = editor_client.get(revision)
    response = editor_client.post(revision, read_form(page, "contributor_form"))
    assert response.status_code == 302, errors_of(response)
    assert Credit.objects.filter(interview=piece, contributor=contributor).exists()
