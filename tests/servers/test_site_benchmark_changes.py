"""benchmark_site's changing phase: the article and the home page served
from the cache the workers share while the content changes, which needs
Redis (the default suite shows it is skipped without)."""

import re

from tests.production import free_port, manage, production_environment
from tests.test_site_benchmark import ROW_FIGURES


def changes_reported(site_variables, *options, changed, moved):
    """(changes announced, steps `moved` took) as a short run with a change
    every 0.1 s reports them; the report shows every change was seen."""
    run = manage(
        "benchmark_site",
        *["--seconds", "0.6", "--rounds", "1", "--pages", "home,article"],
        *["--change-every", "0.1", "--search-runs", "2", *options],
        *["--port", str(free_port())],
        environment=production_environment(**site_variables),
    )
    report = run.stdout
    assert "Changing phase skipped" not in report
    assert "NOT" not in report
    phase = report[report.index("Changing phase (PAGE_CACHE=on") :]
    assert re.search(r"^home +/ +" + ROW_FIGURES, phase, re.M), report
    assert re.search(r"^article +/interviews/\S+/ +" + ROW_FIGURES, phase, re.M)
    changes = re.search(
        rf"^Changes announced {changed}: (\d+), one every 0.1 s; "
        rf"{moved} moved (\d+) steps",
        phase,
        re.M,
    )
    assert changes, report
    return tuple(map(int, changes.groups()))


def test_the_changing_phase_measures_pages_while_changes_reach_the_workers(
    site_variables,
):
    announced, moved = changes_reported(
        site_variables,
        changed="to the content",
        moved="the page cache's generation",
    )
    # Four rounds of 0.6 s, a change every 0.1 s; each moves the generation
    # the workers read from Redis once.
    assert announced >= 10
    assert moved == announced


def test_changes_to_the_articles_comments_move_its_thread_alone(site_variables):
    announced, moved = changes_reported(
        site_variables,
        "--changes",
        "comments",
        changed="to the article's comments",
        moved="the article's comment thread",
    )
    assert announced >= 10
    assert moved == announced
