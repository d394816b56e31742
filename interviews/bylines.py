"""The byline, built from an interview's ordered credits.

"Interview by Khriz Virgilio. Conducted in Korean, translated into English by
Jung Bae. Photos: Jellyfish Entertainment, OCN, KBS2."

A byline is a list of sentences, one per credited role, each naming its
contributors in credit order; `str()` gives the plain text and templates walk
`sentences` to link every contributor.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .choices import Role


@dataclass(frozen=True)
class BylineSentence:
    lead: str
    contributors: tuple
    # People are joined "A, B and C"; photo credits are listed "A, B, C".
    final_joiner: str = " and "

    @property
    def items(self):
        """Pairs of (contributor, separator that follows it)."""
        last = len(self.contributors) - 1
        for index, contributor in enumerate(self.contributors):
            if index == last:
                separator = ""
            elif index == last - 1:
                separator = self.final_joiner
            else:
                separator = ", "
            yield contributor, separator

    @property
    def opening(self):
        """What comes before the names: "Interview by " in English, "인터뷰: "
        in Korean. A translation words the whole sentence around the names,
        so that a language may end it without a full stop."""
        return self._around_names()[0]

    @property
    def closing(self):
        return self._around_names()[1]

    def _around_names(self):
        sentence = pgettext(
            "byline: one role's sentence; {lead} is e.g. 'Interview by', "
            "{names} the contributors",
            "{lead} {names}.",
        )
        before, _names, after = sentence.partition("{names}")
        return before.replace("{lead}", self.lead), after

    def __str__(self):
        names = "".join(f"{person}{separator}" for person, separator in self.items)
        return f"{self.opening}{names}{self.closing}"


@dataclass(frozen=True)
class Byline:
    sentences: tuple

    @classmethod
    def from_credits(cls, credits, *, conducted_in="", published_in=""):
        """`conducted_in` and `published_in` are language names, e.g. "Korean"."""
        by_role = {}
        for credit in credits:
            by_role.setdefault(credit.role, []).append(credit.contributor)
        sentences = []
        for role in Role:
            contributors = tuple(by_role.get(role, ()))
            if contributors:
                sentences.append(
                    BylineSentence(
                        lead=cls.lead_for(role, conducted_in, published_in),
                        contributors=contributors,
                        final_joiner=", "
                        if role == Role.PHOTO_CREDIT
                        else pgettext("before the last of several names", " and "),
                    )
                )
        return cls(sentences=tuple(sentences))

    @staticmethod
    def lead_for(role, conducted_in, published_in):
        if role == Role.TRANSLATOR:
            if conducted_in and published_in:
                return _(
                    "Conducted in %(conducted)s, translated into %(published)s by"
                ) % {"conducted": conducted_in, "published": published_in}
            return _("Translated by")
        return {
            Role.INTERVIEWER: _("Interview by"),
            Role.WRITER: _("Words by"),
            Role.PHOTOGRAPHER: _("Photography by"),
            Role.PHOTO_CREDIT: _("Photos:"),
            Role.EDITOR: _("Edited by"),
        }[role]

    @property
    def gap(self):
        """Between two sentences: a space after the full stop in English, a
        middle dot in Korean ("인터뷰: X · 번역: Y")."""
        return pgettext("byline: between two sentences", " ")

    def __str__(self):
        return self.gap.join(str(sentence) for sentence in self.sentences)

    def __bool__(self):
        return bool(self.sentences)
