"""Pages that offer a way on: search says why it found an artist and
suggests where to go when it finds nothing; the 404 and 500 pages offer a
search box, and the 404 the latest pieces, even when the database fails;
a topic offers related topics, a contributor each role's full list."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from interviews.choices import InterviewStatus
from magazine.suggestions import SUGGESTIONS_TEMPLATE

from .factories import make_artist, make_interview


def search_page(client, query=None):
    response = client.get(reverse("search"), {"q": query} if query is not None else {})
    assert response.status_code == 200
    return response


def artist_line(html, slug):
    """The artist's result, from its link to the end of its line."""
    start = html.index(f'<a href="/artists/{slug}/">')
    return html[start : html.index("</li>", start)]


@pytest.fixture
def hidden(db):
    """A draft, its artist and its topic: no public page may show any."""
    secret = make_artist("Secret Debut", slug="secret-debut")
    draft = make_interview("Unannounced debut", artist=secret)
    draft.tags.add("secret-topic")
    scheduled = make_interview(
        "Tomorrow's comeback",
        status=InterviewStatus.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=1),
        artist=make_artist("Embargoed Group", slug="embargoed-group"),
    )
    scheduled.tags.add("embargoed-topic")
    return ["Secret Debut", "secret-topic", "Unannounced debut", "Embargoed Group"]


def assert_nothing_hidden(html, hidden):
    for name in [*hidden, "Tomorrow"]:
        assert name not in html


@pytest.fixture
def suggestions_drawn():
    """The language of each drawing of the suggestions, in order, while the
    test runs."""
    drawn = []

    def note(sender, template, context, **kwargs):
        if template.name == SUGGESTIONS_TEMPLATE:
            drawn.append(translation.get_language())

    template_rendered.connect(note)
    yield drawn
    template_rendered.disconnect(note)


@pytest.fixture
def database_down():
    """Every query fails, as it does when the database cannot be reached;
    back up before the test database is rolled back."""
    refused = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=refused
    ):
        yield


class TestOtherNames:
    def test_a_former_stage_name_says_formerly(self, archive, client):
        response = search_page(client, "shuuu")
        line = artist_line(response.content.decode(), "soseo")
        assert "Soseo" in line and "formerly <bdi>SHUUU</bdi>" in line
        # A former name is not a misspelling: no "Did you mean".
        assert not response.context["did_you_mean"]

    @pytest.mark.parametrize("query", ["Kim Se Jung", "gim sejung"])
    def test_a_romanized_variant_asks_did_you_mean(self, archive, client, query):
        response = search_page(client, query)
        html = response.content.decode()
        assert [artist.slug for artist in response.context["did_you_mean"]] == [
            "kim-sejeong"
        ]
        assert (
            'Did you mean <a href="/artists/kim-sejeong/"><bdi>Kim Sejeong</bdi></a>'
            ' (<span lang="ko">김세정</span>)?'
        ) in html
        line = artist_line(html, "kim-sejeong")
        assert "also written <bdi>" in line
        # And her interviews are found all the same.
        assert len(response.context["interviews"]) == 2

    def test_a_spelling_of_the_own_name_needs_no_explaining(self, archive, client):
        line = artist_line(
            search_page(client, "sejeong").content.decode(), "kim-sejeong"
        )
        # "sejeong" is part of her own name: nothing to explain.
        assert "also written" not in line
        response = search_page(client, "Kim Se-jeong")
        assert not response.context["did_you_mean"]

    @pytest.mark.parametrize("query", ["Kim Sejeong", "김세정", "soseo"])
    def test_an_artists_own_name_needs_no_explaining(self, archive, client, query):
        response = search_page(client, query)
        assert response.context["artists"]
        assert all(
            artist.matched_name is None for artist in response.context["artists"]
        )
        assert not response.context["did_you_mean"]
        assert "Did you mean" not in response.content.decode()

    def test_the_explanation_costs_at_most_two_queries(self, archive, client):
        by_name = search_page(client, "Kim Sejeong")
        with CaptureQueriesContext(connection) as own_name:
            search_page(client, "Kim Sejeong")
        with CaptureQueriesContext(connection) as spelled:
            search_page(client, "Gim Sejung")
        assert by_name.context["artists"]
        assert len(spelled) <= len(own_name) + 2

    def test_a_hidden_artists_old_name_stays_hidden(self, db, client):
        secret = make_artist("Secret Debut", slug="secret-debut")
        secret.aliases.create(name="Old Trainee Name", kind="former_name")
        response = search_page(client, "Old Trainee Name")
        assert response.context["artists"] == []
        assert "Secret Debut" not in response.content.decode()


