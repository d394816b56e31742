"""Finding the artists a text names, by any name the database holds.

Used by the raw importer (which features the artists a page's title names
and records the others as mentioned) and by the interview form (which
suggests, as mentions, the artists its text names but does not feature)."""

import re
from collections import defaultdict

from .models import Alias, Artist

WORD = re.compile(r"\w+")


class ArtistNames:
    """Every name, Hangul name and alias of the artists in the database:
    read once (per import run, per form), then looked for in each text.

    A name is found where it stands whole in the text (no letter or digit
    just before or after it), the longest where several begin at one place.
    Wherever a name stands whole, its first run of letters and digits is a
    whole word of the text ("(G)I-DLE" brings the word "g"), so only the
    names whose first run is a word of the text are looked for in it. One
    pattern of all 6,700 names of a grown archive took 55 ms for an
    interview's text, and as long again to build."""

    def __init__(self, artists=None):
        artists = Artist.objects.all() if artists is None else artists
        # Unsorted: the names are looked up, not listed.
        artists = artists.order_by()
        names = list(artists.values_list("pk", "name"))
        names += artists.exclude(hangul_name="").values_list("pk", "hangul_name")
        names += (
            Alias.objects.filter(artist__in=artists)
            .order_by()
            .values_list("artist_id", "name")
        )
        self.artist_of = {name.casefold(): pk for pk, name in names if name}
        # Names with no letter or digit at all ("") are looked for always.
        self.names_by_first_word = defaultdict(list)
        for name in self.artist_of:
            first = WORD.search(name)
            self.names_by_first_word[first.group() if first else ""].append(name)

    def pattern_for(self, text):
        """The names `text` could hold, as one pattern, or None."""
        # Folded before it is cut into words, as the names are.
        words = set(WORD.findall(text.casefold())) | {""}
        candidates = {
            name for word in words for name in self.names_by_first_word.get(word, ())
        }
        if not candidates:
            return None
        # Longest first, so "Kim Se Jeong" wins over a shorter "Kim Se".
        alternatives = sorted(candidates, key=lambda name: (-len(name), name))
        return re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)",
            re.IGNORECASE,
        )

    def find(self, text):
        """(artist id, name as written) for each name in `text`, in order."""
        pattern = self.pattern_for(text)
        if pattern is None:
            return []
        return [
            (self.artist_of[match.group().casefold()], match.group())
            for match in pattern.finditer(text)
        ]

    def artists_in(self, text):
        """The ids of the artists `text` names, each once, in order."""
        return list(dict.fromkeys(pk for pk, _ in self.find(text)))
