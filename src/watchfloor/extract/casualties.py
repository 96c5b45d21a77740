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
- named victims count one each and join counted ones: "killing an officer and his driver" (2),
  "the driver and two passengers were killed" (3), "killing him and his brother" (2);
  groups after a comma count once "and" closes the list ("three fighters, two guards and a
  driver");
- whole groups: "killing both of them" (2), "all three of them" (3), "all of them" (the
  victims counted before the verb); a part is not added: "five people, including two
  children, were killed" (5);
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
_CLAUSE_VERBS = _PASSIVE_AUX | {"had", "has", "have"}
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
        "whole",
        "collective",
        "subset",
    }
)
ANAPHOR_WINDOW = 30
"""Tokens looked back from "executed them" for the counted victims it refers to."""
CLAUSE_WINDOW = 10
"""Tokens looked back from a blocker for the clause opener after the victims."""
MAX_JUMPS = 2
MAX_OF_PHRASE = 4
"""Words of an "of" phrase skipped between joined victims ("the head of the council and ...")."""
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
    wholes: dict[str, int] = field(default_factory=dict)
    """Words naming every victim of a group: "both" 2; 0 for "all" (the count stated)."""
    collectives: frozenset[str] = frozenset()
    """Victim nouns naming a group, never one person after "the"/"his": "his family"."""
    subsets: frozenset[tuple[str, ...]] = frozenset()
    """Phrases opening a part of a count: "five people, including two children"."""
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

    def is_one_person(self, word: str) -> bool:
        """A singular victim noun naming one person: "driver", "son" (not "family", "crew")."""
        return word in self.victims and word not in self.collectives


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
    wholes: dict[str, int] = {}
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
        elif kind == "whole":
            value = cells[2] if len(cells) > 3 else ""
            if value and not value.isdigit():
                raise DataFileError(
                    "bad-value", f"{phrase!r} needs a whole number or none", path=f"{name}:{line}"
                )
            wholes[phrase] = int(value or 0)
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
        wholes=wholes,
        collectives=frozenset(sets["collective"]),
        subsets=frozenset(tuple(phrase.split()) for phrase in sets["subset"]),
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
                return self.victim_run_end(j)
            if self.blocks(j) or (j in self.by_first and j > k):
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

    def blocks(self, j: int) -> bool:
        """A blocker noun at ``j`` that is not a modifier of a victim ("truck drivers")."""
        if not self.is_blocker(self.lowers[j]):
            return False
        return j + 1 >= len(self.lowers) or not self.is_victim(self.lowers[j + 1])

    def victim_run_end(self, j: int) -> int:
        """Last noun of the victim phrase whose first victim noun is at ``j``: "police
        officer", "police intelligence officer" (up to two plain words between nouns)."""
        lowers = self.lowers
        n = len(lowers)
        for _ in range(MAX_GROUPS):
            if j + 1 < n and self.is_victim(lowers[j + 1]):
                j += 1
                continue
            for gap in (2, 3):
                if (
                    j + gap < n
                    and self.is_victim(lowers[j + gap])
                    and all(map(self._modifier, range(j + 1, j + gap)))
                ):
                    j += gap
                    break
            else:
                break
        return j

    def _modifier(self, j: int) -> bool:
        """A plain word inside a victim phrase ("intelligence" in "police intelligence officer")."""
        lower = self.lowers[j]
        words = self.words
        return (
            lower.isalpha()
            and j not in self.by_first
            and j not in self.verb_at
            and lower not in words.boundaries
            and lower not in words.determiners
            and lower not in words.aux
            and lower not in words.connectors
            and lower not in words.pronouns
            and not self.is_blocker(lower)
        )

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
        """The count after an active verb ending at ``end``; "and"-joined victim groups add up:
        "killing two soldiers and a civilian" (3), "killing him and his brother" (2)."""
        lowers = self.lowers
        n = len(lowers)
        start = end
        if tuple(lowers[start : start + 3]) == ("a", "total", "of"):
            start += 3
        if start >= n:
            return None
        q = self.by_first.get(start)
        if q is None:
            whole = self.whole(start, end, category)
            if whole is not None:
                return whole
            first = self.person(start)
            if first is None:
                return None
        else:
            if q.blocked:
                return None
            last = self.noun_phrase_end(q)
            if last is None:
                return None
            if q.kind not in ("exact", "single"):
                return self._candidate(category, q, q.value, (start, last))
            first = (q.value, last)
        total, last = first
        qualifier = q.qualifier if q is not None else None
        pos = last
        pending = 0
        pending_qualifier: str | None = None
        for _ in range(MAX_GROUPS):
            k = self._of_phrase_end(pos) + 1
            if k + 1 >= n:
                break
            joiner = lowers[k]
            if joiner == "," and lowers[k + 1] == "and":
                k += 1
                joiner = "and"
            if joiner not in ("and", ",") or k + 1 >= n:
                break
            group = self.group(k + 1)
            if group is None or self.opens_clause(group[1]):
                break
            value, pos, group_qualifier = group
            pending += value
            pending_qualifier = pending_qualifier or group_qualifier
            if joiner == "and":  # "A, B and C": groups after a comma count once "and" closes them
                total += pending
                qualifier = qualifier or pending_qualifier
                last = pos
                pending = 0
                pending_qualifier = None
        if q is None and total == 1 and self._unread_partner(last):
            return None  # "killing him and others": more than one, count unknown
        return _Candidate(category, total, "exact", qualifier, "", (start, last))

    def _of_phrase_end(self, last: int) -> int:
        """The end of a short "of" phrase after a victim group that another group follows:
        "the mukhtar of the village and his son"; ``last`` when there is none."""
        lowers = self.lowers
        n = len(lowers)
        if last + 2 >= n or lowers[last + 1] != "of":
            return last
        for j in range(last + 2, min(last + 2 + MAX_OF_PHRASE, n - 1)):
            lower = lowers[j]
            if (
                not lower.isalpha()
                or lower in self.words.boundaries
                or j in self.verb_at
                or j in self.by_first
            ):
                return last
            if lowers[j + 1] in ("and", ","):
                return j
        return last

    def _unread_partner(self, last: int) -> bool:
        """ "him and others", "the driver and his family": more victims after one person,
        with no count to read."""
        lowers = self.lowers
        n = len(lowers)
        k = last + 1
        if k >= n or lowers[k] != "and":
            return False
        for j in range(k + 1, min(k + 1 + FORWARD_WINDOW, n)):
            lower = lowers[j]
            if self.is_victim(lower):
                return True
            if (
                self.is_stop(j)
                or self.texts[j] == ","
                or j in self.verb_at
                or lower in self.words.boundaries
                or self.is_blocker(lower)
            ):
                return False
        return False

    def group(self, start: int) -> tuple[int, int, str | None] | None:
        """A further victim group after "and" or a comma: ``(count, last token, qualifier)``."""
        q = self.by_first.get(start)
        if q is None:
            found = self.person(start)
            return None if found is None else (found[0], found[1], None)
        if q.blocked or q.kind not in ("exact", "single") or self.is_age(q):
            return None
        last = self.noun_phrase_end(q)
        if last is None:
            return None
        if q.kind == "single" and last == q.last and self.lowers[q.first] != "another":
            return None
        return q.value, last, q.qualifier

    def opens_clause(self, last: int) -> bool:
        """A verb right after a victim group: it is the subject of the next clause
        ("killing two soldiers and a civilian was wounded")."""
        k = last + 1
        if k >= len(self.lowers):
            return False
        return k in self.verb_at or self.lowers[k] in _CLAUSE_VERBS

    def person(self, start: int) -> tuple[int, int] | None:
        """One person or a counted group opened by a pronoun or determiner, no count first:
        "him", "the driver", "his deputy", "her two sons". ``(count, last token)``."""
        lowers = self.lowers
        n = len(lowers)
        word = lowers[start]
        words = self.words
        if word in words.objects and self.object_pronoun(start, "killed") is not None:
            return 1, start
        if word not in words.determiners:
            return None
        counted = self.by_first.get(start + 1)
        if counted is not None:  # "his two sons", "the three soldiers"
            if counted.blocked or counted.kind != "exact":
                return None
            last = self.noun_phrase_end(counted)
            if last is None or last == counted.last:
                return None
            return counted.value, last
        for j in range(start + 1, min(start + 1 + FORWARD_WINDOW, n)):
            lower = lowers[j]
            if self.is_victim(lower):
                j = self.victim_run_end(j)
                return (1, j) if words.is_one_person(lowers[j]) else None
            if (
                self.blocks(j)
                or j in self.by_first
                or self.is_stop(j)
                or self.texts[j] == ","
                or lower in words.boundaries
                or lower in words.determiners
                or j in self.verb_at
            ):
                return None
        return None

    def whole(self, start: int, verb: int, category: str) -> _Candidate | None:
        """ "killing both of them" (2), "all three of them" (3), "all of them" (the count
        stated before the verb starting at ``verb``)."""
        lowers = self.lowers
        n = len(lowers)
        word = lowers[start]
        if word == "them" and start + 1 < n and lowers[start + 1] in self.words.wholes:
            return self.antecedent(verb, category)  # "killing them all"
        value = self.words.wholes.get(word)
        if value is None:
            return None
        k = start + 1
        of_them = tuple(lowers[k : k + 2]) == ("of", "them")
        if value:
            if of_them:
                last = k + 1
            elif k < n and self.is_victim(lowers[k]):
                last = k
                if k + 1 < n and lowers[k + 1] == "and":
                    return None  # "both soldiers and civilians": a coordination, not a count
            else:
                last = start
            return _Candidate(category, value, "exact", None, "", (start, last))
        q = self.by_first.get(k)
        if q is not None:  # "all three of them", "all 12 passengers"
            if q.blocked or q.kind != "exact":
                return None
            end = self.noun_phrase_end(q)
            return None if end is None else self._candidate(category, q, q.value, (start, end))
        if of_them or k >= n or self.is_stop(k) or self.texts[k] == ",":
            return self.antecedent(verb, category)
        return None

    def backward(self, first: int, category: str, begin: int | None = None) -> _Candidate | None:
        """The count before a passive verb or noun starting at ``first``; the scan starts
        before ``begin`` when given (the whole before a part: "five people, including two
        children, were killed" is 5)."""
        words = self.words
        lowers = self.lowers
        saw_victim = False
        singular = False
        plural = False
        k = first if begin is None else begin
        floor = max(k - 1 - BACK_WINDOW, -1)
        jumps = 0
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
                earliest = q.first
                if q.kind == "exact" or (q.kind == "single" and saw_victim and plural):
                    extra, earliest = self._earlier_groups(q.first)
                    total += extra
                part = self._subset_length(earliest) if begin is None else 0
                if part:
                    whole = self.backward(first, category, begin=earliest - part)
                    if whole is not None:
                        return whole
                return self._candidate(category, q, total, (q.first, first))
            if self.blocks(k):
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
                if plural and not singular:  # "the commander and his deputy were killed"
                    extra, earliest = self._earlier_groups(k)
                    person = self.person(k)
                    if extra and person is not None:
                        return _Candidate(
                            category, extra + person[0], "exact", None, "", (earliest, first)
                        )
                return self._one(category, singular and not plural, (k, first))
        return None

    def _subset_length(self, first: int) -> int:
        """Tokens of a phrase opening a part of a count just before ``first`` ("including")."""
        for length in (1, 2):
            if first - length >= 0 and tuple(self.lowers[first - length : first]) in (
                self.words.subsets
            ):
                return length
        return 0

    def _earlier_groups(self, first: int) -> tuple[int, int]:
        """Counts of victim groups joined by "and" to the group starting at ``first``: "two
        soldiers and three civilians", "the driver and two passengers"; and the first token
        of the earliest group."""
        extra = 0
        for _ in range(MAX_GROUPS):
            k = first - 1
            if k < 1 or self.lowers[k] not in ("and", ","):
                break
            found: tuple[int, int] | None = None  # (count, first token)
            saw_victim = False
            for j in range(k - 1, max(k - 1 - FORWARD_WINDOW, -1), -1):
                if self.is_stop(j) or j in self.verb_at or self.blocks(j):
                    break
                earlier = self.by_last.get(j)
                if earlier is not None:
                    if (
                        earlier.kind in ("exact", "single")
                        and not earlier.blocked
                        and not self.is_age(earlier)
                        and saw_victim
                    ):
                        found = (earlier.value, earlier.first)
                    break
                lower = self.lowers[j]
                saw_victim = saw_victim or self.is_victim(lower)
                if saw_victim and lower in self.words.determiners:
                    person = self.person(j)  # "the driver", "his deputy"
                    if person is not None and person[1] == k - 1:
                        found = (person[0], j)
                    break
            if found is None:
                break
            extra += found[0]
            first = found[1]
        return extra, first

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
