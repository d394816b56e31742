"""benchmark_site's pieces, and one short run of it under gunicorn. Its
figures are not asserted: they depend on the machine."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from magazine.management.commands.benchmark_site import (
    BARE,
    LONG_QUERY,
    TYPO_AMONG_COMMON,
    URLCONF,
    Page,
    RoundResult,
    choose,
    describe_errors,
    first_sitemap_section,
    percentile,
    pick_pages,
    plan_phases,
    schedule,
    search_queries,
    summarize,
)

from .production import free_port

# The end of a page's row in a phase's table: requests/s, the ratio, the
# lowest and highest round's, and no error.
ROW_FIGURES = r"[\d.]+ +\d+\.\d{3} +\d+\.\d\d-\d+\.\d\d +0$"

ARCHIVE_PAGES = {
    "home": "/",
    "list": "/interviews/",
    # Three interviews make one page: the deepest there is.
    "list-deep": "/interviews/?page=1",
    "article": "/interviews/kim-sejeong-talks-first-full-length-album-door/",
    # The yardstick: the article's interview, and its title alone.
    "floor": "/__floor__/kim-sejeong-talks-first-full-length-album-door/",
    # Two of the three interviews feature her.
    "artist": "/artists/kim-sejeong/",
    # Each tag is on one interview: the first slug wins.
    "tag": "/tags/idolsparttimejobs/",
    # Credited on two pieces' photos; everyone else on one piece.
    "contributor": "/contributors/jellyfish-entertainment/",
    "search": "/search/?q=comeback",
    "sitemap": "/sitemap.xml",
    "rss": "/feeds/rss/",
}


def test_every_page_is_measured_between_two_bare_rounds():
    assert schedule(["home", "rss"], rounds=2) == [
        BARE,
        "home",
        BARE,
        "rss",
        BARE,
        "home",
        BARE,
        "rss",
        BARE,
    ]


def test_a_ratio_is_to_the_bare_rounds_either_side_and_the_median_is_kept():
    rates = [100, 50, 200, 30, 100, 60, 100, 40, 100, 70, 100, 10, 100]
    names = schedule(["home", "rss"], rounds=3)
    results = [
        RoundResult(name, rate, {200: 10})
        for name, rate in zip(names, rates, strict=True)
    ]
    results[3] = RoundResult("rss", 30, {200: 8, 500: 2})

    bare, home, rss = summarize(results)

    assert (bare.name, bare.rounds, bare.ratio) == (BARE, 7, None)
    assert bare.requests_per_second == 100
    assert home.name == "home"
    # 50 / mean(100, 200), 60 / 100, 70 / 100
    assert home.ratio == pytest.approx(0.6)
    assert home.requests_per_second == 60
    assert home.errors == 0
    # 30 / 150, 40 / 100, 10 / 100
    assert rss.ratio == pytest.approx(0.2)
    assert rss.ratio_range == pytest.approx((0.1, 0.4))
    assert home.ratio_range == pytest.approx((50 / 150, 0.7))
    assert bare.ratio_range is None
    assert rss.errors == 2
    assert describe_errors(rss.statuses) == "2 of 30 (500: 2)  NOT ALL 200"
    assert describe_errors(home.statuses) == "0"


def test_percentiles_are_nearest_rank():
    timings = list(range(1, 101))
    assert percentile(timings, 50) == 50
    assert percentile(timings, 95) == 95
    assert percentile([3.0, 1.0], 95) == 3.0
    assert percentile([7.0], 50) == 7.0


def test_the_first_section_of_a_sitemap_index_is_measured_too():
    index = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://testserver/sitemap-interviews.xml?p=2</loc></sitemap>
<sitemap><loc>http://testserver/sitemap-artists.xml</loc></sitemap>
</sitemapindex>"""
    urlset = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://testserver/interviews/a/</loc></url>
