"""Every kind of public page, in Chromium: axe-core finds no accessibility
violations, pages fit a 360px phone screen, and nothing is fetched from a
host other than the site itself (CSS, JS and fonts are self-hosted)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from . import PUBLIC_PAGES

AXE = Axe()
PHONE = {"width": 360, "height": 740}
# The pages with the most varied content: long titles and words, Hangul,
# Q&A lists, cards, search results.
NARROW_PAGES = [
    "/",
    "/interviews/kcrush-interview-with-soseo/",
    "/interviews/kim-se-jeong-reveals-goals-for-im-album/",
    "/interviews/kim-se-jeong-reveals-goals-for-im-album-ko/",
    "/artists/kim-sejeong/",
    "/search/?q=sejeong",
]

# What sticks out past the right edge of the viewport, to say what to fix.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 0.5)
    .slice(0, 10)
    .map((element) => {
      const classes = [...element.classList].map((name) => "." + name).join("");
      const right = Math.round(element.getBoundingClientRect().right);
      return `<${element.tagName.toLowerCase()}${classes}> reaches ${right}px`;
    });
}"""


@pytest.mark.parametrize("url, status", PUBLIC_PAGES)
def test_the_page_has_no_accessibility_violations(archive, page, url, status):
    response = page.goto(url)
    assert response.status == status
    results = AXE.run(page)
    assert results.violations_count == 0, f"{url}\n{results.generate_report()}"


@pytest.mark.parametrize("url", NARROW_PAGES)
def test_the_page_fits_a_phone_and_asks_no_other_host(
    archive, new_page, live_server, url
):
    page = new_page(viewport=PHONE)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    assert page.goto(url, wait_until="networkidle").status == 200

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (
        f"{url} scrolls sideways at {PHONE['width']}px (content is {width}px "
        f"wide): {page.evaluate(OVERFLOWING)}"
    )
    assert requested, "no request was recorded"
    elsewhere = [
        address
        for address in requested
        if not address.startswith((f"{live_server.url}/", "data:"))
    ]
    assert not elsewhere, f"{url} asks other hosts: {elsewhere}"
