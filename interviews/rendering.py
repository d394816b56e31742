"""Markdown to safe HTML for interview bodies, answers and closing lines.

Editors write Markdown, not HTML: angle brackets are text, so an answer that
names a song "<Ex>" keeps it, and a `<script>` shows as the words it is. The
allow-list sanitizer behind it is a second lock on what Markdown itself makes
(links keep http, https and mailto targets only).
"""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption",
    "figure", "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "q", "s",
    "small", "strong", "sub", "sup", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Single line breaks are kept (nl2br): editors paste answers whose lines
# matter, like a list of favourite songs, one per line.
EXTENSIONS = ["sane_lists", "nl2br"]


def render_markdown(text: str):
    if not text:
        return ""
    # A Markdown instance keeps state between conversions: one per call.
    converter = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    html = converter.convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
    )
    return mark_safe(clean)
