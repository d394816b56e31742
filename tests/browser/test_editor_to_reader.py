"""One story, end to end in a real browser: an editor adds an artist, two
contributors and an interview in the admin, the way a person does (typing,
autocomplete widgets, "Add another" inline rows), and a reader who is not
logged in then finds the interview everywhere the site promises: the home
page, the article, the artist's and the tag's pages, search by the artist's
alias, and the RSS feed."""

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from .conftest import TIMEOUT_MS, log_in

ARTIST = "Baek Harin"
ARTIST_HANGUL = "백하린"
ARTIST_SLUG = "baek-harin"
ALIAS = "LUMEN"  # her former stage name: nothing else on the site says it
INTERVIEWER = ("Mina Cho", "mina-cho")
TRANSLATOR = ("Daniel Park", "daniel-park")

TITLE = "Baek Harin on her first solo single"
SLUG = "baek-harin-on-her-first-solo-single"
STANDFIRST = "After six years in a group, the singer steps out on her own."
BODY = (
    "We met Baek Harin in a rehearsal room in Mapo.\n\n"
    "## The single\n\n"
    "She wrote **every** line of it herself."
)
TAGS = {"solo debut": "solo-debut", "ballad": "ballad"}
QA = [
    ("How did the single begin?", "With a melody I hummed on the subway."),
    ("What comes after it?", "A *full* album, I hope."),
]
BYLINE = (
    f"Interview by {INTERVIEWER[0]}. "
    f"Conducted in Korean, translated into English by {TRANSLATOR[0]}."
)


@contextmanager
def step(name):
    """Name the step of the story in the failure, whatever raised."""
    try:
        yield
    except Exception as error:
        error.add_note(f"step of the story that failed: {name}")
        raise


def type_into(page, selector, text):
    """Key by key, as a person types: the admin's slug prepopulation listens
    to key events."""
    page.locator(selector).press_sequentially(text)


def choose(page, select, typed, option):
    """Pick `option` in the autocomplete (select2) widget of the <select>
    `select`, by typing `typed` into its search box."""
    page.locator(f"{select} + .select2-container").click()
    # One input event, so one search request: typed letter by letter, each
    # answer re-draws the list and a click can land on a list being replaced.
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    results = page.locator(".select2-container--open .select2-results__options")
    expect(results.locator(".loading-results")).to_have_count(0)
    results.locator("li.select2-results__option", has_text=option).click()
    expect(page.locator(f"{select} option:checked")).to_have_text(
        option, timeout=TIMEOUT_MS
    )


def save(page, what, success="was added successfully"):
    """Click Save; fail with the admin's own error messages if it refuses."""
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success, .errornote").first.wait_for()
    if page.locator(".errornote").count():
        errors = page.locator(".errornote, .errorlist").all_inner_texts()
        pytest.fail(f"the admin refused to save {what}: {errors}", pytrace=False)
    expect(page.locator(".messagelist .success")).to_contain_text(success)


def test_an_interview_written_in_the_admin_reaches_the_reader(
    archive, editor_login, new_page, live_server
):
    editor = new_page()

    with step("the editor logs in at /admin/"):
        editor.goto("/admin/")
        log_in(editor, editor_login)

    with step("the editor adds the artist with a Hangul name and an alias"):
        editor.goto("/admin/artists/artist/add/")
        type_into(editor, "#id_name", ARTIST)
        expect(editor.locator("#id_slug")).to_have_value(ARTIST_SLUG)
        editor.fill("#id_hangul_name", ARTIST_HANGUL)
        editor.select_option("#id_kind", "soloist")
        editor.fill("[name=aliases-0-name]", ALIAS)
        editor.select_option("[name=aliases-0-kind]", "former_name")
        save(editor, "the artist")

    for name, slug in (INTERVIEWER, TRANSLATOR):
        with step(f"the editor adds the contributor {name}"):
            editor.goto("/admin/people/contributor/add/")
            type_into(editor, "#id_name", name)
            expect(editor.locator("#id_slug")).to_have_value(slug)
            editor.select_option("#id_kind", "person")
            save(editor, f"the contributor {name}")

    with step("the editor writes the interview and publishes it"):
        editor.goto("/admin/interviews/interview/add/")
        type_into(editor, "#id_title", TITLE)
        expect(editor.locator("#id_slug")).to_have_value(SLUG)
        editor.fill("#id_standfirst", STANDFIRST)
        choose(editor, "#id_featured_artists", "Harin", ARTIST)
        editor.fill("#id_tags", ", ".join(TAGS))
        editor.fill("#id_body", BODY)
        editor.select_option("#id_status", "published")
        editor.select_option("#id_conducted_in", "ko")
        editor.select_option("#id_published_in", "en")

        choose(editor, "#id_credits-0-contributor", "Mina", INTERVIEWER[0])
        editor.select_option("#id_credits-0-role", "interviewer")
        editor.locator(".add-row a", has_text="Add another Credit").click()
        choose(editor, "#id_credits-1-contributor", "Daniel", TRANSLATOR[0])
        editor.select_option("#id_credits-1-role", "translator")

        for number, (question, answer) in enumerate(QA):
            editor.locator(".add-row a", has_text="Add another Q&A item").click()
            editor.fill(f"[name=qa_items-{number}-question]", question)
            editor.fill(f"[name=qa_items-{number}-answer]", answer)
        save(editor, "the interview")

    reader = new_page()
    article = reader.locator("main")

    with step("the reader finds it on the home page and opens it"):
        reader.goto("/")
        reader.get_by_role("link", name=TITLE).first.click()
        expect(reader).to_have_url(f"{live_server.url}/interviews/{SLUG}/")

    with step(f"the article /interviews/{SLUG}/ shows the byline and the Q&A"):
        expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(article).to_contain_text(STANDFIRST)
        expect(article).to_contain_text(BYLINE)
        expect(reader.get_by_role("heading", name="The single")).to_be_visible()
        for question, _answer in QA:
            expect(article).to_contain_text(question)
        expect(article.locator("em", has_text="full")).to_be_visible()

    with step(f"the artist page /artists/{ARTIST_SLUG}/ lists it"):
        reader.goto(f"/artists/{ARTIST_SLUG}/")
        expect(reader.get_by_role("heading", level=1)).to_contain_text(ARTIST)
        expect(article).to_contain_text(ARTIST_HANGUL)
        expect(reader.get_by_role("link", name=TITLE)).to_be_visible()

    for tag_slug in TAGS.values():
        with step(f"the tag page /tags/{tag_slug}/ lists it"):
            reader.goto(f"/tags/{tag_slug}/")
            expect(reader.get_by_role("link", name=TITLE)).to_be_visible()

    with step(f"search for the alias {ALIAS!r} at /search/ finds it"):
        reader.goto("/search/")
        reader.fill("input[name=q]", ALIAS)
        reader.locator("input[name=q]").press("Enter")
        expect(reader).to_have_url(re.compile(rf"/search/\?q={ALIAS}(&|$)"))
        expect(reader.get_by_role("link", name=ARTIST, exact=True)).to_be_visible()
        expect(reader.get_by_role("link", name=TITLE)).to_be_visible()

    with step("the RSS feed /feeds/rss/ carries it"):
        feed = reader.request.get(f"{live_server.url}/feeds/rss/")
        assert feed.status == 200
        assert f"<title>{TITLE}</title>" in feed.text()
