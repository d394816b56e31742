"""Markdown is rendered, and whatever HTML it carries is made inert."""

from interviews.rendering import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("## A heading\n\nSome *emphasis*.\nA new line.")
    assert "<h2>A heading</h2>" in html
    assert "<em>emphasis</em>" in html
    assert "<br>" in html


def test_angle_brackets_are_words_not_tags():
    html = render_markdown("the song <Ex> and a <b>bold</b> try")
    assert "the song &lt;Ex&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_scripts_and_event_handlers_stay_inert_text():
    html = render_markdown(
        '<script>alert(1)</script>\n\n"><img src=x onerror=alert(1)>'
    )
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<img" not in html


def test_javascript_links_lose_their_target():
    html = render_markdown("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener nofollow"' in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
