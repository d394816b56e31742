"""Bylines are built from credits: grouped by role, in credit order."""

from types import SimpleNamespace

from interviews.bylines import Byline
from interviews.choices import Role


def credit(role, name):
    return SimpleNamespace(role=role, contributor=name)


def test_the_byline_of_the_brief():
    byline = Byline.from_credits(
        [
            credit(Role.PHOTO_CREDIT, "Jellyfish Entertainment"),
            credit(Role.INTERVIEWER, "Khriz Virgilio"),
            credit(Role.PHOTO_CREDIT, "OCN"),
            credit(Role.TRANSLATOR, "Jung Bae"),
            credit(Role.PHOTO_CREDIT, "KBS2"),
        ],
        conducted_in="Korean",
        published_in="English",
    )
    assert str(byline) == (
        "Interview by Khriz Virgilio. Conducted in Korean, translated into English "
        "by Jung Bae. Photos: Jellyfish Entertainment, OCN, KBS2."
    )


def test_several_people_in_one_role_are_joined_with_and():
    byline = Byline.from_credits(
        [credit(Role.INTERVIEWER, n) for n in ["A", "B", "C"]]
        + [credit(Role.WRITER, "A"), credit(Role.EDITOR, "D")]
    )
    assert str(byline) == "Interview by A, B and C. Words by A. Edited by D."


def test_a_translator_without_known_languages():
    byline = Byline.from_credits([credit(Role.TRANSLATOR, "Jung Bae")])
    assert str(byline) == "Translated by Jung Bae."


def test_no_credits_no_byline():
    assert not Byline.from_credits([])
    assert str(Byline.from_credits([])) == ""
