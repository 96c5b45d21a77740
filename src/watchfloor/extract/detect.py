"""Sentence analysis: trigger wording, skip cues, and how sentences group into tellings.

A *telling* is a run of sentences in one block (bullet or paragraph) that states one
incident: it opens at a sentence with trigger wording and takes the following sentences
until a citation closes it or another incident opens (a new date, "In addition, ...",
a new victim told with "also").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from watchfloor.extract.rules import Rules, Trigger, alias_spans
from watchfloor.models import Sentence

MAX_SENTENCE = 4000
"""Characters of one sentence that rules look at; longer sentences are cut (hostile input)."""

_FOLD_PAIRS = (("’", "'"), ("‘", "'"), ("`", "'"), ("“", '"'), ("”", '"'), ("*", " "), ("\n", " "))
"""Quote and markup folding, one character for one (no target is itself folded)."""
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are)\s(?:[a-z]{2,}ly\s|also\s|then\s)?(?:[a-z]{3,}ed\s)?$"
)
_PASSIVE_INSIDE = re.compile(r"\s(?:was|were|been) (?:[a-z]{3,12}ly )?[a-z]{3,}ed$")
_DATE_OPENER = re.compile(
    r"^(?:on|in|at|during|by|since|from)?\s?(?:the\s)?(?:night of\s|morning of\s|evening of\s)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2} (?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december))\b"
)
_LEAD_LABEL = re.compile(r"^[A-Z][^:.;]{0,60}:\s")
_PRONOUN_OPENER = re.compile(
    r"^(?:he|she|they|it|its|their|his|her|the forces|these|this|that|those"
    r"|the (?:attack|attackers|clash|clashes|explosion|blast|fighting|operation|strike|airstrike"
    r"|raid|incident|bombing|bomber|station|house|building|vehicle|passengers|fighter|agent"
    r"|soldier|victims?|command post)\b)"
)
_SUBORDINATE_LEAD = re.compile(
    r"^\W{0,4}(?:after|before|following|prior to|since|upon)\s[a-z]{3,}ing\b[^,;]{0,120},"
)
_WHEN_INDEFINITE = re.compile(r"^(?:when|after|as|while) (?:an?|another) ")
_PLACE_OPENER = re.compile(
    r"\W{0,4}(?:In|At|Near) (?:the )?[A-Z][\w'’-]{1,30}(?: [A-Z][\w'’-]{1,30}){0,3},"
)
_FRAME = re.compile(
    r"^[^.;]{0,200}?\b(?:announced|reported|said|stated|claimed|noted|added|confirmed|revealed"
    r"|indicated|published|showed)(?: on [a-z]+ \d{1,2}(?:, \d{4})?)?,? that\s"
    r"|^\W{0,4}according to [^,]{0,150},\s"
)
_ALSO = re.compile(r"\b(?:also|another|in the same (?:place|area|village))\b")
_CARRY_ON = re.compile(
    r"^[^.;]{0,80}?\b(?:then|ensuing|subsequently|thereafter|afterwards)\b"
    r"|^after (?:several|a few|many|two|three|four|five|\d{1,2}) hours of"
    r" (?:clashes|fighting|battle)"
)
"""Sequence wording early in a sentence that carries the incident before it on."""
_RETELLING = re.compile(
    r"^according to (?:a|an|another|one) (?:different|other|separate|second|later|further|earlier)"
    r" (?:report|account|source|version|statement)\b"
    r"|^(?:a|another) (?:different|separate|second|later) (?:report|account|source)"
    r" (?:said|stated|put|gave|reported)\b"
)
"""An opener that tells an incident already told once more, as another source gave it."""
CASUALTY_WORDS = re.compile(
    r"\b(?:killed|wounded|injured|dead|died|casualties|fatalities|killing|wounding|bodies)\b"
)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    trigger: Trigger
    start: int  # offsets within the sentence text
    end: int
    passive: bool


@dataclass(slots=True)
class SentenceInfo:
    """What the rules found in one sentence."""

    sent: Sentence
    folded: str
    hits: list[TriggerHit] = field(default_factory=list)
    skip: str | None = None  # reason: analysis, aggregate, caption ...
    body: int = 0  # offset where the sentence proper starts (after a "Place:" label)

    @property
    def strong_hits(self) -> list[TriggerHit]:
        return [hit for hit in self.hits if "weak" not in hit.trigger.flags]


def fold_quotes(text: str) -> str:
    """Fold quotes and markup to ASCII, keeping case and every offset."""
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def fold_text(text: str) -> str:
    """Lower-case and fold quotes and markup, keeping every offset (same length)."""
    folded = fold_quotes(text)
    lowered = folded.lower()
    if len(lowered) != len(folded):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)
    return lowered


_SPACE_RUN = re.compile(r"  +")


def squeeze_spaces(folded: str) -> tuple[str, Callable[[int], int] | None]:
    """``folded`` with runs of spaces cut to one, and a map from its offsets back.

    Folded markup leaves runs of spaces inside phrases ("suicide **bomber" folds to
    "suicide   bomber"); triggers are written with single spaces. None when nothing changed.
    """
    if "  " not in folded:
        return folded, None
    starts: list[int] = [0]  # squeezed offset where each stretch begins
    shifts: list[int] = [0]  # what to add to a squeezed offset in that stretch
    removed = 0
    for run in _SPACE_RUN.finditer(folded):
        removed += len(run.group()) - 1
        starts.append(run.end() - removed)
        shifts.append(removed)
    squeezed = _SPACE_RUN.sub(" ", folded)

    def back(offset: int) -> int:
        return offset + shifts[bisect_right(starts, offset) - 1]

    return squeezed, back


def analyse_sentence(sent: Sentence, rules: Rules) -> SentenceInfo:
    """Find trigger wording and skip cues in one sentence."""
    text = sent.text[:MAX_SENTENCE]
    folded = fold_text(text)
    info = SentenceInfo(sent=sent, folded=folded)
    triggers = rules.triggers_for(folded)
    label = _LEAD_LABEL.match(text.replace("*", " "))
    if label and not triggers.search(folded, 0, label.end()):
        info.body = label.end()
    if sent.is_caption or sent.is_legend or sent.is_footnote or sent.is_repeated:
        info.skip = "caption"
        return info
    lead = _SUBORDINATE_LEAD.match(folded, info.body)
    frame = info.body + frame_length(folded[info.body :])
    scan, back = squeeze_spaces(folded)
    for match in triggers.finditer(scan):
        name = match.lastgroup
        start, end = match.span()
        if back is not None:  # offsets in the squeezed text -> offsets in ``folded``
            start, end = back(start), back(end - 1) + 1
        if (lead is not None and end <= lead.end()) or end <= frame:
            continue
        if name is None:
            continue
        trigger = rules.triggers[int(name[1:])]
        before = folded[max(0, start - 40) : start]
        passive = (
            bool(_PASSIVE_BEFORE.search(before))
            or match.group().startswith(("was ", "were ", "been "))
            or bool(_PASSIVE_INSIDE.search(match.group()))
        )
        info.hits.append(TriggerHit(trigger, start, end, passive))
    if info.hits:
        info.hits = _outside_names(info.hits, text, rules)
    elif not CASUALTY_WORDS.search(folded):
        return info  # nothing to code or to list as uncoded: the cues cannot matter
    body = folded[info.body :]
    heading = sent.section_path[-1][:300].lower().replace("’", "'") if sent.section_path else ""
    if heading and rules.cue_for("skip_section", heading).search(heading):
        info.skip = "analysis"
    elif rules.cue_for("skip", body).search(body):
        info.skip = "analysis"
    elif rules.cue_for("aggregate", body).search(body):
        info.skip = "aggregate"
    return info


MAX_MEMO = 8192


class _NameMemo:
    """Alias matches per sentence text, kept apart for each alias pattern (rulebook)."""

    by_pattern: ClassVar[dict[int, tuple[re.Pattern[str], dict[str, _Names]]]] = {}


_Names = tuple[tuple[int, int, str], ...]


def forget_names() -> None:
    """Drop the remembered alias matches (each document starts afresh)."""
    _NameMemo.by_pattern = {}


def alias_matches(text: str, rules: Rules) -> _Names:
    """(start, end, matched) of every actor alias in ``text``, quotes folded; remembered.

    A sentence is read for names when its triggers are checked and again when its actors
    are assigned: the second time is a look-up. Speed only: the matches depend on the
    text and the pattern alone.
    """
    pattern = rules.alias_re
    entry = _NameMemo.by_pattern.get(id(pattern))
    if entry is None or entry[0] is not pattern or len(entry[1]) >= MAX_MEMO:
        entry = (pattern, {})
        _NameMemo.by_pattern[id(pattern)] = entry
    found = entry[1].get(text)
    if found is None:
        found = tuple(alias_spans(fold_quotes(text), rules))
        entry[1][text] = found
    return found


def _outside_names(hits: list[TriggerHit], text: str, rules: Rules) -> list[TriggerHit]:
    """Drop trigger wording inside an actor's name ("the Liberation of al-Sham")."""
    names = [(start, end) for start, end, _ in alias_matches(text, rules)]
    if not names:
        return hits
    return [h for h in hits if not any(s <= h.start and h.end <= e for s, e in names)]


