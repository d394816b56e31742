"""The site's own fonts, logo and icons, as pages link them and the site
serves them: every page preloads the English characters of its three faces
and links the font stylesheet before its own; the stylesheet names only
fonts the site ships, Korean faces that hold Hangul and no Latin, few of
them, each syllable in a face that draws it, and survives collectstatic's
hashing; /favicon.ico answers; the policy lets fonts come from the site
only.

tests/browser/test_fonts.py proves in Chromium that the faces render."""

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont
from PIL import Image

from .browser import PUBLIC_PAGES

STATIC = settings.BASE_DIR / "magazine" / "static"
FONTS = STATIC / "fonts"
STYLESHEET = STATIC / "css" / "fonts.css"
# The English characters of the interface, headline and reading faces.
PRELOADED = [
    "/static/fonts/ibm-plex-sans-kr-latin-basic-400-normal.woff2",
    "/static/fonts/ibm-plex-sans-kr-latin-basic-700-normal.woff2",
    "/static/fonts/source-serif-4-latin-basic-400-normal.woff2",
]
FACE = re.compile(r"@font-face\{(?P<descriptors>[^}]*)\}")
# Jamo, compatibility Jamo, syllables.
HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3)]
# The Latin subset: text in it must never need a Korean slice.
LATIN = (0x0000, 0x00FF)


