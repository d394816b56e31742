from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import EditVersioned, FoldedNameModel, SlugManager
from core.visibility import ShownBy


class ContributorKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class ContributorQuerySet(models.QuerySet):
    def public(self, *, upcoming=False):
        """What readers may see: contributors an editor made public on their
        own, and those that public content credits (`Contributor.shown_by`:
        a live interview's credits, the credit line of a photo on a public
        page). A contributor credited only on a draft has no page or feed."""
        return self.filter(
            Q(is_public=True) | self.model.shown_by.condition(upcoming=upcoming)
        )


class ContributorManager(SlugManager.from_queryset(ContributorQuerySet)):
    pass


class Contributor(EditVersioned, FoldedNameModel):
    """Someone credited on interviews: a writer, a translator, a photographer,
    or an organisation such as an agency or broadcaster credited for photos.

    Contributors came from the interviews app and keep its table, so that a
    database made before the move keeps every row."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ContributorKind.choices,
        default=ContributorKind.PERSON,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        help_text=_("The staff account of a contributor who works in this admin."),
    )
    bio = models.TextField(_("bio"), blank=True)
    is_public = models.BooleanField(
        _("page public"),
        default=False,
        help_text=_(
            "Show the contributor's page before anything credits them. A "
            "contributor credited on live content is public anyway."
        ),
    )
    # "Jiyoung Lee" and "jiyoung  lee" are one contributor: imports and the
    # admin find contributors by this folded name and never create twice.
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    # The earliest publication time of content that shows it (see
    # core.visibility), kept by the apps that show it.
    shown_from = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ContributorManager()
    # The reasons for which public content shows a contributor; see
    # core.visibility.
    shown_by = ShownBy()

    class Meta:
        db_table = "interviews_contributor"
        ordering = ["name"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contributors:detail", kwargs={"slug": self.slug})

    def name_taken(self, field, key):
        other = Contributor.objects.filter(name_key=key).exclude(pk=self.pk).first()
        if other:
            return _("“%s” is already a contributor.") % other.name
        return None

    def natural_key(self):
        return (self.slug,)
