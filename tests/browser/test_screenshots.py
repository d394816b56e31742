"""Every public page type at a phone's width (390px) and a desktop's (1280px),
in the light and the dark colour scheme, saved as a full-page screenshot for
a person to review: test-output/screenshots/<page>-<width>-<scheme>.png
(ignored by git; SCREENSHOTS_DIR moves it).

Each visit also checks what a screenshot cannot show at a glance: the page
answers with its status, nothing sticks out sideways at 390px, and the
browser logs no error (a missing file, a refused style, a failed request).
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "test-output/screenshots"))

# One of each type of public page on the archive: name, URL, status.
PAGE_TYPES = [
    ("home", "/", 200),
    ("interview-list", "/interviews/", 200),
    ("article", "/interviews/kcrush-interview-with-soseo/", 200),
    ("korean-article", "/interviews/kim-se-jeong-reveals-goals-for-im-album-ko/", 200),
    ("artist-index", "/artists/", 200),
    ("artist", "/artists/kim-sejeong/", 200),
    ("group-artist", "/artists/ioi/", 200),
    ("tag", "/tags/kpop/", 200),
    ("contributor", "/contributors/khriz-virgilio/", 200),
    ("search", "/search/?q=sejeong", 200),
    ("search-empty", "/search/", 200),
    ("not-found", "/no-such-page/", 404),
    ("release", "/releases/im/", 200),
    ("release-calendar", "/releases/upcoming/", 200),
    ("release-month", "/releases/2022/3/", 200),
    ("corrections", "/corrections/", 200),
]
WIDTHS = [390, 1280]
SCHEMES = ["light", "dark"]
HEIGHT = 844  # a phone's; a full-page screenshot takes the whole page anyway


def console_errors(page, url, status):
    """The errors the browser logs while the page is open, but for the
    page's own error status (a 404 page answers 404 on purpose). The site
    has a favicon: the request browsers make for it by themselves must not
    fail either."""
    errors = []

    def on_console(message):
        if message.type != "error":
            return
        location = message.location.get("url", "")
        if status >= 400 and location.endswith(url) and str(status) in message.text:
            return
        errors.append(f"{message.text} ({location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


def screenshot(page, name, url, status, width, scheme):
    """Visit the page, save its screenshot, and say what is wrong with it."""
    errors = console_errors(page, url, status)
    # The page runs no script: once loaded, and its fonts with it, it is
    # what a reader sees.
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    problems = []
    if response.status != status:
        problems.append(f"answered {response.status}, not {status}")
    # The scheme reached the page's styles: the screenshot shows what a
    # reader with that setting sees, not the other scheme twice.
    if not page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches"):
        problems.append(f"the browser did not ask for the {scheme} scheme")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"scrolls sideways: the page is {scroll_width}px wide")

    path = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
    path.write_bytes(page.screenshot(full_page=True))
    # A PNG as wide as the viewport (its IHDR chunk), and not a blank one.
    png = path.read_bytes()
    if png[:8] != b"\x89PNG\r\n\x1a\n" or int.from_bytes(png[16:20], "big") != width:
        problems.append(f"{path} is not a PNG {width}px wide")
    elif len(png) < 5_000:
        problems.append(f"{path} is nearly blank")
    problems.extend(f"console: {error}" for error in errors)
    return [f"{url} at {width}px, {scheme}: {problem}" for problem in problems]


# One test per page type, its four screenshots in turn: the archive is
# loaded once for the four rather than once each.
@pytest.mark.parametrize(
    "name, url, status", PAGE_TYPES, ids=[p[0] for p in PAGE_TYPES]
)
def test_the_page_type_is_screenshot_at_both_widths_in_both_schemes(
    archive, new_page, name, url, status
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in WIDTHS:
        for scheme in SCHEMES:
            page = new_page(
                viewport={"width": width, "height": HEIGHT}, color_scheme=scheme
            )
            problems += screenshot(page, name, url, status, width, scheme)
            page.context.close()
    assert not problems, "\n".join(problems)
