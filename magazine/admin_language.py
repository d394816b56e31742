"""The admin's language: English or Korean, as each member of staff chose.

Readers' pages never follow the browser's Accept-Language: each page is in
the language it is written in, and the page cache keeps one copy of it.
Only the admin's addresses change language, and only for a member of staff
who chose one (magazine.models.StaffPreferences). The choice is read from
the database when they log in and kept in the session, which the admin
loads anyway, so an admin page costs no query for it.
"""

from functools import cached_property

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .models import StaffPreferences

SESSION_KEY = "admin_language"


def language_choices():
    """Each language by its own name, as the switch shows it: 한국어 reads
    as Korean to whoever needs it, whatever language the admin is in."""
    return [
        (code, get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
    ]


class AdminLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Admin language"), choices=language_choices)


def chosen_language(user):
    return (
        StaffPreferences.objects.filter(user=user)
        .values_list("admin_language", flat=True)
        .first()
    ) or settings.LANGUAGE_CODE


def remember_admin_language(sender, request, user, **kwargs):
    """On `user_logged_in`: the session starts with the account's choice."""
    if user.is_staff and hasattr(request, "session"):
        request.session[SESSION_KEY] = chosen_language(user)


def admin_language(request):
    """The language this request's admin page is drawn in."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return settings.LANGUAGE_CODE
    chosen = request.session.get(SESSION_KEY)
    if chosen is None:
        # A session begun before the choice was kept there.
        chosen = request.session[SESSION_KEY] = chosen_language(user)
    # A language taken out of LANGUAGES since it was chosen falls back.
    if chosen not in dict(settings.LANGUAGES):
        return settings.LANGUAGE_CODE
    return chosen


class AdminLanguageMiddleware:
    """Draws admin pages in the member of staff's language.

    `override` puts back whatever was active before, so a thread that served
    an admin page serves the next reader's page in the site's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self):
        return reverse("admin:index")

    def __call__(self, request):
        if not request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        language = admin_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.setdefault("Content-Language", language)
        return response


@require_POST
def choose_admin_language(request):
    """Keeps the language a member of staff picked in the admin's user
    tools, then goes back to the page they were on."""
    form = AdminLanguageForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("admin:index")
    if not form.is_valid():
        messages.error(request, _("Choose English or Korean for the admin."))
        return HttpResponseRedirect(back)
    language = form.cleaned_data["language"]
    StaffPreferences.objects.update_or_create(
        user=request.user, defaults={"admin_language": language}
    )
    request.session[SESSION_KEY] = language
    return HttpResponseRedirect(back)
