from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Photo
from .processing import process
from .uploads import inspect_upload

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class PhotoAdminForm(forms.ModelForm):
    """A photo's details and, on upload, its checked and processed image.

    The image is checked and its renditions made while the form is cleaned,
    so a bad file is a form error beside the field and nothing is stored."""

    upload = forms.FileField(
        label=_("Image file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "JPEG, PNG, WebP or GIF. Stored without its metadata (EXIF, GPS, "
            "XMP) under a generated name; choose a file to replace the image."
        ),
    )

    class Meta:
        model = Photo
        fields = ["caption", "alt_text", "credit", "credit_text"]
        widgets = {
            "caption": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "alt_text": forms.TextInput(attrs={"class": "vLargeTextField"}),
        }

    processed = None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            if not self.instance.is_stored:
                raise ValidationError(_("Choose the image file to upload."))
            return None
        self.processed = process(inspect_upload(upload))
        return upload
