"""Every kind of public page, in Chromium: axe-core finds no accessibility
violations in the light and in the dark colour scheme, pages fit a 360px
phone screen, and nothing is fetched from a host other than the site itself
(CSS, JS and fonts are self-hosted)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from artists.models import Artist, Membership
from interviews.models import Interview, QAItem

from ..factories import make_photo
from . import PUBLIC_PAGES, server_error_page

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
    "/search/",
    "/search/?q=Kim+Se+Jung",
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


# The site follows the reader's system setting (prefers-color-scheme).
SCHEMES = ["light", "dark"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url, status", PUBLIC_PAGES)
def test_the_page_has_no_accessibility_violations(
    archive, new_page, url, status, scheme
):
    page = new_page(color_scheme=scheme)
    response = page.goto(url)
    assert response.status == status
    assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
    results = AXE.run(page)
    assert results.violations_count == 0, (
        f"{url} ({scheme})\n{results.generate_report()}"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_500_page_has_no_accessibility_violations(new_page, scheme):
    page = new_page(color_scheme=scheme)
    # No address fails on purpose: the browser is handed the page Django
    # renders, at an address of the site, so that its stylesheet loads.
    body = server_error_page()
    page.route(
        "**/broken/",
        lambda route: route.fulfill(
            status=500, body=body, content_type="text/html; charset=utf-8"
        ),
    )
    assert page.goto("/broken/").status == 500
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def dressed(archive):
    """The archive with what the design sets apart: a lead story with its
    photo on the home page and the article, a pull quote in an answer, and a
    group whose member has a portrait while the group has none."""
    soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
    soseo.lead_photo = make_photo("Soseo at the showcase, Seoul, 2023")
    soseo.is_featured = True
    soseo.save()
    answer = QAItem.objects.filter(interview=soseo).order_by("position").first()
    answer.answer += "\n\n>> I always felt like crying when I listened to it."
    answer.save()
    portrait = make_photo("Kim Sejeong", size=(800, 1000))
    Artist.objects.filter(slug="kim-sejeong").update(portrait=portrait)
    assert Membership.objects.filter(group__slug="gugudan").exists()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "url",
    ["/", "/interviews/kcrush-interview-with-soseo/", "/artists/gugudan/"],
)
def test_the_designed_pieces_have_no_accessibility_violations(
    dressed, new_page, url, scheme
):
    page = new_page(color_scheme=scheme)
    assert page.goto(url).status == 200
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
