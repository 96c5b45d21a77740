"""One event per incident per document: tellings of the same incident merge.

A summary telling ("Main events of the week", "Highlights") joins the body telling with
the same type, compatible actors, place and date; two body tellings in different blocks
join when type, actors, place and day all agree. A place agrees when its name is written in
the other telling ("the area of Tell Sawan, southwest of Al-Sukhnah" and "villages north of
Tell Sawan"); an undated telling ("This week, ...") agrees with a dated one up to a week
before it when the place agrees by name. Appointments and other changes to one named group
on one day are one development wherever its people come from. A paragraph that carries on
the incident before it ("Four other gunmen then stormed ...", "In the ensuing clash ...")
is the same combined attack, typed by its most lethal means (guide section 1); another
source's telling ("According to a different report, ...") joins the incident it retells.
The most detailed telling (cited, then longest) becomes the evidence; the others go to
``also_in``.
"""

from __future__ import annotations

import re

from watchfloor.extract.actors import UNIDENTIFIED
from watchfloor.extract.assemble import Candidate
from watchfloor.extract.detect import continues_incident, retells_incident, top_hit
from watchfloor.extract.rules import Rules

_TOKEN = re.compile(r"[a-z][a-z'-]{2,}")
_STORY_DATE = re.compile(
    r"^(?:on|in|at|during|by) (?:the )?(?:night of |morning of )?(?:monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|\d{1,2} [a-z]{3,9})\b"
)
_GENERIC = frozenset({"the", "city", "town", "village", "area", "region", "province", "of"})
_DEVELOPMENTS = frozenset({"Strategic developments", "Protests", "Riots"})
GROUP_TYPES = frozenset({"Change to group/activity"})
"""Developments of one group: their place is where its people come from, not the event's."""
COMBINED_TYPES = frozenset(
    {
        "Armed clash",
        "Attack",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Shelling/artillery/missile attack",
        "Grenade",
    }
)
"""Means that one combined attack can use (car bomb, then gunmen, then a suicide belt)."""
TERRITORY_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
"""Territory types differ only by actor1's kind: an unidentified actor1 leaves it open."""
UNDATED_DAYS = 7
"""How far an undated telling ("This week, ...") may lie after a dated telling it repeats."""


def merge_candidates(candidates: list[Candidate], rules: Rules | None = None) -> list[Candidate]:
    """Merge tellings of one incident; keeps document order of the survivors."""
    merged: list[Candidate] = []
    joined = join_combined(join_retellings(candidates), rules or Rules.load())
    for cand in sorted(joined, key=_detail, reverse=True):
        target = next((m for m in merged if _same_incident(m, cand)), None)
        if target is None:
            merged.append(cand)
            continue
        target.also_in.append(cand.evidence)
        target.also_spans.append(cand.evidence_span)
    return sorted(merged, key=lambda c: c.evidence_span[0])


def join_retellings(candidates: list[Candidate]) -> list[Candidate]:
    """Join another source's telling ("According to a different report, ...") to its incident.

    The incident is the latest earlier event of a compatible kind (the same type, or both
    attacks), compatible actors and date, whose place is the retelling's or is named in it.
    The retelling lends its figures only when the incident states none.
    """
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: c.evidence_span[0]):
        target = None
        if retells_incident(cand.telling.infos[0]):
            target = next((k for k in reversed(kept) if _retold(k, cand)), None)
        if target is None:
            kept.append(cand)
            continue
        target.also_in.append(cand.evidence)
        target.also_spans.append(cand.evidence_span)
        if not _has_figures(target.casualties) and _has_figures(cand.casualties):
            target.casualties = cand.casualties
    return kept


def _retold(kept: Candidate, cand: Candidate) -> bool:
    if not _same_type(kept, cand) and not (
        kept.sub_event_type in COMBINED_TYPES and cand.sub_event_type in COMBINED_TYPES
    ):
        return False
    compatible = _compatible(kept.actor1, cand.actor1) and _compatible(kept.actor2, cand.actor2)
    if not compatible and not _named_within(kept, cand):
        return False
    if not _dates_agree(kept, cand, strict=False):
        return False
    if _place_words(cand):
        return _places_agree(kept, cand, strict=False)
    words = _place_words(kept)
    return not words or _named_in(words, cand)


