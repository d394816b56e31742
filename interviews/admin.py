import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from taggit.models import Tag

from artists.mentions import ArtistNames
from artists.models import Artist
from core.admin import (
    LargeTableAdmin,
    PublicRowAdmin,
    RefusesNonKeys,
    RestoresOverTheLatestSave,
    ShortDeleteSummary,
    ShortListFilter,
)
from core.conflicts import EditConflictForm, editing_notice
from core.db import count_of
from core.text import without_direction_controls
from photos.admin import thumbnail

from . import revisions, services
from .admin_forms import (
    ONLY_EDITORS_RESTORE,
    WRITER_STATUSES,
    AddVersionForm,
    CorrectionForm,
    CorrectionFormSet,
    CreditFormSet,
    GalleryFormSet,
    InterviewAdminForm,
    QAItemForm,
    QAItemFormSet,
    ScheduleForm,
)
from .choices import InterviewStatus, Language, Role
from .models import (
    LONG_TEXTS,
    AutosavedText,
    Contributor,
    Correction,
    Credit,
    GalleryPhoto,
    Interview,
    QAItem,
    ShareLink,
    TaggedInterview,
)
from .tags import free_slug, tag_problem, tag_slug

# What the server keeps of unsaved typing: the form's text fields only.
AUTOSAVED_FIELD = re.compile(
    r"title|standfirst|body|closing|qa_items-\d+-(question|answer|original_answer)"
)
AUTOSAVE_MAX_CHARS = 200_000


def problems_of(context):
    """Each error of a change form as (label, message, link to the field),
    for the list at the top of the form: a refusal 2,000 px down the page
    is a refusal nobody sees. Errors of the whole form (a stale save) are
    shown at the top by the admin already."""
    adminform = context.get("adminform")
    if adminform is None or not adminform.form.is_bound:
        return
    form = adminform.form
    for name, messages_ in form.errors.items():
        if name in form.fields:
            for message in messages_:
                yield form.fields[name].label, message, f"#{form[name].id_for_label}"
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        label = capfirst(formset.model._meta.verbose_name_plural)
        for message in formset.non_form_errors():
            yield label, message, f"#{formset.prefix}-group"
        for row in formset.forms:
            for name, messages_ in row.errors.items():
                anchor = f"#{row[name].id_for_label}" if name in row.fields else ""
                for message in messages_:
                    yield label, message, anchor or f"#{formset.prefix}-group"


def status_message(interview):
    """What a change of status did, in words an editor expects."""
    if interview.is_scheduled:
        when = date_format(
            timezone.localtime(interview.publish_at), gettext("j F Y, H:i")
        )
        return _("Scheduled for %s KST.") % when
    return {
        InterviewStatus.DRAFT: _("Back to draft."),
        InterviewStatus.REVIEW: _("Sent for review."),
        InterviewStatus.PUBLISHED: _("Published: it is live now."),
        InterviewStatus.ARCHIVED: _("Archived: readers no longer see it."),
    }[interview.status]


# Before the admin classes below register what their inlines edit.
revisions.register()


class ContributorAdminForm(EditConflictForm):
    """A contributor saved from a form older than its last save is refused."""

    class Meta:
        model = Contributor
        fields = "__all__"


class CreditRoleFilter(admin.SimpleListFilter):
    """Contributors credited at least once in a role, asked of each
    contributor's credits rather than joined to them: a join would repeat
    a contributor per credit, and throw out the counts of the list."""

    title = _("role")
    parameter_name = "credits__role"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if self.value() not in Role.values:
            raise IncorrectLookupParameters(f"No role {self.value()!r}")
        credited = Credit.objects.filter(contributor=OuterRef("pk"), role=self.value())
        return queryset.filter(Exists(credited))


