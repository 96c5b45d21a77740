"""Literal prefilters for the rulebook's big alternations (speed only, same matches).

A trigger or cue alternation is tried at every character of every sentence, which is
most of the extraction time. Most alternatives need some literal word to match at all
("suicide", "clash", "ambush"): ``needed_literals`` reads that set from the parsed
pattern, and ``Alternation.for_text`` compiles (once, cached) the alternation of only the
alternatives whose words occur in the text. An alternative that cannot occur anywhere
in the text can never be the leftmost match, so every search, match and finditer gives
exactly what the full alternation gives.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from functools import reduce
from itertools import repeat
from operator import or_
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MAX_CACHED = 4096
"""Distinct subsets compiled per alternation before the cache starts again."""

_SKIP = {"AT", "ASSERT", "ASSERT_NOT"}  # zero-width: need nothing
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def needed_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains; ``None`` when unknown."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return _sequence(list(parsed))


def pattern_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """``needed_literals`` of a compiled pattern; ``None`` (unknown) when its compile flags
    fold case or allow comments, where a literal in the pattern text is not one in the text."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return needed_literals(pattern.pattern)


def may_match(literals: frozenset[str] | None, text: str) -> bool:
    """Whether a pattern needing one of ``literals`` can match ``text`` (``None``: maybe).

    ``False`` only when ``text`` holds none of them: the pattern's search is then skipped
    with the same result. Cheap: plain substring tests.
    """
    return literals is None or any(word in text for word in literals)


def _sequence(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if name in _SKIP:
            continue
        found = _item(name, av)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset({"".join(run)}))
    if not options:
        return None
    return max(options, key=lambda option: min(len(word) for word in option))


def _item(name: str, av: Any) -> frozenset[str] | None:
    if name == "SUBPATTERN":
        _group, add_flags, del_flags, inner = av
        if add_flags or del_flags:
            return None
        return _sequence(list(inner))
    if name == "ATOMIC_GROUP":
        return _sequence(list(av))
    if name == "BRANCH":
        words: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            words |= found
        return frozenset(words)
    if name in _REPEATS:
        low, _high, inner = av
        return _sequence(list(inner)) if low >= 1 else None
    return None


def split_branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a|(?:b|c)" -> ["a", "(?:b|c)"])."""
    parts: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":
                i += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


class Subset:
    """The alternatives of an ``Alternation`` that may match one text, searched one by one.

    ``search``, ``match`` and ``finditer`` give the matches the joined alternation gives:
    the leftmost match, and at one position the first alternative in order that matches.
    """

    __slots__ = ("_joined", "_patterns")

    def __init__(self, patterns: tuple[re.Pattern[str], ...], joined: re.Pattern[str] | None):
        self._patterns = patterns
        self._joined = joined  # set when an alternative may match the empty string

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._joined is not None:
            return self._joined.search(text, pos, endpos)
        best: re.Match[str] | None = None
        for pattern in self._patterns:
            found = pattern.search(text, pos, endpos)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._joined is not None:
            return self._joined.match(text, pos, endpos)
        for pattern in self._patterns:
            found = pattern.match(text, pos, endpos)
            if found is not None:
                return found
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._joined is not None:
            yield from self._joined.finditer(text)
            return
        if len(self._patterns) == 1:
            yield from self._patterns[0].finditer(text)
            return
        pending = [pattern.search(text) for pattern in self._patterns]
        while True:
            best: re.Match[str] | None = None
            for found in pending:
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return
            yield best
            end = best.end()
            for n, found in enumerate(pending):
                if found is not None and found.start() < end:
                    pending[n] = self._patterns[n].search(text, end)


class Scanner:
    """Finds, in one pass per text, the literal words of several alternations.

    At each position the longest word starting there is reported; every shorter word
    starting there is one of its prefixes. Results are remembered per text until
    ``forget`` (a document's sentences are read by several alternations).
    """

    def __init__(self, words: set[str]) -> None:
        self.words = frozenset(words)
        self._pattern = re.compile(f"(?=({_trie(sorted(words))}))") if words else None
        self._memo: dict[str, tuple[str, ...]] = {}

    def words_in(self, text: str) -> tuple[str, ...]:
        if self._pattern is None:
            return ()
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= MAX_CACHED:
                self._memo.clear()
            found = tuple(self._pattern.findall(text))
            self._memo[text] = found
        return found

    def forget(self) -> None:
        self._memo = {}


