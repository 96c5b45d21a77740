"""Claims of responsibility: does a telling rest on a claim, and whose?

Three signals, all from ``cues.jsonl``: wording in the telling ("ISIS claimed", "claimed
responsibility", "ISIS announced that it had killed"), a heading or paragraph that puts
what follows under claims ("according to ISIS's claims of responsibility"), and a citation
that is the claimant's own outlet (Amaq, al-Naba', the group's Telegram channels).
"""

from __future__ import annotations

from collections.abc import Sequence

from watchfloor.extract.actors import Mention
from watchfloor.extract.rules import Rules
from watchfloor.models import Citation, Section, Sentence


def claim_in_text(folded: str, mentions: Sequence[Mention], rules: Rules) -> str | None:
    """Claimant when the sentence reports a claim: the non-state actor named just before."""
    match = rules.cue_for("claim", folded).search(folded)
    if match is None or rules.cue_for("unattributed", folded).search(folded):
        return None  # "no organization has claimed responsibility" is no claim
    near = [
        m
        for m in mentions
        if m.kind == "nonstate" and m.start <= match.end() and match.start() - m.end <= 40
    ]
    if near:
        return near[-1].canonical
    return rules.cue_claimant("claim", folded[match.start() : match.end()]) or "Islamic State"


def claim_from_sources(citations: Sequence[Citation], rules: Rules) -> str | None:
    """Claimant when a citation is a claimant's own outlet."""
    for citation in citations:
        name = " ".join(citation.name.lower().replace("’", "'").split())
        claimant = rules.cue_claimant("claim_source", name)
        if claimant is not None:
            return claimant
    return None


def claim_contexts(
    sentences: Sequence[Sentence], sections: Sequence[Section], rules: Rules
) -> dict[int, str]:
    """Sentence index -> claimant, for sentences under a claims heading or claims paragraph.

    The context starts at the heading (or at the introducing sentence) and covers the rest
    of that section and the sections nested below it.
    """
    opened: list[tuple[tuple[str, ...], int, str]] = []  # (section path, from index, claimant)
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
