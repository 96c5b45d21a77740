"""From sentences to candidate events: tellings, then the fields of each.

``group_tellings`` walks the blocks of a document and cuts them into tellings (see
``detect``); ``build_candidate`` fills one candidate's fields from its telling: type from
the strongest trigger, actors by voice, place, date, casualties, claim and sources.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from watchfloor.extract.actors import (
    CIVILIANS,
    UNIDENTIFIED,
    UNIDENTIFIED_AIR,
    Mention,
    assign_actors,
    find_mentions,
    frame_end,
    sentence_mentions,
    unidentified,
)
from watchfloor.extract.claims import claim_from_sources, claim_in_text
from watchfloor.extract.detect import (
    SentenceInfo,
    TriggerHit,
    has_casualties,
    opens_new_incident,
    top_hit,
)
from watchfloor.extract.locations import Location, find_location
from watchfloor.extract.rules import Rules
from watchfloor.models import Citation, Document, Sentence, Source, Span

BACKGROUND_DAYS = 30
PRINCIPAL_TYPES = frozenset(
    {
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Grenade",
        "Attack",
        "Abduction/forced disappearance",
        "Looting/property destruction",
    }
)
OPPONENT_TYPES = frozenset({"Armed clash", "Government regains territory", "Arrests"})
MAX_LABELS = 3
LABEL_CHARS = 120
_HEADER_DATE = re.compile(
    r"^[\W_]{0,12}(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s)?"
    r"(?:[a-z]{3,9}\.?\s\d{1,2},?\s\d{4}|\d{1,2}\s[a-z]{3,9},?\s\d{4})"
    r"(?:\s?\([^()]{0,40}\))?[\W_]{0,12}$"
)
CROWDS = {"Protests": "Protesters", "Riots": "Rioters"}
EXCESSIVE_FORCE = "Excessive force against protesters"
_DATE_LEAD = re.compile(
    r"^\W{0,4}(?:on|in|at|during)?\s?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{1,2} (?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december))\b"
)


@dataclass(slots=True)
class Telling:
    """Consecutive sentences of one block that state one incident."""

    infos: list[SentenceInfo] = field(default_factory=list)
    closed: bool = False
    types: set[str] = field(default_factory=set)
    # earlier sentences of the block with event wording, not part of the telling
    # ("The army carried out an operation in X. ... Seven hideouts were destroyed.")
    context: list[SentenceInfo] = field(default_factory=list)
    # the block's next closing citation when the telling has none of its own: a paragraph's
    # one citation at its end sources every sentence of it
    borrowed: list[Citation] = field(default_factory=list)
    # the block's sentences just before the telling, after the last citation closing one
    lead_in: list[SentenceInfo] = field(default_factory=list)
    # a clause of another telling's sentence stating an incident N days apart ("..., a day
    # after tribal fighters had seized it"): the days from that incident, and its sentence
    sequel_days: int | None = None
    sequel_of: Sentence | None = None

    @property
    def start(self) -> int:
        return self.infos[0].sent.span[0]

    @property
    def end(self) -> int:
        return self.infos[-1].sent.span[1]

    @property
    def in_summary(self) -> bool:
        return self.infos[0].sent.in_summary

    @property
    def citations(self) -> list[Citation]:
        seen: dict[tuple[str, dt.date | None, Span], Citation] = {}
        for info in self.infos:
            for citation in info.sent.citations:
                seen.setdefault((citation.name, citation.date, citation.span), citation)
        return list(seen.values()) or list(self.borrowed)

    def add(self, info: SentenceInfo) -> None:
        self.infos.append(info)
        top = top_hit(info.strong_hits) if info.skip is None else None
        if top is not None:
            self.types.add(top.trigger.sub_event_type)
        if closes(info):
            self.closed = True


def closes(info: SentenceInfo) -> bool:
    """Whether a citation parenthetical ends inside this sentence (it closes the telling)."""
    start, end = info.sent.span
    return any(start <= c.span[1] <= end + 2 for c in info.sent.citations)


def group_tellings(infos: Sequence[SentenceInfo], rules: Rules) -> list[Telling]:
    """Cut the sentences of each block into tellings."""
    tellings: list[Telling] = []
    current: Telling | None = None
    pending: list[SentenceInfo] = []
    weak_lead: SentenceInfo | None = None  # "X carried out an operation in Y." awaiting figures
    block = None
    for info in infos:
        if info.skip == "caption":
            continue
        if info.sent.block_index != block:
            block, current, pending, weak_lead = info.sent.block_index, None, [], None
        starts = info.skip is None and bool(info.strong_hits or _weak_event(info))
        if current is not None and current.closed and _claims_it(info, rules):
            starts = False  # "ISIS claimed responsibility for the attack (Amaq, ...)"
        if starts and (
            current is None or opens_new_incident(info, current.types, current.closed, rules)
        ):
            current = Telling(
                context=[p for p in pending if p.skip is None and p.hits],
                lead_in=_since_last_citation(pending),
            )
            lead = [p for p in pending if not closes(p)]
            if lead and _DATE_LEAD.match(lead[-1].folded[lead[-1].body :]):
                current.add(lead[-1])
            pending, weak_lead = [], None
            current.add(info)
            tellings.append(current)
        elif current is not None and current.closed and _claims_it(info, rules):
            current.add(info)
        elif weak_lead is not None and _adds_figures(info):
            # an operation told in one sentence, its toll in the next: one incident
            current = Telling()
            current.add(weak_lead)
            current.add(info)
            tellings.append(current)
            pending, weak_lead = [], None
        elif current is not None and (not current.closed or _adds_figures(info)):
            current.add(info)
        else:
            pending.append(info)
            weak_lead = info if _weak_lead(info) else None
    _borrow_citations(tellings, infos)
    return _split_sequels(tellings, rules)


def _split_sequels(tellings: list[Telling], rules: Rules) -> list[Telling]:
    """Two incidents in one sentence: "X retook the village on Saturday, a day after Y had
    seized it". The clause with its own trigger becomes a telling of its own, dated from the
    main incident; the main telling keeps the triggers outside the clause."""
    out: list[Telling] = []
    for telling in tellings:
        out.append(telling)
        first = telling.infos[0]
        clause = _SEQUEL.search(first.folded, first.body) if first.skip is None else None
        if clause is None:
            continue
        start = clause.start("clause")
        inside = [h for h in first.strong_hits if h.start >= start]
        outside = [h for h in first.strong_hits if h.end <= clause.start()]
        if not inside or not outside:
            continue
        days = _gap_days(clause.group("gap"))
        if days is None:
            continue
        end = clause.end("clause")
        sent = first.sent
        part = SentenceInfo(
            sent=replace(
                sent,
                text=sent.text[start:end],
                span=(sent.span[0] + start, sent.span[0] + end),
            ),
            folded=first.folded[start:end],
            hits=[replace(h, start=h.start - start, end=h.end - start) for h in inside],
        )
        first.hits = [h for h in first.hits if h.start < clause.start()]
        sequel = Telling(
            sequel_of=sent, sequel_days=days if clause.group("dir") == "before" else -days
        )
        sequel.add(part)
        sequel.borrowed = [c for i in telling.infos for c in i.sent.citations] or telling.borrowed
        out.append(sequel)
    return out


def _gap_days(gap: str) -> int | None:
    """Days in "a day", "two days", "3 days" (hours count as the same day)."""
    words = gap.split()
    if words[-1].startswith("hour"):
        return 0
    if words[0] in ("a", "one", "the"):
        return 1
    if words[0].isdigit():
        return int(words[0])
    from watchfloor.extract.numbers import load_number_words

    value = load_number_words().units.get(words[0])
    return int(value) if value else None


def _borrow_citations(tellings: list[Telling], infos: Sequence[SentenceInfo]) -> None:
    """Give a telling with no citation the next one closing a sentence of its block."""
    for telling in tellings:
        if any(info.sent.citations for info in telling.infos):
            continue
        last = telling.infos[-1].sent
        for info in infos:
            sent = info.sent
            if sent.block_index != last.block_index or sent.span[0] < last.span[1]:
                continue
            if closes(info):
                telling.borrowed = list(sent.citations)
                break


def _since_last_citation(pending: list[SentenceInfo]) -> list[SentenceInfo]:
    for index in range(len(pending) - 1, -1, -1):
        if closes(pending[index]):
            return pending[index + 1 :]
    return list(pending)


_BACK_TO_IT = re.compile(
    r"\b(?:for|of|claimed) (?:the|this|that|it|its) ?(?:attack|bombing|operation|ambush|killing|"
    r"kidnapping|abduction|assault|raid|explosion|blast|strike|shooting|incident)?\b"
)


def _claims_it(info: SentenceInfo, rules: Rules) -> bool:
    """A sentence that only claims the incident told just before ("ISIS's Khorasan Province
    claimed responsibility for the attack"): it adds a claimant, not an incident."""
    folded = info.folded
    return (
        info.skip is None
        and bool(rules.cue_for("claim", folded).search(folded))
        and bool(_BACK_TO_IT.search(folded))
        and not has_casualties(info)
    )


def _weak_lead(info: SentenceInfo) -> bool:
    """A sentence with only weak wording ("carried out an operation"), no figures, no citation."""
    return info.skip is None and bool(info.hits) and not info.strong_hits and not closes(info)


def _weak_event(info: SentenceInfo) -> bool:
    return bool(info.hits) and has_casualties(info)


def _adds_figures(info: SentenceInfo) -> bool:
    return info.skip is None and not info.strong_hits and has_casualties(info)


@dataclass(slots=True)
class Candidate:
    """An event before ids, merging and geocoding."""

    telling: Telling
    evidence: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor1_unit: str | None
    actor2: str | None
    location: Location
    event_date: dt.date | None
    time_precision: int
    casualties: object
    claimed_by: str | None
    sources: tuple[Source, ...]
    provenance: dict[str, Span]
    also_in: list[str] = field(default_factory=list)
    also_spans: list[Span] = field(default_factory=list)
    start: int | None = None  # where the evidence starts when label lines open the telling

    @property
    def evidence_span(self) -> Span:
        return (self.telling.start if self.start is None else self.start, self.telling.end)


@dataclass(frozen=True, slots=True)
class Context:
    """What the document says around every telling."""

    document: Document
    period: tuple[dt.date, dt.date] | None
    reference: dt.date | None
    default_source: Source | None
    claims: dict[int, str]
    outlet: str | None = None  # a platform the whole document comes from ("Telegram")
    dateline: Span | None = None  # "BAGHDAD, March 5 (Agency) -": never an event date
    news: bool = False  # a news story: one lead incident, later paragraphs tell it again
    country: str | None = None  # the country a dateline or title names
    block_heads: dict[int, tuple[str, ...]] = field(default_factory=dict)
    principal: str | None = None  # the non-state group the document is about
    # the group a news story names most: the side a state force fought when the telling
    # says only "suspects" or "militants" (never the perpetrator of an unclaimed attack)
    story_group: str | None = None


def build_candidate(
    telling: Telling, context: Context, rules: Rules, previous: dt.date | None
) -> Candidate | None:
    """Fill the fields of one telling; None when it states no event after all."""
    typed = [i for i in telling.infos if i.skip is None and i.hits]
    hits = [(i, h) for i in typed for h in i.strong_hits]
    weak = not hits
    if weak:
        hits = [(i, h) for i in typed for h in i.hits]
    if not hits:
        return None
    info, hit = max(hits, key=lambda pair: _rank(pair[0], pair[1], rules))
    # aircraft only backing a ground operation ("forces landed by helicopters raided"):
    # with no other wording for it, the operation is fighting on the ground
    backing = "Air/drone strike" == hit.trigger.sub_event_type and "support" in (
        rules.trigger_context(info.folded, hit.start, hit.end)
    )
    # a territory change only sought, or only the background of the telling, is fighting
    unachieved = "territory" in hit.trigger.flags and _rank(info, hit, rules) < hit.trigger.priority
    document = context.document
    start, labels, header_date = _leading_labels(telling, document.text, rules)
    text = document.text[start : telling.end]
    location = find_location(text, rules, info.sent.section_path)
    if location.location_text is None and telling.lead_in:
        location = _lead_in_location(telling, document.text, start, rules) or location
    whole = telling.sequel_of.span if telling.sequel_of is not None else None
    if whole is not None and location.location_text is None:
        # "X retook Dhiban, a day after Y had seized it": the place is the sentence's
        found = find_location(document.text[whole[0] : start], rules, info.sent.section_path)
        if found.location_text is not None and found.span is not None:
            shift = whole[0] - start
            location = replace(found, span=(found.span[0] + shift, found.span[1] + shift))
    country = location.country or context.country
    mentions = sentence_mentions(info, rules, country)
    role_info, role_hit = _opening_hit(hits, hit, rules)
    role_mentions = mentions
    if role_info is not info:
        role_mentions = sentence_mentions(role_info, rules, country)
    roles = assign_actors(role_mentions, role_hit, role_info.folded, rules)
    actor1, unit, actor2 = roles.actor1, roles.actor1_unit, roles.actor2
    if actor1 is None or actor2 is None:
        actor1, unit, actor2 = _fill_from_telling(
            telling, role_info, rules, country, actor1, unit, actor2
        )
    if actor1 is None:
        actor1, unit = _actor_from_context(telling, rules, country, actor2)
    if actor1 is None and (
        _PRONOUN_AGENT.search(info.folded, 0, hit.start) or _FOLLOWED.search(info.folded)
    ):
        actor1, unit = _named_before(telling, rules, country, actor2)
    casualties = _casualties(text)
    claimed = claim_in_text(info.folded, mentions, rules)
    for other in telling.infos:
        if claimed is None and other is not info:
            said = rules.cue_for("claim", other.folded).search(other.folded)
            if said is not None:  # whose claim: the group named in that sentence
                named = sentence_mentions(other, rules, country)
                claimed = claim_in_text(other.folded, named, rules)
    claimed = claimed or claim_from_sources(telling.citations, rules)
    if claimed is None and not telling.citations:
        # under "according to ISIS's claims": a telling citing no other source rests on them
        claimed = context.claims.get(info.sent.index)
    if (
        actor1 is None
        and claimed is None
        and hit.trigger.event_type == "Battles"
        and (hit.passive or _CLASH_NOUN.match(info.folded, hit.start))
        and is_state(actor2, rules)
    ):
        # "two militants were killed in an exchange of fire with counterterrorism forces":
        # the one named side of a clash with unnamed fighters is the state force acting
        actor1, unit, actor2 = actor2, None, None
    if actor1 is None:
        actor1, unit = _default_actor1(hit, telling, context, rules, claimed, country), None
        if actor1 == claimed:  # "ISIS's Sinai Province claimed responsibility": its unit
            unit = _claimant_unit(telling, rules, country, claimed)
    elif actor1 == UNIDENTIFIED:
        actor1 = unidentified(country)
    battle_words = any(h.trigger.event_type == "Battles" for i in typed for h in i.hits)
    event_type, sub_event_type = _type(
        hit,
        hits,
        actor1,
        actor2,
        casualties,
        rules,
        weak,
        battle_words,
        unachieved,
        any(m.canonical == UNIDENTIFIED for m in mentions),
    )
    if sub_event_type is None:
        return None
    if backing:
        event_type, sub_event_type = "Battles", "Armed clash"
    if sub_event_type in NO_CASUALTY_TYPES:
        casualties = _casualties("")
    if event_type in CROWDS:
        force = rules.actors.get(actor1) if sub_event_type == EXCESSIVE_FORCE else None
        where = (force.country if force is not None else None) or location.country
        crowd = f"{CROWDS[event_type]} ({where})" if where else None
        crowd = crowd or CROWDS[event_type]
        if sub_event_type == EXCESSIVE_FORCE:
            actor2 = crowd  # the force that fired on them is actor1
        else:
            actor1, unit = crowd, None
            if event_type == "Protests" or actor2 == CIVILIANS:
                actor2 = None  # what a peaceful crowd protests against (or for) is no side
    elif sub_event_type == "Change to group/activity" and (
        actor1.startswith(UNIDENTIFIED) or actor1 in (claimed, context.principal)
    ):
        group = next((m for m in mentions if m.kind in ("nonstate", "unknown")), None)
        if group is not None:
            actor1, unit = group.canonical, group.unit
    if is_state(actor1, rules) and (actor2 is None or actor2.startswith(UNIDENTIFIED)):
        actor2 = _opponent(
            telling,
            rules,
            country,
            actor1,
            sub_event_type,
            context.principal or context.story_group,
        )
    heads = context.block_heads.get(telling.infos[0].sent.block_index, ())
    labels = [*heads, *labels]
    if header_date is None:
        header_date = next((d for d in map(_header_date, heads) if d is not None), None)
    if unit is None and actor1 is not None:
        unit = _unit_from_labels(labels, actor1, rules, country)
    item_source = _item_source(telling, context, header_date)
    date, precision, date_span = _date(
        document.text, (start, telling.end), telling, context, previous, item_source
    )
    if telling.sequel_days is not None and date is not None:
        date += dt.timedelta(days=telling.sequel_days)
    if _is_background(date, context.period or _story_days(context)):
        return None
    provenance = _provenance(start, telling, info, hit, location, casualties, date_span)
    _roles_provenance(provenance, role_info, roles)
    sources = _sources(telling, context, item_source)
    return Candidate(
        telling=telling,
        evidence=text if whole is None else document.text[whole[0] : whole[1]],
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor1_unit=unit,
        actor2=actor2 if actor2 != actor1 else None,
        location=location,
        event_date=date,
        time_precision=precision,
        casualties=casualties,
        claimed_by=claimed,
        sources=sources,
        provenance=provenance,
        start=start if whole is None else whole[0],
    )


def _leading_labels(
    telling: Telling, text: str, rules: Rules
) -> tuple[int, list[str], dt.date | None]:
    """Label lines opening a telling (a date header, a province line): not the event.

    Returns where the evidence starts, the label lines, and the date a header line states
    ("=== Friday, March 1, 2024 ===": the day the claim was published).
    """
    start, end = telling.infos[0].sent.span
    labels: list[str] = []
    header: dt.date | None = None
    for _ in range(MAX_LABELS):
        newline = text.find("\n", start, min(end, start + LABEL_CHARS))
        if newline < 0:
            break
        line = text[start:newline].strip()
        if line and rules.trigger_re.search(line.lower()):
            break
        if line:
            labels.append(line)
            header = header or _header_date(line)
        start = newline + 1
        while start < end and text[start].isspace():
            start += 1
    if start >= end:
        return telling.start, [], None
    return start, labels, header


def _header_date(line: str) -> dt.date | None:
    """The date a header line states ("=== Friday, March 1, 2024 ==="), else None."""
    if not _HEADER_DATE.match(line.strip().lower()):
        return None
    try:
        from watchfloor.extract.dates import resolve_event_date
    except ImportError:
        return None
    result = resolve_event_date(line, citations=(), period=None)
    return result.date if result.precision == 1 else None


def _unit_from_labels(
    labels: list[str], actor1: str, rules: Rules, country: str | None
) -> str | None:
    """A unit of ``actor1`` named in a label line: a claim headed "Wilayat Sinai"."""
    for label in labels:
        if not label:
            continue
        for mention in find_mentions(label, label.lower(), rules, country):
            if mention.canonical == actor1 and mention.unit:
                return mention.unit
    return None


def _item_source(telling: Telling, context: Context, header_date: dt.date | None) -> Source | None:
    """The source of a telling in a dated item (a Telegram message, a dated claim)."""
    date = telling.infos[0].sent.item_date or header_date
    if date is None:
        return None
    name = context.outlet or (context.default_source.name if context.default_source else None)
    return Source(name, date) if name else None


ANNOUNCED_TYPES = frozenset({"Air/drone strike", "Arrests", "Disrupted weapons use"})
"""Acts whose doer, when no sentence names one, is the state force announcing them."""
NO_CASUALTY_TYPES = frozenset({"Change to group/activity", "Agreement"})
"""Developments whose deaths in the telling are background ("succeeding a commander who was
killed last year"), never the development's own."""
_ANNOUNCES = re.compile(r"\s(?:[a-z'-]+\s){0,2}?(?:announced|said|reported|stated|confirmed)\b")


def _announcer(telling: Telling, rules: Rules, country: str | None) -> str | None:
    """The state force that announces a strike no sentence gives a doer ("... killed in a
    drone strike, the spokesman of the US-led Coalition announced")."""
    for info in telling.infos:
        for mention in sentence_mentions(info, rules, country):
            if mention.kind == "state" and _ANNOUNCES.match(info.folded, mention.end):
                return mention.canonical
    return None


def _default_actor1(
    hit: TriggerHit,
    telling: Telling,
    context: Context,
    rules: Rules,
    claimed: str | None,
    country: str | None,
) -> str:
    """actor1 when the telling names no initiator.

    The claimant first; then, for attacks a non-state group carries out (IEDs, suicide
    bombs, shelling, shootings, abductions), the group the document is about, unless the
    telling says the perpetrator is unknown; else an unidentified group.
    """
    if claimed:
        return claimed
    if hit.trigger.sub_event_type in ANNOUNCED_TYPES:
        announcer = _announcer(telling, rules, country)
        if announcer is not None:
            return announcer
    if hit.trigger.sub_event_type == "Air/drone strike":
        return UNIDENTIFIED_AIR
    unattributed = any(
        rules.cue_for("unattributed", i.folded).search(i.folded) for i in telling.infos
    )
    if (
        context.principal is not None
        and not unattributed
        and hit.trigger.sub_event_type in PRINCIPAL_TYPES
    ):
        return context.principal
    return unidentified(country)


def _fill_from_telling(
    telling: Telling,
    primary: SentenceInfo,
    rules: Rules,
    country: str | None,
    actor1: str | None,
    unit: str | None,
    actor2: str | None,
) -> tuple[str | None, str | None, str | None]:
    """Actors the trigger sentence leaves open, from the other sentences of the telling."""
    position = telling.infos.index(primary)
    for index, info in enumerate(telling.infos):
        if info is primary:
            continue
        mentions: list[Mention] = sentence_mentions(info, rules, country)
        top = top_hit(info.hits)
        if top is not None:
            roles = assign_actors(mentions, top, info.folded, rules)
            if actor1 is None and roles.actor1 and roles.actor1 != actor2:
                actor1, unit = roles.actor1, roles.actor1_unit
            if actor2 is None and roles.actor2 and roles.actor2 != actor1:
                actor2 = roles.actor2
            continue
        frame = frame_end(info.folded)
        mentions = [m for m in mentions if m.start >= frame]
        if actor1 is None and index < position:
            first = next((m for m in mentions if not m.is_civilian), None)
            if first is not None and first.canonical != actor2:
                actor1, unit = first.canonical, first.unit
        if actor2 is None and has_casualties(info):
            victim = next((m for m in mentions if m.canonical != actor1), None)
            if victim is not None:
                actor2 = victim.canonical
    return actor1, unit, actor2


DEMOTED = 200  # a trigger in a support or circumstance context counts only when alone
STATE_SUFFIXES = (" Armed Forces", " Police")


# "In the exchange of fire that followed, ...": the doer is the one the sentence before named
_FOLLOWED = re.compile(r"\b(?:that|which) followed\b|\bthe ensuing\b|^\W{0,4}then\b")
_PRONOUN_AGENT = re.compile(r"\b(?:they|it|its forces|their forces|these forces|the forces)\b")


def _named_before(
    telling: Telling, rules: Rules, country: str | None, actor2: str | None
) -> tuple[str | None, str | None]:
    """The force last named in the sentences leading into a telling whose doer is a pronoun:
    "The Syrian forces keep clearing the desert. This week, they took over X"."""
    for info in reversed(telling.lead_in):
        mentions = sentence_mentions(info, rules, country)
        named = [m for m in mentions if not m.is_civilian and m.canonical != actor2]
        if named:
            return named[0].canonical, named[0].unit
    return None, None


def _lead_in_location(telling: Telling, doc_text: str, start: int, rules: Rules) -> Location | None:
    """The place the sentences leading into a telling name when the telling names none:
    "Fighting goes on near the X oil field. The army took an area 3 km north of it"."""
    if any(info.skip is None and info.hits for info in telling.lead_in):
        return None  # a lead-in with its own incident names that incident's place
    first = telling.lead_in[0].sent
    lead_start = first.span[0]
    found = find_location(doc_text[lead_start:start], rules, first.section_path)
    if found.location_text is None:
        return None
    span = found.span
    if span is not None:  # relative to the telling's text, as provenance expects
        span = (span[0] + lead_start - start, span[1] + lead_start - start)
    return replace(found, span=span)


def _actor_from_context(
    telling: Telling, rules: Rules, country: str | None, actor2: str | None
) -> tuple[str | None, str | None]:
    """actor1 from the block's earlier event sentences when the telling names none: "The
    Iraqi Army carried out an operation in X. ... Seven ISIS hideouts were destroyed"."""
    for info in reversed(telling.context):
        top = top_hit(info.hits)
        if top is None or info in telling.infos:
            continue
        mentions = sentence_mentions(info, rules, country)
        roles = assign_actors(mentions, top, info.folded, rules)
        if roles.actor1 is not None and roles.actor1 != actor2:
            return roles.actor1, roles.actor1_unit
    return None, None


def _claimant_unit(
    telling: Telling, rules: Rules, country: str | None, claimant: str
) -> str | None:
    """The unit of the claimant the telling names ("ISIS's Khorasan Province claimed")."""
    for info in telling.infos:
        for mention in sentence_mentions(info, rules, country):
            if mention.canonical == claimant and mention.unit:
                return mention.unit
    return None


# ", a day after tribal fighters had seized it": an earlier (or later) incident in a clause
_SEQUEL = re.compile(
    r",\s(?:only\s|just\s)?(?P<gap>(?:a|one|two|three|four|five|six|\d{1,2})\s(?:days?|hours?))"
    r"\s(?P<dir>after|before)\s(?P<clause>[^.;]{8,200})"
)
_CLASH_NOUN = re.compile(r"(?:clash|exchange|firefight|gun ?battle|fighting|battle)")
_INSTRUMENT = re.compile(r"(?:with|using|by means of) ")


def _opening_hit(
    hits: list[tuple[SentenceInfo, TriggerHit]], top: TriggerHit, rules: Rules
) -> tuple[SentenceInfo, TriggerHit]:
    """The hit whose sides are the event's: the top one, unless it is a response.

    "HTS attacked army posts. The army repulsed the attack and counterattacked": the
    response may be the stronger trigger, but the first wording of the same type names who
    initiated the clash.
    """
    top_info = next(info for info, hit in hits if hit is top)
    if _INSTRUMENT.match(top_info.folded, top.start):
        # "X targeted a vehicle with an explosive device": the verb before names the sides
        verb = [h for i, h in hits if i is top_info and h.end <= top.start]
        if verb:
            return top_info, verb[-1]
    if "response" not in top.trigger.flags:
        return top_info, top
    for info, hit in hits:
        if hit.trigger.sub_event_type == top.trigger.sub_event_type and _rank(info, hit, rules) == (
            hit.trigger.priority
        ):
            return info, hit
    return top_info, top


def _rank(info: SentenceInfo, hit: TriggerHit, rules: Rules) -> int:
    """A trigger's weight in typing its telling: its priority, less when its context says
    it is not the event ("backed by Coalition helicopters", "escaped during a riot", "aimed
    to take control of")."""
    contexts = rules.trigger_context(info.folded, hit.start, hit.end)
    if "support" in contexts or "circumstance" in contexts:
        return hit.trigger.priority - 2 * DEMOTED  # background: below an outcome only sought
    if "unachieved" in contexts and "territory" in hit.trigger.flags:
        return hit.trigger.priority - DEMOTED
    return hit.trigger.priority


def is_state(name: str | None, rules: Rules) -> bool:
    """Whether ``name`` is a state's force: a state row of the actor file, or a name in the
    guide's pattern for other states ("Pakistani Armed Forces", "French Police")."""
    if name is None:
        return False
    actor = rules.actors.get(name)
    if actor is not None:
        return actor.kind == "state"
    return name.endswith(STATE_SUFFIXES) or name.startswith("Government of ")


def _opponent(
    telling: Telling,
    rules: Rules,
    country: str | None,
    actor1: str,
    sub_event_type: str,
    principal: str | None,
) -> str | None:
    """The armed group a state force acted against when the trigger's clause names none.

    The first non-state group the telling names outside a reporting frame ("an operation
    against ISIS operatives", "ISIS hideouts were destroyed"); failing that, for fighting,
    territory retaken and arrests, the group the document is about: in a bulletin on one
    group, "terrorist operatives" left unnamed are read as its members.
    """
    unnamed = None
    for info in telling.infos:
        frame = frame_end(info.folded)
        for mention in sentence_mentions(info, rules, country):
            if mention.start < frame or mention.canonical == actor1:
                continue
            if mention.kind == "nonstate":
                return mention.canonical
            if unnamed is None and mention.canonical.startswith(UNIDENTIFIED):
                unnamed = mention.canonical
    if principal is not None and sub_event_type in OPPONENT_TYPES:
        return principal
    return unnamed


def _type(
    hit: TriggerHit,
    hits: list[tuple[SentenceInfo, TriggerHit]],
    actor1: str,
    actor2: str | None,
    casualties: object,
    rules: Rules,
    weak: bool,
    battle_words: bool = False,
    unachieved: bool = False,
    named_unidentified: bool = False,
) -> tuple[str, str | None]:
    """The telling's type from its strongest trigger, then the guide's conventions: a
    territory change by its taker's kind (fighting when the change is only sought); property
    destruction or a disrupted attack that killed or wounded people is a clash (an attack when
    the victims are civilians); a strike wording that needs a state's weapons is fighting when
    the initiator is not a state."""
    trigger = hit.trigger
    event_type, sub = trigger.event_type, trigger.sub_event_type
    killed = getattr(casualties, "killed", None) or getattr(casualties, "fatalities", 0)
    hurt = killed or getattr(casualties, "wounded", None)
    if weak and not hurt:
        return event_type, None
    if "territory" in trigger.flags:
        if unachieved:
            return "Battles", "Armed clash"
        if not is_state(actor1, rules):
            sub = "Non-state actor overtakes territory"
    if "state" in trigger.flags and not is_state(actor1, rules):
        event_type, sub = "Battles", "Armed clash"
    if sub == "Arrests" and actor1.startswith(UNIDENTIFIED) and named_unidentified:
        # "gunmen rounded up the men": an unnamed armed group seizing people abducts them
        event_type, sub = "Violence against civilians", "Abduction/forced disappearance"
    if "civilian_switch" in trigger.flags and actor2 == CIVILIANS:
        event_type, sub = "Violence against civilians", "Attack"
    top_at = next((i.sent.index for i, h in hits if h is hit), None)
    abduction = next(
        (
            h
            for i, h in hits
            if h.trigger.sub_event_type == "Abduction/forced disappearance"
            and top_at is not None
            and i.sent.index < top_at
        ),
        None,
    )
    if abduction is not None and not killed and sub in ("Armed clash", "Attack"):
        # people taken, then a shooting told after it with nobody killed ("... abducted 18
        # passengers. The driver was shot and wounded"): the abduction is the incident
        return abduction.trigger.event_type, abduction.trigger.sub_event_type
    if sub == "Looting/property destruction" and hurt:
        if actor2 == CIVILIANS:
            event_type, sub = "Violence against civilians", "Attack"
        else:
            event_type, sub = "Battles", "Armed clash"
    if sub == "Arrests" and killed:
        event_type, sub = "Battles", "Armed clash"  # a raid that killed some, arrested others
    if sub == "Disrupted weapons use" and killed:
        event_type, sub = "Battles", "Armed clash"  # an attack prevented, people killed
    return event_type, sub


def _casualties(text: str) -> object:
    from watchfloor.extract.casualties import parse_casualties

    return parse_casualties(text)


def _date(
    doc_text: str,
    span: Span,
    telling: Telling,
    context: Context,
    previous: dt.date | None,
    item_source: Source | None,
) -> tuple[dt.date | None, int, Span | None]:
    try:
        from watchfloor.extract.dates import resolve_event_date
    except ImportError:
        return _fallback_date(telling, context)
    start, end = span
    text = doc_text[start:end]
    if context.dateline is not None and context.dateline[0] < end and start < context.dateline[1]:
        # the dateline's date is the story's, never the event's: blank it, keep offsets
        cut_from, cut_to = max(start, context.dateline[0]) - start, context.dateline[1] - start
        text = text[:cut_from] + " " * (min(len(text), cut_to) - cut_from) + text[cut_to:]
    citations = telling.citations
    if not citations and item_source is not None:
        citations = [Citation(item_source.name, item_source.date)]
    reference = item_source.date if item_source is not None else None
    result = resolve_event_date(
        text,
        citations=citations,
        period=context.period,
        reference=reference or context.reference or telling.infos[0].sent.item_date,
        previous=previous,
    )
    found = None
    if result.span is not None:
        found = (start + result.span[0], start + result.span[1])
    return result.date, result.precision, found


def _fallback_date(telling: Telling, context: Context) -> tuple[dt.date | None, int, Span | None]:
    """Used only while ``extract.dates`` is absent: the guide's no-day rule."""
    dated = [c.date for c in telling.citations if c.date is not None]
    if dated:
        return min(dated), 2, None
    if context.period is not None:
        return context.period[1], 2, None
    return context.reference, 2, None


def _story_days(context: Context) -> tuple[dt.date, dt.date] | None:
    """A dated story's own day as its period: what it recalls from months before is
    background ("In April 2024 a similar assault ...")."""
    if context.news and context.reference is not None:
        return context.reference, context.reference
    return None


def _is_background(date: dt.date | None, period: tuple[dt.date, dt.date] | None) -> bool:
    if date is None or period is None:
        return False
    return date < period[0] - dt.timedelta(days=BACKGROUND_DAYS)


_DAY_LIST = re.compile(r"\b\d{1,2} (?:and|&) \d{1,2},? \d{4}\b")


def _sources(telling: Telling, context: Context, item_source: Source | None) -> tuple[Source, ...]:
    """The citations closing the telling, one entry per source and date; two days listed
    ("November 3 and 4, 2017") are two dates of the source, a range ("3-5") one."""
    seen: dict[tuple[str, dt.date | None], Source] = {}
    text = context.document.text
    for citation in telling.citations:
        key = (citation.name, citation.date)
        seen.setdefault(key, Source(citation.name, citation.date))
        start, end = citation.span
        if citation.date_end is not None and _DAY_LIST.search(text, start, end):
            seen.setdefault(
                (citation.name, citation.date_end), Source(citation.name, citation.date_end)
            )
    if not seen and item_source is not None:
        return (item_source,)
    if not seen and context.default_source is not None:
        return (context.default_source,)
    return tuple(seen.values())


def _roles_provenance(provenance: dict[str, Span], info: SentenceInfo, roles: object) -> None:
    base = info.sent.span[0]
    for name in ("actor1", "actor2"):
        span = getattr(roles, f"{name}_span", None)
        if span is not None:
            provenance[name] = (base + span[0], base + span[1])


def _provenance(
    text_start: int,
    telling: Telling,
    info: SentenceInfo,
    hit: TriggerHit,
    location: Location,
    casualties: object,
    date_span: Span | None,
) -> dict[str, Span]:
    base = info.sent.span[0]
    provenance: dict[str, Span] = {
        "event_type": (base + hit.start, base + hit.end),
        "sub_event_type": (base + hit.start, base + hit.end),
    }
    if location.span is not None:
        provenance["location_text"] = (
            text_start + location.span[0],
            text_start + location.span[1],
        )
    for name, span in getattr(casualties, "spans", {}).items():
        provenance[name] = (text_start + span[0], text_start + span[1])
    if date_span is not None:
        provenance["event_date"] = date_span
    citations = telling.citations
    if citations:
        provenance["sources"] = (citations[0].span[0], citations[-1].span[1])
    return provenance
