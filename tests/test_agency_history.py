"""An artist's agencies over time: kept with dates, never overlapping, shown
on the artist's page, carried by revisions and the export."""

from datetime import date

import pytest
from django.urls import reverse

from artists.models import Agency, AgencyPeriod

from .admin_pages import add_inline_row, errors_of, read_form
from .factories import make_artist


@pytest.fixture
def agencies(db):
    return (
        Agency.objects.create(name="Jellyfish Entertainment", slug="jellyfish"),
        Agency.objects.create(name="Starlight Ent.", slug="starlight"),
    )


def edit(editor_client, artist, rows):
    url = reverse("admin:artists_artist_change", args=[artist.pk])
    form = read_form(editor_client.get(url), "artist_form")
    for agency, start, end in rows:
        add_inline_row(
            form,
            "agency_history",
            agency=str(agency.pk),
            start_date=start,
            end_date=end,
        )
    return editor_client.post(url, form)


def test_an_artists_agency_history_is_kept_and_shown(agencies, editor_client, client):
    jellyfish, starlight = agencies
    artist = make_artist("Kim Sejeong", is_public=True)
    response = edit(
        editor_client,
        artist,
        [(starlight, "2014-01-01", "2015-12-31"), (jellyfish, "2016-01-01", "")],
    )
    assert response.status_code == 302, errors_of(response)
    assert list(artist.agency_history.values_list("agency__slug", "end_date")) == [
        ("starlight", date(2015, 12, 31)),
        ("jellyfish", None),
    ]
    html = client.get(artist.get_absolute_url()).content.decode()
    assert "Agency history" in html
    assert html.index("Jellyfish Entertainment") < html.index("Starlight Ent.")


@pytest.mark.parametrize(
    "rows",
    [
        # The second starts before the first ends.
        [("2014-01-01", "2016-06-30"), ("2016-01-01", "")],
        # Two open periods run on together.
        [("2014-01-01", ""), ("2016-01-01", "")],
        # The same day at both ends.
        [("2014-01-01", "2015-12-31"), ("2015-12-31", "")],
    ],
)
def test_overlapping_periods_are_refused_and_nothing_is_saved(
    agencies, editor_client, rows
):
    artist = make_artist("Kim Sejeong")
    response = edit(
        editor_client,
        artist,
        [(agency, *row) for agency, row in zip(agencies, rows, strict=True)],
    )
    assert response.status_code == 200
    assert any("overlap" in str(error) for error in errors_of(response))
    assert not AgencyPeriod.objects.exists()


def test_a_period_cannot_end_before_it_starts(agencies, editor_client):
    artist = make_artist("Kim Sejeong")
    response = edit(editor_client, artist, [(agencies[0], "2016-01-01", "2015-01-01")])
    assert response.status_code == 200
    assert "A period cannot end before it starts." in str(errors_of(response))
    assert not AgencyPeriod.objects.exists()
