"""Interviews as Markdown files with a YAML front matter, as a writer types
them (the format is documented, with an example, in the README).

    ---
    title: KCrush Interview With Soseo
    slug: kcrush-interview-with-soseo
    artists: [Soseo]
    credits:
      - interviewer: Jiyoung Lee
    tags: [kpop, rnb]
    status: published
    publish_at: 2023-01-25 18:00
    corrections:
      - at: 2023-02-01 10:00
        note: An earlier version misspelt SHUUU.
    ---
    The body, in Markdown.

    ## Q1: The first question?

    Its answer, in Markdown, until the next question heading.

    ::: original ko
    The artist's original words, if the answer is a translation.
    :::
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import yaml
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..records import NUL, NUL_PROBLEM, ImportProblem, InterviewRecord, OriginalWords

FRONT_MATTER_KEYS = {
    "title",
    "slug",
    "standfirst",
    "artists",
    "mentions",
    "releases",
    "credits",
    "tags",
    "conducted_in",
    "published_in",
    "status",
    "publish_at",
    "featured",
    "closing",
    "source",
    "corrections",
    "version_of",
}
# The deepest a front matter nests: the document's mapping, the credits
# list, one credit, and its list of names.
MAX_DEPTH = 4
# What a single value may be: YAML reads dates and numbers as such.
SCALARS = (str, int, float, date)
# "## Q: ...", "### Q3. ...": a heading whose text starts with Q opens an item.
QUESTION = re.compile(r"^#{1,6}\s+Q(\d*)\s*[:.]\s+(.+?)\s*#*\s*$")
FENCE = "---"
# An answer's original words, after the answer, between a "::: original ko"
# line (the language may be left to the interview's `conducted_in`) and a
# ":::" line: a fenced block that reads as plain text in any Markdown viewer.
ORIGINAL_FENCE = ":::"
ORIGINAL_OPENS = re.compile(r"^:::\s*original(?:\s+(.*?))?\s*$", re.IGNORECASE)
ORIGINAL_CLOSES = re.compile(r"^:::\s*$")


def parse(path, text):
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise ImportProblem(path, 1, "a Markdown interview starts with a --- line")
    try:
        end = next(n for n in range(1, len(lines)) if lines[n].strip() == FENCE)
    except StopIteration:
        raise ImportProblem(
            path, 1, "the front matter has no closing --- line"
        ) from None
    front = "\n".join(lines[1:end])
    data, key_lines = read_front_matter(path, front)
    record = InterviewRecord(path=path, title="", slug="")
    record.lines = {key: line + 1 for key, line in key_lines.items()}
    for key, line in record.lines.items():
        if key not in FRONT_MATTER_KEYS:
            raise ImportProblem(
                path,
                line,
                f"unknown front matter key “{key}”; "
                f"use {', '.join(sorted(FRONT_MATTER_KEYS))}",
            )
    record.title = text_value(record, data, "title")
    record.slug = text_value(record, data, "slug")
    record.standfirst = text_value(record, data, "standfirst")
    record.closing = text_value(record, data, "closing")
    record.conducted_in = text_value(record, data, "conducted_in")
    record.published_in = text_value(record, data, "published_in") or "en"
    record.status = text_value(record, data, "status") or "draft"
    record.source_id = text_value(record, data, "source")
    record.version_of = text_value(record, data, "version_of")
    record.is_featured = flag(record, data, "featured")
    record.artists = name_list(record, data, "artists")
    record.mentions = name_list(record, data, "mentions")
    record.releases = name_list(record, data, "releases")
    record.tags = name_list(record, data, "tags")
    record.credits = credit_list(record, data.get("credits") or [])
    record.publish_at = moment(record, data.get("publish_at"))
    if "corrections" in data:
        record.corrections = correction_list(record, data["corrections"])
    if not record.title:
        raise ImportProblem(path, 2, "the front matter needs a title")
    if not record.slug:
        raise ImportProblem(path, 2, "the front matter needs a slug")
    read_body(record, lines[end + 1 :], first_line=end + 2)
    return record


def read_front_matter(path, front):
    check_shape(path, front)
    try:
        node = yaml.compose(front, Loader=yaml.SafeLoader)
        data = yaml.safe_load(front)
    except yaml.YAMLError as error:
        raise yaml_problem(path, error) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ImportProblem(path, 2, "the front matter must be a set of key: value")
    key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return data, key_lines


def check_shape(path, front):
    """Refuse anchors, aliases, deep nesting and a NUL written as an escape
    ("\\0" in quotes) before anything is built.

    An alias repeats what its anchor names, so a few lines of them ("billion
    laughs") can stand for more text than any memory holds, and nesting
    thousands deep overflows the parser's stack. A front matter needs
    neither: reading its events, which cost nothing to make, tells."""
    depth = 0
    try:
        for event in yaml.parse(front, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 2
            if isinstance(event, yaml.ScalarEvent) and NUL in event.value:
                raise ImportProblem(path, line, NUL_PROBLEM)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ImportProblem(
                    path,
                    line,
                    "YAML anchors and aliases (&name, *name) are not allowed",
                )
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ImportProblem(
                        path, line, "the front matter nests lists or keys too deeply"
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        raise yaml_problem(path, error) from None


def yaml_problem(path, error):
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 2 if mark else 2
    reason = getattr(error, "problem", None) or str(error)
    return ImportProblem(path, line, f"invalid YAML: {reason}")


def text_value(record, data, key):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, SCALARS):
        raise record.problem(key, f"“{key}” must be text")
    return str(value).strip()


def flag(record, data, key):
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise record.problem(key, f"“{key}” must be true or false")
    return value


def name_list(record, data, key):
    value = data.get(key) or []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(
        isinstance(item, SCALARS) for item in value
    ):
        raise record.problem(key, f"“{key}” must be a list of names")
    return [str(item).strip() for item in value if str(item).strip()]


def credit_list(record, value):
    """`- role: name` items (or `role: [names]`), in credit order."""
    if not isinstance(value, list):
        raise record.problem("credits", "credits must be a list of “- role: name”")
    credits = []
    for item in value:
        if not isinstance(item, dict):
            raise record.problem("credits", "each credit is written “- role: name”")
        for role, names in item.items():
            names = names if isinstance(names, list) else [names]
            if not isinstance(role, str) or not all(
                isinstance(name, SCALARS) for name in names
            ):
                raise record.problem("credits", "each credit is written “- role: name”")
            for name in names:
                credits.append((role.strip(), str(name).strip()))
    return credits


def correction_list(record, value):
    """`- at: time` / `note: text` items: the interview's corrections."""
    shape = "corrections must be a list of “- at: 2023-02-01 10:00” / “note: …”"
    if value is None:
        return []
    if not isinstance(value, list):
        raise record.problem("corrections", shape)
    corrections = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"at", "note"}:
            raise record.problem("corrections", shape)
        note = item["note"]
        if not isinstance(note, SCALARS) or not str(note).strip():
            raise record.problem("corrections", "a correction's note is empty")
        at = moment(record, item["at"], key="corrections")
        if at is None:
            raise record.problem("corrections", "a correction needs its time (at)")
        corrections.append((at, str(note).strip()))
    times = [at for at, _ in corrections]
    if len(set(times)) != len(times):
        raise record.problem("corrections", "two corrections share one time")
    return corrections


