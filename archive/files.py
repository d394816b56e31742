"""Finding the files of an import and reading them safely."""

from pathlib import Path

from django.core.management.base import CommandError

from .records import NUL, NUL_PROBLEM, ImportProblem

# Larger files are refused: an interview is a few dozen KB at most, and a
# runaway file should not fill memory.
MAX_FILE_BYTES = 5 * 1024 * 1024
FORMAT_OF_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "raw",
}
FORMATS = set(FORMAT_OF_SUFFIX.values())
BOMS = {
    b"\xef\xbb\xbf": "UTF-8",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def collect(paths, *, format=None):
    """The files to import, as (path, format), folders searched recursively."""
    found = []
    for given in map(Path, paths):
        if given.is_dir():
            # In a folder, files are chosen by extension; --format narrows
            # the choice to that format's files (a README.md beside .txt
            # pages is not a raw page).
            files = [
                p
                for p in sorted(given.rglob("*"))
                if p.is_file()
                and FORMAT_OF_SUFFIX.get(p.suffix.lower())
                in ({format} if format else FORMATS)
            ]
            if not files:
                wanted = ", ".join(
                    s for s, f in FORMAT_OF_SUFFIX.items() if format in (None, f)
                )
                raise CommandError(f"{given}: no importable files ({wanted})")
            found += files
        elif given.is_file():
            found.append(given)
        else:
            raise CommandError(f"{given}: no such file or folder")
    result = []
    for path in dict.fromkeys(found):
        kind = format or FORMAT_OF_SUFFIX.get(path.suffix.lower())
        if kind is None:
            raise CommandError(
                f"{path}: unknown format; name it .md, .txt or .json, or use --format"
            )
        result.append((path, kind))
    return result


def read_text(path):
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportProblem(
            path, 0, f"{size} bytes is over the {MAX_FILE_BYTES} byte limit"
        )
    data = path.read_bytes()
    for bom, encoding in BOMS.items():
        if data.startswith(bom):
            raise ImportProblem(
                path,
                1,
                f"the file starts with a {encoding} byte-order mark; "
                "save it as UTF-8 without one",
            )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportProblem(
            path, line, "not UTF-8 text; save the file as UTF-8"
        ) from None
    if not text.strip():
        raise ImportProblem(path, 1, "the file is empty")
    if NUL in text:
        raise ImportProblem(path, text.count("\n", 0, text.index(NUL)) + 1, NUL_PROBLEM)
    return text
