"""Staff accounts in the admin: editors add writers and editors, and reset
their passwords, but nobody who is not a superuser can make a superuser,
hand out a permission outside the two roles, or change a superuser. And
the failed logins django-axes keeps, for the superusers who look after
them."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from core.admin import RefusesNonKeys, ShortDeleteSummary

from .roles import EDITOR, WRITER

ROLE_HELP = _(
    "Writer: drafts and sends to review. Editor: publishes, moderates comments "
    "and manages staff accounts."
)


class StaffUserAdmin(RefusesNonKeys, ShortDeleteSummary, UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_display += ["roles", "is_superuser", "last_login"]
    list_filter = ["is_active", "groups", "is_superuser"]

    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                    "groups",
                ],
            },
        )
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all()) or "—"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.is_superuser:
            return fieldsets
        # An editor sees the account's role and whether it may log in; the
        # superuser flag and single permissions are not theirs to give.
        return [
            (name, options)
            if name != _("Permissions")
            else (name, {"fields": ["is_active", "groups"]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=[WRITER, EDITOR])
            kwargs["help_text"] = ROLE_HELP
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are closed (not active), not deleted: their history stays.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A member of a role works in the admin; nobody else does, unless a
        # superuser said so.
        user = form.instance
        in_a_role = user.groups.filter(name__in=[WRITER, EDITOR]).exists()
        if in_a_role and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        elif not in_a_role and user.is_staff and not request.user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


class LoginAttemptAdmin(RefusesNonKeys, AccessAttemptAdmin):
    @admin.action(
        description=AccessAttemptAdmin.cleanup_expired_attempts.short_description
    )
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes 8.3 reckons what has expired from the time of the login
        # being checked, which only a login's request holds: the action was
        # a 500 on every use. With no such time, axes reckons from now.
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)


# The roles, and django-axes's logs, as Django and axes show them, with
# their actions refusing what is no key (RefusesNonKeys).
class RoleAdmin(RefusesNonKeys, GroupAdmin):
    pass


class LoginLogAdmin(RefusesNonKeys, AccessLogAdmin):
    pass


class LoginFailureLogAdmin(RefusesNonKeys, AccessFailureLogAdmin):
    pass


for model, model_admin in [
    (AccessAttempt, LoginAttemptAdmin),
    (Group, RoleAdmin),
    (AccessLog, LoginLogAdmin),
    (AccessFailureLog, LoginFailureLogAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
