"""The gazetteer: the bundled GeoNames extract plus the analyst's own places.

``Gazetteer.open()`` decompresses the bundled ``data/places/gazetteer.sqlite.xz`` once
into the user cache (``$XDG_CACHE_HOME/watchfloor`` or ``~/.cache/watchfloor``, keyed by
content hash), builds its indexes there, and opens it read-only. The analyst gazetteer
(``places import-geonames``, ``places add``) lives at ``WATCHFLOOR_GAZETTEER`` or
``~/.local/share/watchfloor/places.sqlite``; its rows win over bundled ones.
"""

from __future__ import annotations

import hashlib
import lzma
import math
import os
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from watchfloor.errors import GazetteerError
from watchfloor.places.folding import FoldingRules, load_folding_rules
from watchfloor.places.schema import INDEXES, create_schema

BUNDLED_FILE = "gazetteer.sqlite.xz"
ENV_GAZETTEER = "WATCHFLOOR_GAZETTEER"
FUZZY_CUTOFF = 82.0
MAX_CACHE = 50_000

_SELECT_BY_VKEY = (
    "SELECT p.id, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.admin1, p.admin2, "
    "p.population, p.source, p.note, n.name FROM names n JOIN places p ON p.id = n.place_id "
    "WHERE n.vkey = ?"
)
_SELECT_BY_ID = (
    "SELECT p.id, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.admin1, p.admin2, "
    "p.population, p.source, p.note FROM places p WHERE p.id = ?"
)
_FCODE_BONUS = {"PPLC": 0.06, "PPLA": 0.05, "PPLA2": 0.03, "PPLA3": 0.01}


@dataclass(frozen=True, slots=True)
class AdminArea:
    """A country or first-order division, with a representative point."""

    country_code: str
    country: str
    code: str | None  # admin1 code ('07'); None for a country
    name: str | None  # GeoNames English (ASCII) admin1 name; None for a country
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    bbox: tuple[float, float, float, float] | None = None  # min_lat, max_lat, min_lon, max_lon


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer place that may be what a name refers to, with its score and why."""

    geonames_id: int
    name: str
    matched_name: str
    match: str  # exact, variant, fuzzy
    latitude: float
    longitude: float
    country_code: str
    country: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    feature_class: str | None
    feature_code: str | None
    population: int
    source: str
    score: float
    reasons: tuple[str, ...] = ()


_Row = tuple[int, str, float, float, str | None, str | None, str, str | None, str | None, int, str]


def default_analyst_path() -> Path:
    """Return the analyst gazetteer path: $WATCHFLOOR_GAZETTEER or the XDG data dir."""
    env = os.environ.get(ENV_GAZETTEER)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "watchfloor" / "places.sqlite"


def cache_dir() -> Path:
    """Return the folder holding the decompressed bundled gazetteer."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "watchfloor"


def bundled_path(rules: FoldingRules) -> Path:
    """Decompress the bundled gazetteer into the cache once; return the cached file."""
    source = resources.files("watchfloor.data.places").joinpath(BUNDLED_FILE)
    try:
        data = source.read_bytes()
    except OSError as err:
        raise GazetteerError(
            "no-bundled-gazetteer",
            "the package has no gazetteer; run scripts/build_gazetteer.py",
            path=BUNDLED_FILE,
        ) from err
    digest = hashlib.sha256(data + rules.digest.encode()).hexdigest()[:16]
    target = cache_dir() / f"gazetteer-{digest}.sqlite"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    try:
        tmp.write_bytes(lzma.decompress(data))
        conn = sqlite3.connect(tmp)
        try:
            _rekey_if_stale(conn, rules)
            conn.executescript(INDEXES)
            conn.commit()
        finally:
            conn.close()
        tmp.replace(target)
    except (lzma.LZMAError, sqlite3.DatabaseError) as err:
        tmp.unlink(missing_ok=True)
        raise GazetteerError("corrupt-gazetteer", str(err), path=BUNDLED_FILE) from err
    return target


