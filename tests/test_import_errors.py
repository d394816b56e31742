"""Bad input to import_interviews: a message naming the file and line, a
non-zero exit, and the database exactly as it was."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.files import MAX_FILE_BYTES
from artists.models import Alias, Artist
from interviews.models import Interview
from people.models import Contributor

GOOD = """---
title: A good interview
slug: a-good-interview
artists: [Kim Sejeong]
credits:
  - interviewer: Jiyoung Lee
tags: [kpop]
status: draft
---
Body.
"""


def state():
    return (
        list(Interview.objects.values_list("slug", "title", "status")),
        Artist.objects.count(),
        Alias.objects.count(),
        Contributor.objects.count(),
    )


def refused(*paths, message, extra=()):
    """The import fails with `message`, and nothing changed."""
    before = state()
    with pytest.raises(CommandError) as error:
        call_command("import_interviews", *map(str, paths), *extra, stdout=StringIO())
    assert message in str(error.value)
    assert state() == before
    return str(error.value)


@pytest.fixture
def folder(tmp_path, archive):
    """A folder with one good file in it, beside the archive."""
    (tmp_path / "good.md").write_text(GOOD)
    return tmp_path


def write(folder, name, content):
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def test_the_good_file_alone_imports(folder):
    call_command("import_interviews", str(folder / "good.md"), stdout=StringIO())
    assert Interview.objects.filter(slug="a-good-interview").exists()


def test_invalid_json(folder):
    path = write(folder, "bad.json", '[\n  {"model": "artists.artist",\n  ]')
    refused(folder, message=f"{path}:3: invalid JSON")


def test_invalid_yaml(folder):
    path = write(folder, "bad.md", "---\ntitle: [unclosed\nslug: x\n---\nBody\n")
    refused(folder, message=f"{path}:3: invalid YAML")


def test_a_file_in_another_encoding(folder):
    path = write(folder, "latin.md", GOOD.replace("Body.", "Café.").encode("latin-1"))
    refused(folder, message=f"{path}:10: not UTF-8 text")


def test_a_byte_order_mark(folder):
    path = write(folder, "bom.md", b"\xef\xbb\xbf" + GOOD.encode())
    refused(folder, message=f"{path}:1: the file starts with a UTF-8 byte-order mark")


def test_an_empty_file(folder):
    path = write(folder, "empty.md", "  \n")
    refused(folder, message=f"{path}:1: the file is empty")


def test_a_nul_character_in_the_text(folder):
    path = write(folder, "nul.md", GOOD.replace("Body.", "Bo\x00dy."))
    refused(folder, message=f"{path}:10: a NUL character")


def test_a_nul_written_as_an_escape_in_the_front_matter(folder):
    quoted = GOOD.replace("title: A good interview", 'title: "A good\\0 interview"')
    path = write(folder, "nul.md", quoted)
    refused(folder, message=f"{path}:2: a NUL character")


def test_a_nul_written_as_an_escape_in_a_fixture(folder):
    artist = {"model": "artists.artist", "fields": {"name": "Nu\x00l", "slug": "nul"}}
    path = write(folder, "nul.json", json.dumps([artist]))
    refused(folder, message=f"{path}: object 1 (artists.artist): a NUL character")


def test_an_unknown_front_matter_key(folder):
    path = write(folder, "key.md", GOOD.replace("tags:", "colour: red\ntags:"))
    refused(folder, message=f"{path}:7: unknown front matter key “colour”")


def test_a_status_that_does_not_exist(folder):
    path = write(folder, "status.md", GOOD.replace("status: draft", "status: live"))
    refused(path, message=f"{path}:8: no status “live”")


def test_a_date_that_cannot_be_read(folder):
    text = GOOD.replace("status: draft", "publish_at: 32 Smarch 2023")
    path = write(folder, "date.md", text)
    refused(folder, message=f"{path}:8: cannot read the date “32 Smarch 2023”")


def test_a_credit_role_that_does_not_exist(folder):
    path = write(folder, "role.md", GOOD.replace("- interviewer:", "- stylist:"))
    refused(path, message=f"{path}:5: no credit role “stylist”")


def test_an_alias_that_two_artists_claim(folder):
    fixture = [
        {
            "model": "artists.artist",
            "fields": {
                "name": "Other Singer",
                "slug": "other-singer",
                "kind": "soloist",
            },
        },  # noqa: E501
        {
            "model": "artists.alias",
            "fields": {
                "artist": ["other-singer"],
                "name": "Kim Se-Jeong",
                "kind": "other",
            },
        },  # noqa: E501
    ]
    path = write(folder, "alias.json", json.dumps(fixture))
    claimed = "“Kim Se-Jeong” is already a name of Kim Sejeong"
    refused(folder, message=f"{path}: object 2 (artists.alias): {claimed}")


def test_a_slug_that_two_files_claim(folder):
    write(folder, "copy.md", GOOD.replace("A good interview", "Another"))
    message = refused(folder, message="“a-good-interview” is also claimed by")
    assert "copy.md" in message and "good.md" in message


def test_a_file_over_the_size_limit(folder):
    path = write(folder, "huge.md", GOOD + "x" * MAX_FILE_BYTES)
    refused(folder, message=f"{path}: {path.stat().st_size} bytes is over the")


def test_a_path_that_does_not_exist(folder):
    refused(folder / "missing.md", message=f"{folder / 'missing.md'}: no such file")


def test_a_folder_with_no_importable_files(folder, tmp_path_factory):
    empty = tmp_path_factory.mktemp("nothing")
    (empty / "notes.pdf").write_bytes(b"%PDF")
    refused(empty, message=f"{empty}: no importable files")


def test_a_fixture_with_an_unknown_model_or_field_or_reference(folder):
    cases = [
        ({"model": "auth.user", "fields": {}}, "object 1: unknown model “auth.user”"),
        # Spellings are made from the Hangul name, never taken from a file.
        (
            {"model": "artists.romanization", "fields": {"key": "kimsejeong"}},
            "object 1: unknown model “artists.romanization”",
        ),
        (
            {"model": "artists.artist", "fields": {"colour": "red"}},
            "object 1 (artists.artist): unknown field “colour”",
        ),
        (
            {
                "model": "interviews.credit",
                "fields": {
                    "interview": ["nope"],
                    "contributor": ["nobody"],
                    "role": "writer",
                },
            },  # noqa: E501
            "object 1 (interviews.credit): ",
        ),
        (
            {
                "model": "interviews.interview",
                "fields": {"title": "T", "slug": "t", "status": "live"},
            },  # noqa: E501
            "object 1 (interviews.interview): Value 'live' is not a valid choice.",
        ),
    ]
    for obj, message in cases:
        path = write(folder, "bad.json", json.dumps([obj]))
        refused(path, message=f"{path}: {message}")


def test_a_problem_late_in_the_run_rolls_back_the_earlier_files(folder):
    write(
        folder,
        "z-bad.md",
        GOOD.replace("a-good-interview", "other").replace("draft", "nope"),
    )  # noqa: E501
    refused(folder, message="no status “nope”")
    assert not Interview.objects.filter(slug="a-good-interview").exists()


def test_publishing_an_unready_interview_is_refused(folder):
    text = GOOD.replace("status: draft", "status: published").replace("Body.", "")
    path = write(folder, "unready.md", text)
    refused(path, message="cannot be published: Write a body or add Q&A items")


def test_the_command_line_exits_non_zero_with_file_and_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text(GOOD.replace("status: draft", "status: live"))
    result = subprocess.run(
        [sys.executable, "manage.py", "import_interviews", str(path), "--dry-run"],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "magazine.settings.test", "PATH": ""},
    )
    assert result.returncode != 0
    assert f"{path}:8: no status “live”" in result.stderr


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(folder):
    before = state()
    out = StringIO()
    call_command("import_interviews", str(folder), "--dry-run", stdout=out)
    assert state() == before
    assert "Dry run: nothing written" in out.getvalue()
    assert "interview: 1 created" in out.getvalue()


BILLION_LAUGHS = """---
title: Laughs
slug: laughs
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
standfirst: *i
---
Body.
"""


def test_a_yaml_bomb_is_refused_at_its_first_anchor(folder):
    path = write(folder, "bomb.md", BILLION_LAUGHS)
    refused(path, message=f"{path}:4: YAML anchors and aliases")


def test_an_alias_where_text_belongs_is_refused(folder):
    text = GOOD.replace("title: A good interview", "title: &t A good interview")
    path = write(folder, "alias.md", text.replace("status: draft", "standfirst: *t"))
    refused(path, message=f"{path}:2: YAML anchors and aliases")


def test_front_matter_nested_thousands_deep_is_refused(folder):
    text = GOOD.replace("tags: [kpop]", "tags: " + "[" * 50_000 + "]" * 50_000)
    path = write(folder, "deep.md", text)
    refused(path, message=f"{path}:7: the front matter nests lists or keys too deeply")


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        ("title: A good interview", "title: [A, list]", "“title” must be text"),
        ("title: A good interview", "title: {a: map}", "“title” must be text"),
        ("tags: [kpop]", "tags: [[nested, list]]", "“tags” must be a list of names"),
        ("- interviewer: Jiyoung Lee", "- interviewer:", "each credit is written"),
        (
            "- interviewer: Jiyoung Lee",
            "- interviewer: {name: Jiyoung Lee}",
            "each credit is written",
        ),
        ("status: draft", "featured: [yes]", "“featured” must be true or false"),
        ("status: draft", "publish_at: [2023]", "“publish_at” must be a date"),
        ("status: draft", "standfirst: !!binary aGVsbG8=", "“standfirst” must be"),
    ],
)
def test_a_list_or_mapping_where_a_value_belongs(folder, line, replacement, message):
    path = write(folder, "shape.md", GOOD.replace(line, replacement))
    refused(path, message=message)


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("[kpop, '!!!']", "“!!!” cannot be a tag: a tag needs a letter"),
        (f"[{'x' * 101}]", "is 101 characters long; a tag has at most 100"),
    ],
)
def test_a_tag_that_cannot_be_one_is_refused(folder, tags, message):
    path = write(folder, "tag.md", GOOD.replace("tags: [kpop]", f"tags: {tags}"))
    refused(path, message=f"{path}:7: ")
    refused(path, message=message)


def test_a_fixture_tag_that_cannot_be_one_is_refused(folder):
    fixture = [{"model": "taggit.tag", "fields": {"name": "!!!", "slug": "bangs"}}]
    path = write(folder, "tag.json", json.dumps(fixture))
    refused(path, message=f"{path}: object 1 (taggit.tag): “!!!” cannot be a tag")


def test_json_nested_a_hundred_thousand_deep_is_refused(folder):
    path = write(folder, "deep.json", "[" * 100_000 + "]" * 100_000)
    refused(path, message=f"{path}:1: the JSON nests too deeply")


def test_a_fixture_cannot_publish_an_unready_interview(folder):
    fixture = [
        {
            "model": "interviews.interview",
            "fields": {
                "title": "Empty but published",
                "slug": "empty-but-published",
                "status": "published",
                "publish_at": "2024-01-01T00:00:00Z",
                "created_at": "2024-01-01T00:00:00Z",
                "updated_at": "2024-01-01T00:00:00Z",
            },
        }
    ]
    path = write(folder, "unready.json", json.dumps(fixture))
    message = refused(
        path, message=f"{path}: object 1 (interviews.interview): cannot be published"
    )
    for problem in ["Write a body", "Feature at least one artist", "Credit at least"]:
        assert problem in message


def test_a_fixture_publishes_a_ready_interview_with_credits_later_in_the_run(folder):
    fixture = [
        {
            "model": "interviews.interview",
            "fields": {
                "title": "Ready",
                "slug": "ready",
                "body": "Words.",
                "status": "published",
                "publish_at": "2024-01-01T00:00:00Z",
                "featured_artists": [["kim-sejeong"]],
                "created_at": "2024-01-01T00:00:00Z",
                "updated_at": "2024-01-01T00:00:00Z",
            },
        },
        {
            "model": "interviews.credit",
            "fields": {
                "interview": ["ready"],
                "contributor": ["jung-bae"],
                "role": "interviewer",
            },
        },
    ]
    path = write(folder, "ready.json", json.dumps(fixture))
    call_command("import_interviews", str(path), stdout=StringIO())
    assert Interview.objects.live().filter(slug="ready").exists()


def test_an_export_made_before_contributors_moved_still_imports(folder):
    """Exports written while contributors belonged to the interviews app
    name them `interviews.contributor`."""
    fixture = [
        {
            "model": "interviews.contributor",
            "fields": {"name": "Old Export Writer", "slug": "old-export-writer"},
        }
    ]
    path = write(folder, "old.json", json.dumps(fixture))
    call_command("import_interviews", str(path), stdout=StringIO())
    assert Contributor.objects.filter(slug="old-export-writer").exists()
