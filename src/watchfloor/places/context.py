"""Where a place phrase sits: country and province from headings and the sentence.

A :class:`PlaceContext` carries what the document tells us around a place name:
the country and admin1 of its section ("Syria" / "Deir ez-Zor Province" / "Main
developments in Iraq"), admin names written in the same sentence ("in the Diyala
province") and points already resolved in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from watchfloor.errors import DataFileError
from watchfloor.models import Sentence
from watchfloor.places.gazetteer import Gazetteer

MAX_TEXT_CHARS = 2000
MAX_NGRAM = 4
_PARTS = re.compile(r"[-‘’'`]")
_GENERIC = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday north south east west "
    "northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern capital centre center coast".split()
)
"""Words that are admin1 names somewhere (March ~ Mersch, Eastern) but in running text
are a date or a direction: never read as an admin mention on their own."""
_LEADS = _GENERIC | frozenset(
    "in on at near of the and from to by for with into across outside inside around a an "
    "wilayat greater upper lower rural western eastern northern southern".split()
)
"""Capitalised words that may stand before an admin name in running text; after any other
capitalised word the name is the tail of a longer one ("Tal Afar" is no mention of Afar)."""
_PROVINCE_RE = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'’‘-]{1,20}\s){0,3}[A-Z][\w'’‘-]{1,20})\s(?:province|governorate|"
    r"Province|Governorate|countryside|Countryside)\b"
)


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What surrounds a place phrase. Names are as the gazetteer writes them.

    ``country`` is a name or ISO code; ``admin1`` a GeoNames admin1 name; ``mentioned``
    are (country_code, admin1_code) pairs named in the sentence (a weaker hint);
    ``nearby`` are points already resolved in the same paragraph; ``section_mentioned``
    the pairs the whole section's text names (a fallback's last hint before the country);
    ``document_country`` ranks homonyms when the place's own country is unknown.
    """

    country: str | None = None
    admin1: str | None = None
    mentioned: tuple[tuple[str, str | None], ...] = ()
    nearby: tuple[tuple[float, float], ...] = ()
    source: str = "none"  # where country/admin1 came from: explicit, heading, sentence
    section_mentioned: tuple[tuple[str, str | None], ...] = ()
    document_country: str | None = None  # the country most of the document's events are in


@dataclass(frozen=True, slots=True)
class _Mention:
    country_code: str
    admin1_code: str | None
    words: int


def _read_rows(filename: str, columns: int) -> list[tuple[int, list[str]]]:
    text = resources.files("watchfloor.data.places").joinpath(filename).read_text("utf-8")
    rows: list[tuple[int, list[str]]] = []
    has_version = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# version"):
            has_version = True
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < columns or not all(cols[:columns]):
            raise DataFileError(
                "bad-row", f"expected {columns} tab-separated columns", path=f"{filename}:{lineno}"
            )
        rows.append((lineno, cols))
    if not has_version:
        raise DataFileError("no-version", "the file needs a '# version<TAB>N' line", path=filename)
    return rows


