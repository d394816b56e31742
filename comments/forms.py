from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import without_direction_controls

from .models import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, Comment, CommentStatus

FORM_ID = "comment-form"
TOKEN_SALT = "comments.form"


def form_token(interview):
    """What the comment form of `interview` carries and its post must bring
    back: the interview, signed by the site with the time it was made.

    It stands in for Django's CSRF token, which is made per reader and so
    would make the article a different page for everyone: with it the
    article is one page that the page cache (and a CDN) serves to every
    reader. CSRF protects a signed-in session, and commenting uses none; a
    form posted from elsewhere still needs a token the site made for this
    interview recently, and meets the honeypot, the rate limit and
    moderation like any other."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(interview.pk))


def token_is_valid(interview, token):
    try:
        value = signing.TimestampSigner(salt=TOKEN_SALT).unsign(
            token, max_age=settings.COMMENT_FORM_MAX_AGE
        )
    except signing.BadSignature:  # forged, for another site, or expired
        return False
    return value == str(interview.pk)


NOTICE = _(
    "Your email address will not be published. Required fields are marked *. "
    "Comments are read by an editor before they appear."
)


class CommentForm(forms.Form):
    """A reader's comment on one interview, or a reply to one of its comments.

    `website` is a honeypot: hidden from people (and from screen readers),
    it is the field a spam robot fills in, as on the magazine's old pages.
    """

    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_NAME_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,  # what the model stores
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    # Signed by the site for this interview; checked by the view before the
    # form (see `form_token`).
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.reply_to = None
        self.fields["token"].initial = form_token(interview)
        self.fields["text"].help_text = _(
            "Plain text, up to %(limit)s characters. Links are shown as text."
        ) % {"limit": f"{MAX_TEXT_LENGTH:,}"}
        self.helper = FormHelper()
        # No per-reader CSRF token: the form's own `token` stands in for it,
        # so that the article is the same page for every reader.
        self.helper.disable_csrf = True
        self.helper.form_id = FORM_ID
        self.helper.form_class = "comment-form"
        # The fragment brings the reader back to the form when it has errors.
        self.helper.form_action = (
            reverse("comments:post", kwargs={"slug": interview.slug}) + f"#{FORM_ID}"
        )
        self.helper.layout = Layout(
            HTML(f'<p class="comment-notice">{NOTICE}</p>'),
            Field("name"),
            Field("email"),
            Field("text"),
            Div(Field("website"), css_class="comment-trap"),
            Field("parent"),
            Field("token"),
            StrictButton(_("Post comment"), type="submit", css_class="btn-primary"),
        )

    def clean_name(self):
        # A direction override in a name would reverse the timestamp beside
        # it on the page; nobody's name needs one.
        name = without_direction_controls(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(_("This field is required."), code="required")
        return name

    def clean(self):
        cleaned_data = super().clean()
        # Both errors are said above the form: the fields they concern are
        # hidden, so an error beside them would go unseen.
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _(
                    "This comment looks automated and was not accepted. Leave "
                    "the field “Leave this field empty” empty."
                ),
                code="honeypot",
            )
        cleaned_data["parent"] = self.reply_target(cleaned_data.get("parent", ""))
        return cleaned_data

    def reply_target(self, value):
        """The comment replied to: an approved comment of this interview.

        A reply to a reply joins the thread of its top-level comment: replies
        are one level deep, and the reader meant to take part in that thread.
        """
        value = value.strip()
        if not value:
            return None
        parent = None
        if (pk := comment_id(value)) is not None:
            parent = (
                Comment.objects.filter(pk=pk, interview=self.interview)
                .select_related("parent")
                .first()
            )
        if parent is not None and parent.parent is not None:
            parent = parent.parent
        if parent is None or parent.status != CommentStatus.APPROVED:
            # Forget the reply, so that sending again posts a new comment
            # instead of failing the same way.
            self.data = self.data.copy()
            self.data[self.add_prefix("parent")] = ""
            raise forms.ValidationError(
                _(
                    "The comment you are replying to is not open for replies. "
                    "Send again to post yours as a new comment."
                ),
                code="reply",
            )
        self.reply_to = parent
        return parent


def comment_id(value):
    """`value` as a comment's id, or None when it cannot be one: a database
    id is ASCII digits that fit a 64-bit integer."""
    if value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


class CloseCommentsForm(forms.Form):
    """An editor's choice in the admin: close comments on old interviews."""

    days = forms.IntegerField(
        label=_("Published more than this many days ago"),
        min_value=1,
        max_value=36500,
        initial=30,
    )
