"""Markdown is rendered once, when the text is saved or imported, into
stored HTML; pages and feeds read the stored HTML and render nothing."""

import importlib
import json
from io import StringIO
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from interviews.choices import InterviewStatus
from interviews.models import Interview, QAItem

from .factories import make_interview


def test_saving_renders_the_body_answers_and_closing(db):
    interview = make_interview(
        "Rendered", body="Hello *world*", closing="Thanks **all**"
    )
    item = QAItem.objects.create(
        interview=interview, position=1, question="Q?", answer="An <Ex> answer"
    )
    interview = Interview.objects.get(pk=interview.pk)
    assert interview.body_html == "<p>Hello <em>world</em></p>"
    assert interview.closing_html == "<p>Thanks <strong>all</strong></p>"
    assert QAItem.objects.get(pk=item.pk).answer_html == "<p>An &lt;Ex&gt; answer</p>"
    interview.body = "Changed"
    interview.save()
    assert Interview.objects.get(pk=interview.pk).body_html == "<p>Changed</p>"


def test_pages_and_feeds_render_no_markdown(client, db):
    interview = make_interview(
        "Read only", status=InterviewStatus.PUBLISHED, body="*Stored*"
    )
    QAItem.objects.create(interview=interview, position=1, question="Q?", answer="A.")
    with mock.patch("markdown.Markdown.convert", side_effect=AssertionError):
        article = client.get(interview.get_absolute_url())
        feed = client.get(reverse("feeds:site-rss"))
    assert "<em>Stored</em>" in article.content.decode()
    assert "&lt;em&gt;Stored&lt;/em&gt;" in feed.content.decode()


def test_a_fixture_cannot_bring_its_own_html(db, tmp_path):
    """The HTML is always the renderer's: a fixture's is replaced."""
    call_command("load_archive", verbosity=0)
    soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
    fixture = [
        {
            "model": "interviews.interview",
            "fields": {
                "title": soseo.title,
                "slug": soseo.slug,
                "body": "Plain words.",
                "body_html": "<script>alert(1)</script>",
                "status": "published",
                "publish_at": soseo.publish_at.isoformat(),
                "featured_artists": [["soseo"]],
                "created_at": soseo.created_at.isoformat(),
                "updated_at": soseo.updated_at.isoformat(),
            },
        }
    ]
    path = tmp_path / "html.json"
    path.write_text(json.dumps(fixture))
    call_command("import_interviews", str(path), stdout=StringIO())
    assert Interview.objects.get(pk=soseo.pk).body_html == "<p>Plain words.</p>"


def test_the_archive_loads_with_its_html(db):
    call_command("load_archive", verbosity=0)
    for interview in Interview.objects.all():
        assert interview.body_html.startswith("<p>"), interview.slug
    assert all(item.answer_html for item in QAItem.objects.all())


@pytest.mark.django_db
def test_the_migration_renders_what_was_stored_before(db):
    interview = make_interview("Old row", body="Old *text*")
    item = QAItem.objects.create(
        interview=interview, position=1, question="Q", answer="**A**"
    )
    Interview.objects.filter(pk=interview.pk).update(body_html="")
    QAItem.objects.filter(pk=item.pk).update(answer_html="")
    migration = importlib.import_module("interviews.migrations.0011_rendered_html")
    migration.render_existing(apps, None)
    assert (
        Interview.objects.get(pk=interview.pk).body_html == "<p>Old <em>text</em></p>"
    )
    assert QAItem.objects.get(pk=item.pk).answer_html == "<p><strong>A</strong></p>"