class AdminIndex:
    """Finds country and admin1 names in free text (headings, sentences)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        rules = gazetteer.rules
        self._keys: dict[str, _Mention] = {}
        for area in gazetteer.admin1_areas():
            if area.name and area.code:
                self._add(rules.variant_key(area.name), area.country_code, area.code)
        for lineno, cols in _read_rows("admin_aliases.tsv", 3):
            if gazetteer.admin1_area(cols[1], cols[2]) is None:
                raise DataFileError(
                    "unknown-admin1",
                    f"{cols[1]}.{cols[2]} is not a GeoNames admin1 code",
                    path=f"admin_aliases.tsv:{lineno}",
                )
            self._keys[rules.variant_key(cols[0])] = _Mention(cols[1], cols[2], 0)
        for lineno, cols in _read_rows("country_aliases.tsv", 2):
            if gazetteer.country_area(cols[1]) is None:
                raise DataFileError(
                    "unknown-country",
                    f"{cols[1]} is not a GeoNames country code",
                    path=f"country_aliases.tsv:{lineno}",
                )
            self._keys[rules.variant_key(cols[0])] = _Mention(cols[1], None, 0)

    def _add(self, key: str, cc: str, code: str) -> None:
        if key and key not in self._keys:
            self._keys[key] = _Mention(cc, code, 0)

    def find(self, text: str, *, running: bool = True) -> list[tuple[str, str | None]]:
        """Return (country_code, admin1_code or None) for each admin name in ``text``.

        In ``running`` text (a sentence, a heading) a name must hold a capitalised word,
        must not be a lone month or direction word ("in March", "the eastern
        countryside") nor the tail of a longer name ("Tal Afar"); a bare name
        (``running=False``) is read as it is.
        """
        words, proper, fresh = self._words(text[:MAX_TEXT_CHARS], running=running)
        found: list[tuple[str, str | None]] = []
        articles = self.gazetteer.rules.articles
        i = 0
        while i < len(words):
            for size in range(min(MAX_NGRAM, len(words) - i), 0, -1):
                if size > 1 and words[i + size - 1] in articles:
                    continue  # "al-Sham al-Khayr": the second "al" opens the next name
                gram = " ".join(words[i : i + size])
                if running and (
                    not any(proper[i : i + size])
                    or gram in _GENERIC
                    or (not fresh[i] and proper[i - 1] and words[i - 1] not in _LEADS)
                ):
                    continue
                key = self.gazetteer.rules.variant_key(gram)
                mention = self._keys.get(key)
                if mention is not None and len(key) > 2:
                    found.append((mention.country_code, mention.admin1_code))
                    i += size
                    break
            else:
                i += 1
        return found

    def _words(self, text: str, *, running: bool) -> tuple[list[str], list[bool], list[bool]]:
        """The folded words of ``text``; for each, whether its token is capitalised and
        whether it starts the text or follows punctuation ("al-Sham – al-Khayr", "Hama,").

        Tokens are folded one by one (folding truncates long input)."""
        fold = self.gazetteer.rules.fold
        words: list[str] = []
        proper: list[bool] = []
        fresh: list[bool] = []
        after_break = True
        for token in text.split():
            capital = not running or any(part[:1].isupper() for part in _PARTS.split(token))
            for n, word in enumerate(fold(token).split()):
                words.append(word)
                proper.append(capital)
                fresh.append(after_break and n == 0)
            after_break = not token[-1:].isalnum()
        return words, proper, fresh

    def find_province(self, text: str) -> tuple[str, str] | None:
        """Return the admin1 of an explicit 'X province/governorate' phrase in ``text``."""
        for match in _PROVINCE_RE.finditer(text[:MAX_TEXT_CHARS]):
            for cc, code in self.find(match["name"]):
                if code is not None:
                    return cc, code
        return None


def context_for_sentence(
    sent: Sentence,
    index: AdminIndex,
    *,
    country: str | None = None,
    admin1: str | None = None,
    nearby: tuple[tuple[float, float], ...] = (),
    heads: tuple[str, ...] = (),
) -> PlaceContext:
    """Build the context of a place named in ``sent``.

    Explicit ``country``/``admin1`` (from extraction) win; then an 'X province' phrase
    in the sentence; then the label lines opening its block (``heads``: "Wilayat
    al-Sham – al-Khayr" above a claim), nearest first; then the deepest section heading
    naming a country or province.
    """
    gazetteer = index.gazetteer
    mentioned = tuple(index.find(sent.text))
    source = "explicit" if country or admin1 else "none"
    cc = gazetteer.country_code(country) if country else None
    a1_code: str | None = None
    if admin1:
        a1_code = _admin1_code_of(gazetteer, admin1, cc)
    if a1_code is None and not admin1:
        province = index.find_province(sent.text)
        if province and (cc is None or province[0] == cc):
            cc, a1_code = province
            source = source if source != "none" else "sentence"
    for heading in (*reversed(heads), *reversed(sent.section_path)):
        if cc is not None and a1_code is not None:
            break
        for h_cc, h_code in index.find(heading):
            if cc is not None and h_cc != cc:
                continue
            if cc is None:
                cc = h_cc
                source = source if source != "none" else "heading"
            if a1_code is None and h_code is not None:
                a1_code = h_code
    if cc is None and mentioned:
        countries = {m[0] for m in mentioned}
        if len(countries) == 1:
            cc = countries.pop()
            source = "sentence"
    area = gazetteer.admin1_area(cc, a1_code) if cc and a1_code else None
    return PlaceContext(
        country=gazetteer.country_name(cc) if cc else country,
        admin1=area.name if area else admin1,
        mentioned=mentioned,
        nearby=nearby,
        source=source,
    )


def _admin1_code_of(gazetteer: Gazetteer, admin1: str, cc: str | None) -> str | None:
    return gazetteer.admin1_code(admin1, cc)
