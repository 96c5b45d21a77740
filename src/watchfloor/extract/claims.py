"""Claims of responsibility: does a telling rest on a claim, and whose?

Three signals, all from ``cues.jsonl``: wording in the telling ("ISIS claimed", "claimed
responsibility", "ISIS announced that it had killed"), a heading or paragraph that puts
what follows under claims ("according to ISIS's claims of responsibility"), and a citation
that is the claimant's own outlet (Amaq, al-Naba', the group's Telegram channels).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from watchfloor.extract.actors import UNIDENTIFIED, Mention, sentence_mentions
from watchfloor.extract.rules import Rules
from watchfloor.models import Citation, Section, Sentence

if TYPE_CHECKING:
    from watchfloor.extract.assemble import Candidate
    from watchfloor.extract.detect import SentenceInfo

_APPOSITIVE_GAP = re.compile(r"[),] (?:the |an? )?$")
_GROUP_SUBJECT = re.compile(
    r"^\W{0,4}(?:the|that|this) (?:group|militants|insurgents|organi[sz]ation|movement|jihadists)"
    r"\b"
)
"""A claim whose speaker is named only as "the group": the group the story last named."""


def claim_in_text(folded: str, mentions: Sequence[Mention], rules: Rules) -> str | None:
    """Claimant when the sentence reports a claim: the non-state actor named just before."""
    match = rules.cue_for("claim", folded).search(folded)
    if match is None or rules.cue_for("unattributed", folded).search(folded):
        return None  # "no organization has claimed responsibility" is no claim
    groups = [m for m in mentions if _claimant_kind(m)]
    near = [m for m in groups if m.start <= match.end() and match.start() - m.end <= 40]
    if near:
        last = near[-1]
        earlier = [m for m in groups if m.end <= last.start]
        if (
            earlier
            and _APPOSITIVE_GAP.search(folded, 0, last.start)
            and "," in folded[last.end : match.start()]
        ):
            return earlier[-1].canonical  # "JNIM, al-Qaeda's affiliate in the Sahel, claimed"
        return last.canonical
    subject = [m for m in groups if m.end <= match.start()]
    if subject:  # "Al Shabaab, the al Qaeda-linked group fighting ..., said it fired"
        return subject[0].canonical
    return rules.cue_claimant("claim", folded[match.start() : match.end()]) or "Islamic State"


def _claimant_kind(mention: Mention) -> bool:
    """A group that can claim: a known non-state actor or a name kept as written."""
    if mention.kind == "nonstate":
        return True
    return mention.kind == "unknown" and not mention.canonical.startswith(UNIDENTIFIED)


def claim_from_sources(citations: Sequence[Citation], rules: Rules) -> str | None:
    """Claimant when a citation is a claimant's own outlet."""
    for citation in citations:
        name = " ".join(citation.name.lower().replace("’", "'").split())
        claimant = rules.cue_claimant("claim_source", name)
        if claimant is not None:
            return claimant
    return None


def claim_contexts(
    sentences: Sequence[Sentence], sections: Sequence[Section], rules: Rules, title: str = ""
) -> dict[int, str]:
    """Sentence index -> claimant, for sentences under a claims heading or claims paragraph.

    The context starts at the heading (or at the introducing sentence) and covers the rest
    of that section and the sections nested below it.
    """
    opened: list[tuple[tuple[str, ...], int, str]] = []  # (section path, from index, claimant)
    folded_title = title[:300].lower().replace("’", "'")
    if folded_title and rules.cue_for("claim_context", folded_title).search(folded_title):
        # a document titled as claims ("Translated ISIS claims of responsibility, April")
        claimant = rules.cue_claimant("claim_context", folded_title) or "Islamic State"
        opened.append(((), -1, claimant))
    for section in sections:
        folded = section.heading.lower().replace("’", "'")
        if rules.cue_for("claim_context", folded).search(folded):
            claimant = rules.cue_claimant("claim_context", folded) or "Islamic State"
            opened.append((section.path, -1, claimant))
    for sent in sentences:
        folded = sent.text[:2000].lower().replace("’", "'")
        if rules.cue_for("claim_context", folded).search(folded):
            claimant = rules.cue_claimant("claim_context", folded) or "Islamic State"
            opened.append((sent.section_path, sent.index, claimant))
    contexts: dict[int, str] = {}
    if not opened:
        return contexts
    for sent in sentences:
        for path, start, claimant in opened:
            if sent.index > start and sent.section_path[: len(path)] == path:
                contexts[sent.index] = claimant
    return contexts


def lend_story_claims(
    infos: Sequence[SentenceInfo],
    candidates: Sequence[Candidate],
    rules: Rules,
    country: str | None,
) -> None:
    """A news story's claim told outside any telling ("Al-Shabaab said its fighters fired the
    mortars") goes to the incident told just before it: its ``claimed_by``, and its actor1
    when that names no perpetrator."""
    told = {info.sent.index for cand in candidates for info in cand.telling.infos}
    last_group: Mention | None = None
    for info in infos:
        if info.skip == "caption":
            continue
        mentions = sentence_mentions(info, rules, country)
        named = [m for m in mentions if m.kind == "nonstate"]
        if info.sent.index not in told and rules.cue_for("claim", info.folded).search(info.folded):
            claimant = _story_claimant(info, mentions, last_group, rules)
            before = [c for c in candidates if c.evidence_span[0] < info.sent.span[0]]
            if claimant is not None and before:
                _credit(before[-1], claimant, named, last_group)
        if named:
            last_group = named[-1]


def _story_claimant(
    info: SentenceInfo, mentions: list[Mention], last_group: Mention | None, rules: Rules
) -> str | None:
    if _GROUP_SUBJECT.match(info.folded) and last_group is not None:
        return last_group.canonical
    return claim_in_text(info.folded, mentions, rules)


def _credit(
    cand: Candidate, claimant: str, named: list[Mention], last_group: Mention | None
) -> None:
    if cand.claimed_by is None:
        cand.claimed_by = claimant
    if cand.actor1 is None or cand.actor1.startswith(UNIDENTIFIED):
        cand.actor1 = claimant
        unit = next((m.unit for m in named if m.canonical == claimant and m.unit), None)
        if unit is None and last_group is not None and last_group.canonical == claimant:
            unit = last_group.unit
        cand.actor1_unit = unit
