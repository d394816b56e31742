"""Admin pieces shared by the apps: rows readers may see, requests naming
rows by what is no key, revisions restored without undoing a save made
meanwhile, and lists and deletions that stay quick at a grown magazine's
size."""

import datetime
from collections import Counter, defaultdict

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import router, transaction
from django.db.models import prefetch_related_objects
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_admin_lightweight_date_hierarchy.templatetags.ldh_admin_list import (
    default_date_hierarchy_drilldown,
)

from .pagination import KeysFirstPaginator

# Django's own words for an action asked with no rows (the Korean catalogue
# holds its translation too, so both refusals read the same).
NOTHING_CHOSEN = _(
    "Items must be selected in order to perform actions on them. No items have "
    "been changed."
)
LOCKED_NOTICE = _(
    "Readers see this %(name)s (or will, once scheduled content goes live), "
    "so only an editor can change it."
)


def locked_for(request, obj, permission):
    """Whether `obj` is public, or will be once scheduled content goes live,
    while the user lacks `permission` to change what readers see.

    Asked many times for one page (the form, every inline), so the answer
    is kept on the request."""
    if obj is None or obj.pk is None or request.user.has_perm(permission):
        return False
    cache = request.__dict__.setdefault("_locked_for", {})
    key = (obj._meta.label, obj.pk)
    if key not in cache:
        public = type(obj)._default_manager.public(upcoming=True)
        cache[key] = public.filter(pk=obj.pk).exists()
    return cache[key]


class LockedWhenPublic:
    """Permissions refused on a row readers see, to staff without
    `public_permission`. For a ModelAdmin the row is the one shown; for an
    inline it is the parent, whose rows are locked with it."""

    public_permission = ""

    def has_change_permission(self, request, obj=None):
        if locked_for(request, obj, self.public_permission):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if locked_for(request, obj, self.public_permission):
            return False
        return super().has_delete_permission(request, obj)


class PublicRowAdmin(LockedWhenPublic):
    """A ModelAdmin mixin: what readers see is read-only to staff without
    `public_permission` (writers), and so is the row's own public flag.

    Writers keep full use of what only drafts show; an editor makes the
    change to a live page, or publishes the piece that shows the row.
    """

    public_flag = "is_public"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.public_flag and not request.user.has_perm(self.public_permission):
            fields.append(self.public_flag)
        return fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if locked_for(request, obj, self.public_permission):
                name = obj._meta.verbose_name
                self.message_user(
                    request, LOCKED_NOTICE % {"name": name}, messages.WARNING
                )
        return super().change_view(request, object_id, form_url, extra_context)


class PublicRowInline(LockedWhenPublic):
    """An inline mixin: the rows of a locked parent cannot be added to
    either."""

    def has_add_permission(self, request, obj=None):
        if locked_for(request, obj, self.public_permission):
            return False
        return super().has_add_permission(request, obj)


def is_key(field, value):
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class IgnoresNonKeys:
    """An autocomplete widget that draws a submitted value which is no key
    of its model (a crafted form's "abc") as nothing chosen. Django's looks
    up what was submitted to draw it again, and such a value failed the
    lookup with a ValueError: a 500 where the form says "Select a valid
    choice"."""

    def optgroups(self, name, value, attr=None):
        related = self.field.remote_field
        model = related.model._meta
        key = model.get_field(getattr(related, "field_name", None) or model.pk.name)
        return super().optgroups(
            name, [each for each in value if is_key(key, each)], attr
        )


class KeysOnlyAutocompleteSelect(IgnoresNonKeys, AutocompleteSelect):
    pass


class KeysOnlyAutocompleteSelectMultiple(IgnoresNonKeys, AutocompleteSelectMultiple):
    pass


class SavedRowsCounted:
    """A formset that refuses a count of saved rows (INITIAL_FORMS) below
    nought as Django refuses a management form it cannot read: nothing is
    saved, and the page names the hidden count it refused. Only a hand-made
    request sends one, and Django took every saved row for a new one,
    saving copies of them or failing on a unique constraint (a 500)."""

    @cached_property
    def management_form(self):
        form = super().management_form
        if self.is_bound and form.is_valid():
            try:
                MinValueValidator(0)(form.cleaned_data[INITIAL_FORM_COUNT])
            except ValidationError as refusal:
                form.add_error(INITIAL_FORM_COUNT, refusal)
                # As Django counts a management form it cannot read.
                form.cleaned_data.update({TOTAL_FORM_COUNT: 0, INITIAL_FORM_COUNT: 0})
        return form


