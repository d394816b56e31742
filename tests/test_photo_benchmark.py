"""The photo benchmark runs and prints its figures (its numbers are not
asserted: they depend on the machine)."""

from io import StringIO

from django.core.management import call_command


def test_the_benchmark_prints_speed_memory_and_refusals():
    out = StringIO()
    call_command("benchmark_photos", megapixels=0.5, runs=1, stdout=out)
    report = out.getvalue()
    assert "renditions/s" in report
    assert "Peak resident memory of the worker" in report
    for name in ["bomb 14000x14000", "polyglot PNG+HTML", "HTML named .jpg"]:
        assert f"{name}: refused in" in report
