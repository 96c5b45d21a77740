"""Load the segmentation word lists shipped in ``watchfloor/data/segment/``.

Every file is a TSV of ``kind<TAB>value<TAB>note`` rows after a ``# version<TAB>N`` line;
values are matched case-insensitively (stored lower-cased, curly apostrophes folded).
See ``data/segment/README.md`` for what each kind means.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from watchfloor.errors import DataFileError

DATA_PACKAGE = "watchfloor.data.segment"

HEADING_KINDS = frozenset(
    {
        "summary",
        "overview",
        "top",
        "top-prefix",
        "container",
        "theatre",
        "region",
        "theatre-suffix",
        "subarea-suffix",
        "subarea-prefix",
    }
)
CAPTION_KINDS = frozenset({"caption-prefix", "legend-colour", "legend-verb"})
ABBREVIATION_KINDS = frozenset({"title", "inline", "final", "starter"})
CITATION_KINDS = frozenset(
    {"undated-source", "not-name-prefix", "not-name-suffix", "trim-clause", "keep-whole"}
)


def fold(text: str) -> str:
    """Lower-case ``text`` and fold curly apostrophes, for matching against word lists."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


def parse_word_list(text: str, *, name: str, kinds: frozenset[str]) -> dict[str, frozenset[str]]:
    """Parse one ``kind<TAB>value<TAB>note`` file; every kind in ``kinds`` gets a set.

    Raises ``DataFileError`` naming ``file:line`` for a missing version, a short row or
    an unknown kind.
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
        kind, value = cells[0].strip(), fold(cells[1].strip())
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


def _load(name: str, kinds: frozenset[str]) -> dict[str, frozenset[str]]:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return parse_word_list(text, name=name, kinds=kinds)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every word list segmentation uses, keyed by the ``kind`` column of its file."""

    headings: dict[str, frozenset[str]]
    captions: dict[str, frozenset[str]]
    abbreviations: dict[str, frozenset[str]]
    citations: dict[str, frozenset[str]]
    theatre_names: frozenset[str] = frozenset()  # theatre names without a leading "the "
    region_names: frozenset[str] = frozenset()  # region names without a leading "the "


@cache
def load_vocabulary() -> Vocabulary:
    """Read and validate the bundled segmentation word lists once per process."""
    headings = _load("headings.tsv", HEADING_KINDS)
    return Vocabulary(
        headings=headings,
        captions=_load("captions.tsv", CAPTION_KINDS),
        abbreviations=_load("abbreviations.tsv", ABBREVIATION_KINDS),
        citations=_load("citations.tsv", CITATION_KINDS),
        theatre_names=frozenset(name.removeprefix("the ") for name in headings["theatre"]),
        region_names=frozenset(name.removeprefix("the ") for name in headings["region"]),
    )
