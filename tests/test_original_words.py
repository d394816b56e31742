"""The artist's original words beside the translation: an answer of a
translated Q&A interview may carry what the artist said, in the language of
the conversation. Readers open it under the answer (a `<details>`, no
script), marked with its language; search finds it; the admin, the Markdown
and JSON archive formats and revisions carry it; words that cannot be
original (no known language, or the published one) are refused."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from interviews.choices import InterviewStatus, Language
from interviews.models import AutosavedText, Interview, QAItem

from .admin_pages import add_inline_row, errors_of, read_form
from .factories import make_interview

WORDS = "처음으로 제 **목소리**를 찾은 것 같아요."


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def translated(title="Translated piece", **fields):
    """A live Q&A interview conducted in Korean and published in English."""
    fields = {
        "status": InterviewStatus.PUBLISHED,
        "conducted_in": Language.KOREAN,
        "published_in": Language.ENGLISH,
        "body": "",
    } | fields
    return make_interview(title, **fields)


def add_item(interview, position=1, **fields):
    return QAItem.objects.create(
        interview=interview,
        position=position,
        question=f"Question {position}?",
        answer=fields.pop("answer", "I found my voice for the first time."),
        **fields,
    )


# The model: rendering and the language.


def test_original_words_are_rendered_once_and_sanitized(db):
    item = add_item(
        translated(),
        original_answer="**목소리** <script>alert(1)</script> [링크](javascript:x)",
    )
    html = QAItem.objects.get(pk=item.pk).original_answer_html
    assert "<strong>목소리</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html


def test_the_language_is_the_conversations_unless_given(db):
    item = add_item(translated(), original_answer=WORDS)
    assert item.original_language == Language.KOREAN
    japanese = add_item(
        translated("Other"), original_answer="はい", original_language="ja"
    )
    assert japanese.original_language == Language.JAPANESE


def test_an_answer_without_original_words_has_no_language(db):
    item = add_item(translated(), original_answer=WORDS)
    item.original_answer = "  "
    item.save()
    item.refresh_from_db()
    assert (item.original_language, item.original_answer_html) == ("", "")


def test_the_language_tag_is_bcp_47(db):
    item = add_item(
        translated(conducted_in=Language.CHINESE_TRADITIONAL), original_answer="是的"
    )
    assert item.original_language_tag == "zh-Hant"


# The article.


def test_the_article_shows_the_original_under_its_answer_marked_with_its_language(
    client, db
):
    interview = translated()
    add_item(interview, 1, original_answer=WORDS)
    add_item(interview, 2, answer="Only the translation.")
    html = client.get(interview.get_absolute_url()).content.decode()
    answer = html.index("I found my voice for the first time.")
    original = html.index('<details class="original-words">')
    assert answer < original < html.index("Question 2?")
    assert (
        '<details class="original-words"><summary>Original (Korean)</summary>'
        '<div lang="ko"><p>처음으로 제 <strong>목소리</strong>를 찾은 것 같아요.</p>'
        "</div></details>"
    ) in html
    # Closed until a reader opens it, and only where there are words.
    assert "<details open" not in html
    assert html.count("<details") == 1
    assert "<script>" not in html.split("application/ld+json")[0]


def test_a_chinese_original_is_marked_with_its_script(client, db):
    interview = translated(conducted_in=Language.CHINESE_SIMPLIFIED)
    add_item(interview, original_answer="是的")
    html = client.get(interview.get_absolute_url()).content.decode()
    assert '<summary>Original (Chinese (Simplified))</summary><div lang="zh-Hans">' in (
        html
    )


def test_original_words_cost_the_article_no_query(
    client, db, django_assert_num_queries
):
    interview = translated()
    add_item(interview, 1)
    # Each request below is the first since a change: none is a cached page.
    with CaptureQueriesContext(connection) as without_words:
        client.get(interview.get_absolute_url())
    for position in range(2, 21):
        add_item(interview, position, original_answer=WORDS)
    with django_assert_num_queries(len(without_words)):
        response = client.get(interview.get_absolute_url())
    assert response.content.decode().count("<details") == 19


def test_editing_original_words_refreshes_the_cached_article(client, db):
    interview = translated()
    item = add_item(interview, original_answer="처음")
    assert "처음" in client.get(interview.get_absolute_url()).content.decode()
    item.original_answer = "마지막"
    item.save()
    html = client.get(interview.get_absolute_url()).content.decode()
    assert "마지막" in html and "처음" not in html


# Search.


def search(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return [interview.slug for interview in response.context["interviews"]]


def test_a_hangul_query_finds_the_interview_by_its_original_words(client, db):
    interview = translated()
    add_item(interview, original_answer="무대 위에서 가장 행복해요")
    hidden = translated("Draft", status=InterviewStatus.DRAFT, publish_at=None)
    add_item(hidden, original_answer="무대 위에서 가장 행복해요")
    assert search(client, "행복해요") == [interview.slug]
    # As readers type: a prefix of the word.
    assert search(client, "행복해") == [interview.slug]
    assert search(client, "무대") == [interview.slug]


# The admin.


def test_an_editor_types_korean_original_words_in_the_qa_inline(editor_client):
    interview = translated(status=InterviewStatus.DRAFT, publish_at=None)
    form = read_form(editor_client.get(change_url(interview)), "interview_form")
    add_inline_row(
        form,
        "qa_items",
        position="1",
        question="How does it feel?",
        answer="Like I found my voice.",
        original_answer=WORDS,
    )
    response = editor_client.post(change_url(interview), form)
    assert response.status_code == 302, errors_of(response)
    item = interview.qa_items.get()
    assert (item.original_answer, item.original_language) == (WORDS, "ko")
    assert "<strong>목소리</strong>" in item.original_answer_html
    page = editor_client.get(change_url(interview)).content.decode()
    # The saved words come back in a box that says their language, so the
    # browser offers Korean fonts, spelling and input.
    (box,) = re.findall(r'<textarea name="qa_items-0-original_answer"[^>]*>', page)
    assert 'lang="ko"' in box


@pytest.mark.parametrize(
    "conducted_in, language, message",
    [
        ("", "", "Say which language the original words are in"),
        ("en", "", "in the language the interview is published in"),
        ("ko", "en", "in the language the interview is published in"),
        ("ko", "xx", "Select a valid choice. xx is not one of the available"),
    ],
)
def test_original_words_that_cannot_be_original_are_refused(
    editor_client, conducted_in, language, message
):
    interview = translated(
        status=InterviewStatus.DRAFT, publish_at=None, conducted_in=conducted_in
    )
    form = read_form(editor_client.get(change_url(interview)), "interview_form")
    add_inline_row(
        form,
        "qa_items",
        position="1",
        question="Q?",
        answer="A.",
        original_answer=WORDS,
        original_language=language,
    )
    response = editor_client.post(change_url(interview), form)
    assert response.status_code == 200, "the form was accepted"
    assert any(message in error for error in errors_of(response)), errors_of(response)
    assert not interview.qa_items.exists()


def test_a_language_given_stands_where_the_interview_names_none(editor_client):
    interview = translated(status=InterviewStatus.DRAFT, publish_at=None)
    Interview.objects.filter(pk=interview.pk).update(conducted_in="")
    form = read_form(editor_client.get(change_url(interview)), "interview_form")
    add_inline_row(
        form,
        "qa_items",
        position="1",
        question="Q?",
        answer="A.",
        original_answer="はい、そうです。",
        original_language="ja",
    )
    response = editor_client.post(change_url(interview), form)
    assert response.status_code == 302, errors_of(response)
    assert interview.qa_items.get().original_language == "ja"


def test_unsaved_original_words_are_kept_by_the_server(editor_client):
    interview = translated(status=InterviewStatus.DRAFT, publish_at=None)
    url = reverse("admin:interviews_interview_autosave", args=[interview.pk])
    editor_client.post(url, {"qa_items-0-original_answer": WORDS})
    assert AutosavedText.objects.get().fields == {"qa_items-0-original_answer": WORDS}


def test_a_revision_keeps_the_original_words(editor_client):
    interview = translated(status=InterviewStatus.DRAFT, publish_at=None)
    form = read_form(editor_client.get(change_url(interview)), "interview_form")
    add_inline_row(
        form, "qa_items", position="1", question="Q?", answer="A.", original_answer="첫"
    )
    assert editor_client.post(change_url(interview), form).status_code == 302
    form = read_form(editor_client.get(change_url(interview)), "interview_form")
    form["qa_items-0-original_answer"] = "두 번째"
    assert editor_client.post(change_url(interview), form).status_code == 302
    first = Version.objects.get_for_object(interview).order_by("pk").first()
    url = reverse("admin:interviews_interview_revision", args=[interview.pk, first.pk])
    response = editor_client.post(
        url, read_form(editor_client.get(url), "interview_form")
    )
    assert response.status_code == 302, errors_of(response)
    item = interview.qa_items.get()
    assert (item.original_answer, item.original_language) == ("첫", "ko")
    assert "첫" in item.original_answer_html


# The Markdown format.

PIECE = """---
title: Translated
slug: translated
artists: [Kim Sejeong]
credits:
  - interviewer: Jiyoung Lee