def join_combined(candidates: list[Candidate], rules: Rules) -> list[Candidate]:
    """Join a paragraph that carries on the attack told just before it (one combined attack).

    The later telling joins when it is the next one in document order, in the same section,
    its first sentence carries the incident on ("then", "in the ensuing clash") without a
    new date or another-incident opener, both are attacks (``COMBINED_TYPES``) by compatible
    actors on the same day, and it names no other place. The joined event takes the type of
    the most lethal means (the higher trigger priority) and the first telling's figures
    unless it states none.
    """
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: c.evidence_span[0]):
        prev = kept[-1] if kept else None
        if prev is None or not _carries_on(prev, cand, rules):
            kept.append(cand)
            continue
        prev.also_in.append(cand.evidence)
        prev.also_spans.append(cand.evidence_span)
        if _means(cand) > _means(prev):
            prev.event_type, prev.sub_event_type = cand.event_type, cand.sub_event_type
        if not _has_figures(prev.casualties) and _has_figures(cand.casualties):
            prev.casualties = cand.casualties
    return kept


def _carries_on(prev: Candidate, cand: Candidate, rules: Rules) -> bool:
    first = cand.telling.infos[0]
    if first.sent.section_path != prev.telling.infos[-1].sent.section_path:
        return False
    if prev.sub_event_type not in COMBINED_TYPES or cand.sub_event_type not in COMBINED_TYPES:
        return False
    if cand.telling.in_summary != prev.telling.in_summary or not continues_incident(first, rules):
        return False
    swapped = cand.actor1 is not None and cand.actor1 == prev.actor2  # the defender fights back
    if not _compatible(prev.actor1, cand.actor1) and not swapped:
        return False
    if not _dates_agree(prev, cand, strict=True):
        return False
    return not _place_words(cand) or _places_agree(prev, cand, strict=True)


def _means(cand: Candidate) -> int:
    """Priority of the strongest trigger the telling was typed from (lethality of means)."""
    hits = [h for i in cand.telling.infos if i.skip is None for h in i.strong_hits]
    top = top_hit(hits)
    return top.trigger.priority if top is not None else 0


def _detail(cand: Candidate) -> tuple[int, int, int]:
    return (
        0 if cand.telling.in_summary else 1,
        len(cand.sources),
        cand.evidence_span[1] - cand.evidence_span[0],
    )


def _same_incident(kept: Candidate, other: Candidate) -> bool:
    if not _same_type(kept, other):
        return False
    if _sentence_pair(kept, other) or _sentence_pair(other, kept):
        return False  # a clause told as another incident of the same sentence
    summary = other.telling.in_summary or kept.telling.in_summary
    if not _compatible(kept.actor1, other.actor1) or not _compatible(kept.actor2, other.actor2):
        if not summary or not _named_within(kept, other):
            return False
    if (
        not summary
        and kept.telling.infos[0].sent.block_index == other.telling.infos[0].sent.block_index
    ):
        return False
    if not summary and (_repeats(kept) or _repeats(other)):
        return False  # "the bombers again attacked ...": another strike, not a retelling
    if kept.sub_event_type in GROUP_TYPES and _same_group(kept, other):
        return _dates_agree(kept, other, strict=not summary)
    if not _dates_agree(kept, other, strict=not summary):
        return not summary and _undated_repeat(kept, other) and _named_place_agrees(kept, other)
    return _places_agree(kept, other, strict=not summary)


def _sentence_pair(a: Candidate, b: Candidate) -> bool:
    sequel = a.telling.sequel_of
    return sequel is not None and any(info.sent.index == sequel.index for info in b.telling.infos)


_REPEAT = re.compile(r"\b(?:again|once again|once more|yet another|a second time|anew)\b")


def _repeats(cand: Candidate) -> bool:
    """Whether the telling says its incident repeats an earlier one ("attacked again")."""
    return any(_REPEAT.search(info.folded) for info in cand.telling.infos[:1])


def _named_within(a: Candidate, b: Candidate) -> bool:
    """Whether the named actors of one telling are all among the other's (sides aside).

    A summary sentence states the sides loosely ("an ISIS squad stormed an SDF position"
    read with ISIS as the target): it still tells the body's incident when it names no
    actor the body does not.
    """
    names_a, names_b = _named(a), _named(b)
    return bool(names_a and names_b) and (names_a <= names_b or names_b <= names_a)


def _named(cand: Candidate) -> set[str]:
    return {
        name
        for name in (cand.actor1, cand.actor2)
        if name is not None and not name.startswith(UNIDENTIFIED)
    }


def _same_type(a: Candidate, b: Candidate) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    return (
        a.sub_event_type in TERRITORY_TYPES
        and b.sub_event_type in TERRITORY_TYPES
        and any(c.actor1 is None or c.actor1.startswith(UNIDENTIFIED) for c in (a, b))
    )


def _same_group(a: Candidate, b: Candidate) -> bool:
    return a.actor1 is not None and a.actor1 == b.actor1 and not a.actor1.startswith(UNIDENTIFIED)


