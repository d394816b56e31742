"""Markdown to safe HTML for interview bodies, answers and closing lines.

Editors write Markdown; whatever HTML they (or an imported file) put in it is
cleaned by an allow-list sanitizer, so a `<script>` or an `onerror=` never
reaches a reader.
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
    html = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
    )
    return mark_safe(clean)