conducted_in: {conducted_in}
published_in: en
---
## Q1: How does it feel?

Like I found my voice.

{block}

## Q2: And now?

Happy.
"""
BLOCK = "::: original\n처음으로 제 **목소리**를\n찾은 것 같아요.\n:::"


def markdown_file(tmp_path, *, block=BLOCK, conducted_in="ko"):
    path = tmp_path / "translated.md"
    path.write_text(PIECE.format(block=block, conducted_in=conducted_in))
    return path


def run_import(*paths):
    call_command("import_interviews", *map(str, paths), stdout=StringIO())


def test_markdown_original_words_arrive_under_their_answer(db, tmp_path):
    run_import(markdown_file(tmp_path))
    first, second = Interview.objects.get(slug="translated").qa_items.all()
    assert first.answer == "Like I found my voice."
    assert first.original_answer == "처음으로 제 **목소리**를\n찾은 것 같아요."
    assert first.original_language == "ko"
    assert "<strong>목소리</strong>" in first.original_answer_html
    assert (second.original_answer, second.original_language) == ("", "")


def test_markdown_original_words_may_name_their_language(db, tmp_path):
    block = "::: original JA\nはい\n:::"
    run_import(markdown_file(tmp_path, block=block, conducted_in=""))
    item = Interview.objects.get(slug="translated").qa_items.first()
    assert (item.original_answer, item.original_language) == ("はい", "ja")


def test_importing_the_same_original_words_again_changes_nothing(db, tmp_path):
    path = markdown_file(tmp_path)
    run_import(path)
    out = StringIO()
    call_command("import_interviews", str(path), stdout=out)
    assert "interview: 0 created, 0 updated, 1 unchanged" in out.getvalue()
    path.write_text(path.read_text().replace("찾은", "발견한"))
    out = StringIO()
    call_command("import_interviews", str(path), stdout=out)
    assert "interview: 0 created, 1 updated, 0 unchanged" in out.getvalue()
    assert "발견한" in QAItem.objects.get(position=1).original_answer


@pytest.mark.parametrize(
    "block, conducted_in, line, message",
    [
        ("::: original\n처음", "ko", 14, "have no closing ::: line"),
        ("::: original\n:::", "ko", 14, "no original words"),
        ("::: original xx\n처음\n:::", "ko", 14, "no language “xx”; use one of ko"),
        ("::: original ko kr\n처음\n:::", "ko", 14, "as one code"),
        (BLOCK, "", 14, "Say which language the original words are in"),
        (BLOCK, "en", 14, "the language the interview is published in"),
        ("::: original en\n처음\n:::", "ko", 14, "the language the interview is"),
        (BLOCK + "\nMore answer.", "ko", 18, "come last in their answer"),
        (BLOCK + "\n" + BLOCK, "ko", 18, "has its original words already"),
    ],
)
def test_malformed_original_words_are_refused_with_file_and_line(
    db, tmp_path, block, conducted_in, line, message
):
    path = markdown_file(tmp_path, block=block, conducted_in=conducted_in)
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert f"{path}:{line}: " in str(error.value)
    assert message in str(error.value)
    assert not Interview.objects.exists()


def test_original_words_outside_an_answer_are_refused(db, tmp_path):
    path = tmp_path / "body.md"
    path.write_text(
        "---\ntitle: T\nslug: t\nconducted_in: ko\n---\nBody.\n\n"
        + BLOCK
        + "\n\n## Q1: Q?\n\nA.\n"
    )
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert f"{path}:8: original words belong to an answer" in str(error.value)


def test_the_markdown_export_writes_the_original_words_after_the_answer(db, tmp_path):
    interview = translated()
    add_item(interview, 1, original_answer="처음으로\n\n두 번째 문단")
    add_item(interview, 2, original_answer="네", original_language="ja")
    add_item(interview, 3)
    call_command(
        "export_interviews", str(tmp_path), "--format", "markdown", stdout=StringIO()
    )
    text = (tmp_path / f"{interview.slug}.md").read_text()
    assert (
        "## Q1: Question 1?\n\nI found my voice for the first time.\n\n"
        "::: original ko\n처음으로\n\n두 번째 문단\n:::\n\n## Q2: Question 2?"
    ) in text
    assert "::: original ja\n네\n:::" in text
    assert text.count("::: original") == 2


# Round trips through both archive formats.


@pytest.mark.parametrize("format", ["markdown", "json"])
def test_original_words_round_trip_through_export_and_import(db, tmp_path, format):
    interview = translated()
    add_item(interview, 1, original_answer=WORDS)
    add_item(interview, 2, original_answer="はい", original_language="ja")
    add_item(interview, 3)
    fields = ("position", "answer", "original_answer", "original_language")
    before = list(QAItem.objects.values_list(*fields, "original_answer_html"))
    call_command(
        "export_interviews", str(tmp_path), "--format", format, stdout=StringIO()
    )
    Interview.objects.all().delete()
    run_import(tmp_path)
    assert list(QAItem.objects.values_list(*fields, "original_answer_html")) == before
    assert search_document_has(WORDS.split()[0])


def search_document_has(word):
    return Interview.objects.filter(search_document__contains=word).exists()


def test_a_fixture_with_original_words_in_no_known_language_is_refused(db, tmp_path):
    interview = translated(conducted_in="")
    call_command(
        "export_interviews", str(tmp_path), "--format", "json", stdout=StringIO()
    )
    Interview.objects.all().delete()
    (fixture,) = tmp_path.glob("02-*.json")
    objects = json.loads(fixture.read_text())
    objects.append(
        {
            "model": "interviews.qaitem",
            "fields": {
                "interview": [interview.slug],
                "position": 1,
                "question": "Q?",
                "answer": "A.",
                "original_answer": WORDS,
            },
        }
    )
    fixture.write_text(json.dumps(objects))
    with pytest.raises(CommandError) as error:
        run_import(tmp_path)
    assert "(interviews.qaitem): Say which language the original words are in" in (
        str(error.value)
    )
    assert not Interview.objects.exists()
