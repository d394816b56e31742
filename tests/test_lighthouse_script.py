"""scripts/lighthouse.py without Lighthouse: how it reads a report and which
figures miss the issue's targets. (The script itself runs Lighthouse on a
production server; it is not part of the suite.)"""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "lighthouse.py"
_spec = importlib.util.spec_from_file_location("lighthouse_script", SCRIPT)
lighthouse = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lighthouse)


def audit(title, score, value=None):
    return {"title": title, "score": score, "numericValue": value}


def report(scores=None, cls=0.0, lcp=900.0, requests=None, seo_robots=1, console=1):
    """A Lighthouse JSON report with just the parts the script reads."""
    scores = dict.fromkeys(lighthouse.CATEGORIES, 1.0) | (scores or {})
    refs = {
        "performance": [
            {"id": "cumulative-layout-shift", "weight": 25},
            {"id": "largest-contentful-paint", "weight": 25},
        ],
        "accessibility": [],
        "best-practices": [
            {"id": "errors-in-console", "weight": 1},
            {"id": "network-requests", "weight": 0},
        ],
        "seo": [{"id": "robots-txt", "weight": 1}],
    }
    return {
        "finalDisplayedUrl": "http://127.0.0.1:8000/",
        "categories": {
            category: {"score": scores[category], "auditRefs": refs[category]}
            for category in lighthouse.CATEGORIES
        },
        "audits": {
            "cumulative-layout-shift": audit("CLS", 1 if cls == 0 else 0.5, cls),
            "largest-contentful-paint": audit("LCP", 1, lcp),
            "errors-in-console": audit("Browser errors", console),
            "robots-txt": audit("robots.txt is not valid", seo_robots),
            "network-requests": {
                "title": "Network requests",
                "score": None,
                "details": {"items": requests or []},
            },
        },
    }


PAGE_REQUESTS = [
    {"resourceType": "Document", "transferSize": 6_000},
    {"resourceType": "Stylesheet", "transferSize": 4_000},
    {"resourceType": "Font", "transferSize": 20_000},
    {"resourceType": "Image", "transferSize": 150_000},
    {"resourceType": "Other"},  # a request that transferred nothing
]


def test_a_report_gives_scores_out_of_100_and_the_bytes_before_images():
    measured = lighthouse.read_report(
        "article", report({"seo": 0.92}, requests=PAGE_REQUESTS)
    )
    assert measured.scores == {
        "performance": 100,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 92,
    }
    assert measured.bytes_before_images == 30_000
    assert measured.lcp_ms == 900.0
    assert measured.cls == 0.0


def test_only_weighted_audits_that_failed_are_said_to_cost_points():
    measured = lighthouse.read_report(
        "home", report({"seo": 0.92, "best-practices": 0.96}, seo_robots=0, console=0)
    )
    assert measured.losses == [
        ("best-practices", "Browser errors", 0),
        ("seo", "robots.txt is not valid", 0),
    ]


def test_a_category_lighthouse_could_not_score_shows_as_missing():
    measured = lighthouse.read_report("home", report({"seo": None}))
    assert measured.scores["seo"] is None
    assert "| home | 100 | 100 | 100 | - |" in lighthouse.table([measured])
    missed = lighthouse.missed_targets(measured, lighthouse.TARGETS["home"])
    assert missed == ["home: seo is None, not 100"]


def test_a_page_at_100_everywhere_with_no_shift_and_a_fast_paint_misses_nothing():
    for page in ("home", "article", "artist", "search"):
        measured = lighthouse.read_report(page, report(requests=PAGE_REQUESTS))
        assert lighthouse.missed_targets(measured, lighthouse.TARGETS[page]) == []


def test_search_results_are_not_held_to_seo_which_noindex_fails_on_purpose():
    measured = lighthouse.read_report("search", report({"seo": 0.58}))
    assert lighthouse.missed_targets(measured, lighthouse.TARGETS["search"]) == []
    as_home = lighthouse.read_report("home", report({"seo": 0.58}))
    assert lighthouse.missed_targets(as_home, lighthouse.TARGETS["home"]) == [
        "home: seo is 58, not 100"
    ]


@pytest.mark.parametrize(
    "figures, missed",
    [
        ({"scores": {"performance": 0.99}}, "artist: performance is 99, not 100"),
        ({"scores": {"accessibility": 0.95}}, "artist: accessibility is 95, not 100"),
        ({"cls": 0.001}, "artist: layout shifts (CLS 0.001)"),
        ({"lcp": 1500.0}, "artist: largest paint at 1500 ms, not under 1500"),
    ],
)
def test_each_target_a_page_misses_is_named(figures, missed):
    measured = lighthouse.read_report("artist", report(**figures))
    assert lighthouse.missed_targets(measured, lighthouse.TARGETS["artist"]) == [missed]


def test_only_the_article_is_held_to_100_kb_before_photos():
    heavy = [{"resourceType": "Font", "transferSize": 100_000}]
    article = lighthouse.read_report("article", report(requests=heavy))
    assert lighthouse.missed_targets(article, lighthouse.TARGETS["article"]) == [
        "article: 100,000 bytes before images, not under 100,000"
    ]
    home = lighthouse.read_report("home", report(requests=heavy))
    assert lighthouse.missed_targets(home, lighthouse.TARGETS["home"]) == []


def test_of_several_runs_the_median_by_performance_counts():
    runs = [
        lighthouse.read_report("home", report({"performance": score}, lcp=lcp))
        for score, lcp in [(0.97, 1400.0), (1.0, 800.0), (0.99, 1000.0)]
    ]
    assert lighthouse.median_run(runs).lcp_ms == 1000.0
    assert lighthouse.median_run(runs[:2]).lcp_ms == 1400.0


def test_the_table_has_a_row_per_page_with_its_figures():
    measured = lighthouse.read_report(
        "article", report({"seo": 0.92}, cls=0.0, lcp=903.4, requests=PAGE_REQUESTS)
    )
    lines = lighthouse.table([measured]).splitlines()
    assert lines[0] == "| page | perf | a11y | best | seo | CLS | LCP ms | bytes |"
    assert lines[2] == "| article | 100 | 100 | 100 | 92 | 0.000 | 903 | 30,000 |"


def test_without_lighthouse_installed_it_says_how_and_exits_2(
    monkeypatch, tmp_path, capsys
):
    monkeypatch.setattr(lighthouse, "LIGHTHOUSE", tmp_path / "lighthouse")
    assert lighthouse.main(["--reports", str(tmp_path / "reports")]) == 2
    assert "npm ci" in capsys.readouterr().out


def test_runs_below_one_are_refused(capsys):
    with pytest.raises(SystemExit) as refused:
        lighthouse.parse_arguments(["--runs", "0"])
    assert refused.value.code == 2
    assert "--runs must be 1 or more" in capsys.readouterr().err
