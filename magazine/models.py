"""The site layer's one model: what a member of staff chose for the admin.

This module also exists because Django sends `post_migrate` only to apps with
a models module, and the Writer and Editor groups are set up on that signal
(see `MagazineConfig.ready()` and `magazine.roles`). Without it, `migrate` on
a fresh database would leave the site with no staff roles.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffPreferences(models.Model):
    """The admin's language for one member of staff (README, "The admin in
    Korean").

    Kept on the account rather than in Django's language cookie: the choice
    follows the editor to every browser and survives cleared cookies, two
    editors sharing a desk's computer each keep their own, and nothing a
    reader's browser sends can change the language of any page.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_preferences",
        verbose_name=_("staff user"),
    )
    admin_language = models.CharField(
        _("admin language"),
        max_length=10,
        default="en",
        help_text=_("The language of the admin's menus, forms and messages."),
    )

    class Meta:
        verbose_name = _("staff preferences")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return str(self.user)
