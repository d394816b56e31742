"""Export the archive and import it into an empty database: every
interview, credit, Q&A item (with the original words of its answer), tag,
artist, alias and membership comes back exactly, field by field."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from artists.models import (
    Agency,
    AgencyPeriod,
    Alias,
    Artist,
    ArtistKind,
    ArtistLink,
    Membership,
)
from interviews.choices import InterviewStatus
from interviews.models import Credit, Interview, QAItem
from people.models import Contributor
from releases.models import Release, ReleaseArtist, Track

from .factories import make_artist, make_contributor, make_interview

# Derived or bookkeeping fields that an export does not carry as such.
NOT_EXPORTED = {"id", "search_document"}
MARKDOWN_LEAVES_OUT = {"created_at", "updated_at", "created_by", "edit_version"}


def rows(model, leave_out=()):
    """Every row of `model`, its foreign keys as natural keys, its many-to-
    many fields as sorted natural keys: comparable across databases."""
    result = []
    for obj in model.objects.all():
        row = {}
        for field in model._meta.concrete_fields:
            if field.name in NOT_EXPORTED or field.name in leave_out:
                continue
            value = getattr(obj, field.name)
            if field.is_relation and value is not None:
                value = (
                    value.natural_key() if hasattr(value, "natural_key") else value.pk
                )
            row[field.name] = value
        for field in model._meta.many_to_many:
            if field.name in leave_out or not hasattr(obj, field.name):
                continue
            manager = getattr(obj, field.name)
            row[field.name] = sorted(tuple(o.natural_key()) for o in manager.all())
        result.append(row)
    return sorted(result, key=repr)


def everything(leave_out=()):
    return {
        model.__name__: rows(model, leave_out)
        for model in [
            Agency,
            Artist,
            Alias,
            ArtistLink,
            Membership,
            AgencyPeriod,
            Release,
            ReleaseArtist,
            Track,
            Contributor,
        ]
    } | {
        "Interview": rows(Interview, leave_out),
        "Credit": rows(Credit),
        "QAItem": rows(QAItem),
        "Tag": sorted(Tag.objects.values_list("name", flat=True)),
        "Tagging": sorted(
            (i.slug, sorted(i.tags.names())) for i in Interview.objects.all()
        ),
    }


def empty_the_database():
    Interview.objects.all().delete()
    Tag.objects.all().delete()
    for model in [
        Track,
        ReleaseArtist,
        Release,
        Membership,
        AgencyPeriod,
        Alias,
        ArtistLink,
        Artist,
        Agency,
        Contributor,
    ]:
        model.objects.all().delete()


@pytest.fixture
def rich_archive(db):
    """The archive, plus a draft with odd text, so that --all has more, a
    sub-unit named before its group, and an agency history."""
    call_command("load_archive", verbosity=0)
    gugudan = Artist.objects.get(slug="gugudan")
    make_artist(
        "A gugudan unit", kind=ArtistKind.SUB_UNIT, is_public=True, parent=gugudan
    )
    sejeong = Artist.objects.get(slug="kim-sejeong")
    AgencyPeriod.objects.create(
        artist=sejeong, agency=sejeong.agency, start_date="2016-01-01"
    )
    draft = make_interview(
        "A draft: “quotes”, <angle> & ]]>",
        slug="odd-draft",
        body="Line one\nline two\n\n## A heading\n\n* a list",
        closing="Thanks!",
        conducted_in="ja",
        published_in="en",
    )
    draft.qa_items.create(
        position=3,
        question="Why three?",
        answer="Numbers *kept*.",
        original_answer="数字は*そのまま*です。",
    )
    draft.qa_items.create(
        position=4,
        question="And in Korean?",
        answer="Numbers kept too.",
        original_answer="숫자도 그대로요.\n\n둘째 문단.",
        original_language="ko",
    )
    draft.tags.add("Odd Tag")
    # A live Korean version whose slug comes before its original's.
    make_interview(
        "김세정, 목표를 말하다",
        slug="a-korean-version",
        status=InterviewStatus.PUBLISHED,
        artist=sejeong,
        published_in="ko",
        version_of=Interview.objects.get(
            slug="kim-se-jeong-reveals-goals-for-im-album"
        ),
    )


@pytest.mark.parametrize(
    "format, leave_out", [("json", ()), ("markdown", MARKDOWN_LEAVES_OUT)]
)
def test_export_then_import_reproduces_everything(
    rich_archive, tmp_path, format, leave_out
):
    before = everything(leave_out)
    call_command(
        "export_interviews",
        str(tmp_path),
        "--format",
        format,
        "--all",
        stdout=StringIO(),
    )
    empty_the_database()
    assert Interview.objects.count() == 0 and Artist.objects.count() == 0
    call_command("import_interviews", str(tmp_path), stdout=StringIO())
    after = everything(leave_out)
    for name in before:
        assert after[name] == before[name], name


def test_the_default_export_is_the_live_archive(rich_archive, tmp_path):
    call_command(
        "export_interviews", str(tmp_path), "--format", "markdown", stdout=StringIO()
    )
    exported = sorted(p.stem for p in tmp_path.glob("*.md"))
    assert exported == sorted(Interview.objects.live().values_list("slug", flat=True))


def test_the_default_export_names_only_public_people(rich_archive, tmp_path):
    secret = make_artist(
        "Secret Debut Group", slug="secret-debut-group", kind=ArtistKind.GROUP
    )
    # A public sub-unit does not give its unannounced parent group away.
    make_artist("Known Unit", kind=ArtistKind.SUB_UNIT, is_public=True, parent=secret)
    make_contributor("Draft Only Writer", slug="draft-only-writer")
    call_command(
        "export_interviews", str(tmp_path), "--format", "json", stdout=StringIO()
    )
    people = (tmp_path / "01-people.json").read_text()
    assert "secret-debut-group" not in people
    assert '"known-unit"' in people
    assert "draft-only-writer" not in people
    # The odd draft's artist and writer are not public either.
    assert "artist-odd-draft" not in people and "writer-odd-draft" not in people
    for slug in ["kim-sejeong", "ioi", "gugudan", "soseo", "jung-bae"]:
        assert f'"{slug}"' in people, slug


def test_importing_an_export_over_its_source_changes_nothing(rich_archive, tmp_path):
    call_command(
        "export_interviews",
        str(tmp_path),
        "--format",
        "markdown",
        "--all",
        stdout=StringIO(),
    )
    out = StringIO()
    call_command("import_interviews", str(tmp_path), stdout=out)
    assert "interview: 0 created, 0 updated, 5 unchanged" in out.getvalue()


MARKDOWN = """---
title: Query count {n}
slug: query-count-{n}
artists: [Kim Se Jeong, New Artist {n}]
credits:
  - interviewer: Jiyoung Lee
  - photographer: New Photographer {n}
tags: [kpop, fresh {n}]
---
Body.

## Q: One?

Yes.
"""


def queries_to_import(tmp_path, n):
    path = tmp_path / f"{n}.md"
    path.write_text(MARKDOWN.format(n=n))
    with CaptureQueriesContext(connection) as queries:
        call_command("import_interviews", str(path), stdout=StringIO())
    # Less the one ANALYZE after a run that grows the archive by a tenth,
    # as importing one piece into the archive of three does.
    return len([q for q in queries if q["sql"] != "ANALYZE"])


def test_an_imports_queries_do_not_grow_with_the_database(archive, tmp_path):
    small = queries_to_import(tmp_path, 1)
    for n in range(2, 40):
        make_interview(f"Filler {n}", slug=f"filler-{n}").tags.add(f"filler {n}")
    large = queries_to_import(tmp_path, 2)
    assert large == small
