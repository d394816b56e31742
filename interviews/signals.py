"""Keep each interview's `search_document` in step with its Q&A items, and
give every tag a usable slug (see `interviews.tags`).

Connected in InterviewsConfig.ready(). They run for fixture loads too
(`raw` saves), so a loaded archive is searchable at once.
"""

from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from taggit.models import Tag

from .models import Interview, QAItem
from .search import install_search_index, refresh_search_vectors
from .tags import prepare_tag


def refresh_search_document(interview_id):
    interview = Interview.objects.filter(pk=interview_id).first()
    if interview is not None:
        row = Interview.objects.filter(pk=interview_id)
        row.update(search_document=interview.build_search_document())
        refresh_search_vectors(row)


def render_text(sender, instance, **kwargs):
    instance.render_text()


def settle_original_language(sender, instance, **kwargs):
    instance.settle_original_language()


def interview_saved(sender, instance, **kwargs):
    refresh_search_document(instance.pk)


def qa_item_changed(sender, instance, **kwargs):
    refresh_search_document(instance.interview_id)


def migrated(sender, using="default", **kwargs):
    install_search_index(using)


def connect(app_config):
    # Markdown is rendered once, when the text is saved: fixtures' raw saves
    # send pre_save too, so loaded archives have their HTML.
    pre_save.connect(render_text, sender=Interview, dispatch_uid="interviews.render")
    pre_save.connect(
        settle_original_language,
        sender=QAItem,
        dispatch_uid="qa_items.original_language",
    )
    pre_save.connect(render_text, sender=QAItem, dispatch_uid="qa_items.render")
    post_save.connect(interview_saved, sender=Interview)
    post_save.connect(qa_item_changed, sender=QAItem)
    post_delete.connect(qa_item_changed, sender=QAItem)
    post_migrate.connect(migrated, sender=app_config)
    pre_save.connect(prepare_tag, sender=Tag, dispatch_uid="interviews.prepare_tag")