def moment(record, value, *, key="publish_at"):
    """A time; without a zone it is Korean time."""
    if value in (None, ""):
        return None
    if not isinstance(value, SCALARS):
        raise record.problem(key, f"“{key}” must be a date and time")
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    else:
        try:
            parsed = parse_datetime(str(value))
        except ValueError:
            parsed = None
        if parsed is None:
            raise record.problem(
                key, f"cannot read the date “{value}”; write 2023-01-25 18:00 (KST)"
            )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@dataclass
class ItemText:
    """A Q&A item as its lines are read."""

    number: int
    question: str
    answer: list[str] = field(default_factory=list)
    original: OriginalWords | None = None


def read_body(record, lines, *, first_line):
    body, items, item = [], [], None
    # The original words being read, and their lines so far.
    reading, reading_lines = None, []
    for offset, line in enumerate(lines):
        number = first_line + offset
        if reading is not None:
            if ORIGINAL_CLOSES.match(line):
                reading.text = "\n".join(reading_lines).strip()
                if not reading.text:
                    raise ImportProblem(record.path, reading.line, "no original words")
                item.original, reading = reading, None
            elif QUESTION.match(line):
                raise unclosed(record, reading)
            else:
                reading_lines.append(line)
            continue
        question = QUESTION.match(line)
        opening = ORIGINAL_OPENS.match(line)
        if question:
            position = int(question.group(1)) if question.group(1) else len(items) + 1
            item = ItemText(position, question.group(2))
            items.append(item)
            record.lines.setdefault("qa_items", number)
        elif opening:
            if item is None:
                raise ImportProblem(
                    record.path,
                    number,
                    "original words belong to an answer: put them under its "
                    "question's heading, after the answer",
                )
            if item.original is not None:
                raise ImportProblem(
                    record.path, number, "this answer has its original words already"
                )
            language = opening_language(record, opening, number)
            reading, reading_lines = OriginalWords("", language, number), []
        elif item is not None:
            if item.original is not None and line.strip():
                raise ImportProblem(
                    record.path,
                    number,
                    "the original words come last in their answer: move this "
                    "text above the ::: original line",
                )
            item.answer.append(line)
        else:
            body.append(line)
    if reading is not None:
        raise unclosed(record, reading)
    record.body = "\n".join(body).strip()
    record.qa_items = [
        (i.number, i.question, "\n".join(i.answer).strip()) for i in items
    ]
    numbers = [i.number for i in items]
    if len(set(numbers)) != len(numbers):
        raise record.problem("qa_items", "two questions share one number")
    record.original_words = {i.number: i.original for i in items if i.original}


