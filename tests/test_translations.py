"""Every string of the project has a Korean translation, and the committed
.po holds exactly the strings the code marks (README, "The admin in Korean").

The catalogue is made again as `makemessages` makes it, in a copy of the
sources: a string marked in the code and missing from the .po, one whose
translation is empty or fuzzy, or one the code no longer has, fails here
with its name. A word written into a public template outside translation
tags, which makemessages cannot see, fails here too."""

import ast
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import DOMAINS, KOREAN

ROOT = Path(__file__).resolve().parent.parent
# What makemessages is told to ignore (README), and what is no source.
NOT_SOURCES = shutil.ignore_patterns(
    ".*", "node_modules", "tests", "media", "staticfiles", "__pycache__", "*.mo",
    "*.sqlite3*",
)  # fmt: skip
ENTRY_LINE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$")


def read_po(path):
    """The entries of a .po file: msgid (with its context) to flags and
    translations. Obsolete entries (#~) are not the code's strings."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, flags, current = {}, set(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif match := ENTRY_LINE.match(line):
                current = match[1]
                fields[current] = ast.literal_eval(match[2])
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            key = (fields.get("msgctxt"), fields["msgid"])
            translations = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries[key] = (flags, translations)
    return entries


@pytest.fixture(scope="module")
def regenerated_copy(tmp_path_factory):
    """A copy of the sources whose Korean .po files are as `makemessages`
    leaves them for the code as it is now."""
    copy = tmp_path_factory.mktemp("project") / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCES, symlinks=False)
    for domain in DOMAINS:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "ko", "-d", domain]
            + ["--verbosity", "0"],
            cwd=copy,
            check=True,
        )
    return copy


@pytest.fixture(params=DOMAINS)
def domain(request):
    return request.param


@pytest.fixture
def regenerated(regenerated_copy, domain):
    return read_po(regenerated_copy / f"locale/ko/LC_MESSAGES/{domain}.po")


def test_the_committed_catalogue_has_every_string_of_the_code(regenerated, domain):
    committed = read_po(KOREAN / f"{domain}.po")
    missing = sorted(msgid for _context, msgid in regenerated.keys() - committed)
    stale = sorted(msgid for _context, msgid in committed.keys() - regenerated)
    assert not missing, f"marked in the code, missing from the .po: {missing}"
    assert not stale, f"in the .po, no longer in the code: {stale}"


def test_every_string_is_translated_into_korean(regenerated):
    untranslated = [
        msgid
        for (_context, msgid), (flags, translations) in regenerated.items()
        if "fuzzy" in flags or not all(text.strip() for text in translations)
    ]
    assert regenerated, "makemessages found no string"
    assert not untranslated, f"no Korean translation (or a fuzzy one): {untranslated}"


def test_placeholders_survive_translation(compiled_korean, domain):
    """msgfmt --check-format (the `compiled_korean` fixture) refuses a
    translation whose %(name)s placeholders differ; `{}` is checked here."""
    for (_context, msgid), (_flags, translations) in read_po(
        KOREAN / f"{domain}.po"
    ).items():
        for text in translations:
            assert text.count("{}") == msgid.count("{}"), msgid


# Words written straight into a public template


TEMPLATES = ROOT / "templates"
# Not the readers' pages: Django's admin, drawn in the editor's language
# with its own strings, and what only machines read.
NOT_PUBLIC = ("admin/", "comments/admin/", "sitemaps/", "robots.txt")
# Names, the same in every language the magazine writes in.
NAMES = {"K-pop Magazine", "RSS", "Atom", "KST"}
TEMPLATE_SYNTAX = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    r"|{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{%.*?%}|{{.*?}}|{#.*?#}",
    re.DOTALL,
)
# The attributes a person reads or hears; the rest (href, class, lang...)
# are for the browser. A <meta>'s content is read only as a description.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}


class TextCollector(HTMLParser):
    """The text nodes and read attributes of a page, outside scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.in_script = [], False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag in {"script", "style"}
        attributes = dict(attrs)
        read = READ_ATTRIBUTES
        if tag == "meta" and attributes.get("name") == "description":
            read = read | {"content"}
        self.texts.extend(value for name, value in attrs if name in read and value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.in_script = False

    def handle_data(self, data):
        if not self.in_script:
            self.texts.append(data)


def untranslated_words(source):
    """What a template writes in letters outside translation tags."""
    collector = TextCollector()
    collector.feed(TEMPLATE_SYNTAX.sub("", source))
    collector.close()
    words = []
    for text in collector.texts:
        for name in NAMES:
            text = text.replace(name, "")
        if re.search("[A-Za-z]", text):
            words.append(" ".join(text.split()))
    return words


def public_templates():
    for path in sorted(TEMPLATES.rglob("*")):
        name = path.relative_to(TEMPLATES).as_posix()
        if path.is_file() and not name.startswith(NOT_PUBLIC):
            yield name


@pytest.mark.parametrize("name", list(public_templates()))
def test_a_public_template_writes_no_word_outside_translation(name):
    assert untranslated_words((TEMPLATES / name).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Did you mean {{ name }}?</p>", ["Did you mean ?"]),
        ('<nav aria-label="Months">', ["Months"]),
        ("{% if month %}this month{% endif %}", ["this month"]),
        ('<p>{% translate "Months" %} · K-pop Magazine</p>', []),
        ("{% blocktranslate %}Page {{ n }}{% endblocktranslate %}", []),
        ("{# Why the page is drawn this way. #}<p>{{ title }}</p>", []),
        ('<a href="/feeds/rss/" class="feed-link">RSS</a>', []),
        ('<meta name="description" content="About {{ name }}.">', ["About ."]),
        ('<meta property="og:type" content="article">', []),
    ],
)
def test_words_outside_translation_are_found(source, found):
    assert untranslated_words(source) == found
