"""The fixed vocabularies of interviews: languages, statuses and credit roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """Languages the magazine conducts and publishes interviews in."""

    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    JAPANESE = "ja", _("Japanese")
    CHINESE_SIMPLIFIED = "zh-hans", _("Chinese (Simplified)")
    CHINESE_TRADITIONAL = "zh-hant", _("Chinese (Traditional)")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    INDONESIAN = "id", _("Indonesian")
    THAI = "th", _("Thai")
    VIETNAMESE = "vi", _("Vietnamese")
    FILIPINO = "fil", _("Filipino")


# Where a language's BCP 47 tag is not its value as written here: Chinese
# names its script with a capital (the case BCP 47 recommends).
LANGUAGE_TAGS = {
    Language.CHINESE_SIMPLIFIED: "zh-Hans",
    Language.CHINESE_TRADITIONAL: "zh-Hant",
}


def language_tag(language):
    """The BCP 47 tag of one of the site's languages, for a `lang`
    attribute."""
    return LANGUAGE_TAGS.get(language, language)


# Each language named in itself, for the switcher between an interview's
# versions (a Korean reader looks for 한국어).
LANGUAGE_AUTONYMS = {
    Language.KOREAN: "한국어",
    Language.ENGLISH: "English",
    Language.JAPANESE: "日本語",
    Language.CHINESE_SIMPLIFIED: "简体中文",
    Language.CHINESE_TRADITIONAL: "繁體中文",
    Language.SPANISH: "Español",
    Language.PORTUGUESE: "Português",
    Language.FRENCH: "Français",
    Language.GERMAN: "Deutsch",
    Language.INDONESIAN: "Bahasa Indonesia",
    Language.THAI: "ไทย",
    Language.VIETNAMESE: "Tiếng Việt",
    Language.FILIPINO: "Filipino",
}


class InterviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Role(models.TextChoices):
    """Credit roles, in the order the byline names them."""

    INTERVIEWER = "interviewer", _("Interviewer")
    WRITER = "writer", _("Writer")
    TRANSLATOR = "translator", _("Translator")
    PHOTOGRAPHER = "photographer", _("Photographer")
    PHOTO_CREDIT = "photo_credit", _("Photo credit")
    EDITOR = "editor", _("Editor")
