"""Who did what to whom: actor mentions in a sentence and their roles around the trigger.

Mentions come from one compiled alias pattern (``Rules.alias_re``) plus the civilian cue;
generic force nouns ("policemen", "the army", "apostates") resolve by the country of the
telling. ``assign_actors`` reads voice around the trigger: active "X attacked Y", passive
"Y was attacked by X", agentless passive "an IED was activated against Y" (actor1 then
comes from the claim context or defaults to an unidentified group).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.extract.detect import (
    MAX_SENTENCE,
    SentenceInfo,
    TriggerHit,
    alias_matches,
    fold_quotes,
    frame_length,
)
from watchfloor.extract.rules import ActorAlias, Rules, alias_spans, fold_key

CIVILIANS = "Civilians"
UNIDENTIFIED = "Unidentified Armed Group"
UNIDENTIFIED_AIR = "Unidentified Military Forces"
LINK_CHARS = 40

_VICTIM_GAP = re.compile(  # "six soldiers were killed in the clashes": they suffered them
    r"\b(?:(?:was|were|been|are|is|got) (?:[a-z]+ ){0,2}(?:killed|wounded|injured|hurt)"
    r"|killed or wounded|dead|fatalities|casualties|losses|victims)\b"
)
_AMONG = re.compile(  # "fatalities among the SDF forces": the named side suffered them
    r"\b(?:fatalities|casualties|losses|deaths|dead|killed|wounded|injured) among (?:the )?$"
)
_PRONOUN_SUBJECT = re.compile(  # "ISIS announced that it (its fighters) had killed ..."
    r"(?:it|they|its (?:fighters|operatives|members|men|forces|mujahideen|soldiers|aircraft"
    r"|jets|warplanes|drones|planes|helicopters|troops|units)"
    r"|their (?:fighters|operatives|members|forces)) "
)
_BY_AGENT = re.compile(r"\bby (?:an? |the )?$")
_LED_BY = re.compile(r",? ?(?:led|headed|commanded|spearheaded|dominated) by (?:the )?")
# "ISIS, a group hostile to the SDF, attacked": the words after the article describe
_APPOSITIVE = re.compile(r", (?:an?|the) (?:[\w'-]{1,30} ){1,3}$")
_BETWEEN = re.compile(r"\bbetween (?:the )?")
_JOINER = re.compile(r"(?:\s[\w'-]{1,20}){0,2}\s(?:and|&)\s(?:the\s)?")
_AGENT_AFTER = re.compile(r"\b(?:by|from)\s(?:the\s)?")  # "launched from Russian warships"
_BY_ONLY = re.compile(r"\bby\s")
# a trigger naming the doers ("a sniper", "suicide bombers") whose "of X" names their side
_AGENT_NOUN = re.compile(
    r"(?:snipers?|gunmen|bombers?|attackers?|aircraft|warplanes?|jets|drones?)$"
)
_PARTICIPLE_BY = re.compile(r"ed\sby\s")
_PARTICIPLE_AFTER = re.compile(r"\s(?:[a-z]{3,15}ed|flown|sent|shot|built|thrown)\sby\s")
_CRAFT_FIRST = re.compile(
    r"(?:aircraft|warplanes?|planes|jets|fighter jets|bombers|helicopters?|drones?)\b"
)
_OF_AGENT = re.compile(r"\s(?:of|from)\s(?:the\s)?")
REMOTE = "Explosions/Remote violence"
_ORG_NAME = re.compile(
    r"(?<![\w-])(?:[Tt]he\s)?((?:(?:[A-Z]|(?:al|el|ad|ash|ibn|bin|ul|ud|wal)-)[\w'’-]{1,30}\s){1,5}"
    r"(?:Brigades?|Army|Front|Movement|Battalions?|Regiment|Division|Group|Organization|"
    r"Party|Militia|Council|Service|Agency|Bureau|Guards?|Corps|Forces))\b"
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    canonical: str
    unit: str | None
    kind: str  # state, nonstate, civilian, unknown

    @property
    def is_civilian(self) -> bool:
        return self.kind == "civilian"


def find_mentions(text: str, folded: str, rules: Rules, country: str | None) -> list[Mention]:
    """Actor and civilian mentions in one sentence, in text order, without overlaps."""
    mentions: list[Mention] = []
    for start, end, matched in alias_matches(text, rules):
        mention = _resolve(matched, rules, country, start, end)
        if mention is not None:
            mentions.append(mention)
    civilians = [
        Mention(m.start(), m.end(), CIVILIANS, None, "civilian")
        for m in rules.cue_for("civilian", folded).finditer(folded)
        if m.start() == 0 or not folded[m.start() - 1].isalnum()  # "shop", not "workshop"
    ]
    for force in _forces(text, rules, mentions):
        # "the Nigerian Crusader army": the whole phrase, not its bare force noun "army"
        mentions = [m for m in mentions if not (force.start <= m.start and m.end <= force.end)]
        mentions.append(force)
    for org in _ORG_NAME.finditer(text):
        start, end = org.span(1)
        if not any(m.start < end and start < m.end for m in mentions + civilians):
            mentions.append(Mention(start, end, org.group(1), None, "unknown"))
    cited = _citation_spans(text)
    if cited:  # "(Iraqi News Agency, January 17, 2026)" names a source, not a side
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in cited)]
        civilians = [m for m in civilians if not any(a <= m.start < b for a, b in cited)]
    kept = sorted(_drop_modifiers(mentions, civilians, folded), key=lambda m: m.start)
    kept = _drop_linked(kept, folded, rules)
    kept = _drop_generic_after_name(kept)
    return _join_units(kept)


def sentence_mentions(info: SentenceInfo, rules: Rules, country: str | None) -> list[Mention]:
    """``find_mentions`` over one analysed sentence, its text cut where ``folded`` was."""
    return find_mentions(info.sent.text[:MAX_SENTENCE], info.folded, rules, country)


_CITATION = re.compile(
    r"\([^()]{0,160}?\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{1,2}(?:,? \d{4})?[^()]{0,80}\)"
)


def _citation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dated parentheticals: the sources closing a telling."""
    if "(" not in text:
        return []
    return [m.span() for m in _CITATION.finditer(text)]


