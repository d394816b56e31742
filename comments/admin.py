from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import (
    LargeTableAdmin,
    RefusesNonKeys,
    ShortDeleteSummary,
    ShortListFilter,
)
from interviews.models import LONG_TEXTS, Interview

from . import services
from .forms import CloseCommentsForm
from .models import Comment, CommentStatus

# Pending comments first: they are the editors' work. Then newest first.
PENDING_FIRST = Case(
    When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1)
)


class AwaitingModerationFilter(ShortListFilter):
    """The interviews with comments waiting, and any other an address
    chooses (a bookmark, a link between editors)."""

    title = _("interview")
    parameter_name = "interview__id__exact"
    related_model = Interview
    lookup = "interview"

    def offered(self, request):
        # From the newest pending comment back: the interviews a fandom is
        # talking about now.
        pending = Comment.objects.filter(status=CommentStatus.PENDING)
        newest = self.first_named(pending.order_by("-pk"), "interview")
        return newest.only("title").order_by("title")


@admin.register(Comment)
class CommentAdmin(
    RefusesNonKeys, ShortDeleteSummary, LargeTableAdmin, admin.ModelAdmin
):
    """Moderation. Readers write comments, editors only approve, reject or
    mark them as spam: nothing a reader wrote is edited here."""

    change_list_template = "comments/admin/change_list.html"
    list_display = ["excerpt", "interview", "name", "email", "status", "created_at"]
    list_display_links = ["excerpt"]
    list_filter = ["status", AwaitingModerationFilter]
    list_select_related = ["interview"]
    # Its interview is named in each row: its title, not its text.
    list_defer = [f"interview__{name}" for name in LONG_TEXTS]
    search_fields = ["text", "name", "email"]
    ordering = [PENDING_FIRST.asc(), "-created_at"]
    date_hierarchy = "created_at"
    fields = [
        "interview",
        "parent",
        "name",
        "email",
        "text",
        "status",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    readonly_fields = [
        "interview",
        "parent",
        "name",
        "email",
        "text",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    actions = ["approve_selected", "reject_selected", "mark_selected_as_spam"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return comment.excerpt

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            services.moderate(
                comments=Comment.objects.filter(pk=obj.pk),
                status=obj.status,
                by=request.user,
            )
            obj.refresh_from_db()
        else:
            super().save_model(request, obj, form, change)

    def _moderate(self, request, queryset, status, message):
        count = services.moderate(comments=queryset, status=status, by=request.user)
        self.message_user(request, message(count) % count, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._moderate(
            request,
            queryset,
            CommentStatus.APPROVED,
            lambda n: ngettext("Approved %d comment.", "Approved %d comments.", n),
        )

    @admin.action(description=_("Reject selected comments"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._moderate(
            request,
            queryset,
            CommentStatus.REJECTED,
            lambda n: ngettext("Rejected %d comment.", "Rejected %d comments.", n),
        )

    @admin.action(
        description=_("Mark selected comments as spam"), permissions=["change"]
    )
    def mark_selected_as_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            CommentStatus.SPAM,
            lambda n: ngettext(
                "Marked %d comment as spam.", "Marked %d comments as spam.", n
            ),
        )

    def get_urls(self):
        close = self.admin_site.admin_view(self.close_old_view)
        return [
            path("close-old/", close, name="comments_comment_close_old"),
            *super().get_urls(),
        ]

    def can_close(self, request):
        # Closing changes interviews: it takes both moderation and the right
        # to change interviews, as editors have.
        return self.has_change_permission(request) and request.user.has_perm(
            "interviews.change_interview"
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_close": self.can_close(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def close_old_view(self, request):
        """Close comments on every interview published more than N days ago."""
        if not self.can_close(request):
            raise PermissionDenied
        form = CloseCommentsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            days = form.cleaned_data["days"]
            closed = services.close_comments_older_than(days=days)
            self.message_user(
                request,
                ngettext(
                    "Closed comments on %(count)d interview published more "
                    "than %(days)d days ago.",
                    "Closed comments on %(count)d interviews published more "
                    "than %(days)d days ago.",
                    closed,
                )
                % {"count": closed, "days": days},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:comments_comment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Close comments on older interviews"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "comments/admin/close_old.html", context)
