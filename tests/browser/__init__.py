"""Tests that drive a real browser (Chromium, through Playwright) or the Nu
HTML Checker against the site: see conftest.py for what they need."""

# One of each kind of public page, on the archive, with the status it answers.
PUBLIC_PAGES = [
    ("/", 200),
    ("/interviews/", 200),
    ("/interviews/kcrush-interview-with-soseo/", 200),
    ("/interviews/kim-se-jeong-reveals-goals-for-im-album/", 200),
    # Its artist "formerly of I.O.I and gugudan", and the groups it mentions.
    ("/interviews/kim-sejeong-talks-first-full-length-album-door/", 200),
    ("/artists/", 200),
    ("/artists/kim-sejeong/", 200),
    ("/artists/gugudan/", 200),
    # A group whose former member's interviews it lists.
    ("/artists/ioi/", 200),
    ("/releases/im/", 200),
    ("/releases/upcoming/", 200),
    ("/releases/2022/3/", 200),
    ("/tags/kpop/", 200),
    ("/contributors/khriz-virgilio/", 200),
    ("/corrections/", 200),
    # A Korean version: <html lang="ko">, Hangul text, its switcher and
    # hreflang alternates (see `add_korean_version`).
    ("/interviews/kim-se-jeong-reveals-goals-for-im-album-ko/", 200),
    # The Korean list, drawn in Korean from its masthead to its dates.
    ("/interviews/?lang=ko", 200),
    ("/search/?q=sejeong", 200),
    ("/search/?q=%EC%84%B8%EC%A0%95", 200),  # 세정
    # A spelling of 김세정 that no name or alias holds.
    ("/search/?q=Gim+Sejung", 200),
    # Found by a former stage name, by another spelling ("Did you mean"),
    # and not at all: the suggestions of the empty search.
    ("/search/?q=shuuu", 200),
    ("/search/?q=Kim+Se+Jung", 200),
    ("/search/?q=zzzqqq", 200),
    ("/search/", 200),
    ("/no-such-page/", 404),
]


def server_error_page():
    """The 500 page as Django's server_error renders it: from a plain
    template, with no request and no database."""
    from django.test import RequestFactory
    from django.views.defaults import server_error

    return server_error(RequestFactory().get("/")).content


def add_korean_version():
    """A live Korean version of the archive's Kim Se Jeong interview, made as
    an editor makes one, for the pages above."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model

    from interviews.models import Interview
    from interviews.services import add_language_version, publish_interview
    from magazine.roles import EDITOR, setup_roles

    editor = get_user_model().objects.create_user(
        username="korean-version-editor", password=None, is_staff=True
    )
    editor.groups.add(setup_roles()[EDITOR])
    original = Interview.objects.get(slug="kim-se-jeong-reveals-goals-for-im-album")
    korean = add_language_version(interview=original, language="ko", by=editor)
    korean.title = "김세정, 첫 정규 앨범 《I'm》의 목표를 밝히다"
    korean.standfirst = (
        "가수이자 배우인 세정이 새 앨범과 노래에 담은 이야기를 들려줬다."
    )
    korean.body = "세정은 이번 앨범을 준비하며 많은 것을 배웠다고 말했다."
    korean.save()
    for item in korean.qa_items.all():
        item.question = "이번 앨범에서 가장 아끼는 노래는 무엇인가요?"
        item.answer = "모든 노래가 소중하지만, 타이틀곡을 가장 많이 연습했어요."
        item.save()
    # A day after the original, at a whole second as the archive's times are.
    publish_interview(
        interview=korean, by=editor, at=original.publish_at + timedelta(days=1)
    )
    return korean
