"""Bad input in the admin gets a clear message and saves nothing."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from artists.models import GROUP_KINDS, Alias, Artist, ArtistKind, Membership
from interviews.choices import InterviewStatus
from interviews.models import Credit, Interview
from people.models import Contributor

from .admin_pages import add_inline_row, errors_of, read_form
from .factories import make_artist, make_contributor, make_interview

ARTIST_ADD = reverse("admin:artists_artist_add")
INTERVIEW_ADD = reverse("admin:interviews_interview_add")


def artist_url(artist):
    return reverse("admin:artists_artist_change", args=[artist.pk])


def interview_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def refused(response, message):
    """The form came back (nothing saved) with `message` among its errors."""
    assert response.status_code == 200, "the form was accepted"
    errors = errors_of(response)
    assert any(message in error for error in errors), errors


def test_a_slug_already_taken_is_refused(editor_client):
    make_interview("Taken", slug="taken")
    data = read_form(editor_client.get(INTERVIEW_ADD), "interview_form")
    data.update(title="Another", slug="taken")
    refused(
        editor_client.post(INTERVIEW_ADD, data),
        "Interview with this Slug already exists.",
    )
    assert Interview.objects.count() == 1


def test_an_alias_of_another_artist_is_refused(editor_client):
    sejeong = make_artist("Kim Sejeong")
    soseo = make_artist("Soseo")
    data = read_form(editor_client.get(artist_url(soseo)), "artist_form")
    add_inline_row(data, "aliases", name="Kim Se-jeong", kind="romanization")
    refused(
        editor_client.post(artist_url(soseo), data),
        "“Kim Se-jeong” is already a name of Kim Sejeong.",
    )
    assert not Alias.objects.exists()
    assert list(Artist.objects.matching("Kim Se-jeong")) == [sejeong]


def test_an_artist_named_like_another_artists_alias_is_refused(editor_client):
    soseo = make_artist("Soseo")
    Alias.objects.create(artist=soseo, name="SHUUU", kind="former_name")
    data = read_form(editor_client.get(ARTIST_ADD), "artist_form")
    data.update(name="Shuuu", slug="shuuu", kind=ArtistKind.SOLOIST)
    refused(editor_client.post(ARTIST_ADD, data), "“Shuuu” is already a name of Soseo.")
    assert Artist.objects.count() == 1


def test_two_aliases_that_fold_to_one_key_are_refused(editor_client):
    artist = make_artist("Kim Sejeong")
    data = read_form(editor_client.get(artist_url(artist)), "artist_form")
    add_inline_row(data, "aliases", name="Kim Se Jeong", kind="romanization")
    add_inline_row(data, "aliases", name="kim se-jeong", kind="romanization")
    refused(editor_client.post(artist_url(artist), data), "are the same name")
    assert not Alias.objects.exists()


def test_an_artist_may_list_its_hangul_name_as_an_alias(editor_client):
    artist = make_artist("Kim Sejeong", hangul_name="김세정")
    data = read_form(editor_client.get(artist_url(artist)), "artist_form")
    add_inline_row(data, "aliases", name="김세정", kind="hangul")
    response = editor_client.post(artist_url(artist), data)
    assert response.status_code == 302, errors_of(response)
    assert artist.aliases.get().key == "김세정"


def membership_post(client, member, **row):
    data = read_form(client.get(artist_url(member)), "artist_form")
    add_inline_row(data, "memberships", **row)
    return client.post(artist_url(member), data)


def test_a_membership_that_ends_before_it_starts_is_refused(editor_client):
    member, group = make_artist("Member"), make_artist("Group", kind=ArtistKind.GROUP)
    response = membership_post(
        editor_client,
        member,
        group=group.pk,
        start_date="2020-01-01",
        end_date="2016-01-01",
    )
    refused(response, "A membership cannot end before it starts.")
    assert not Membership.objects.exists()


def test_an_artist_cannot_be_a_member_of_itself(editor_client):
    group = make_artist("Group", kind=ArtistKind.GROUP)
    refused(
        membership_post(editor_client, group, group=group.pk),
        "cannot be a member of itself",
    )
    assert not Membership.objects.exists()


def test_an_artist_cannot_be_a_member_of_a_soloist(editor_client):
    member, soloist = make_artist("Member"), make_artist("Soloist")
    refused(
        membership_post(editor_client, member, group=soloist.pk),
        "is a soloist, not a group",
    )
    assert not Membership.objects.exists()


def test_a_valid_membership_is_saved(editor_client):
    member, group = make_artist("Member"), make_artist("Group", kind=ArtistKind.GROUP)
    response = membership_post(
        editor_client,
        member,
        group=group.pk,
        start_date="2016-05-04",
        end_date="2017-01-31",
    )
    assert response.status_code == 302, errors_of(response)
    assert member.memberships.get().group == group
    assert list(group.lineup.values_list("member__name", flat=True)) == ["Member"]


def publish_post(client, interview, **changes):
    data = read_form(client.get(interview_url(interview)), "interview_form")
    data.update(status=InterviewStatus.PUBLISHED, **changes)
    return client.post(interview_url(interview), data)


def test_publishing_without_body_or_q_and_a_is_refused(editor_client):
    interview = make_interview(body="")
    refused(publish_post(editor_client, interview), "Write a body or add Q&A items")
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT


def test_publishing_without_a_featured_artist_is_refused(editor_client):
    interview = make_interview()
    refused(
        publish_post(editor_client, interview, featured_artists=[]),
        "Feature at least one artist before publishing.",
    )
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT
    assert interview.featured_artists.count() == 1


def test_publishing_without_a_credit_is_refused(editor_client):
    interview = make_interview()
    data = read_form(editor_client.get(interview_url(interview)), "interview_form")
    data.update(status=InterviewStatus.PUBLISHED, **{"credits-0-DELETE": "on"})
    refused(
        editor_client.post(interview_url(interview), data),
        "Credit at least one contributor",
    )
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT
    assert interview.credits.count() == 1


def test_publishing_with_q_and_a_added_in_the_same_form_is_accepted(editor_client):
    interview = make_interview(body="")
    data = read_form(editor_client.get(interview_url(interview)), "interview_form")
    add_inline_row(data, "qa_items", question="First question?", answer="An answer.")
    add_inline_row(data, "qa_items", question="Second?", answer="Another.")
    data["status"] = InterviewStatus.PUBLISHED
    response = editor_client.post(interview_url(interview), data)
    assert response.status_code == 302, errors_of(response)
    interview.refresh_from_db()
    assert interview.is_live
    assert [(i.position, i.question) for i in interview.qa_items.all()] == [
        (1, "First question?"),
        (2, "Second?"),
    ]


def test_two_q_and_a_items_with_one_number_are_refused(editor_client):
    interview = make_interview()
    data = read_form(editor_client.get(interview_url(interview)), "interview_form")
    add_inline_row(data, "qa_items", position="1", question="One?", answer="A.")
    add_inline_row(data, "qa_items", position="1", question="Also one?", answer="B.")
    refused(editor_client.post(interview_url(interview), data), "share the number 1")
    assert not interview.qa_items.exists()


@pytest.mark.parametrize("status", [InterviewStatus.DRAFT, InterviewStatus.PUBLISHED])
def test_a_translator_on_an_untranslated_interview_is_refused(editor_client, status):
    interview = make_interview(conducted_in="en", published_in="en")
    data = read_form(editor_client.get(interview_url(interview)), "interview_form")
    add_inline_row(
        data, "credits", contributor=make_contributor("Jung Bae").pk, role="translator"
    )
    data["status"] = status
    refused(
        editor_client.post(interview_url(interview), data),
        "this one is conducted and published in English",
    )
    assert not Credit.objects.filter(role="translator").exists()
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT


def test_a_translator_on_a_translated_interview_is_accepted(editor_client):
    interview = make_interview()
    data = read_form(editor_client.get(interview_url(interview)), "interview_form")
    add_inline_row(
        data, "credits", contributor=make_contributor("Jung Bae").pk, role="translator"
    )
    data.update(conducted_in="ko", published_in="en")
    response = editor_client.post(interview_url(interview), data)
    assert response.status_code == 302, errors_of(response)
    assert "translated into English by Jung Bae" in str(Interview.objects.get().byline)


def test_a_contributor_is_never_created_twice(editor_client):
    make_contributor("Jiyoung Lee")
    url = reverse("admin:people_contributor_add")
    data = read_form(editor_client.get(url), "contributor_form")
    data.update(name="jiyoung  LEE", slug="jiyoung-lee-2", kind="person")
    refused(editor_client.post(url, data), "“Jiyoung Lee” is already a contributor.")
    assert Contributor.objects.count() == 1


def autocomplete_names(response):
    """The names of the autocomplete fields on an admin page."""
    tags = re.findall(r"<select\b[^>]*>", response.content.decode())
    return [
        re.search(r'\bname="([^"]+)"', tag).group(1)
        for tag in tags
        if "admin-autocomplete" in tag and 'name="' in tag and "__prefix__" not in tag
    ]


def every_form(client):
    """(address, model, its admin, the page, the data it would post) of
    every registered admin's add page and of the change page of a row,
    those the client may use."""
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        rows = model._default_manager.order_by("pk")
        if model is Artist:
            rows = rows.filter(kind__in=GROUP_KINDS)  # with a lineup inline
        urls = [reverse(f"{name}_add")]
        if row := rows.first():
            urls.append(reverse(f"{name}_change", args=[row.pk]))
        for url in urls:
            page = client.get(url)
            if page.status_code == 200:
                form = read_form(page, f"{model._meta.model_name}_form")
                yield url, model, model_admin, page, form


def test_an_autocomplete_value_that_is_no_key_is_refused_on_every_form(
    archive, editor_client
):
    # Django's autocomplete widgets look up what was posted to draw the form
    # again: "abc" where an id belongs was a ValueError, a 500.
    checked = set()
    for url, model, model_admin, page, form in every_form(editor_client):
        for field in autocomplete_names(page):
            before = model._default_manager.count()
            response = editor_client.post(url, {**form, field: "abc"})
            assert response.status_code == 200, (url, field)
            assert errors_of(response), (url, field)
            assert model._default_manager.count() == before
            checked.add((type(model_admin).__name__, re.sub(r"-\d+-", "-", field)))
    # Every kind of autocomplete the editors have was tried: the interview's
    # artists, releases, photo and credits, a group's lineup, a photo's credit...
    assert {
        ("InterviewAdmin", "featured_artists"),
        ("InterviewAdmin", "releases"),
        ("InterviewAdmin", "lead_photo"),
        ("InterviewAdmin", "credits-contributor"),
        ("ArtistAdmin", "lineup-member"),
        ("ArtistAdmin", "agency"),
        ("ReleaseAdmin", "credits-artist"),
        ("PhotoAdmin", "credit"),
        ("ShareLinkAdmin", "interview"),
    } <= checked


@pytest.mark.parametrize("chosen", ["", "abc"])
def test_an_action_for_rows_named_by_no_key_is_refused_on_every_list(
    archive, client, django_user_model, chosen
):
    # Only a hand-made request names rows so; Django filtered the list by
    # it, a ValueError.
    client.force_login(django_user_model.objects.create_superuser("root"))
    for model in admin.site._registry:
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        before = model._default_manager.count()
        response = client.post(
            url,
            {"action": "delete_selected", "_selected_action": [chosen], "index": "0"},
            follow=True,
        )
        assert response.status_code == 200, url
        assert "Items must be selected" in response.content.decode(), url
        assert model._default_manager.count() == before


def test_a_count_of_saved_inline_rows_below_nought_is_refused_on_every_form(
    archive, editor_client
):
    # Only a hand-made request sends one: Django took every saved row for a
    # new one, and saved copies or failed on a unique constraint (a 500).
    checked = set()
    for url, _model, model_admin, _page, form in every_form(editor_client):
        for count in [name for name in form if name.endswith("-INITIAL_FORMS")]:
            before = {
                model: model._default_manager.count() for model in apps.get_models()
            }
            response = editor_client.post(url, {**form, count: "-1"})
            assert response.status_code == 200, (url, count)
            assert "(Hidden field INITIAL_FORMS)" in response.content.decode(), (
                url,
                count,
            )
            after = {
                model: model._default_manager.count() for model in apps.get_models()
            }
            assert after == before
            checked.add(
                (type(model_admin).__name__, count.removesuffix("-INITIAL_FORMS"))
            )
    assert {
        ("ArtistAdmin", "lineup"),
        ("ArtistAdmin", "aliases"),
        ("InterviewAdmin", "credits"),
        ("InterviewAdmin", "qa_items"),
        ("ReleaseAdmin", "tracks"),
    } <= checked
