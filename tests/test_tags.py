"""Every tag has an address, whatever its name; a name that cannot have
one, or is too long, is refused where it is typed."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from taggit.models import Tag

from interviews.choices import InterviewStatus
from interviews.tags import tag_slug

from .admin_pages import errors_of, read_form
from .factories import make_interview

TAG_ADD = reverse("admin:taggit_tag_add")


def interview_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("K-pop", "k-pop"),
        ("케이팝", "케이팝"),
        ("💜", "purple-heart"),
        ("❤️", "heavy-black-heart"),
        ("BTS 💜", "bts"),
        ("!!!", ""),
        ("   ", ""),
    ],
)
def test_a_tag_slug_comes_from_its_name_or_its_emoji(name, slug):
    assert tag_slug(name) == slug


def test_an_emoji_tag_has_a_page_and_the_article_and_sitemap_work(client, db):
    interview = make_interview("Purple", status=InterviewStatus.PUBLISHED)
    interview.tags.add("💜", "💜💜", "BTS", "BTS 💜")
    slugs = set(Tag.objects.values_list("slug", flat=True))
    assert slugs == {"purple-heart", "purple-heart-purple-heart", "bts", "bts-2"}

    article = client.get(interview.get_absolute_url())
    assert article.status_code == 200
    assert 'href="/tags/purple-heart/"' in article.content.decode()
    assert client.get(reverse("sitemap")).status_code == 200
    page = client.get("/tags/purple-heart/")
    assert page.status_code == 200
    assert "💜" in page.content.decode()
    assert client.get("/feeds/tags/bts-2/rss/").status_code == 200


def test_tags_whose_slugs_would_clash_get_their_own(db):
    first = Tag.objects.create(name="💜")
    second = Tag.objects.create(name="💜\ufe0f")  # the same heart, as emoji
    assert (first.slug, second.slug) == ("purple-heart", "purple-heart-2")


def test_a_hangul_tag_keeps_its_hangul_address(client, db):
    interview = make_interview("Hangul tag", status=InterviewStatus.PUBLISHED)
    interview.tags.add("케이팝")
    assert client.get("/tags/케이팝/").status_code == 200


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("kpop, !!!", "“!!!” cannot be a tag: a tag needs a letter, a digit or an"),
        ("x" * 101, "is 101 characters long; a tag has at most 100."),
    ],
)
def test_the_interview_form_refuses_a_tag_that_cannot_be_one(
    editor_client, tags, message
):
    interview = make_interview("Tagged")
    data = read_form(editor_client.get(interview_url(interview)), "interview_form")
    data["tags"] = tags
    response = editor_client.post(interview_url(interview), data)
    assert response.status_code == 200
    assert any(message in error for error in errors_of(response))
    assert not Tag.objects.exists()


def test_the_tag_admin_makes_a_slug_for_an_emoji_and_refuses_punctuation(
    editor_client,
):
    response = editor_client.post(TAG_ADD, {"name": "💜", "slug": ""})
    assert response.status_code == 302
    assert Tag.objects.get(name="💜").slug == "purple-heart"

    response = editor_client.post(TAG_ADD, {"name": "!!!", "slug": ""})
    assert response.status_code == 200
    assert "“!!!” cannot be a tag" in response.content.decode()
    response = editor_client.post(TAG_ADD, {"name": "y" * 101, "slug": "y"})
    assert response.status_code == 200
    assert Tag.objects.count() == 1


def test_the_tag_admin_lists_how_many_interviews_carry_each(editor_client):
    make_interview("One").tags.add("counted")
    response = editor_client.get(reverse("admin:taggit_tag_changelist"))
    assert [tag.interview_count for tag in response.context["cl"].result_list] == [1]


def test_the_migration_gives_existing_empty_slugs_a_usable_one(db):
    # The unique slug lets only one tag have an empty one.
    Tag.objects.bulk_create([Tag(name="💜", slug="")])
    migration = importlib.import_module("interviews.migrations.0009_tag_slugs")
    migration.give_slugs(apps, None)
    assert Tag.objects.get().slug == "purple-heart"
