"""A realistic magazine at any size, for benchmarks and load tests.

`Seeder` makes artists (soloists with Hangul names and romanization aliases,
groups with members), contributors, tags and interviews with ten years of
dates, bodies of about 600 words, Q&A items, credits, tags and approved
comments, and Korean versions of a tenth of them (with Korean text, whose
particles make a stem the prefix of several words), in bulk, reproducibly
from a seed. Everything it makes is marked
(`source_id` "seed:…", slugs starting "seed-") so that a second run can
replace it and a run refuses a database that holds anything else.

Bulk inserts send no signals: what the models derive on save (name keys,
tag slugs, rendered HTML, search text) is made here, the same way. The
body's paragraphs are plain words, so their HTML is what the Markdown
renderer makes of them (a test holds the two to each other).
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag

from artists.models import (
    Alias,
    AliasKind,
    Artist,
    ArtistKind,
    Membership,
    Romanization,
)
from comments.models import Comment, CommentStatus
from core.db import refresh_planner_statistics
from core.names import name_key
from core.signals import content_changed
from core.visibility import refresh_all
from interviews.choices import InterviewStatus, Role
from interviews.models import Credit, Interview, QAItem, TaggedInterview
from interviews.search import refresh_search_vectors
from magazine.archive_fixture import archive_rows
from people.models import Contributor, ContributorKind


def words(text):
    return text.split()


SOURCE = "seed:"
SLUG = "seed-"
# The share of pieces conducted in Korean that also have a Korean version
# (a tenth of all pieces, since two in three are conducted in Korean).
VERSION_SHARE = 0.15
SURNAMES = {
    "Kim": "김", "Lee": "이", "Park": "박", "Choi": "최", "Jung": "정",
    "Kang": "강", "Cho": "조", "Yoon": "윤", "Jang": "장", "Lim": "임",
    "Han": "한", "Oh": "오", "Seo": "서", "Shin": "신", "Kwon": "권",
    "Hwang": "황", "Ahn": "안", "Song": "송", "Yoo": "유", "Hong": "홍",
}  # fmt: skip
SYLLABLES = {
    "min": "민", "ji": "지", "seo": "서", "yeon": "연", "hyun": "현",
    "soo": "수", "jin": "진", "woo": "우", "ha": "하", "eun": "은",
    "na": "나", "chae": "채", "da": "다", "hee": "희", "jun": "준",
    "young": "영", "sung": "성", "bin": "빈", "won": "원", "ah": "아",
    "ri": "리", "rin": "린", "seul": "슬", "bo": "보", "mi": "미",
    "ye": "예", "ga": "가", "kyung": "경", "tae": "태", "yun": "윤",
}  # fmt: skip
GROUP_WORDS = words(
    "Velvet Comet Nova Lunar Echo Prism Aurora Crimson Silver Neon Saturn "
    "Blossom Orbit Pulse Mirage Radiant Tempest Halo Wild Lucid Solar Vivid "
    "Scarlet Indigo Crystal Arcade Dream Fable Garnet Jade Kaleido Mono Ember"
)
WORDS = words(
    "the a and to of in that it is was for on with as we our my your their this "
    "song album stage fans music time year day night team members comeback "
    "dance vocal practice concert tour studio recording lyrics melody producer "
    "debut title track single chorus feeling heart dream story moment love "
    "memory summer winter seoul fansign broadcast show first new last always "
    "together really very much more about when because think feel want wrote "
    "made came found tried learned started remember hope believe wanted showed "
    "sang danced worked prepared choreography concept teaser visual color mood "
    "sound beat rhythm bass guitar piano strings voice harmony energy "
    "performance camera director company trainee years hard proud happy nervous "
    "excited grateful warm gentle bright dark honest simple special different "
    "important everyone listeners audience family friends world city street "
    "room window light rain wind flower sky sea road home letter promise"
)
# Korean as it is written: particles and endings on the word (노래를,
# 무대에서), so that a stem (노래, 무대) is a prefix of several of them, as a
# reader's search for it is.
KOREAN_WORDS = words(
    "노래 노래를 노래가 노래는 노래의 무대 무대에서 무대를 무대가 팬들 팬들과 팬들이 "
    "팬들에게 앨범 앨범을 앨범이 앨범은 컴백 컴백을 컴백이 멤버들 멤버들과 멤버들이 "
    "연습 연습을 연습했어요 가사 가사를 가사가 멜로디 녹음 녹음을 공연 공연을 "
    "공연에서 데뷔 데뷔를 데뷔했을 때 정말 너무 항상 처음 마지막 새로운 함께 "
    "준비했어요 생각했어요 느꼈어요 감사해요 행복해요 기억해요 좋아해요 이번 그 "
    "저는 저희는 우리 마음 마음을 사랑 사랑을 이야기 이야기를 시간 시간을 "
    "서울 서울에서 여름 겨울 노력 노력을 감정 감정을 목소리 목소리를"
)
TAG_NAMES = words(
    "kpop comeback debut ballad rnb kindie hiphop dance ost drama variety "
    "concert fanmeeting album single ep repackage soloist group subunit "
    "producer songwriter choreography mv teaser interview behind-the-scenes "
    "world-tour seoul japan-debut award music-show fandom vocal rap visual "
    "acting radio collaboration remix acoustic city-pop rock trot jazz "
    "electronic indie winter-song summer-song anniversary"
)
FIRST_NAMES = words(
    "Jiyoung Khriz Jung Mina Daniel Hana Alex Sora Yuna Chris Erin Minseo Sam "
    "Jamie Taylor Haneul Dana Robin Yeji Noah"
)
LAST_NAMES = words("Lee Virgilio Bae Park Kim Choi Santos Reyes Cho Garcia Tanaka")
ORGANISATIONS = [
    "Starlight Ent.", "Jellyfish Entertainment", "OCN", "KBS2", "Mnet",
    "SBS", "MBC", "Blue Wave Music", "Moonrise Agency", "Daylight Label",
]  # fmt: skip
TOPICS = [
    "talks about her new single", "opens up about the comeback",
    "on writing the album", "looks back on debut", "on the world tour",
    "speaks about the title track", "shares the story behind",
    "on life after the group", "reveals goals for", "on finding a new sound",
]  # fmt: skip


@dataclass
class Seeded:
    """What a run made, by kind, for the command's summary."""

    counts: dict = field(default_factory=dict)

    def add(self, kind, number):
        self.counts[kind] = self.counts.get(kind, 0) + number


