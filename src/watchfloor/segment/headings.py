"""Heading kinds and the section tree built from them.

Bulletins nest as *theatre* (``Main developments in Iraq``, ``Idlib region``, ``Egypt and the
Sinai Peninsula``) > *story* (``Coalition aircraft attack on an ISIS prison``) > *sub-area*
(``Diyala Province``, ``Al-Raqqah area``). Plain text carries no levels, so each heading's
kind (from ``data/segment/headings.tsv``) decides where it hangs:

- ``summary``, ``top``, ``container``: level 1.
- ``theatre``: level 1, or a child of an open ``container``
  (``ISIS's provinces abroad`` > ``Yemen``).
- ``region`` (``The Euphrates Valley``): a child of an open country theatre, top section or
  container, else level 1.
- ``story``: a child of the nearest open theatre/region/top/container, else level 1.
- ``overview``: like a story, but takes no children; with no theatre open it is the summary.
- ``subarea``: a child of the nearest open story or theatre (a sibling of an open sub-area).

Markdown ``#`` headings keep their own explicit levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.models import Section, Span
from watchfloor.segment.vocab import Vocabulary, fold

_ANCHORS = frozenset({"top", "container", "theatre", "region"})
_REGION_PARENTS = frozenset({"top", "container", "theatre"})
_THEATRE_SPLIT = re.compile(r"\s{0,3}(?:,|&|/|\band\b|–|—)\s{0,3}")
_CONNECTORS = frozenset({"the", "of", "and", "bin", "ibn", "bani", "abu"})
_MAX_PARTICLE = 3  # "ez" in "Deir ez-Zor Province", "al", "wa": lower-case particles
_MAX_THEATRE_PARTS = 4
_MAX_SUBAREA_WORDS = 6


@dataclass(frozen=True, slots=True)
class HeadingLine:
    """A heading found in the text, before it is placed in the tree."""

    text: str
    span: Span
    md_level: int = 0


def _strip_the(value: str) -> str:
    return value[4:] if value.startswith("the ") else value


def normalise_heading(text: str) -> str:
    """The folded form of a heading used for matching word lists."""
    return " ".join(fold(text).split()).rstrip(" :")


_TRAILING_PAREN = re.compile(r"\s{0,3}\([^()]{0,60}\)$")


def _place_parts(folded: str) -> list[str]:
    """``"egypt and the sinai peninsula (update)"`` -> ``["egypt", "sinai peninsula"]``."""
    bare = _TRAILING_PAREN.sub("", folded)
    parts = [_strip_the(part.strip()) for part in _THEATRE_SPLIT.split(_strip_the(bare))]
    return [part for part in parts if part]


def _theatre_part(part: str, vocab: Vocabulary) -> str | None:
    """``"theatre"``, ``"region"`` or None for one part of a heading."""
    for name in (part, *_without_suffix(part, vocab)):
        if name in vocab.theatre_names:
            return "theatre"
        if name in vocab.region_names:
            return "region"
    return None


def _without_suffix(part: str, vocab: Vocabulary) -> tuple[str, ...]:
    head, _, last = part.rpartition(" ")
    if head and last in vocab.headings["theatre-suffix"]:
        return (_strip_the(head),)
    return ()


def _theatre_kind(folded: str, vocab: Vocabulary) -> str | None:
    """``theatre`` when every part names a place and one is a country, ``region`` when all
    parts are regions, else None."""
    parts = _place_parts(folded)
    if not parts or len(parts) > _MAX_THEATRE_PARTS:
        return None
    kinds = [_theatre_part(part, vocab) for part in parts]
    if None in kinds:
        return None
    return "theatre" if "theatre" in kinds else "region"


def _is_subarea_phrase(folded: str, original: str, vocab: Vocabulary) -> bool:
    words = folded.split()
    for prefix in vocab.headings["subarea-prefix"]:
        if folded.startswith(prefix + " ") and len(words) <= _MAX_SUBAREA_WORDS + 3:
            return True
    if (
        not 2 <= len(words) <= _MAX_SUBAREA_WORDS
        or words[-1] not in vocab.headings["subarea-suffix"]
    ):
        return False
    for word in original.split()[:-1]:
        bare = word.strip("\"'“”‘’()")
        if not bare or len(bare) <= _MAX_PARTICLE or fold(bare) in _CONNECTORS:
            continue
        particle, dash, rest = bare.partition("-")
        joined = bool(dash) and len(particle) <= _MAX_PARTICLE and rest[:1].isupper()  # ez-Zor
        if not (bare[0].isupper() or bare[0].isdigit() or joined):
            return False
    return True


def _is_subarea(folded: str, original: str, vocab: Vocabulary) -> bool:
    """``Diyala Province``, ``The area of Al-Mayadeen``, ``Homs Province and the Syrian Desert``."""
    if _is_subarea_phrase(folded, original, vocab):
        return True
    parts = _place_parts(folded)
    originals = _place_parts(original)
    if len(parts) < 2 or len(parts) != len(originals):
        return False
    found = False
    for part, written in zip(parts, originals, strict=True):
        if _theatre_part(part, vocab) is not None:
            continue
        if not _is_subarea_phrase(part, written, vocab):
            return False
        found = True
    return found


def classify_heading(text: str, vocab: Vocabulary) -> str:
    """One of ``summary overview top container theatre region subarea story``."""
    folded = normalise_heading(text)
    kinds = vocab.headings
    if folded in kinds["summary"]:
        return "summary"
    if folded in kinds["overview"]:
        return "overview"
    if folded in kinds["top"] or any(folded.startswith(p + " ") for p in kinds["top-prefix"]):
        return "top"
    if folded in kinds["container"]:
        return "container"
    theatre = _theatre_kind(folded, vocab)
    if theatre is not None:
        return theatre
    if _is_subarea(folded, text, vocab):
        return "subarea"
    return "story"


def is_known_heading(text: str, vocab: Vocabulary) -> bool:
    """True for headings named in the word lists (summary, theatres, top sections)."""
    return classify_heading(text, vocab) not in ("story", "subarea")


@dataclass(slots=True)
class _Open:
    index: int
    kind: str
    level: int


def _parent_for(kind: str, stack: list[_Open]) -> _Open | None:
    """The open section a new heading of ``kind`` hangs under (None: level 1)."""
    if kind in ("summary", "top", "container"):
        return None
    if kind == "theatre":
        return stack[0] if stack and stack[0].kind == "container" else None
    if kind == "region":
        wanted = _REGION_PARENTS
    elif kind == "subarea":
        wanted = _ANCHORS | {"story"}
    else:
        wanted = _ANCHORS
    for entry in reversed(stack):
        if entry.kind == "summary":
            return None
        if entry.kind in wanted:
            return entry
    return None


def build_sections(
    headings: list[HeadingLine], text_length: int, vocab: Vocabulary
) -> list[Section]:
    """Place ``headings`` (in document order) into a tree and return its sections."""
    placed: list[tuple[HeadingLine, int, int | None, bool]] = []  # heading, level, parent, summary
    stack: list[_Open] = []
    for index, heading in enumerate(headings):
        kind = classify_heading(heading.text, vocab)
        if heading.md_level:
            while stack and stack[-1].level >= heading.md_level:
                stack.pop()
            parent = stack[-1] if stack else None
        else:
            parent = _parent_for(kind, stack)
            if kind == "overview" and parent is None:
                kind = "summary"
        level = heading.md_level or (parent.level + 1 if parent else 1)
        summary = kind == "summary" or (parent is not None and placed[parent.index][3])
        placed.append((heading, level, parent.index if parent else None, summary))
        if parent is None:
            stack = []
        else:
            stack = stack[: stack.index(parent) + 1]
        stack.append(_Open(index=index, kind=kind, level=level))
    sections: list[Section] = []
    for index, (heading, level, parent_index, summary) in enumerate(placed):
        end = text_length
        for later, later_level, _, _ in placed[index + 1 :]:
            if later_level <= level:
                end = later.span[0]
                break
        path = (
            (*sections[parent_index].path, heading.text)
            if parent_index is not None
            else (heading.text,)
        )
        sections.append(
            Section(
                index=index,
                heading=heading.text,
                level=level,
                path=path,
                span=(heading.span[0], end),
                parent=parent_index,
                is_summary=summary,
            )
        )
    return sections
