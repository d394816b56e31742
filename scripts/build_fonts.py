"""Make the site's fonts out of @fontsource packages and write their
@font-face rules (magazine/static/css/fonts.css).

    mkdir /tmp/fonts && cd /tmp/fonts && npm install @fontsource/source-serif-4 \\
        @fontsource/noto-serif-kr @fontsource/ibm-plex-sans-kr
    python scripts/build_fonts.py /tmp/fonts/node_modules/@fontsource

It needs fontTools (requirements-dev.txt).

Only what the site uses is kept: the Latin subset of the Latin faces, and the
slices of the Korean faces that hold Hangul (Hanja and symbols fall back to
the reader's own fonts), in the weights below. The slices are the ones
Google Fonts cuts by frequency of use, so a page downloads only those its
text needs; fontsource ships them with their unicode-range.

Three changes to the fontsource files, for the bytes every page waits for
before its first paint and the work of laying its text out:
- Each Latin face is cut in two: the characters of English text (ASCII and
  typographic quotes, dashes, ellipsis) and the rest of the Latin subset
  (accented letters, symbols), each with its unicode-range. An English page
  fetches only the first: Source Serif's regular goes from 20 to 13 KB.
- The Korean faces of IBM Plex Sans KR are a family of their own, after the
  Latin one in the font stacks, as Noto Serif KR is after Source Serif 4.
  Chromium lays text out with work for each @font-face rule of the family
  it is set in (not for the length of their ranges): in one family, the
  Korean rules weighed on all interface text; in a family of their own,
  the browser looks at them only for text the Latin faces cannot draw.
- TrueType hinting is left out (IBM Plex Sans KR has it; the others have
  none): about a third of each Plex file, half of some Korean slices. Browsers
  on phones and Macs ignore it, and Windows' DirectWrite draws text without
  it; Google Fonts serves unhinted files to most browsers for the same reason.
"""

import json
import re
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "magazine" / "static" / "fonts"
STYLESHEET = ROOT / "magazine" / "static" / "css" / "fonts.css"

# (Latin family, Korean family, fontsource package, Latin faces as
# (weight, style), Korean weights)
FAMILIES = [
    (
        "Source Serif 4",
        None,
        "source-serif-4",
        # No italic: every article would fetch it (20 KB) for a few words
        # the browser can slant.
        [(400, "normal"), (700, "normal")],
        [],
    ),
    # Bold Hangul in reading text is rare: the regular weight, emboldened
    # by the browser, spares every page 86 rules and the repository 2 MB.
    (None, "Noto Serif KR", "noto-serif-kr", [], [400]),
    (
        "IBM Plex Sans KR",
        "IBM Plex Sans KR Hangul",
        "ibm-plex-sans-kr",
        [(400, "normal"), (700, "normal")],
        [400, 700],
    ),
]
HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3)]
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
   that shows one. Hangul slices are `swap`: a reader without a Korean font
   would otherwise see empty boxes. Each slice has its unicode-range, so a
   page downloads only the slices holding the syllables it shows. */
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
    return ",".join(
        f"U+{first:x}" if first == last else f"U+{first:x}-{last:x}"
        for first, last in kept
    )


def code_point_set(unicode_range):
    return {
        code_point
        for first, last in code_points(unicode_range)
        for code_point in range(first, last + 1)
    }


def write_font(source, destination, unicode_range=None):
    """The font at source as woff2 at destination, without TrueType hinting,
    and holding only unicode_range's characters when one is given; its
    outlines, kerning and other layout features as they were."""
    # The same files from the same packages, build after build: the font's
    # own date is kept rather than set to the time of the build.
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    kept = set(font.getBestCmap())
    if unicode_range is not None:
        kept &= code_point_set(unicode_range)
    subsetter.populate(unicodes=kept)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(destination)


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


def build(packages):
    if FONTS.exists():
        shutil.rmtree(FONTS)
    FONTS.mkdir(parents=True)
    korean, latin = [], []
    for family, korean_family, package, latin_faces, korean_weights in FAMILIES:
        folder = packages / package
        shutil.copy(folder / "LICENSE", FONTS / f"{package}-LICENSE.txt")
        ranges = json.loads((folder / "unicode.json").read_text())
        for key, unicode_range in ranges.items():
            number = re.fullmatch(r"\[(\d+)\]", key)
            if not number or not holds_hangul(unicode_range):
                continue
            # The most used slices also hold Latin letters and punctuation.
            # Latin text is the Latin faces' (or the reader's own fonts'
            # while those load): it must never fetch a Korean slice.
            unicode_range = without(unicode_range, ranges["latin"])
            for weight in korean_weights:
                file = f"{package}-{number[1]}-{weight}-normal.woff2"
                source = folder / "files" / file
                if is_hinted(source):
                    write_font(source, FONTS / file)
                else:
                    shutil.copy(source, FONTS / file)
                rule = face(
                    korean_family, file, weight, "normal", "swap", unicode_range
                )
                korean.append((int(number[1]), rule))
        other = without(ranges["latin"], ENGLISH)
        for weight, style in latin_faces:
            source = folder / "files" / f"{package}-latin-{weight}-{style}.woff2"
            for part, unicode_range in [("basic", ENGLISH), ("other", other)]:
                file = f"{package}-latin-{part}-{weight}-{style}.woff2"
                write_font(source, FONTS / file, unicode_range)
                latin.append(
                    face(family, file, weight, style, "optional", unicode_range)
                )
    # The faces of one slice side by side, so that gzip (which looks back
    # 32 KB) finds each unicode-range repeated as Brotli does.
    korean.sort(key=lambda numbered: numbered[0])
    rules = [rule for _number, rule in korean] + latin
    STYLESHEET.write_text(HEADER + "\n".join(rules) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} NODE_MODULES/@fontsource")
    build(Path(sys.argv[1]))
