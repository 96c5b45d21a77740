"""The significance score that ranks the week's main events.

For an incident (one event, or several reports merged by ``resolve``), with the
weights of ``data/brief/score_weights.tsv``::

    score = per_fatality * min(fatalities, fatality_cap)
          + per_wounded * wounded + per_killed_or_wounded * killed_or_wounded
          + territory       if territory changed hands (Government regains territory,
                            Non-state actor overtakes territory, Non-violent transfer)
          + leadership      if a leader was killed or appointed (sub_event_type
                            "Change to group/activity", or a named person with a role
                            whose fate is killed or appointed)
          + new_area        if it is an attack (Battles, Explosions/Remote violence,
                            Violence against civilians) in a province with no event in
                            the previous ``quiet_weeks`` weeks
          + claimed_abroad  if it is a claimed attack outside the core theatres
                            (countries flagged core in ``theatres.tsv``)

Figures are the largest among the incident's reports (a merged incident is not
counted twice). Ties keep date order then id order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.brief.data import ScoreWeights, Theatres
from watchfloor.models import Event

TERRITORY_TYPES = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)
ATTACK_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
LEADERSHIP_TYPE = "Change to group/activity"


@dataclass(frozen=True, slots=True)
class Score:
    value: float
    reasons: tuple[str, ...]


def _max(values: Sequence[int | None]) -> int:
    return max((v for v in values if v is not None), default=0)


def score_incident(
    events: Sequence[Event], *, new_area: bool, weights: ScoreWeights, theatres: Theatres
) -> Score:
    """Score one incident; ``reasons`` names each term that contributed."""
    reasons: list[str] = []
    value = 0.0
    fatalities = _max([e.fatalities for e in events])
    if fatalities:
        value += weights.per_fatality * min(fatalities, weights.fatality_cap)
        reasons.append(f"{fatalities} fatalities")
    wounded = _max([e.wounded for e in events])
    if wounded:
        value += weights.per_wounded * wounded
        reasons.append(f"{wounded} wounded")
    kow = _max([e.killed_or_wounded for e in events])
    if kow:
        value += weights.per_killed_or_wounded * kow
        reasons.append(f"{kow} killed or wounded")
    if any(e.sub_event_type in TERRITORY_TYPES for e in events):
        value += weights.territory
        reasons.append("territory changed hands")
    if any(_leadership(e) for e in events):
        value += weights.leadership
        reasons.append("leader killed or appointed")
    attack = any(e.event_type in ATTACK_TYPES for e in events)
    if attack and new_area:
        value += weights.new_area
        reasons.append("attack in an area quiet in previous weeks")
    if attack and any(e.claimed_by and e.country not in theatres.core for e in events):
        value += weights.claimed_abroad
        reasons.append("claimed attack abroad")
    return Score(round(value, 2), tuple(reasons))


def _leadership(event: Event) -> bool:
    if event.sub_event_type == LEADERSHIP_TYPE:
        return True
    return any(
        p.role and (p.fate or "").casefold() in ("killed", "appointed") for p in event.people
    )
