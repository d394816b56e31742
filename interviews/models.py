from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from artists.models import Artist, Membership
from core.db import ClockTime, JSONList, pk_in_any
from core.fields import RenderedHTMLField
from core.models import EditVersioned, SlugManager
from core.names import name_key
from people.models import Contributor
from releases.models import Release

from .bylines import Byline
from .choices import LANGUAGE_AUTONYMS, InterviewStatus, Language, Role, language_tag
from .rendering import render_markdown
from .search import SearchResults, search_terms, text_condition


def parse_stored_datetime(value):
    """A time as a database writes it into JSON: "2022-04-03 01:00:00" in
    UTC on SQLite, with its offset on PostgreSQL."""
    parsed = parse_datetime(value)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


# Related pieces: the article's first tags, and for each the pieces it was
# most recently put on.
RELATED_TAGS = 8
RELATED_PER_TAG = 20

# Words read in a minute, on a screen: a common figure for English prose,
# and near enough for Korean counted in its spaced words.
WORDS_PER_MINUTE = 220


# What cards and lists leave out of each row: long, and shown only on the
# article.
LONG_TEXTS = (
    "body",
    "body_html",
    "closing",
    "closing_html",
    "search_document",
    "search_vector",
)


def live_condition(prefix="", *, upcoming=False):
    """What readers may see, as a condition on interviews reached through
    `prefix` (say "interview__" from a credit): published, and its
    publication time has come.

    This is the only definition of "live": `live()` and every query that
    joins interviews from elsewhere (what makes an artist public, say) ask
    it. A scheduled interview (published with a future `publish_at`) goes
    live by itself, with no job run, the moment it is due. With `upcoming`,
    scheduled interviews count too.
    """
    condition = Q(**{f"{prefix}status": InterviewStatus.PUBLISHED})
    if not upcoming:
        condition &= Q(**{f"{prefix}publish_at__lte": ClockTime()})
    return condition


def piece_condition(piece, *, using=DEFAULT_DB_ALIAS):
    """The interviews of one piece, as a condition: its original (whose id
    `piece` is, or an expression of it) and the original's versions.

    Their keys are found first, from the primary key and the `version_of`
    index alone, and only those rows are read: asked as one condition beside
    `live()`'s, SQLite (which keeps no statistics) would walk every
    published interview to test each, for each row of a sitemap page. Each
    database is asked in the shape it answers from its indexes: PostgreSQL
    combines both indexes for `pk = piece OR version_of = piece` in one
    subquery (a BitmapOr), where SQLite walks the whole `version_of` index
    (4 ms an article at 10,000 interviews, ten times that at 100,000); SQLite
    looks up two lists each by its index (a MULTI-INDEX OR), where
    PostgreSQL hashes every interview to test them."""
    if connections[using].vendor == "sqlite":
        original = Interview.objects.filter(pk=piece).values("pk")
        versions = Interview.objects.filter(version_of=piece).values("pk")
        return Q(pk__in=original) | Q(pk__in=versions)
    members = Interview.objects.filter(Q(pk=piece) | Q(version_of=piece))
    return Q(pk__in=members.values("pk"))


@dataclass(frozen=True)
class LanguageVersion:
    """One live version of a piece, as the switcher, the `hreflang`
    alternates and the sitemap name it."""

    slug: str
    language: str
    is_original: bool = False
    is_current: bool = False

    @property
    def url(self):
        return reverse("interviews:detail", kwargs={"slug": self.slug})

    @property
    def autonym(self):
        """The language in its own words: a reader looks for "한국어", not
        "Korean"."""
        return LANGUAGE_AUTONYMS.get(self.language, self.language)

    @classmethod
    def from_rows(cls, rows, *, current):
        """The versions `with_versions()` found (rows of slug, language and
        version_of), the original first, then in the order of the site's
        languages; the one whose slug is `current` marked so."""
        order = Language.values
        versions = [
            cls(
                slug=row["slug"],
                language=row["language"],
                is_original=row["version_of"] is None,
                is_current=row["slug"] == current,
            )
            for row in rows
        ]
        return sorted(
            versions,
            key=lambda version: (
                not version.is_original,
                order.index(version.language)
                if version.language in order
                else len(order),
            ),
        )

    @staticmethod
    def alternates(versions):
        """The `hreflang` alternates of a page: every live version, its own
        included, when it is live and has another; none otherwise (a page
        alone in its language declares nothing)."""
        if len(versions) < 2 or not any(v.is_current for v in versions):
            return []
        return versions

    @property
    def is_default(self):
        """The `x-default` alternate: the English version, since the site
        around every article (navigation, bylines) is in English, so a reader
        whose language has no version reads on best in English."""
        return self.language == Language.ENGLISH


