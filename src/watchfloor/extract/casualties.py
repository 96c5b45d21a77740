"""Casualty figures of one telling: killed, wounded, a joint "killed or wounded" figure.

``parse_casualties(text)`` reads the counts that English conflict reporting attaches to
casualty words (guide section 3: ``killed``, ``wounded``, ``killed_or_wounded``,
``casualty_qualifier``, ``fatalities``):

- the count before a passive verb or noun: "two policemen were killed", "11 fatalities",
  "five wounded", "no casualties were reported", "he was executed" (one person);
- the count after an active verb: "killing 16 people", "killed 42 inmates and 15 guards"
  (distinct victim groups of one clause are summed), "killing one and wounding another";
- one person: "killing him", "executed her on the spot", "wounding a third" (an ordinal after
  an earlier count), "Ahmad Saleh, 17, was killed" (the age is not a count);
- coordinated victims before one verb add up: "an officer and a soldier were killed" (2),
  "three fighters and two civilians who were in the market were wounded" (5); an execution
  verb with "them" counts the victims named before it ("captured two men ... and beheaded
  them");
- qualifiers and ranges: "at least", "more than", "between 14 and 30" (14, "at least");
- vague words: "dozens" leaves ``killed`` empty, sets the qualifier and ACLED's
  ``fatalities`` (several/many 10, dozens 12, hundreds 100).

Numbers that are distances ("14 km"), dates, years, times, ages, ordinals or counts of
things ("two IEDs", "three vehicles") are never taken. Words live in
``data/extract/casualties.tsv`` and ``data/extract/numbers.tsv``. Parenthetical text (a
citation, a gloss) is skipped. The input is capped at ``MAX_TEXT`` characters and every
scan is bounded, so hostile text costs linear time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import compress

from watchfloor.errors import DataFileError
from watchfloor.extract.numbers import (
    Quantity,
    TokenOffsets,
    load_number_words,
    quantities_of,
    read_data_file,
    read_rows,
    token_texts,
)

MAX_TEXT = 20_000
"""Characters of a telling that are read; a longer text is cut there."""

BACK_WINDOW = 12
FORWARD_WINDOW = 7
MAX_GROUPS = 6

_STOP_PUNCT = frozenset({".", ";", ":", "!", "?", "•", "|"})
_BRACKETS = frozenset({"(", "[", ")", "]"})
_DROP = frozenset({"*", '"', "“", "”", "‘", "’", "'", "«", "»", "_"})
_PASSIVE_AUX = frozenset({"was", "were", "is", "are", "been", "being", "be", "got", "get"})
_CATEGORIES = ("killed", "wounded", "joint")
_VOICES = ("active", "passive", "either")
_KINDS = frozenset(
    {
        "verb",
        "victim",
        "blocker",
        "aux",
        "pronoun",
        "determiner",
        "boundary",
        "object",
        "ordinal",
        "execution",
        "connector",
    }
)
ANAPHOR_WINDOW = 30
"""Tokens looked back from "executed them" for the counted victims it refers to."""
CLAUSE_WINDOW = 10
"""Tokens looked back from a blocker for the clause opener after the victims."""
MAX_JUMPS = 2
MAX_AGE = 120


@dataclass(frozen=True, slots=True)
class Casualties:
    """The casualty fields of one event (guide section 3). ``spans`` index into the text."""

    killed: int | None = None
    wounded: int | None = None
    killed_or_wounded: int | None = None
    qualifier: str | None = None
    fatalities: int = 0
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CasualtyWords:
    """The vocabularies of ``casualties.tsv``."""

    verbs: dict[tuple[str, ...], tuple[str, str]]  # phrase -> (category, voice)
    victims: frozenset[str]
    blockers: frozenset[str]
    aux: dict[str, str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    boundaries: frozenset[str]
    objects: frozenset[str] = frozenset()
    """Object pronouns of one person: "killing him"."""
    ordinals: frozenset[str] = frozenset()
    """Ordinals naming one more victim after "a": "wounding a third"."""
    executions: frozenset[tuple[str, ...]] = frozenset()
    """Verb phrases whose "them" refers back to counted victims: "beheaded them"."""
    connectors: frozenset[str] = frozenset()
    """Words opening a clause between victims and verb: "two men who were in the market"."""
    verb_starts: frozenset[str] = field(init=False)
    """First words of the verb phrases: a text with no such token has no casualty figure."""
    verb_needles: tuple[str, ...] | None = field(init=False)
    """``verb_starts`` minus the words holding another ("kill" for "killed", "killing"): a
    text whose lower-case form holds none has no such token. ``None`` (no test) when a word
    is not ASCII, where lower-casing a token and a whole text may differ."""

    def __post_init__(self) -> None:
        starts = frozenset(phrase[0] for phrase in self.verbs if phrase)
        object.__setattr__(self, "verb_starts", starts)
        needles: tuple[str, ...] | None = None
        if all(word.isascii() for word in starts):
            needles = tuple(sorted(w for w in starts if not any(v != w and v in w for v in starts)))
        object.__setattr__(self, "verb_needles", needles)

    def is_victim(self, word: str) -> bool:
        return _noun_in(word, self.victims)

    def is_blocker(self, word: str) -> bool:
        return _noun_in(word, self.blockers)


@dataclass(frozen=True, slots=True)
class _Candidate:
    category: str
    value: int
    kind: str  # exact, vague, zero
    qualifier: str | None
    word: str  # the quantity word ("dozens") for vague figures
    span: tuple[int, int]  # first and last visible token (``_Reader.chars`` gives offsets)


def _noun_in(word: str, nouns: frozenset[str]) -> bool:
    """``word`` or its singular ("soldiers", "policemen", "casualties") is in ``nouns``."""
    if word in nouns:
        return True
    if word.endswith("men") and word[:-3] + "man" in nouns:
        return True
    if word.endswith("ies") and word[:-3] + "y" in nouns:
        return True
    if word.endswith("es") and word[:-2] in nouns:
        return True
    return word.endswith("s") and word[:-1] in nouns


def parse_casualty_words(text: str, *, name: str = "casualties.tsv") -> CasualtyWords:
    """Build :class:`CasualtyWords` from the text of a ``casualties.tsv`` file."""
    verbs: dict[tuple[str, ...], tuple[str, str]] = {}
    sets: dict[str, set[str]] = {k: set() for k in _KINDS if k not in ("verb", "aux")}
    aux: dict[str, str] = {}
    for cells in read_rows(name, text, kinds=_KINDS):
        kind, phrase, line = cells[0], cells[1].lower(), cells[-1]
        if kind == "verb":
            category = cells[2] if len(cells) > 3 else ""
            voice = cells[3] if len(cells) > 4 else ""
            if category not in _CATEGORIES or voice not in _VOICES:
                raise DataFileError(
                    "bad-verb",
                    f"{phrase!r} needs a category {_CATEGORIES} and a voice {_VOICES}",
                    path=f"{name}:{line}",
                )
            words = tuple(phrase.split())
            if len(words) > 4:
                raise DataFileError(
                    "too-long", "a verb phrase has at most 4 words", path=f"{name}:{line}"
                )
            verbs[words] = (category, voice)
        elif kind == "aux":
            aux[phrase] = cells[2] if len(cells) > 3 and cells[2] else "any"
        else:
            sets[kind].add(phrase)
    return CasualtyWords(
        verbs=verbs,
        victims=frozenset(sets["victim"]),
        blockers=frozenset(sets["blocker"]),
        aux=aux,
        pronouns=frozenset(sets["pronoun"]),
        determiners=frozenset(sets["determiner"]),
        boundaries=frozenset(sets["boundary"]),
        objects=frozenset(sets["object"]),
        ordinals=frozenset(sets["ordinal"]),
        executions=frozenset(tuple(phrase.split()) for phrase in sets["execution"]),
        connectors=frozenset(sets["connector"]),
    )


@cache
def load_casualty_words() -> CasualtyWords:
    """The bundled ``casualties.tsv``, read and validated once per process."""
    return parse_casualty_words(read_data_file("casualties.tsv"))


@dataclass(frozen=True, slots=True)
class _Visible:
    """The visible tokens of a text as parallel lists; ``index`` maps to all its tokens."""

    texts: list[str]
    lowers: list[str]
    index: Sequence[int]


def _visible_tokens(texts: list[str], lowers: list[str] | None = None) -> _Visible:
    """Tokens outside balanced parentheses/brackets, without quotes and emphasis marks.

    ``lowers``, when given, are the lower-case forms of ``texts`` (computed once by the caller).
    """
    n = len(texts)
    hidden: list[tuple[int, int]] = []  # outermost bracketed ranges, in order
    stack: list[int] = []
    for index in compress(range(n), map(_BRACKETS.__contains__, texts)):
        if texts[index] in "([":
            stack.append(index)
        elif stack:
            opened = stack.pop()
            if not stack:
                hidden.append((opened, index + 1))
    drop = not _DROP.isdisjoint(texts)
    if lowers is None:
        lowers = list(map(str.lower, texts))
    if not hidden and not drop:
        return _Visible(texts, lowers, range(n))
    keep: list[int] = []
    pos = 0
    for opened, closed in hidden:
        keep.extend(range(pos, opened))
        pos = closed
    keep.extend(range(pos, n))
    if drop:
        keep = [i for i in keep if texts[i] not in _DROP]
    return _Visible(list(map(texts.__getitem__, keep)), list(map(lowers.__getitem__, keep)), keep)


class _Reader:
    """One pass over the tokens of a text; holds the lookups the scans share."""

    def __init__(self, offsets: TokenOffsets, visible: _Visible, words: CasualtyWords) -> None:
        self.offsets = offsets
        self.texts = visible.texts
        self.lowers = visible.lowers
        self.index = visible.index
        self.words = words
        self.verb_at: dict[int, int] = {}  # token index of any casualty word -> phrase end
        self.quantities: list[Quantity] = []
        self.by_first: dict[int, Quantity] = {}
        self.by_last: dict[int, Quantity] = {}
        self.first_count_end = len(self.lowers)
        self._victim: dict[str, bool] = {}
        self._blocker: dict[str, bool] = {}

    def read_quantities(self) -> None:
        """Read every count of the text (done once the text is known to hold a phrase)."""
        self.quantities = quantities_of(self.texts, self.lowers, load_number_words())
        self.by_first = {q.first: q for q in self.quantities}
        self.by_last = {q.last: q for q in self.quantities}
        counts = [q.last for q in self.quantities if q.kind in ("exact", "single")]
        self.first_count_end = min(counts) if counts else len(self.lowers)

    def is_victim(self, word: str) -> bool:
        known = self._victim.get(word)
        if known is None:
            known = self._victim[word] = self.words.is_victim(word)
        return known

    def is_blocker(self, word: str) -> bool:
        known = self._blocker.get(word)
        if known is None:
            known = self._blocker[word] = self.words.is_blocker(word)
        return known

    def verb_phrases(self) -> list[tuple[int, int, str, str]]:
        """``(first, end, category, voice)`` of every casualty phrase, longest match first."""
        found: list[tuple[int, int, str, str]] = []
        lowers = self.lowers
        verbs = self.words.verbs
        starts = self.words.verb_starts
        i = 0
        n = len(lowers)
        while i < n:
            if lowers[i] not in starts:
                i += 1
                continue
            for length in (4, 3, 2, 1):
                if i + length > n:
                    continue
                key = tuple(lowers[i : i + length])
                if key in verbs:
                    category, voice = verbs[key]
                    found.append((i, i + length, category, voice))
                    for k in range(i, i + length):
                        self.verb_at[k] = i + length
                    i += length
                    break
            else:
                i += 1
        return found

    def is_stop(self, index: int) -> bool:
        return self.texts[index] in _STOP_PUNCT

    def has_passive_aux(self, first: int) -> bool:
        """A passive auxiliary ("were", "had been") shortly before the verb."""
        for k in range(first - 1, max(first - 6, -1), -1):
            if self.is_stop(k) or k in self.verb_at:
                return False
            if self.lowers[k] in _PASSIVE_AUX:
                return True
        return False

    def noun_phrase_end(self, q: Quantity) -> int | None:
        """Last token of the victim phrase after a count, or ``None`` if it counts things."""
        lowers = self.lowers
        n = len(lowers)
        k = q.last + 1
        if k < n and lowers[k] == "of":
            k += 1
        word = lowers[q.first]
        for j in range(k, min(k + FORWARD_WINDOW, n)):
            lower = lowers[j]
            if self.is_victim(lower):
                while j + 1 < n and self.is_victim(lowers[j + 1]):
                    j += 1
                return j
            if self.is_blocker(lower) or (j in self.by_first and j > k):
                return None
            if self.is_stop(j) or self.texts[j] == "," or lower in self.words.boundaries:
                break
            if j in self.verb_at:
                break
        if q.kind == "single" and self.ordinal_after(q):
            return q.last + 1
        if q.kind == "single" and word != "another":
            return None
        return q.last

    def ordinal_after(self, q: Quantity) -> bool:
        """ "a third" after an earlier count: one more victim ("wounding a third")."""
        lowers = self.lowers
        k = q.last + 1
        return (
            lowers[q.first] in ("a", "an")
            and k < len(lowers)
            and lowers[k] in self.words.ordinals
            and (k + 1 >= len(lowers) or lowers[k + 1] != "of")
            and self.first_count_end < q.first
        )

    def is_age(self, q: Quantity) -> bool:
        """ "Ahmad Saleh, 17," or "a villager, 45,": an age between commas, not a count."""
        i = q.first
        lowers = self.lowers
        if q.kind != "exact" or q.start != i or q.last != i or i < 2 or i + 1 >= len(lowers):
            return False
        if lowers[i - 1] != "," or lowers[i + 1] != "," or not lowers[i].isdigit():
            return False
        before = self.texts[i - 2]
        return 0 < q.value <= MAX_AGE and (before[:1].isupper() or self.is_victim(before.lower()))

    def object_pronoun(self, start: int, category: str) -> _Candidate | None:
        """ "killing him", "executed her on the spot": one person after an active verb."""
        lowers = self.lowers
        n = len(lowers)
        if start >= n or lowers[start] not in self.words.objects:
            return None
        nxt = start + 1
        if nxt < n:
            after = lowers[nxt]
            if nxt in self.by_first or self.is_victim(after) or after == "own":
                return None  # "killing her husband", "her two sons": a noun phrase
            if after == "and" and nxt + 1 not in self.verb_at:
                return None  # "killing him and his son": more than one
        return _Candidate(category, 1, "exact", None, "", (start, start))

    def antecedent(self, first: int, category: str) -> _Candidate | None:
        """ "captured two Christians ... and beheaded them": the counted object before."""
        lowers = self.lowers
        for k in range(first - 1, max(first - 1 - ANAPHOR_WINDOW, 0), -1):
            if self.is_stop(k):
                return None
            q = self.by_first.get(k)
            if q is None or q.kind != "exact" or q.blocked or self.is_age(q):
                continue
            if self.is_stop(k - 1) or lowers[k - 1] in (",", "and"):
                continue  # a subject ("Two gunmen stopped ..."), not an object
            last = self.noun_phrase_end(q)
            if last is None or last <= q.last:
                continue
            return self.forward(k, category)
        return None

    def clause_start(self, k: int, floor: int) -> int | None:
        """The victim noun before a clause holding the blocker at ``k``:
        "two civilians who were in the market at the time were wounded"."""
        lowers = self.lowers
        for j in range(k - 1, max(k - 1 - CLAUSE_WINDOW, floor, 0), -1):
            if self.is_stop(j) or j in self.verb_at:
                return None
            if lowers[j] in self.words.connectors and self.is_victim(lowers[j - 1]):
                return j - 1
        return None

    def forward(self, end: int, category: str) -> _Candidate | None:
        """The count after an active verb ending at ``end``; "and"-joined victim groups add up."""
        lowers = self.lowers
        start = end
        if tuple(lowers[start : start + 3]) == ("a", "total", "of"):
            start += 3
        q = self.by_first.get(start)
        if q is None:
            return self.object_pronoun(start, category)
        if q.blocked:
            return None
        last = self.noun_phrase_end(q)
        if last is None:
            return None
        total = q.value
        for _ in range(MAX_GROUPS if q.kind == "exact" else 0):
            if last + 2 >= len(lowers):
                break
            if lowers[last + 1] not in ("and", ","):
                break
            nxt = self.by_first.get(last + 2)
            if nxt is None or nxt.blocked or nxt.kind != "exact":
                break
            nxt_last = self.noun_phrase_end(nxt)
            if nxt_last is None:
                break
            total += nxt.value
            last = nxt_last
        return self._candidate(category, q, total, (start, last))

    def backward(self, first: int, category: str) -> _Candidate | None:
        """The count before a passive verb or noun starting at ``first``."""
        words = self.words
        lowers = self.lowers
        saw_victim = False
        singular = False
        plural = False
        floor = max(first - 1 - BACK_WINDOW, -1)
        jumps = 0
        k = first
        while k - 1 > floor:
            k -= 1
            lower = lowers[k]
            if self.is_stop(k) or k in self.verb_at:
                break
            q = self.by_last.get(k)
            if q is not None:
                if self.is_age(q):
                    if singular and not plural:
                        return self._one(category, True, (q.first, first))
                    k = q.first
                    continue
                if q.blocked:
                    return None
                if (
                    q.kind == "single"
                    and not saw_victim
                    and lower != "another"
                    and not self.ordinal_after(q)
                ):
                    break
                total = q.value
                if q.kind == "exact" or (q.kind == "single" and saw_victim and plural):
                    total += self._earlier_groups(q)
                return self._candidate(category, q, total, (q.first, first))
            if self.is_blocker(lower):
                jump = self.clause_start(k, floor) if jumps < MAX_JUMPS else None
                if jump is None:
                    return None
                jumps += 1
                floor = max(floor - (k - jump), -1)
                k = jump + 1
                continue
            if lower in words.aux:
                singular = singular or words.aux[lower] == "singular"
                plural = plural or words.aux[lower] == "plural"
            if self.is_victim(lower):
                saw_victim = True
            if lower in words.pronouns:
                return self._one(category, singular, (k, first))
            if lower in words.determiners and saw_victim:
                if k > 0 and lowers[k - 1] == "of":
                    continue
                return self._one(category, singular and not plural, (k, first))
        return None

    def _earlier_groups(self, q: Quantity) -> int:
        """Counts of victim groups joined to ``q`` by "and": "two soldiers and three civilians"."""
        extra = 0
        current = q
        for _ in range(MAX_GROUPS):
            k = current.first - 1
            if k < 1 or self.lowers[k] not in ("and", ","):
                break
            found = None
            saw_victim = False
            for j in range(k - 1, max(k - 1 - FORWARD_WINDOW, -1), -1):
                if self.is_stop(j) or j in self.verb_at or self.is_blocker(self.lowers[j]):
                    break
                earlier = self.by_last.get(j)
                if earlier is not None:
                    found = earlier
                    break
                saw_victim = saw_victim or self.is_victim(self.lowers[j])
            if (
                found is None
                or found.kind not in ("exact", "single")
                or found.blocked
                or self.is_age(found)
                or not saw_victim
            ):
                break
            extra += found.value
            current = found
        return extra

    def _one(self, category: str, singular: bool, span: tuple[int, int]) -> _Candidate | None:
        if not singular:
            return None
        return _Candidate(category, 1, "exact", None, "", span)

    def _candidate(
        self, category: str, q: Quantity, total: int, span: tuple[int, int]
    ) -> _Candidate:
        word = self.lowers[q.last] if q.kind == "vague" else ""
        kind = "exact" if q.kind == "single" else q.kind
        return _Candidate(category, total, kind, q.qualifier, word, span)

    def chars(self, span: tuple[int, int]) -> tuple[int, int]:
        """Character offsets of a token span (only the chosen figures' spans are needed)."""
        first, last = span
        last = min(max(last, first), len(self.lowers) - 1)
        return self.offsets.start(self.index[first]), self.offsets.end(self.index[last])

    def candidates(self) -> list[_Candidate]:
        found: list[_Candidate] = []
        phrases = self.verb_phrases()
        if not phrases:
            return found  # no casualty phrase: the counts do not matter
        self.read_quantities()
        for first, end, category, voice in phrases:
            candidate: _Candidate | None = None
            if self._executes_them(first, end):
                candidate = self.antecedent(first, category)
            if candidate is not None:
                found.append(candidate)
                continue
            if voice == "active":
                candidate = self.forward(end, category)
            elif voice == "passive":
                candidate = self.backward(first, category)
            elif self.has_passive_aux(first):
                candidate = self.backward(first, category)
            else:
                candidate = self.forward(end, category)
                if candidate is not None and self._count_then_verb(end):
                    candidate = None
                if candidate is None:
                    candidate = self.backward(first, category)
            if candidate is not None:
                found.append(candidate)
        return found

    def _executes_them(self, first: int, end: int) -> bool:
        """ "beheaded them": an execution verb whose object refers back to counted victims."""
        return (
            end < len(self.lowers)
            and self.lowers[end] == "them"
            and tuple(self.lowers[first:end]) in self.words.executions
        )

    def _count_then_verb(self, end: int) -> bool:
        """ "5 killed 3 wounded": the count after the verb belongs to the next verb."""
        q = self.by_first.get(end)
        return q is not None and q.last + 1 in self.verb_at


def _combine(
    candidates: Sequence[_Candidate], chars: Callable[[tuple[int, int]], tuple[int, int]]
) -> Casualties:
    chosen: dict[str, _Candidate] = {}
    for candidate in candidates:
        if candidate.kind != "zero" and candidate.category not in chosen:
            chosen[candidate.category] = candidate
    for candidate in candidates:
        if candidate.kind != "zero":
            continue
        targets = ("killed", "wounded") if candidate.category == "joint" else (candidate.category,)
        for target in targets:
            chosen.setdefault(target, candidate)
    figures: dict[str, int | None] = {}
    spans: dict[str, tuple[int, int]] = {}
    for category, name in (
        ("killed", "killed"),
        ("joint", "killed_or_wounded"),
        ("wounded", "wounded"),
    ):
        picked = chosen.get(category)
        if picked is not None:
            figures[name] = None if picked.kind == "vague" else picked.value
            spans[name] = chars(picked.span)
    qualifier: str | None = None
    for category in ("killed", "joint", "wounded"):
        picked = chosen.get(category)
        if picked is not None:
            qualifier = picked.word or picked.qualifier
            break
    killed_candidate = chosen.get("killed")
    fatalities = killed_candidate.value if killed_candidate is not None else 0
    return Casualties(
        killed=figures.get("killed"),
        wounded=figures.get("wounded"),
        killed_or_wounded=figures.get("killed_or_wounded"),
        qualifier=qualifier,
        fatalities=fatalities,
        spans=spans,
    )


def parse_casualties(text: str, *, words: CasualtyWords | None = None) -> Casualties:
    """Read the casualty figures of one telling (one or a few sentences of an event).

    Returns a :class:`Casualties` whose ``spans`` map ``killed``/``wounded``/
    ``killed_or_wounded`` to character offsets within ``text``. Nothing found gives all
    figures ``None`` and ``fatalities`` 0.
    """
    words = words or load_casualty_words()
    text = text[:MAX_TEXT]
    if words.verb_needles is not None:
        lowered = text.lower()
        if not any(needle in lowered for needle in words.verb_needles):
            return Casualties()  # no casualty word at all: nothing to read
    texts = token_texts(text)
    lowers = list(map(str.lower, texts))
    if words.verb_starts.isdisjoint(lowers):
        return Casualties()
    reader = _Reader(TokenOffsets(text, texts), _visible_tokens(texts, lowers), words)
    return _combine(reader.candidates(), reader.chars)
