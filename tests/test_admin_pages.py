"""The admin pages editors live in: they open, list, filter and preview."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from artists.models import Artist
from interviews.models import Interview
from people.models import Contributor

CHANGELIST = reverse("admin:interviews_interview_changelist")

ADMIN_PAGES = [
    "admin:index",
    "admin:interviews_interview_changelist",
    "admin:interviews_interview_add",
    "admin:people_contributor_changelist",
    "admin:artists_artist_changelist",
    "admin:artists_artist_add",
    "admin:artists_agency_changelist",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_each_admin_page_opens_for_an_editor(archive, editor_client, page):
    assert editor_client.get(reverse(page)).status_code == 200


def test_every_archive_record_opens_in_the_admin(archive, editor_client):
    for model, name in [
        (Interview, "interviews_interview"),
        (Artist, "artists_artist"),
    ]:
        for obj in model.objects.all():
            url = reverse(f"admin:{name}_change", args=[obj.pk])
            assert editor_client.get(url).status_code == 200


def test_the_change_form_previews_the_byline_and_links_to_the_site(
    archive, editor_client
):
    interview = Interview.objects.get(slug="kim-se-jeong-reveals-goals-for-im-album")
    page = editor_client.get(
        reverse("admin:interviews_interview_change", args=[interview.pk])
    )
    html = page.content.decode()
    assert "Conducted in Korean, translated into English by Jung Bae." in html
    assert "View on site" in html


def test_a_group_lists_its_members_inline(archive, editor_client):
    group = Artist.objects.get(slug="gugudan")
    page = editor_client.get(reverse("admin:artists_artist_change", args=[group.pk]))
    inline_names = [
        inline.formset.prefix for inline in page.context["inline_admin_formsets"]
    ]
    assert "lineup" in inline_names
    assert "Kim Sejeong" in page.content.decode()


def test_the_contributor_list_shows_each_contributors_credits(archive, editor_client):
    page = editor_client.get(reverse("admin:people_contributor_changelist"))
    admin = page.context["cl"].model_admin
    summaries = {
        c.name: admin.credit_summary(c) for c in page.context["cl"].result_list
    }
    assert summaries["Jellyfish Entertainment"] == "Photo credit ×2"
    assert summaries["Khriz Virgilio"] == "Interviewer ×1"
    contributor = Contributor.objects.get(slug="jung-bae")
    page = editor_client.get(
        reverse("admin:people_contributor_change", args=[contributor.pk])
    )
    assert "Kim Se Jeong Reveals Goals" in page.content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"publication": "live"}, 3),
        ({"publication": "draft"}, 0),
        ({"published_in__exact": "en"}, 3),
        ({"conducted_in__exact": "ko"}, 1),
    ],
)
def test_the_interview_list_filters(archive, editor_client, params, expected):
    page = editor_client.get(CHANGELIST, params)
    assert page.status_code == 200
    assert page.context["cl"].result_count == expected


def test_the_interview_list_filters_by_artist_and_by_tag(archive, editor_client):
    sejeong = Artist.objects.get(slug="kim-sejeong")
    by_artist = editor_client.get(
        CHANGELIST, {"featured_artists__id__exact": sejeong.pk}
    )
    by_tag = editor_client.get(
        CHANGELIST, {"tags__id__exact": Tag.objects.get(name="SoseoEx").pk}
    )
    assert {i.slug for i in by_artist.context["cl"].result_list} == {
        "kim-se-jeong-reveals-goals-for-im-album",
        "kim-sejeong-talks-first-full-length-album-door",
    }
    assert [i.slug for i in by_tag.context["cl"].result_list] == [
        "kcrush-interview-with-soseo"
    ]


def test_the_membership_group_picker_offers_groups_only(archive, editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "artists",
            "model_name": "membership",
            "field_name": "group",
            "term": "",
        },
    )
    names = {result["text"] for result in response.json()["results"]}
    assert names == {"I.O.I", "gugudan"}
