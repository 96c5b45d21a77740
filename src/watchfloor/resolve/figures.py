"""Who said what: every report's figures, and the incident's headline by a stated rule.

HEADLINE RULE (ACLED-style conservative), applied to killed and wounded separately:

1. A report is a *claim* when its ``claimed_by`` is set (it rests on a claim of
   responsibility); every other report is an *independent* figure.
2. The headline figure is the LOWEST figure among independent reports that state
   one (``killed``/``wounded`` not null). A joint "killed or wounded" figure never
   becomes a headline killed count.
3. Claims never set the headline; they are shown apart. When only claims give a
   figure, the headline is none and the claim's figure (the highest claimed) is
   shown as *claimed by* its claimant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from watchfloor.models import Event
from watchfloor.store.incidents import LinkRow

HEADLINE_RULE = (
    "Headline = the lowest figure among independent (non-claim) reports, killed and wounded "
    "taken separately; claims of responsibility are shown apart and never set the headline; "
    "when only claims give a figure the headline is none and the claimed figure is shown."
)


@dataclass(frozen=True, slots=True)
class SourceFigure:
    """One report's figures with the sources it cites."""

    event_id: str
    doc: str
    sources: tuple[str, ...]
    event_date: dt.date | None
    is_claim: bool
    claimed_by: str | None
    killed: int | None
    wounded: int | None
    killed_or_wounded: int | None
    casualty_qualifier: str | None
    score: float
    method: str


@dataclass(frozen=True, slots=True)
class Headline:
    killed: int | None
    wounded: int | None
    killed_from: str | None  # the report that gave the headline figure
    wounded_from: str | None
    claimed_killed: int | None
    claimed_wounded: int | None
    claimed_by: str | None
    rule: str = HEADLINE_RULE


def figure_of(link: LinkRow, event: Event) -> SourceFigure:
    names = tuple(
        f"{s.name}, {s.date.isoformat()}" if s.date else s.name for s in event.sources
    ) or (event.doc,)
    return SourceFigure(
        event_id=event.id, doc=event.doc, sources=names, event_date=event.event_date,
        is_claim=event.claimed_by is not None, claimed_by=event.claimed_by,
        killed=event.killed, wounded=event.wounded, killed_or_wounded=event.killed_or_wounded,
        casualty_qualifier=event.casualty_qualifier, score=link.score, method=link.method,
    )  # fmt: skip


def headline_of(figures: list[SourceFigure]) -> Headline:
    """Apply the headline rule (module docstring) to an incident's figures."""
    independent = [f for f in figures if not f.is_claim]
    claims = [f for f in figures if f.is_claim]
    killed = _lowest(independent, "killed")
    wounded = _lowest(independent, "wounded")
    claimed_killed = _highest(claims, "killed")
    claimed_wounded = _highest(claims, "wounded")
    claimant = next(
        (f.claimed_by for f in claims if f.killed is not None or f.wounded is not None),
        claims[0].claimed_by if claims else None,
    )
    return Headline(
        killed=killed.killed if killed else None, wounded=wounded.wounded if wounded else None,
        killed_from=killed.event_id if killed else None,
        wounded_from=wounded.event_id if wounded else None,
        claimed_killed=claimed_killed.killed if claimed_killed else None,
        claimed_wounded=claimed_wounded.wounded if claimed_wounded else None,
        claimed_by=claimant,
    )  # fmt: skip


def _lowest(figures: list[SourceFigure], attr: str) -> SourceFigure | None:
    stated = [f for f in figures if getattr(f, attr) is not None]
    return min(stated, key=lambda f: (getattr(f, attr), f.event_id)) if stated else None


def _highest(figures: list[SourceFigure], attr: str) -> SourceFigure | None:
    stated = [f for f in figures if getattr(f, attr) is not None]
    return max(stated, key=lambda f: (getattr(f, attr), f.event_id)) if stated else None
