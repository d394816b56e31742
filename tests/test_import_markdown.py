"""Markdown files as writers type them: names fold to one artist, one
contributor and one tag, and a changed file changes its interview."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from taggit.models import Tag

from artists.models import Artist
from interviews.choices import InterviewStatus
from interviews.models import Interview
from people.models import Contributor

PIECE = """---
title: {title}
slug: {slug}
standfirst: A dek.
artists: [{artist}]
credits:
  - interviewer: {writer}
  - photo_credit: [Jellyfish Entertainment, OCN]
tags: [{tag}, ballad]
conducted_in: ko
published_in: en
status: published
publish_at: 2024-05-01 18:00
---
The body.

## Q: First question?

First answer,
on two lines.

### Q: Second question?

Second answer.
"""


def piece(tmp_path, name, **values):
    defaults = {
        "title": "A piece",
        "slug": name,
        "artist": "Kim Sejeong",
        "writer": "Jiyoung Lee",
        "tag": "K-pop",
    }
    path = tmp_path / f"{name}.md"
    path.write_text(PIECE.format(**(defaults | values)))
    return path


def run(*paths):
    out = StringIO()
    call_command("import_interviews", *map(str, paths), stdout=out)
    return out.getvalue()


def test_a_markdown_interview_arrives_whole(archive, tmp_path):
    run(piece(tmp_path, "whole"))
    interview = Interview.objects.get(slug="whole")
    assert interview.status == InterviewStatus.PUBLISHED and interview.is_live
    assert str(interview.byline) == (
        "Interview by Jiyoung Lee. Photos: Jellyfish Entertainment, OCN."
    )
    assert [(i.position, i.question, i.answer) for i in interview.qa_items.all()] == [
        (1, "First question?", "First answer,\non two lines."),
        (2, "Second question?", "Second answer."),
    ]
    assert interview.publish_at.isoformat() == "2024-05-01T09:00:00+00:00"
    assert interview.conducted_in == "ko"


def test_spellings_land_on_one_artist_contributor_and_tag(archive, tmp_path):
    counts = (Artist.objects.count(), Contributor.objects.count())
    run(
        piece(
            tmp_path, "one", artist="Kim Se Jeong", writer="jiyoung  LEE", tag="K-Pop"
        ),
        piece(tmp_path, "two", artist="김세정", writer="Jiyoung Lee", tag="k-pop "),
    )
    assert (Artist.objects.count(), Contributor.objects.count()) == counts
    sejeong = Artist.objects.get(slug="kim-sejeong")
    assert Interview.objects.filter(featured_artists=sejeong).count() == 4
    assert Tag.objects.filter(name__iexact="k-pop").count() == 1


def test_an_unknown_artist_is_created_once(archive, tmp_path):
    output = run(
        piece(tmp_path, "one", artist="Brand New"),
        piece(tmp_path, "two", artist="brand-new"),
    )
    assert Artist.objects.filter(name="Brand New").count() == 1
    assert "artist: 1 created" in output


def test_a_changed_file_changes_its_interview(archive, tmp_path):
    path = piece(tmp_path, "changing")
    run(path)
    first = Interview.objects.get(slug="changing")
    assert "interview: 0 created, 0 updated, 1 unchanged" in run(path)
    path.write_text(path.read_text().replace("The body.", "A new body."))
    assert "interview: 0 created, 1 updated" in run(path)
    again = Interview.objects.get(slug="changing")
    assert (again.pk, again.body) == (first.pk, "A new body.")


def test_a_raw_page_an_editor_took_further_is_skipped(archive, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Kim Sejeong on tour\n\nWords.\n\n—-Jiyoung Lee\n")
    run(page)
    Interview.objects.filter(source_id="page.txt").update(status=InterviewStatus.REVIEW)
    page.write_text("Kim Sejeong on tour\n\nOther words.\n\n—-Jiyoung Lee\n")
    output = run(page)
    assert "interview: 0 created, 0 updated, 0 unchanged, 1 skipped" in output
    assert Interview.objects.get(source_id="page.txt").standfirst == "Words."


def test_an_import_that_grows_the_archive_by_a_tenth_tells_the_planner(
    archive, tmp_path
):
    """The query planner plans by the table sizes it was last told: left
    with an archive of three, SQLite took seconds for an article and
    minutes for a sitemap section after 100,000 were imported."""
    before = Interview.objects.count()
    run(*(piece(tmp_path, f"grown-{n}") for n in range(before)))

    assert planner_believes_interviews_are() == 2 * before


def planner_believes_interviews_are():
    table = Interview._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table]
            )
        else:
            cursor.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NOT NULL",
                [table],
            )
        return int(float(str(cursor.fetchone()[0]).split()[0]))
