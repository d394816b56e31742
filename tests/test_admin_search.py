"""The admin's search knows every spelling of an artist's name."""

import pytest
from django.urls import reverse

INTERVIEWS = reverse("admin:interviews_interview_changelist")
ARTISTS = reverse("admin:artists_artist_changelist")
SEJEONG_PIECES = {
    "kim-se-jeong-reveals-goals-for-im-album",
    "kim-sejeong-talks-first-full-length-album-door",
}


def found(client, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return {obj.slug for obj in response.context["cl"].result_list}


@pytest.mark.parametrize(
    "query", ["Kim Se Jeong", "kim sejeong", "김세정", "Kim Se-jeong", "Sejeong"]
)
def test_every_spelling_of_kim_sejeong_finds_both_her_pieces(
    archive, editor_client, query
):
    assert found(editor_client, INTERVIEWS, query) == SEJEONG_PIECES


def test_a_former_name_finds_the_artist_and_her_interview(archive, editor_client):
    assert found(editor_client, INTERVIEWS, "SHUUU") == {"kcrush-interview-with-soseo"}
    assert found(editor_client, ARTISTS, "shuuu") == {"soseo"}


def test_words_of_the_text_still_search_as_usual(archive, editor_client):
    assert found(editor_client, INTERVIEWS, "Produce 101") == {
        "kim-sejeong-talks-first-full-length-album-door"
    }
    assert found(editor_client, INTERVIEWS, "no such words anywhere") == set()


def test_the_artist_list_finds_hangul_and_variants(archive, editor_client):
    for query in ["김세정", "kim se jeong", "KIM SEJEONG"]:
        assert found(editor_client, ARTISTS, query) == {"kim-sejeong"}


def test_searching_punctuation_alone_is_harmless(archive, editor_client):
    for query in ['"', "%", "&|!:*()", "ㄱ"]:
        response = editor_client.get(INTERVIEWS, {"q": query})
        assert response.status_code == 200


def test_a_word_longer_than_any_finds_nothing_and_fails_nothing(archive, editor_client):
    # PostgreSQL refuses a word of more than 2,047 bytes in a text query.
    for query in ["a" * 3000, "노" * 1000, "Produce " + "x" * 3000]:
        assert found(editor_client, INTERVIEWS, query) == set()
