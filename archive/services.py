"""Save interview records: find or create what they name, create or update
the interview, and count what happened.

Names resolve through folded keys: an artist by any of its names, a
contributor by its name with case and spacing folded, a tag
case-insensitively. An interview is matched on its source identifier when
the record has one, otherwise on its slug, so importing the same files
again updates in place and creates nothing new.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify

from artists.models import Artist, ArtistKind
from core.names import name_key
from interviews.choices import InterviewStatus, Language, Role
from interviews.models import (
    Correction,
    Credit,
    Interview,
    QAItem,
    original_words_problem,
)
from interviews.readiness import publication_problems
from interviews.signals import refresh_search_document
from interviews.tags import tag_problem
from interviews.visibility import refresh_interview
from people.models import Contributor
from releases.models import Release

from .records import ImportProblem

ACTIONS = ("created", "updated", "unchanged", "skipped")


@dataclass
class Summary:
    """What a run did (or, in a dry run, would do), per model."""

    counts: Counter = field(default_factory=Counter)
    events: list[str] = field(default_factory=list)

    def count(self, model, action, message=""):
        self.counts[model, action] += 1
        if message:
            self.events.append(message)

    def table(self):
        models = sorted({model for model, _ in self.counts})
        return [
            f"{model}: "
            + ", ".join(f"{self.counts[model, action]} {action}" for action in ACTIONS)
            for model in models
        ]


def unique_slug(model, name, fallback):
    base = slugify(name)[:180] or fallback
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def in_saving_order(records):
    """The records with the language versions after the rest, so that an
    original imported in the same run is saved before its versions name it."""
    return sorted(records, key=lambda record: bool(record.version_of))


def tag_name(name):
    """Tags are one tag whatever their case or spacing: "K-pop " is "K-pop"."""
    return " ".join(name.split())


class RecordWriter:
    """Saves records one by one into the database, inside the caller's
    transaction; remembers what it resolved so each name costs one query."""

    def __init__(self, summary):
        self.summary = summary
        self.artists = {}
        self.contributors = {}

    def check_slugs(self, records):
        """Refuse two files that claim one slug or one source."""
        for field_name in ("slug", "source_id"):
            seen = {}
            for record in records:
                value = getattr(record, field_name)
                if field_name == "slug" and not record.match_slug:
                    continue
                other = seen.setdefault(value, record) if value else record
                if other is not record:
                    raise record.problem(
                        field_name if field_name == "slug" else "title",
                        f"“{value}” is also claimed by {other.path}",
                    )

    def validate(self, record):
        if not record.title.strip():
            raise record.problem("title", "the title is empty")
        try:
            validate_slug(record.slug)
        except ValidationError:
            raise record.problem(
                "slug", f"“{record.slug}” is not a slug (letters, digits, hyphens)"
            ) from None
        if record.status not in InterviewStatus.values:
            raise record.problem(
                "status",
                f"no status “{record.status}”; use one of "
                + ", ".join(InterviewStatus.values),
            )
        for name in ("conducted_in", "published_in"):
            value = getattr(record, name)
            if value and value not in Language.values:
                raise record.problem(
                    name,
                    f"no language “{value}”; use one of {', '.join(Language.values)}",
                )
        for role, _ in record.credits:
            if role not in Role.values:
                raise record.problem(
                    "credits",
                    f"no credit role “{role}”; use one of {', '.join(Role.values)}",
                )
        for tag in record.tags:
            problem = tag.strip() and tag_problem(tag_name(tag))
            if problem:
                raise record.problem("tags", problem)
        for words in record.original_words.values():
            if words.language and words.language not in Language.values:
                raise ImportProblem(
                    record.path,
                    words.line,
                    f"no language “{words.language}”; "
                    f"use one of {', '.join(Language.values)}",
                )
            problem = original_words_problem(
                has_words=True,
                language=words.language or record.conducted_in,
                published_in=record.published_in or Language.ENGLISH,
            )
            if problem:
                raise ImportProblem(record.path, words.line, str(problem))

    @staticmethod
    def qa_rows(record):
        """(number, question, answer, original words, their language) of
        each Q&A item; original words without a language of their own are
        in the one the interview was conducted in."""
        rows = []
        for number, question, answer in record.qa_items:
            words = record.original_words.get(number)
            original = (
                (words.text, words.language or record.conducted_in)
                if words
                else ("", "")
            )
            rows.append((number, question, answer, *original))
        return rows

    def artist(self, record, name):
        key = name_key(name)
        if not key:
            raise record.problem("artists", f"“{name}” is not a name")
        if key not in self.artists:
            artist = Artist.objects.known_as(key).first()
            if artist is None and record.create_missing_artists:
                artist = Artist.objects.create(
                    name=name,
                    slug=unique_slug(Artist, name, "artist"),
                    kind=ArtistKind.SOLOIST,
                )
                self.summary.count("artist", "created", f"created artist {name}")
            self.artists[key] = artist
        return self.artists[key]

    def releases(self, record):
        """The releases the record names by slug: each must exist."""
        found = {r.slug: r for r in Release.objects.filter(slug__in=record.releases)}
        for slug in record.releases:
            if slug not in found:
                raise record.problem(
                    "releases", f"no release “{slug}”: name a release by its slug"
                )
        return [found[slug] for slug in dict.fromkeys(record.releases)]

    def contributor(self, record, name):
        key = name_key(name)
        if not key:
            raise record.problem("credits", f"“{name}” is not a name")
        if key not in self.contributors:
            contributor = Contributor.objects.filter(name_key=key).first()
            if contributor is None:
                contributor = Contributor.objects.create(
                    name=name, slug=unique_slug(Contributor, name, "contributor")
                )
                self.summary.count(
                    "contributor", "created", f"created contributor {name}"
                )
            self.contributors[key] = contributor
        return self.contributors[key]

    def original(self, record):
        """The interview the record is a language version of, by slug: it
        must exist already, or come earlier in the run (see `in_saving_order`)."""
        if not record.version_of:
            return None
        if record.version_of == record.slug:
            raise record.problem(
                "version_of", "an interview cannot be a version of itself"
            )
        original = Interview.objects.filter(slug=record.version_of).first()
        if original is None:
            raise record.problem(
                "version_of",
                f"no interview “{record.version_of}”: name the original by its slug",
            )
        return original

    def find(self, record):
        if record.source_id:
            found = Interview.objects.filter(source_id=record.source_id).first()
            if found:
                return found
        if not record.match_slug:
            return None
        return Interview.objects.filter(slug=record.slug).first()

    def save(self, record):
        self.validate(record)
        artists = [a for a in (self.artist(record, n) for n in record.artists) if a]
        mentioned = [a for a in (self.artist(record, n) for n in record.mentions) if a]
        releases = self.releases(record)
        both = [artist for artist in mentioned if artist in artists]
        if both:
            raise record.problem(
                "mentions",
                f"{', '.join(map(str, both))} cannot be featured and mentioned: "
                "mentions are the artists the interview names but is not about",
            )
        credits = [
            (role, self.contributor(record, name).pk) for role, name in record.credits
        ]
        tags = list(dict.fromkeys(tag_name(t) for t in record.tags if t.strip()))
        qa_rows = self.qa_rows(record)
        original = self.original(record)
        interview = self.find(record)
        publish_at = record.publish_at
        if record.status == InterviewStatus.PUBLISHED:
            publish_at = (interview or Interview()).publication_time(publish_at)
        if (
            interview is not None
            and not record.match_slug
            and interview.status != InterviewStatus.DRAFT
        ):
            # An editor has taken the imported draft further: a re-run of the
            # raw page must not undo their work.
            self.summary.count(
                "interview",
                "skipped",
                f"skipped {record.path.name}: “{interview}” is no longer a draft",
            )
            return interview
        if interview is None and not record.match_slug:
            record.slug = unique_slug(Interview, record.slug, "interview")
        elif interview is not None and not record.match_slug:
            record.slug = interview.slug
        wanted = {
            "title": record.title,
            "slug": record.slug,
            "standfirst": record.standfirst,
            "body": record.body,
            "closing": record.closing,
            "conducted_in": record.conducted_in,
            "published_in": record.published_in or Language.ENGLISH,
            "status": record.status,
            "publish_at": publish_at,
            "is_featured": record.is_featured,
            "source_id": record.source_id or (interview.source_id if interview else ""),
            "version_of": original,
        }
        if interview is None:
            interview = Interview(**wanted)
            action = "created"
        elif self.snapshot(interview, record) == self.wanted_snapshot(
            wanted, artists, mentioned, releases, credits, tags, qa_rows, record
        ):
            self.summary.count("interview", "unchanged")
            return interview
        else:
            for name, value in wanted.items():
                setattr(interview, name, value)
            action = "updated"
        clash = Interview.objects.filter(slug=record.slug).exclude(pk=interview.pk)
        if clash.exists():
            raise record.problem(
                "slug", f"the slug “{record.slug}” belongs to another interview"
            )
        for name, messages in interview.version_problems().items():
            raise record.problem(name, " ".join(map(str, messages)))
        interview.save()
        interview.featured_artists.set(artists)
        interview.mentioned_artists.set(mentioned)
        interview.releases.set(releases)
        interview.tags.set(tags)
        interview.credits.all().delete()
        Credit.objects.bulk_create(
            Credit(interview=interview, contributor_id=pk, role=role, position=n)
            for n, (role, pk) in enumerate(credits)
        )
        interview.qa_items.all().delete()
        qa_items = [
            QAItem(
                interview=interview,
                position=n,
                question=q,
                answer=a,
                original_answer=original,
                original_language=language,
            )
            for n, q, a, original, language in qa_rows
        ]
        for item in qa_items:
            item.render_text()  # bulk_create sends no pre_save
        QAItem.objects.bulk_create(qa_items)
        if record.corrections is not None:
            self.save_corrections(interview, record)
        # Bulk writes send no signals: refresh the search text and what the
        # interview makes public once here.
        refresh_search_document(interview.pk)
        refresh_interview(interview)
        if record.status == InterviewStatus.PUBLISHED:
            problems = publication_problems(interview)
            if problems:
                raise record.problem(
                    "status", "cannot be published: " + " ".join(map(str, problems))
                )
        self.summary.count("interview", action, f"{action} interview {record.slug}")
        return interview

    def save_corrections(self, interview, record):
        """The corrections the file lists, matched by their time: a note
        changed is updated, one no longer listed removed (saved one by one,
        so that the page cache hears of each)."""
        kept = {c.made_at: c for c in interview.corrections.all()}
        listed = dict(record.corrections)
        for made_at, correction in kept.items():
            if made_at not in listed:
                correction.delete()
        for made_at, note in listed.items():
            correction = kept.get(made_at)
            if correction is None:
                Correction.objects.create(
                    interview=interview, made_at=made_at, note=note
                )
                self.summary.count("correction", "created")
            elif correction.note != note:
                correction.note = note
                correction.save(update_fields=["note"])
                self.summary.count("correction", "updated")

    @staticmethod
    def snapshot(interview, record):
        fields = {
            name: getattr(interview, name)
            for name in (
                "title",
                "slug",
                "standfirst",
                "body",
                "closing",
                "conducted_in",
                "published_in",
                "status",
                "publish_at",
                "is_featured",
                "source_id",
                "version_of",
            )
        }
        return (
            fields,
            sorted(interview.featured_artists.values_list("pk", flat=True)),
            sorted(interview.mentioned_artists.values_list("pk", flat=True)),
            sorted(interview.releases.values_list("pk", flat=True)),
            list(interview.credits.values_list("role", "contributor_id")),
            sorted(name.casefold() for name in interview.tags.names()),
            list(
                interview.qa_items.values_list(
                    "position",
                    "question",
                    "answer",
                    "original_answer",
                    "original_language",
                )
            ),
            None
            if record.corrections is None
            else sorted(interview.corrections.values_list("made_at", "note")),
        )

    @staticmethod
    def wanted_snapshot(
        wanted, artists, mentioned, releases, credits, tags, qa_rows, record
    ):
        return (
            wanted,
            sorted(artist.pk for artist in artists),
            sorted(artist.pk for artist in mentioned),
            sorted(release.pk for release in releases),
            [(role, pk) for role, pk in credits],
            sorted(tag.casefold() for tag in tags),
            [tuple(row) for row in qa_rows],
            None if record.corrections is None else sorted(record.corrections),
        )
