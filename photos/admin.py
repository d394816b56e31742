from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import PublicRowAdmin, RefusesNonKeys, ShortDeleteSummary

from .forms import PhotoAdminForm
from .models import Photo
from .services import store_photo


def thumbnail(photo, height=64):
    """A small rendition for admin lists, inlines and forms."""
    if not photo or not photo.is_stored:
        return "—"
    return format_html(
        '<img src="{}" alt="" height="{}" style="width:auto;border-radius:4px">',
        photo.thumbnail_url,
        height,
    )


class IncompleteFilter(admin.SimpleListFilter):
    title = _("ready to publish")
    parameter_name = "ready"

    def lookups(self, request, model_admin):
        return [("no", _("Lacks alt text or credit")), ("yes", _("Ready"))]

    def queryset(self, request, queryset):
        incomplete = Photo.objects.incomplete()
        if self.value() == "no":
            return queryset.filter(pk__in=incomplete)
        if self.value() == "yes":
            return queryset.exclude(pk__in=incomplete)
        return queryset


@admin.register(Photo)
class PhotoAdmin(RefusesNonKeys, ShortDeleteSummary, PublicRowAdmin, admin.ModelAdmin):
    # Writers change and replace photos only while no reader can see them.
    public_permission = "photos.change_public_photo"
    public_flag = ""
    form = PhotoAdminForm
    list_display = [
        "preview",
        "__str__",
        "credit_line",
        "size",
        "uploaded_at",
        "uploaded_by",
    ]
    list_display_links = ["preview", "__str__"]
    list_filter = [IncompleteFilter, "uploaded_at"]
    search_fields = ["caption", "alt_text", "credit__name", "credit_text"]
    autocomplete_fields = ["credit"]
    list_select_related = ["credit", "uploaded_by"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["large_preview", "size", "uploaded_at", "uploaded_by"]
    fieldsets = [
        (None, {"fields": ["upload", "large_preview", "size"]}),
        (_("For readers"), {"fields": ["caption", "alt_text"]}),
        (_("Credit"), {"fields": ["credit", "credit_text"]}),
        (_("History"), {"fields": ["uploaded_at", "uploaded_by"]}),
    ]

    @admin.display(description=_("photo"))
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description=_("preview"))
    def large_preview(self, photo):
        return thumbnail(photo, height=240)

    @admin.display(description=_("credit"), ordering="credit__name")
    def credit_line(self, photo):
        return photo.credit_name or "—"

    @admin.display(description=_("size in pixels"))
    def size(self, photo):
        return f"{photo.width} × {photo.height}" if photo.width else "—"

    def save_model(self, request, obj, form, change):
        if form.processed is not None:
            store_photo(obj, form.processed, uploaded_by=request.user)
        else:
            obj.save()