class TestEmptyStates:
    def test_an_empty_search_suggests_artists_topics_and_pieces(self, archive, client):
        response = search_page(client)
        html = response.content.decode()
        assert "Artists to try" in html and "Topics" in html
        assert '<a href="/artists/kim-sejeong/">' in html
        assert '<a href="/artists/soseo/">' in html
        assert '<a href="/tags/kpop/">#<bdi>kpop</bdi></a>' in html
        assert "Latest interviews" in html
        assert len(response.context["latest"]) == 3
        assert '<meta name="robots" content="noindex, follow">' in html

    def test_a_search_that_finds_nothing_suggests_the_same(self, archive, client):
        response = search_page(client, "zzzqqq")
        html = response.content.decode()
        assert "No interviews match “zzzqqq”." in html
        assert "Artists to try" in html and "Latest interviews" in html

    def test_the_query_quoted_back_is_text_not_markup(self, archive, client):
        # The sentence that quotes it is a translation: it escapes the
        # query as the template around it does.
        html = search_page(client, "<b>zz</b>").content.decode()
        assert "No interviews match “&lt;b&gt;zz&lt;/b&gt;”." in html
        assert "<b>zz</b>" not in html

    def test_a_search_that_finds_something_suggests_nothing(self, archive, client):
        response = search_page(client, "pizza")
        assert "latest" not in response.context
        assert "Artists to try" not in response.content.decode()

    def test_a_refused_query_gets_its_error_without_suggestions(self, archive, client):
        response = search_page(client, "k" * 201)
        assert "at most 200 characters" in response.content.decode()
        assert "latest" not in response.context

    def test_suggestions_show_nothing_that_is_not_public(self, archive, hidden, client):
        for query in [None, "zzzqqq"]:
            response = search_page(client, query)
            assert_nothing_hidden(response.content.decode(), hidden)

    def test_the_empty_states_cost_the_same_few_queries_at_any_size(
        self, archive, client, django_assert_num_queries
    ):
        # The latest cards, the artists, the topics, and the next scheduled
        # piece (the suggestions are kept no longer than until it is due);
        # then none while nothing changes.
        with django_assert_num_queries(4):
            search_page(client)
        with django_assert_num_queries(0):
            search_page(client)
        for index in range(30):
            piece = make_interview(
                f"More piece {index}", status=InterviewStatus.PUBLISHED
            )
            piece.tags.add(f"topic-{index}")
        with django_assert_num_queries(4):
            response = search_page(client)
        assert len(response.context["latest"]) == 6
        assert len(response.context["suggested_artists"]) == 10
        assert len(response.context["suggested_topics"]) == 10

    def test_fruitless_searches_draw_the_suggestions_once_between_changes(
        self, archive, client, suggestions_drawn
    ):
        """Anyone can send searches that find nothing, each a page of its
        own: what they all show is drawn once until something changes."""
        for query in ["zzzqqq", "qqqzzz", None, "zzzqqq"]:
            html = search_page(client, query).content.decode()
            assert "Artists to try" in html and "Latest interviews" in html
        assert suggestions_drawn == ["en"]
        make_interview("Just published", status=InterviewStatus.PUBLISHED)
        assert "Just published" in search_page(client, "qqqzzz").content.decode()
        assert suggestions_drawn == ["en", "en"]

    def test_suggestions_are_drawn_afresh_when_the_card_cache_is_off(
        self, archive, client, suggestions_drawn, settings
    ):
        settings.CARD_CACHE = False
        search_page(client, "zzzqqq")
        search_page(client, "zzzqqq")
        assert suggestions_drawn == ["en", "en"]

    def test_a_scheduled_piece_joins_the_suggestions_when_it_goes_live(
        self, archive, client
    ):
        soon = make_interview(
            "Goes live soon",
            status=InterviewStatus.PUBLISHED,
            publish_at=timezone.now() + timedelta(seconds=1.5),
        )
        assert "Goes live soon" not in search_page(client, "zzzqqq").content.decode()
        # Kept no longer than until the piece is due: no job, no editor.
        while timezone.now() < soon.publish_at:
            time.sleep(0.05)
        assert "Goes live soon" in search_page(client, "qqqzzz").content.decode()

    def test_with_no_live_piece_there_is_nothing_to_suggest(self, db, client):
        make_interview("A draft")
        html = search_page(client, "zzzqqq").content.decode()
        assert "No interviews match" in html
        assert "Latest interviews" not in html

    def test_the_empty_search_is_a_cached_page_kept_fresh(
        self, archive, client, settings
    ):
        settings.PAGE_CACHE = True
        search_page(client)
        with CaptureQueriesContext(connection) as stored:
            search_page(client)
        assert len(stored) == 0
        make_interview("Fresh comeback talk", status=InterviewStatus.PUBLISHED)
        assert "Fresh comeback talk" in search_page(client).content.decode()