class Alternation:
    """Regex alternatives joined in order, with the subset that may match each text."""

    def __init__(self, parts: Sequence[str]) -> None:
        self.parts = tuple(parts)
        self.full = re.compile("|".join(self.parts) or "(?!)")
        self._compiled = tuple(re.compile(part) for part in self.parts)
        self._needs = [needed_literals(part) for part in self.parts]
        self._always = frozenset(i for i, need in enumerate(self._needs) if need is None)
        self._always_mask = sum(1 << i for i in self._always)
        self.words = {word for need in self._needs if need is not None for word in need}
        self._empty = any(_may_be_empty(part) for part in self.parts)
        self._cache: dict[int, Subset] = {}  # bit mask of the parts kept -> their subset
        self._by_words: dict[tuple[str, ...], Subset] = {}
        self.share(Scanner(self.words))

    def share(self, scanner: Scanner) -> None:
        """Read texts with ``scanner``, which must know every word of this alternation."""
        if not self.words <= scanner.words:
            raise ValueError("the scanner lacks words of this alternation")
        self._scanner = scanner
        owners: dict[str, int] = {}  # a word found -> the parts needing it, as a bit mask
        for found in scanner.words:
            parts = 0
            for i, need in enumerate(self._needs):
                if need is not None and any(found.startswith(word) for word in need):
                    parts |= 1 << i
            if parts:
                owners[found] = parts
        self._owners = owners
        self._by_words = {}

    def forget(self) -> None:
        """Drop the subsets remembered per set of words found."""
        self._by_words = {}

    def for_text(self, text: str) -> Subset:
        """The alternatives that may match somewhere in ``text``, in their order."""
        words = self._scanner.words_in(text)
        subset = self._by_words.get(words)
        if subset is None:
            if len(self._by_words) >= MAX_CACHED:
                self._by_words.clear()
            subset = self._subset_for(words)
            self._by_words[words] = subset
        return subset

    def _subset_for(self, words: tuple[str, ...]) -> Subset:
        mask = reduce(or_, map(self._owners.get, words, repeat(0)), self._always_mask)
        subset = self._cache.get(mask)
        if subset is None:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            key = tuple(i for i in range(mask.bit_length()) if mask >> i & 1)
            joined = None
            if self._empty:
                joined = re.compile("|".join(self.parts[i] for i in key) or "(?!)")
            subset = Subset(tuple(self._compiled[i] for i in key), joined)
            self._cache[mask] = subset
        return subset


def _may_be_empty(pattern: str) -> bool:
    try:
        return bool(sre_parse.parse(pattern).getwidth()[0] == 0)
    except re.error:
        return True


def _trie(words: list[str]) -> str:
    """One pattern for a word list shaped as a prefix trie: the longest word matches."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root) or "(?!)"


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_SAFE_CHARS: dict[str, bool] = {}
_ASCII_LETTER = re.compile(r"(?i)[a-z]")
_CLASSES = (re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s"))


def lower_safe(text: str) -> bool:
    r"""Whether ``text.lower()`` keeps every offset and matches a lower-case ASCII pattern
    exactly where ``re.IGNORECASE`` does on ``text``.

    True when each non-ASCII character lowers to one non-ASCII character ("É" -> "é",
    "Ḥ" -> "ḥ"), is not folded onto an ASCII letter by ``re.IGNORECASE`` (dotless "ı", long
    "ſ", the Kelvin sign) and keeps its ``\w``, ``\d`` and ``\s`` class when lowered: such a
    character matches no ASCII letter either way, and every boundary stays where it was.
    """
    if text.isascii():
        return True
    for char in set(text):
        if char > "\x7f":
            safe = _SAFE_CHARS.get(char)
            if safe is None:
                safe = _SAFE_CHARS[char] = _char_lower_safe(char)
            if not safe:
                return False
    return True


def _char_lower_safe(char: str) -> bool:
    lower = char.lower()
    if len(lower) != 1 or lower.isascii():
        return False
    if _ASCII_LETTER.match(char) or _ASCII_LETTER.match(lower):
        return False
    return all(bool(c.match(char)) == bool(c.match(lower)) for c in _CLASSES)
