from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from interviews.models import Interview

# Long enough for a considered answer to an interview, short enough that a
# comment stays a comment (and a pasted essay of spam is refused).
MAX_TEXT_LENGTH = 3000
MAX_NAME_LENGTH = 100


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """What readers may see: approved comments, and approved replies to
        approved comments. This is the only definition of it: the page's
        list and its count both ask for it, so they always agree.

        A reply whose comment is later rejected leaves with it: an answer to
        something no longer on the page would make no sense.
        """
        return self.filter(status=CommentStatus.APPROVED).filter(
            Q(parent__isnull=True) | Q(parent__status=CommentStatus.APPROVED)
        )

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def by_address(self, email):
        """Every comment from one email address, however it was capitalised."""
        return self.filter(email__iexact=email.strip())


class Comment(models.Model):
    """A reader's comment on an interview, or a reply to one.

    Replies go one level deep: `parent` is always a top-level comment of the
    same interview (the form sees to it). A comment is pending until an
    editor approves it; only approved comments ever reach a page.
    """

    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=MAX_NAME_LENGTH)
    email = models.EmailField(
        _("email"),
        help_text=_("For moderation only: never shown on the site or in feeds."),
    )
    text = models.TextField(
        _("comment"), help_text=_("Plain text, exactly as the reader typed it.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["interview", "status"])]

    def __str__(self):
        # No email here: this text lands in the admin's history and messages.
        return f"{self.name}: {self.excerpt}"

    def get_absolute_url(self):
        return f"{self.interview.get_absolute_url()}#comment-{self.pk}"

    @property
    def excerpt(self):
        return Truncator(" ".join(self.text.split())).chars(80)

    @property
    def is_pending(self):
        return self.status == CommentStatus.PENDING

    @property
    def is_reply(self):
        return self.parent_id is not None


def with_comment_count(interviews):
    """Annotate each interview with `comment_count`, the number of comments
    readers see on it, as a subquery: no query of its own."""
    visible = (
        Comment.objects.visible()
        .filter(interview=OuterRef("pk"))
        .order_by()
        .values("interview")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return interviews.annotate(comment_count=Coalesce(Subquery(visible), 0))
