"""Make the site's fonts out of @fontsource packages and write their
@font-face rules (magazine/static/css/fonts.css).

    npm install --prefix ~/fontsource @fontsource/source-serif-4@5.3.1 \\
        @fontsource/noto-serif-kr@5.3.0 @fontsource/ibm-plex-sans-kr@5.3.0
    python scripts/build_fonts.py ~/fontsource/node_modules/@fontsource

It needs fontTools (requirements-dev.txt). The same packages make the same
bytes, build after build.

Only what the site uses is kept: the Latin subset of the Latin faces, and the
Hangul of the Korean faces (Hanja and symbols fall back to the reader's own
fonts), in the weights below.

What the build changes, for the bytes every page waits for before its first
paint and the work of laying its text out:
- Each Latin face is cut in two: the characters of English text (ASCII and
  typographic quotes, dashes, ellipsis) and the rest of the Latin subset
  (accented letters, symbols), each with its unicode-range. An English page
  fetches only the first: Source Serif's regular goes from 20 to 13 KB.
- Chromium lays text out with work for each @font-face rule of the family
  it is set in (not for the length of their ranges). So the Korean faces
  of IBM Plex Sans KR are a family of their own, after the Latin one in the
  font stacks, as Noto Serif KR is after Source Serif 4: the browser looks
  at them only for text the Latin faces cannot draw. And they are few:
  Google Fonts cuts each Korean face into slices by frequency of use; the
  20 most used ([100] to [119], about 100 characters each) hold the 1,900
  or so common syllables that carry nearly all real text, and are kept as
  they are, so a page fetches only the few its text needs. The other Hangul
  slices (63 of the rest in code-point order, each with a long list of
  ranges where the common syllables were taken out, and two of jamo) are
  merged into one file of jamo and 16 of rare syllables, each the rare
  syllables of one block of U+AC00-D7A3 with that block as its single
  range. These come before the common slices: of two faces of a family
  that both cover a character, the browser takes (and fetches) the one
  declared last, so a common syllable still fetches its small slice and
  only a rare one its block. 86 rules a face became 37.
- TrueType hinting is left out (IBM Plex Sans KR has it; the others have
  none): about a third of each Plex file, half of some Korean slices. Browsers
  on phones and Macs ignore it, and Windows' DirectWrite draws text without
  it; Google Fonts serves unhinted files to most browsers for the same reason.
"""

import io
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from fontTools import merge, subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "magazine" / "static" / "fonts"
STYLESHEET = ROOT / "magazine" / "static" / "css" / "fonts.css"


@dataclass
class Family:
    """One fontsource package: its Latin faces as (weight, style) under one
    family name, its Korean weights under another."""

    package: str
    latin: str | None = None
    latin_faces: list = field(default_factory=list)
    korean: str | None = None
    korean_weights: list = field(default_factory=list)


FAMILIES = [
    # No italic: every article would fetch it (20 KB) for a few words the
    # browser can slant.
    Family("source-serif-4", "Source Serif 4", [(400, "normal"), (700, "normal")]),
    # Bold Hangul in reading text is rare: the regular weight, emboldened by
    # the browser, spares every page its rules and the repository 1 MB.
    Family("noto-serif-kr", korean="Noto Serif KR", korean_weights=[400]),
    Family(
        "ibm-plex-sans-kr",
        "IBM Plex Sans KR",
        [(400, "normal"), (700, "normal")],
        korean="IBM Plex Sans KR Hangul",
        korean_weights=[400, 700],
    ),
]
HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3)]
# Google Fonts' Korean slices cut by frequency of use, the most used last;
# the lower numbers hold the rest, in code-point order, and Hanja.
COMMON_SLICES = range(100, 120)
SYLLABLES = (0xAC00, 0xD7A3)
# The files the rare syllables are merged into: about 75 KB of Noto Serif
# KR and 28 KB of IBM Plex each, for a syllable most pages do not show.
SYLLABLE_BLOCKS = 16
# Compatibility jamo, and the parenthesized and circled Hangul.
JAMO = [(0x3131, 0x318E), (0x3200, 0x321E), (0x3260, 0x327F)]
# The characters of English text: ASCII, no-break space, copyright sign,
# middle dot, en and em dashes, curly quotes, bullet, ellipsis. Each Latin
# face's first file holds these; its second, the rest of its Latin subset.
# ASCII's control characters too: a line break kept in a form's text or a
# preformatted line is matched against the faces like any character.
ENGLISH = (
    "U+0000-007E,U+00A0,U+00A9,U+00B7,U+2013-2014,U+2018-2019,U+201C-201D,U+2022,U+2026"
)

