"""The site's own faces in Chromium, served as production serves them
(gunicorn, hashed static files: the `site` of test_production.py).

Hangul renders in the site's Korean faces, as glyphs rather than the empty
box a font without them draws, whatever fonts the machine has (this one has
no Korean font: `fc-list :lang=ko` is empty), and a page downloads only the
slices its Hangul needs (a common syllable its small slice, a rare one its
block), none at all for an English article. Latin text is
set in the text face and the interface face. Nothing moves as fonts arrive,
fonts are kept for good, and an English article with its CSS and fonts
weighs under 100 KB before photos.
"""

import gzip
import re
import urllib.request

import brotli
import pytest

from .test_production import ARTICLE, FOREVER, assert_quiet, fetch, open_page, site

__all__ = ["open_page", "site"]  # fixtures, used by name

ARTIST = "/artists/kim-sejeong/"  # <h1>Kim Sejeong <span class="hangul">김세정
HANGUL_NAME = "김세정"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
FONT_FILE = re.compile(r"^/static/fonts/[a-z0-9-]+\.[0-9a-f]{12}\.woff2$")
BUDGET = 100_000  # bytes, compressed as served: HTML, CSS, fonts, logo

FONTS_READY = "() => document.fonts.ready.then(() => document.fonts.status)"

# Draws each text alone on a canvas in the given font and returns the
# pixels. The fallback box (.notdef) a font without Hangul draws is one
# shape for every character; real glyphs differ from each other. The texts
# are ones the page shows in that font, so their faces are loaded
# (document.fonts.load would also fetch every face whose range covers them,
# rare blocks that later slices overlap included).
DRAW = """({font, texts}) => {
  return texts.map((text) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 64;
    const context = canvas.getContext("2d");
    context.font = font;
    context.fillText(text, 4, 48);
    const pixels = context.getImageData(0, 0, 64, 64).data;
    return Array.from(pixels.filter((_value, index) => index % 4 === 3)).join(",");
  });
}"""

# The layout shifts of the page so far (Cumulative Layout Shift's parts).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 200);
})"""


def platform_fonts(page, selector):
    """The fonts Chromium drew the element's own text with, as (family,
    whether a web font), from the DevTools protocol."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    node = devtools.send("DOM.querySelector", {"nodeId": root, "selector": selector})
    assert node["nodeId"], f"no {selector} on {page.url}"
    fonts = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
    devtools.detach()
    return {(font["familyName"], font["isCustomFont"]) for font in fonts["fonts"]}


def visit(open_page, url):
    page, watched = open_page()
    assert page.goto(url, wait_until="networkidle").status == 200
    assert page.evaluate(FONTS_READY) == "loaded"
    return page, watched


def korean_faces(site, page):
    """Each Korean face's hashed path, with its (family, weight) and the
    code point spans it covers, in the order of the font stylesheet the page
    links."""
    href = page.locator('link[rel="stylesheet"][href*="/fonts."]').get_attribute("href")
    with urllib.request.urlopen(site.url + href, timeout=10) as response:
        stylesheet = response.read().decode()
    faces = {}
    for family, weight, url, unicode_range in re.findall(
        r'font-family:"([^"]+)";font-weight:(\d+);[^}]*'
        r'src:url\("?([^)"]+)"?\) format\("woff2"\);unicode-range:([^}]+)\}',
        stylesheet,
    ):
        path = "/static/fonts/" + url.removeprefix("../fonts/")
        if "-latin-" not in path:
            faces[path] = (
                (family, weight),
                [
                    (int(first, 16), int(last or first, 16))
                    for first, _, last in (
                        part.removeprefix("U+").partition("-")
                        for part in unicode_range.split(",")
                    )
                ],
            )
    return faces


def slice_ranges(site, page):
    """Each Korean face's hashed path, with the code points it covers."""
    return {path: ranges for path, (_, ranges) in korean_faces(site, page).items()}


def covers(ranges, character):
    return any(first <= ord(character) <= last for first, last in ranges)


def chosen_for(faces, characters):
    """The faces the browser takes for these characters: in each family and
    weight, the last declared of those covering a character (CSS Fonts 4)."""
    chosen = set()
    for character in characters:
        last = {}
        for path, (key, ranges) in faces.items():
            if covers(ranges, character):
                last[key] = path
        chosen |= set(last.values())
    return chosen


