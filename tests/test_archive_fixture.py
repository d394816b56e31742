"""The archive ships as a natural-key fixture that loads again and again."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from taggit.models import Tag

from artists.models import Agency, Alias, Artist, ArtistLink, Membership
from core.names import name_key
from interviews.choices import Role
from interviews.models import Credit, Interview, QAItem, TaggedInterview
from people.models import Contributor

from .factories import make_artist, make_interview

ARCHIVE = Path(settings.BASE_DIR) / "fixtures" / "archive.json"
MODELS = [
    Agency,
    Artist,
    Alias,
    ArtistLink,
    Membership,
    Contributor,
    Interview,
    Credit,
    QAItem,
    Tag,
    TaggedInterview,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_loading_the_archive_twice_creates_nothing_twice():
    call_command("load_archive", verbosity=0)
    first = counts()
    call_command("load_archive", verbosity=0)
    assert counts() == first
    call_command("load_archive", "--reload", verbosity=0)
    assert counts() == first
    assert first["Interview"] == 3
    assert first["QAItem"] == 16


@pytest.mark.django_db
def test_loading_the_archive_again_keeps_what_editors_changed():
    """`make run` loads the archive at every start: a restart must not undo
    an editor's work on an archive piece, nor bring back one they deleted."""
    call_command("load_archive", verbosity=0)
    soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
    soseo.standfirst = "An editor's better standfirst."
    soseo.save()
    soseo.qa_items.filter(position=16).delete()
    Interview.objects.get(
        slug="kim-sejeong-talks-first-full-length-album-door"
    ).delete()
    out = StringIO()
    call_command("load_archive", stdout=out)
    assert "The archive is loaded already (2 of its interviews are here)" in (
        out.getvalue()
    )
    soseo.refresh_from_db()
    assert soseo.standfirst == "An editor's better standfirst."
    assert soseo.qa_items.count() == 15
    assert Interview.objects.count() == 2


def test_every_archive_interview_is_live(archive):
    assert Interview.objects.live().count() == 3


def test_kim_sejeong_is_one_artist_under_every_spelling(archive):
    sejeong = Artist.objects.get(slug="kim-sejeong")
    assert sejeong.hangul_name == "김세정"
    assert {"Kim Se Jeong", "김세정"} <= set(
        sejeong.aliases.values_list("name", flat=True)
    )
    assert sejeong.agency.name == "Jellyfish Entertainment"
    for spelling in ["Kim Se Jeong", "kim sejeong", "김세정", "Kim Sejeong"]:
        assert list(Artist.objects.matching(spelling)) == [sejeong]
    both = Interview.objects.filter(featured_artists=sejeong)
    assert both.count() == 2


def test_kim_sejeong_memberships_have_their_dates(archive):
    memberships = {
        m.group.name: (m.start_date.year, m.end_date.year)
        for m in Membership.objects.filter(member__slug="kim-sejeong")
    }
    assert memberships == {"I.O.I": (2016, 2017), "gugudan": (2016, 2020)}
    assert Artist.objects.get(slug="gugudan").is_group


def test_soseo_keeps_her_former_name(archive):
    soseo = Artist.objects.get(slug="soseo")
    assert list(Artist.objects.matching("SHUUU")) == [soseo]
    assert soseo.aliases.get(name="SHUUU").kind == "former_name"


def test_credits_are_as_the_texts_give_them(archive):
    im_album = Interview.objects.get(slug="kim-se-jeong-reveals-goals-for-im-album")
    assert str(im_album.byline) == (
        "Interview by Khriz Virgilio. Conducted in Korean, translated into "
        "English by Jung Bae. Photos: Jellyfish Entertainment, OCN, KBS2."
    )
    door = Interview.objects.get(slug="kim-sejeong-talks-first-full-length-album-door")
    assert str(door.byline) == "Interview by FOX 13. Photos: Jellyfish Entertainment."
    soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
    assert [(c.role, c.contributor.name) for c in soseo.credits.all()] == [
        (Role.INTERVIEWER, "Jiyoung Lee")
    ]


def test_the_soseo_piece_is_sixteen_ordered_questions_with_its_tags(archive):
    soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
    items = list(soseo.qa_items.all())
    assert [item.position for item in items] == list(range(1, 17))
    assert items[0].question.startswith("As soon as I listened to Ex")
    assert items[-1].answer.endswith("Happy New Year <3")
    assert {"Soseo", "kpop", "rnb", "kindie"} <= set(soseo.tags.names())


def test_the_articles_keep_their_words_and_drop_the_old_sites_furniture(archive):
    for seed_words, slug in [
        ("Message to her loving fans", "kim-se-jeong-reveals-goals-for-im-album"),
        ("In the Rain", "kim-sejeong-talks-first-full-length-album-door"),
    ]:
        assert seed_words in Interview.objects.get(slug=slug).body
    text = " ".join(
        " ".join([i.title, i.standfirst, i.body, i.closing])
        for i in Interview.objects.all()
    ) + " ".join(QAItem.objects.values_list("answer", flat=True))
    for furniture in ["Image 1 of 8", "Leave a Reply", "Visits", "Our Advertisers"]:
        assert furniture not in text


def test_the_fixture_uses_natural_keys_only():
    objects = json.loads(ARCHIVE.read_text())
    assert objects, "the archive fixture is empty"
    assert all("pk" not in obj for obj in objects)


def test_the_fixture_alias_keys_are_the_folded_names():
    for obj in json.loads(ARCHIVE.read_text()):
        if obj["model"] == "artists.alias":
            assert obj["fields"]["key"] == name_key(obj["fields"]["name"])
        if obj["model"] == "artists.artist":
            assert obj["fields"]["name_key"] == name_key(obj["fields"]["name"])


@pytest.mark.django_db
def test_loading_into_a_database_with_other_content_collides_with_nothing():
    others = [make_interview(f"Other piece {n}", slug=f"other-{n}") for n in range(3)]
    other_artist = make_artist("Another Artist")
    before = counts()
    call_command("load_archive", verbosity=0)
    after = counts()
    assert after["Interview"] == before["Interview"] + 3
    for other in others:
        other.refresh_from_db()
        assert other.title.startswith("Other piece")
        assert other.credits.count() == 1
    other_artist.refresh_from_db()
    assert other_artist.name == "Another Artist"


@pytest.mark.django_db
def test_a_malformed_fixture_leaves_the_database_as_it_was(tmp_path):
    call_command("load_archive", verbosity=0)
    before = counts()
    objects = json.loads(ARCHIVE.read_text())
    for obj in objects:
        if obj["model"] == "interviews.interview":
            obj["fields"]["title"] = "Changed by a broken fixture"
    objects.append(
        {
            "model": "interviews.credit",
            "fields": {
                "interview": ["kcrush-interview-with-soseo"],
                "contributor": ["nobody-by-this-slug"],
                "role": "writer",
                "position": 9,
            },
        }
    )
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(objects))
    with pytest.raises(DeserializationError, match="Credit has no contributor"):
        call_command("loaddata", str(broken), verbosity=0)
    assert counts() == before
    assert not Interview.objects.filter(title="Changed by a broken fixture").exists()
