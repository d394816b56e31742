"""Two editors saving at the same moment on SQLite: the second waits its
turn instead of failing with "database is locked", and neither save is lost.

Each save is a transaction that reads, then writes, as the admin's change
view is; the two run in threads of a fresh process against a database file
(tests/concurrent_saves.py), with the project's settings for SQLite."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_two_saves_at_once_both_succeed_in_turn(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "magazine.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "concurrent_saves.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["n=2", "saved", "saved"]