def has_casualties(info: SentenceInfo) -> bool:
    return bool(CASUALTY_WORDS.search(info.folded)) or "no casualties" in info.folded


def opens_new_incident(
    info: SentenceInfo, group_types: set[str], group_closed: bool, rules: Rules
) -> bool:
    """Whether a sentence with trigger wording starts another incident in the same block.

    A citation closes a telling; a date opener, "In response, ...", "In <Place>, ...", a new
    victim told with an indefinite article ("When a force arrived ...", "A Shiite was also
    ...") or "also" with a new subject open another. Pronoun openers ("He was executed",
    "The station was damaged", "They also seized ...") continue the telling.
    """
    body = info.folded[info.body :].lstrip(" \"'(-•▶►◆")
    framed = body[frame_length(body) :]
    if _PRONOUN_OPENER.match(body) or _PRONOUN_OPENER.match(framed):
        return False
    if group_closed:
        return True
    top = top_hit(info.strong_hits)
    priority = top.trigger.priority if top else 0
    if _DATE_OPENER.match(body) or _WHEN_INDEFINITE.match(body):
        return True
    if priority >= 50 and (
        rules.cue("new_incident").match(body)
        or _PLACE_OPENER.match(info.sent.text, info.body)
        or _ALSO.search(body)
    ):
        return True
    return False


