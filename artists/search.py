"""Why a search found an artist, when it was not by the artist's own name.

`Artist.objects.matching("shuuu")` finds Soseo through her former stage name
and `matching("Kim Se Jung")` finds Kim Sejeong through a spelling of 김세정.
A reader who typed either sees only "Soseo" or "Kim Sejeong" in the results
and may wonder why: `other_names_matched()` says which of the artist's other
names the text matched, so the page can say "Soseo, formerly SHUUU" or "Did
you mean Kim Sejeong?".
"""

from dataclasses import dataclass

from core.names import name_key

from .models import Alias, AliasKind, Romanization

# A spelling made from the Hangul name (`Romanization`), not typed by an
# editor as an alias.
SPELLING = "spelling"
# The names a reader may type meaning the artist's own name, only spelled
# otherwise: what "Did you mean ...?" answers.
VARIANT_KINDS = {AliasKind.ROMANIZATION, AliasKind.HANGUL, AliasKind.OTHER, SPELLING}
# When several other names match, the one to tell: a former or birth name
# explains most, a generated spelling least.
PRECEDENCE = [
    AliasKind.FORMER_NAME,
    AliasKind.BIRTH_NAME,
    AliasKind.ROMANIZATION,
    AliasKind.HANGUL,
    AliasKind.OTHER,
    SPELLING,
]


@dataclass(frozen=True)
class NameMatch:
    """Another name of an artist that a search text matched."""

    name: str
    kind: str
    # The text was the whole name (folded), not only part of it.
    whole: bool

    @property
    def is_former(self):
        return self.kind == AliasKind.FORMER_NAME

    @property
    def is_birth_name(self):
        return self.kind == AliasKind.BIRTH_NAME

    @property
    def is_variant(self):
        return self.kind in VARIANT_KINDS

    def sort_key(self):
        return (not self.whole, PRECEDENCE.index(self.kind), self.name)


def other_names_matched(artists, text):
    """{artist id: NameMatch} for those of `artists` (as `matching(text)`
    found them) that `text` does not find by their own name or Hangul name.

    At most two queries, of the few artists' own aliases and spellings, and
    none when every artist was found by name."""
    key = name_key(text)
    if not key:
        return {}
    unexplained = [
        artist.pk
        for artist in artists
        if key not in artist.name_key and key not in (artist.hangul_key or "")
    ]
    found = {}
    if not unexplained:
        return found
    aliases = Alias.objects.filter(artist__in=unexplained, key__contains=key)
    for artist_id, name, kind, alias_key in aliases.values_list(
        "artist", "name", "kind", "key"
    ):
        _keep_best(found, artist_id, NameMatch(name, kind, alias_key == key))
    rest = [pk for pk in unexplained if pk not in found]
    if rest:
        spellings = Romanization.objects.filter(artist__in=rest, key__contains=key)
        for artist_id, name, spelling_key in spellings.values_list(
            "artist", "name", "key"
        ):
            _keep_best(found, artist_id, NameMatch(name, SPELLING, spelling_key == key))
    return found


def _keep_best(found, artist_id, match):
    current = found.get(artist_id)
    if current is None or match.sort_key() < current.sort_key():
        found[artist_id] = match