def _join_units(mentions: list[Mention]) -> list[Mention]:
    """ "ISIS's Sinai Province", "Islamic State West Africa Province (ISWAP)": one mention of
    the unit, spanning the parent's name, without the acronym repeating it."""
    joined: list[Mention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and mention.unit
            and mention.canonical == last.canonical
            and 0 <= mention.start - last.end <= 4
            and last.unit in (None, mention.unit)
        ):
            joined[-1] = Mention(
                last.start, mention.end, mention.canonical, mention.unit, mention.kind
            )
            continue
        joined.append(mention)
    return joined


def _forces(text: str, rules: Rules, mentions: list[Mention]) -> list[Mention]:
    """ "A Syrian combat engineering unit": nationality, up to two words, a force noun."""
    found: list[Mention] = []
    if rules.force_re is None:
        return found
    for match in rules.force_re.finditer(text):
        start, end = match.span()
        if any(
            m.start < end
            and start < m.end
            and not (start <= m.start and m.end <= end and _bare_noun(text, m, rules))
            for m in mentions
        ):
            continue
        role = rules.noun_roles.get(match.group("noun"))
        country = rules.nationalities.get(match.group("adj"))
        canonical = rules.resolve_role(role, country) if role else None
        if canonical is not None:
            found.append(Mention(start, end, canonical, None, "state"))
    return found


def _drop_generic_after_name(mentions: list[Mention]) -> list[Mention]:
    """ "Islamic State militants", "ISIS gunmen": the generic noun belongs to the name."""
    return [
        m
        for i, m in enumerate(mentions)
        if not (
            i > 0
            and m.canonical == UNIDENTIFIED
            and mentions[i - 1].kind == "nonstate"
            and 0 <= m.start - mentions[i - 1].end <= 1
        )
    ]


