from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import (
    PublicRowAdmin,
    PublicRowInline,
    RefusesNonKeys,
    ShortDeleteSummary,
)

from .models import Release, ReleaseArtist, Track

# Editors hold it: what readers see (or will, once scheduled content goes
# live), and the announcement itself, are theirs to change.
PUBLIC_RELEASE_PERMISSION = "releases.change_public_release"


class TracklistFormSet(BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        # Django finds two rows with one number; this says it in the
        # editor's words.
        if "position" in unique_check:
            return _("Two tracks share one number: number each track once.")
        return super().get_unique_error_message(unique_check)


class TrackInline(RefusesNonKeys, PublicRowInline, admin.TabularInline):
    public_permission = PUBLIC_RELEASE_PERMISSION
    model = Track
    formset = TracklistFormSet
    fields = ["position", "title", "hangul_title", "is_title_track"]
    extra = 1


class ReleaseArtistInline(RefusesNonKeys, PublicRowInline, admin.TabularInline):
    public_permission = PUBLIC_RELEASE_PERMISSION
    model = ReleaseArtist
    fields = ["artist", "role", "position"]
    autocomplete_fields = ["artist"]
    extra = 1
    min_num = 1


class ReleaseYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Release.objects.dates("released_at", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(released_at__year=int(value))
        return queryset


@admin.register(Release)
class ReleaseAdmin(
    RefusesNonKeys, ShortDeleteSummary, PublicRowAdmin, admin.ModelAdmin
):
    public_permission = PUBLIC_RELEASE_PERMISSION
    list_display = ["title", "hangul_title", "kind", "released_at", "is_public"]
    list_filter = ["kind", ReleaseYearFilter, "is_public"]
    search_fields = ["title", "hangul_title", "artists__name", "tracks__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["label", "cover"]
    inlines = [ReleaseArtistInline, TrackInline]
    fields = [
        "title",
        "hangul_title",
        "slug",
        "kind",
        "released_at",
        "precision",
        "label",
        "cover",
        "is_public",
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        release = form.instance
        released = timezone.localdate(release.released_at)
        early = [
            credit.artist
            for credit in release.credits.select_related("artist")
            if credit.artist.debut_date and released < credit.artist.debut_date
        ]
        for artist in early:
            # Pre-debut releases exist (a soundtrack, a trainee single): said,
            # not refused.
            self.message_user(
                request,
                _(
                    "%(release)s comes out before %(artist)s debuted (%(debut)s): "
                    "check the dates."
                )
                % {
                    "release": release,
                    "artist": artist,
                    "debut": artist.debut_date.isoformat(),
                },
                messages.WARNING,
            )
