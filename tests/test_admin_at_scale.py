"""The editors' lists at a grown magazine's size: the interview list's
search reads the full-text index rather than every body."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews import admin as interview_admin
from interviews.choices import InterviewStatus

from .factories import make_interview

INTERVIEWS = reverse("admin:interviews_interview_changelist")


def change_list(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.context["cl"]


def slugs(client, **params):
    return {i.slug for i in change_list(client, INTERVIEWS, **params).result_list}


@pytest.mark.django_db
def test_the_search_finds_drafts_by_the_words_their_text_begins_with(editor_client):
    draft = make_interview("Untitled", body="The saxophonist rehearsed at dawn.")
    make_interview("Other", status=InterviewStatus.PUBLISHED, body="Nothing here.")

    assert slugs(editor_client, q="saxophon") == {draft.slug}
    assert slugs(editor_client, q="rehearsed dawn") == {draft.slug}
    assert slugs(editor_client, q="rehearsed nothing") == set()


@pytest.mark.django_db
def test_the_search_reads_the_text_index_not_every_body(editor_client):
    make_interview("Untitled", body="The saxophonist rehearsed at dawn.")

    with CaptureQueriesContext(connection) as queries:
        assert len(slugs(editor_client, q="dawn")) == 1

    for query in queries:
        sql = query["sql"]
        assert not re.search(r'"body"\S* LIKE', sql, re.I), sql
        # No join repeats an interview for DISTINCT to fold.
        assert 'DISTINCT "interviews_interview"' not in sql, sql


@pytest.mark.django_db
def test_a_search_lists_the_newest_matches_only(editor_client, monkeypatch):
    monkeypatch.setattr(interview_admin, "SEARCH_NEWEST", 2)
    oldest, newer, newest = (
        make_interview(title, body="A comeback.") for title in ("One", "Two", "Three")
    )

    cl = change_list(editor_client, INTERVIEWS, q="comeback")

    assert {i.pk for i in cl.result_list} == {newer.pk, newest.pk}
    assert cl.result_count == 2