</urlset>"""
    assert first_sitemap_section(index) == "/sitemap-interviews.xml?p=2"
    assert first_sitemap_section(urlset) is None


def test_the_pages_are_picked_from_the_archive(archive, settings):
    # The addresses gunicorn serves in the benchmark: the site's and the
    # yardsticks'.
    settings.ROOT_URLCONF = URLCONF
    pages = {page.name: page.url for page in pick_pages(Client())}

    # A sitemap index adds its first section; the rest is the archive's.
    section = pages.pop("sitemap-section", None)
    assert section is None or section.startswith("/sitemap")
    assert pages == ARCHIVE_PAGES
    for url in [*pages.values(), *filter(None, [section])]:
        assert Client().get(url).status_code == 200, url


def test_the_searches_are_picked_from_the_archive(archive):
    assert search_queries() == [
        ("common word", "comeback"),
        ("common prefix", "dance"),
        ("long query", LONG_QUERY),
        ("Korean stem", "노래"),
        ("words seldom together", "노래 stage"),
        ("a typo among common words", TYPO_AMONG_COMMON),
        # The longest word only one title has.
        ("rare word", "collaboration"),
        ("artist alias", "Kim Se Jeong"),
        ("Hangul name", "구구단"),
    ]


def test_pages_are_chosen_by_name():
    pages = [Page("home", "/"), Page("list", "/interviews/"), Page("rss", "/r/")]
    assert choose(pages, "") == pages
    assert choose(pages, "rss, home") == [pages[0], pages[2]]
    with pytest.raises(CommandError, match="No page called nope"):
        choose(pages, "home,nope")


def test_the_changing_phase_loads_where_a_fandom_lands_on_a_shared_cache(settings):
    pages = [Page(name, f"/{name}/") for name in ("home", "list", "article", "floor")]
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache"}}

    phases, skipped = plan_phases(pages, cold_only=False)

    assert skipped is None
    assert [(phase, cache) for phase, cache, _ in phases] == [
        ("cold", "off"),
        ("cached", "on"),
        ("changing", "on"),
    ]
    # The floor is a yardstick for pages made afresh: never cached.
    assert [page.name for page in phases[0][2]] == ["home", "list", "article", "floor"]
    assert [page.name for page in phases[1][2]] == ["home", "list", "article"]
    assert [page.name for page in phases[2][2]] == ["home", "article"]
    assert [phase for phase, _, _ in plan_phases(pages, cold_only=True)[0]] == ["cold"]
    _, skipped = plan_phases(pages[1:2], cold_only=False)
    assert "--pages chose neither" in skipped


def test_the_changing_phase_is_skipped_and_said_so_without_a_shared_cache():
    """In local memory each worker has its own cache: a change announced
    from outside would reach none of them, and the phase would measure a
    cache that never changes."""
    phases, skipped = plan_phases([Page("article", "/a/")], cold_only=False)

    assert [phase for phase, _, _ in phases] == ["cold", "cached"]
    assert "REDIS_URL" in skipped


def test_an_empty_database_is_told_how_to_fill_it(db):
    with pytest.raises(CommandError, match="seed_magazine --interviews 10000"):
        call_command("benchmark_site")


def manage(*arguments, env, timeout=60):
    return subprocess.run(
        [sys.executable, "-W", "error", "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_short_run_prints_a_ratio_for_the_home_page(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "magazine.settings.dev",
        "DATABASE_URL": f"sqlite:///{Path(tmp_path) / 'db.sqlite3'}",
        "PAGE_CACHE": "off",
    }
    for step in [["migrate", "--no-input", "-v0"], ["load_archive", "-v0"]]:
        done = manage(*step, env=env)
        assert done.returncode == 0, done.stderr

    run = manage(
        "benchmark_site",
        *["--seconds", "0.3", "--rounds", "1", "--pages", "home,floor"],
        *["--no-cache-phase", "--search-runs", "2", "--port", str(free_port())],
        env=env,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    report = run.stdout
    assert "3 live interviews" in report
    assert "Cold phase (PAGE_CACHE=off, CARD_CACHE=off)" in report
    assert "Cached phase" not in report
    assert re.search(r"^Bare view \(/__bare__/\): [\d.]+ requests/s", report, re.M)
    assert re.search(
        r"^page +URL +requests/s +ratio to bare +rounds +errors$", report, re.M
    )
    assert re.search(r"^home +/ +" + ROW_FIGURES, report, re.M), report
    floor = r"^floor +/__floor__/kim-sejeong-talks-first-full-length-album-door/ +"
    assert re.search(floor + ROW_FIGURES, report, re.M), report
    # The bare view measured in a page's place, last, and said so.
    assert "Each phase ends with a control: the bare view measured" in report
    assert re.search(r"^control +/__bare__/ +" + ROW_FIGURES, report, re.M), report
    assert "NOT ALL 200" not in report
    assert re.search(r"^Hangul name +구구단( +[\d.]+){4} +0$", report, re.M)
    assert "Changing phase" not in report
    fresh = report[report.index("Pages made afresh") :]
    assert re.search(r"^home +/ +[\d.]+ +[\d.]+ +0$", fresh, re.M), report
    # Which page is dearest is the machine's to say: two runs of the floor
    # page once read 149 ms p95 beside the home page's 40.
    assert re.search(
        r"^Dearest request the page cache cannot answer: (home|floor) made afresh, "
        r"[\d.]+ ms p95; the dearest search \(.+, cards afresh\) [\d.]+ ms p95$",
        report,
        re.M,
    ), report
