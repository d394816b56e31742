"""The apps depend on each other one way only: each imports from the layers
below it (README, "Layout"), as the import-linter contract in pyproject.toml
says and `make check` checks. These tests show the contract holds, and that
it breaks on each import that once tied two apps together both ways."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PATH": "", "PYTHONPATH": str(root)},
    )


def test_the_house_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        # Each of these was once in the code, making two apps depend on
        # each other.
        ("artists/views.py", "from interviews.models import Interview"),
        ("interviews/views.py", "from comments.models import with_comment_count"),
        ("photos/models.py", "from interviews.choices import InterviewStatus"),
        ("interviews/models.py", "from magazine import urls"),
        # And any other way up.
        ("core/models.py", "import people.models"),
        ("people/models.py", "from photos.models import Photo"),
        ("archive/services.py", "from magazine.roles import EDITOR"),
    ],
)
def test_an_import_from_a_higher_layer_breaks_the_contract(tmp_path, module, line):
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "0 kept, 1 broken" in result.stdout
    importer = module.removesuffix(".py").replace("/", ".")
    imported = line.split()[1]
    lower, higher = importer.split(".")[0], imported.split(".")[0]
    assert f"{lower} is not allowed to import {higher}" in result.stdout
    assert f"- {importer} -> {imported}" in result.stdout


def test_every_app_of_the_project_has_its_layer():
    """A new app must take a place in the contract, or nothing checks it."""
    from django.conf import settings

    ours = {app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()}
    (contract,) = CONFIG["contracts"]
    assert ours | {"core"} == set(CONFIG["root_packages"]) == set(contract["layers"])
