from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from core.admin import (
    PublicRowAdmin,
    PublicRowInline,
    RefusesNonKeys,
    RestoresOverTheLatestSave,
    ShortDeleteSummary,
)
from core.conflicts import EditConflictForm
from core.names import name_key
from photos.admin import thumbnail

from . import revisions
from .models import (
    GROUP_KINDS,
    Agency,
    AgencyPeriod,
    Alias,
    AliasKind,
    Artist,
    ArtistLink,
    Membership,
    Romanization,
    overlapping_periods,
)

# Links typed without a scheme ("instagram.com/...") are taken as https.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}
# Writers change artists only while no reader can see them.
PUBLIC_ARTIST_PERMISSION = "artists.change_public_artist"


class NameKeySearchMixin:
    """Adds artists found by folded name ("kim se-jeong", "김세정") to the
    admin's word-by-word search results."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if name_key(search_term):
            artists = Artist.objects.matching(search_term).values("pk")
            results |= queryset.filter(pk__in=artists)
            may_have_duplicates = True
        return results, may_have_duplicates


@admin.register(Agency)
class AgencyAdmin(RefusesNonKeys, ShortDeleteSummary, admin.ModelAdmin):
    list_display = ["name", "hangul_name", "artist_count"]
    search_fields = ["name", "hangul_name"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = HTTPS_URLS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(artist_count=Count("artists"))

    @admin.display(description=_("artists"), ordering="artist_count")
    def artist_count(self, agency):
        return agency.artist_count


class AliasFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            name = form.cleaned_data.get("name", "")
            key = name_key(name)
            if key in seen:
                raise ValidationError(
                    _("“%(name)s” and “%(other)s” are the same name once case, "
                      "spaces and hyphens are folded; keep one.")
                    % {"name": name, "other": seen[key]}
                )  # fmt: skip
            seen[key] = name


class AliasInline(RefusesNonKeys, PublicRowInline, admin.TabularInline):
    public_permission = PUBLIC_ARTIST_PERMISSION
    model = Alias
    formset = AliasFormSet
    fields = ["name", "kind"]
    extra = 1


class ArtistLinkInline(RefusesNonKeys, PublicRowInline, admin.TabularInline):
    public_permission = PUBLIC_ARTIST_PERMISSION
    model = ArtistLink
    fields = ["platform", "url", "position"]
    formfield_overrides = HTTPS_URLS
    extra = 0


class MembershipInline(RefusesNonKeys, PublicRowInline, admin.TabularInline):
    public_permission = PUBLIC_ARTIST_PERMISSION
    model = Membership
    fk_name = "member"
    fields = ["group", "start_date", "end_date", "position"]
    autocomplete_fields = ["group"]
    extra = 0
    verbose_name = _("group membership")
    verbose_name_plural = _("groups this artist belongs to")


class LineupInline(RefusesNonKeys, PublicRowInline, admin.TabularInline):
    public_permission = PUBLIC_ARTIST_PERMISSION
    model = Membership
    fk_name = "group"
    fields = ["member", "start_date", "end_date", "position"]
    autocomplete_fields = ["member"]
    extra = 0
    verbose_name = _("member")
    verbose_name_plural = _("members")


class AgencyHistoryFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        periods = [
            AgencyPeriod(
                agency=form.cleaned_data.get("agency"),
                start_date=form.cleaned_data.get("start_date"),
                end_date=form.cleaned_data.get("end_date"),
            )
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("agency")
        ]
        both = overlapping_periods(periods)
        if both:
            raise ValidationError(
                _(
                    "The periods with %(one)s and %(other)s overlap: an artist "
                    "is with one agency at a time."
                )
                % {"one": both[0].agency, "other": both[1].agency}
            )


class AgencyHistoryInline(RefusesNonKeys, PublicRowInline, admin.TabularInline):
    public_permission = PUBLIC_ARTIST_PERMISSION
    model = AgencyPeriod
    formset = AgencyHistoryFormSet
    fields = ["agency", "start_date", "end_date"]
    autocomplete_fields = ["agency"]
    extra = 0


# Before ArtistAdmin below registers what it can see of its inlines.
revisions.register()


class ArtistAdminForm(EditConflictForm):
    """An artist saved from a form older than its last save is refused
    (core.conflicts), with its aliases, memberships and links.

    The spellings of the saved Hangul name (search already finds them) are
    offered as aliases, which readers then see among the artist's names."""

    accept_spellings = forms.MultipleChoiceField(
        label=_("Spellings to show as aliases"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Made from the Hangul name as saved. Search, the admin and imports "
            "find the artist by each of them already; ticked ones become "
            "aliases. A spelling marked as shared also fits another artist: "
            "search finds both, imports neither."
        ),
    )

    class Meta:
        model = Artist
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_spellings"].choices = self.spelling_choices()

    def spelling_choices(self):
        artist = self.instance
        if artist.pk is None:
            return []
        own = {artist.name_key, *artist.aliases.values_list("key", flat=True)}
        shared = Romanization.objects.shared(artist)
        return [
            (
                spelling.name,
                _("%(spelling)s (shared with %(other)s)")
                % {"spelling": spelling.name, "other": shared[spelling.key]}
                if spelling.key in shared
                else spelling.name,
            )
            for spelling in artist.romanizations.exclude(key__in=own)
        ]

    def clean_accept_spellings(self):
        for name in self.cleaned_data["accept_spellings"]:
            other = Artist.objects.claiming(name_key(name)).exclude(pk=self.instance.pk)
            if other.exists():
                raise ValidationError(
                    _("“%(name)s” is already a name of %(artist)s.")
                    % {"name": name, "artist": other.first()}
                )
        return self.cleaned_data["accept_spellings"]

    def related_snapshot(self, artist):
        return {
            str(_("Aliases")): [
                [alias.name, alias.get_kind_display()] for alias in artist.aliases.all()
            ],
            str(_("Memberships")): [
                [str(m.group), str(m.start_date), str(m.end_date)]
                for m in artist.memberships.select_related("group")
            ],
            str(_("Members")): [
                [str(m.member), str(m.start_date), str(m.end_date)]
                for m in artist.lineup.select_related("member")
            ],
            str(_("Links")): [[link.platform, link.url] for link in artist.links.all()],
            str(_("Agency history")): [
                [str(p.agency), str(p.start_date), str(p.end_date)]
                for p in artist.agency_history.select_related("agency")
            ],
        }