class InterviewQuerySet(models.QuerySet):
    def live(self):
        """What readers may see (see `live_condition`): every public page,
        feed, list and count asks for it."""
        return self.filter(live_condition())

    def published(self):
        """Live and scheduled: what goes or went public with no editor's
        further act."""
        return self.filter(live_condition(upcoming=True))

    def scheduled(self):
        # The same clock as live()'s, so that no piece is neither.
        return self.published().filter(publish_at__gt=ClockTime())

    def credited_to(self, contributor, *, role=None):
        """Interviews that credit `contributor` (in `role`, if given): in
        their credits, or, for photo credits, on the lead photo or a gallery
        photo they show. Found from the contributor's own rows, so a
        photographer credited twice in ten years costs what a staff writer
        does."""
        credits = Credit.objects.filter(contributor=contributor)
        if role is not None:
            credits = credits.filter(role=role)
        candidates = [credits.values("interview")]
        if role in (None, Role.PHOTO_CREDIT):
            photos = contributor.photos.values("pk")
            candidates.append(
                Interview.objects.filter(lead_photo__in=photos).values("pk")
            )
            candidates.append(
                GalleryPhoto.objects.filter(photo__in=photos).values("interview")
            )
        return self.filter(pk_in_any(candidates, using=self.db))

    def search(self, text, *, artist_ids=()):
        """These interviews matching `text` in their title, standfirst, body,
        Q&A items or closing lines, best first, as `SearchResults` (a
        sequence to page, with an estimated `total`); those featuring one of
        `artist_ids` (the artists a search found by name) come first. Each
        database answers from its own full-text index, at a cost that does
        not grow with the archive (see `interviews.search`)."""
        return SearchResults(self, text, artist_ids=artist_ids)

    def matching(self, text, *, newest):
        """The `newest` of these interviews holding every word of `text`,
        and the `newest` featuring an artist it names in any spelling
        (`Artist.objects.matching`): what the editors' list finds, in
        whatever order it sorts. Read from the same indexes as `search`, and
        with no join to repeat an interview. Capped, since counting and
        sorting every interview a common word is in would read the whole
        archive's text."""
        found = []
        if terms := search_terms(text):
            found.append(self.filter(text_condition(self, terms, newest=newest)))
        if name_key(text):
            features = Interview.featured_artists.through.objects.filter(
                artist__in=Artist.objects.matching(text)
            )
            found.append(self.filter(pk__in=features.values("interview")))
        if not found:
            return self.none()
        ids = [each.order_by("-pk").values("pk")[:newest] for each in found]
        return self.filter(pk_in_any(ids, using=self.db))

    def with_cards(self):
        """What an interview card shows, in one query: the interview without
        its long texts, its lead photo, and its artists' names (read them
        with `Interview.artist_list`)."""
        names = (
            Interview.featured_artists.through.objects.filter(interview=OuterRef("pk"))
            .values("interview")
            .annotate(
                rows=JSONList(
                    JSONObject(id="artist_id", name="artist__name", slug="artist__slug")
                )
            )
            .values("rows")
        )
        return (
            self.defer(*LONG_TEXTS)
            .select_related("lead_photo")
            .annotate(artist_rows=Subquery(names))
        )

    def with_article(self):
        """Everything the article page shows, in one query per relation (the
        tags, corrections, live language versions, mentions and releases
        come with the interview itself)."""
        return (
            self.with_tag_list()
            .with_corrections()
            .with_versions()
            .with_mentions_and_releases()
            # The page shows the stored HTML; the Markdown source and the
            # search index's vector are only bytes to fetch and parse.
            .defer("body", "search_vector")
            .select_related("lead_photo__credit")
            .prefetch_related(
                Prefetch(
                    "featured_artists",
                    Artist.objects.prefetch_related(
                        Prefetch(
                            "memberships",
                            Membership.objects.public().select_related("group"),
                        )
                    ),
                ),
                Prefetch("credits", Credit.objects.select_related("contributor")),
                "qa_items",
                Prefetch(
                    "gallery", GalleryPhoto.objects.select_related("photo__credit")
                ),
            )
        )

    def with_mentions_and_releases(self):
        """The artists each interview mentions and the releases it is about,
        those readers may see (a mention never makes an artist public),
        folded into the interview's own query as `mention_rows` and
        `release_rows`: two queries fewer for the article, each of which
        cost Django more to build and prefetch than the database to answer.
        Read them with `Interview.public_mentions` and `public_releases`."""

        def public_rows(relation, public, **fields):
            through = relation.through
            target = relation.field.m2m_reverse_field_name()
            return Subquery(
                through.objects.filter(
                    Exists(public.filter(pk=OuterRef(target))),
                    interview=OuterRef("pk"),
                )
                .values("interview")
                .annotate(rows=JSONList(JSONObject(**fields)))
                .values("rows")
            )

        return self.annotate(
            mention_rows=public_rows(
                Interview.mentioned_artists,
                Artist.objects.public(),
                id="artist_id",
                name="artist__name",
                slug="artist__slug",
                kind="artist__kind",
                hangul_name="artist__hangul_name",
            ),
            release_rows=public_rows(
                Interview.releases,
                Release.objects.public(),
                id="release_id",
                title="release__title",
                slug="release__slug",
                released_at="release__released_at",
            ),
        )

    def with_corrections(self):
        """Each interview's corrections as `correction_rows`, folded into the
        interview's own query (as `with_tag_list` does its tags): read them
        with `Interview.correction_list`."""
        rows = (
            Correction.objects.filter(interview=OuterRef("pk"))
            .order_by()
            .values("interview")
            .annotate(
                rows=JSONList(JSONObject(id="id", note="note", made_at="made_at"))
            )
            .values("rows")
        )
        return self.annotate(correction_rows=Subquery(rows))

    def language_versions(self, interview):
        """The other versions of `interview`'s piece among these: its
        original and the original's other versions. Readers see
        `Interview.objects.live().language_versions(interview)`."""
        piece = interview.version_of_id or interview.pk
        condition = piece_condition(piece, using=self.db)
        return self.filter(condition).exclude(pk=interview.pk)

    def with_versions(self):
        """The live versions of each interview's piece (itself included when
        live) as `version_rows`, folded into the interview's own query: the
        article's language switcher and `hreflang` alternates, and the
        sitemap's, cost no query of their own. Read them with
        `Interview.live_versions`."""
        # The page's interview, seen from within `piece_condition`'s own
        # subquery: two levels out.
        piece = Coalesce(OuterRef(OuterRef("version_of")), OuterRef(OuterRef("pk")))
        rows = (
            Interview.objects.live()
            .filter(piece_condition(piece, using=self.db))
            # Every row found is of one piece: one group, one array.
            .annotate(piece=Coalesce("version_of", "pk"))
            .values("piece")
            .annotate(
                rows=JSONList(
                    JSONObject(
                        slug="slug",
                        language="published_in",
                        version_of="version_of",
                    )
                )
            )
            .values("rows")
        )
        return self.annotate(version_rows=Subquery(rows))

    def with_tag_list(self):
        """Each interview's tags as `tag_rows`, folded into the interview's
        own query: the article page shows a lead photo, a gallery and its
        tags within its query budget. Read them with `Interview.tag_list`."""
        rows = (
            TaggedInterview.objects.filter(content_object=OuterRef("pk"))
            .values("content_object")
            .annotate(
                rows=JSONList(
                    JSONObject(id="tag_id", name="tag__name", slug="tag__slug")
                )
            )
            .values("rows")
        )
        return self.annotate(tag_rows=Subquery(rows))

    def featuring(self, artist, lineup=()):
        """Interviews featuring `artist` and, for a group, those featuring a
        member of `lineup` (its memberships readers may see) published once
        the member had joined: a former member's later interviews interest
        the group's readers, a trainee's earlier ones do not."""
        # One list of ids, from the featured artists' rows. A list for each
        # name, OR-ed, was one PostgreSQL could not reckon: it took them for
        # most of the archive, and walked it newest first to fill a group's
        # page (20 to 28 ms of the page's 55 to 65 for a group of six at
        # 100,000 interviews; 2 to 6 now). An artist on 20,000 pieces is
        # read as fast either way.
        featured = Q(artist=artist)
        for membership in lineup:
            of_member = Q(artist=membership.member_id)
            if membership.start_date:
                joined = datetime.combine(membership.start_date, time.min)
                of_member &= Q(interview__publish_at__gte=timezone.make_aware(joined))
            featured |= of_member
        features = Interview.featured_artists.through.objects
        return self.filter(pk__in=features.filter(featured).values("interview"))

    def related_to(self, interview, *, limit=4):
        """Live interviews of the same artists first, then those sharing a
        tag, newest first in each; expects the interview's artists and tags
        prefetched.

        One query, of small candidate lists, each read from an index and
        stopped early whatever the archive's size: an artist's interviews
        (few), and for each tag the pieces it was most recently put on. (A
        common tag is on thousands of interviews, a rare one on a handful:
        walking the archive for either, or ranking every piece by what it
        shares, would read all of it.)"""
        artist_ids = [artist.pk for artist in interview.featured_artists.all()]
        tag_ids = [tag.pk for tag in interview.tag_list][:RELATED_TAGS]
        candidates = [
            Interview.featured_artists.through.objects.filter(
                artist__in=artist_ids
            ).values("interview")
        ] + [
            TaggedInterview.objects.filter(tag=tag_id)
            .order_by("-pk")
            .values("content_object")[:RELATED_PER_TAG]
            for tag_id in tag_ids
        ]
        condition = pk_in_any(candidates, using=self.db)
        features_artist = Exists(
            Interview.featured_artists.through.objects.filter(
                interview=OuterRef("pk"), artist__in=artist_ids
            )
        )
        return (
            self.live()
            .exclude(pk=interview.pk)
            .filter(condition)
            .annotate(same_artist=features_artist)
            .order_by("-same_artist", "-publish_at")[:limit]
        )