def _bare_noun(text: str, mention: Mention, rules: Rules) -> bool:
    """Whether a mention is only a force noun ("army", "soldiers") resolved by country."""
    return text[mention.start : mention.end].lower() in rules.noun_roles


def _drop_linked(mentions: list[Mention], folded: str, rules: Rules) -> list[Mention]:
    """ "Gunmen believed to belong to ISIS", "two men whom sources described as ISIS members":
    the unnamed group (or people) gives way to the named group."""
    linked = rules.cue("linked_group")
    dropped: set[int] = set()
    for i, mention in enumerate(mentions[:-1]):
        named = mentions[i + 1]
        if mention.canonical not in (UNIDENTIFIED, CIVILIANS) or named.kind != "nonstate":
            continue
        if named.start - mention.end <= LINK_CHARS and linked.match(
            folded[mention.end : named.start]
        ):
            dropped.add(i)
    return [m for i, m in enumerate(mentions) if i not in dropped]


def _resolve(
    matched: str, rules: Rules, country: str | None, start: int, end: int
) -> Mention | None:
    alias: ActorAlias | None = rules.aliases.get(matched) or rules.aliases.get(fold_key(matched))
    if alias is None:
        upper = matched.upper()
        alias = rules.aliases.get(upper)
    if alias is None:
        return None
    if alias.actor is not None:
        actor = alias.actor
        if actor.parent:
            parent = rules.actors.get(actor.parent)
            kind = parent.kind if parent else actor.kind
            return Mention(start, end, actor.parent, actor.canonical, kind)
        return Mention(start, end, actor.canonical, None, actor.kind)
    if alias.role is None:
        return None
    canonical = rules.resolve_role(alias.role, alias.country or country)
    if canonical is None:
        return None
    return Mention(start, end, canonical, None, "state")


def _drop_modifiers(
    mentions: list[Mention], civilians: list[Mention], folded: str
) -> list[Mention]:
    """An actor name right before a civilian noun modifies it: International Coalition "agent"."""
    kept: list[Mention] = []
    for mention in mentions:
        follows = next(
            (c for c in civilians if 0 <= c.start - mention.end <= 3 and c.start >= mention.end),
            None,
        )
        if follows is not None and folded[follows.start : follows.end].strip(' "').startswith(
            "agent"
        ):
            continue
        kept.append(mention)
    for civ in civilians:
        if not any(m.start < civ.end and civ.start < m.end for m in kept):
            kept.append(civ)
    return kept


@dataclass(frozen=True, slots=True)
class ActorRoles:
    actor1: str | None
    actor1_unit: str | None
    actor2: str | None
    actor1_span: tuple[int, int] | None = None
    actor2_span: tuple[int, int] | None = None


def frame_end(folded: str) -> int:
    """End of a reporting frame ("X announced that", "According to X,"): not the actors."""
    return frame_length(folded)


