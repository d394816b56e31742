"""The Content-Security-Policy: one for readers, one for the admin.

The public site runs no script of its own and loads nothing from elsewhere
but photos from the media host, so its policy allows exactly that: a page
into which someone smuggled markup still cannot run a script, post a form
elsewhere, change the base of its links or be framed. (The JSON-LD block is
data, which no policy governs.) The admin is Django's: its scripts are files
of this site, but its widgets set inline styles, which its policy allows and
the public one does not.

Uploaded media carry a stricter policy of their own (magazine/media.py),
which this middleware leaves in place: it never replaces a header a view set.
"""

from functools import cached_property

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class SitePolicyMiddleware(CSPMiddleware):
    @cached_property
    def admin_prefix(self):
        return reverse("admin:index")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path.startswith(self.admin_prefix)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