def public_tags():
    """The tags readers may see: those a live interview carries. This is the
    one definition, asked by tag pages, tag feeds and the sitemap; a tag only
    hidden interviews carry has no page (its name alone could give a draft
    away). Each tag is asked through its own rows, whatever the archive's
    size."""
    return Tag.objects.filter(
        Exists(
            TaggedInterview.objects.filter(
                live_condition("content_object__"), tag=OuterRef("pk")
            )
        )
    )


class InterviewManager(SlugManager.from_queryset(InterviewQuerySet)):
    pass


class Interview(EditVersioned):
    """An interview with one or more artists, as prose, Q&A items, or both.

    It counts its saves (`edit_version`), so that an editor's form made
    before another's save is refused rather than written back over it
    (core.conflicts)."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        help_text=_("The article's address: /interviews/this-slug/."),
    )
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("The dek under the headline.")
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("Markdown. Shown before any Q&A items.")
    )
    closing = models.TextField(
        _("closing lines"),
        blank=True,
        help_text=_("Markdown shown after the Q&A items, such as a thank-you."),
    )
    # The body and closing lines as pages show them, rendered once on save.
    body_html = RenderedHTMLField()
    closing_html = RenderedHTMLField()
    featured_artists = models.ManyToManyField(
        Artist,
        verbose_name=_("featured artists"),
        related_name="interviews",
        blank=True,
    )
    mentioned_artists = models.ManyToManyField(
        Artist,
        verbose_name=_("mentioned artists"),
        related_name="mentioned_in",
        blank=True,
        help_text=_(
            "Artists the text names but the interview is not about, such as "
            "the groups a soloist came from. Only artists readers may see "
            "are shown; a mention never makes an artist public."
        ),
    )
    releases = models.ManyToManyField(
        Release,
        verbose_name=_("about the releases"),
        related_name="interviews",
        blank=True,
        help_text=_(
            "The single, EP or album the interview is about. A live interview "
            "makes its releases public, as it does its artists."
        ),
    )
    tags = TaggableManager(
        verbose_name=_("tags"), through="TaggedInterview", blank=True
    )
    lead_photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("lead photo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_of",
        help_text=_("Shown above the text and when the interview is shared."),
    )
    conducted_in = models.CharField(
        _("conducted in"),
        max_length=10,
        choices=Language.choices,
        blank=True,
        help_text=_("The language the conversation took place in, if known."),
    )
    published_in = models.CharField(
        _("published in"),
        max_length=10,
        choices=Language.choices,
        default=Language.ENGLISH,
    )
    version_of = models.ForeignKey(
        "self",
        verbose_name=_("version of"),
        # An original is not deleted from under its versions: delete them
        # with it, or unlink them first.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        # Indexed for its few rows that are set (Meta.indexes).
        db_index=False,
        related_name="language_versions",
        help_text=_(
            "The original this interview is a version of, in another language "
            "(an English translation of a Korean original, say). Leave empty "
            "on the original itself."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterviewStatus.choices,
        default=InterviewStatus.DRAFT,
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Korean time (KST). A published interview with a future time is "
            "scheduled and goes live by itself at that moment."
        ),
    )
    source_id = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Where an imported interview came from; re-imports match it."),
    )
    search_document = models.TextField(
        editable=False,
        blank=True,
        help_text=_("Body, Q&A items and closing lines, for the search index."),
    )
    # PostgreSQL's index of the title, standfirst and search document, kept
    # by interviews.signals (SQLite keeps an FTS table instead: see
    # interviews.search).
    search_vector = SearchVectorField(null=True, editable=False)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Highlighted on the home page.")
    )
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Readers may comment. Approved comments stay visible once closed."),
    )
    # An editor sending a piece back from review says why; the writer sees
    # it on the form and on their desk until they send it to review again.
    editor_note = models.TextField(
        _("note to the writer"),
        blank=True,
        help_text=_("Editors: what to change before it comes back to review."),
    )
    sent_back_at = models.DateTimeField(_("sent back"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = InterviewManager()

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        indexes = [
            # Lists of live interviews, newest first, at any depth: the
            # filter and the order are read from this index alone.
            models.Index(
                fields=["-publish_at", "-created_at", "status", "id"],
                name="interview_publication_order",
            ),
            # The same lists in one language (`?lang=ja`, /feeds/ja/rss/),
            # read in order from the language's own rows. From the index
            # above, a language few pieces are in was found by walking every
            # interview: 1.2 s at 100,000 for a feed of a language with none.
            models.Index(
                fields=["published_in", "-publish_at", "-created_at", "status", "id"],
                name="interview_language_order",
            ),
            # The last change to a published interview, for the sitemap.
            models.Index(
                fields=["status", "-updated_at"], name="interview_last_change"
            ),
            # Whether the interview a credit, a tag or an artist's row points
            # to is live, and where it falls in the site's order, read
            # without the row: SQLite keeps a row's long texts before its
            # status, and would read them all to get there. A topic, an
            # artist or a contributor sorts its live interviews from here.
            models.Index(
                fields=["id", "status", "publish_at", "created_at"],
                name="interview_liveness_order",
            ),
            # An original's versions: a few rows where most are originals.
            # An index of every row would be mostly empty keys, and SQLite,
            # reading its statistics, would judge it useless and walk the
            # whole table in the list's order instead: 0.5 to 9 s for the
            # admin to ask, before an interview is deleted, whether it has
            # versions, at 100,000 interviews of which none had one.
            models.Index(
                fields=["version_of"],
                condition=Q(version_of__isnull=False),
                name="interview_versions",
            ),
        ]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        permissions = [
            (
                "publish_interview",
                _("Can publish, schedule, unpublish and archive interviews"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_id"],
                condition=~Q(source_id=""),
                name="interview_source_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status=InterviewStatus.PUBLISHED)
                | Q(publish_at__isnull=False),
                name="published_interview_has_time",
                violation_error_message=_(
                    "A published interview needs a publication time."
                ),
            ),
            # Language versions (see `clean` for what the database cannot
            # say: no chains, and not in the original's language).
            models.CheckConstraint(
                condition=~Q(version_of=F("pk")),
                name="interview_not_own_version",
                violation_error_message=_(
                    "An interview cannot be a version of itself."
                ),
            ),
            models.UniqueConstraint(
                fields=["version_of", "published_in"],
                name="interview_one_version_per_language",
                violation_error_message=_(
                    "The original already has a version in this language."
                ),
            ),
            # Its `lang` and `hreflang` on pages: a code the site knows.
            models.CheckConstraint(
                condition=Q(published_in__in=Language.values),
                name="interview_published_in_known_language",
                violation_error_message=_("The site does not know this language."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = self.version_problems()
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("interviews:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def version_problems(self):
        """What is wrong with this interview's place in its piece, by field:
        {field: [message]}, empty when nothing is. Asked by `clean` (the
        admin, fixtures) and by the Markdown importer. A piece is one
        original and its versions, one per language: a version is never the
        original of another, nor in its original's language."""
        errors = {}
        original = self.version_of if self.version_of_id else None
        others = Interview.objects.filter(version_of=self.pk) if self.pk else None
        if original is not None:
            if original.pk == self.pk:
                errors["version_of"] = [
                    _("An interview cannot be a version of itself.")
                ]
            elif original.version_of_id is not None:
                errors["version_of"] = [
                    _(
                        "“%(original)s” is itself a version of another "
                        "interview: link this one to that original instead."
                    )
                    % {"original": original}
                ]
            elif others is not None and others.exists():
                errors["version_of"] = [
                    _(
                        "This interview is the original of other versions, so "
                        "it cannot be a version itself: a piece has one "
                        "original."
                    )
                ]
            elif original.published_in == self.published_in:
                errors["published_in"] = [
                    _(
                        "The original is in %(language)s too: a version is "
                        "in another language."
                    )
                    % {"language": self.get_published_in_display()}
                ]
            else:
                sibling = (
                    Interview.objects.filter(
                        version_of=original, published_in=self.published_in
                    )
                    .exclude(pk=self.pk)
                    .first()
                )
                if sibling is not None:
                    errors["published_in"] = [
                        _(
                            "“%(original)s” already has a version in "
                            "%(language)s: “%(sibling)s”."
                        )
                        % {
                            "original": original,
                            "language": self.get_published_in_display(),
                            "sibling": sibling,
                        }
                    ]
        elif others is not None and self.published_in:
            same = others.filter(published_in=self.published_in).first()
            if same is not None:
                errors["published_in"] = [
                    _(
                        "“%(version)s” is this interview's version in "
                        "%(language)s: the original is in another language."
                    )
                    % {"version": same, "language": self.get_published_in_display()}
                ]
        return errors

    @cached_property
    def live_versions(self):
        """The live versions of this interview's piece, itself included when
        it is live, as `LanguageVersion`s: the original first, then by
        language. From `with_versions()` when the queryset made that
        annotation (no query), otherwise from the database."""
        if hasattr(self, "version_rows"):
            rows = self.version_rows or []  # NULL when none is live
        else:
            piece = self.version_of_id or self.pk
            rows = Interview.objects.live().filter(
                piece_condition(piece, using=self._state.db or DEFAULT_DB_ALIAS)
            )
            rows = rows.values("slug", "version_of", language=F("published_in"))
        return LanguageVersion.from_rows(rows, current=self.slug)

    @property
    def other_versions(self):
        """The live versions a reader of this one may switch to."""
        return [version for version in self.live_versions if not version.is_current]

    @property
    def alternates(self):
        """The `hreflang` alternates of this page (see
        `LanguageVersion.alternates`)."""
        return LanguageVersion.alternates(self.live_versions)

    @property
    def is_live(self):
        return (
            self.status == InterviewStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def publication_time(self, at=None):
        """When the interview goes live once it is published: at `at` if
        given (a future time schedules it), otherwise at the time it has if
        that has passed (republishing an archived piece keeps its date),
        otherwise now.

        The one place that says what "published" means for the time: the
        publishing services, the admin's form and the importer all ask it.
        """
        if at is not None:
            return at
        now = now_to_the_second()
        if self.publish_at is not None and self.publish_at <= now:
            return self.publish_at
        return now

    @property
    def is_scheduled(self):
        return (
            self.status == InterviewStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def build_search_document(self):
        parts = [self.body]
        for item in self.qa_items.all():
            # The original words too: a reader who searches in Hangul finds
            # the interview by what the artist said.
            parts += [item.question, item.answer, item.original_answer]
        parts.append(self.closing)
        return "\n\n".join(part for part in parts if part)

    @property
    def reading_minutes(self):
        """Minutes to read the piece, at least one: counted from the stored
        search text (body, Q&A items and closing lines, kept on every save)
        and the standfirst, without rendering anything."""
        words = len(self.search_document.split()) + len(self.standfirst.split())
        return max(1, round(words / WORDS_PER_MINUTE))

    @cached_property
    def tag_list(self):
        """The tags, by name: from `with_tag_list()` when the queryset made
        that annotation (no query), otherwise from the database."""
        if hasattr(self, "tag_rows"):
            rows = self.tag_rows or []  # NULL when the interview has no tags
            tags = [
                Tag(id=row["id"], name=row["name"], slug=row["slug"]) for row in rows
            ]
        else:
            tags = self.tags.all()
        return sorted(tags, key=lambda tag: tag.name.casefold())

    @cached_property
    def correction_list(self):
        """The corrections, newest first: from `with_corrections()` when the
        queryset made that annotation (no query), otherwise from the
        database."""
        if not hasattr(self, "correction_rows"):
            return list(self.corrections.all())
        corrections = [
            Correction(
                id=row["id"],
                interview=self,
                note=row["note"],
                made_at=parse_stored_datetime(row["made_at"]),
            )
            for row in self.correction_rows or []  # NULL when there are none
        ]
        return sorted(corrections, key=lambda c: (c.made_at, c.pk), reverse=True)

    @property
    def modified_at(self):
        """When readers last saw the piece change: its last save, its
        publication, or its latest correction, whichever is latest."""
        times = [self.updated_at, self.publish_at]
        times += [correction.made_at for correction in self.correction_list[:1]]
        return max(time for time in times if time is not None)

    def artists_in_context(self):
        """The featured artists, each with the groups they were in when this
        was published, and those they had left: [(artist, then, formerly)].
        "Kim Sejeong, formerly of I.O.I and gugudan" on a 2022 piece, "then a
        member of gugudan" on a 2018 one. Reads the memberships prefetched
        by `with_article()` (those readers may see)."""
        day = timezone.localdate(self.publish_at or timezone.now())
        found = []
        for artist in self.featured_artists.all():
            joined = [
                membership
                for membership in artist.memberships.all()
                if membership.start_date is None or membership.start_date <= day
            ]
            found.append(
                (
                    artist,
                    [m.group for m in joined if not m.has_ended(day)],
                    [m.group for m in joined if m.has_ended(day)],
                )
            )
        return found

    @cached_property
    def public_mentions(self):
        """The mentioned artists readers may see, by name: from
        `with_mentions_and_releases()` when the queryset made that
        annotation (no query), otherwise from the database."""
        if not hasattr(self, "mention_rows"):
            artists = self.mentioned_artists.public()
        else:
            artists = [
                Artist(
                    id=row["id"],
                    name=row["name"],
                    slug=row["slug"],
                    kind=row["kind"],
                    hangul_name=row["hangul_name"],
                )
                for row in self.mention_rows or []  # NULL when there are none
            ]
        # By name in code-point order (capitals first), as the page has
        # always listed them.
        return sorted(artists, key=lambda artist: artist.name)

    @cached_property
    def public_releases(self):
        """The releases the interview is about that readers may see, the
        earliest first: from `with_mentions_and_releases()` when the
        queryset made that annotation (no query), otherwise from the
        database."""
        if not hasattr(self, "release_rows"):
            return list(self.releases.public().order_by("released_at", "pk"))
        releases = [
            Release(
                id=row["id"],
                title=row["title"],
                slug=row["slug"],
                released_at=parse_stored_datetime(row["released_at"]),
            )
            for row in self.release_rows or []  # NULL when there are none
        ]
        return sorted(releases, key=lambda release: (release.released_at, release.pk))

    @cached_property
    def artist_list(self):
        """The featured artists, by name: from `with_cards()` when the
        queryset made that annotation (no query), otherwise from the
        database."""
        if hasattr(self, "artist_rows"):
            rows = self.artist_rows or []  # NULL when no artist is featured
            artists = [
                Artist(id=row["id"], name=row["name"], slug=row["slug"]) for row in rows
            ]
        else:
            artists = self.featured_artists.all()
        return sorted(artists, key=lambda artist: artist.name.casefold())

    def render_text(self):
        """Render the Markdown into the stored HTML (on every save, raw
        fixture saves included: see interviews.signals)."""
        self.body_html = render_markdown(self.body)
        self.closing_html = render_markdown(self.closing)

    @cached_property
    def byline(self):
        return Byline.from_credits(
            self.credits.all(),
            conducted_in=self.get_conducted_in_display() if self.conducted_in else "",
            published_in=self.get_published_in_display(),
        )


class TaggedInterviewManager(models.Manager):
    def get_by_natural_key(self, interview_slug, tag_name):
        return self.get(content_object__slug=interview_slug, tag__name=tag_name)


class TaggedInterview(TaggedItemBase):
    """An interview's tag, with a real foreign key so that fixtures and exports
    name the interview by its slug rather than by a database id."""

    content_object = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="tagged_items"
    )

    objects = TaggedInterviewManager()

    class Meta:
        verbose_name = _("tagged interview")
        verbose_name_plural = _("tagged interviews")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="tagged_interview_unique"
            ),
        ]
        indexes = [
            # A tag's newest interviews, read in order (`related_to`, a
            # topic's related topics), and all of them, counted and sorted
            # for the topic's page: read from the index alone.
            models.Index(
                fields=["tag", "-id", "content_object"],
                name="tagged_interview_newest_pieces",
            ),
        ]

    def natural_key(self):
        return self.content_object.natural_key() + (self.tag.name,)

    natural_key.dependencies = ["interviews.interview", "taggit.tag"]