class RefusesNonKeys:
    """A ModelAdmin or inline mixin: what names a row by its key, from a
    hand-made request, is refused when it is no key ("" or "abc"), where
    Django failed with a ValueError, a 500. An autocomplete field draws it
    as nothing chosen (IgnoresNonKeys) and the form says "Select a valid
    choice"; an action for such rows is refused with Django's own warning
    that no rows were chosen, and changes nothing. An inline's formset
    refuses a count of saved rows below nought (SavedRowsCounted)."""

    def get_formset(self, request, obj=None, **kwargs):
        # An inline's; a ModelAdmin has none.
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (SavedRowsCounted, formset), {})

    def response_action(self, request, queryset):
        chosen = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if all(is_key(self.model._meta.pk, each) for each in chosen):
            return super().response_action(request, queryset)
        self.message_user(request, NOTHING_CHOSEN, messages.WARNING)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self.keys_only(KeysOnlyAutocompleteSelect, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self.keys_only(KeysOnlyAutocompleteSelectMultiple, db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def keys_only(self, widget, db_field, request, kwargs):
        """Give `widget` to the field, in `kwargs`, where Django would give
        its autocomplete."""
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = widget(
                db_field, self.admin_site, using=kwargs.get("using")
            )


class RestoresOverTheLatestSave:
    """A mixin for a django-reversion admin whose form is a
    core.conflicts.EditConflictForm: restoring a revision is refused when
    the row was saved after the revision page was opened.

    The stored row's version is read (locked, so that no save slips in
    before the restore is written) before django-reversion reverts it for
    the form, and handed to the form as `restoring_over`."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic():
            request.restoring_over = (
                self.model._default_manager.select_for_update()
                .filter(pk=unquote(object_id))
                .values_list("edit_version", flat=True)
                .first()
            )
            return super().revision_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        restoring_over = getattr(request, "restoring_over", None)
        if restoring_over is None:
            return form
        return type(form.__name__, (form,), {"restoring_over": restoring_over})


class ListedLight(ChangeList):
    """A change list that fetches its page's rows without the model admin's
    `list_defer` (long texts the list never shows, megabytes a page at a
    grown magazine's size), while the change form still reads them whole."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer(*self.model_admin.list_defer)

    def get_filters(self, request):
        # Django's date drill-down makes `?…__year=9999` a range ending in
        # the year 10,000, which Python refuses: a bad lookup, as the admin
        # answers any other (the list, with a note), not a server error.
        try:
            return super().get_filters(request)
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error


class LargeTableAdmin:
    """The change list of a table of many thousand rows:

    - page 400 costs what page 1 does (keys first: the database steps over
      index entries, not whole rows);
    - the rows come without the texts it does not show (`list_defer`);
    - the date drill-down offers every year from the first row's to the
      last's, every month of a year and every day of a month, rather than
      asking the database which have rows: a pass over every row's date
      (through a Python function per row on SQLite), 330 ms at 100,000
      interviews (Django makes the period chosen a range of the field's
      index)."""

    list_defer = ()
    paginator = KeysFirstPaginator
    date_hierarchy_drilldown = False

    def get_changelist(self, request, **kwargs):
        return ListedLight

    def get_date_hierarchy_drilldown(self, year_lookup, month_lookup):
        if year_lookup is not None:
            return default_date_hierarchy_drilldown(year_lookup, month_lookup)
        # The two ends of the field's index.
        dated = self.model._default_manager.exclude(
            **{f"{self.date_hierarchy}__isnull": True}
        ).values_list(self.date_hierarchy, flat=True)
        first = dated.order_by(self.date_hierarchy).first()
        last = dated.order_by(f"-{self.date_hierarchy}").first()
        if first is None:
            return []
        years = range(localtime(first).year, localtime(last).year + 1)
        return [datetime.date(year, 1, 1) for year in years]


class ShortListFilter(admin.SimpleListFilter):
    """A filter by a related row (an artist, an interview) offering a short
    list, `offered`, and the row chosen however the editor came to it (a
    link from elsewhere in the admin). Offering every row would be a sidebar
    of thousands of links, and a query over the whole table on each visit
    of the list; any row is a search away."""

    related_model = None
    lookup = None
    OFFERED = 20

    def offered(self, request):
        """The rows to offer, a short queryset of `related_model`."""
        raise NotImplementedError

    def first_named(self, rows, field):
        """The first OFFERED distinct rows `field` of `rows` names, in the
        order of `rows`, read no further than five times as many."""
        ids = dict.fromkeys(rows.values_list(field, flat=True)[: self.OFFERED * 5])
        related = self.related_model._default_manager
        return related.filter(pk__in=list(ids)[: self.OFFERED])

    def lookups(self, request, model_admin):
        rows = list(self.offered(request))
        self.chosen = self.chosen_row()
        if self.chosen is not None and self.chosen not in rows:
            rows.append(self.chosen)
        return [(str(row.pk), str(row)) for row in rows]

    def chosen_row(self):
        """The row the URL chooses, if any. A value that is not the key of
        one is refused, as the admin refuses any bad lookup: the list,
        unfiltered, with a note."""
        if self.value() is None:
            return None
        try:
            row = self.related_model._default_manager.filter(pk=self.value()).first()
        except (ValueError, ValidationError) as error:
            raise IncorrectLookupParameters(error) from error
        if row is None:
            raise IncorrectLookupParameters(f"No {self.title} {self.value()!r}")
        return row

    def queryset(self, request, queryset):
        if self.chosen is None:
            return queryset
        # As a pk IN, not a join: a contributor with two roles on a piece
        # would list it twice.
        related = queryset.model._base_manager.filter(**{self.lookup: self.chosen})
        return queryset.filter(pk__in=related.values("pk"))


class ShortDeleteSummary:
    """A ModelAdmin mixin: the page that asks to confirm a deletion (of one
    row, or of the rows chosen in the list) names at most LISTED rows of a
    kind at each level of what would go with them, then says how many more.

    Django names every row, each fetching what its name reads: a tag on
    3,000 pieces made a 300 KB page of 3,000 queries, 2 s (9 s from a cold
    disk) at 100,000 interviews; a contributor's 14,000 credits, which keep
    them from being deleted, took a second. The counts at the top of the
    page stay whole, and the delete permission is still checked on every
    row, as Django checks it."""

    LISTED = 20

    def get_deleted_objects(self, objs, request):
        try:
            first = objs[0]
        except IndexError:
            return [], {}, set(), []
        collector = NestedObjects(
            using=router.db_for_write(first._meta.model), origin=objs
        )
        collector.collect(objs)
        protected = sorted(
            collector.protected, key=lambda row: (row._meta.label, row.pk)
        )
        perms_needed = self.kinds_not_deletable(
            request, [*collector.model_objs.values(), protected]
        )
        to_delete = self.shortened(collector.nested())
        protected = self.shortened(protected)
        self.fetch_what_names_read(to_delete + protected)
        model_count = {
            model._meta.verbose_name_plural: len(rows)
            for model, rows in collector.model_objs.items()
        }
        return (
            self.described(to_delete),
            model_count,
            perms_needed,
            self.described(protected),
        )

    def kinds_not_deletable(self, request, groups):
        """The names of the kinds of row the user may not delete one of.
        Once a kind is refused, its other rows need no asking."""
        refused = set()
        for rows in groups:
            for row in rows:
                model = type(row)
                if model in refused or not self.admin_site.is_registered(model):
                    continue
                model_admin = self.admin_site.get_model_admin(model)
                if not model_admin.has_delete_permission(request, row):
                    refused.add(model)
        return {model._meta.verbose_name for model in refused}

    def shortened(self, items):
        """Django's nested list (each row followed by the list of rows that
        go with it, if any) with at most LISTED rows of a kind, then a
        (model, how many more) for each kind left out. The rows that go with
        a row left out are left out with it: the counts tell of them."""
        kept, seen, more = [], Counter(), Counter()
        shown = False
        for item in items:
            if isinstance(item, list):
                if shown:
                    kept.append(self.shortened(item))
                continue
            model = type(item)
            seen[model] += 1
            shown = seen[model] <= self.LISTED
            if shown:
                kept.append(item)
            else:
                more[model] += 1
        return kept + list(more.items())

    def fetch_what_names_read(self, items):
        """The rows each listed row points to (the piece a tagging or a
        credit is of), a query per kind rather than one per row: a row's
        name is often made of them."""
        rows = defaultdict(list)

        def gather(items):
            for item in items:
                if isinstance(item, list):
                    gather(item)
                elif not isinstance(item, tuple):
                    rows[type(item)].append(item)

        gather(items)
        for model, instances in rows.items():
            pointed_to = [
                field.name for field in model._meta.concrete_fields if field.many_to_one
            ]
            prefetch_related_objects(instances, *pointed_to)

    def described(self, items):
        """`shortened`'s list as the page shows it, in words."""
        lines = []
        for item in items:
            if isinstance(item, list):
                lines.append(self.described(item))
            elif isinstance(item, tuple):
                lines.append(self.more_rows(*item))
            else:
                lines.append(self.deleted_row(item))
        return lines

    def deleted_row(self, row):
        """As Django names it: its kind, then its name, linked to its page
        where it has one."""
        opts = row._meta
        kind = capfirst(opts.verbose_name)
        if self.admin_site.is_registered(type(row)):
            name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change"
            try:
                url = reverse(name, args=[quote(row.pk)])
            except NoReverseMatch:
                pass
            else:
                return format_html('{}: <a href="{}">{}</a>', kind, url, row)
        return f"{kind}: {row}"

    def more_rows(self, model, count):
        """The line for the rows of a kind left out: "and 3,016 more tagged
        interviews"."""
        opts = model._meta
        return ngettext(
            "and %(count)s more %(kind)s", "and %(count)s more %(kinds)s", count
        ) % {
            "count": number_format(count, force_grouping=True),
            "kind": opts.verbose_name,
            "kinds": opts.verbose_name_plural,
        }
