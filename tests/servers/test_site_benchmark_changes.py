"""benchmark_site's changing phase: the article and the home page served
from the cache the workers share while the content changes, which needs
Redis (the default suite shows it is skipped without)."""

import re

from tests.production import free_port, manage, production_environment


def test_the_changing_phase_measures_pages_while_changes_reach_the_workers(
    site_variables,
):
    environment = production_environment(**site_variables)

    run = manage(
        "benchmark_site",
        *["--seconds", "0.6", "--rounds", "1", "--pages", "home,article"],
        *["--change-every", "0.1", "--search-runs", "2"],
        *["--port", str(free_port())],
        environment=environment,
    )

    report = run.stdout
    phase = report[report.index("Changing phase (PAGE_CACHE=on") :]
    assert re.search(r"^home +/ +[\d.]+ +\d+\.\d{3} +0$", phase, re.M), report
    assert re.search(r"^article +/interviews/\S+/ +[\d.]+ +\d+\.\d{3} +0$", phase, re.M)
    changes = re.search(
        r"^Changes announced: (\d+), one every 0.1 s; the page cache's "
        r"generation moved (\d+) steps",
        phase,
        re.M,
    )
    assert changes, report
    announced, moved = map(int, changes.groups())
    # Four rounds of 0.6 s, a change every 0.1 s; each moves the generation
    # the workers read from Redis once.
    assert announced >= 10
    assert moved == announced
    assert "NOT" not in report
    assert "Changing phase skipped" not in report