def original_words_problem(*, has_words, language, published_in):
    """Original words are in a known language that is not the one the
    interview is published in: beside the translation, they are what the
    artist said in the language of the conversation."""
    if not has_words:
        return None
    if not language:
        return _(
            "Say which language the original words are in: the interview "
            "does not say what language it was conducted in."
        )
    if language not in Language.values:
        return _("The site does not know the language “%(language)s”.") % {
            "language": language
        }
    if language == published_in:
        return _(
            "The original words are in the language the interview is "
            "published in: they are the answer itself. Set the language they "
            "were said in."
        )
    return None


class QAItemManager(models.Manager):
    def get_by_natural_key(self, interview_slug, position):
        return self.get(interview__slug=interview_slug, position=position)


class QAItem(models.Model):
    """One question and its answer in a Q&A interview, in reading order."""

    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.CASCADE,
        related_name="qa_items",
    )
    position = models.PositiveSmallIntegerField(_("number"))
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), help_text=_("Markdown."))
    answer_html = RenderedHTMLField()
    # The artist's own words, as said in the language of the conversation,
    # beside the translation readers get in `answer`.
    original_answer = models.TextField(
        _("original words"),
        blank=True,
        help_text=_(
            "Markdown. The answer as the artist said it, in the language of "
            "the conversation; readers can open it under the translation."
        ),
    )
    original_answer_html = RenderedHTMLField()
    original_language = models.CharField(
        _("language of the original words"),
        max_length=10,
        choices=Language.choices,
        blank=True,
        help_text=_("Left empty, the language the interview was conducted in."),
    )

    objects = QAItemManager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Q&A item")
        verbose_name_plural = _("Q&A items")

    def __str__(self):
        return f"{self.position}. {self.question[:60]}"

    def natural_key(self):
        return self.interview.natural_key() + (self.position,)

    natural_key.dependencies = ["interviews.interview"]

    def clean(self):
        if self.interview_id is None and not QAItem.interview.is_cached(self):
            return  # the form's own error says the interview is missing
        self.settle_original_language()
        if self.original_language not in ("", *Language.values):
            return  # the choice field says so already
        problem = self.original_words_problem()
        if problem:
            raise ValidationError({"original_language": problem})

    def settle_original_language(self):
        """Give original words the interview's language of conversation when
        they name none, and words-less items no language: the stored row
        always says what language its words are in, whatever the interview
        says later."""
        if not self.original_answer.strip():
            self.original_language = ""
        elif not self.original_language:
            self.original_language = self.interview.conducted_in

    def original_words_problem(self):
        """Why the original words cannot stand as they are, or None (asked by
        the admin and the importers, after `settle_original_language`)."""
        return original_words_problem(
            has_words=bool(self.original_answer.strip()),
            language=self.original_language,
            published_in=self.interview.published_in,
        )

    def render_text(self):
        self.answer_html = render_markdown(self.answer)
        self.original_answer_html = render_markdown(self.original_answer)

    @property
    def original_language_tag(self):
        """The BCP 47 tag of the original words, for their `lang`."""
        return language_tag(self.original_language)


