"""Forms and formsets of the interview admin, where the publishing rules bite."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.conflicts import EditConflictForm

from . import services
from .choices import InterviewStatus, language_tag
from .models import EMPTY_CORRECTION, Correction, Interview, QAItem
from .readiness import (
    NEEDS_ARTIST,
    NEEDS_CREDIT,
    NEEDS_TEXT,
    gallery_problems,
    photo_problem,
    translator_problem,
)
from .tags import tag_problem

WRITER_STATUSES = (InterviewStatus.DRAFT, InterviewStatus.REVIEW)
ONLY_EDITORS_PUBLISH = _(
    "Only editors can publish or archive an interview: save it as a draft or "
    "send it to review."
)
ONLY_EDITORS_RESTORE = _(
    "Only editors can restore a published or archived version: restore a "
    "draft or a version sent to review, or ask an editor."
)


FEATURED_AND_MENTIONED = _(
    "%(artists)s cannot be featured and mentioned: mentions are the artists "
    "the interview names but is not about."
)


class InterviewAdminForm(EditConflictForm):
    # Set per request by InterviewAdmin.get_form.
    can_publish = False

    class Meta:
        model = Interview
        # The admin's fieldsets decide which of these appear.
        fields = [
            "title",
            "slug",
            "standfirst",
            "featured_artists",
            "mentioned_artists",
            "releases",
            "tags",
            "lead_photo",
            "body",
            "closing",
            "status",
            "publish_at",
            "is_featured",
            "comments_open",
            "editor_note",
            "conducted_in",
            "published_in",
            "version_of",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "slug": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "standfirst": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24}),
            "closing": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "publish_at" in self.fields:
            hint_date_time(self.fields["publish_at"])
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            # Only the menu is narrowed: the field still accepts every status
            # so that a crafted POST meets the clear refusal of clean_status().
            status.widget.choices = [
                choice for choice in status.choices if choice[0] in WRITER_STATUSES
            ]

    def related_snapshot(self, interview):
        """The inlines an editor saves with the interview, as stored."""
        return {
            str(_("Credits")): [
                [credit.position, str(credit.contributor), credit.get_role_display()]
                for credit in interview.credits.select_related("contributor").order_by(
                    "position", "pk"
                )
            ],
            str(_("Q&A items")): [
                [item.position, item.question, item.answer]
                for item in interview.qa_items.all()
            ],
            str(_("Gallery")): [
                [item.position, str(item.photo)]
                for item in interview.gallery.select_related("photo").order_by(
                    "position", "pk"
                )
            ],
        }

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        problems = [problem for problem in map(tag_problem, names) if problem]
        if problems:
            raise ValidationError(problems)
        return names

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status not in WRITER_STATUSES and not self.can_publish:
            raise ValidationError(ONLY_EDITORS_PUBLISH)
        return status

    def clean(self):
        cleaned_data = super().clean()
        both = set(cleaned_data.get("featured_artists") or ()) & set(
            cleaned_data.get("mentioned_artists") or ()
        )
        if both:
            self.add_error(
                "mentioned_artists",
                FEATURED_AND_MENTIONED % {"artists": ", ".join(sorted(map(str, both)))},
            )
        if cleaned_data.get("status") == InterviewStatus.PUBLISHED:
            if "featured_artists" in self.fields and not cleaned_data.get(
                "featured_artists"
            ):
                self.add_error("featured_artists", NEEDS_ARTIST)
            if "publish_at" in self.fields:
                cleaned_data["publish_at"] = self.instance.publication_time(
                    cleaned_data.get("publish_at")
                )
            lead_photo = cleaned_data.get("lead_photo")
            problem = lead_photo and photo_problem(lead_photo, _("The lead photo"))
            if problem:
                self.add_error("lead_photo", problem)
        return cleaned_data


def live_forms(formset):
    """The inline forms that will exist once the formset is saved."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class CreditFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        interview = self.instance
        credits = live_forms(self)
        problem = translator_problem(
            roles={form.cleaned_data["role"] for form in credits},
            conducted_in=interview.conducted_in,
            published_in=interview.published_in,
            language_name=interview.get_published_in_display(),
        )
        if problem:
            raise ValidationError(problem)
        if interview.status == InterviewStatus.PUBLISHED and not credits:
            raise ValidationError(NEEDS_CREDIT)


class GalleryFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.status != InterviewStatus.PUBLISHED:
            return
        items = sorted(
            live_forms(self),
            key=lambda form: form.cleaned_data.get("position") or 0,
        )
        problems = gallery_problems(form.cleaned_data["photo"] for form in items)
        if problems:
            raise ValidationError(problems)


class QAItemForm(forms.ModelForm):
    position = forms.IntegerField(
        label=_("number"),
        min_value=1,
        max_value=32767,
        required=False,
        help_text=_("Left empty, the item goes last."),
    )

    class Meta:
        model = QAItem
        fields = [
            "position",
            "question",
            "answer",
            "original_answer",
            "original_language",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "answer": forms.Textarea(attrs={"rows": 4, "cols": 60}),
            "original_answer": forms.Textarea(attrs={"rows": 4, "cols": 60}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Saved original words say their language to the browser, which
        # then picks the right fonts, spelling checker and input method.
        language = self.instance.original_language
        if language:
            self.fields["original_answer"].widget.attrs["lang"] = language_tag(language)


class QAItemFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        items = live_forms(self)
        numbers = [
            f.cleaned_data["position"] for f in items if f.cleaned_data.get("position")
        ]
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if repeated:
            raise ValidationError(
                _("Two Q&A items share the number %(number)s; number each once.")
                % {"number": repeated[0]}
            )
        next_number = max(numbers, default=0) + 1
        for form in items:
            if not form.cleaned_data.get("position"):
                form.instance.position = next_number
                next_number += 1
        interview = self.instance
        if (
            interview.status == InterviewStatus.PUBLISHED
            and not interview.body.strip()
            and not items
        ):
            raise ValidationError(NEEDS_TEXT)


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "cols": 80})}
        error_messages = {"note": {"required": EMPTY_CORRECTION}}


class CorrectionFormSet(BaseInlineFormSet):
    """A new or changed correction needs a live interview (as stored and as
    saved now): a piece readers have not seen is simply edited. Removing a
    correction is always allowed."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in live_forms(self):
            if form.has_changed():
                problems = services.correction_problems(
                    interview=self.instance, note=form.cleaned_data["note"]
                )
                if problems:
                    raise ValidationError(
                        [message for found in problems.values() for message in found]
                    )


DATE_TIME_HELP = _("Korean time (KST): a date as 2026-03-29 and a time as 18:00.")


def hint_date_time(field):
    """The picker's two boxes say what they take (the calendar and clock
    buttons fill them), and the help says it is Korean time."""
    date, time = field.widget.widgets
    date.attrs["placeholder"] = "YYYY-MM-DD"
    time.attrs["placeholder"] = "HH:MM"
    field.help_text = DATE_TIME_HELP


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("Publish at (Korean time)"), widget=AdminSplitDateTime
    )

    class Media:
        js = ["magazine/korean-time.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hint_date_time(self.fields["publish_at"])

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at <= timezone.now():
            raise ValidationError(_("Choose a time in the future."))
        return publish_at


class AddVersionForm(forms.Form):
    """The language of a new version of a piece: one it has no version in."""

    language = forms.ChoiceField(
        label=_("language"),
        help_text=_(
            "A draft copy of the original in this language is made, with its "
            "artists, tags, photos, Q&A and credits (not its translators): "
            "translate it, credit the translator, and publish it when ready."
        ),
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "---------"), *languages]
