"""What every importer reads a file into, and what the writer saves.

An `InterviewRecord` is one interview as a file describes it, with names
(not database rows) for its artists, contributors and tags, and the line
each field came from so that a problem can be reported as `file:line`.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


class ImportProblem(Exception):
    """Bad input: reported as `file:line: what is wrong`, and nothing saved."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


# No text field can hold a NUL: PostgreSQL refuses one in any text (a file
# holding one was a 500), and SQLite would keep an invisible character.
NUL = "\x00"
NUL_PROBLEM = "a NUL character (\\0), which no text can hold; remove it"


@dataclass
class OriginalWords:
    """An answer's original words as a file gives them, with the line that
    opens them; `language` is empty when the file leaves it to the
    interview's language of conversation."""

    text: str
    language: str = ""
    line: int = 0


@dataclass
class InterviewRecord:
    path: Path
    title: str
    slug: str
    standfirst: str = ""
    body: str = ""
    closing: str = ""
    artists: list[str] = field(default_factory=list)
    # Artists the text names but does not feature.
    mentions: list[str] = field(default_factory=list)
    # The slugs of the releases it is about.
    releases: list[str] = field(default_factory=list)
    # (role, contributor name), in credit order.
    credits: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    conducted_in: str = ""
    published_in: str = "en"
    status: str = "draft"
    publish_at: datetime | None = None
    is_featured: bool = False
    # (number, question, answer), in reading order.
    qa_items: list[tuple[int, str, str]] = field(default_factory=list)
    # The original words of answers, by their item's number.
    original_words: dict[int, OriginalWords] = field(default_factory=dict)
    source_id: str = ""
    # (time, note) of each correction, or None when the format does not
    # carry corrections (raw text): then those of the interview are kept.
    corrections: list[tuple[datetime, str]] | None = None
    # The slug of the original this is a language version of.
    version_of: str = ""
    # Artists named by the file must already exist (raw text) or may be
    # created (Markdown, where the writer names them on purpose).
    create_missing_artists: bool = True
    # Markdown and fixtures name their interview by slug; raw text only by
    # its source, so that it can never overwrite a piece it merely resembles.
    match_slug: bool = True
    # The line of each field in its file, for messages.
    lines: dict[str, int] = field(default_factory=dict)
    # What the importer found, and what it could not place (raw text).
    found: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)

    def line_of(self, name):
        return self.lines.get(name, 1)

    def problem(self, name, message):
        return ImportProblem(self.path, self.line_of(name), message)