class GalleryPhoto(models.Model):
    """A photo in an interview's gallery, in reading order."""

    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.CASCADE,
        related_name="gallery",
    )
    photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        related_name="gallery_items",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery")
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "photo"],
                name="gallery_photo_once",
                violation_error_message=_("The photo is in the gallery already."),
            ),
        ]

    def __str__(self):
        return str(self.photo)


class CreditManager(models.Manager):
    def get_by_natural_key(self, interview_slug, contributor_slug, role):
        return self.get(
            interview__slug=interview_slug,
            contributor__slug=contributor_slug,
            role=role,
        )


class Credit(models.Model):
    """A contributor's role on one interview. One person may hold several."""

    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.CASCADE,
        related_name="credits",
    )
    contributor = models.ForeignKey(
        Contributor,
        verbose_name=_("contributor"),
        on_delete=models.PROTECT,
        related_name="credits",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CreditManager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "contributor", "role"],
                name="credit_unique_role",
                violation_error_message=_(
                    "This contributor already has this role on the interview."
                ),
            ),
        ]
        indexes = [
            # A contributor's credits by role, counted from the index alone
            # (the admin's list of contributors), and the pieces they are
            # on, found without reading the credits (a contributor's page,
            # feed and role pages: 14,000 rows for the busiest).
            models.Index(
                fields=["contributor", "role", "interview"],
                name="credit_contributor_pieces",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.contributor}"

    def natural_key(self):
        return (
            self.interview.natural_key() + self.contributor.natural_key() + (self.role,)
        )

    natural_key.dependencies = ["interviews.interview", "people.contributor"]


SHARE_LINK_DAYS = 7
SHARE_SALT = "interviews.share-link"


def now_to_the_second():
    """Now, to the second: pages give times in <time datetime>, where HTML
    allows at most three decimals of a second."""
    return timezone.now().replace(microsecond=0)


def default_share_expiry():
    return timezone.now() + timedelta(days=SHARE_LINK_DAYS)


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that open their preview now: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """A link to one interview's preview for someone without an account (an
    agency checking quotes, a translator): signed, so that no other address
    opens anything; expiring; and revoked at once when an editor says so."""

    # Editors' own rows: no public page shows them, so saving one leaves the
    # readers' pages as they are (magazine.pagecache).
    shown_to_readers = False

    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.CASCADE,
        related_name="share_links",
    )
    shared_with = models.CharField(
        _("shared with"),
        max_length=200,
        help_text=_("Who the link is for, e.g. “Jellyfish Entertainment, PR”."),
    )
    expires_at = models.DateTimeField(_("expires"), default=default_share_expiry)
    version = models.ForeignKey(
        "reversion.Version",
        verbose_name=_("as saved"),
        # The link shows that revision or nothing: never, once it is gone,
        # the interview as it is now.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Leave empty to show the interview as it is whenever the link is "
            "opened, or pick one of its saved revisions to show that one."
        ),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return f"{self.interview} → {self.shared_with}"

    def get_absolute_url(self):
        return reverse("preview:shared", args=[self.token])

    def clean(self):
        if self.version_id is None or self.interview_id is None:
            return
        version = self.version
        if (
            version.content_type.model_class() is not Interview
            or version.object_id != str(self.interview_id)
        ):
            raise ValidationError(
                {"version": _("That is a revision of something else.")}
            )

    @property
    def token(self):
        return signing.dumps(self.pk, salt=SHARE_SALT, compress=True)

    @classmethod
    def pk_from_token(cls, token):
        """The link a token names, or None for a tampered or foreign one."""
        try:
            pk = signing.loads(token, salt=SHARE_SALT)
        except signing.BadSignature:
            return None
        return pk if isinstance(pk, int) else None

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class AutosavedText(models.Model):
    """What one editor typed into one interview's form and has not saved,
    kept by the server every half minute while they type (the browser keeps
    its own copy too). Not a revision: it is replaced each time, offered
    back when the form opens, and removed when they save."""

    # Kept every half minute while anyone types: were it to make the
    # readers' pages stale, an editor at work would flush the page cache as
    # often (magazine.pagecache).
    shown_to_readers = False

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="autosaved_texts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "user"], name="autosaved_text_once_per_editor"
            )
        ]
        verbose_name = _("autosaved text")
        verbose_name_plural = _("autosaved texts")

    def __str__(self):
        return f"{self.interview} ({self.user})"


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """The corrections readers may see: those on live interviews. A
        correction on a piece taken off the site goes with it."""
        return self.filter(live_condition("interview__"))

    def newest_public(self):
        """The public corrections, newest first, read from the newest end of
        the corrections' own index, each checked against its interview by
        key: what the newest one costs does not grow with the archive.
        (Joined the other way, as `public()` is, SQLite builds a temporary
        index of every published interview to find it: 65 ms at 10,000.)"""
        live = Interview.objects.live().filter(pk=OuterRef("interview_id"))
        return self.filter(Exists(live)).order_by("-made_at", "-id")


