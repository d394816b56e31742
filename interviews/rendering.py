"""Markdown to safe HTML for interview bodies, answers and closing lines.

Editors write Markdown, not HTML: angle brackets are text, so an answer that
names a song "<Ex>" keeps it, and a `<script>` shows as the words it is. The
allow-list sanitizer behind it is a second lock on what Markdown itself makes
(links keep http, https and mailto targets only).

A pull quote is a quote written twice, `>> Like this`: Markdown makes that a
quote inside a quote, which interviews have no other use for, and it comes
out as one `<blockquote class="pull-quote">` that the stylesheet sets large.
"""

import markdown
import nh3
from django.utils.safestring import mark_safe
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption",
    "figure", "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "q", "s",
    "small", "strong", "sub", "sup", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
}
# The one class the text may carry, set by PullQuotes below (editors cannot
# write attributes: raw HTML is text).
PULL_QUOTE = "pull-quote"
ALLOWED_CLASSES = {"blockquote": {PULL_QUOTE}}
URL_SCHEMES = {"http", "https", "mailto"}

# Single line breaks are kept (nl2br): editors paste answers whose lines
# matter, like a list of favourite songs, one per line.
EXTENSIONS = ["sane_lists", "nl2br"]


class PullQuotes(Treeprocessor):
    """`>> words`: a quote holding nothing but another quote becomes one
    pull quote."""

    def run(self, root):
        for quote in root.iter("blockquote"):
            inner = list(quote)
            if (
                len(inner) == 1
                and inner[0].tag == "blockquote"
                and not (quote.text or "").strip()
            ):
                quote.remove(inner[0])
                quote.extend(list(inner[0]))
                quote.text = inner[0].text
                quote.set("class", PULL_QUOTE)


def render_markdown(text: str):
    if not text:
        return ""
    # A Markdown instance keeps state between conversions: one per call.
    converter = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(PullQuotes(converter), "pull_quotes", 5)
    html = converter.convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
    )
    return mark_safe(clean)
