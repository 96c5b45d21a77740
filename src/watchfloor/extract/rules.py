"""The extraction rulebook: data files under ``watchfloor/data/extract`` loaded and compiled.

``Rules.load()`` reads triggers, cues, actors, nationalities, force nouns and regions,
validates every row (``DataFileError`` naming ``file:line``) and compiles each word list
into one bounded regular expression. Loading is cached; an analyst's actor file passed as
``extra_actors`` is read after the bundled one, so its rows win.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from watchfloor.errors import DataFileError
from watchfloor.extract.prefilter import (
    Alternation,
    Scanner,
    Subset,
    lower_safe,
    may_match,
    pattern_literals,
    split_branches,
)

PACKAGE = "watchfloor.data.extract"
CUE_KINDS = frozenset(
    {
        "skip",
        "skip_section",
        "aggregate",
        "claim",
        "claim_context",
        "claim_source",
        "civilian",
        "new_incident",
        "outlet",
        "unattributed",
        "story_reference",
        "linked_group",
    }
)
ACTOR_KINDS = frozenset({"state", "nonstate", "civilian", "unknown"})
TRIGGER_FLAGS = frozenset(
    {
        "civilian_switch",
        "territory",
        "weak",
        "reverse",
        "air",
        "state",
        "response",
        "victim_subject",
    }
)
CONTEXT_KINDS = frozenset({"support", "circumstance", "unachieved"})
_SPACES = re.compile(r"  +")
MAX_CONTEXT_MEMO = 4096
_CONTEXT_MEMO: dict[tuple[int, str, int, int], frozenset[str]] = {}
"""A trigger's context is asked for several times while its telling is typed (speed only)."""
CONTEXT_CHARS = 80  # how far before or after a trigger its context is read


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of ``triggers.jsonl``."""

    id: str
    event_type: str
    sub_event_type: str
    priority: int
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Actor:
    """One row of ``actors.jsonl`` (a unit when ``parent`` is set)."""

    canonical: str
    kind: str
    country: str | None = None
    roles: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class ActorAlias:
    """What a matched alias stands for: a fixed actor, or a role to resolve by country."""

    actor: Actor | None
    role: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    pattern: re.Pattern[str]
    claimant: str | None = None
    name: str | None = None  # the source name an ``outlet`` cue stands for


@dataclass(frozen=True, slots=True)
class TriggerContext:
    """One row of ``contexts.jsonl``: wording next to a trigger that changes what it says."""

    kind: str
    side: str  # "before" (pattern ends with $) or "after" (pattern starts with ^)
    pattern: re.Pattern[str]
    literals: frozenset[str] | None = None  # one of these is in every match (speed only)


@dataclass(frozen=True, slots=True)
class Region:
    country: str
    admin1: str | None


@dataclass(frozen=True, slots=True)
class Rules:
    """Compiled rules. Build with :meth:`load`; constructing by hand is for tests."""

    triggers: tuple[Trigger, ...]
    trigger_re: re.Pattern[str]
    cues: tuple[Cue, ...]
    actors: dict[str, Actor]
    aliases: dict[str, ActorAlias]
    alias_re: re.Pattern[str]
    by_role: dict[tuple[str, str], Actor]
    nationalities: dict[str, str]
    regions: dict[str, Region]
    region_re: re.Pattern[str]
    version: str = "1"
    cue_res: dict[str, re.Pattern[str]] = field(default_factory=dict)
    trigger_alt: Alternation | None = None
    force_re: re.Pattern[str] | None = None  # "Syrian combat engineering unit"
    noun_roles: dict[str, str] = field(default_factory=dict)
    cue_alts: dict[str, Alternation] = field(default_factory=dict)
    scanner: Scanner | None = None
    alias_split: tuple[re.Pattern[str], ...] | None = None  # see alias_spans
    contexts: tuple[TriggerContext, ...] = ()

    @classmethod
    def load(cls, extra_actors: Path | None = None) -> Rules:
        """Load the bundled rulebook (plus an analyst's actor file), cached per path."""
        return _load_cached(str(extra_actors) if extra_actors else None)

    def cue(self, kind: str) -> re.Pattern[str]:
        """One alternation of every cue pattern of ``kind``."""
        return self.cue_res[kind]

    def forget(self) -> None:
        """Drop what was remembered of the last document's texts (speed only)."""
        if self.scanner is not None:
            self.scanner.forget()
        if self.trigger_alt is not None:
            self.trigger_alt.forget()
        for alternation in self.cue_alts.values():
            alternation.forget()

    def triggers_for(self, text: str) -> Subset | re.Pattern[str]:
        """``trigger_re`` cut to the triggers whose wording occurs in ``text`` (same matches)."""
        if self.trigger_alt is None:
            return self.trigger_re
        return self.trigger_alt.for_text(text)

    def cue_for(self, kind: str, text: str) -> Subset | re.Pattern[str]:
        """``cue(kind)`` cut to the alternatives whose wording occurs in ``text`` (same matches)."""
        alternation = self.cue_alts.get(kind)
        if alternation is None:
            return self.cue_res[kind]
        return alternation.for_text(text)

    def cue_claimant(self, kind: str, text: str) -> str | None:
        """The claimant of the first ``kind`` cue row that matches ``text``."""
        for cue in self.cues:
            if cue.kind == kind and cue.pattern.search(text):
                return cue.claimant
        return None

    def cue_name(self, kind: str, text: str) -> str | None:
        """The ``name`` of the first ``kind`` cue row that matches ``text``."""
        for cue in self.cues:
            if cue.kind == kind and cue.pattern.search(text):
                return cue.name
        return None

    def trigger_context(self, folded: str, start: int, end: int) -> frozenset[str]:
        """Kinds of ``contexts.jsonl`` wording around the trigger at ``folded[start:end]``."""
        key = (id(self), folded, start, end)
        found = _CONTEXT_MEMO.get(key)
        if found is None:
            if len(_CONTEXT_MEMO) >= MAX_CONTEXT_MEMO:
                _CONTEXT_MEMO.clear()
            found = _CONTEXT_MEMO[key] = self._trigger_context(folded, start, end)
        return found

    def _trigger_context(self, folded: str, start: int, end: int) -> frozenset[str]:
        # folded markup ("to **complete") leaves runs of spaces: read them as one
        before = _SPACES.sub(" ", folded[max(0, start - CONTEXT_CHARS) : start].replace("*", ""))
        after = _SPACES.sub(" ", folded[end : end + CONTEXT_CHARS].replace("*", ""))
        found: set[str] = set()
        for context in self.contexts:
            window = before if context.side == "before" else after
            if context.kind not in found and may_match(context.literals, window):
                if context.pattern.search(window):
                    found.add(context.kind)
        return frozenset(found)

    def resolve_role(self, role: str, country: str | None) -> str | None:
        """Canonical actor for a generic force noun in a country ('policemen' in Iraq)."""
        if country is None:
            return None
        actor = self.by_role.get((country, role))
        if actor is None and role == "security":
            actor = self.by_role.get((country, "army"))
        if actor is not None:
            return actor.canonical
        adjective = next((adj for adj, c in self.nationalities.items() if c == country), None)
        if adjective is None:
            return None
        return f"{adjective} Police" if role == "police" else f"{adjective} Armed Forces"


@lru_cache(maxsize=8)
def _load_cached(extra_actors: str | None) -> Rules:
    triggers, trigger_patterns = _read_triggers()
    cues = _read_cues()
    contexts = _read_contexts()
    actors, alias_rows = _read_actors("actors.jsonl", _data_lines("actors.jsonl"))
    if extra_actors is not None:
        path = Path(extra_actors)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise DataFileError("unreadable", str(err), path=str(path)) from err
        more, more_aliases = _read_actors(str(path), lines)
        actors.update(more)
        alias_rows.extend(more_aliases)
    nationalities = _read_tsv("nationalities.tsv", 2)
    roles = _read_tsv("roles.tsv", 3)
    regions = {
        name.lower(): Region(country, admin1 or None)
        for name, country, admin1 in _read_tsv("regions.tsv", 3)
    }
    aliases = _build_aliases(actors, alias_rows, nationalities, roles)
    by_role: dict[tuple[str, str], Actor] = {}
    for actor in actors.values():
        for role in actor.roles:
            if actor.country:
                by_role.setdefault((actor.country, role), actor)
    trigger_alt = Alternation(
        [f"(?P<t{i}>{pattern})" for i, pattern in enumerate(trigger_patterns)]
    )
    cue_res = {
        kind: re.compile(
            "|".join(f"(?:{c.pattern.pattern})" for c in cues if c.kind == kind) or "(?!)"
        )
        for kind in CUE_KINDS
    }
    cue_alts = {
        kind: Alternation([part for c in cues if c.kind == kind for part in _cue_parts(c)])
        for kind in CUE_KINDS
    }
    scanner = Scanner(trigger_alt.words.union(*(alt.words for alt in cue_alts.values())))
    for alternation in (trigger_alt, *cue_alts.values()):
        alternation.share(scanner)
    force_re = re.compile(
        rf"(?<![\w'-])(?P<adj>{_trie_pattern([row[0] for row in nationalities])})"
        r"\s(?:[A-Za-z][A-Za-z0-9'-]{0,20}\s){1,2}"
        rf"(?P<noun>{_trie_pattern([row[0] for row in roles])})"
        r"(?![\w-])"
    )
    return Rules(
        triggers=tuple(triggers),
        trigger_re=trigger_alt.full,
        cues=tuple(cues),
        actors=actors,
        aliases=aliases,
        alias_re=_alias_regex(aliases),
        alias_split=_split_aliases(aliases),
        by_role=by_role,
        nationalities={adj: country for adj, country in nationalities},
        regions=regions,
        region_re=re.compile(r"\b(?:" + _trie_pattern(list(regions)) + r")\b", re.IGNORECASE),
        cue_res=cue_res,
        trigger_alt=trigger_alt,
        cue_alts=cue_alts,
        scanner=scanner,
        force_re=force_re,
        noun_roles={row[0]: row[1] for row in roles},
        contexts=tuple(contexts),
    )


def _cue_parts(cue: Cue) -> list[str]:
    """A cue row's top-level alternatives, each a group (the row whole when it will not split)."""
    pattern = cue.pattern.pattern
    parts = split_branches(pattern)
    if "|".join(parts) != pattern:
        return [f"(?:{pattern})"]
    try:
        for part in parts:
            re.compile(part)
    except re.error:
        return [f"(?:{pattern})"]
    return [f"(?:{part})" for part in parts]


def _data_lines(name: str) -> list[str]:
    return (resources.files(PACKAGE) / name).read_text(encoding="utf-8").splitlines()


def _json_rows(name: str, lines: list[str]) -> list[tuple[int, dict[str, Any]]]:
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError("bad-json", f"{name}:{number}: {err.msg}", path=name) from err
        if not isinstance(row, dict):
            raise DataFileError("bad-row", f"{name}:{number}: not an object", path=name)
        if "version" in row:
            continue
        rows.append((number, row))
    return rows


def _need(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value:
        raise DataFileError("missing-field", f"{where}: '{key}' must be a non-empty string")
    return value


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise DataFileError("bad-pattern", f"{where}: {err}") from err


def _read_triggers() -> tuple[list[Trigger], list[str]]:
    triggers: list[Trigger] = []
    patterns: list[str] = []
    for number, row in _json_rows("triggers.jsonl", _data_lines("triggers.jsonl")):
        where = f"triggers.jsonl:{number}"
        pattern = _need(row, "pattern", where)
        _compile(pattern, where)
        flags = frozenset(row.get("flags", []))
        if not flags <= TRIGGER_FLAGS:
            raise DataFileError("bad-flag", f"{where}: unknown flags {sorted(flags)}")
        priority = row.get("priority")
        if not isinstance(priority, int):
            raise DataFileError("missing-field", f"{where}: 'priority' must be an integer")
        triggers.append(
            Trigger(
                id=_need(row, "id", where),
                event_type=_need(row, "event_type", where),
                sub_event_type=_need(row, "sub_event_type", where),
                priority=priority,
                flags=flags,
            )
        )
        patterns.append(pattern)
    return triggers, patterns


def _read_cues() -> list[Cue]:
    cues: list[Cue] = []
    for number, row in _json_rows("cues.jsonl", _data_lines("cues.jsonl")):
        where = f"cues.jsonl:{number}"
        kind = _need(row, "kind", where)
        if kind not in CUE_KINDS:
            raise DataFileError("bad-kind", f"{where}: unknown cue kind '{kind}'")
        claimant = row.get("claimant")
        name = _need(row, "name", where) if kind == "outlet" else None
        cues.append(Cue(kind, _compile(_need(row, "pattern", where), where), claimant, name))
    return cues


def _read_contexts() -> list[TriggerContext]:
    contexts: list[TriggerContext] = []
    for number, row in _json_rows("contexts.jsonl", _data_lines("contexts.jsonl")):
        where = f"contexts.jsonl:{number}"
        kind = _need(row, "kind", where)
        if kind not in CONTEXT_KINDS:
            raise DataFileError("bad-kind", f"{where}: unknown context kind '{kind}'")
        side = _need(row, "side", where)
        pattern = _need(row, "pattern", where)
        anchored = pattern.endswith("$") if side == "before" else pattern.startswith("^")
        if side not in ("before", "after") or not anchored:
            raise DataFileError(
                "bad-row", f"{where}: side must be before (pattern ending $) or after (starting ^)"
            )
        compiled = _compile(pattern, where)
        contexts.append(TriggerContext(kind, side, compiled, pattern_literals(compiled)))
    return contexts


def _read_actors(name: str, lines: list[str]) -> tuple[dict[str, Actor], list[tuple[str, Actor]]]:
    actors: dict[str, Actor] = {}
    alias_rows: list[tuple[str, Actor]] = []
    for number, row in _json_rows(name, lines):
        where = f"{name}:{number}"
        kind = _need(row, "kind", where)
        if kind not in ACTOR_KINDS:
            raise DataFileError("bad-kind", f"{where}: unknown actor kind '{kind}'")
        aliases = row.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise DataFileError("bad-row", f"{where}: 'aliases' must be a list of strings")
        actor = Actor(
            canonical=_need(row, "canonical", where),
            kind=kind,
            country=row.get("country"),
            roles=tuple(row.get("roles", [])),
            parent=row.get("parent"),
        )
        actors[actor.canonical] = actor
        alias_rows.extend((alias, actor) for alias in [actor.canonical, *aliases])
    return actors, alias_rows


def _read_tsv(name: str, columns: int) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    header_seen = False
    for number, line in enumerate(_data_lines(name), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < columns:
            cells += [""] * (columns - len(cells))
        if len(cells) != columns:
            raise DataFileError("bad-row", f"{name}:{number}: expected {columns} columns")
        if not header_seen:
            header_seen = True
            continue
        rows.append(tuple(cell.strip() for cell in cells))
    return rows


def fold_key(text: str) -> str:
    """Lower-case, fold apostrophes and runs of spaces: the key aliases are stored under."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def _build_aliases(
    actors: dict[str, Actor],
    alias_rows: list[tuple[str, Actor]],
    nationalities: list[tuple[str, ...]],
    roles: list[tuple[str, ...]],
) -> dict[str, ActorAlias]:
    aliases: dict[str, ActorAlias] = {}
    for noun, role, alone in roles:
        for adjective, country in nationalities:
            aliases[fold_key(f"{adjective} {noun}")] = ActorAlias(None, role, country)
        if alone == "yes":
            aliases[fold_key(noun)] = ActorAlias(None, role, None)
    for alias, actor in alias_rows:
        key = alias if _is_acronym(alias) else fold_key(alias)
        aliases[key] = ActorAlias(actor)
    return aliases


def _is_acronym(alias: str) -> bool:
    return len(alias) <= 5 and alias.replace("-", "").isupper()


def _alias_regex(aliases: dict[str, ActorAlias]) -> re.Pattern[str]:
    words = [key for key in aliases if not _is_acronym(key)]
    acronyms = [key for key in aliases if _is_acronym(key)]
    folded = _trie_pattern(words)
    exact = _trie_pattern(acronyms)
    return re.compile(rf"(?<![\w'-])(?:(?i:{folded})|{exact})(?![\w-])")


def alias_spans(text: str, rules: Rules) -> list[tuple[int, int, str]]:
    """(start, end, matched) of every ``rules.alias_re`` match in ``text``: the same matches.

    Speed only: the case-insensitive names are found case-sensitively in ``text.lower()``
    (about three times faster) and the acronyms in ``text``, merged as the one alternation
    would give them (leftmost first, names before acronyms at one position, no overlap).
    Falls back to ``alias_re`` when lowering could change a match (see ``lower_safe``).
    """
    split = rules.alias_split
    if split is None or not lower_safe(text):
        return [(m.start(), m.end(), m.group()) for m in rules.alias_re.finditer(text)]
    names, acronyms, acronym_starts = split
    lowered = text.lower()
    found: list[tuple[int, int, str]] = []
    name = names.search(lowered)
    acronym = _search_checked(acronyms, acronym_starts, text, 0)
    while True:
        first = acronym if name is None or (acronym and acronym.start() < name.start()) else name
        if first is None:
            return found
        start, end = first.span()
        found.append((start, end, text[start:end]))
        if name is not None and name.start() < end:
            name = names.search(lowered, end)
        if acronym is not None and acronym.start() < end:
            acronym = _search_checked(acronyms, acronym_starts, text, end)


def _search_checked(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str, pos: int
) -> re.Match[str] | None:
    """``pattern.search(text, pos)``, where ``pattern`` is a lookbehind then ``starts``:
    ``starts`` finds the candidate positions (the engine skips to its first letters, which
    it cannot do behind a lookbehind) and ``pattern`` is matched at each in turn.
    """
    while True:
        candidate = starts.search(text, pos)
        if candidate is None:
            return None
        match = pattern.match(text, candidate.start())
        if match is not None:
            return match
        pos = candidate.start() + 1


def _split_aliases(aliases: dict[str, ActorAlias]) -> tuple[re.Pattern[str], ...] | None:
    """``_alias_regex(aliases)`` in parts: the lower-case names, the exact acronyms, and the
    acronyms without their lookbehind (see ``_search_checked``)."""
    words = [key for key in aliases if not _is_acronym(key)]
    acronyms = [key for key in aliases if _is_acronym(key)]
    if not all(word.isascii() and word == word.lower() for word in words):
        return None
    return (
        re.compile(rf"(?<![\w'-])(?:{_trie_pattern(words)})(?![\w-])"),
        re.compile(rf"(?<![\w'-])(?:{_trie_pattern(acronyms)})(?![\w-])"),
        re.compile(rf"(?:{_trie_pattern(acronyms)})(?![\w-])"),
    )


def _trie_pattern(words: list[str]) -> str:
    """One regex for a word list, shaped as a prefix trie (fast, no backtracking blow-up)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(trie) or "(?!)"


def _trie_node(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