def assign_actors(
    mentions: list[Mention], hit: TriggerHit, folded: str, rules: Rules | None = None
) -> ActorRoles:
    """Initiator and target around the trigger, by voice.

    With ``rules``, a force named only as backing the actors ("the Syrian army, supported by
    Russian aircraft, took over ...") is neither initiator nor target.
    """
    if rules is not None:
        mentions = [
            m for m in mentions if "support" not in rules.trigger_context(folded, m.start, m.end)
        ]
    frame = frame_end(folded)
    speaker = next((m for m in mentions if m.end <= frame and not m.is_civilian), None)
    if frame <= hit.start:
        mentions = [m for m in mentions if m.start >= frame]
    before = [m for m in mentions if m.start < hit.end and m.end <= hit.end + 1]
    after = [m for m in mentions if m.start >= hit.end]
    if "reverse" in hit.trigger.flags:
        return _reverse(mentions, hit)
    if "victim_subject" in hit.trigger.flags:
        # "an army bulldozer hit an IED": the subject suffered it; the doer is not named
        struck = _last([m for m in mentions if m.end <= hit.start], civilian_ok=True)
        return ActorRoles(
            actor1=None,
            actor1_unit=None,
            actor2=struck.canonical if struck else None,
            actor2_span=(struck.start, struck.end) if struck else None,
        )
    passive = hit.passive or bool(_BY_AGENT.search(folded[max(0, hit.start - 12) : hit.start]))
    if (
        passive
        and rules is not None
        and "support" in rules.trigger_context(folded, hit.start, hit.end)
    ):
        passive = hit.passive  # "forces landed by helicopters raided": "by" names support
    if not passive and not any(not m.is_civilian for m in before):
        # "an IED planted by ISIS in an SDF post": a participle with its agent, no subject
        passive = bool(_PARTICIPLE_BY.match(folded, hit.end - 2)) or bool(
            _PARTICIPLE_AFTER.match(folded, hit.end)  # "a drone launched by the Houthis hit"
        )
    agent: Mention | None = None
    target: Mention | None = None
    if passive:
        pattern = _AGENT_AFTER if hit.trigger.event_type == REMOTE else _BY_ONLY
        by = pattern.search(folded, hit.end, min(len(folded), hit.end + 80))
        if by is not None:
            agent = next((m for m in after if by.end() <= m.start <= by.end() + 30), None)
        target = _last(before, civilian_ok=True)
        if target is None:
            target = next((m for m in after if m is not agent), None)
    else:
        victims = [
            m
            for m in before
            if _VICTIM_GAP.search(folded[m.end : hit.start])
            or _AMONG.search(folded[max(0, m.start - 40) : m.start])
        ]
        # a mention inside the trigger ("a bomb attached to a Taliban vehicle went off",
        # "killed six ISIS operatives") is what was hit, never the doer
        craft = bool(_CRAFT_FIRST.match(folded, hit.start))  # "aircraft of X attacked"
        actors = [
            m
            for m in before
            if not m.is_civilian and m not in victims and (craft or m.start <= hit.start)
        ]
        modifier = next(
            (
                m
                for m in actors
                if 0 <= hit.start - m.end <= 3
                and not _APPOSITIVE.search(folded[max(0, m.start - 60) : m.start])
            ),
            None,
        )
        agent = _first_joined(actors, modifier or next(iter(actors), None), folded)
        if (
            agent is None
            and after
            and _AGENT_NOUN.search(folded, hit.start, hit.end)
            and _OF_AGENT.fullmatch(folded, hit.end, after[0].start)
        ):
            agent = after[0]  # "a sniper of the soldiers of the Caliphate targeted ..."
            after = after[1:]
        if agent is None and speaker is not None and not victims:
            agent = speaker
        if (
            speaker is not None
            and 0 < frame <= hit.start
            and _PRONOUN_SUBJECT.match(folded, frame)
            and not speaker.is_civilian
        ):
            agent = speaker  # the speaker reports its own deed
        target = next(iter(victims), None) or next(
            (m for m in after if m.canonical != (agent.canonical if agent else "")), None
        )
        if target is None:
            inside = [m for m in before if m.start >= hit.start]  # "located ISIS hideouts"
            target = next(
                (m for m in inside + before if m is not agent and _differs(m, agent)), None
            )
    if agent is not None and agent.is_civilian:
        agent = None
    if hit.trigger.event_type == "Battles" and not passive:
        agent, target = _between(mentions, hit, folded, agent, target)
    if agent is not None:
        agent = _leader(mentions, agent, folded)
    if agent is None and passive and "territory" in hit.trigger.flags:
        # "The Prime Minister announced that the city had been liberated": the speaker's forces
        agent = speaker if speaker is not None and speaker.kind == "state" else None
    return ActorRoles(
        actor1=agent.canonical if agent else None,
        actor1_unit=agent.unit if agent else None,
        actor2=target.canonical if target and _differs(target, agent) else None,
        actor1_span=(agent.start, agent.end) if agent else None,
        actor2_span=(target.start, target.end) if target else None,
    )


