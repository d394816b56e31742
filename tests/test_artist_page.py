"""The artist page's header and lineups: a portrait or a designed
placeholder, the Hangul and Latin names, former names apart from other
spellings, and members or groups as faces, only those readers may see."""

import pytest

from artists.models import Alias, AliasKind, ArtistKind, Membership

from .factories import make_artist, make_photo


def test_a_former_stage_name_reads_formerly(archive, client):
    html = client.get("/artists/soseo/").content.decode()
    assert '<p class="aliases"><span class="alias">formerly <bdi>SHUUU</bdi>' in html


def test_other_spellings_read_also_known_as_without_repeating_the_hangul_name(
    archive, client
):
    html = client.get("/artists/kim-sejeong/").content.decode()
    aliases = html[html.index('<p class="aliases">') :]
    aliases = aliases[: aliases.index("</p>")]
    assert "also known as" in aliases and "formerly" not in aliases
    assert "<bdi>Kim Se Jeong</bdi>" in aliases and "<bdi>Sejeong</bdi>" in aliases
    assert "김세정" not in aliases  # the heading shows it already
    assert (
        '<h1><bdi>Kim Sejeong</bdi> <span lang="ko" class="hangul">김세정</span>'
        in html
    )


@pytest.mark.django_db
def test_an_artist_with_both_kinds_of_alias_gets_both(client):
    artist = make_artist("Soseo", is_public=True)
    Alias.objects.create(artist=artist, name="SHUUU", kind=AliasKind.FORMER_NAME)
    Alias.objects.create(artist=artist, name="So Seo", kind=AliasKind.ROMANIZATION)
    html = client.get(artist.get_absolute_url()).content.decode()
    assert (
        '<span class="alias">formerly <bdi>SHUUU</bdi></span>'
        '<span class="alias">also known as <span><bdi>So Seo</bdi></span></span>'
    ) in html


@pytest.mark.django_db
def test_without_a_portrait_the_header_has_a_placeholder_with_the_initial(client):
    artist = make_artist("soseo", hangul_name="소서", is_public=True)
    html = client.get(artist.get_absolute_url()).content.decode()
    assert '<div class="portrait-placeholder tint-' in html
    assert 'aria-hidden="true"><span>S</span><span lang="ko">소서</span></div>' in html
    assert "<figure" not in html


@pytest.mark.django_db
def test_with_a_portrait_the_header_shows_it_and_no_placeholder(client):
    artist = make_artist("Soseo", is_public=True, portrait=make_photo("Soseo"))
    html = client.get(artist.get_absolute_url()).content.decode()
    header = html[html.index('<header class="artist-header">') :]
    header = header[: header.index("</header>")]
    assert f'src="{artist.portrait.fallback_url}"' in header
    assert "portrait-placeholder" not in header


@pytest.mark.django_db
def test_members_show_as_faces_only_when_readers_may_see_them(client):
    group = make_artist("gugudan", kind=ArtistKind.GROUP, is_public=True)
    pictured = make_artist("Kim Sejeong", is_public=True, portrait=make_photo("KS"))
    unpictured = make_artist("Mina", is_public=True)
    secret = make_artist("Secret Trainee")  # not public
    for member in (pictured, unpictured, secret):
        Membership.objects.create(member=member, group=group)
    html = client.get(group.get_absolute_url()).content.decode()
    lineup = html[html.index('id="members-heading"') :]
    lineup = lineup[: lineup.index("</ul>")]
    assert lineup.count('<li class="face">') == 2
    assert 'class="face-photo"' in lineup
    assert f'src="{pictured.portrait.thumbnail_url}"' in lineup
    assert 'class="face-photo face-placeholder tint-' in lineup
    assert ">M</span>" in lineup
    assert "Secret Trainee" not in html


@pytest.mark.django_db
def test_a_member_page_shows_its_groups_as_faces(client):
    group = make_artist("I.O.I", kind=ArtistKind.GROUP, is_public=True)
    member = make_artist("Kim Sejeong", is_public=True)
    Membership.objects.create(member=member, group=group)
    html = client.get(member.get_absolute_url()).content.decode()
    groups = html[html.index('id="groups-heading"') :]
    assert (
        f'<a class="face-name" href="{group.get_absolute_url()}"><bdi>I.O.I</bdi></a>'
        in groups
    )
