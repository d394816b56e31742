"""Artists an interview names without being about them: recorded by the
admin and every importer, shown on the article and in its structured data
as mentions, and on the artist's page as "Also mentioned in". A mention
never makes an artist public."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from artists.mentions import ArtistNames
from artists.models import Alias, AliasKind, Artist, ArtistKind
from interviews.admin_forms import FEATURED_AND_MENTIONED
from interviews.choices import InterviewStatus
from interviews.models import Interview

from .admin_pages import errors_of, read_form
from .factories import make_artist, make_interview
from .test_import_markdown import piece

DOOR = "kim-sejeong-talks-first-full-length-album-door"


def structured_data(response):
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(script.group(1))


def test_the_door_interview_mentions_the_groups_it_names(archive, client):
    page = client.get(reverse("interviews:detail", args=[DOOR]))
    html = page.content.decode()
    assert (
        'Also mentioned: <a href="/artists/ioi/"><bdi>I.O.I</bdi></a>, '
        '<a href="/artists/gugudan/"><bdi>gugudan</bdi></a>'
    ) in html
    assert {m["name"] for m in structured_data(page)["mentions"]} == {
        "I.O.I",
        "gugudan",
    }
    assert {m["@type"] for m in structured_data(page)["mentions"]} == {"MusicGroup"}


def test_a_mention_of_an_artist_readers_cannot_see_shows_nowhere(archive, client):
    secret = make_artist("Unannounced Group", kind=ArtistKind.GROUP)
    door = Interview.objects.get(slug=DOOR)
    door.mentioned_artists.add(secret)
    page = client.get(door.get_absolute_url())
    assert "Unannounced Group" not in page.content.decode()
    assert "Unannounced Group" not in json.dumps(structured_data(page))
    assert not Artist.objects.public().filter(pk=secret.pk).exists()
    assert client.get(secret.get_absolute_url()).status_code == 404


def test_an_artist_page_lists_the_live_interviews_that_mention_them(db, client):
    group = make_artist("I.O.I", kind=ArtistKind.GROUP, is_public=True)
    live = make_interview("Solo", status=InterviewStatus.PUBLISHED)
    draft = make_interview("Not yet")
    for interview in (live, draft):
        interview.mentioned_artists.add(group)
    page = client.get(group.get_absolute_url())
    assert [i.title for i in page.context["mentioned_in"]] == ["Solo"]
    assert "Also mentioned in" in page.content.decode()


def interview_form(editor_client, interview):
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    return url, read_form(editor_client.get(url), "interview_form")


def test_the_admin_records_mentions_and_suggests_them(archive, editor_client):
    door = Interview.objects.get(slug=DOOR)
    door.mentioned_artists.clear()
    url, form = interview_form(editor_client, door)
    page = editor_client.get(url).content.decode()
    assert "Not yet featured or mentioned: I.O.I, gugudan" in page
    form["mentioned_artists"] = [
        str(pk) for pk in Artist.objects.filter(slug="ioi").values_list("pk", flat=True)
    ]
    response = editor_client.post(url, form)
    assert response.status_code == 302, errors_of(response)
    assert list(door.mentioned_artists.values_list("slug", flat=True)) == ["ioi"]
    assert (
        "Not yet featured or mentioned: gugudan"
        in editor_client.get(url).content.decode()
    )


def test_an_artist_cannot_be_featured_and_mentioned(archive, editor_client):
    door = Interview.objects.get(slug=DOOR)
    url, form = interview_form(editor_client, door)
    form["mentioned_artists"] = form["featured_artists"]
    response = editor_client.post(url, form)
    assert response.status_code == 200
    expected = FEATURED_AND_MENTIONED % {"artists": "Kim Sejeong"}
    assert expected in errors_of(response)
    assert set(door.mentioned_artists.values_list("slug", flat=True)) == {
        "ioi",
        "gugudan",
    }


def test_the_raw_importer_records_the_names_it_does_not_feature(archive, tmp_path):
    Interview.objects.filter(slug=DOOR).delete()
    out = StringIO()
    call_command("import_interviews", "fixtures/pages", stdout=out)
    assert "found mentions I.O.I, Gugudan" in out.getvalue()
    door = Interview.objects.get(source_id__isnull=False, title__contains="Door")
    assert set(door.mentioned_artists.values_list("slug", flat=True)) == {
        "ioi",
        "gugudan",
    }


def test_markdown_front_matter_carries_mentions(archive, tmp_path):
    path = piece(tmp_path, "named")
    path.write_text(
        path.read_text().replace("artists: [", "mentions: [I.O.I, gugudan]\nartists: [")
    )
    call_command("import_interviews", str(path), stdout=StringIO())
    named = Interview.objects.get(slug="named")
    assert set(named.mentioned_artists.values_list("slug", flat=True)) == {
        "ioi",
        "gugudan",
    }


def test_markdown_refuses_an_artist_featured_and_mentioned(archive, tmp_path):
    path = piece(tmp_path, "twice")
    path.write_text(
        path.read_text().replace("artists: [", "mentions: [Kim Sejeong]\nartists: [")
    )
    with pytest.raises(Exception, match="cannot be featured and mentioned"):
        call_command("import_interviews", str(path), stdout=StringIO())
    assert not Interview.objects.filter(slug="twice").exists()


def test_the_live_export_mentions_only_public_artists(archive, tmp_path):
    secret = make_artist("Unannounced Group", kind=ArtistKind.GROUP)
    Interview.objects.get(slug=DOOR).mentioned_artists.add(secret)
    for format in ("json", "markdown"):
        target = tmp_path / format
        call_command("export_interviews", str(target), format=format, stdout=StringIO())
        written = "".join(p.read_text() for p in sorted(target.iterdir()))
        assert "gugudan" in written
        assert "unannounced" not in written.casefold()


def test_the_article_reads_mentions_and_releases_as_the_database_gives_them(archive):
    """The article reads them folded into its own query; any other page
    asks the database: both find the same public ones in the same order."""
    secret = make_artist("Unannounced Group", kind=ArtistKind.GROUP)
    door = Interview.objects.get(slug=DOOR)
    door.mentioned_artists.add(secret)
    folded = Interview.objects.with_article().get(pk=door.pk)
    asked = Interview.objects.get(pk=door.pk)

    def named(rows):
        return [(row.pk, row.name, row.slug, row.kind, row.hangul_name) for row in rows]

    assert named(folded.public_mentions) == named(asked.public_mentions)
    assert [artist.name for artist in folded.public_mentions] == ["I.O.I", "gugudan"]
    assert [(r.pk, r.title, r.slug, r.released_at) for r in folded.public_releases] == [
        (r.pk, r.title, r.slug, r.released_at) for r in asked.public_releases
    ]
    assert folded.public_releases


def every_name_at_once(names, text):
    """What ArtistNames.find is to give: one pattern of every name, the
    longest first, as the archive's 6,700 names once were looked for."""
    alternatives = sorted(names.artist_of, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)",
        re.IGNORECASE,
    )
    return [
        (names.artist_of[match.group().casefold()], match.group())
        for match in pattern.finditer(text)
    ]


