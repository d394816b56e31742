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
    ("/search/?q=sejeong", 200),
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
