"""Plain-text copies of the old site's pages, like those of the first archive.

The first line is the title. The rest is read paragraph by paragraph:
bylines, signatures and "she tells FOX 13" become interviewer credits; a
"Conducted in Korean ... translated into English by ..." line becomes a
translator credit and the two languages; "Photo Credits: A | B" and an
image caption's "(Agency)" become photo credits; trailing hashtags become
tags; numbered questions become Q&A items; a dateline gives the date; the
old site's furniture is dropped. Artists already in the database are linked
when the title names them (or, failing that, the text). Every raw import
arrives as a draft for an editor to check.
"""

import re
from datetime import datetime

from django.utils import timezone
from django.utils.text import slugify

from artists.mentions import ArtistNames
from interviews.choices import InterviewStatus, Language, Role

from ..records import InterviewRecord

TITLE_LABEL = re.compile(r"^\[[A-Z ]+\]\s*")
FURNITURE = re.compile(
    r"^(?:Leave a Reply|Related Articles|Our Advertisers|User Review"
    r"|Your email address will not be published\..*|Required fields are marked.*"
    r"|\d+(?:\.\d+)? \(\d+ votes?\)|By\s*\|?\s*"
    r"|Comment\s*\*?|Name\s*\*?|Email\s*\*?|Website|Post Comment"
    r"|Save my name, email, and website.*)$",
    re.IGNORECASE,
)
IMAGE_MARKER = re.compile(r"^Image \d+ of \d+$", re.IGNORECASE)
DATELINE = re.compile(
    r"^(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})(?:\s*\|\s*[\d,]+ Visits)?$"
)
BYLINE = re.compile(r"^By\s+(?P<names>[^|]*?[^\s|])\s*(?:\|.*)?$")
COVERED_BY = re.compile(
    r"(?:This interview was|Interview) (?:covered|conducted|done) by "
    r"(?P<name>[^.]+?)\.",
    re.IGNORECASE,
)
TRANSLATED = re.compile(
    r"Conducted in (?P<source>[A-Z][a-z]+)\b.*?translated into "
    r"(?P<target>[A-Z][a-z]+) by (?P<name>[^.]+?)\.",
    re.DOTALL,
)
TELLS = re.compile(
    r"\b(?:she|he|they) (?:tells|told|said to|says to) "
    r"(?P<name>[A-Z0-9][\w&.-]*(?: [A-Z0-9][\w&.-]*)*)"
)
SIGNATURE = re.compile(r"^[—–-]{1,3}\s*(?P<name>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})$")
PHOTO_CREDITS = re.compile(r"^Photos? Credits?\s*:\s*(?P<names>.+)$", re.IGNORECASE)
CAPTION = re.compile(r"^(?P<caption>[^()]{1,80}?)\s*\((?P<credit>[^()]+)\)$")
HASHTAGS = re.compile(r"^(?:#\w+\s*)+$")
QUESTION = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<question>\S.*)$", re.DOTALL)
CLOSING = re.compile(
    r"^(?:We (?:want|would like) to thank|Special thanks|Thanks to)", re.IGNORECASE
)
TERMINAL = '.!?:;"”’)…'

ROLES = list(Role)
LANGUAGE_OF_NAME = {str(label): value for value, label in Language.choices}


def paragraphs(text):
    """Paragraphs with the line each starts on, spaces tidied."""
    found, current, start = [], [], 1
    for number, line in enumerate(text.split("\n"), start=1):
        if FURNITURE.match(line.strip()):
            line = ""
        if line.strip():
            if not current:
                start = number
            current.append(" ".join(line.split()))
        elif current:
            found.append((start, "\n".join(current)))
            current = []
    if current:
        found.append((start, "\n".join(current)))
    return found