def test_hangul_renders_in_the_sites_face_as_glyphs_not_empty_boxes(site, open_page):
    page, watched = visit(open_page, ARTIST)
    name = page.locator("h1 .hangul")
    assert name.inner_text() == HANGUL_NAME
    assert platform_fonts(page, "h1 .hangul") == {("IBM Plex Sans KR", True)}
    weight, font = name.evaluate(
        "(element) => { const style = getComputedStyle(element);"
        " return [style.fontWeight, `${style.fontWeight} 32px ${style.fontFamily}`]; }"
    )
    # The faces the browser takes for the name arrived. (Not
    # document.fonts.check, which asks for every face whose range covers it.)
    chosen = chosen_for(
        {
            path: face
            for path, face in korean_faces(site, page).items()
            if face[0] == ("IBM Plex Sans KR Hangul", weight)
        },
        HANGUL_NAME,
    )
    assert chosen and chosen <= set(watched.responses)
    first, last = page.evaluate(DRAW, {"font": font, "texts": ["김", "정"]})
    assert set(first.split(",")) != {"0"}, "김 drew nothing"
    assert first != last, "김 and 정 drew the same shape: the fallback box"
    assert_quiet(ARTIST, watched)


def test_hangul_in_reading_text_is_set_in_the_korean_text_face(site, open_page):
    page, watched = visit(open_page, ARTICLE)
    # Again, so the Latin text face is there for the spaces (see below).
    assert page.goto(ARTICLE, wait_until="networkidle").status == 200
    # The archive's articles are English: a Korean answer, as a Korean
    # version of one would hold, added to the article's body.
    page.locator(".body").evaluate(
        """(body) => {
          const answer = document.createElement("p");
          answer.lang = "ko";
          answer.id = "korean-answer";
          answer.textContent = "정규 앨범을 준비하면서 많이 배웠어요";
          body.append(answer);
        }"""
    )
    assert page.evaluate(FONTS_READY) == "loaded"
    fonts = platform_fonts(page, "#korean-answer")
    # Chromium names the Korean face as its files do, "Noto Serif KR
    # ExtraLight" (fontsource's instances keep the variable font's name);
    # their glyphs are the regular weight's (OS/2 weight class 400).
    korean = {
        family for family, custom in fonts if custom and "Noto Serif KR" in family
    }
    assert korean, fonts
    assert fonts == {("Source Serif 4", True), *((family, True) for family in korean)}
    assert_quiet(ARTICLE, watched)


def test_a_page_downloads_only_the_korean_slices_its_hangul_needs(site, open_page):
    page, watched = visit(open_page, ARTIST)
    faces = korean_faces(site, page)
    # The interface face in two weights, the text face in one: the common
    # syllables in Google Fonts' 20 slices, the rest in a few blocks.
    assert len(faces) <= 3 * 40
    text = page.inner_text("body")
    assert HANGUL_NAME[0] in set(HANGUL.findall(text))
    # What the Latin faces cannot draw: Hangul, and the CJK punctuation
    # Korean titles use (《I'm》 on the Korean version's card).
    beyond_latin = {character for character in text if ord(character) > 0x24F}
    fetched = [path for path in watched.responses if path in faces]
    assert fetched, "no Korean slice was fetched for the Hangul on the page"
    # Each the face the browser takes for one of the page's characters: not
    # a block that a later slice overlaps, for that slice's syllables.
    assert set(fetched) <= chosen_for(faces, beyond_latin)
    assert not [path for path in fetched if "-rare-" in path]
    # Each character's slice, at most in each face and weight there is.
    slices = {
        re.sub(r"-(400|700)-normal.*", "", path.rsplit("/", 1)[1]) for path in fetched
    }
    assert len(slices) <= len(beyond_latin) * 2
    assert len(fetched) <= len(beyond_latin) * 3
    assert_quiet(ARTIST, watched)


def test_a_rare_syllable_fetches_its_block_and_renders(site, open_page):
    page, watched = visit(open_page, ARTICLE)
    assert page.goto(ARTICLE, wait_until="networkidle").status == 200
    faces = korean_faces(site, page)
    # 김 and 꿀 are among the most used syllables, 뀝 and 뺐 are not: two
    # slices and two blocks, of which 뀝's also covers 꿀 (declared before
    # 꿀's slice, it is not what the browser takes for it).
    korean = "김 뀝 꿀 뺐"
    page.locator(".body").evaluate(
        """(body, text) => {
          const answer = document.createElement("p");
          answer.lang = "ko";
          answer.id = "korean-answer";
          answer.textContent = text;
          body.append(answer);
        }""",
        korean,
    )
    assert page.evaluate(FONTS_READY) == "loaded"
    page.wait_for_load_state("networkidle")
    fetched = {path for path in watched.responses if path in faces}
    text_face = {path: face for path, face in faces.items() if "noto-serif" in path}
    assert fetched == chosen_for(text_face, korean.replace(" ", ""))
    assert len([path for path in fetched if "-rare-" in path]) == 2
    assert len([path for path in fetched if "-rare-" not in path]) == 2
    fonts = platform_fonts(page, "#korean-answer")
    assert {family for family, custom in fonts if "Noto Serif KR" in family}, fonts
    font = page.locator("#korean-answer").evaluate(
        "(element) => { const style = getComputedStyle(element);"
        " return `${style.fontWeight} 32px ${style.fontFamily}`; }"
    )
    drawn = page.evaluate(DRAW, {"font": font, "texts": ["뀝", "뺐", "김"]})
    assert all(set(pixels.split(",")) != {"0"} for pixels in drawn), "one drew nothing"
    assert len(set(drawn)) == 3, "two drew the same shape: the fallback box"
    assert_quiet(ARTICLE, watched)