class HeadReader(HTMLParser):
    """The <link> elements in order, and the masthead's logo."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.logo = [], None
        self._in_site_name = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "a" and "site-name" in (attrs.get("class") or "").split():
            self._in_site_name = True
        elif tag == "img" and self._in_site_name:
            self.logo = attrs

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_site_name = False


def read_head(response):
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def faces():
    """The @font-face rules of fonts.css, as dicts of their descriptors."""
    rules = []
    for match in FACE.finditer(STYLESHEET.read_text()):
        descriptors = dict(
            part.split(":", 1) for part in match["descriptors"].split(";") if part
        )
        descriptors["file"] = re.fullmatch(
            r'url\(\.\./fonts/([^)]+)\) format\("woff2"\)', descriptors["src"]
        )[1]
        rules.append(descriptors)
    return rules


def code_points(unicode_range):
    for part in unicode_range.split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        yield int(first, 16), int(last or first, 16)


def overlaps(unicode_range, low, high):
    return any(
        first <= high and last >= low for first, last in code_points(unicode_range)
    )


@pytest.mark.parametrize("url, status", PUBLIC_PAGES)
def test_every_page_preloads_its_faces_links_the_fonts_and_the_icons(
    archive_in_two_languages, client, url, status
):
    response = client.get(url)
    assert response.status_code == status
    head = read_head(response)
    stylesheets = [link["href"] for link in head.links if link["rel"] == "stylesheet"]
    assert stylesheets == ["/static/css/fonts.css", "/static/css/site.css"]

    preloads = [link for link in head.links if link["rel"] == "preload"]
    assert preloads == [
        {
            "rel": "preload",
            "href": href,
            "as": "font",
            "type": "font/woff2",
            # Fonts are fetched in CORS mode: without it the preload is
            # wasted and the font fetched a second time.
            "crossorigin": None,
        }
        for href in PRELOADED
    ]
    positions = {link["href"]: index for index, link in enumerate(head.links)}
    for href in PRELOADED:
        assert positions[href] < positions["/static/css/fonts.css"]

    icons = {
        (link["rel"], link["href"]) for link in head.links if "icon" in link["rel"]
    }
    assert icons == {
        ("icon", "/favicon.ico"),
        ("icon", "/static/brand/icon.svg"),
        ("apple-touch-icon", "/static/brand/apple-touch-icon.png"),
    }
    # The masthead is the logo, named for screen readers, its box reserved.
    assert head.logo == {
        "src": "/static/brand/logo.svg",
        "alt": "K-pop Magazine",
        "width": "244",
        "height": "40",
    }


def served(client, path):
    """A static file as WhiteNoise answers it, with its body read."""
    response = client.get(path)
    response.body = b"".join(response.streaming_content)
    response.close()
    return response


def test_favicon_ico_answers_at_the_root_where_browsers_ask_for_it(db, client):
    response = served(client, "/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = Image.open(io.BytesIO(response.body))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]


def test_the_linked_icons_and_logo_are_what_they_say(db, client):
    touch = served(client, "/static/brand/apple-touch-icon.png")
    assert touch.status_code == 200
    image = Image.open(io.BytesIO(touch.body))
    # iOS rounds the corners itself and shows transparency as black.
    assert (image.format, image.size, image.mode) == ("PNG", (180, 180), "RGB")
    for path in ["/static/brand/icon.svg", "/static/brand/logo.svg"]:
        response = served(client, path)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
    logo = (STATIC / "brand" / "logo.svg").read_text()
    # Outlines, not text: an SVG shown as an image cannot load the site's fonts.
    assert "<text" not in logo
    assert 'viewBox="0 0 244 40"' in logo


def test_the_stylesheet_names_every_shipped_font_and_only_those():
    named = [face["file"] for face in faces()]
    assert len(named) == len(set(named))
    shipped = {path.name for path in FONTS.glob("*.woff2")}
    assert set(named) == shipped
    for package in ["source-serif-4", "noto-serif-kr", "ibm-plex-sans-kr"]:
        licence = (FONTS / f"{package}-LICENSE.txt").read_text()
        assert "licensed under the SIL Open Font License, Version 1.1" in licence


def test_the_three_roles_have_their_faces_and_fallbacks():
    stylesheet = STYLESHEET.read_text()
    for role, stack in [
        ("--font-text", '"Source Serif 4", "Noto Serif KR"'),
        ("--font-display", '"IBM Plex Sans KR", "IBM Plex Sans KR Hangul"'),
        ("--font-ui", '"IBM Plex Sans KR", "IBM Plex Sans KR Hangul"'),
    ]:
        declared = " ".join(re.search(rf"{role}: ([^;]+);", stylesheet)[1].split())
        assert declared.startswith(stack), declared
        assert declared.rstrip().endswith(("serif", "sans-serif")), declared
    # site.css sets its faces from these three, falling back to installed
    # fonts only where fonts.css is missing.
    site = (STATIC / "css" / "site.css").read_text()
    for role in ["--font-display", "--font-text", "--font-ui"]:
        assert f"var({role}," in site, role


def test_latin_faces_are_optional_and_korean_faces_hold_hangul_and_no_latin():
    rules = faces()
    latin = [face for face in rules if "-latin-" in face["file"]]
    korean = [face for face in rules if "-latin-" not in face["file"]]
    assert {(face["font-family"], face["font-weight"]) for face in latin} == {
        ('"Source Serif 4"', "400"),
        ('"Source Serif 4"', "700"),
        ('"IBM Plex Sans KR"', "400"),
        ('"IBM Plex Sans KR"', "700"),
    }
    # A late Latin face would move the text it replaces: it is used only
    # when it arrives at once (preloaded, or from the cache).
    assert {face["font-display"] for face in latin} == {"optional"}
    # Hangul must show even on a machine without a Korean font.
    assert {face["font-display"] for face in korean} == {"swap"}
    # Families of their own, which the browser looks at only for what the
    # Latin faces cannot draw.
    assert {(face["font-family"], face["font-weight"]) for face in korean} == {
        ('"Noto Serif KR"', "400"),
        ('"IBM Plex Sans KR Hangul"', "400"),
        ('"IBM Plex Sans KR Hangul"', "700"),
    }
    for face in korean:
        assert any(overlaps(face["unicode-range"], *block) for block in HANGUL), face

        assert not overlaps(face["unicode-range"], *LATIN), face["file"]


def chosen_faces():
    """For each Korean family and weight, each character's face: the last
    declared of those whose unicode-range covers it (CSS Fonts 4), as
    {(family, weight): {code point: file}}."""
    chosen = {}
    for face in faces():
        if "-latin-" in face["file"]:
            continue
        key = (face["font-family"].strip('"'), face["font-weight"])
        for first, last in code_points(face["unicode-range"]):
            for code_point in range(first, last + 1):
                chosen.setdefault(key, {})[code_point] = face["file"]
    return chosen


def test_korean_faces_are_few_and_each_syllable_has_one_that_draws_it():
    """Common syllables come in Google Fonts' small slices, each with its
    long list of ranges; the rest in a few files of blocks of code points,
    declared first. The browser draws a character with the face declared
    last among those covering it, which must hold its glyph."""
    korean = [face for face in faces() if "-latin-" not in face["file"]]
    # Laying text out costs the browser work for each rule of its family.
    assert len(korean) <= 3 * 40
    rare = [face for face in korean if "-rare-" in face["file"]]
    assert all(
        re.fullmatch(r"U\+[0-9a-f]+-[0-9a-f]+", face["unicode-range"]) for face in rare
    )
    chosen = chosen_faces()
    assert set(chosen) == {
        ("Noto Serif KR", "400"),
        ("IBM Plex Sans KR Hangul", "400"),
        ("IBM Plex Sans KR Hangul", "700"),
    }
    cmaps = {}
    for (family, weight), files in chosen.items():
        # Compatibility jamo and syllables: every one of them.
        for code_point in [*range(0x3131, 0x318F), *range(0xAC00, 0xD7A4)]:
            file = files.get(code_point)
            assert file, f"{chr(code_point)} has no {family} {weight} face"
            if file not in cmaps:
                cmaps[file] = set(TTFont(FONTS / file).getBestCmap())
            assert code_point in cmaps[file], (chr(code_point), file)
        # 김 is among the most used syllables, 뀝 among the rare ones.
        assert re.fullmatch(r"[a-z-]+-1\d\d-[47]00-normal\.woff2", files[ord("김")])
        assert "-rare-" in files[ord("뀝")]


def test_each_latin_face_keeps_the_characters_of_english_text_in_one_file():
    """A page in English fetches one file per Latin face, and an accented
    letter fetches the other."""
    english = "Kim Sejeong’s “Door” – 2016… © · A–Z a–z 0–9 !?&"
    latin = [face for face in faces() if "-latin-" in face["file"]]
    for face in latin:
        ranges = list(code_points(face["unicode-range"]))
        held = [c for c in english if any(a <= ord(c) <= b for a, b in ranges)]
        if "-latin-basic-" in face["file"]:
            assert held == list(english), face["file"]
            assert not overlaps(face["unicode-range"], ord("é"), ord("é"))
        else:
            assert "-latin-other-" in face["file"], face["file"]
            assert held == [], face["file"]
            assert overlaps(face["unicode-range"], ord("é"), ord("é"))
    basic = [face for face in latin if "-latin-basic-" in face["file"]]
    assert len(basic) * 2 == len(latin)
    assert {f"/static/fonts/{face['file']}" for face in basic} >= set(PRELOADED)


def test_the_policy_lets_fonts_and_icons_come_from_the_site_only(archive, client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(
        directive.strip().split(" ", 1) for directive in policy.split(";")
    )
    assert directives["font-src"] == "'self'"
    assert directives["img-src"].split()[0] == "'self'"


def test_collectstatic_hashes_the_fonts_the_stylesheet_names(collected_static):
    manifest = json.loads((Path(collected_static) / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/fonts.css"]
    assert re.fullmatch(r"css/fonts\.[0-9a-f]{12}\.css", hashed)
    urls = re.findall(
        r'url\("?([^)"]+)"?\)', (Path(collected_static) / hashed).read_text()
    )
    assert len(urls) == len(faces())
    for url in urls:
        name = url.removeprefix("../fonts/")
        original = re.sub(r"\.[0-9a-f]{12}\.woff2$", ".woff2", name)
        assert manifest["paths"][f"fonts/{original}"] == f"fonts/{name}", url
        assert (Path(collected_static) / "fonts" / name).is_file()