@admin.register(Contributor)
class ContributorAdmin(
    RefusesNonKeys,
    ShortDeleteSummary,
    PublicRowAdmin,
    RestoresOverTheLatestSave,
    CompareVersionAdmin,
):
    form = ContributorAdminForm
    # Only editors change contributors; writers add them for their drafts.
    public_permission = "people.change_contributor"
    list_display = ["name", "kind", "credit_summary", "is_public", "user"]
    list_filter = ["kind", "is_public", CreditRoleFilter]
    list_select_related = ["user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    readonly_fields = ["credited_pieces"]
    # How many of a contributor's newest pieces their page lists; the rest
    # are a filter of the interview list away.
    NEWEST_PIECES = 20

    def get_queryset(self, request):
        # Each role's count, from the index of credits by contributor and
        # role: fetching every credit to count them took 3.4 s for the list
        # at 100,000 interviews, and a join grouped by contributor 0.6 s.
        counts = {
            f"credits_as_{role}": count_of(
                Credit.objects.filter(contributor=OuterRef("pk"), role=role),
                "contributor",
            )
            for role in Role.values
        }
        return super().get_queryset(request).annotate(**counts)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Linking a contributor to a staff account looks accounts up: editors
        # may (they manage staff), writers see the link only.
        if not request.user.has_perm("auth.view_user"):
            fields.append("user")
        return fields

    @admin.display(description=_("credits"))
    def credit_summary(self, contributor):
        """Each role with its count, e.g. "Interviewer ×2, Translator ×1"."""
        counts = [
            (label, getattr(contributor, f"credits_as_{role}"))
            for role, label in Role.choices
        ]
        return ", ".join(f"{label} ×{n}" for label, n in counts if n) or "—"

    @admin.display(description=_("credited on"))
    def credited_pieces(self, contributor):
        """The contributor's newest pieces, each with the role, and a link to
        all of them in the interview list: a page of every credit (14,000
        for the busiest contributor at 100,000 interviews) took 24 s."""
        if contributor.pk is None:
            return "—"
        credits = (
            contributor.credits.select_related("interview")
            .only("role", "interview__title")
            .order_by("-interview_id")[: self.NEWEST_PIECES]
        )
        pieces = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse("admin:interviews_interview_change", args=[c.interview_id]),
                    c.interview.title,
                    c.get_role_display(),
                )
                for c in credits
            ),
        )
        if not pieces:
            return "—"
        every = reverse("admin:interviews_interview_changelist")
        return format_html(
            '<ul>{}</ul><a href="{}?{}={}">{}</a>',
            pieces,
            every,
            CreditedContributorFilter.parameter_name,
            contributor.pk,
            gettext("Every piece they are credited on"),
        )


class CreditInline(RefusesNonKeys, admin.TabularInline):
    model = Credit
    formset = CreditFormSet
    fields = ["contributor", "role", "position"]
    autocomplete_fields = ["contributor"]
    extra = 1