def _first_joined(actors: list[Mention], agent: Mention | None, folded: str) -> Mention | None:
    """ "Popular Mobilization and Iraqi army forces seized ...": the first one named leads."""
    if agent is None or agent not in actors:
        return agent
    index = actors.index(agent)
    while index > 0 and _JOINER.fullmatch(folded, actors[index - 1].end, actors[index].start):
        index -= 1
    return actors[index]


def _reverse(mentions: list[Mention], hit: TriggerHit) -> ActorRoles:
    """ "The army repelled an attack by ISIS": the attacker follows, the subject defends."""
    agent = next((m for m in mentions if 0 <= m.start - hit.end <= 5), None)
    target = _last([m for m in mentions if m.end <= hit.start], civilian_ok=False)
    if agent is not None and agent.is_civilian:
        agent = None
    return ActorRoles(
        actor1=agent.canonical if agent else None,
        actor1_unit=agent.unit if agent else None,
        actor2=target.canonical if target and _differs(target, agent) else None,
        actor1_span=(agent.start, agent.end) if agent else None,
        actor2_span=(target.start, target.end) if target else None,
    )


def _between(
    mentions: list[Mention],
    hit: TriggerHit,
    folded: str,
    agent: Mention | None,
    target: Mention | None,
) -> tuple[Mention | None, Mention | None]:
    """ "Clashes between X and Y": X initiates, Y is the other side."""
    between = _BETWEEN.search(folded, hit.end, min(len(folded), hit.end + 60))
    if between is None:
        return agent, target
    after = [m for m in mentions if m.start >= between.end() and not m.is_civilian]
    if len(after) < 2 or after[0].start - between.end() > 4:
        return agent, target
    if not _JOINER.fullmatch(folded, after[0].end, after[1].start):
        return agent, target
    return after[0], after[1]


def _leader(mentions: list[Mention], agent: Mention, folded: str) -> Mention:
    """ "The rebel organizations, led by HTS, attacked": the named leader is the actor."""
    led = _LED_BY.match(folded, agent.end)
    if led is None:
        return agent
    leader = next((m for m in mentions if m.start == led.end()), None)
    return leader if leader is not None and not leader.is_civilian else agent


def _last(mentions: list[Mention], *, civilian_ok: bool) -> Mention | None:
    for mention in reversed(mentions):
        if civilian_ok or not mention.is_civilian:
            return mention
    return None


def _differs(mention: Mention, other: Mention | None) -> bool:
    return other is None or mention.canonical != other.canonical


PRINCIPAL_SHARE = 0.5
PRINCIPAL_MIN = 5
PRINCIPAL_CHARS = 400_000


def principal_actor(text: str, rules: Rules) -> str | None:
    """The non-state group a document is about: named at least ``PRINCIPAL_MIN`` times and
    in at least half of all non-state mentions (a bulletin on ISIS). Unattributed attacks
    in such a document are that group's, as the analysts who code these bulletins read them.
    """
    return principal_of(nonstate_counts(text, rules))


def nonstate_counts(text: str, rules: Rules) -> dict[str, int]:
    """How often each non-state group is named in (the first part of) a document."""
    counts: dict[str, int] = {}
    for start, end, matched in alias_spans(fold_quotes(text[:PRINCIPAL_CHARS]), rules):
        mention = _resolve(matched, rules, None, start, end)
        if mention is not None and mention.kind == "nonstate":
            counts[mention.canonical] = counts.get(mention.canonical, 0) + 1
    return counts


def principal_of(counts: dict[str, int], least: int | None = None) -> str | None:
    """``principal_actor`` from counts already taken; ``least`` replaces ``PRINCIPAL_MIN``
    (a news story's group may be named only once)."""
    if not counts:
        return None
    best = max(counts, key=lambda name: counts[name])
    total = sum(counts.values())
    if counts[best] >= (least or PRINCIPAL_MIN) and counts[best] >= PRINCIPAL_SHARE * total:
        return best
    return None


def unidentified(country: str | None) -> str:
    """ACLED's name for an unnamed armed group, with its country when known."""
    return f"{UNIDENTIFIED} ({country})" if country else UNIDENTIFIED
