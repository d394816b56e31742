"""What an interview needs before it may be published.

The admin checks each rule where its data is edited (the main form, the
credit and Q&A inlines) so an editor sees the message beside the field; the
publishing services check the saved interview against the same rules.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from photos.models import Photo

from .choices import Role
from .models import Interview

NEEDS_TEXT = _("Write a body or add Q&A items before publishing.")
NEEDS_ARTIST = _("Feature at least one artist before publishing.")
NEEDS_CREDIT = _("Credit at least one contributor before publishing.")
TRANSLATOR_WITHOUT_TRANSLATION = _(
    "A translator credit needs an interview conducted in one language and "
    "published in another; this one is conducted and published in %(language)s."
)


def translator_problem(*, roles, conducted_in, published_in, language_name):
    """The refusal for a translator credit where nothing was translated."""
    if Role.TRANSLATOR in roles and conducted_in and conducted_in == published_in:
        return TRANSLATOR_WITHOUT_TRANSLATION % {"language": language_name}
    return None


def photo_problem(photo, where):
    """The refusal for a photo that lacks alt text or a credit, saying which
    photo (`where` is e.g. "The lead photo" or "Gallery photo 3")."""
    lacks = photo.missing()
    if not lacks:
        return None
    return _("%(where)s, “%(photo)s”, needs %(lacks)s before publishing.") % {
        "where": where,
        "photo": photo,
        "lacks": _(" and ").join(str(lack) for lack in lacks),
    }


def gallery_problems(photos):
    """The refusals for the gallery's photos, numbered as readers see them."""
    problems = []
    for number, photo in enumerate(photos, start=1):
        problem = photo_problem(
            photo, _("Gallery photo %(number)s") % {"number": number}
        )
        if problem:
            problems.append(problem)
    return problems


def publication_problems(interview):
    """Every reason the saved `interview` cannot be published yet."""
    problems = []
    if not interview.body.strip() and not interview.qa_items.exists():
        problems.append(NEEDS_TEXT)
    if not interview.featured_artists.exists():
        problems.append(NEEDS_ARTIST)
    roles = set(interview.credits.values_list("role", flat=True))
    if not roles:
        problems.append(NEEDS_CREDIT)
    translator = translator_problem(
        roles=roles,
        conducted_in=interview.conducted_in,
        published_in=interview.published_in,
        language_name=interview.get_published_in_display(),
    )
    if translator:
        problems.append(translator)
    if interview.lead_photo:
        problems.append(photo_problem(interview.lead_photo, _("The lead photo")))
    gallery = interview.gallery.select_related("photo__credit")
    problems += gallery_problems(item.photo for item in gallery)
    return [problem for problem in problems if problem]


def shown_photo_keeps_alt_text_and_credit(photo):
    """A photo a published interview shows keeps what publishing asked of
    it (a rule of `Photo.rules`, checked whenever a photo is cleaned)."""
    lacks = photo.missing()
    if photo.pk is None or not lacks:
        return
    showing = (
        Interview.objects.published()
        .filter(Q(lead_photo=photo) | Q(gallery__photo=photo))
        .first()
    )
    if showing is not None:
        raise ValidationError(
            _("“%(title)s” is published with this photo: it needs %(lacks)s.")
            % {
                "title": showing.title,
                "lacks": _(" and ").join(str(lack) for lack in lacks),
            }
        )


def connect():
    Photo.rules.register(shown_photo_keeps_alt_text_and_credit)