def _rekey_if_stale(conn: sqlite3.Connection, rules: FoldingRules) -> None:
    """Recompute the folding keys when the rules changed since the file was built."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'folding_digest'").fetchone()
    if row and row[0] == rules.digest:
        return
    names = conn.execute("SELECT rowid, name FROM names").fetchall()
    conn.executemany(
        "UPDATE names SET vkey = ? WHERE rowid = ?",
        [(rules.variant_key(name), rowid) for rowid, name in names],
    )
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('folding_digest', ?)", (rules.digest,)
    )


def open_analyst_db(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) an analyst gazetteer for writing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path)
        create_schema(conn)
        conn.commit()
    except (OSError, sqlite3.DatabaseError) as err:
        raise GazetteerError("cannot-open", f"{err}; check the path", path=str(path)) from err
    return conn


class Gazetteer:
    """Name look-ups over the bundled gazetteer and the analyst's. Build with :meth:`open`."""

    def __init__(
        self,
        bundled: sqlite3.Connection,
        analyst: sqlite3.Connection | None,
        rules: FoldingRules,
        *,
        analyst_path: Path | None = None,
    ) -> None:
        self._bundled = bundled
        self._analyst = analyst
        self.rules = rules
        self.analyst_path = analyst_path
        self._hits: dict[tuple[str, str], list[tuple[_Row, str, str]]] = {}
        self._fuzzy: dict[str, tuple[list[str], list[int]]] = {}
        self._countries: dict[str, tuple[str, float | None, float | None]] = {
            iso: (name, lat, lon)
            for iso, name, lat, lon in bundled.execute("SELECT iso, name, lat, lon FROM countries")
        }
        self._admin1: dict[tuple[str, str], AdminArea] = {}
        for row in bundled.execute(
            "SELECT code, cc, asciiname, geonameid, lat, lon, min_lat, max_lat, min_lon, max_lon "
            "FROM admin1"
        ):
            code, cc = row[0].split(".", 1)[1], row[1]
            bbox = (row[6], row[7], row[8], row[9]) if row[6] is not None else None
            country = self._countries.get(cc, (cc, None, None))[0]
            self._admin1[(cc, code)] = AdminArea(
                cc, country, code, row[2], row[3], row[4], row[5], bbox
            )
        self._country_keys = {
            rules.fold(name): iso for iso, (name, _, _) in self._countries.items()
        }
        self._admin1_keys: dict[str, list[tuple[str, str]]] = {}
        for (area_cc, code), area in self._admin1.items():
            key = rules.variant_key(area.name or "")
            self._admin1_keys.setdefault(key, []).append((area_cc, code))
        self._results: dict[tuple[str, str | None, str | None, int], list[Candidate]] = {}
        self._admin2 = {
            (cc, a1, code.rsplit(".", 1)[-1]): name
            for code, cc, a1, name in bundled.execute(
                "SELECT code, cc, admin1, asciiname FROM admin2"
            )
        }

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the bundled gazetteer plus the analyst one at ``path`` (or the default).

        The analyst file is optional: when it does not exist only bundled data is used.
        """
        rules = load_folding_rules()
        cached = bundled_path(rules)
        bundled = sqlite3.connect(f"file:{cached}?mode=ro", uri=True, check_same_thread=False)
        analyst_path = path if path is not None else default_analyst_path()
        analyst = None
        if analyst_path.exists():
            try:
                analyst = sqlite3.connect(
                    f"file:{analyst_path}?mode=ro", uri=True, check_same_thread=False
                )
                analyst.execute("SELECT 1 FROM names LIMIT 1")
            except sqlite3.DatabaseError as err:
                raise GazetteerError(
                    "corrupt-gazetteer", f"{err}; not a Watchfloor gazetteer", path=str(path)
                ) from err
        return cls(bundled, analyst, rules, analyst_path=analyst_path)

    def close(self) -> None:
        """Close the underlying SQLite connections."""
        self._bundled.close()
        if self._analyst is not None:
            self._analyst.close()

    # -- countries and admin areas ----------------------------------------------------

    def country_code(self, name_or_code: str | None) -> str | None:
        """Return the ISO code for 'SY', 'Syria', 'syria'; None when unknown."""
        if not name_or_code:
            return None
        text = name_or_code.strip()
        if len(text) == 2 and text.upper() in self._countries:
            return text.upper()
        return self._country_keys.get(self.rules.fold(text))

    def country_name(self, cc: str) -> str:
        """Return the short English name of a country code (GeoNames countryInfo)."""
        return self._countries.get(cc, (cc, None, None))[0]

    def country_area(self, cc: str) -> AdminArea | None:
        """Return the country as an area with its capital as the point."""
        if cc not in self._countries:
            return None
        name, lat, lon = self._countries[cc]
        return AdminArea(cc, name, None, None, None, lat, lon)

    def admin1_area(self, cc: str, code: str | None) -> AdminArea | None:
        """Return the admin1 area of a country code and admin1 code."""
        return self._admin1.get((cc, code)) if code else None

    def admin1_areas(self) -> list[AdminArea]:
        """Return every admin1 area."""
        return list(self._admin1.values())

    def admin2_name(self, cc: str, admin1: str | None, admin2: str | None) -> str | None:
        """Return the English admin2 name for GeoNames codes."""
        if not admin1 or not admin2:
            return None
        return self._admin2.get((cc, admin1, admin2))

    # -- names ------------------------------------------------------------------------

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        limit: int = 10,
    ) -> list[Candidate]:
        """Return ranked candidates for ``name``, best first, each with score and reasons.

        ``country`` (code or name) keeps only places in that country; ``admin1`` (name or
        code) raises places in that division and lowers others. Exact and variant
        matches come first; rapidfuzz is tried only when they find nothing in the
        country.
        """
        cached = self._results.get((name, country, admin1, limit))
        if cached is not None:
            return list(cached)
        key = self.rules.fold(name)
        if not key:
            return []
        vkey = self.rules.variant_key(name)
        cc = self.country_code(country) if country else None
        hits = self._name_hits(key, vkey)
        if cc:
            hits = [hit for hit in hits if hit[0][6] == cc]
        if not hits and cc:
            hits = self._fuzzy_hits(vkey, cc)
        admin1_code = self.admin1_code(admin1, cc) if admin1 else None
        cands = [self._candidate(row, matched, how, admin1_code) for row, matched, how in hits]
        cands.sort(key=lambda cand: (-cand.score, -cand.population, cand.geonames_id))
        if len(self._results) >= MAX_CACHE:
            self._results.clear()
        self._results[(name, country, admin1, limit)] = cands[:limit]
        return list(cands[:limit])

    def find_admin1(self, admin1: str, cc: str | None = None) -> AdminArea | None:
        """Return the admin1 area named ``admin1`` (GeoNames name or code) in ``cc``."""
        if cc and (cc, admin1) in self._admin1:
            return self._admin1[(cc, admin1)]
        for area_cc, code in self._admin1_keys.get(self.rules.variant_key(admin1), ()):
            if cc is None or area_cc == cc:
                return self._admin1[(area_cc, code)]
        return None

    def admin1_code(self, admin1: str, cc: str | None = None) -> str | None:
        """Return the admin1 code of a GeoNames admin1 name (or code) in country ``cc``."""
        if cc and (cc, admin1) in self._admin1:
            return admin1
        for area_cc, code in self._admin1_keys.get(self.rules.variant_key(admin1), ()):
            if cc is None or area_cc == cc:
                return code
        return None

    def _name_hits(self, key: str, vkey: str) -> list[tuple[_Row, str, str]]:
        cache_key = (key, vkey)
        cached = self._hits.get(cache_key)
        if cached is not None:
            return list(cached)
        best: dict[int, tuple[_Row, str, str]] = {}
        rank = {"primary": 0, "exact": 1, "variant": 2}
        for conn in (self._bundled, self._analyst):
            if conn is None:
                continue
            rows = conn.execute(_SELECT_BY_VKEY, (vkey,)).fetchall()
            for row in rows:
                place: _Row = tuple(row[:11])
                matched = row[12]
                if self.rules.fold(matched) != key:
                    how = "variant"
                elif matched == place[1]:
                    how = "primary"
                else:
                    how = "exact"
                old = best.get(place[0])
                if conn is self._analyst and old is not None and old[0][10] != "analyst":
                    old = None  # the analyst's copy of a place replaces the bundled one
                if old is None or rank[how] < rank[old[2]]:
                    best[place[0]] = (place, matched, how)
        hits = list(best.values())
        if len(self._hits) >= MAX_CACHE:
            self._hits.clear()
        self._hits[cache_key] = hits
        return hits

    def _fuzzy_hits(self, vkey: str, cc: str) -> list[tuple[_Row, str, str]]:
        if len(vkey) < 4:
            return []
        keys, ids = self._fuzzy_index(cc)
        matches = process.extract(
            vkey, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
        )
        out: list[tuple[_Row, str, str]] = []
        seen: set[int] = set()
        for _, score, index in matches:
            place_id = ids[index]
            if place_id in seen:
                continue
            seen.add(place_id)
            row = self._place_row(place_id)
            if row is not None:
                out.append((row, keys[index], f"fuzzy:{score:.0f}"))
        return out

    def _fuzzy_index(self, cc: str) -> tuple[list[str], list[int]]:
        if cc not in self._fuzzy:
            keys: list[str] = []
            ids: list[int] = []
            for conn in (self._bundled, self._analyst):
                if conn is None:
                    continue
                for vkey, place_id in conn.execute(
                    "SELECT n.vkey, n.place_id FROM names n JOIN places p ON p.id = n.place_id "
                    "WHERE p.cc = ?",
                    (cc,),
                ):
                    keys.append(vkey)
                    ids.append(place_id)
            self._fuzzy[cc] = (keys, ids)
        return self._fuzzy[cc]

    def _place_row(self, place_id: int) -> _Row | None:
        for conn in (self._analyst, self._bundled):
            if conn is None:
                continue
            row = conn.execute(_SELECT_BY_ID, (place_id,)).fetchone()
            if row is not None:
                place: _Row = tuple(row[:11])
                return place
        return None

    def _candidate(self, row: _Row, matched: str, how: str, admin1_code: str | None) -> Candidate:
        place_id, name, lat, lon, fclass, fcode, cc, a1, a2, population, source = row
        reasons: list[str] = []
        if how.startswith("fuzzy:"):
            ratio = float(how.split(":", 1)[1])
            score = 0.85 * ratio / 100.0
            reasons.append(f"fuzzy match on '{matched}' ({ratio:.0f}/100)")
            how = "fuzzy"
        else:
            score = {"primary": 1.0, "exact": 0.95, "variant": 0.85}[how]
            reasons.append(f"{how} match on '{matched}'")
            how = "exact" if how == "primary" else how
        score += 0.1 * min(1.0, math.log10((population or 0) + 1) / 7.0)
        score += _FCODE_BONUS.get(fcode or "", 0.0)
        if source == "analyst":
            score += 0.3
            reasons.append("analyst place")
        if admin1_code is not None:
            if a1 == admin1_code:
                score += 0.2
                reasons.append("in the requested admin1")
            else:
                score -= 0.2
                reasons.append("outside the requested admin1")
        area = self._admin1.get((cc, a1 or ""))
        return Candidate(
            geonames_id=place_id,
            name=name,
            matched_name=matched,
            match=how,
            latitude=lat,
            longitude=lon,
            country_code=cc,
            country=self.country_name(cc),
            admin1_code=a1,
            admin1=area.name if area else None,
            admin2=self.admin2_name(cc, a1, a2),
            feature_class=fclass,
            feature_code=fcode,
            population=population or 0,
            source=source,
            score=round(score, 4),
            reasons=tuple(reasons),
        )
