"""The article page's query budget holds with comments: no query for them
when there are none to show, and one for all of them, replies included."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment, CommentStatus

from .test_query_budgets import BUDGETS, build

COMMENTS = 50


def article_queries(client, interview, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(interview.get_absolute_url(), query)
    assert response.status_code == 200
    return len(queries), response


def add_comments(interview, count, status, parents=None):
    return Comment.objects.bulk_create(
        Comment(
            interview=interview,
            parent=parents[number] if parents else None,
            name=f"Reader {number}",
            email=f"reader{number}@example.com",
            text=f"Comment {number} of {status}",
            status=status,
        )
        for number in range(count)
    )


@pytest.mark.django_db
def test_comments_cost_one_query_whatever_their_number(client):
    article, _artist, _writer = build(COMMENTS)
    none, response = article_queries(client, article)
    assert none <= BUDGETS["article"]
    assert response.context["comment_count"] == 0

    # Comments readers do not see cost nothing either.
    for status in (CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.SPAM):
        add_comments(article, COMMENTS, status)
    assert article_queries(client, article)[0] == none

    top_level = add_comments(article, COMMENTS, CommentStatus.APPROVED)
    add_comments(article, COMMENTS, CommentStatus.APPROVED, parents=top_level)
    add_comments(article, COMMENTS, CommentStatus.PENDING, parents=top_level)

    fifty, response = article_queries(client, article)
    assert fifty == none + 1
    assert response.context["comment_count"] == 2 * COMMENTS
    comments = response.context["comments"]
    assert len(comments) == COMMENTS
    assert all(len(comment.thread_replies) == 1 for comment in comments)

    # A reply link costs one lookup more: the thread is asked about before
    # the page is drawn, so a made-up one costs no page (see the view).
    assert article_queries(client, article, reply_to=top_level[0].pk)[0] == fifty + 1