class TestNotFound:
    def test_offers_a_search_the_latest_pieces_and_the_sections(self, archive, client):
        response = client.get("/no-such-page/")
        html = response.content.decode()
        assert response.status_code == 404
        assert "Page not found" in html
        assert 'action="/search/"' in html and 'name="q"' in html
        assert '<a href="/interviews/kcrush-interview-with-soseo/">' in html
        assert '<a href="/interviews/">All interviews</a>' in html
        assert '<a href="/artists/">Artists</a>' in html

    def test_a_missing_piece_gets_the_same_page(self, archive, client):
        response = client.get("/interviews/no-such-piece/")
        assert response.status_code == 404
        assert "Latest interviews" in response.content.decode()

    def test_lists_nothing_that_is_not_live(self, archive, hidden, client):
        html = client.get("/no-such-page/").content.decode()
        assert_nothing_hidden(html, hidden)

    def test_a_flood_of_404s_costs_no_query(self, archive, client):
        client.get("/no-such-page/")
        for address in ["/no-such-page/", "/another/", "/interviews/gone/"]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(address)
            assert response.status_code == 404
            # The missing piece's own lookup is the view's, not the list's.
            assert len(queries) <= (1 if address.startswith("/interviews/") else 0)

    def test_the_list_follows_changes_at_once(self, archive, client):
        client.get("/no-such-page/")
        piece = make_interview("Just published", status=InterviewStatus.PUBLISHED)
        assert "Just published" in client.get("/no-such-page/").content.decode()
        piece.status = InterviewStatus.DRAFT
        piece.save()
        assert "Just published" not in client.get("/no-such-page/").content.decode()

    def test_a_scheduled_piece_joins_the_list_when_it_goes_live(self, archive, client):
        soon = make_interview(
            "Goes live soon",
            status=InterviewStatus.PUBLISHED,
            publish_at=timezone.now() + timedelta(seconds=1.5),
        )
        assert "Goes live soon" not in client.get("/no-such-page/").content.decode()
        # Kept no longer than until the piece is due: no job, no editor.
        while timezone.now() < soon.publish_at:
            time.sleep(0.05)
        assert "Goes live soon" in client.get("/no-such-page/").content.decode()

    def test_renders_without_the_list_when_the_database_is_down(
        self, archive, client, database_down
    ):
        response = client.get("/no-such-page/")
        html = response.content.decode()
        assert response.status_code == 404
        assert "Page not found" in html and 'action="/search/"' in html
        assert "Latest interviews" not in html


class TestServerError:
    @pytest.mark.urls("tests.failing_urls")
    def test_offers_a_search_and_links_with_the_database_down(self, database_down):
        client = Client(raise_request_exception=False)
        response = client.get("/fail/")
        html = response.content.decode()
        assert response.status_code == 500
        assert "Something went wrong" in html
        assert 'action="/search/"' in html and 'name="q"' in html
        assert '<a href="/interviews/">All interviews</a>' in html
        assert '<a href="/artists/">Artists</a>' in html


class TestTopicsAndContributors:
    def test_a_topic_offers_the_public_topics_its_pieces_share(self, db, client):
        for index in range(3):
            piece = make_interview(f"Stage {index}", status=InterviewStatus.PUBLISHED)
            piece.tags.add("comeback", "stage", *(["choreography"] if index else []))
        lonely = make_interview("Elsewhere", status=InterviewStatus.PUBLISHED)
        lonely.tags.add("unrelated")
        draft = make_interview("Draft stage")
        draft.tags.add("comeback", "secret-topic")
        response = client.get(reverse("tags:detail", args=["comeback"]))
        html = response.content.decode()
        assert "3 interviews" in html
        # Most shared first; never the topic itself, one no piece shares,
        # or one only a draft carries.
        assert [tag.slug for tag in response.context["related_topics"]] == [
            "stage",
            "choreography",
        ]
        assert '<a href="/tags/stage/" rel="tag">#<bdi>stage</bdi></a>' in html
        assert "secret-topic" not in html

    def test_related_topics_come_from_the_pieces_the_topic_was_last_put_on(
        self, db, client
    ):
        """However big the topic, its related topics are read from the live
        pieces it was last put on, RELATED_TOPICS_FROM of them: an archive
        piece tagged today counts, whatever its date; a draft does not."""
        day = timedelta(days=1)
        long_ago = make_interview(
            "Old stage",
            status=InterviewStatus.PUBLISHED,
            publish_at=timezone.now() - 900 * day,
        )
        earlier = make_interview("Earlier", status=InterviewStatus.PUBLISHED)
        recent = make_interview("Recent", status=InterviewStatus.PUBLISHED)
        draft = make_interview("Draft")
        earlier.tags.add("comeback", "dance")
        recent.tags.add("comeback", "vocals")
        long_ago.tags.add("comeback", "archive")
        draft.tags.add("comeback", "secret-topic")
        with mock.patch("interviews.views.RELATED_TOPICS_FROM", 2):
            response = client.get(reverse("tags:detail", args=["comeback"]))
        assert "3 interviews" in response.content.decode()
        assert [tag.slug for tag in response.context["related_topics"]] == [
            "archive",
            "vocals",
        ]

    def test_a_contributor_page_links_each_roles_full_list(self, archive, client):
        response = client.get(reverse("contributors:detail", args=["khriz-virgilio"]))
        html = response.content.decode()
        for credits in response.context["roles"]:
            assert f'<a href="?role={credits.role}">{credits.label} ' in html