class Seeder:
    def __init__(self, *, interviews, artists, tags, contributors, seed, batch):
        self.interview_count = interviews
        self.artist_count = artists
        self.tag_count = tags
        self.contributor_count = contributors
        self.random = random.Random(seed)
        self.batch = batch
        self.now = timezone.now()
        self.made = Seeded()
        self.keys = set()
        # Names the seed keeps clear of, loaded or not: `make run` loads the
        # archive into a seeded database as into any other, and they are
        # unique.
        self.archive = archive_rows()

    # What is there

    @staticmethod
    def foreign_interviews():
        """Interviews a seed run did not make: real content."""
        return Interview.objects.exclude(source_id__startswith=SOURCE)

    @staticmethod
    def remove_previous():
        """Delete what an earlier run made; returns how many interviews."""
        seeded = Interview.objects.filter(source_id__startswith=SOURCE)
        count = seeded.count()
        with transaction.atomic():
            content_changed.send(sender=Interview)
            Comment.objects.filter(interview__in=seeded).delete()
            seeded.delete()
            Artist.objects.filter(slug__startswith=SLUG).delete()
            Contributor.objects.filter(slug__startswith=SLUG).delete()
            Tag.objects.filter(slug__startswith=SLUG).delete()
        return count

    # Making it

    def run(self, progress=lambda done, total: None):
        with transaction.atomic():
            soloists, groups = self.make_artists()
            contributors = self.make_contributors()
            tags = self.make_tags()
        artists = soloists + groups
        done = 0
        while done < self.interview_count:
            size = min(self.batch, self.interview_count - done)
            with transaction.atomic():
                self.make_interviews(done, size, artists, contributors, tags)
            done += size
            progress(done, self.interview_count)
        seeded = Interview.objects.filter(source_id__startswith=SOURCE)
        # Dates as a grown archive has them, not the moment of the run.
        seeded.update(
            created_at=Coalesce(F("publish_at"), F("created_at")),
            updated_at=Coalesce(F("publish_at"), F("updated_at")),
        )
        # A database filled in bulk has no statistics yet; without them the
        # planners guess, and at this size a wrong guess costs minutes: the
        # refreshes below join every artist to the interviews that show it,
        # which PostgreSQL, guessing a few hundred interviews where there are
        # 100,000, does by reading them all once per artist.
        refresh_planner_statistics(connection.alias)
        refresh_search_vectors(seeded)
        refresh_all()  # bulk inserts send no signals
        # PostgreSQL also needs its visibility map (VACUUM) before a count or
        # a deep page can be read from an index alone, and the statistics
        # again for what the refreshes wrote.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            # (VACUUM cannot run in a transaction, as in a test.)
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        content_changed.send(sender=Interview)
        return self.made

    def claim(self, name):
        """`name`'s match key if no artist or alias holds it yet."""
        key = name_key(name)
        if not key or key in self.keys:
            return None
        self.keys.add(key)
        return key

    def soloist_name(self):
        surname = self.random.choice(list(SURNAMES))
        first, second = self.random.sample(list(SYLLABLES), 2)
        given = first + second
        name = f"{surname} {given.capitalize()}"
        hangul = SURNAMES[surname] + SYLLABLES[first] + SYLLABLES[second]
        variant = f"{surname} {first.capitalize()} {second.capitalize()}"
        return name, hangul, variant

    def make_artists(self):
        self.keys |= set(Artist.objects.values_list("name_key", flat=True))
        self.keys |= set(Alias.objects.values_list("key", flat=True))
        self.keys |= set(
            Artist.objects.exclude(hangul_key="").values_list("hangul_key", flat=True)
        )
        for artist in self.archive["artists.artist"]:
            self.keys |= {artist["name_key"], artist["hangul_key"]} - {""}
        self.keys |= {alias["key"] for alias in self.archive["artists.alias"]}
        group_total = max(1, self.artist_count // 8)
        artists, variants = [], {}
        attempts = 0
        while len(artists) < self.artist_count - group_total and attempts < 10**6:
            attempts += 1
            name, hangul, variant = self.soloist_name()
            if not self.claim(name) or not self.claim(hangul):
                continue
            artist = Artist(
                name=name,
                hangul_name=hangul,
                slug=f"{SLUG}{len(artists) + 1}-{name_key(name)}",
                kind=ArtistKind.SOLOIST,
                bio=f"{name} is a singer and songwriter.",
            )
            variants[artist.slug] = variant
            artists.append(artist)
        number = 0
        while len(artists) < self.artist_count and attempts < 2 * 10**6:
            attempts += 1
            number += 1
            words = self.random.sample(GROUP_WORDS, 2)
            name = " ".join(words) if number % 3 else words[0].upper()
            if number > len(GROUP_WORDS) ** 2:
                name = f"{name} {number}"
            if not self.claim(name):
                continue
            artists.append(
                Artist(
                    name=name,
                    slug=f"{SLUG}{len(artists) + 1}-{name_key(name)}",
                    kind=ArtistKind.GROUP,
                    is_public=True,
                    bio=f"{name} is a group.",
                )
            )
        for artist in artists:
            artist.normalize_names()
        Artist.objects.bulk_create(artists, batch_size=1000)
        soloists = [a for a in artists if a.kind == ArtistKind.SOLOIST]
        groups = [a for a in artists if a.kind == ArtistKind.GROUP]
        aliases = [
            Alias(
                artist=artist, name=variants[artist.slug], kind=AliasKind.ROMANIZATION
            )
            for artist in soloists
            if self.random.random() < 0.4
        ]
        for alias in aliases:
            alias.normalize_names()
        Alias.objects.bulk_create(aliases, batch_size=1000)
        # bulk_create sends no post_save: spell the Hangul names, and gather
        # every artist's search keys, once the aliases are in.
        Romanization.refresh(artists)
        memberships = []
        for group in groups:
            members = self.random.sample(
                soloists, min(len(soloists), self.random.randint(3, 9))
            )
            debut = self.now.date() - timedelta(days=self.random.randint(400, 3600))
            for member in members:
                left = self.random.random() < 0.2
                memberships.append(
                    Membership(
                        member=member,
                        group=group,
                        start_date=debut,
                        end_date=debut + timedelta(days=700) if left else None,
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=1000)
        self.made.add("artists", len(artists))
        self.made.add("aliases", len(aliases))
        self.made.add("memberships", len(memberships))
        return soloists, groups

    def make_contributors(self):
        contributors = []
        names = set(Contributor.objects.values_list("name_key", flat=True))
        names |= {row["name_key"] for row in self.archive["people.contributor"]}
        organisations = iter(ORGANISATIONS)
        while len(contributors) < self.contributor_count:
            number = len(contributors) + 1
            organisation = next(organisations, None) if number % 6 == 0 else None
            if organisation:
                name, kind = organisation, ContributorKind.ORGANISATION
            else:
                first, last = (
                    self.random.choice(FIRST_NAMES),
                    self.random.choice(LAST_NAMES),
                )
                name = f"{first} {last}"
                kind = ContributorKind.PERSON
                if name_key(name) in names:
                    name = f"{name} {number}"
            if name_key(name) in names:
                continue
            names.add(name_key(name))
            contributor = Contributor(
                name=name, slug=f"{SLUG}{number}-{name_key(name)}", kind=kind
            )
            contributor.normalize_names()
            contributors.append(contributor)
        Contributor.objects.bulk_create(contributors)
        self.made.add("contributors", len(contributors))
        return contributors

    def make_tags(self):
        existing = {
            name.casefold() for name in Tag.objects.values_list("name", flat=True)
        }
        existing |= {row["name"].casefold() for row in self.archive["taggit.tag"]}
        tags = []
        for number in range(self.tag_count):
            base = TAG_NAMES[number % len(TAG_NAMES)]
            name = (
                base
                if number < len(TAG_NAMES)
                else f"{base} {2014 + number // len(TAG_NAMES)}"
            )
            if name.casefold() in existing:
                name = f"{name} (seed)"
            existing.add(name.casefold())
            tags.append(Tag(name=name, slug=f"{SLUG}{number + 1}-{name_key(name)}"))
        Tag.objects.bulk_create(tags)
        self.made.add("tags", len(tags))
        return tags

    def sentence(self, length):
        words = self.random.choices(WORDS, k=length)
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph(self):
        return " ".join(self.sentence(self.random.randint(12, 22)) for _ in range(5))

    def song_title(self):
        syllables = self.random.sample(list(SYLLABLES), 3)
        return "".join(syllables).capitalize()

    def questions_and_answers(self, sentence, count, *, question, answer):
        """`count` (position, question, answer) of `sentence`s, each of a
        number of words in the (fewest, most) given."""
        return [
            (
                position,
                sentence(self.random.randint(*question))[:-1] + "?",
                sentence(self.random.randint(*answer)),
            )
            for position in range(1, count + 1)
        ]

    @staticmethod
    def search_document(body, qa, closing):
        """The text the search indexes beside the title and standfirst, as
        the signals keep it: the body, each Q&A item and the closing lines."""
        return "\n\n".join([body, *(f"{q}\n\n{a}" for _, q, a in qa), closing])

    def korean_sentence(self, length):
        return " ".join(self.random.choices(KOREAN_WORDS, k=length)) + "."

    def korean_paragraph(self):
        return " ".join(
            self.korean_sentence(self.random.randint(8, 14)) for _ in range(5)
        )

    def korean_version(self, original, featured, qa, tags):
        """The Korean version of `original` (an interview conducted in
        Korean and published in English): Korean text of its own, the
        original's artists and tags, published with it."""
        name = featured[0].hangul_name or featured[0].name
        paragraphs = [self.korean_paragraph() for _ in range(self.random.randint(4, 6))]
        body = "\n\n".join(paragraphs)
        closing = f"시간을 내준 {name}에게 감사드립니다."
        qa = self.questions_and_answers(
            self.korean_sentence, len(qa), question=(4, 8), answer=(12, 25)
        )
        version = Interview(
            title=f"{name} 인터뷰: {original.title}",
            slug=f"{original.slug}-ko",
            standfirst=self.korean_sentence(15),
            body=body,
            body_html=self.html(paragraphs),
            closing=closing,
            closing_html=self.html([closing]),
            status=original.status,
            publish_at=original.publish_at,
            conducted_in=original.conducted_in,
            published_in="ko",
            version_of=original,
            source_id=f"{original.source_id}-ko",
            search_document=self.search_document(body, qa, closing),
        )
        return version, (featured, qa, tags)

    def make_interviews(self, start, size, artists, contributors, tags):
        """`size` interviews, numbered from `start`: pieces in English, and
        the Korean versions of some of those conducted in Korean (each
        counts as one of the `size`)."""
        interviews, extras, with_versions = [], [], []
        people = [c for c in contributors if c.kind == ContributorKind.PERSON]
        organisations = [c for c in contributors if c.kind != ContributorKind.PERSON]
        span = 3650 * 24 * 3600
        while len(interviews) + len(with_versions) < size:
            number = start + len(interviews) + len(with_versions) + 1
            featured = self.random.sample(artists, self.random.choice([1, 1, 1, 2]))
            song = self.song_title()
            title = f"{featured[0].name} {self.random.choice(TOPICS)} {song}"
            paragraphs = [self.paragraph() for _ in range(self.random.randint(5, 7))]
            # Most interviews speak of a comeback, as K-pop interviews do.
            if self.random.random() < 0.95:
                paragraphs[0] += " The comeback was our way of saying thank you."
            body = "\n\n".join(paragraphs)
            roll = self.random.random()
            if roll < 0.93:
                status = InterviewStatus.PUBLISHED
                publish_at = self.now - timedelta(seconds=self.random.randint(60, span))
            elif roll < 0.95:
                status = InterviewStatus.PUBLISHED  # scheduled
                publish_at = self.now + timedelta(hours=self.random.randint(1, 24 * 30))
            elif roll < 0.97:
                status, publish_at = InterviewStatus.DRAFT, None
            elif roll < 0.98:
                status, publish_at = InterviewStatus.REVIEW, None
            else:
                status = InterviewStatus.ARCHIVED
                publish_at = self.now - timedelta(seconds=self.random.randint(60, span))
            qa = self.questions_and_answers(
                self.sentence,
                self.random.randint(3, 8),
                question=(6, 12),
                answer=(20, 45),
            )
            closing = f"We thank {featured[0].name} for their time."
            interviews.append(
                Interview(
                    title=title,
                    slug=f"{SLUG}{number}-{name_key(song)}",
                    standfirst=self.sentence(25),
                    body=body,
                    body_html=self.html(paragraphs),
                    closing=closing,
                    closing_html=self.html([closing]),
                    status=status,
                    publish_at=publish_at,
                    conducted_in=self.random.choice(["ko", "ko", "en"]),
                    published_in="en",
                    is_featured=self.random.random() < 0.01,
                    source_id=f"{SOURCE}{number}",
                    search_document=self.search_document(body, qa, closing),
                )
            )
            piece_tags = self.random.sample(
                tags, min(len(tags), self.random.randint(2, 5))
            )
            extras.append((featured, qa, piece_tags))
            conducted_in = interviews[-1].conducted_in
            room = len(interviews) + len(with_versions) < size
            if conducted_in == "ko" and room and self.random.random() < VERSION_SHARE:
                with_versions.append(len(interviews) - 1)
        Interview.objects.bulk_create(interviews)
        # Versions point to their originals, which have their keys now.
        versions = []
        for index in with_versions:
            version, extra = self.korean_version(interviews[index], *extras[index])
            versions.append(version)
            extras.append(extra)
        Interview.objects.bulk_create(versions)
        interviews += versions
        self.made.add("Korean versions", len(with_versions))
        through = Interview.featured_artists.through
        featured_rows, qa_items, credits, taggings, comments = [], [], [], [], []
        for interview, (featured, qa, piece_tags) in zip(
            interviews, extras, strict=True
        ):
            featured_rows += [through(interview=interview, artist=a) for a in featured]
            qa_items += [
                QAItem(
                    interview=interview,
                    position=position,
                    question=question,
                    answer=answer,
                    answer_html=self.html([answer]),
                )
                for position, question, answer in qa
            ]
            credits.append(
                Credit(
                    interview=interview,
                    contributor=self.random.choice(people),
                    role=Role.INTERVIEWER,
                    position=0,
                )
            )
            if interview.conducted_in != interview.published_in:
                credits.append(
                    Credit(
                        interview=interview,
                        contributor=self.random.choice(people),
                        role=Role.TRANSLATOR,
                        position=1,
                    )
                )
            if organisations:
                credits.append(
                    Credit(
                        interview=interview,
                        contributor=self.random.choice(organisations),
                        role=Role.PHOTO_CREDIT,
                        position=2,
                    )
                )
            taggings += [
                TaggedInterview(content_object=interview, tag=tag) for tag in piece_tags
            ]
            if (
                interview.status == InterviewStatus.PUBLISHED
                and self.random.random() < 0.1
            ):
                comments += [
                    Comment(
                        interview=interview,
                        name=self.random.choice(FIRST_NAMES),
                        email="reader@example.com",
                        text=self.sentence(15),
                        status=CommentStatus.APPROVED,
                    )
                    for _ in range(self.random.randint(1, 3))
                ]
        through.objects.bulk_create(featured_rows)
        QAItem.objects.bulk_create(qa_items)
        Credit.objects.bulk_create(credits)
        TaggedInterview.objects.bulk_create(taggings)
        Comment.objects.bulk_create(comments)
        self.made.add("interviews", len(interviews))
        self.made.add("Q&A items", len(qa_items))
        self.made.add("credits", len(credits))
        self.made.add("comments", len(comments))

    @staticmethod
    def html(paragraphs):
        """What the Markdown renderer makes of paragraphs of plain words."""
        return "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
