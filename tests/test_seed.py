"""seed_magazine: a realistic magazine, reproducibly, only where no real
content would be mixed with it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from artists.models import Alias, Artist
from interviews.choices import Role
from interviews.models import Interview, QAItem
from interviews.rendering import render_markdown
from magazine.archive_fixture import archive_slugs

pytestmark = pytest.mark.django_db


def seed(*args):
    call_command("seed_magazine", *args, stdout=StringIO(), verbosity=0)


def test_it_makes_a_magazine_whose_html_is_the_renderers(client):
    seed("--interviews", "60", "--artists", "40", "--contributors", "12")
    assert Interview.objects.count() == 60
    assert Artist.objects.count() == 40
    assert Interview.objects.live().exists()
    for interview in Interview.objects.all():
        assert interview.body_html == render_markdown(interview.body)
        assert interview.closing_html == render_markdown(interview.closing)
        assert 3 <= interview.qa_items.count() <= 8
        assert interview.featured_artists.exists()
        assert interview.credits.exists()
    for item in QAItem.objects.all():
        assert item.answer_html == render_markdown(item.answer)
    # The site reads it like any other content.
    live = Interview.objects.live().first()
    assert client.get(live.get_absolute_url()).status_code == 200
    found = client.get(reverse("search"), {"q": "comeback"})
    assert found.context["paginator"].count > 0
    # Bulk inserts send no signal: the seed gathers the search keys itself.
    aliases = Alias.objects.select_related("artist")
    assert aliases.exists()
    for alias in aliases:
        assert alias.key in alias.artist.search_keys.split()
    alias = Alias.objects.filter(artist__in=Artist.objects.public()).first()
    if alias is not None:
        found = client.get(reverse("search"), {"q": alias.name})
        assert alias.artist in found.context["artists"]


def test_a_tenth_of_the_pieces_have_a_korean_version(client):
    """Korean versions of pieces conducted in Korean, counted in the size
    asked for: valid as an editor's would be, found by the site in their
    language and by a Korean stem of their text."""
    seed("--interviews", "200", "--artists", "40", "--contributors", "12")
    assert Interview.objects.count() == 200
    versions = Interview.objects.filter(version_of__isnull=False)
    assert 10 <= versions.count() <= 35
    for version in versions.select_related("version_of"):
        original = version.version_of
        assert (version.published_in, original.published_in) == ("ko", "en")
        assert original.conducted_in == "ko"
        assert set(version.featured_artists.all()) == set(
            original.featured_artists.all()
        )
        version.full_clean()
        assert version.body_html == render_markdown(version.body)
        # Translated by no one: a Korean conversation published in Korean.
        roles = {credit.role for credit in version.credits.all()}
        assert Role.INTERVIEWER in roles and Role.TRANSLATOR not in roles
        assert Role.TRANSLATOR in {c.role for c in original.credits.all()}
    live = versions.filter(pk__in=Interview.objects.live().values("pk")).first()
    page = client.get(live.get_absolute_url()).content.decode()
    assert live.version_of.get_absolute_url() in page
    korean_list = client.get(reverse("interviews:list"), {"lang": "ko"})
    assert korean_list.context["paginator"].count == (
        Interview.objects.live().filter(published_in="ko").count()
    )
    found = client.get(reverse("search"), {"q": "노래"})
    assert found.context["paginator"].count > 0


def test_the_planner_has_statistics_before_the_refreshes_join_the_rows():
    """Without them PostgreSQL, guessing a few hundred interviews where
    100,000 were inserted, read every interview once per artist to find
    when each was first shown: minutes of a seed that takes two."""
    with CaptureQueriesContext(connection) as queries:
        seed("--interviews", "20", "--artists", "20")
    statements = [query["sql"] for query in queries]
    analyzed = statements.index("ANALYZE")
    first_refresh = next(
        number
        for number, sql in enumerate(statements)
        if sql.startswith('UPDATE "artists_artist" SET "shown_from"')
    )
    assert analyzed < first_refresh


def test_the_same_seed_makes_the_same_magazine():
    seed("--interviews", "30", "--artists", "20", "--seed", "7")
    first = list(Interview.objects.order_by("source_id").values_list("title", "slug"))
    seed("--interviews", "30", "--artists", "20", "--seed", "7")
    assert Interview.objects.count() == 30  # the second run replaced the first
    assert (
        list(Interview.objects.order_by("source_id").values_list("title", "slug"))
        == first
    )


def test_it_refuses_a_database_with_real_content(archive):
    with pytest.raises(CommandError, match="holds 3 interviews that seed_magazine"):
        seed("--interviews", "10")
    assert Interview.objects.count() == 3
    seed("--interviews", "10", "--artists", "10", "--force")
    assert Interview.objects.count() == 13
    # The archive's own interviews are untouched by a second forced run.
    seed("--interviews", "5", "--artists", "10", "--force")
    assert Interview.objects.count() == 8
    assert Interview.objects.filter(slug="kcrush-interview-with-soseo").exists()


def test_the_archive_loads_into_a_seeded_magazine(client):
    """The seed draws its names from the archive's world (Jellyfish
    Entertainment, Khriz Virgilio, kpop) but never takes the archive's own,
    which are unique: `make run` on a seeded database still loads it."""
    seed("--interviews", "20", "--artists", "20", "--contributors", "12")
    call_command("load_archive", verbosity=0)
    assert Interview.objects.filter(slug__in=archive_slugs()).count() == 3
    assert client.get("/interviews/kcrush-interview-with-soseo/").status_code == 200
    assert client.get("/artists/kim-sejeong/").status_code == 200


def test_nonsense_sizes_are_refused():
    with pytest.raises(CommandError, match="at least one interview"):
        seed("--interviews", "0")
