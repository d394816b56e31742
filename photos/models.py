import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.rules import Rules
from core.visibility import ShownBy

# The rendition an <img> falls back to, and the one admin lists show.
FALLBACK_WIDTH = 800
THUMBNAIL_WIDTH = 400
# Each width is stored in WebP, and in JPEG for browsers without WebP.
KINDS = ("webp", "jpg")


class PhotoQuerySet(models.QuerySet):
    def public(self, *, upcoming=False):
        """What readers may see: the photos public content shows
        (`Photo.shown_by`: a live interview's lead photo or gallery, a public
        artist's portrait). With `upcoming=True`, also those scheduled
        content will show: what only editors may change."""
        return self.filter(self.model.shown_by.condition(upcoming=upcoming))

    def incomplete(self):
        """Photos that cannot appear in a published interview yet."""
        return self.filter(Q(alt_text="") | Q(credit__isnull=True, credit_text=""))


class PhotoManager(models.Manager.from_queryset(PhotoQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Photo(models.Model):
    """One photo of the library, stored without metadata under a generated
    name, with its renditions (see photos/processing.py)."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    original = models.FileField(
        _("original"), max_length=255, editable=False, blank=True
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    rendition_widths = models.JSONField(
        _("rendition widths"), default=list, editable=False
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the photo: who, where, when."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the photo shows, for readers who cannot see it, e.g. “Kim "
            "Sejeong on stage in a white dress, holding a microphone”. Needed "
            "before an interview showing it is published."
        ),
    )
    credit = models.ForeignKey(
        "people.Contributor",
        verbose_name=_("credit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
        help_text=_(
            "The photographer, agency or broadcaster credited, as a contributor."
        ),
    )
    credit_text = models.CharField(
        _("credit as text"),
        max_length=200,
        blank=True,
        help_text=_("Or the credit as printed, when it is no contributor."),
    )
    # The earliest publication time of content that shows it (see
    # core.visibility), kept by the apps that show it.
    shown_from = models.DateTimeField(null=True, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = PhotoManager()
    # The reasons for which public content shows a photo; see core.visibility.
    shown_by = ShownBy()
    # What the apps that show photos ask of them; see core.rules.
    rules = Rules()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        permissions = [
            ("change_public_photo", _("Can change and replace photos readers see")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(credit__isnull=True) | Q(credit_text=""),
                name="photo_one_credit",
                violation_error_message=_(
                    "Credit a contributor or type a credit, not both."
                ),
            ),
        ]

    def __str__(self):
        label = (
            self.caption
            or self.alt_text
            or _("Photo %(key)s") % {"key": str(self.key)[:8]}
        )
        return Truncator(label).chars(80)

    def natural_key(self):
        return (str(self.key),)

    def clean(self):
        if self.credit_id and self.credit_text.strip():
            raise ValidationError(
                {"credit_text": _("Credit a contributor or type a credit, not both.")}
            )
        self.rules.check(self)

    @property
    def credit_name(self):
        return self.credit.name if self.credit_id else self.credit_text

    def missing(self):
        """What the photo lacks before a published interview may show it."""
        lacks = []
        if not self.alt_text.strip():
            lacks.append(_("alt text"))
        if not self.credit_id and not self.credit_text.strip():
            lacks.append(_("a credit"))
        return lacks

    # The stored files: the original, then "<stem>-<suffix>" for each
    # rendition, where the suffix is "800w.webp", "800w.jpg" or "og.jpg".

    @property
    def stem(self):
        return self.original.name.rsplit(".", 1)[0]

    def file_names(self):
        if not self.original:
            return []
        suffixes = [
            f"{w}w.{kind}" for w in self.rendition_widths for kind in ("webp", "jpg")
        ]
        return [self.original.name] + [
            f"{self.stem}-{s}" for s in suffixes + ["og.jpg"]
        ]

    def rendition_url(self, suffix):
        return default_storage.url(f"{self.stem}-{suffix}")

    def srcset(self, kind):
        return ", ".join(
            f"{self.rendition_url(f'{width}w.{kind}')} {width}w"
            for width in self.rendition_widths
        )

    @property
    def srcset_webp(self):
        return self.srcset("webp")

    @property
    def srcset_jpeg(self):
        return self.srcset("jpg")

    def nearest_width(self, wanted):
        fitting = [w for w in self.rendition_widths if w <= wanted]
        return max(fitting) if fitting else min(self.rendition_widths)

    @property
    def fallback_url(self):
        return self.rendition_url(f"{self.nearest_width(FALLBACK_WIDTH)}w.jpg")

    @property
    def thumbnail_url(self):
        return self.rendition_url(f"{self.nearest_width(THUMBNAIL_WIDTH)}w.jpg")

    @property
    def largest_url(self):
        return self.rendition_url(f"{max(self.rendition_widths)}w.jpg")

    @property
    def og_url(self):
        return self.rendition_url("og.jpg")

    @property
    def is_stored(self):
        return bool(self.original and self.rendition_widths)
