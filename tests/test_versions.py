"""Language versions: one piece in several languages (a Korean original and
its English translation), each an interview of its own with its own status,
linked to the original, and only the live ones shown anywhere."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.choices import InterviewStatus, Language
from interviews.models import Interview

from .admin_pages import errors_of, read_form
from .factories import make_interview
from .planner import (
    postgres_index_definition,
    sqlite_plan,
    sqlite_statistics_as_if,
)

PUBLISHED = InterviewStatus.PUBLISHED


def korean_version(original, *, status=PUBLISHED, publish_at=None, **fields):
    """The Korean version of `original`, about the same artist."""
    return make_interview(
        fields.pop("title", "김세정 인터뷰"),
        slug=fields.pop("slug", f"{original.slug}-ko"),
        status=status,
        publish_at=publish_at,
        version_of=original,
        published_in=Language.KOREAN,
        body=fields.pop("body", "세정이 노래를 부른다."),
        artist=original.featured_artists.get(),
        **fields,
    )


@pytest.fixture
def piece(db):
    original = make_interview("Kim Sejeong on her album", status=PUBLISHED)
    return original, korean_version(original)


def refusal(interview):
    with pytest.raises(ValidationError) as caught:
        interview.full_clean()
    return caught.value.message_dict


# The rules of a piece


def test_a_version_cannot_be_its_own(piece):
    original, _ = piece
    original.version_of = original
    assert "itself" in refusal(original)["version_of"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.filter(pk=original.pk).update(version_of=original.pk)


def test_a_version_of_a_version_is_refused(piece):
    original, korean = piece
    japanese = make_interview("日本語", published_in=Language.JAPANESE)
    japanese.version_of = korean
    assert "itself a version" in refusal(japanese)["version_of"][0]


def test_an_original_with_versions_cannot_become_a_version(piece):
    original, _ = piece
    other = make_interview("Another piece", published_in=Language.JAPANESE)
    original.version_of = other
    assert "one original" in refusal(original)["version_of"][0]


def test_two_versions_in_one_language_are_refused(piece):
    original, korean = piece
    second = make_interview("또 다른 번역", published_in=Language.KOREAN)
    second.version_of = original
    assert "already has a version in Korean" in refusal(second)["published_in"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.filter(pk=second.pk).update(version_of=original)


def test_a_version_in_its_originals_language_is_refused(piece):
    original, _ = piece
    english = make_interview("Another English text")
    english.version_of = original
    assert "in English too" in refusal(english)["published_in"][0]


def test_an_original_cannot_take_a_versions_language(piece):
    original, _ = piece
    original.published_in = Language.KOREAN
    assert "version in Korean" in refusal(original)["published_in"][0]


def test_a_language_the_site_does_not_know_is_refused(piece):
    original, _ = piece
    original.published_in = "tlh"
    assert "published_in" in refusal(original)
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.filter(pk=original.pk).update(published_in="tlh")


# The article pages


def alternates(html):
    """The hreflang alternates a page declares, as {hreflang: address}."""
    import re

    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    )


def test_both_versions_link_each_other_with_hreflang_and_lang(client, piece):
    original, korean = piece
    english_page = client.get(original.get_absolute_url()).content.decode()
    korean_page = client.get(korean.get_absolute_url()).content.decode()
    expected = {
        "en": f"http://testserver{original.get_absolute_url()}",
        "ko": f"http://testserver{korean.get_absolute_url()}",
        "x-default": f"http://testserver{original.get_absolute_url()}",
    }
    assert alternates(english_page) == expected
    assert alternates(korean_page) == expected
    assert '<html lang="en">' in english_page
    assert '<html lang="ko">' in korean_page
    # The switcher names each other version in its own language.
    assert (
        f'<a href="{korean.get_absolute_url()}" hreflang="ko" lang="ko">한국어</a>'
        in english_page
    )
    assert (
        f'<a href="{original.get_absolute_url()}" hreflang="en" lang="en">English</a>'
        in korean_page
    )
    # The site around a Korean article is drawn in Korean with it
    # (tests/test_public_language.py), so nothing in it says otherwise.
    assert '<header class="site-header">' in korean_page


@pytest.mark.parametrize(
    "status, publish_at",
    [
        (InterviewStatus.DRAFT, None),
        (InterviewStatus.REVIEW, None),
        (PUBLISHED, timezone.now() + timedelta(days=1)),  # scheduled
        (InterviewStatus.ARCHIVED, timezone.now() - timedelta(days=1)),
    ],
)
def test_a_version_that_is_not_live_appears_nowhere(client, db, status, publish_at):
    original = make_interview("Kim Sejeong on her album", status=PUBLISHED)
    hidden = korean_version(original, status=status, publish_at=publish_at)
    page = client.get(original.get_absolute_url()).content.decode()
    assert hidden.get_absolute_url() not in page
    assert alternates(page) == {}
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for address in (
        reverse("interviews:list"),
        reverse("interviews:list") + "?lang=ko",
        reverse("feeds:language-rss", args=["ko"]),
        reverse("feeds:language-atom", args=["ko"]),
        reverse("search") + "?q=세정",
        "/sitemap-interviews.xml",
    ):
        answer = client.get(address)
        assert answer.status_code == 200, address
        assert hidden.get_absolute_url() not in answer.content.decode(), address


def test_a_live_version_of_a_hidden_original_stands_alone(client, db):
    original = make_interview("Kim Sejeong on her album")  # a draft
    korean = korean_version(original)
    page = client.get(korean.get_absolute_url()).content.decode()
    assert original.get_absolute_url() not in page
    assert alternates(page) == {}
    assert '<html lang="ko">' in page


def test_versions_of_one_piece_link_each_other_only(client, piece):
    original, korean = piece
    japanese = make_interview(
        "キム・セジョン",
        slug="kim-sejeong-ja",
        status=PUBLISHED,
        version_of=original,
        published_in=Language.JAPANESE,
    )
    unrelated = make_interview("Another piece", status=PUBLISHED)
    page = client.get(japanese.get_absolute_url()).content.decode()
    assert set(alternates(page)) == {"en", "ko", "ja", "x-default"}
    assert alternates(client.get(unrelated.get_absolute_url()).content.decode()) == {}


def test_the_live_versions_of_an_interview(piece):
    original, korean = piece
    hidden = make_interview(
        "日本語", slug="ja", version_of=original, published_in=Language.JAPANESE
    )
    live = Interview.objects.live()
    assert list(live.language_versions(korean)) == [original]
    assert list(live.language_versions(original)) == [korean]
    assert set(Interview.objects.language_versions(hidden)) == {original, korean}


# The sitemap, lists and feeds


def test_the_sitemap_lists_each_versions_live_alternates(client, piece):
    from xml.etree import ElementTree

    original, korean = piece
    make_interview(
        "日本語", slug="hidden-ja", version_of=original, published_in=Language.JAPANESE
    )
    alone = make_interview("Alone", status=PUBLISHED)
    xml = client.get("/sitemap-interviews.xml").content
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    entries = {
        url.find("s:loc", namespaces).text: {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", namespaces)
        }
        for url in ElementTree.fromstring(xml).findall("s:url", namespaces)
    }
    english = f"http://testserver{original.get_absolute_url()}"
    hangul = f"http://testserver{korean.get_absolute_url()}"
    expected = {"en": english, "ko": hangul, "x-default": english}
    assert entries[english] == expected
    assert entries[hangul] == expected
    assert entries[f"http://testserver{alone.get_absolute_url()}"] == {}
    assert "hidden-ja" not in xml.decode()


def test_the_list_narrows_to_one_language(client, piece):
    original, korean = piece
    korean_list = client.get(reverse("interviews:list") + "?lang=ko").content.decode()
    assert korean.get_absolute_url() in korean_list
    assert original.get_absolute_url() not in korean_list
    everything = client.get(reverse("interviews:list")).content.decode()
    assert korean.get_absolute_url() in everything
    assert original.get_absolute_url() in everything


@pytest.mark.parametrize("code", ["xx", "KO", "ko-kr", "<script>"])
def test_an_unknown_language_is_a_clean_404(client, db, code):
    assert client.get(reverse("interviews:list"), {"lang": code}).status_code == 404
    assert client.get(f"/feeds/{code}/rss/").status_code == 404


def test_a_language_list_is_cached_apart_from_the_whole_list(client, piece, settings):
    settings.PAGE_CACHE = True
    original, korean = piece
    client.get(reverse("interviews:list"))
    korean_list = client.get(reverse("interviews:list") + "?lang=ko").content.decode()
    assert original.get_absolute_url() not in korean_list


def test_the_language_feeds_carry_that_language_only(client, piece):
    original, korean = piece
    for name in ("feeds:language-rss", "feeds:language-atom"):
        feed = client.get(reverse(name, args=["ko"])).content.decode()
        assert korean.get_absolute_url() in feed
        assert original.get_absolute_url() not in feed
    rss = client.get(reverse("feeds:language-rss", args=["ko"])).content.decode()
    assert "<language>ko</language>" in rss


def test_a_languages_pieces_are_read_from_its_own_rows(client, piece):
    """A language few pieces are in (Japanese, or Korean while the edition
    is young): its list and its feeds read that language's rows in order.
    From the index of the site's order, SQLite walked every interview to
    find a few (1.2 s at 100,000 for a feed with none); PostgreSQL is
    checked to have the same index."""
    if connection.vendor == "postgresql":
        definition = postgres_index_definition("interview_language_order")
        assert "(published_in, publish_at DESC, created_at DESC" in definition
        return
    for n in range(20):
        make_interview(f"English piece {n}", status=PUBLISHED)
    sqlite_statistics_as_if(Interview, 100_000)
    for address in (
        reverse("interviews:list") + "?lang=ja",
        reverse("interviews:list") + "?lang=ko&page=2",
        reverse("feeds:language-rss", args=["ko"]),
    ):
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        narrowed = [q["sql"] for q in queries if '"published_in" = ' in q["sql"]]
        assert narrowed, address
        for sql in narrowed:
            plan = " ".join(sqlite_plan(sql))
            assert "interview_language_order" in plan, (address, plan)


# Search finds a piece in either language


def found(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return [interview.slug for interview in response.context["interviews"]]


@pytest.fixture
def korean_text(piece):
    original, korean = piece
    original.body = "She talks about songwriting."
    original.save()
    korean.title = "김세정, 첫 정규 앨범을 말하다"
    korean.standfirst = "세정이 들려주는 새 노래 이야기"
    korean.body = "세정은 노래를 부르며 꿈을 이야기했다. 팬들에게 고마운 마음을 전했다."
    korean.save()
    return original, korean


@pytest.mark.parametrize(
    "query",
    [
        "세정",  # 세정이, 세정은: the name with its particles
        "노래",  # 노래를: the word with its object marker
        "김세정",  # the whole word as written in the title
        "앨범",  # 앨범을
        "팬들",  # 팬들에게
        "세정 노래",  # both words, each a stem
        "\u1109\u1166\u110c\u1165\u11bc",  # 세정 typed as separate jamo
    ],
)
def test_a_hangul_stem_finds_the_korean_version(client, korean_text, query):
    original, korean = korean_text
    assert korean.slug in found(client, query)
    assert original.slug not in found(client, query)


def test_one_hangul_syllable_is_a_word_not_a_prefix(client, korean_text):
    # 꿈 ("dream") stands alone in 꿈을 only with its particle: one syllable
    # is too short to be a prefix (이, 가 begin half the language).
    _, korean = korean_text
    assert korean.slug not in found(client, "꿈")
    assert korean.slug not in found(client, "세")


def test_an_english_query_finds_the_english_version(client, korean_text):
    original, korean = korean_text
    assert found(client, "songwrit") == [original.slug]


def test_a_hidden_korean_version_is_not_found(client, korean_text):
    _, korean = korean_text
    Interview.objects.filter(pk=korean.pk).update(status=InterviewStatus.DRAFT)
    assert found(client, "세정") == []


# The importer and the export

SEJEONG = "kim-se-jeong-reveals-goals-for-im-album"

KOREAN_FILE = """---
title: 김세정, 앨범의 목표를 밝히다
slug: kim-se-jeong-goals-ko
version_of: {original}
artists: [김세정]
credits:
  - interviewer: Khriz Virgilio