class GalleryInline(RefusesNonKeys, admin.TabularInline):
    model = GalleryPhoto
    formset = GalleryFormSet
    fields = ["position", "photo", "preview"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    @admin.display(description=_("preview"))
    def preview(self, item):
        return thumbnail(item.photo if item.photo_id else None)


class QAItemInline(RefusesNonKeys, admin.StackedInline):
    model = QAItem
    form = QAItemForm
    formset = QAItemFormSet
    extra = 0


class CorrectionInline(RefusesNonKeys, admin.StackedInline):
    """Corrections on a live interview, newest first. Only editors add,
    change or remove them (writers hold no correction permission and see
    them read-only); on a piece readers have not seen, CorrectionFormSet
    refuses a new one, since changing the text is enough there."""

    model = Correction
    form = CorrectionForm
    formset = CorrectionFormSet
    fields = ["note", "made_at", "made_by"]
    readonly_fields = ["made_at", "made_by"]
    extra = 0


class PublicationFilter(admin.SimpleListFilter):
    """Status as editors think of it: a published piece is either live or
    scheduled, depending on whether its time has come."""

    title = _("status")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", InterviewStatus.DRAFT.label),
            ("review", InterviewStatus.REVIEW.label),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
            ("archived", InterviewStatus.ARCHIVED.label),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "live":
                return queryset.live()
            case "scheduled":
                return queryset.scheduled()
            case "draft" | "review" | "archived":
                return queryset.filter(status=self.value())
        return queryset


# How many of the newest text matches, and of the interviews of the artists
# a search names, the interview list's search finds (see search_help_text).
SEARCH_NEWEST = 1000


class FeaturedArtistFilter(ShortListFilter):
    """The artists of the newest pieces (those an editor is working on), and
    any other an address chooses (a bookmark, a link between editors)."""

    title = _("artist")
    parameter_name = "featured_artists__id__exact"
    related_model = Artist
    lookup = "featured_artists"

    def offered(self, request):
        # From the newest interview back, as its index of interviews runs.
        features = Interview.featured_artists.through.objects
        newest = self.first_named(features.order_by("-interview_id"), "artist")
        return newest.order_by("name")


class CreditedContributorFilter(ShortListFilter):
    """The contributors credited on the newest pieces, and any other an
    address chooses (a contributor's page links to every piece of theirs)."""

    title = _("contributor")
    parameter_name = "contributor"
    related_model = Contributor
    lookup = "credits__contributor"

    def offered(self, request):
        newest = self.first_named(
            Credit.objects.order_by("-interview_id"), "contributor"
        )
        return newest.order_by("name")


class TagFilter(ShortListFilter):
    """The tags last put on pieces, and any other an address chooses: a
    magazine's tags number in the thousands after some years."""

    title = _("tag")
    parameter_name = "tags__id__exact"
    related_model = Tag
    lookup = "tags"

    def offered(self, request):
        # Every tagging walked from the newest, stopped early.
        newest = self.first_named(TaggedInterview.objects.order_by("-pk"), "tag")
        return newest.order_by("name")


@admin.register(Interview)
class InterviewAdmin(
    RefusesNonKeys,
    ShortDeleteSummary,
    RestoresOverTheLatestSave,
    LargeTableAdmin,
    CompareVersionAdmin,
):
    form = InterviewAdminForm
    inlines = [CreditInline, GalleryInline, QAItemInline, CorrectionInline]
    list_display = ["title", "publication", "publish_at", "artist_names", "updated_at"]
    list_filter = [
        PublicationFilter,
        FeaturedArtistFilter,
        CreditedContributorFilter,
        TagFilter,
        "published_in",
        "conducted_in",
        "publish_at",
        "is_featured",
    ]
    date_hierarchy = "publish_at"
    # Shows the search box; get_search_results answers it.
    search_fields = ["title"]
    search_help_text = _(
        "Words of the title, standfirst or text (three letters or more find "
        "the words they begin), or an artist's name in any spelling. Finds "
        "the newest 1,000 of each; more words narrow it."
    )
    list_defer = LONG_TEXTS
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "featured_artists",
        "mentioned_artists",
        "releases",
        "lead_photo",
        "version_of",
    ]
    readonly_fields = ["byline_preview", "lead_preview", "sharing", "named_in_text"]
    readonly_fields += ["other_versions"]
    readonly_fields += ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "standfirst",
                    "featured_artists",
                    "mentioned_artists",
                    "named_in_text",
                    "releases",
                    "tags",
                    # Hidden: which save the form was made from (core.conflicts).
                    "edit_token",
                ]
            },
        ),
        (_("Photos"), {"fields": ["lead_photo", "lead_preview"]}),
        (_("Text"), {"fields": ["body", "closing"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "editor_note",
                    "publish_at",
                    "is_featured",
                    "comments_open",
                    "byline_preview",
                ]
            },
        ),
        (
            _("Languages"),
            {
                "fields": [
                    "conducted_in",
                    "published_in",
                    "version_of",
                    "other_versions",
                ]
            },
        ),
        (
            _("History"),
            {
                "classes": ["collapse"],
                "fields": ["created_by", "created_at", "updated_at"],
            },
        ),
    ]
    actions = ["publish_selected", "schedule_selected", "unpublish_selected"]

    class Media:
        # What is typed is kept in the browser until the server has it.
        js = ["magazine/keep-unsaved-text.js", "magazine/korean-time.js"]

    actions += ["archive_selected"]

    def get_inlines(self, request, obj):
        # A new interview has had no readers to correct anything for.
        if obj is None:
            return [i for i in self.inlines if i is not CorrectionInline]
        return self.inlines

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction_form in formset.forms:
                if correction_form.instance.pk is None:
                    correction_form.instance.made_by = request.user
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "featured_artists",
                Prefetch("credits", Credit.objects.select_related("contributor")),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        # From the full-text index and the artists' name keys
        # (`Interview.objects.matching`): a LIKE over every body and a join
        # to every artist and alias took seconds at 100,000 interviews, and
        # made each match a DISTINCT.
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term, newest=SEARCH_NEWEST), False

    def can_publish(self, request):
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def has_change_permission(self, request, obj=None):
        # Writers edit drafts and pieces in review; what is published or
        # archived is the editors' to change.
        settled = obj is not None and obj.status not in (
            InterviewStatus.DRAFT,
            InterviewStatus.REVIEW,
        )
        if settled and not self.can_publish(request):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += ["publish_at", "is_featured", "comments_open", "editor_note"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = self.can_publish(request)
        return form

    def save_model(self, request, obj, form, change):
        if change:
            # Saved: what the server kept of this editor's typing is done.
            AutosavedText.objects.filter(interview=obj, user=request.user).delete()
        if not change:
            obj.created_by = request.user
        was = form.initial.get("status")
        if was == InterviewStatus.REVIEW and obj.status == InterviewStatus.DRAFT:
            # An editor sends it back: the writer's desk and form say so.
            obj.sent_back_at = timezone.now()
        elif obj.status != InterviewStatus.DRAFT:
            obj.sent_back_at = None
        super().save_model(request, obj, form, change)
        if change and {"status", "publish_at"} & set(form.changed_data):
            message = status_message(obj)
            if obj.sent_back_at:
                message = _("Sent back to the writer, with your note.")
            self.message_user(request, message, messages.SUCCESS)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Only when the form is opened: a save must not read the row twice.
        if request.method == "GET":
            interview = self.get_object(request, unquote(object_id))
            for level, notice in self.notices(request, interview) if interview else ():
                self.message_user(request, notice, level)
        return super().change_view(request, object_id, form_url, extra_context)

    def notices(self, request, interview):
        """What the person opening the form should know first."""
        if not self.has_change_permission(request, interview):
            yield (
                messages.INFO,
                _(
                    "This interview is %(status)s, so only an editor can change it: "
                    "you can read it here, and ask an editor for a change."
                )
                % {"status": interview.get_status_display().lower()},
            )
            return
        if interview.sent_back_at and interview.status == InterviewStatus.DRAFT:
            yield (
                messages.WARNING,
                _("Sent back by an editor on %(when)s KST: %(note)s")
                % {
                    "when": date_format(
                        timezone.localtime(interview.sent_back_at),
                        gettext("j F Y, H:i"),
                    ),
                    "note": interview.editor_note or _("(no note)"),
                },
            )
        notice = editing_notice(interview, request.user)
        if notice:
            yield messages.WARNING, notice

    def render_change_form(self, request, context, *args, **kwargs):
        context["problems"] = list(problems_of(context))
        interview = kwargs.get("obj")
        if interview is not None and request.method == "GET":
            kept = AutosavedText.objects.filter(
                interview=interview,
                user=request.user,
                saved_at__gt=interview.updated_at,
            ).first()
            if kept is not None:
                context["autosaved_text"] = {
                    "savedAt": int(kept.saved_at.timestamp() * 1000),
                    "fields": kept.fields,
                }
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self):
        autosave = path(
            "<path:object_id>/autosave/",
            self.admin_site.admin_view(self.autosave_view),
            name="interviews_interview_autosave",
        )
        add_version = path(
            "<path:object_id>/add-version/",
            self.admin_site.admin_view(self.add_version_view),
            name="interviews_interview_add_version",
        )
        return [autosave, add_version, *super().get_urls()]

    def add_version_view(self, request, object_id):
        """Add a version of this interview's piece in another language: a
        draft copy to translate (services.add_language_version)."""
        interview = self.get_object(request, unquote(object_id))
        if interview is None:
            raise Http404
        if not (
            self.has_add_permission(request)
            and self.has_view_permission(request, interview)
        ):
            raise PermissionDenied
        original = interview.version_of or interview
        taken = {original.published_in}
        taken |= set(original.language_versions.values_list("published_in", flat=True))
        languages = [choice for choice in Language.choices if choice[0] not in taken]
        form = AddVersionForm(request.POST or None, languages=languages)
        if request.method == "POST" and form.is_valid():
            try:
                version = services.add_language_version(
                    interview=interview,
                    language=form.cleaned_data["language"],
                    by=request.user,
                )
            except ValidationError as refusal:
                form.add_error("language", refusal.messages)
            else:
                self.message_user(
                    request,
                    _(
                        "Added the %(language)s version as a draft: translate "
                        "it, credit the translator, and publish it when ready."
                    )
                    % {"language": version.get_published_in_display()},
                    messages.SUCCESS,
                )
                return redirect("admin:interviews_interview_change", version.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add a version in another language"),
            "opts": self.model._meta,
            "original": original,
            "interview": interview,
            "form": form,
            "languages": languages,
        }
        return TemplateResponse(
            request, "admin/interviews/interview/add_version.html", context
        )

    def autosave_view(self, request, object_id):
        """Keep what this editor has typed and not saved (the browser sends
        it every half minute while they type). Only text fields, only from
        someone who may change the interview: anything else changes nothing."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        interview = self.get_object(request, unquote(object_id))
        if interview is None:
            raise Http404
        if not self.has_change_permission(request, interview):
            raise PermissionDenied
        kept = AutosavedText.objects.filter(interview=interview, user=request.user)
        if request.POST.get("discard"):
            kept.delete()
            return HttpResponse(status=204)
        # A NUL, which nobody types but a paste can carry, cannot be stored
        # in PostgreSQL's JSON (it was a 500): the text around it is kept.
        fields = {
            name: value.replace("\x00", "")
            for name, value in request.POST.items()
            if AUTOSAVED_FIELD.fullmatch(name) and len(value) <= AUTOSAVE_MAX_CHARS
        }
        AutosavedText.objects.update_or_create(
            interview=interview, user=request.user, defaults={"fields": fields}
        )
        return HttpResponse(status=204)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a revision is saving it again: a writer may restore a
        draft or a piece in review, never a published or archived state."""
        version = get_object_or_404(
            Version, pk=version_id, object_id=unquote(object_id)
        )
        restored_status = version.field_dict.get("status")
        if restored_status not in WRITER_STATUSES and not self.can_publish(request):
            self.message_user(request, ONLY_EDITORS_RESTORE, messages.ERROR)
            return redirect("admin:interviews_interview_history", object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def view_on_site(self, interview):
        """Live pieces open at their address; the rest in the staff preview."""
        if interview.is_live:
            return interview.get_absolute_url()
        return reverse("preview:interview", args=[interview.pk])

    @admin.display(description=_("status"), ordering="status")
    def publication(self, interview):
        if interview.is_scheduled:
            return _("Scheduled")
        if interview.is_live:
            return _("Live")
        return interview.get_status_display()

    @admin.display(description=_("artists"))
    def artist_names(self, interview):
        return ", ".join(artist.name for artist in interview.featured_artists.all())

    @admin.display(description=_("lead photo (as saved)"))
    def lead_preview(self, interview):
        return thumbnail(interview.lead_photo, height=160)

    @admin.display(description=_("byline (as saved)"))
    def byline_preview(self, interview):
        return str(interview.byline) or "—"

    @admin.display(description=_("named in the text (as saved)"))
    def named_in_text(self, interview):
        """The artists the saved text names that are neither featured nor
        mentioned yet: suggestions for the mentions."""
        if interview.pk is None:
            return "—"
        text = "\n".join(
            [interview.standfirst, interview.body, interview.closing]
            + [
                f"{q.question}\n{q.answer}\n{q.original_answer}"
                for q in interview.qa_items.all()
            ]
        )
        named = ArtistNames().artists_in(text)
        taken = {a.pk for a in interview.featured_artists.all()}
        taken |= set(interview.mentioned_artists.values_list("pk", flat=True))
        suggested = Artist.objects.filter(pk__in=set(named) - taken).order_by("name")
        if not suggested:
            return _("No other artist that the magazine knows is named.")
        return format_html(
            "{} {}",
            _("Not yet featured or mentioned:"),
            ", ".join(artist.name for artist in suggested),
        )

    @admin.display(description=_("language versions"))
    def other_versions(self, interview):
        """The other versions of this piece, whatever their status, and the
        way to add one."""
        if interview.pk is None:
            return _("Save the interview first; then you can add its versions.")
        versions = Interview.objects.language_versions(interview).order_by(
            "published_in"
        )
        listed = format_html_join(
            "",
            '<li><a href="{}" lang="{}">{}</a> ({}, {})</li>',
            (
                (
                    reverse("admin:interviews_interview_change", args=[other.pk]),
                    other.published_in,
                    other.title,
                    other.get_published_in_display(),
                    self.publication(other),
                )
                for other in versions
            ),
        )
        add = reverse("admin:interviews_interview_add_version", args=[interview.pk])
        return format_html(
            '{}<a href="{}">{}</a>',
            format_html("<ul>{}</ul>", listed) if listed else _("None yet. "),
            add,
            _("Add a version in another language"),
        )

    @admin.display(description=_("share links"))
    def sharing(self, interview):
        active = interview.share_links.active().count()
        add = reverse("admin:interviews_sharelink_add") + f"?interview={interview.pk}"
        listed = reverse("admin:interviews_sharelink_changelist")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}?interview__id__exact={}">{}</a>',
            add,
            _("Share a preview with someone without an account"),
            listed,
            interview.pk,
            ngettext("%d active link", "%d active links", active) % active,
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not request.user.has_perm("interviews.add_sharelink"):
            return fieldsets
        return [
            (name, {**options, "fields": [*options["fields"], "sharing"]})
            if name == _("Publication")
            else (name, options)
            for name, options in fieldsets
        ]

    def _apply(self, request, queryset, service, done_message, **kwargs):
        """Run a publishing service on each selected interview and report
        what happened to each: done, or why not."""
        done = 0
        for interview in queryset:
            try:
                service(interview=interview, by=request.user, **kwargs)
            except services.NotReadyToPublish as refusal:
                self.message_user(
                    request,
                    format_html_join(
                        " ",
                        "{}",
                        [(_("“%s” is not ready:") % interview,)]
                        + [(problem,) for problem in refusal.problems],
                    ),
                    messages.ERROR,
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(
        description=_("Publish selected interviews now"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.publish_interview,
            lambda n: (
                ngettext("Published %d interview.", "Published %d interviews.", n) % n
            ),
        )

    @admin.action(
        description=_("Schedule selected interviews…"), permissions=["publish"]
    )
    def schedule_selected(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            publish_at = form.cleaned_data["publish_at"]
            when = date_format(timezone.localtime(publish_at), "DATETIME_FORMAT")
            self._apply(
                request,
                queryset,
                services.schedule_interview,
                lambda n: (
                    ngettext(
                        "Scheduled %(count)d interview for %(when)s KST.",
                        "Scheduled %(count)d interviews for %(when)s KST.",
                        n,
                    )
                    % {"count": n, "when": when}
                ),
                at=publish_at,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Schedule interviews"),
            "opts": self.model._meta,
            "form": form,
            "interviews": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/interviews/interview/schedule.html", context
        )

    @admin.action(
        description=_("Unpublish selected interviews"), permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        self._apply(
            request,
            queryset.published(),
            services.unpublish_interview,
            lambda n: (
                ngettext(
                    "Unpublished %d interview; it is a draft again.",
                    "Unpublished %d interviews; they are drafts again.",
                    n,
                )
                % n
            ),
        )

    @admin.action(description=_("Archive selected interviews"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.archive_interview,
            lambda n: (
                ngettext("Archived %d interview.", "Archived %d interviews.", n) % n
            ),
        )


def describe_version(version):
    """A revision as an editor picks it: when, by whom, and what was done."""
    revision = version.revision
    user = revision.user
    who = (user.get_full_name() or user.get_username()) if user else _("someone")
    when = date_format(timezone.localtime(revision.date_created), gettext("j F Y, H:i"))
    return " · ".join(
        part for part in (f"{when} KST", str(who), revision.get_comment()) if part
    )


@admin.register(ShareLink)
class ShareLinkAdmin(RefusesNonKeys, ShortDeleteSummary, admin.ModelAdmin):
    """Links to one interview's preview for people without an account."""

    list_display = ["interview", "shared_with", "state", "expires_at", "created_by"]
    list_filter = [("interview", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["interview", "created_by"]
    autocomplete_fields = ["interview"]
    fields = ["interview", "version", "shared_with", "expires_at", "link", "revoked_at"]
    readonly_fields = ["link", "revoked_at"]
    actions = ["revoke_selected"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # A link never moves to another piece or another revision.
            fields += ["interview", "version"]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "version":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # The revisions of the interview being shared (the link from its
        # form names it), newest first; ShareLink.clean refuses any other.
        interview = request.POST.get("interview") or request.GET.get("interview")
        versions = Version.objects.get_for_model(Interview).select_related(
            "revision__user"
        )
        kwargs["queryset"] = (
            versions.filter(object_id=interview).order_by("-pk")
            if interview and interview.isdigit()
            else versions.none()
        )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.label_from_instance = describe_version
        field.empty_label = _("As it is now, whenever the link is opened")
        return field

    @admin.display(description=_("state"))
    def state(self, link):
        if link.revoked_at:
            return _("revoked")
        return _("active") if link.is_active else _("expired")

    @admin.display(description=_("link"))
    def link(self, link):
        if link.pk is None:
            return _("Made when you save.")
        if not link.is_active:
            return _("This link no longer opens anything.")
        return format_html('<a href="{0}">{0}</a>', link.get_absolute_url())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            self.message_user(
                request,
                format_html(
                    _("Send this link to {}: {} (it works until {} KST)."),
                    obj.shared_with,
                    request.build_absolute_uri(obj.get_absolute_url()),
                    date_format(
                        timezone.localtime(obj.expires_at), gettext("j F Y, H:i")
                    ),
                ),
                messages.SUCCESS,
            )

    @admin.action(description=_("Revoke the selected links now"))
    def revoke_selected(self, request, queryset):
        revoked = queryset.filter(revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%d link revoked.", "%d links revoked.", revoked) % revoked,
            messages.SUCCESS,
        )


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "The topic's address: /tags/this-slug/. Left empty, it is made "
            "from the name (an emoji's own name for emoji: 💜 is purple-heart)."
        )

    def clean_name(self):
        name = without_direction_controls(self.cleaned_data["name"]).strip()
        problem = tag_problem(name)
        if problem:
            raise ValidationError(problem)
        return name

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        if name and not cleaned_data.get("slug"):
            cleaned_data["slug"] = free_slug(
                Tag, tag_slug(name), exclude_pk=self.instance.pk
            )
            self.instance.slug = cleaned_data["slug"]
        return cleaned_data


# taggit's own tag admin edits its generic TaggedItem, which interviews do
# not use (their tags go through TaggedInterview), and lets any name through.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(RefusesNonKeys, ShortDeleteSummary, admin.ModelAdmin):
    form = TagAdminForm
    list_display = ["name", "slug", "interview_count"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # From the index of taggings by tag, as contributors' credits are
        # counted: a join of every tagging took 0.1 to 0.3 s a list (three
        # times over, with the list's two counts) at 100,000 interviews.
        count = count_of(TaggedInterview.objects.filter(tag=OuterRef("pk")), "tag")
        return super().get_queryset(request).annotate(interview_count=count)

    @admin.display(description=_("interviews"), ordering="interview_count")
    def interview_count(self, tag):
        return tag.interview_count
