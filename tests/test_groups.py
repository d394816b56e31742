"""Groups and their members as a K-pop reader follows them: a group's page
and feed carry its members' interviews since they joined; an article says
what the artist's groups were to them when it was published; sub-units know
their parent group, groups their disbandment."""

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from artists.models import Artist, ArtistKind, Membership
from interviews.choices import InterviewStatus

from .factories import make_artist, make_interview


def kst(day):
    return timezone.make_aware(datetime.combine(day, time(18)))


def test_a_group_page_lists_its_former_members_interviews(archive, client):
    sejeong = Artist.objects.get(slug="kim-sejeong")
    for slug in ("ioi", "gugudan"):
        page = client.get(reverse("artists:detail", args=[slug]))
        listed = page.context["interviews"]
        assert {i.pk for i in listed} == set(
            sejeong.interviews.values_list("pk", flat=True)
        )
        assert all(i.group_members == [(sejeong, False)] for i in listed)
        assert "With <bdi>Kim Sejeong</bdi>, a former member" in page.content.decode()


@pytest.fixture
def group(db):
    group = make_artist("gugudan", kind=ArtistKind.GROUP, is_public=True)
    member = make_artist("Kim Sejeong")
    Membership.objects.create(
        member=member,
        group=group,
        start_date=date(2016, 6, 28),
        end_date=date(2020, 12, 31),
    )
    return group, member


def piece(title, member, day):
    return make_interview(
        title,
        artist=member,
        status=InterviewStatus.PUBLISHED,
        publish_at=kst(day),
    )


def test_a_members_interviews_count_from_the_day_they_joined(group, client):
    group, member = group
    before = piece("As a trainee", member, date(2016, 6, 27))
    during = piece("With the group", member, date(2018, 3, 1))
    after = piece("Solo at last", member, date(2022, 3, 28))
    page = client.get(group.get_absolute_url())
    listed = {i.title: i.group_members for i in page.context["interviews"]}
    assert before.title not in listed
    assert listed == {
        during.title: [(member, True)],
        after.title: [(member, False)],
    }
    html = page.content.decode()
    assert "With <bdi>Kim Sejeong</bdi>, then a member" in html
    # The member's own page keeps all three.
    assert len(client.get(member.get_absolute_url()).context["interviews"]) == 3


def test_a_group_feed_carries_its_members_interviews(group, client):
    group, member = group
    piece("With the group", member, date(2018, 3, 1))
    piece("As a trainee", member, date(2016, 1, 1))
    feed = client.get(reverse("feeds:artist-rss", args=[group.slug])).content.decode()
    assert "With the group" in feed
    assert "As a trainee" not in feed


def test_an_article_says_what_the_groups_were_then(group, client):
    group, member = group
    ioi = make_artist("I.O.I", kind=ArtistKind.GROUP, is_public=True)
    Membership.objects.create(
        member=member,
        group=ioi,
        start_date=date(2016, 5, 4),
        end_date=date(2017, 1, 31),
    )
    then = client.get(piece("2018", member, date(2018, 3, 1)).get_absolute_url())
    html = then.content.decode()
    assert (
        ", then a member of <a" in html and "gugudan</bdi></a>; formerly of <a" in html
    )
    later = client.get(piece("2022", member, date(2022, 3, 28)).get_absolute_url())
    text = later.content.decode()
    assert ", formerly of <a" in text
    assert "<bdi>I.O.I</bdi></a> and <a" in text and "then a member" not in text


def test_a_group_readers_cannot_see_is_never_named_on_an_article(group, client):
    group, member = group
    hidden = make_artist("Secret unit", kind=ArtistKind.GROUP)
    Membership.objects.create(member=member, group=hidden, start_date=date(2017, 1, 1))
    html = client.get(piece("2018", member, date(2018, 3, 1)).get_absolute_url())
    assert "Secret unit" not in html.content.decode()


def test_a_disbanded_group_lists_its_last_members_as_such(group, client):
    group, member = group
    group.disbanded_on = date(2020, 12, 31)
    group.save()
    Membership.objects.filter(group=group).update(end_date=None)
    piece("Solo at last", member, date(2022, 3, 28))  # her page is public
    page = client.get(group.get_absolute_url())
    assert page.context["members"] == []
    assert [m.member for m in page.context["former_members"]] == [member]
    html = page.content.decode()
    assert "Members until the group disbanded" in html
    assert '<time datetime="2020-12-31">December 31, 2020</time>' in html


def test_a_sub_unit_and_its_parent_link_each_other(group, client):
    group, _ = group
    unit = make_artist("gugudan SEMINA", kind=ArtistKind.SUB_UNIT, is_public=True)
    unit.parent = group
    unit.full_clean()
    unit.save()
    assert "gugudan SEMINA" in client.get(group.get_absolute_url()).content.decode()
    html = client.get(unit.get_absolute_url()).content.decode()
    assert "Sub-unit of" in html and group.get_absolute_url() in html


@pytest.mark.parametrize(
    ("kind", "parent_of", "message"),
    [
        (ArtistKind.SUB_UNIT, "self", "cannot be its own parent"),
        (ArtistKind.GROUP, "group", "Only a sub-unit has a parent"),
        (ArtistKind.SUB_UNIT, "soloist", "is not a group"),
        (ArtistKind.SUB_UNIT, "below", "go round in a circle"),
    ],
)
def test_a_parent_group_that_cannot_be_is_refused(db, kind, parent_of, message):
    group = make_artist("Group", kind=ArtistKind.GROUP)
    unit = make_artist("Unit", kind=kind)
    below = make_artist("Unit of the unit", kind=ArtistKind.SUB_UNIT, parent=unit)
    parents = {
        "self": unit,
        "group": group,
        "soloist": make_artist("Soloist"),
        "below": below,
    }
    unit.kind = ArtistKind.SUB_UNIT if parent_of == "below" else kind
    unit.parent = parents[parent_of]
    with pytest.raises(ValidationError) as refusal:
        unit.full_clean()
    assert message in str(refusal.value.message_dict["parent"])
    unit.refresh_from_db()
    assert unit.parent is None


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (ArtistKind.SOLOIST, "Only a group, sub-unit or band disbands."),
        (ArtistKind.GROUP, "A group cannot disband before its debut."),
    ],
)
def test_a_disbandment_that_cannot_be_is_refused(db, kind, message):
    artist = make_artist("Artist", kind=kind, debut_date=date(2016, 6, 28))
    artist.disbanded_on = date(2015, 1, 1)
    with pytest.raises(ValidationError) as refusal:
        artist.full_clean()
    assert refusal.value.message_dict["disbanded_on"] == [message]