published_in: {language}
conducted_in: ko
status: published
publish_at: 2023-01-25 18:00
---
세정은 새 앨범에 대해 이야기했다.
"""


def import_file(tmp_path, name="ko.md", **values):
    path = tmp_path / name
    path.write_text(
        KOREAN_FILE.format(**{"original": SEJEONG, "language": "ko", **values})
    )
    call_command("import_interviews", str(path), stdout=StringIO())
    return path


def import_refused(tmp_path, message, **values):
    before = list(Interview.objects.values_list("slug", "version_of", "status"))
    with pytest.raises(CommandError) as error:
        import_file(tmp_path, **values)
    assert message in str(error.value)
    assert list(Interview.objects.values_list("slug", "version_of", "status")) == (
        before
    )
    return str(error.value)


def test_the_archives_sejeong_interview_gets_a_korean_version_by_import(
    archive, client, tmp_path
):
    import_file(tmp_path)
    korean = Interview.objects.get(slug="kim-se-jeong-goals-ko")
    original = Interview.objects.get(slug=SEJEONG)
    assert korean.version_of == original
    assert korean.is_live
    assert str(korean.byline).startswith("Interview by Khriz Virgilio.")
    english_page = client.get(original.get_absolute_url()).content.decode()
    korean_page = client.get(korean.get_absolute_url()).content.decode()
    assert alternates(english_page) == alternates(korean_page)
    assert set(alternates(korean_page)) == {"en", "ko", "x-default"}
    assert korean.slug in found(client, "세정")
    # Importing the same file again changes nothing.
    import_file(tmp_path)
    assert Interview.objects.get(slug=korean.slug).version_of == original


def test_an_original_imported_in_the_same_run_comes_first(archive, tmp_path):
    # The version's file sorts before its original's.
    (tmp_path / "a-version.md").write_text(
        KOREAN_FILE.format(original="z-original", language="ko")
    )
    (tmp_path / "z-original.md").write_text(
        "---\ntitle: The original\nslug: z-original\nartists: [Kim Sejeong]\n---\n"
        "Body.\n"
    )
    call_command("import_interviews", str(tmp_path), stdout=StringIO())
    assert (
        Interview.objects.get(slug="kim-se-jeong-goals-ko").version_of.slug
        == "z-original"
    )


def test_importer_refusals_name_the_file_and_line(archive, tmp_path):
    line = "ko.md:4: "
    assert line + "no interview “nowhere”" in import_refused(
        tmp_path, "no interview", original="nowhere"
    )
    assert line + "an interview cannot be a version of itself" in import_refused(
        tmp_path, "itself", original="kim-se-jeong-goals-ko"
    )
    assert "ko.md:8: The original is in English too" in import_refused(
        tmp_path, "in English too", language="en"
    )
    assert "ko.md:8: no language “tlh”" in import_refused(
        tmp_path, "no language", language="tlh"
    )
    import_file(tmp_path)
    # A second Korean version of one original, and a version of a version.
    second = KOREAN_FILE.replace("kim-se-jeong-goals-ko", "second-korean")
    (tmp_path / "second.md").write_text(second.format(original=SEJEONG, language="ko"))
    with pytest.raises(CommandError, match="already has a version in Korean"):
        call_command("import_interviews", str(tmp_path / "second.md"))
    chain = KOREAN_FILE.replace("kim-se-jeong-goals-ko", "japanese-of-korean")
    (tmp_path / "chain.md").write_text(
        chain.format(original="kim-se-jeong-goals-ko", language="ja")
    )
    with pytest.raises(CommandError, match=r"chain.md:4: .* is itself a version"):
        call_command("import_interviews", str(tmp_path / "chain.md"))


@pytest.mark.parametrize("format", ["markdown", "json"])
def test_a_live_export_names_no_hidden_original(db, tmp_path, format):
    original = make_interview("Hidden original")
    korean = korean_version(original)
    call_command(
        "export_interviews", str(tmp_path), "--format", format, stdout=StringIO()
    )
    exported = "".join(path.read_text() for path in tmp_path.iterdir())
    assert korean.slug in exported
    assert f"version_of: {original.slug}" not in exported
    assert f'["{original.slug}"]' not in exported
    korean.delete()
    original.delete()
    call_command("import_interviews", str(tmp_path), stdout=StringIO())
    assert Interview.objects.get(slug=korean.slug).version_of is None


def fixture_version(tmp_path, original, language="ko"):
    import json

    path = tmp_path / "version.json"
    path.write_text(
        json.dumps(
            [
                {
                    "model": "interviews.interview",
                    "fields": {
                        "title": "김세정 인터뷰",
                        "slug": "fixture-korean",
                        "version_of": [original],
                        "published_in": language,
                        "status": "draft",
                        "created_at": "2023-01-25T09:00:00Z",
                        "updated_at": "2023-01-25T09:00:00Z",
                    },
                }
            ]
        )
    )
    return path


@pytest.mark.parametrize(
    "original, language, message",
    [
        ("nowhere", "ko", "object 1 .interviews.interview.: it names what no file"),
        (SEJEONG, "en", "The original is in English too"),
        (SEJEONG, "tlh", "not a valid choice"),
    ],
)
def test_a_fixtures_bad_version_is_refused(
    archive, tmp_path, original, language, message
):
    path = fixture_version(tmp_path, original, language)
    with pytest.raises(CommandError, match=message):
        call_command("import_interviews", str(path), stdout=StringIO())
    assert not Interview.objects.filter(slug="fixture-korean").exists()


def test_a_fixture_links_a_version(archive, tmp_path):
    call_command(
        "import_interviews", str(fixture_version(tmp_path, SEJEONG)), stdout=StringIO()
    )
    assert Interview.objects.get(slug="fixture-korean").version_of.slug == SEJEONG


# The admin


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def add_version_url(interview):
    return reverse("admin:interviews_interview_add_version", args=[interview.pk])


def test_an_editor_adds_a_korean_version_of_the_archives_sejeong_interview(
    archive, editor_client, client
):
    original = Interview.objects.get(slug=SEJEONG)
    form = editor_client.get(change_url(original)).content.decode()
    assert add_version_url(original) in form
    page = editor_client.get(add_version_url(original)).content.decode()
    assert '<option value="ko">' in page
    assert '<option value="en">' not in page  # the original's own language
    answer = editor_client.post(add_version_url(original), {"language": "ko"})
    korean = Interview.objects.get(version_of=original)
    assert answer.status_code == 302
    assert answer["Location"] == change_url(korean)
    assert korean.status == InterviewStatus.DRAFT
    assert korean.published_in == Language.KOREAN
    assert korean.slug == f"{SEJEONG}-ko"
    assert set(korean.featured_artists.all()) == set(original.featured_artists.all())
    assert list(korean.qa_items.values_list("question", flat=True)) == list(
        original.qa_items.values_list("question", flat=True)
    )
    # The original's translator translated the English text, not this one.
    roles = list(korean.credits.values_list("role", "contributor"))
    assert roles == list(
        original.credits.exclude(role="translator").values_list("role", "contributor")
    )
    assert original.credits.filter(role="translator").exists()
    # Each form lists the other version.
    assert (
        change_url(korean) in editor_client.get(change_url(original)).content.decode()
    )
    assert (
        change_url(original) in editor_client.get(change_url(korean)).content.decode()
    )
    # The translator rewrites it in Korean and an editor publishes it.
    data = read_form(editor_client.get(change_url(korean)), "interview_form")
    data.update(
        title="김세정, 첫 정규 앨범의 목표를 밝히다",
        body="세정은 새 앨범에 대해 이야기했다.",
        status=PUBLISHED,
    )
    answer = editor_client.post(change_url(korean), data)
    assert answer.status_code == 302, errors_of(answer)
    english_page = client.get(original.get_absolute_url()).content.decode()
    korean_page = client.get(korean.get_absolute_url()).content.decode()
    assert set(alternates(english_page)) == {"en", "ko", "x-default"}
    assert alternates(english_page) == alternates(korean_page)
    assert korean.slug in found(client, "세정")


def test_the_add_version_page_refuses_a_taken_language(editor_client, piece):
    original, korean = piece
    answer = editor_client.post(add_version_url(korean), {"language": "ko"})
    assert answer.status_code == 200
    assert "Select a valid choice" in answer.content.decode()
    assert Interview.objects.count() == 2
    answer = editor_client.post(add_version_url(original), {"language": "tlh"})
    assert answer.status_code == 200
    assert Interview.objects.count() == 2


def test_a_version_added_at_the_same_moment_as_another_is_refused_clearly(
    db, monkeypatch
):
    """Two editors add a Korean version at once: the second one's check ran
    before the first's version was saved. The database's constraint refuses
    it, and the editor is told why rather than shown a server error."""
    from interviews import services

    original = make_interview("Kim Sejeong on her album", status=PUBLISHED)
    checked = Interview.full_clean

    def checked_before_the_other_saved(interview, *args, **kwargs):
        if not Interview.objects.filter(version_of=original).exists():
            checked(interview, *args, **kwargs)
            korean_version(original, status=InterviewStatus.DRAFT)
            return
        checked(interview, *args, **kwargs)

    monkeypatch.setattr(Interview, "full_clean", checked_before_the_other_saved)
    with pytest.raises(ValidationError) as refused:
        services.add_language_version(
            interview=original, language=Language.KOREAN, by=None
        )
    assert "already has a version in Korean" in str(refused.value)


def test_the_add_version_page_of_a_missing_interview_is_a_404(editor_client, db):
    assert editor_client.get(add_version_url(Interview(pk=999))).status_code == 404


def linked_through_the_form(client, interview, original, **changes):
    data = read_form(client.get(change_url(interview)), "interview_form")
    data.update(version_of=str(original.pk), **changes)
    return client.post(change_url(interview), data)


def test_the_form_links_a_version_to_its_original(editor_client, db):
    original = make_interview("Original")
    korean = make_interview("김세정", slug="sejeong-ko", published_in=Language.KOREAN)
    answer = linked_through_the_form(editor_client, korean, original)
    assert answer.status_code == 302, answer.context["adminform"].form.errors
    korean.refresh_from_db()
    assert korean.version_of == original


@pytest.mark.parametrize(
    "case, message",
    [
        ("itself", "cannot be a version of itself"),
        ("version of a version", "is itself a version"),
        ("same language as the original", "The original is in English too"),
        ("language taken", "already has a version in Korean"),
    ],
)
def test_the_form_refuses_a_bad_link(editor_client, piece, case, message):
    original, korean = piece
    other = make_interview("Other", published_in=Language.JAPANESE)
    target, changes = {
        "itself": (other, {}),
        "version of a version": (korean, {}),
        "same language as the original": (original, {"published_in": "en"}),
        "language taken": (original, {"published_in": "ko"}),
    }[case]
    if case == "itself":
        target = other
    answer = linked_through_the_form(editor_client, other, target, **changes)
    assert answer.status_code == 200
    assert any(message in error for error in errors_of(answer)), errors_of(answer)
    other.refresh_from_db()
    assert other.version_of is None


def test_an_original_is_not_deleted_from_under_its_versions(editor_client, piece):
    original, korean = piece
    delete = reverse("admin:interviews_interview_delete", args=[original.pk])
    page = editor_client.get(delete)
    assert page.status_code == 200
    assert korean.title in page.content.decode()
    assert editor_client.post(delete, {"post": "yes"}).status_code == 200
    assert Interview.objects.filter(pk=original.pk).exists()


def test_a_korean_title_on_an_english_list_says_its_language(client, piece):
    _, korean = piece
    page = client.get(reverse("interviews:list")).content.decode()
    assert (
        f'<h3 class="card-title" lang="ko"><a href="{korean.get_absolute_url()}">'
        in page
    )


def structured_data(client, interview):
    import json
    import re

    page = client.get(interview.get_absolute_url()).content.decode()
    (data,) = re.findall(
        r"<script type=\"application/ld\+json\">(.*?)</script>", page, re.S
    )
    return json.loads(data)


def test_structured_data_links_the_live_versions_only(client, piece):
    original, korean = piece
    hidden = make_interview(
        "日本語", slug="hidden-ja", version_of=original, published_in=Language.JAPANESE
    )
    english, hangul = (
        f"http://testserver{interview.get_absolute_url()}"
        for interview in (original, korean)
    )
    assert structured_data(client, original)["workTranslation"] == [{"@id": hangul}]
    assert structured_data(client, korean)["translationOfWork"] == {"@id": english}
    assert structured_data(client, korean)["inLanguage"] == "ko"
    assert hidden.slug not in str(structured_data(client, original))


def test_live_versions_read_alone_match_those_read_with_the_article(piece):
    original, korean = piece
    with_article = Interview.objects.with_article().get(pk=korean.pk).live_versions
    alone = Interview.objects.get(pk=korean.pk).live_versions
    assert alone == with_article
    assert [(v.language, v.is_original, v.is_current) for v in alone] == [
        ("en", True, False),
        ("ko", False, True),
    ]


def test_two_pieces_each_declare_their_own_versions(client, db):
    pieces = []
    for name in ("First piece", "Second piece", "Third piece"):
        original = make_interview(name, status=PUBLISHED)
        pieces.append((original, korean_version(original, title=f"{name} 번역")))
    xml = client.get("/sitemap-interviews.xml").content.decode()
    for original, korean in pieces:
        expected = {
            "en": f"http://testserver{original.get_absolute_url()}",
            "ko": f"http://testserver{korean.get_absolute_url()}",
            "x-default": f"http://testserver{original.get_absolute_url()}",
        }
        for interview in (original, korean):
            page = client.get(interview.get_absolute_url()).content.decode()
            assert alternates(page) == expected, interview.slug
        entry = xml.split(f"<loc>{expected['ko']}</loc>")[1].split("</url>")[0]
        assert f'hreflang="en" href="{expected["en"]}"' in entry