@admin.register(Artist)
class ArtistAdmin(
    RefusesNonKeys,
    ShortDeleteSummary,
    PublicRowAdmin,
    RestoresOverTheLatestSave,
    NameKeySearchMixin,
    CompareVersionAdmin,
):
    form = ArtistAdminForm
    public_permission = PUBLIC_ARTIST_PERMISSION
    list_display = ["name", "hangul_name", "kind", "agency", "debut_date"]
    list_display += ["is_public"]
    list_filter = ["kind", "is_public", "agency"]
    list_select_related = ["agency"]
    search_fields = ["name", "hangul_name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["agency", "portrait", "parent"]
    readonly_fields = ["portrait_preview", "discography"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "hangul_name",
                    "slug",
                    "kind",
                    "is_public",
                    "edit_token",  # hidden: the save it was made from
                ]
            },
        ),
        (
            _("Career"),
            {
                "fields": [
                    "agency",
                    "debut_date",
                    "disbanded_on",
                    "parent",
                    "bio",
                    "discography",
                ]
            },
        ),
        (_("Portrait"), {"fields": ["portrait", "portrait_preview"]}),
    ]

    @admin.display(description=_("portrait (as saved)"))
    def portrait_preview(self, artist):
        return thumbnail(artist.portrait, height=160)

    @admin.display(description=_("discography"))
    def discography(self, artist):
        # Releases name their artists (the releases app is above this one):
        # read through the relation they declare.
        credits = artist.release_credits.select_related("release").order_by(
            "-release__released_at"
        )
        if not credits:
            return _("No release yet: add one under Releases.")
        return format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (
                    reverse("admin:releases_release_change", args=[c.release_id]),
                    c.release.title,
                    timezone.localtime(c.release.released_at).year,
                )
                for c in credits
            ),
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.hangul_name:
            return fieldsets
        spellings = (
            _("Spellings of the Hangul name"),
            {"fields": ["accept_spellings"]},
        )
        return [fieldsets[0], spellings, *fieldsets[1:]]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        artist = form.instance
        held = set(artist.aliases.values_list("key", flat=True))
        accepted = [
            Alias(artist=artist, name=name, kind=AliasKind.ROMANIZATION)
            for name in form.cleaned_data.get("accept_spellings", [])
            if name_key(name) not in held  # typed into the aliases too
        ]
        for alias in accepted:
            alias.save()
        if accepted:
            self.message_user(
                request,
                _("Now shown as aliases: %s.") % ", ".join(a.name for a in accepted),
                messages.SUCCESS,
            )

    def get_inlines(self, request, obj):
        inlines = [AliasInline, MembershipInline, AgencyHistoryInline, ArtistLinkInline]
        if obj is not None and obj.kind in GROUP_KINDS:
            inlines.insert(1, LineupInline)
        return inlines

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        # The group pickers (a membership's group, a sub-unit's parent) only
        # offer artists that have members.
        picker = (request.GET.get("model_name"), request.GET.get("field_name"))
        if picker in {("membership", "group"), ("artist", "parent")}:
            results = results.filter(kind__in=GROUP_KINDS)
        return results, may_have_duplicates