HEADER = """\
/* The site's own fonts, served by the site (scripts/build_fonts.py writes
   this file; the licences are beside the fonts, in ../fonts/).

   Text, for reading: Source Serif 4, with Noto Serif KR for Hangul (its
   Latin is Source Serif's design). Display and interface: IBM Plex Sans KR,
   which draws Latin and Hangul alike; headlines take its bold. Its Hangul
   is a family of its own, "IBM Plex Sans KR Hangul", after the Latin one in
   the stacks: the browser looks at the many Korean faces only for text the
   Latin faces cannot draw.

   Latin faces are `optional`: the preloaded ones arrive in time on a first
   visit and the others do from the cache on the next, and text never
   re-flows when one arrives late (no layout shift). Each comes in two
   files: the characters of English text (-latin-basic-), and the rest of
   Latin (-latin-other-: accented letters, symbols), fetched only by a page
   that shows one. Hangul faces are `swap`: a reader without a Korean font
   would otherwise see empty boxes. The common syllables come in small
   slices, each with its unicode-range, so a page downloads only the slices
   holding the syllables it shows. The rare ones come in blocks of code
   points (-rare-), and the jamo in one file (-jamo-), declared first: for
   a character that a later face of the family also covers, the browser
   takes the later one. */
:root {
  --font-text: "Source Serif 4", "Noto Serif KR", Georgia, Cambria,
    "Times New Roman", serif;
  --font-display: "IBM Plex Sans KR", "IBM Plex Sans KR Hangul", system-ui,
    -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  --font-ui: "IBM Plex Sans KR", "IBM Plex Sans KR Hangul", system-ui,
    -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
}
"""


def code_points(unicode_range):
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        yield int(first, 16), int(last or first, 16)


def as_range(spans):
    """(first, last) code point spans as a unicode-range."""
    return ",".join(
        f"U+{first:x}" if first == last else f"U+{first:x}-{last:x}"
        for first, last in spans
    )


def without(unicode_range, taken):
    """unicode_range less the code points of `taken` (another range)."""
    taken = sorted(code_points(taken))
    kept = []
    for first, last in code_points(unicode_range):
        for low, high in taken:
            if high < first or low > last:
                continue
            if low > first:
                kept.append((first, low - 1))
            first = max(first, high + 1)
            if first > last:
                break
        if first <= last:
            kept.append((first, last))
    return as_range(kept)


def code_point_set(unicode_range):
    return {
        code_point
        for first, last in code_points(unicode_range)
        for code_point in range(first, last + 1)
    }


def write_font(source, destination, kept=None, flavor="woff2"):
    """The font at source (a path or a file) at destination, without
    TrueType hinting, and holding only the code points in `kept` when given;
    its outlines, kerning and other layout features as they were."""
    # The same files from the same packages, build after build: the font's
    # own date is kept rather than set to the time of the build.
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = flavor
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    cmap = set(font.getBestCmap())
    subsetter.populate(unicodes=cmap if kept is None else cmap & kept)
    subsetter.subset(font)
    font.flavor = flavor
    font.save(destination)


def write_merged(sources, destination, kept):
    """The characters of `kept` from several slices of one font, as one
    woff2 font at destination."""
    with tempfile.TemporaryDirectory() as folder:
        parts = []
        for index, source in enumerate(sources):
            part = Path(folder) / f"{index}.ttf"
            write_font(source, part, kept, flavor=None)
            parts.append(str(part))
        merged = merge.Merger().merge(parts)
        # Merging dates the font now: it keeps its slices' dates instead.
        dated = TTFont(parts[0])["head"]
        merged["head"].created, merged["head"].modified = dated.created, dated.modified
        merged.recalcTimestamp = False
        buffer = io.BytesIO()
        merged.save(buffer)
    buffer.seek(0)
    write_font(buffer, destination, kept)


def is_hinted(source):
    return "fpgm" in TTFont(source)


