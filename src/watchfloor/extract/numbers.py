"""Tokens and quantities: "twenty-five", "1,200", "a hundred", "between 14 and 30", "dozens".

The word lists live in ``data/extract/numbers.tsv`` (number words, vague quantity words,
qualifiers, month names). :func:`tokenize` splits text into word, number and punctuation
tokens with their offsets; :func:`find_quantities` reads every count in a token list once,
left to right, so callers look quantities up by token index instead of re-matching text.
Every loop here advances by at least one token, so hostile input costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from watchfloor.errors import DataFileError

DATA_PACKAGE = "watchfloor"
DATA_DIR = "data/extract"

MAX_DIGITS = 12
"""A run of more digits is an identifier or noise, never a count."""

_TOKEN_RE = re.compile(r"\d{1,40}(?:[.,]\d{1,40}){0,10}|[^\W\d_]{1,60}(?:['’][^\W\d_]{1,20})?|\S")
_ASCII_TOKEN_RE = re.compile(
    r"[0-9]{1,40}(?:[.,][0-9]{1,40}){0,10}|[A-Za-z]{1,60}(?:'[A-Za-z]{1,20})?|\S"
)
r"""``_TOKEN_RE`` for ASCII text, where ``\d`` is ``[0-9]``, ``[^\W\d_]`` is ``[A-Za-z]`` and
"’" cannot occur: the same tokens, found about twice as fast (speed only)."""
_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,6})?")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    lower: str
    start: int
    end: int

    @property
    def is_digits(self) -> bool:
        return self.text[:1].isdigit()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count read from tokens ``first..last`` (inclusive).

    ``kind`` is ``exact`` (a stated number), ``vague`` ("dozens": ``value`` is ACLED's
    figure), ``single`` ("a", "another": one person, if a victim noun or verb follows) or
    ``zero`` ("no", "nobody"). ``qualifier`` is the canonical qualifier ("at least").
    ``blocked`` marks a number that is a date, year, time, age, ordinal or distance.
    """

    value: int
    kind: str
    first: int
    last: int
    qualifier: str | None = None
    blocked: bool = False
    start: int = -1  # first token of the number itself (after any qualifier)


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The vocabularies of ``numbers.tsv``, keyed by lower-case word."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    exact: dict[str, int]
    vague: dict[str, int]
    single: frozenset[str]
    zero: frozenset[str]
    qualifiers: dict[tuple[str, ...], str]
    ranges: frozenset[str]
    months: dict[str, int]
    qualifier_starts: frozenset[str] = field(init=False)
    """First words of the qualifiers: a token not here opens no qualifier."""
    qualifier_lengths: dict[str, tuple[int, ...]] = field(init=False)
    """For each first word, the lengths of the qualifiers it opens, longest first."""
    number_starts: frozenset[str] = field(init=False)
    """Words a number can start with (besides digits): a token not here opens no number."""
    openers: frozenset[str] = field(init=False)
    """``qualifier_starts`` and ``number_starts`` together."""

    def __post_init__(self) -> None:
        starts = {phrase[0] for phrase in self.qualifiers if phrase}
        object.__setattr__(self, "qualifier_starts", frozenset(starts))
        lengths: dict[str, set[int]] = {}
        for phrase in self.qualifiers:
            if phrase:
                lengths.setdefault(phrase[0], set()).add(len(phrase))
        object.__setattr__(
            self,
            "qualifier_lengths",
            {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()},
        )
        number_starts = {"a", "an", "one", *self.units, *self.tens, *self.vague}
        number_starts.update(self.zero, self.single)
        object.__setattr__(self, "number_starts", frozenset(number_starts))
        object.__setattr__(self, "openers", self.qualifier_starts | self.number_starts)


_KINDS = frozenset(
    {"unit", "tens", "scale", "exact", "vague", "single", "zero", "qualifier", "range", "month"}
)


def read_rows(
    name: str, text: str, *, kinds: frozenset[str], min_cells: int = 2
) -> list[list[str]]:
    """Rows of a versioned TSV data file, validated: ``# version<TAB>N`` first, known kinds.

    Raises ``DataFileError`` naming ``file:line``.
    """
    rows: list[list[str]] = []
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# version\t"):
        raise DataFileError("no-version", "first line must be '# version<TAB>N'", path=f"{name}:1")
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < min_cells or not cells[1]:
            raise DataFileError(
                "bad-row",
                f"expected at least {min_cells} tab-separated cells",
                path=f"{name}:{number}",
            )
        if cells[0] not in kinds:
            raise DataFileError(
                "bad-kind",
                f"unknown kind {cells[0]!r}; expected one of {sorted(kinds)}",
                path=f"{name}:{number}",
            )
        cells.append(str(number))
        rows.append(cells)
    return rows


def read_data_file(name: str) -> str:
    """The text of a bundled file in ``watchfloor/data/extract/``."""
    return resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")