class CorrectionManager(models.Manager.from_queryset(CorrectionQuerySet)):
    def get_by_natural_key(self, interview_slug, made_at):
        return self.get(interview__slug=interview_slug, made_at=made_at)


class Correction(models.Model):
    """A dated, public note on a live interview: what was wrong and what the
    piece says now. The article shows it, its structured data and feeds
    count it as a change, and /corrections/ lists it. Changing a piece that
    readers have not seen is an edit, not a correction (see
    `interviews.services.add_correction`)."""

    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    note = models.TextField(
        _("correction"),
        help_text=_(
            "What was wrong and what the piece says now, e.g. “An earlier "
            "version gave the release date of I'm as 29 April; it was 29 "
            "March.” Shown to readers as written (no Markdown)."
        ),
    )
    # Shown in Korean time, as every time on the form (which says so once).
    made_at = models.DateTimeField(_("corrected"), default=now_to_the_second)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CorrectionManager()

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [
            # /corrections/: the newest first, across every interview.
            models.Index(fields=["-made_at", "-id"], name="correction_newest"),
        ]
        constraints = [
            # An export names a correction by its interview and its time.
            models.UniqueConstraint(
                fields=["interview", "made_at"],
                name="correction_once_per_moment",
                violation_error_message=_(
                    "The interview already has a correction made at this time."
                ),
            ),
        ]

    def __str__(self):
        return _("Corrected %(when)s: %(note)s") % {
            "when": date_format(timezone.localtime(self.made_at), "j F Y"),
            "note": Truncator(self.note).chars(80),
        }

    def get_absolute_url(self):
        return f"{self.interview.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if not self.note.strip():
            raise ValidationError({"note": EMPTY_CORRECTION})

    def natural_key(self):
        return self.interview.natural_key() + (self.made_at,)

    natural_key.dependencies = ["interviews.interview"]

    @property
    def anchor(self):
        """The id of the correction on its article's page, from its time
        (one correction per moment on a piece): links from /corrections/,
        feeds and elsewhere survive an export and import, as a row id
        would not."""
        return "corrected-" + self.made_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


EMPTY_CORRECTION = _(
    "Write what was wrong and what the piece says now: a correction cannot be empty."
)
