"""Load the ingest word lists in ``watchfloor/data/ingest/`` (``kind<TAB>value<TAB>note``)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from watchfloor.errors import DataFileError

DATA_PACKAGE = "watchfloor.data.ingest"


def parse_lexicon(text: str, *, name: str, kinds: frozenset[str]) -> dict[str, frozenset[str]]:
    """Parse a kind/value TSV; every kind in ``kinds`` gets a set (values lower-cased).

    Raises ``DataFileError`` naming ``file:line`` for a missing version, a short row or an
    unknown kind.
    """
    values: dict[str, set[str]] = {kind: set() for kind in kinds}
    version_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if line.startswith("# version\t"):
            version_seen = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[1].strip():
            raise DataFileError(
                "bad-row", "expected kind<TAB>value<TAB>note", path=f"{name}:{number}"
            )
        kind, value = cells[0].strip(), cells[1].strip().lower()
        if kind not in kinds:
            raise DataFileError(
                "bad-kind",
                f"unknown kind {kind!r}; expected one of {sorted(kinds)}",
                path=f"{name}:{number}",
            )
        values[kind].add(value)
    if not version_seen:
        raise DataFileError("no-version", "first line must be '# version<TAB>N'", path=f"{name}:1")
    return {kind: frozenset(found) for kind, found in values.items()}


@cache
def load_lexicon(name: str, kinds: frozenset[str]) -> dict[str, frozenset[str]]:
    """Read and validate a bundled lexicon once per process."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return parse_lexicon(text, name=name, kinds=kinds)
