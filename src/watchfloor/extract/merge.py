"""One event per incident per document: tellings of the same incident merge.

A summary telling ("Main events of the week", "Highlights") joins the body telling with
the same type, compatible actors, place and date; two body tellings in different blocks
join when type, actors, place and day all agree. The most detailed telling (cited, then
longest) becomes the evidence; the others go to ``also_in``.
"""

from __future__ import annotations

import re

from watchfloor.extract.actors import UNIDENTIFIED
from watchfloor.extract.assemble import Candidate
from watchfloor.extract.rules import Rules

_TOKEN = re.compile(r"[a-z][a-z'-]{2,}")
_STORY_DATE = re.compile(
    r"^(?:on|in|at|during|by) (?:the )?(?:night of |morning of )?(?:monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|\d{1,2} [a-z]{3,9})\b"
)
_GENERIC = frozenset({"the", "city", "town", "village", "area", "region", "province", "of"})


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Merge tellings of one incident; keeps document order of the survivors."""
    merged: list[Candidate] = []
    for cand in sorted(candidates, key=_detail, reverse=True):
        target = next((m for m in merged if _same_incident(m, cand)), None)
        if target is None:
            merged.append(cand)
            continue
        target.also_in.append(cand.evidence)
        target.also_spans.append(cand.evidence_span)
    return sorted(merged, key=lambda c: c.evidence_span[0])


def _detail(cand: Candidate) -> tuple[int, int, int]:
    return (
        0 if cand.telling.in_summary else 1,
        len(cand.sources),
        cand.evidence_span[1] - cand.evidence_span[0],
    )


def _same_incident(kept: Candidate, other: Candidate) -> bool:
    if kept.sub_event_type != other.sub_event_type:
        return False
    if not _compatible(kept.actor1, other.actor1) or not _compatible(kept.actor2, other.actor2):
        return False
    summary = other.telling.in_summary or kept.telling.in_summary
    if (
        not summary
        and kept.telling.infos[0].sent.block_index == other.telling.infos[0].sent.block_index
    ):
        return False
    if not _dates_agree(kept, other, strict=not summary):
        return False
    return _places_agree(kept, other, strict=not summary)


def _compatible(a: str | None, b: str | None) -> bool:
    return (
        a is None or b is None or a == b or a.startswith(UNIDENTIFIED) or b.startswith(UNIDENTIFIED)
    )


def _dates_agree(a: Candidate, b: Candidate, *, strict: bool) -> bool:
    if a.event_date is None or b.event_date is None:
        return True
    if a.time_precision == 1 and b.time_precision == 1:
        return a.event_date == b.event_date
    if strict:
        return abs((a.event_date - b.event_date).days) <= 1
    return abs((a.event_date - b.event_date).days) <= 7


def _places_agree(a: Candidate, b: Candidate, *, strict: bool) -> bool:
    wa, wb = _place_words(a), _place_words(b)
    if not wa or not wb:
        same_day = a.time_precision == 1 and b.time_precision == 1
        same_target = a.actor2 is not None and a.actor2 == b.actor2
        return not strict or (same_day and a.event_date == b.event_date) or same_target
    if strict and (a.location.distance_km or b.location.distance_km):
        if a.location.distance_km != b.location.distance_km:
            return False
    return bool(wa & wb)


def _place_words(cand: Candidate) -> set[str]:
    names = " ".join(n for n in (cand.location.location_text, cand.location.anchor) if n)
    return {w for w in _TOKEN.findall(names.lower()) if w not in _GENERIC}


def fold_story(candidates: list[Candidate], rules: Rules) -> list[Candidate]:
    """A news story tells one lead incident: later tellings of it join the lead.

    A later telling that opens with another-incident wording ("In another attack",
    "Separately", a date) stays apart. A joined telling lends the lead a claim of
    responsibility, the claimant as actor1 when the lead names no perpetrator, and its
    casualty figures when the lead states none (a claimant's own figures excepted).
    """
    if not candidates:
        return candidates
    lead, kept = candidates[0], [candidates[0]]
    for cand in candidates[1:]:
        if opens_story_incident(cand, rules):
            kept.append(cand)
            continue
        lead.also_in.append(cand.evidence)
        lead.also_spans.append(cand.evidence_span)
        _lend(lead, cand)
    return kept


def opens_story_incident(cand: Candidate, rules: Rules) -> bool:
    """Whether a later telling of a news story states another incident."""
    first = cand.telling.infos[0]
    body = first.folded[first.body :].lstrip(" \"'(-")
    return bool(rules.cue("new_incident").match(body) or _STORY_DATE.match(body))


def _lend(lead: Candidate, other: Candidate) -> None:
    claim = other.claimed_by
    if claim is not None and lead.claimed_by is None:
        lead.claimed_by = claim
        if lead.actor1 is None or lead.actor1.startswith(UNIDENTIFIED):
            lead.actor1 = claim
            lead.actor1_unit = other.actor1_unit if other.actor1 == claim else None
    if claim is None and not _has_figures(lead.casualties) and _has_figures(other.casualties):
        lead.casualties = other.casualties


def _has_figures(casualties: object) -> bool:
    return any(
        getattr(casualties, name, None) is not None
        for name in ("killed", "wounded", "killed_or_wounded")
    )
