"""Named people in a text: kunyas ("Abu X al-Y"), titled names, and people of the KB.

:func:`find_people` is what extraction calls for ``Event.people``: each mention keeps
the name as written, the role as *this* text states it ("emir of the Sinai
Province"), the organisation (stated, or the KB person's), and a fate found near
the mention (killed, arrested, appointed...). Role and fate words live in
``data/resolve/people_lexicon.tsv``. Every pattern is bounded and the text is
capped before matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from watchfloor.errors import DataFileError
from watchfloor.models import PersonMention
from watchfloor.resolve.kb import KnowledgeBase

LEXICON_FILE = "people_lexicon.tsv"
MAX_TEXT_CHARS = 20_000
FATE_WINDOW = 90

_WORD = r"[A-Z][a-z'’]{1,20}(?:-[A-Z][a-z'’]{1,20})?"
_PART = r"(?:al-|el-|bin |ibn |bint )?" + _WORD
_KUNYA = r"\bAbu(?: al-| )" + _WORD + r"(?: " + _PART + r"){0,3}"
_NAME = r"(?:" + _KUNYA + r"|\b" + _WORD + r"(?: " + _PART + r"){1,3})"
_ORG = r"[A-Z][\w'’-]{1,30}(?: (?:al-)?[A-Z][\w'’-]{1,30}){0,4}"


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    roles: dict[str, str]
    fates: dict[str, str]


@cache
def load_lexicon() -> Lexicon:
    text = (
        resources.files("watchfloor").joinpath("data", "resolve", LEXICON_FILE).read_text("utf-8")
    )
    version = ""
    roles: dict[str, str] = {}
    fates: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# version"):
            version = line.split("\t", 1)[-1].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[0] not in ("role", "fate") or not cols[1] or not cols[2]:
            raise DataFileError("bad-row", f"{LEXICON_FILE}:{n}: expected kind, word, value",
                                path=LEXICON_FILE)  # fmt: skip
        (roles if cols[0] == "role" else fates)[cols[1]] = cols[2]
    if not version:
        raise DataFileError(
            "no-version", f"{LEXICON_FILE}:1: missing '# version'", path=LEXICON_FILE
        )
    return Lexicon(version, roles, fates)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lexicon = load_lexicon()
    roles = "|".join(re.escape(r) for r in sorted(lexicon.roles, key=len, reverse=True))
    fates = "|".join(re.escape(f) for f in sorted(lexicon.fates, key=len, reverse=True))
    role_first = re.compile(
        r"\b(?P<role>"
        + roles
        + r")(?: of (?:the )?(?P<org>"
        + _ORG
        + r"))?,? (?P<name>"
        + _NAME
        + ")"
    )
    name_first = re.compile(
        r"(?P<name>" + _NAME + r"), (?:the |a |an )?(?:(?P<org>" + _ORG + r")'s )?"
        r"(?P<role>" + roles + r")(?: of (?:the )?(?P<org2>" + _ORG + r"))?\b"
    )
    return role_first, name_first, re.compile(_KUNYA), re.compile(r"\b(?:" + fates + r")\b")


def find_people(text: str, kb: KnowledgeBase) -> list[PersonMention]:
    """Named people in ``text`` with role, organisation and fate as this text states them."""
    text = text[:MAX_TEXT_CHARS]
    role_first, name_first, kunya, fate_re = _patterns()
    lexicon = load_lexicon()
    found: dict[tuple[int, int], PersonMention] = {}
    for pattern in (role_first, name_first):
        for m in pattern.finditer(text):
            org_text = m.group("org") or (m.groupdict().get("org2"))
            role = lexicon.roles[m.group("role")]
            role_text = f"{role} of {org_text}" if org_text and pattern is role_first else role
            if pattern is name_first and m.group("org2"):
                role_text = f"{role} of {m.group('org2')}"
            _add(found, text, m.span("name"), role_text, org_text, kb, fate_re, lexicon)
    for m in kunya.finditer(text):
        _add(found, text, m.span(), None, None, kb, fate_re, lexicon)
    for name, _kind, _canonical in kb.people_names():
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if _bounded(text, start, end):
                _add(found, text, (start, end), None, None, kb, fate_re, lexicon)
            start = text.find(name, end)
    return _dedupe(list(found.values()))


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _add(
    found: dict[tuple[int, int], PersonMention],
    text: str,
    span: tuple[int, int],
    role: str | None,
    org_text: str | None,
    kb: KnowledgeBase,
    fate_re: re.Pattern[str],
    lexicon: Lexicon,
) -> None:
    name = text[span[0] : span[1]]
    person = kb.person(name)
    organisation = kb.resolve_org(org_text) if org_text else None
    if organisation is None:
        organisation = org_text or (person.organisation if person else None)
    previous = found.get(span)
    if previous is not None and (previous.role or not role):
        return
    found[span] = PersonMention(
        name=name, role=role, organisation=organisation,
        fate=_fate(text, span, fate_re, lexicon), span=span,
    )  # fmt: skip


def _fate(
    text: str, span: tuple[int, int], fate_re: re.Pattern[str], lexicon: Lexicon
) -> str | None:
    """The fate word nearest the mention within its sentence window."""
    lo = max(0, span[0] - FATE_WINDOW)
    hi = min(len(text), span[1] + FATE_WINDOW)
    best: tuple[int, str] | None = None
    for m in fate_re.finditer(text, lo, hi):
        if m.start() < span[1] and m.end() > span[0]:
            continue
        between = text[min(m.end(), span[1]) : max(m.start(), span[0])]
        if "." in between.replace("Dr.", "").replace("St.", "") or ";" in between:
            continue
        distance = m.start() - span[1] if m.start() >= span[1] else span[0] - m.end()
        if best is None or distance < best[0]:
            best = (distance, lexicon.fates[m.group(0)])
    return best[1] if best else None


def _dedupe(mentions: list[PersonMention]) -> list[PersonMention]:
    """Drop a mention whose span lies inside another's (keeping the one with a role)."""
    mentions.sort(key=lambda p: (p.span or (0, 0))[0])
    out: list[PersonMention] = []
    for mention in mentions:
        s = mention.span or (0, 0)
        clash = [o for o in out if (o.span or (0, 0))[0] < s[1] and s[0] < (o.span or (0, 0))[1]]
        if not clash:
            out.append(mention)
            continue
        other = clash[0]
        o = other.span or (0, 0)
        keep_new = (s[1] - s[0], mention.role is not None) > (o[1] - o[0], other.role is not None)
        if keep_new:
            out[out.index(other)] = PersonMention(
                mention.name, mention.role or other.role,
                mention.organisation or other.organisation, mention.fate or other.fate,
                mention.span,
            )  # fmt: skip
        elif mention.role and not other.role:
            out[out.index(other)] = PersonMention(
                other.name, mention.role, other.organisation or mention.organisation,
                other.fate or mention.fate, other.span,
            )  # fmt: skip
    return out