def parse_number_words(text: str, *, name: str = "numbers.tsv") -> NumberWords:
    """Build :class:`NumberWords` from the text of a ``numbers.tsv`` file."""
    tables: dict[str, dict[str, int]] = {k: {} for k in ("unit", "tens", "scale", "exact", "vague")}
    single: set[str] = set()
    zero: set[str] = set()
    qualifiers: dict[tuple[str, ...], str] = {}
    ranges: set[str] = set()
    months: dict[str, int] = {}
    for cells in read_rows(name, text, kinds=_KINDS):
        kind, word, line = cells[0], cells[1].lower(), cells[-1]
        value = cells[2] if len(cells) > 3 else ""
        if kind in tables or kind == "month":
            if not value.isdigit():
                raise DataFileError(
                    "bad-value", f"{word!r} needs a whole number", path=f"{name}:{line}"
                )
            (months if kind == "month" else tables[kind])[word] = int(value)
        elif kind == "single":
            single.add(word)
        elif kind == "zero":
            zero.add(word)
        elif kind == "qualifier":
            if not value:
                raise DataFileError(
                    "bad-value", f"{word!r} needs a canonical form", path=f"{name}:{line}"
                )
            qualifiers[tuple(word.split())] = value
        else:
            ranges.add(word)
    return NumberWords(
        units=tables["unit"],
        tens=tables["tens"],
        scales=tables["scale"],
        exact=tables["exact"],
        vague=tables["vague"],
        single=frozenset(single),
        zero=frozenset(zero),
        qualifiers=qualifiers,
        ranges=frozenset(ranges),
        months=months,
    )


@cache
def load_number_words() -> NumberWords:
    """The bundled ``numbers.tsv``, read and validated once per process."""
    return parse_number_words(read_data_file("numbers.tsv"))


def tokenize(text: str) -> list[Token]:
    """Words (with an inner apostrophe), digit runs ("1,200", "2.5") and single symbols."""
    return [
        Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)
    ]


def token_texts(text: str) -> list[str]:
    """The strings of :func:`tokenize`'s tokens, without offsets (one C-level scan)."""
    return (_ASCII_TOKEN_RE if text.isascii() else _TOKEN_RE).findall(text)


class TokenOffsets:
    """Character offsets of the tokens :func:`token_texts` gave for ``text``, found on demand.

    Only whitespace lies between two tokens (every other character is a token), so each
    token is the first occurrence of its string after the end of the one before: offsets up
    to the highest index asked for are found with ``str.find``, never by re-tokenising.
    """

    __slots__ = ("_starts", "_text", "_tokens")

    def __init__(self, text: str, tokens: Sequence[str]) -> None:
        self._text = text
        self._tokens = tokens
        self._starts: list[int] = []

    def start(self, index: int) -> int:
        starts = self._starts
        tokens = self._tokens
        found = len(starts)
        pos = starts[-1] + len(tokens[found - 1]) if found else 0
        while found <= index:
            pos = self._text.find(tokens[found], pos)
            starts.append(pos)
            pos += len(tokens[found])
            found += 1
        return starts[index]

    def end(self, index: int) -> int:
        return self.start(index) + len(self._tokens[index])


def digits_value(text: str) -> float | None:
    """``"1,200"`` -> 1200, ``"2.5"`` -> 2.5; ``None`` for noise ("1.2.3", 40 digits)."""
    plain = text.replace(",", "")
    if plain.count(".") > 1 or len(plain) > MAX_DIGITS:
        return None
    if "," in text and not _GROUPED_RE.fullmatch(text):
        return None
    try:
        return float(plain) if "." in plain else int(plain)
    except ValueError:
        return None


def _match_phrase(lowers: Sequence[str], i: int, words: NumberWords) -> int:
    """Length in tokens of the longest qualifier starting at ``i`` (0 if none)."""
    lengths = words.qualifier_lengths.get(lowers[i])
    if lengths is None:
        return 0
    phrases = words.qualifiers
    n = len(lowers)
    for length in lengths:
        if length <= 3 and i + length <= n and tuple(lowers[i : i + length]) in phrases:
            return length
    return 0


def _read_words(
    lowers: Sequence[str], i: int, words: NumberWords, *, lead: int = -1
) -> tuple[int, int] | None:
    """Number words from ``i``: ``(value, last index)``: "twenty-five", "one hundred and two".

    ``lead`` is the index of an "a"/"one" before a scale word ("a hundred").
    """
    units, tens, scales = words.units, words.tens, words.scales
    total = 0
    current = 1 if lead >= 0 else 0
    last = lead
    j = i
    n = len(lowers)
    while j < n and j - i < 12:
        word = lowers[j]
        if word in units or word in tens:
            current += units.get(word, 0) + tens.get(word, 0)
            last = j
        elif word in scales and last >= 0:
            scale = scales[word]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
            last = j
        elif word in ("-", "and") and last == j - 1 and j + 1 < n:
            nxt = lowers[j + 1]
            if not (nxt in units or nxt in tens):
                break
        else:
            break
        j += 1
    if last < 0:
        return None
    return total + current, last


