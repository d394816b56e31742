"""Corrections: an editor adds a dated note to a live interview; the article,
its structured data, the feeds and /corrections/ show it at once, and the
interview's history keeps it. A correction on a piece readers have not seen,
or an empty one, is refused and changes nothing. Writers cannot correct."""

import json
from datetime import datetime, timedelta
from io import StringIO

import feedparser
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from interviews import services
from interviews.choices import InterviewStatus
from interviews.models import Correction, Interview

from .admin_pages import add_inline_row, errors_of, read_form
from .factories import make_interview

KST = timezone.get_default_timezone()
CORRECTIONS = reverse("corrections:list")


def kst(*args):
    return timezone.make_aware(datetime(*args), KST)


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


@pytest.fixture
def piece(db):
    return make_interview(
        "Kim Sejeong on I'm",
        status=InterviewStatus.PUBLISHED,
        publish_at=kst(2022, 3, 22, 18, 0),
        body="Her mini-album came out on 29 April.",
    )


def correct(interview, editor, note="It came out on 29 March, not 29 April.", at=None):
    return services.add_correction(
        interview=interview, note=note, by=editor, at=at or kst(2022, 4, 3, 10, 0)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def structured_data(response):
    html = response.content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


# The article


def test_the_article_shows_its_corrections_dated_with_an_anchor(client, piece, editor):
    correction = correct(piece, editor)
    html = client.get(piece.get_absolute_url()).content.decode()
    # 10:00 in Seoul is 01:00 UTC: the anchor is the correction's moment.
    assert 'id="corrected-20220403T010000Z"' in html
    assert correction.get_absolute_url().endswith("#corrected-20220403T010000Z")
    assert "Corrected <time" in html
    assert "3 April 2022</time>:</strong> It came out on 29 March" in html


def test_the_article_lists_the_newest_correction_first(client, piece, editor):
    correct(piece, editor, "The older note.", at=kst(2022, 4, 3, 10, 0))
    correct(piece, editor, "The newer note.", at=kst(2022, 5, 1, 10, 0))
    html = client.get(piece.get_absolute_url()).content.decode()
    assert html.index("The newer note.") < html.index("The older note.")


def test_a_correction_note_is_shown_as_text(client, piece, editor):
    correct(piece, editor, "It said <script>alert(1)</script>; it says 2022.")
    html = client.get(piece.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_article_without_corrections_has_no_corrections_section(client, piece):
    response = client.get(piece.get_absolute_url())
    assert 'class="corrections"' not in response.content.decode()
    assert "correction" not in structured_data(response)


def test_corrections_cost_the_article_no_query(client, piece, editor):
    client.get(piece.get_absolute_url())  # what is loaded once per process
    without = count_queries(client, piece.get_absolute_url())
    for day in range(1, 6):
        correct(piece, editor, f"Note {day}.", at=kst(2022, 4, day, 10, 0))
    assert count_queries(client, piece.get_absolute_url()) == without
    html = client.get(piece.get_absolute_url()).content.decode()
    assert html.count("Corrected <time") == 5


# Structured data


def test_json_ld_carries_each_correction_and_the_latest_as_modified(
    client, piece, editor
):
    Interview.objects.filter(pk=piece.pk).update(updated_at=kst(2022, 3, 22, 18, 0))
    correct(piece, editor, "The older note.", at=kst(2022, 4, 3, 10, 0))
    newest = correct(piece, editor, "The newer note.", at=kst(2022, 5, 1, 9, 30))
    data = structured_data(client.get(piece.get_absolute_url()))
    assert datetime.fromisoformat(data["dateModified"]) == kst(2022, 5, 1, 9, 30)
    assert datetime.fromisoformat(data["datePublished"]) == kst(2022, 3, 22, 18, 0)
    assert [c["@type"] for c in data["correction"]] == ["CorrectionComment"] * 2
    assert [c["text"] for c in data["correction"]] == [
        "The newer note.",
        "The older note.",
    ]
    first = data["correction"][0]
    assert datetime.fromisoformat(first["datePublished"]) == kst(2022, 5, 1, 9, 30)
    assert first["url"] == f"http://testserver{newest.get_absolute_url()}"


def test_a_correction_older_than_the_last_save_leaves_date_modified(
    client, piece, editor
):
    correct(piece, editor, at=kst(2022, 4, 3, 10, 0))
    Interview.objects.filter(pk=piece.pk).update(updated_at=kst(2023, 1, 1, 12, 0))
    data = structured_data(client.get(piece.get_absolute_url()))
    assert datetime.fromisoformat(data["dateModified"]) == kst(2023, 1, 1, 12, 0)


# Feeds


def test_the_feeds_say_the_corrected_item_was_updated(client, piece, editor):
    Interview.objects.filter(pk=piece.pk).update(updated_at=kst(2022, 3, 22, 18, 0))
    correct(piece, editor, at=kst(2022, 4, 3, 10, 0))
    atom = feedparser.parse(client.get(reverse("feeds:site-atom")).content)
    (entry,) = atom.entries
    assert entry.updated == "2022-04-03T01:00:00+00:00"
    # The feed's own updated time is its latest item's.
    assert atom.feed.updated == "2022-04-03T01:00:00+00:00"
    # Feed readers are told what changed, as the article's readers are.
    assert "Corrected 3 April 2022:" in entry.summary
    rss = feedparser.parse(client.get(reverse("feeds:site-rss")).content)
    assert "It came out on 29 March" in rss.entries[0].description


# /corrections/


def test_the_corrections_page_lists_live_corrections_newest_first(
    client, piece, editor
):
    correct(piece, editor, "The older note.", at=kst(2022, 4, 3, 10, 0))
    newest = correct(piece, editor, "The newer note.", at=kst(2022, 5, 1, 10, 0))
    other = make_interview("Soseo Q&A", status=InterviewStatus.PUBLISHED)
    correct(other, editor, "The Soseo note.", at=kst(2022, 4, 20, 10, 0))
    response = client.get(CORRECTIONS)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index("The newer note.")
        < html.index("The Soseo note.")
        < html.index("The older note.")
    )
    assert f'href="{piece.get_absolute_url()}#{newest.anchor}"' in html
    assert "1 May 2022" in html


def test_a_correction_disappears_when_its_interview_is_unpublished(
    client, piece, editor
):
    correct(piece, editor, "A note on a piece about to go.")
    assert "A note on a piece about to go." in client.get(CORRECTIONS).content.decode()
    services.unpublish_interview(interview=piece, by=editor)
    html = client.get(CORRECTIONS).content.decode()
    assert "A note on a piece about to go." not in html
    assert "No corrections so far." in html
    assert client.get(piece.get_absolute_url()).status_code == 404
    # It stays with the piece, and comes back if the piece does.
    assert piece.corrections.count() == 1


def test_the_corrections_page_is_paginated(client, piece, editor):
    for number in range(55):
        correct(piece, editor, f"Note number {number}.", at=kst(2022, 4, 3, 10, number))
    first = client.get(CORRECTIONS).content.decode()
    second = client.get(CORRECTIONS + "?page=2").content.decode()
    assert "Note number 54." in first and "Note number 5." in first
    assert "Note number 4." in second and "Note number 54." not in second
    assert client.get(CORRECTIONS + "?page=9").status_code == 404


def test_the_corrections_page_costs_the_same_with_one_or_many(client, piece, editor):
    correct(piece, editor, "Only one.")
    client.get(CORRECTIONS)  # what is loaded once per process
    one = count_queries(client, CORRECTIONS)
    for number in range(40):
        other = make_interview(f"Piece {number}", status=InterviewStatus.PUBLISHED)
        correct(other, editor, f"Note {number}.")
    assert count_queries(client, CORRECTIONS) == one
    assert client.get(CORRECTIONS).content.decode().count("#corrected-") == 41


def test_the_footer_links_to_the_corrections_page(client, piece):
    assert f'href="{CORRECTIONS}"' in client.get("/").content.decode()


# Refusals


def test_a_correction_on_an_unpublished_piece_is_refused(editor):
    for status in (InterviewStatus.DRAFT, InterviewStatus.REVIEW):
        draft = make_interview(f"A {status} piece", status=status)
        with pytest.raises(ValidationError) as refused:
            correct(draft, editor)
        assert "it is just an edit" in str(refused.value)
    scheduled = make_interview(
        "Scheduled piece",
        status=InterviewStatus.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        correct(scheduled, editor)
    assert Correction.objects.count() == 0


@pytest.mark.parametrize("note", ["", "   \n\t "])
def test_an_empty_correction_is_refused(piece, editor, note):
    with pytest.raises(ValidationError) as refused:
        correct(piece, editor, note)
    assert "cannot be empty" in str(refused.value)
    assert Correction.objects.count() == 0


def test_a_writer_cannot_add_a_correction(piece, writer):
    with pytest.raises(PermissionDenied):
        correct(piece, writer)
    assert Correction.objects.count() == 0


# The admin


def test_an_editor_adds_a_correction_on_the_interview_form(
    editor_client, editor, piece
):
    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    add_inline_row(form, "corrections", note="It came out on 29 March.")
    response = editor_client.post(change_url(piece), form)
    assert response.status_code == 302, errors_of(response)
    (correction,) = piece.corrections.all()
    assert correction.note == "It came out on 29 March."
    assert correction.made_by == editor
    assert abs(correction.made_at - timezone.now()) < timedelta(minutes=1)


def test_the_admin_refuses_a_correction_on_a_draft(editor_client):
    draft = make_interview("A draft")
    form = read_form(editor_client.get(change_url(draft)), "interview_form")
    add_inline_row(form, "corrections", note="A note.")
    form["title"] = "A draft, retitled"
    response = editor_client.post(change_url(draft), form)
    assert response.status_code == 200
    assert any("it is just an edit" in error for error in errors_of(response))
    draft.refresh_from_db()
    assert draft.title == "A draft"
    assert Correction.objects.count() == 0


def test_the_admin_refuses_a_correction_that_publishes_the_piece(editor_client):
    draft = make_interview("A draft")
    form = read_form(editor_client.get(change_url(draft)), "interview_form")
    form["status"] = InterviewStatus.PUBLISHED
    add_inline_row(form, "corrections", note="A note.")
    response = editor_client.post(change_url(draft), form)
    assert any("it is just an edit" in error for error in errors_of(response))
    draft.refresh_from_db()
    assert draft.status == InterviewStatus.DRAFT
    assert Correction.objects.count() == 0


def test_the_admin_refuses_an_emptied_correction(editor_client, piece):
    correction = Correction.objects.create(interview=piece, note="Was fine.")
    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    form["corrections-0-note"] = "  "
    response = editor_client.post(change_url(piece), form)
    assert response.status_code == 200
    assert any("cannot be empty" in error for error in errors_of(response))
    correction.refresh_from_db()
    assert correction.note == "Was fine."


def test_an_unpublished_piece_with_corrections_can_still_be_saved(
    editor_client, editor, piece
):
    correct(piece, editor)
    services.unpublish_interview(interview=piece, by=editor)
    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    form["title"] = "Retitled while a draft"
    response = editor_client.post(change_url(piece), form)
    assert response.status_code == 302, errors_of(response)
    assert piece.corrections.count() == 1


def test_a_writer_sees_corrections_but_cannot_add_one(writer_client, editor, piece):
    correct(piece, editor, "Seen by the writer.")
    page = writer_client.get(change_url(piece))
    html = page.content.decode()
    assert "Seen by the writer." in html
    assert 'name="corrections-0-note"' not in html
    # A crafted post changes nothing: the published piece is the editors'.
    form = {
        "corrections-TOTAL_FORMS": "1",
        "corrections-INITIAL_FORMS": "0",
        "corrections-0-note": "Sneaked in.",
    }
    assert writer_client.post(change_url(piece), form).status_code == 403
    assert piece.corrections.count() == 1


def test_the_add_form_offers_no_corrections(editor_client):
    page = editor_client.get(reverse("admin:interviews_interview_add"))
    assert 'name="corrections-TOTAL_FORMS"' not in page.content.decode()


# Revisions


def test_a_correction_is_a_revision_in_the_interviews_history(
    editor_client, editor, piece
):
    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    add_inline_row(form, "corrections", note="It came out on 29 March.")
    assert editor_client.post(change_url(piece), form).status_code == 302
    correct(piece, editor, "A second note, from the service.")
    revisions = [
        version.revision
        for version in Version.objects.get_for_object(piece).order_by("pk")
    ]
    assert len(revisions) == 2
    assert all(revision.user == editor for revision in revisions)
    assert "Added correction" in revisions[0].get_comment()
    assert "It came out on 29 March." in revisions[0].get_comment()
    assert "A second note, from the service." in revisions[1].get_comment()
    history = editor_client.get(
        reverse("admin:interviews_interview_history", args=[piece.pk])
    ).content.decode()
    assert "A second note, from the service." in history


def test_restoring_an_earlier_revision_keeps_the_corrections(
    editor_client, editor, piece
):
    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    form["standfirst"] = "Before the correction."
    assert editor_client.post(change_url(piece), form).status_code == 302
    earlier = Version.objects.get_for_object(piece).order_by("pk").first()
    correct(piece, editor)
    url = reverse("admin:interviews_interview_revision", args=[piece.pk, earlier.pk])
    response = editor_client.post(
        url, read_form(editor_client.get(url), "interview_form")
    )
    assert response.status_code == 302, errors_of(response)
    assert piece.corrections.count() == 1


# The page cache


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE = True


def test_adding_changing_and_removing_a_correction_refreshes_cached_pages(
    client, cached, piece, editor
):
    Interview.objects.filter(pk=piece.pk).update(updated_at=kst(2022, 3, 22, 18, 0))
    atom_url = reverse("feeds:site-atom")
    pages = [piece.get_absolute_url(), CORRECTIONS]
    for url in [*pages, atom_url]:
        client.get(url)
        assert count_queries(client, url) == 0, url  # served as stored

    correction = correct(piece, editor, "First wording.", at=kst(2022, 4, 3, 10, 0))
    for url in pages:
        assert "First wording." in client.get(url).content.decode(), url
    atom = feedparser.parse(client.get(atom_url).content)
    assert atom.entries[0].updated == "2022-04-03T01:00:00+00:00"

    correction.note = "Second wording."
    correction.save()
    for url in pages:
        assert "Second wording." in client.get(url).content.decode(), url

    correction.delete()
    for url in pages:
        assert "Second wording." not in client.get(url).content.decode(), url
    atom = feedparser.parse(client.get(atom_url).content)
    assert atom.entries[0].updated == "2022-03-22T09:00:00+00:00"


# Export and import


def correction_rows():
    return sorted(Correction.objects.values_list("interview__slug", "note", "made_at"))


@pytest.mark.parametrize("format", ["json", "markdown"])
def test_corrections_survive_an_export_and_an_import(archive, editor, tmp_path, format):
    live = Interview.objects.live().order_by("slug")
    correct(live[0], editor, "The first piece's note.", at=kst(2022, 4, 3, 10, 0))
    correct(live[0], editor, "Its second note.", at=kst(2023, 1, 2, 3, 4, 5, 678901))
    correct(live[1], editor, "Another piece's “note”: <b>kept</b>.")
    before = correction_rows()
    call_command(
        "export_interviews", str(tmp_path), "--format", format, stdout=StringIO()
    )
    Interview.objects.all().delete()
    assert Correction.objects.count() == 0
    call_command("import_interviews", str(tmp_path), stdout=StringIO())
    assert correction_rows() == before
    # Who made them stays with the site they were made in.
    assert not Correction.objects.filter(made_by__isnull=False).exists()

    # Importing the export again changes nothing.
    out = StringIO()
    call_command("import_interviews", str(tmp_path), stdout=out)
    assert correction_rows() == before
    counted = "correction" if format == "json" else "interview"
    assert f"{counted}: 0 created, 0 updated" in out.getvalue()


CORRECTED_MARKDOWN = """---
title: A corrected interview
slug: a-corrected-interview
artists: [Kim Sejeong]
credits:
  - interviewer: Jiyoung Lee
status: published
publish_at: 2022-03-22 18:00
corrections:
{corrections}
---
Body.
"""


def test_markdown_front_matter_lists_corrections_in_korean_time(archive, tmp_path):
    path = tmp_path / "corrected.md"
    path.write_text(
        CORRECTED_MARKDOWN.format(
            corrections="  - at: 2022-04-03 10:00\n    note: It came out on 29 March."
        )
    )
    call_command("import_interviews", str(path), stdout=StringIO())
    (correction,) = Correction.objects.filter(interview__slug="a-corrected-interview")
    assert correction.made_at == kst(2022, 4, 3, 10, 0)
    assert correction.note == "It came out on 29 March."


@pytest.mark.parametrize(
    "corrections, message",
    [
        ("  - at: 2022-04-03 10:00\n    note: '  '", "a correction's note is empty"),
        ("  - note: No time.", "corrections must be a list"),
        ("  - at: someday\n    note: When?", "cannot read the date “someday”"),
        (
            "  - at: 2022-04-03 10:00\n    note: One.\n"
            "  - at: 2022-04-03 10:00\n    note: Two.",
            "two corrections share one time",
        ),
    ],
)
def test_bad_corrections_in_markdown_are_refused_with_file_and_line(
    archive, tmp_path, corrections, message
):
    path = tmp_path / "corrected.md"
    path.write_text(CORRECTED_MARKDOWN.format(corrections=corrections))
    with pytest.raises(CommandError) as refused:
        call_command("import_interviews", str(path), stdout=StringIO())
    assert f"{path}:9: " in str(refused.value)  # the corrections key
    assert message in str(refused.value)
    assert not Interview.objects.filter(slug="a-corrected-interview").exists()
    assert Correction.objects.count() == 0


def test_the_sitemap_dates_a_corrected_article_by_its_correction(client, piece, editor):
    Interview.objects.filter(pk=piece.pk).update(updated_at=kst(2022, 3, 22, 18, 0))
    section = reverse("sitemap-section", args=["interviews"])
    assert "<lastmod>2022-03-22</lastmod>" in client.get(section).content.decode()
    correct(piece, editor, at=kst(2022, 4, 3, 10, 0))
    assert "<lastmod>2022-04-03</lastmod>" in client.get(section).content.decode()
    index = client.get(reverse("sitemap")).content.decode()
    assert "<lastmod>2022-04-03" in index

    # A later correction on a piece taken off the site dates nothing.
    hidden = make_interview("Taken down", status=InterviewStatus.PUBLISHED)
    Interview.objects.filter(pk=hidden.pk).update(
        updated_at=kst(2022, 3, 1, 0, 0), publish_at=kst(2022, 3, 1, 0, 0)
    )
    Correction.objects.create(
        interview=hidden, note="Later.", made_at=kst(2022, 5, 9, 9, 0)
    )
    index = client.get(reverse("sitemap")).content.decode()
    assert "<lastmod>2022-05-09" in index
    hidden.status = InterviewStatus.DRAFT
    hidden.save()
    Interview.objects.filter(pk=hidden.pk).update(updated_at=kst(2022, 3, 1, 0, 0))
    index = client.get(reverse("sitemap")).content.decode()
    assert "<lastmod>2022-04-03" in index
    assert "2022-05-09" not in index