def holds_hangul(unicode_range):
    return any(
        first <= high and last >= low
        for first, last in code_points(unicode_range)
        for low, high in HANGUL
    )


def face(family, file, weight, style, display, unicode_range):
    # font-style is normal unless said otherwise: said only for italics.
    italic = "" if style == "normal" else f"font-style:{style};"
    return (
        f'@font-face{{font-family:"{family}";{italic}'
        f"font-weight:{weight};font-display:{display};"
        f'src:url(../fonts/{file}) format("woff2");unicode-range:{unicode_range}}}'
    )


def rare_parts():
    """The files the rarer Hangul is merged into, as (name, spans): the
    jamo, then the syllables in blocks of equal length."""
    first, last = SYLLABLES
    length = -(-(last - first + 1) // SYLLABLE_BLOCKS)
    blocks = [
        (f"rare-{start:x}", [(start, min(start + length - 1, last))])
        for start in range(first, last + 1, length)
    ]
    return [("jamo", JAMO), *blocks]


def korean_faces(family, folder, ranges):
    """Write the Korean files of one package; return their rules, each with
    a key to sort them by: the rare parts first, then the common slices."""
    slices = {}
    for key, unicode_range in ranges.items():
        number = re.fullmatch(r"\[(\d+)\]", key)
        if number and holds_hangul(unicode_range):
            slices[int(number[1])] = unicode_range
    common = {number: slices.pop(number) for number in COMMON_SLICES}
    in_common = set().union(*map(code_point_set, common.values()))
    rules = []
    for weight in family.korean_weights:
        for index, (part, spans) in enumerate(rare_parts()):
            kept = code_point_set(as_range(spans)) - in_common
            sources = [
                folder / "files" / f"{family.package}-{number}-{weight}-normal.woff2"
                for number, unicode_range in sorted(slices.items())
                if code_point_set(unicode_range) & kept
            ]
            file = f"{family.package}-{part}-{weight}-normal.woff2"
            write_merged(sources, FONTS / file, kept)
            rule = face(family.korean, file, weight, "normal", "swap", as_range(spans))
            rules.append(((0, index), rule))
        for number, unicode_range in common.items():
            # The most used slices also hold Latin letters and punctuation.
            # Latin text is the Latin faces' (or the reader's own fonts'
            # while those load): it must never fetch a Korean slice.
            unicode_range = without(unicode_range, ranges["latin"])
            file = f"{family.package}-{number}-{weight}-normal.woff2"
            source = folder / "files" / file
            if is_hinted(source):
                write_font(source, FONTS / file)
            else:
                shutil.copy(source, FONTS / file)
            rule = face(family.korean, file, weight, "normal", "swap", unicode_range)
            rules.append(((1, number), rule))
    return rules


def build(packages):
    if FONTS.exists():
        shutil.rmtree(FONTS)
    FONTS.mkdir(parents=True)
    korean, latin = [], []
    for family in FAMILIES:
        folder = packages / family.package
        shutil.copy(folder / "LICENSE", FONTS / f"{family.package}-LICENSE.txt")
        ranges = json.loads((folder / "unicode.json").read_text())
        if family.korean:
            korean += korean_faces(family, folder, ranges)
        other = without(ranges["latin"], ENGLISH)
        for weight, style in family.latin_faces:
            source = folder / "files" / f"{family.package}-latin-{weight}-{style}.woff2"
            for part, unicode_range in [("basic", ENGLISH), ("other", other)]:
                file = f"{family.package}-latin-{part}-{weight}-{style}.woff2"
                write_font(source, FONTS / file, code_point_set(unicode_range))
                latin.append(
                    face(family.latin, file, weight, style, "optional", unicode_range)
                )
    # In each Korean family the rare parts before the common slices: of two
    # faces of a family that both cover a character, the browser takes the
    # last one declared. The faces of one part or slice side by side, so
    # that gzip (which looks back 32 KB) finds each unicode-range repeated
    # as Brotli does.
    korean.sort(key=lambda keyed: keyed[0])
    rules = [rule for _key, rule in korean] + latin
    STYLESHEET.write_text(HEADER + "\n".join(rules) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} NODE_MODULES/@fontsource")
    build(Path(sys.argv[1]))