def continues_incident(info: SentenceInfo, rules: Rules) -> bool:
    """Whether a sentence opening a paragraph carries on the incident told just before it.

    "Three other gunmen then stormed the building", "In the ensuing clash, ..." carry on a
    combined attack; a date opener ("On March 5, ...") or an another-incident opener does not.
    """
    body = info.folded[info.body :].lstrip(" \"'(-•▶►◆")
    if _DATE_OPENER.match(body) or _WHEN_INDEFINITE.match(body):
        return False
    if rules.cue("new_incident").match(body):
        return False
    return bool(_CARRY_ON.match(body))


def retells_incident(info: SentenceInfo) -> bool:
    """Whether a sentence opens another source's telling of an incident already told.

    "According to a different report, 15 villagers had been killed ..." gives other figures
    for the same incident; it is no incident of its own.
    """
    body = info.folded[info.body :].lstrip(" \"'(-•▶►◆")
    return bool(_RETELLING.match(body))


def frame_length(body: str) -> int:
    """Length of a reporting frame opening ``body`` ("The army reported that ")."""
    if "that" not in body and "according to " not in body:
        return 0  # every match of _FRAME holds one of them (a cheap test first)
    match = _FRAME.match(body)
    return match.end() if match else 0


def top_hit(hits: list[TriggerHit]) -> TriggerHit | None:
    """The trigger that types the telling: highest priority, then earliest."""
    best: TriggerHit | None = None
    for hit in hits:
        if best is None or hit.trigger.priority > best.trigger.priority:
            best = hit
    return best
