"""Markdown rendered once, when an interview is saved, into stored HTML;
this fills it for the interviews and Q&A items already there."""

import core.fields
from django.db import migrations


def render_existing(apps, schema_editor):
    from interviews.rendering import render_markdown

    Interview = apps.get_model("interviews", "Interview")
    QAItem = apps.get_model("interviews", "QAItem")
    batch = []
    for interview in Interview.objects.only("body", "closing").iterator():
        interview.body_html = render_markdown(interview.body)
        interview.closing_html = render_markdown(interview.closing)
        batch.append(interview)
        if len(batch) == 500:
            Interview.objects.bulk_update(batch, ["body_html", "closing_html"])
            batch = []
    Interview.objects.bulk_update(batch, ["body_html", "closing_html"])
    batch = []
    for item in QAItem.objects.only("answer").iterator():
        item.answer_html = render_markdown(item.answer)
        batch.append(item)
        if len(batch) == 500:
            QAItem.objects.bulk_update(batch, ["answer_html"])
            batch = []
    QAItem.objects.bulk_update(batch, ["answer_html"])


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0010_alter_credit_contributor_delete_contributor'),
    ]

    operations = [
        migrations.AddField(
            model_name='interview',
            name='body_html',
            field=core.fields.RenderedHTMLField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='interview',
            name='closing_html',
            field=core.fields.RenderedHTMLField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='qaitem',
            name='answer_html',
            field=core.fields.RenderedHTMLField(blank=True, editable=False),
        ),
        migrations.RunPython(render_existing, migrations.RunPython.noop),
    ]
