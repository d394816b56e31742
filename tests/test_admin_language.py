"""Staff choose English or Korean for the admin; readers' pages stay in the
site's language whatever their browser asks for."""

import json
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from interviews.choices import InterviewStatus
from magazine.admin_language import SESSION_KEY
from magazine.models import StaffPreferences

from .admin_pages import errors_of, read_form
from .factories import make_interview

INDEX = reverse("admin:index")
SWITCH = reverse("admin-language")

pytestmark = pytest.mark.usefixtures("korean")


def choose(client, language, back=INDEX):
    return client.post(SWITCH, {"language": language, "next": back})


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_admin_is_in_english_until_someone_chooses(editor_client):
    html = html_of(editor_client.get(INDEX))
    assert '<html lang="en"' in html
    assert "Editorial desk" in html and "Log out" in html
    # The switch offers Korean by its own name.
    assert 'name="language" value="ko" lang="ko"' in html and ">한국어<" in html


def test_an_editor_who_chose_korean_sees_the_desk_in_korean(editor_client):
    make_interview("Waiting piece", status=InterviewStatus.REVIEW)
    response = choose(editor_client, "ko")
    assert response.status_code == 302 and response.url == INDEX

    html = html_of(editor_client.get(INDEX))
    assert '<html lang="ko"' in html
    # The project's desk and Django's own chrome, both in Korean.
    assert "편집 데스크" in html and "검토 대기 (1)" in html
    assert "Waiting piece" in html
    assert "로그아웃" in html and "Log out" not in html
    assert "Awaiting review" not in html
    # The way back to English.
    assert 'value="en" lang="en"' in html and ">English<" in html


def test_the_interview_form_and_its_validation_are_in_korean(editor_client):
    interview = make_interview(body="")
    choose(editor_client, "ko")
    change = reverse("admin:interviews_interview_change", args=[interview.pk])

    html = html_of(editor_client.get(change))
    for label in ("제목", "리드문", "본문", "발행 시각", "주요 아티스트"):
        assert f">{label}:</label>" in html, label
    assert "모든 날짜와 시각은 독자에게 보이는 대로 한국 시간(KST)입니다." in html

    data = read_form(editor_client.get(change), "interview_form")
    data["status"] = InterviewStatus.PUBLISHED
    # The page as it was drawn: its lazy messages were put in words then.
    html = html_of(editor_client.post(change, data))
    assert escape("발행하기 전에 본문을 쓰거나 Q&A 항목을 추가하세요.") in html
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT


def test_a_korean_form_saves_its_korean_time_as_it_was_shown(editor_client):
    """Dates and times render and parse in the Korean admin's formats: the
    form posted back unchanged keeps the publication time."""
    # 29 March 2030, 18:00 KST.
    when = datetime(2030, 3, 29, 9, 0, tzinfo=UTC)
    interview = make_interview(status=InterviewStatus.PUBLISHED, publish_at=when)
    choose(editor_client, "ko")
    change = reverse("admin:interviews_interview_change", args=[interview.pk])
    response = editor_client.post(
        change, read_form(editor_client.get(change), "interview_form")
    )
    assert response.status_code == 302, errors_of(response)
    interview.refresh_from_db()
    assert interview.publish_at == when


def test_the_choice_sticks_across_requests_and_logins(editor_client, editor):
    choose(editor_client, "ko")
    assert StaffPreferences.objects.get(user=editor).admin_language == "ko"
    assert "편집 데스크" in html_of(editor_client.get(INDEX))

    # Another browser, another session: the account remembers.
    elsewhere = Client()
    elsewhere.force_login(editor)
    assert "편집 데스크" in html_of(elsewhere.get(INDEX))

    choose(elsewhere, "en")
    assert "Editorial desk" in html_of(elsewhere.get(INDEX))
    assert StaffPreferences.objects.get(user=editor).admin_language == "en"


def test_a_session_from_before_the_choice_was_kept_finds_it(editor_client, editor):
    StaffPreferences.objects.create(user=editor, admin_language="ko")
    session = editor_client.session
    del session[SESSION_KEY]
    session.save()
    assert "편집 데스크" in html_of(editor_client.get(INDEX))
    assert editor_client.session[SESSION_KEY] == "ko"


def test_one_editors_korean_is_not_another_staff_members(editor_client, writer):
    choose(editor_client, "ko")
    writer_client = Client()
    writer_client.force_login(writer)
    html = html_of(writer_client.get(INDEX))
    assert "My drafts (0)" in html and "내 초안" not in html


def test_the_switch_goes_back_to_the_page_it_was_used_on(editor_client):
    changelist = reverse("admin:interviews_interview_changelist") + "?status=draft"
    response = choose(editor_client, "ko", back=changelist)
    assert response.status_code == 302 and response.url == changelist


def test_the_switch_never_sends_anyone_to_another_site(editor_client):
    response = choose(editor_client, "ko", back="https://elsewhere.example/")
    assert response.url == INDEX


def test_an_unknown_language_is_refused_and_changes_nothing(editor_client, editor):
    response = choose(editor_client, "xx")
    assert response.status_code == 302
    html = html_of(editor_client.get(INDEX))
    assert "Choose English or Korean for the admin." in html
    assert not StaffPreferences.objects.filter(user=editor).exists()


def test_only_staff_may_switch_and_only_by_posting(editor_client):
    response = Client().post(SWITCH, {"language": "ko"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not StaffPreferences.objects.exists()
    assert editor_client.get(SWITCH).status_code == 405


def test_the_login_page_stays_in_english(client):
    html = html_of(client.get(reverse("admin:login")))
    assert '<html lang="en"' in html and "Log in" in html


def test_the_admin_costs_no_query_for_the_language_once_known(
    editor_client, django_assert_num_queries
):
    choose(editor_client, "ko")
    editor_client.get(INDEX)
    password_done = reverse("admin:password_change_done")
    # The session, the user and the two permission lists of the admin's
    # menu: the language came with the session.
    with django_assert_num_queries(4):
        assert "비밀번호" in html_of(editor_client.get(password_done))


def test_readers_pages_ignore_the_browsers_language(client, archive):
    """Readers' pages are in the site's language, whatever the browser asks
    for: one copy per page in the page cache, no Vary on Accept-Language."""
    for url in ("/", "/interviews/", "/artists/", "/search/?q=sejeong"):
        english = client.get(url)
        korean = Client(HTTP_ACCEPT_LANGUAGE="ko").get(url)
        assert korean.status_code == english.status_code == 200
        assert korean.content == english.content, url
        for response in (english, korean):
            assert "accept-language" not in response.get("Vary", "").lower()
            assert "Content-Language" not in response


def test_an_editor_in_korean_reads_the_site_in_its_own_language(editor_client, archive):
    choose(editor_client, "ko")
    html_of(editor_client.get(INDEX))
    # The same thread, right after a Korean admin page.
    article = Client().get("/interviews/")
    assert article.content == editor_client.get("/interviews/").content
    assert b'lang="en"' in article.content


def test_the_admins_scripts_speak_korean_too(editor_client):
    """The admin's JavaScript catalogue carries the project's own script
    strings (the notice that offers back unsaved text)."""
    catalogue = reverse("admin:jsi18n")
    # The catalogue is JSON with its Korean written as \u escapes.
    restore_it = json.dumps({"Restore it": "되살리기"})[1:-1]
    assert restore_it not in editor_client.get(catalogue).content.decode()
    choose(editor_client, "ko")
    assert restore_it in editor_client.get(catalogue).content.decode()