def test_an_english_article_fetches_no_korean_slice(site, open_page):
    page, watched = visit(open_page, ARTICLE)
    assert not HANGUL.search(page.inner_text("body"))
    ranges = slice_ranges(site, page)
    assert not [path for path in watched.responses if path in ranges]
    assert_quiet(ARTICLE, watched)


def test_latin_text_is_set_in_the_text_face_and_the_interface_face(site, open_page):
    page, watched = visit(open_page, ARTICLE)
    # Latin faces are `optional`: on a first visit one that is not there at
    # once leaves the text to the reader's fonts; the next page has it from
    # the cache, as this one does.
    assert page.goto(ARTICLE, wait_until="networkidle").status == 200
    assert page.evaluate(FONTS_READY) == "loaded"
    assert platform_fonts(page, ".body p") == {("Source Serif 4", True)}
    assert platform_fonts(page, "h1") == {("IBM Plex Sans KR", True)}
    assert platform_fonts(page, "nav a") == {("IBM Plex Sans KR", True)}
    assert platform_fonts(page, ".site-footer p") == {("IBM Plex Sans KR", True)}
    assert_quiet(ARTICLE, watched)


@pytest.mark.parametrize("url", ["/", ARTICLE, ARTIST])
def test_nothing_moves_as_the_fonts_arrive(site, open_page, url):
    page, watched = visit(open_page, url)
    assert page.evaluate(LAYOUT_SHIFT) == 0
    assert_quiet(url, watched)


def test_fonts_are_served_under_hashed_names_as_woff2_and_kept_for_good(
    site, open_page
):
    page, watched = visit(open_page, ARTIST)
    fonts = {
        path: response
        for path, response in watched.responses.items()
        if path.startswith("/static/fonts/")
    }
    preloaded = [
        link.get_attribute("href")
        for link in page.locator('link[rel="preload"][as="font"]').all()
    ]
    # Each preload is the very file the stylesheet asks for (one the page
    # did not use would be fetched twice, and warned about).
    assert len(preloaded) == 3
    assert set(preloaded) <= set(fonts)
    assert len(fonts) > 1
    for path, response in fonts.items():
        assert FONT_FILE.match(path), path
        assert response.status == 200
        assert response.headers["content-type"] == "font/woff2"
        assert response.headers["cache-control"] == FOREVER
    assert_quiet(ARTIST, watched)


def test_favicon_ico_and_the_linked_icons_answer(site, open_page):
    page, watched = visit(open_page, "/")
    with urllib.request.urlopen(site.url + "/favicon.ico", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] in {
            "image/x-icon",
            "image/vnd.microsoft.icon",
        }
    for link in page.locator('link[rel~="icon"], link[rel="apple-touch-icon"]').all():
        href = link.get_attribute("href")
        with urllib.request.urlopen(site.url + href, timeout=10) as response:
            assert response.status == 200, href
    logo = page.locator(".site-name img")
    assert logo.evaluate("(img) => img.complete && img.naturalWidth") == 244
    assert page.get_by_role("link", name="K-pop Magazine").count() == 1
    assert_quiet("/", watched)


def test_an_english_article_weighs_under_100_kb_before_photos(site, open_page):
    page, watched = open_page()
    response = page.goto(ARTICLE, wait_until="networkidle")
    assert response.status == 200
    static = [path for path in watched.responses if path.startswith("/static/")]
    # Fonts, stylesheets and the logo: Korean slices are not among them.
    assert not [path for path in static if "/fonts/" in path and "-latin-" not in path]
    # Static files as WhiteNoise sends them with either encoding; the page
    # at the size the page cache sends it with gzip, or a CDN with Brotli.
    weights = {}
    for encoding, compress in [("br", brotli.compress), ("gzip", gzip.compress)]:
        sizes = {ARTICLE: len(compress(response.body()))}
        for path in static:
            _status, _headers, body = fetch(
                site.url + path, **{"Accept-Encoding": encoding}
            )
            sizes[path] = len(body)
        weights[encoding] = sizes
    print(f"\n{ARTICLE} before photos, bytes: Brotli, gzip")
    for path, size in sorted(weights["gzip"].items(), key=lambda item: -item[1]):
        print(f"  {weights['br'][path]:>7} {size:>7} {path}")
    totals = {encoding: sum(sizes.values()) for encoding, sizes in weights.items()}
    print(f"  {totals['br']:>7} {totals['gzip']:>7} in all")
    assert max(totals.values()) < BUDGET, weights
    assert_quiet(ARTICLE, watched)
