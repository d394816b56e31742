"""The editorial desk: what the admin's front page shows each role.

Editors: what awaits review, what goes live in the next seven days (with
its KST time), what went live lately, and how many comments wait. Writers:
what an editor sent back to them, their drafts and what they sent to
review. It draws on interviews and comments, so it is put together here, in
the site layer.
"""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from comments.models import Comment
from interviews.choices import InterviewStatus
from interviews.models import Interview
from interviews.services import PUBLISH_PERMISSION

register = template.Library()

SHOWN = 8  # pieces listed per section; the count says how many in all
SCHEDULED_DAYS = 7


def section(title, queryset, *, empty, when=None):
    return {
        "title": title,
        "count": queryset.count(),
        "pieces": list(queryset[:SHOWN]),
        "empty": empty,
        "when": when,
    }


@register.inclusion_tag("admin/desk.html", takes_context=True)
def editorial_desk(context):
    user = context["request"].user
    pieces = Interview.objects.only("pk", "title", "status", "publish_at")
    if user.has_perm(PUBLISH_PERMISSION):
        soon = timezone.now() + timedelta(days=SCHEDULED_DAYS)
        sections = [
            section(
                _("Awaiting review"),
                pieces.filter(status=InterviewStatus.REVIEW).order_by("updated_at"),
                empty=_("Nothing waits for review."),
            ),
            section(
                _("Scheduled, next 7 days"),
                pieces.scheduled().filter(publish_at__lte=soon).order_by("publish_at"),
                empty=_("Nothing is scheduled this week."),
                when="publish_at",
            ),
            section(
                _("Recently published"),
                pieces.live().order_by("-publish_at"),
                empty=_("Nothing is live yet."),
                when="publish_at",
            ),
        ]
        waiting = Comment.objects.pending().count()
    else:
        mine = pieces.filter(created_by=user)
        drafts = mine.filter(status=InterviewStatus.DRAFT)
        sections = [
            section(
                _("Sent back to me"),
                drafts.filter(sent_back_at__isnull=False).order_by("-sent_back_at"),
                empty=_("Nothing was sent back to you."),
            ),
            section(
                _("My drafts"),
                drafts.filter(sent_back_at__isnull=True).order_by("-updated_at"),
                empty=_("No drafts: start one with “Add interview”."),
            ),
            section(
                _("Sent to review"),
                mine.filter(status=InterviewStatus.REVIEW).order_by("-updated_at"),
                empty=_("Nothing of yours waits for review."),
            ),
        ]
        waiting = None
    return {"sections": sections, "comments_waiting": waiting}