def parse(path, text, names=None):
    """`names`: the ArtistNames of the run (looked up afresh if not given)."""
    paras = paragraphs(text)
    line, title = paras[0]
    record = InterviewRecord(
        path=path,
        title=TITLE_LABEL.sub("", title.replace("\n", " ")),
        slug="",
        status=InterviewStatus.DRAFT,
        source_id=path.name,
        create_missing_artists=False,
        match_slug=False,
    )
    record.lines["title"] = line
    record.slug = slug_for(record.title)
    credits, body, after_image = [], [], False
    qa_started = False
    for line, para in paras[1:]:
        if IMAGE_MARKER.match(para):
            after_image = True
            continue
        if match := DATELINE.match(para):
            record.publish_at = timezone.make_aware(
                datetime.strptime(match["date"], "%B %d, %Y")
            )
            record.found.append(f"date {match['date']}")
            continue
        if match := BYLINE.match(para):
            credits += [(Role.INTERVIEWER, n) for n in split_names(match["names"])]
            continue
        if match := PHOTO_CREDITS.match(para):
            credits += [(Role.PHOTO_CREDIT, n) for n in split_names(match["names"])]
            continue
        if after_image and (match := CAPTION.match(para)):
            credits.append((Role.PHOTO_CREDIT, match["credit"].strip()))
            after_image = False
            continue
        after_image = False
        if match := SIGNATURE.match(para):
            credits.append((Role.INTERVIEWER, match["name"].strip()))
            continue
        if HASHTAGS.match(para):
            record.tags = [tag.lstrip("#") for tag in para.split()]
            continue
        placed = False
        if match := TRANSLATED.search(para):
            record.conducted_in = language(record, match["source"])
            record.published_in = language(record, match["target"])
            credits.append((Role.TRANSLATOR, match["name"].strip()))
            placed = True
        if match := COVERED_BY.search(para):
            credits.append((Role.INTERVIEWER, match["name"].strip()))
            placed = True
        if placed:
            continue
        if match := TELLS.search(para):
            credits.append((Role.INTERVIEWER, match["name"].strip().rstrip(".,;:")))
        if (match := QUESTION.match(para)) and next_number(record) == int(
            match["number"]
        ):
            qa_started = True
            record.qa_items.append((int(match["number"]), match["question"], ""))
            record.lines.setdefault("qa_items", line)
            continue
        if qa_started and CLOSING.match(para):
            record.closing = para
            qa_started = False
            continue
        if qa_started:
            number, question, answer = record.qa_items[-1]
            answer = f"{answer}\n\n{para}" if answer else para
            record.qa_items[-1] = (number, question, answer)
            continue
        body.append(para)
    # In byline order: interviewers, writers, translators, photo credits...
    record.credits = sorted(dict.fromkeys(credits), key=lambda c: ROLES.index(c[0]))
    read_body(record, body)
    link_artists(record, text, names or ArtistNames())
    describe(record)
    return record


def slug_for(title):
    words = slugify(title).split("-")
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 80:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "interview"


def split_names(text):
    return [
        name.strip() for name in re.split(r"\s*[|,]\s*|\s+and\s+", text) if name.strip()
    ]


def language(record, name):
    code = LANGUAGE_OF_NAME.get(name)
    if code is None:
        record.unplaced.append(f"the language “{name}”")
        return ""
    return code


def next_number(record):
    return len(record.qa_items) + 1


def read_body(record, body):
    """The first paragraph is the standfirst; short unpunctuated lines are
    the old page's subheadings."""
    if body:
        record.standfirst = body[0]
    lines = []
    for para in body[1:]:
        words = para.split()
        if "\n" not in para and len(words) <= 8 and para[-1] not in TERMINAL:
            lines.append(f"## {para}")
        else:
            lines.append(para.replace("*", "\\*"))
    record.body = "\n\n".join(lines)


def link_artists(record, text, names):
    """Feature the known artists the title names; failing that, those the
    text names. The others the text names are recorded as mentioned."""
    in_title = names.find(record.title)
    in_text = names.find(text)
    chosen = {pk for pk, _ in in_title} or {pk for pk, _ in in_text}
    by_pk = {}
    for pk, name in in_title + in_text:
        by_pk.setdefault(pk, name)
    record.artists = [name for pk, name in by_pk.items() if pk in chosen]
    record.mentions = [name for pk, name in by_pk.items() if pk not in chosen]


def describe(record):
    """What the importer found, for the command's report."""
    for role, name in record.credits:
        record.found.append(f"{Role(role).label.lower()} {name}")
    if record.conducted_in:
        record.found.append(
            f"conducted in {record.conducted_in}, published in {record.published_in}"
        )
    if record.tags:
        record.found.append(f"{len(record.tags)} tags")
    if record.qa_items:
        record.found.append(f"{len(record.qa_items)} Q&A items")
    if record.mentions:
        record.found.append("mentions " + ", ".join(record.mentions))
    if record.artists:
        record.found.append("artists " + ", ".join(record.artists))
    else:
        record.unplaced.append("no known artist is named")
    if record.publish_at is None:
        record.unplaced.append("no date in the text")
    if not record.credits:
        record.unplaced.append("no byline or credit")
