"""Every common spelling of a Hangul name finds its artist: in search, in the
admin's artist picker and in imports. Spellings two artists share are
reported and find both, never merged into one."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from artists.models import Alias, Artist, ArtistKind, Romanization
from artists.romanization import MAX_SPELLINGS, spellings
from core.names import name_key

from .admin_pages import errors_of, read_form
from .factories import make_artist
from .test_import_markdown import piece, run


def keys(hangul, person=True):
    return {name_key(spelling) for spelling in spellings(hangul, person=person)}


@pytest.mark.parametrize(
    ("hangul", "person", "written"),
    [
        # As agencies, fans and the magazine's own archive write them.
        ("김세정", True, ["Kim Sejeong", "Kim Se-jeong", "Kim Sejung", "Gim Se Jeong"]),
        ("김세정", True, ["Kim Se Jung", "Gim Sejung"]),
        ("지수", True, ["Jisoo", "Jisu", "Ji-soo"]),
        ("서연", True, ["Seoyeon", "Seo-yeon", "Suh Yeon", "Seoyun"]),
        ("정국", True, ["Jungkook", "Jeongguk", "Jeong-guk"]),
        ("이지은", True, ["Lee Jieun", "Lee Ji-eun", "Yi Jieun"]),
        ("박보검", True, ["Park Bogum", "Park Bo-gum", "Bak Bogeom"]),
        ("신세경", True, ["Shin Sekyung", "Shin Se-kyung", "Sin Segyeong"]),
        ("강태현", True, ["Kang Taehyun", "Kang Tae-hyun", "Gang Taehyeon"]),
        ("전희진", True, ["Jeon Heejin", "Jun Heejin", "Jeon Huijin"]),
        ("김태연", True, ["Kim Taeyeon", "Kim Tae-yeon"]),
        ("최영재", True, ["Choi Youngjae", "Choe Yeongjae"]),
        ("구구단", False, ["gugudan", "Gu Gu Dan"]),
        ("이달의 소녀", False, ["Idarui Sonyeo", "Idalui Sonyeo"]),
        ("슈", True, ["Shu"]),
    ],
)
def test_the_common_spellings_of_real_names(hangul, person, written):
    spelled = keys(hangul, person)
    for spelling in written:
        assert name_key(spelling) in spelled, spelling


def test_the_revised_romanization_comes_first_with_the_passport_surname():
    assert spellings("김세정", person=True)[0] == "Kim Sejeong"
    assert spellings("구구단", person=False)[0] == "Gugudan"
    # A two-syllable stage name is not split into surname and given name.
    assert spellings("지수", person=True)[0] == "Jisu"


def test_a_long_name_makes_a_bounded_list_and_latin_text_none():
    assert (
        len(spellings("서울 우주 정거장 서커스단 극장", person=False)) == MAX_SPELLINGS
    )
    assert spellings("EXID", person=False) == []
    assert spellings("", person=True) == []


@pytest.fixture
def sejeong(db):
    return make_artist("Kim Sejeong", hangul_name="김세정", is_public=True)


@pytest.mark.parametrize(
    "query", ["Kim Sejung", "Gim Se-jeong", "Kim Se Jung", "김세정"]
)
def test_search_finds_an_artist_by_any_spelling(sejeong, client, query):
    assert list(Artist.objects.matching(query)) == [sejeong]
    response = client.get(reverse("search"), {"q": query})
    assert sejeong in response.context["artists"]


def test_the_admin_artist_picker_finds_any_spelling(sejeong, editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "interviews",
            "model_name": "interview",
            "field_name": "featured_artists",
            "term": "Gim Sejung",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Kim Sejeong"]


def test_an_import_names_the_artist_by_any_spelling(archive, tmp_path):
    before = Artist.objects.count()
    run(piece(tmp_path, "sejung", artist="Kim Sejung"))
    run(piece(tmp_path, "gim", artist="Gim Se-jeong"))
    assert Artist.objects.count() == before
    sejeong = Artist.objects.get(slug="kim-sejeong")
    assert set(sejeong.interviews.values_list("slug", flat=True)) >= {"sejung", "gim"}


def test_spellings_follow_the_hangul_name(sejeong):
    sejeong.hangul_name = "김세중"
    sejeong.save()
    assert not Artist.objects.matching("Kim Sejeong Sejung").exists()
    assert list(Artist.objects.matching("Kim Sejoong")) == [sejeong]
    assert not Artist.objects.matching("Gim Sejeong").exists()


@pytest.fixture
def two_sujins(db):
    """김서진 is also spelled Kim Sujin, the RR spelling of 김수진."""
    return (
        make_artist("Kim Seojin", hangul_name="김서진", kind=ArtistKind.SOLOIST),
        make_artist("Kim Soojin", hangul_name="김수진", kind=ArtistKind.SOLOIST),
    )


def test_a_spelling_two_hangul_names_share_finds_both_and_is_reported(two_sujins):
    seojin, soojin = two_sujins
    assert set(Artist.objects.matching("Kim Sujin")) == {seojin, soojin}
    assert Romanization.objects.shared(seojin) == {
        "kimsujin": "Kim Soojin",
        "gimsujin": "Kim Soojin",
    }
    assert Romanization.objects.shared(soojin)["kimsujin"] == "Kim Seojin"
    # An import cannot tell which one it means, so it takes neither.
    assert not Artist.objects.known_as("kimsujin").exists()
    assert list(Artist.objects.known_as("kimseojin")) == [seojin]


def test_an_artists_own_name_wins_over_anothers_spelling(two_sujins, db):
    seojin, _ = two_sujins
    # A spelling is never a claim: another artist may be named so...
    sujin = Artist(name="Kim Sujin", slug="kim-sujin", kind=ArtistKind.SOLOIST)
    sujin.full_clean()
    sujin.save()
    # ...and then the name is theirs.
    assert list(Artist.objects.known_as("kimsujin")) == [sujin]
    assert Romanization.objects.shared(seojin)["kimsujin"] == "Kim Sujin"
    assert Alias(artist=seojin, name="Kim Su-jin").name_taken("name", "kimsujin")


def test_the_artist_form_offers_spellings_as_aliases(sejeong, editor_client):
    url = reverse("admin:artists_artist_change", args=[sejeong.pk])
    form = read_form(editor_client.get(url), "artist_form")
    page = editor_client.get(url).content.decode()
    assert "Kim Sejung" in page and "Gim Sejeong" in page
    form["accept_spellings"] = ["Kim Sejung"]
    response = editor_client.post(url, form, follow=True)
    assert response.redirect_chain, errors_of(response)
    assert list(sejeong.aliases.values_list("name", flat=True)) == ["Kim Sejung"]
    # Accepted, it is no longer offered.
    page = editor_client.get(url).content.decode()
    assert 'name="accept_spellings" value="Kim Sejung"' not in page
    assert 'name="accept_spellings" value="Gim Sejeong"' in page


def test_the_artist_form_marks_a_shared_spelling(two_sujins, editor_client):
    seojin, _ = two_sujins
    url = reverse("admin:artists_artist_change", args=[seojin.pk])
    assert (
        "Kim Sujin (shared with Kim Soojin)" in editor_client.get(url).content.decode()
    )


def test_accepting_a_spelling_another_artist_holds_is_refused(
    two_sujins, editor_client
):
    seojin, soojin = two_sujins
    Alias.objects.create(artist=soojin, name="Kim Sujin")
    url = reverse("admin:artists_artist_change", args=[seojin.pk])
    form = read_form(editor_client.get(url), "artist_form")
    assert "Kim Sujin" not in str(form.get("accept_spellings", ""))
    form["accept_spellings"] = ["Kim Sujin"]
    response = editor_client.post(url, form)
    assert response.status_code == 200
    assert not seojin.aliases.exists()


def test_the_archive_loaded_raw_gets_its_spellings(archive):
    sejeong = Artist.objects.get(slug="kim-sejeong")
    assert sejeong.romanizations.filter(key="kimsejung").exists()
    assert list(Artist.objects.matching("Gim Sejung")) == [sejeong]


def test_the_shared_spellings_are_reported(two_sujins):
    out = StringIO()
    call_command("shared_spellings", stdout=out)
    report = out.getvalue()
    assert "Kim Sujin: Kim Seojin and Kim Soojin" in report
    assert "Kim Sujin: Kim Soojin and Kim Seojin" in report
    assert "spellings fit more than one artist" in report


def test_no_shared_spelling_is_said_so(sejeong):
    out = StringIO()
    call_command("shared_spellings", stdout=out)
    assert out.getvalue() == "No spelling fits two artists.\n"


def test_search_follows_every_change_to_an_artists_names(db):
    """Search reads each artist's keys from its own row (`search_keys`),
    which follows its name, its aliases and where they move."""
    soseo = make_artist("Soseo")
    other = make_artist("Another Artist")

    def found(text):
        return list(Artist.objects.matching(text))

    alias = Alias.objects.create(artist=soseo, name="SHUUU", kind="former_name")
    assert found("shuu") == [soseo]
    alias.name = "Starlit"
    alias.save()
    assert found("SHUUU") == []
    assert found("starl") == [soseo]
    alias.artist = other
    alias.save()
    assert found("Starlit") == [other]
    alias.delete()
    assert found("Starlit") == []
    soseo.name = "Soseo Renamed"
    soseo.save()
    assert found("renamed") == [soseo]
    assert found("ano") == [other]