def _undated_repeat(a: Candidate, b: Candidate) -> bool:
    """One telling states no day and falls up to a week after the dated one (or both undated)."""
    if a.event_date is None or b.event_date is None:
        return True
    if a.time_precision == 1 and b.time_precision == 1:
        return False
    if a.time_precision == 1 or b.time_precision == 1:
        dated, undated = (a, b) if a.time_precision == 1 else (b, a)
        assert dated.event_date is not None and undated.event_date is not None
        gap = (undated.event_date - dated.event_date).days
        return 0 <= gap <= UNDATED_DAYS
    return abs((a.event_date - b.event_date).days) <= UNDATED_DAYS


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
        # with no place on one side only the same stated day ties two body tellings: the
        # same opponent does not (a bulletin's state forces fight the same group all week)
        same_day = a.time_precision == 1 and b.time_precision == 1
        return not strict or (same_day and a.event_date == b.event_date)
    if strict and (a.location.distance_km or b.location.distance_km):
        if a.location.distance_km != b.location.distance_km:
            return False
    if strict and (_near_other(a, b) or _near_other(b, a)):
        return False
    return bool(wa & wb) or _named_in(wa, b) or _named_in(wb, a)


def _near_other(a: Candidate, b: Candidate) -> bool:
    """Whether ``a`` happened near the place ``b`` happened at ("the X crossing, northwest of
    al-Qa'im" against "al-Qa'im"): a place placed by another is not that other place."""
    anchor, own, other = a.location.anchor, a.location.location_text, b.location.location_text
    if not anchor or not own or not other:
        return False
    anchor_words = _words(anchor)
    return anchor_words == _words(other) and not (_words(own) & _words(other))


def _words(name: str) -> set[str]:
    return {w for w in _TOKEN.findall(name.lower()) if w not in _GENERIC}


def _named_place_agrees(a: Candidate, b: Candidate) -> bool:
    wa, wb = _place_words(a), _place_words(b)
    return bool(wa and wb) and _places_agree(a, b, strict=True)


def _named_in(words: set[str], cand: Candidate) -> bool:
    """Whether every word of a place name is written in the other telling's text."""
    return bool(words) and words <= set(_TOKEN.findall(cand.evidence.lower()))


def _place_words(cand: Candidate) -> set[str]:
    return _words(" ".join(n for n in (cand.location.location_text, cand.location.anchor) if n))


def fold_story(candidates: list[Candidate], rules: Rules) -> list[Candidate]:
    """A news story tells one lead incident: later tellings of it join the lead.

    A later telling that opens with another-incident wording ("In another attack",
    "Separately", a date) stays apart. A joined telling lends the lead a claim of
    responsibility, the claimant as actor1 when the lead names no perpetrator, and its
    casualty figures when the lead states none (a claimant's own figures excepted).
    """
    if not candidates:
        return candidates
    kept = [candidates[0]]
    for cand in candidates[1:]:
        current = kept[-1]  # the incident the story is telling now
        if opens_story_incident(cand, rules) or _other_story_incident(current, cand):
            kept.append(cand)
            continue
        current.also_in.append(cand.evidence)
        current.also_spans.append(cand.evidence_span)
        _lend(current, cand)
    return kept


_BACK_REFERENCE = re.compile(
    r"^\W{0,4}(?:the (?:attackers|assailants|gunmen|militants|raiders|fighters|bombers?)|they)\b"
)
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)? (?:responsibility|the|this|that|it)\b")


def _other_story_incident(current: Candidate, cand: Candidate) -> bool:
    """A later telling on another stated day ("the army said it rescued nine of them on
    Wednesday"), or a development of another kind (arrests after an attack, a cache found
    after arrests), is another incident of the story; a claim of the incident ("JNIM
    claimed responsibility for the raid on Monday") and what "the attackers" did next are
    not."""
    first = cand.telling.infos[0].folded
    if _BACK_REFERENCE.match(first) or _CLAIMED.search(first):
        return False
    if (
        current.time_precision == 1
        and cand.time_precision == 1
        and current.event_date is not None
        and cand.event_date is not None
        and current.event_date != cand.event_date
    ):
        return True
    if "Looting/property destruction" in (current.sub_event_type, cand.sub_event_type):
        return False  # "around 40 houses were burned": what the attackers also did
    kinds = {current.event_type, cand.event_type}
    return len(kinds) == 2 and bool(kinds & _DEVELOPMENTS) and cand.telling.infos[0].hits != []


def opens_story_incident(cand: Candidate, rules: Rules) -> bool:
    """Whether a later telling of a news story states another incident."""
    if cand.telling.sequel_of is not None:
        return True  # "..., a day after X had seized it": told as another incident
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