def opening_language(record, opening, line):
    """The language a `::: original` line names, if any (its code, as the
    front matter's languages are written)."""
    language = opening.group(1) or ""
    if len(language.split()) > 1:
        raise ImportProblem(
            record.path,
            line,
            "write the original words' language as one code, e.g. “::: original ko”",
        )
    return language.lower()


def unclosed(record, words):
    return ImportProblem(
        record.path,
        words.line,
        "the original words opened here have no closing ::: line",
    )


def write(interview, *, held=None):
    """The Markdown file of a saved interview; `parse` reads it back as is.
    `held`: when the export is not of everything, the slugs of the
    interviews it holds; the original of a version it does not hold is not
    named."""
    original = interview.version_of.slug if interview.version_of_id else None
    if held is not None and original not in held:
        original = None
    front = {
        "title": interview.title,
        "slug": interview.slug,
        "standfirst": interview.standfirst or None,
        "artists": [artist.name for artist in interview.featured_artists.all()],
        "mentions": [a.name for a in interview.mentioned_artists.all()] or None,
        "releases": [r.slug for r in interview.releases.all()] or None,
        "credits": [
            {credit.role: credit.contributor.name} for credit in interview.credits.all()
        ],
        "tags": sorted(interview.tags.names(), key=str.casefold),
        "conducted_in": interview.conducted_in or None,
        "published_in": interview.published_in,
        "status": interview.status,
        "publish_at": (
            timezone.localtime(interview.publish_at).isoformat()
            if interview.publish_at
            else None
        ),
        "featured": interview.is_featured or None,
        "closing": interview.closing or None,
        "source": interview.source_id or None,
        "corrections": [
            {"at": timezone.localtime(c.made_at).isoformat(), "note": c.note}
            for c in sorted(interview.corrections.all(), key=lambda c: c.made_at)
        ]
        or None,
        "version_of": original,
    }
    front = {key: value for key, value in front.items() if value is not None}
    parts = [
        FENCE,
        yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000).strip(),
        FENCE,
    ]
    if interview.body:
        parts += [interview.body, ""]
    for item in interview.qa_items.all():
        question = " ".join(item.question.split())
        parts += [f"## Q{item.position}: {question}", "", item.answer, ""]
        if item.original_answer:
            parts += [
                f"{ORIGINAL_FENCE} original {item.original_language}".rstrip(),
                item.original_answer,
                ORIGINAL_FENCE,
                "",
            ]
    return "\n".join(parts).rstrip() + "\n"
