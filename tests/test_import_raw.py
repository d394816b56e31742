"""The old site's pages, imported as drafts that match the archive fixture."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from artists.models import Artist
from interviews.choices import InterviewStatus
from interviews.models import Interview
from people.models import Contributor

# The old site's pages the archive fixture was made from, kept beside it.
SEEDS = Path(settings.BASE_DIR) / "fixtures" / "pages"
ARCHIVE = Path(settings.BASE_DIR) / "fixtures" / "archive.json"
FIXTURE_OF_SEED = {
    "000_b47f448f09254291.txt": "kim-se-jeong-reveals-goals-for-im-album",
    "001_86791fae7541bee2.txt": "kim-sejeong-talks-first-full-length-album-door",
    "002_0de9f5499e7acc8f.txt": "kcrush-interview-with-soseo",
}
ARTIST_MODELS = {
    "artists.agency",
    "artists.artist",
    "artists.alias",
    "artists.membership",
}


def run(*args):
    out = StringIO()
    call_command("import_interviews", *map(str, args), stdout=out)
    return out.getvalue()


def described(interview):
    """What a raw import must get right, in comparable form."""
    return {
        "credits": [(c.role, c.contributor.name) for c in interview.credits.all()],
        "languages": (interview.conducted_in, interview.published_in),
        "tags": sorted(interview.tags.names()),
        "artists": sorted(a.slug for a in interview.featured_artists.all()),
        "qa": list(interview.qa_items.values_list("position", "question", "answer")),
    }


@pytest.fixture
def fixture_versions(db, tmp_path):
    """The fixture's interviews as `described`, then an empty database
    holding only their artists."""
    call_command("load_archive", verbosity=0)
    versions = {
        seed: described(Interview.objects.get(slug=slug))
        for seed, slug in FIXTURE_OF_SEED.items()
    }
    dates = {
        seed: Interview.objects.get(slug=slug).publish_at
        for seed, slug in FIXTURE_OF_SEED.items()
    }
    Interview.objects.all().delete()
    Contributor.objects.all().delete()
    Tag.objects.all().delete()
    return versions, dates


def test_raw_seeds_become_drafts_that_match_the_fixture(fixture_versions):
    versions, dates = fixture_versions
    assert Interview.objects.count() == 0 and Artist.objects.count() == 4
    report = run(*(SEEDS / seed for seed in FIXTURE_OF_SEED))
    for seed in FIXTURE_OF_SEED:
        interview = Interview.objects.get(source_id=seed)
        assert interview.status == InterviewStatus.DRAFT
        assert described(interview) == versions[seed], seed
    soseo = Interview.objects.get(source_id="002_0de9f5499e7acc8f.txt")
    assert soseo.qa_items.count() == 16
    # The Soseo page is the only one with a dateline.
    fixture_date = dates["002_0de9f5499e7acc8f.txt"]
    assert timezone.localdate(soseo.publish_at) == timezone.localdate(fixture_date)
    assert "found 16 Q&A items" in run(SEEDS / "002_0de9f5499e7acc8f.txt", "-v2")
    assert "could not place: no date in the text" in report


def test_the_first_kim_se_jeong_piece_has_its_five_credits(fixture_versions):
    run(SEEDS / "000_b47f448f09254291.txt")
    interview = Interview.objects.get()
    assert str(interview.byline) == (
        "Interview by Khriz Virgilio. Conducted in Korean, translated into "
        "English by Jung Bae. Photos: Jellyfish Entertainment, OCN, KBS2."
    )


def test_the_old_sites_furniture_is_dropped(fixture_versions):
    run(*(SEEDS / seed for seed in FIXTURE_OF_SEED))
    for interview in Interview.objects.all():
        text = " ".join(
            [interview.title, interview.standfirst, interview.body, interview.closing]
            + [a for _, _, a in described(interview)["qa"]]
        )
        furniture_lines = ["Image 1 of 8", "Leave a Reply", "Visits", "User Review"]
        furniture_lines += ["Advertisers", "Related Articles", "Photo Credits"]
        for furniture in furniture_lines:
            assert furniture not in text, (interview.source_id, furniture)


def test_importing_the_seeds_twice_changes_nothing(fixture_versions):
    run(SEEDS, "--format", "raw")
    before = list(Interview.objects.values_list("pk", "slug", "updated_at"))
    output = run(SEEDS, "--format", "raw")
    assert "interview: 0 created, 0 updated, 3 unchanged" in output
    assert list(Interview.objects.values_list("pk", "slug", "updated_at")) == before


@pytest.mark.django_db
def test_raw_seeds_beside_the_fixtures_duplicate_no_name_and_touch_no_live_piece():
    call_command("load_archive", verbosity=0)
    live = {i.slug: (i.status, i.updated_at) for i in Interview.objects.all()}
    counts = (Artist.objects.count(), Contributor.objects.count(), Tag.objects.count())
    run(SEEDS, "--format", "raw")
    assert (
        Artist.objects.count(),
        Contributor.objects.count(),
        Tag.objects.count(),
    ) == counts
    for slug, state in live.items():
        interview = Interview.objects.get(slug=slug)
        assert (interview.status, interview.updated_at) == state
    assert Interview.objects.filter(status=InterviewStatus.DRAFT).count() == 3


def test_a_folder_read_as_raw_leaves_its_readme_alone(fixture_versions, tmp_path):
    for page in SEEDS.glob("*.txt"):
        (tmp_path / page.name).write_text(page.read_text())
    (tmp_path / "README.md").write_text("# Notes about these pages\n")
    output = run(tmp_path, "--format", "raw")
    assert "README" not in output
    assert Interview.objects.count() == 3