@pytest.mark.django_db
def test_a_text_is_searched_for_the_names_it_could_hold_as_for_every_name():
    idle = make_artist("(G)I-DLE", kind=ArtistKind.GROUP, slug="g-i-dle")
    sejeong = make_artist("Kim Se Jeong", hangul_name="김세정")
    Alias.objects.create(artist=sejeong, name="Se Jeong", kind=AliasKind.ROMANIZATION)
    ive = make_artist("IVE", kind=ArtistKind.GROUP)
    heart = make_artist("Heart", slug="heart")
    Alias.objects.create(artist=heart, name="♡", kind=AliasKind.ROMANIZATION)
    names = ArtistNames()
    texts = [
        "(G)I-DLE and Kim Se Jeong; later, Se Jeong alone, then ive.",
        "김세정은 웃었다. 김세정 said so, and so did (g)i-dle.",
        "Iveland, SEJEONG, Kim Se Jeongs, x(G)I-DLE: no name stands whole.",
        "A ♡ for IVE, ♡♡ for nobody.",
        "",
    ]

    for text in texts:
        assert names.find(text) == every_name_at_once(names, text), text
    assert names.artists_in(texts[0]) == [idle.pk, sejeong.pk, ive.pk]
    assert names.find(texts[1]) == [(sejeong.pk, "김세정"), (idle.pk, "(g)i-dle")]
    assert names.find(texts[2]) == []
    assert names.artists_in(texts[3]) == [heart.pk, ive.pk]