def _read_number(
    texts: Sequence[str], lowers: Sequence[str], i: int, words: NumberWords
) -> tuple[int, str, int] | None:
    """One number at ``i``: ``(value, kind, last index)``, kind as in :class:`Quantity`."""
    n = len(lowers)
    if texts[i][:1].isdigit():
        value = digits_value(texts[i])
        if value is None:
            return None
        last = i
        if i + 1 < n and lowers[i + 1] in words.scales:
            value *= words.scales[lowers[i + 1]]
            last = i + 1
        return int(value), "exact", last
    word = lowers[i]
    if word not in words.number_starts and not (i == 0 and word in ("-", "and")):
        return None  # no branch below can read a number from this word
    if word in ("a", "an", "one") and i + 1 < n:
        nxt = lowers[i + 1]
        if nxt in words.scales:
            found = _read_words(lowers, i + 1, words, lead=i)
            if found is not None:
                return found[0], "exact", found[1]
        if nxt in words.exact:
            return words.exact[nxt], "exact", i + 1
    if word in words.units or word in words.tens or i == 0:
        read = _read_words(lowers, i, words)  # it reads nothing from any other word
        if read is not None:
            return read[0], "exact", read[1]
    if word in words.vague:
        return words.vague[word], "vague", i
    if word in words.zero:
        if word == "no" and i + 1 < n and lowers[i + 1] == "one":
            return 0, "zero", i + 1
        return 0, "zero", i
    if word in words.single:
        return 1, "single", i
    return None


def _is_blocked_number(
    texts: Sequence[str], lowers: Sequence[str], i: int, last: int, words: NumberWords
) -> bool:
    """A date, year, time, ordinal, age or model number rather than a count."""
    text = texts[i]
    if not text[:1].isdigit():
        return False
    n = len(lowers)
    prev = lowers[i - 1] if i > 0 else ""
    nxt = lowers[last + 1] if last + 1 < n else ""
    after = lowers[last + 2] if last + 2 < n else ""
    if prev in words.months or nxt in words.months:
        return True
    if nxt in ("st", "nd", "rd", "th", "am", "pm", "hrs", "h") or (nxt == ":" and after.isdigit()):
        return True
    if nxt in ("a", "p") and after == ".":
        return True
    if nxt == "-" and after in ("year", "years", "month", "day", "km", "kilometer", "kilometre"):
        return True
    if prev in ("aged", "age", "ages", "no", "number", "#") or (prev in ("-", ":") and i > 1):
        return True
    value = digits_value(text)
    if "," not in text and isinstance(value, int) and 1900 <= value <= 2100:
        return True
    # an age between commas after a name: "Ahmad Saleh, 17, from ..."
    return prev == "," and nxt == "," and i > 1 and texts[i - 2][:1].isupper()


def find_quantities(tokens: Sequence[Token], words: NumberWords | None = None) -> list[Quantity]:
    """Every count in ``tokens``, left to right, with its qualifier and range folded in.

    "between 14 and 30" and "14 to 30" give 14 with qualifier "at least"; "30 or more" gives
    30 "at least". Numbers that are dates, years, times, ordinals or ages come back with
    ``blocked`` set so callers can stop at them.
    """
    return quantities_of([t.text for t in tokens], [t.lower for t in tokens], words)


def quantities_of(
    texts: Sequence[str], lowers: Sequence[str], words: NumberWords | None = None
) -> list[Quantity]:
    """:func:`find_quantities` over token strings and their lower-case forms (no offsets).

    Only a token that can open a qualifier or a number is looked at closely, so a long
    sentence with few numbers costs one set lookup per token.
    """
    words = words or load_number_words()
    n = len(lowers)
    # the tokens that can open a qualifier or a number (and the first, see _read_words); the
    # tokens between them are never looked at
    openers = words.openers
    if len(texts) != n:
        raise ValueError("texts and lowers differ in length")
    candidates = [k for k, lower in enumerate(lowers) if lower in openers or lower[:1].isdigit()]
    if n and (not candidates or candidates[0] != 0):
        candidates.insert(0, 0)
    found: list[Quantity] = []
    i = 0
    for candidate in candidates:
        if candidate < i:
            continue
        i = candidate
        qual_len = _match_phrase(lowers, i, words)
        start = i + qual_len
        number = _read_number(texts, lowers, start, words) if start < n else None
        if number is None:
            i += max(qual_len, 1)
            continue
        value, kind, last = number
        qualifier = words.qualifiers[tuple(lowers[i:start])] if qual_len else None
        if kind in ("single", "zero") and qual_len:
            i = start
            continue
        # a range: "between 14 and 30", "14 to 30", "14-30", "three or four"
        joiner = lowers[last + 1] if last + 1 < n else ""
        between = qual_len and lowers[i] == "between"
        if (
            kind == "exact"
            and last + 2 < n
            and (joiner in words.ranges or (between and joiner == "and"))
        ):
            other = _read_number(texts, lowers, last + 2, words)
            if other is not None and other[1] == "exact" and other[0] >= value:
                last = other[2]
                qualifier = "at least"
        if (
            kind == "exact"
            and last + 2 < n
            and lowers[last + 1] == "or"
            and lowers[last + 2] == "more"
        ):
            qualifier = "at least"
            last += 2
        blocked = kind == "exact" and _is_blocked_number(texts, lowers, start, last, words)
        found.append(Quantity(value, kind, i, last, qualifier, blocked, start))
        i = last + 1
    return found
