"""The SQLite store: one file, WAL, foreign keys, one transaction per document.

This module and its siblings in ``store/`` are the only code that speaks SQL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from watchfloor.errors import StoreError
from watchfloor.models import (
    DocFormat,
    DocItem,
    Document,
    DocumentTree,
    Event,
    Sentence,
    Source,
    Statistic,
)
from watchfloor.store.migrations import apply_migrations
from watchfloor.store.rows import EVENT_COLUMNS, event_from_row, event_to_row, iso, parse_date

SaveStatus = Literal["new", "new-version", "unchanged"]


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    name: str
    title: str
    format: str
    period_start: dt.date | None
    period_end: dt.date | None
    version: int
    sentences: int
    events: int


@dataclass(frozen=True, slots=True)
class SentenceRow:
    n: int
    text: str
    section_path: str
    block_kind: str
    flags: tuple[str, ...]
    citations: tuple[str, ...]


class Store:
    """A migrated SQLite database. Build with :meth:`open`; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating and migrating if needed) the database at ``path``."""
        path = Path(path)
        try:
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=10000")
            conn.execute("PRAGMA synchronous=NORMAL")
            apply_migrations(conn)
        except sqlite3.DatabaseError as err:
            raise StoreError(
                "bad-database", f"cannot open as a Watchfloor database: {err}", path=str(path)
            ) from err
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one transaction: all of it is committed, or none."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- documents -----------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def save_document(
        self,
        tree: DocumentTree,
        *,
        events: Sequence[Event] = (),
        statistics: Sequence[Statistic] = (),
        uncoded: Sequence[Sentence] = (),
        producer: str = "",
        replace_extraction: bool = True,
    ) -> SaveStatus:
        """Store a document, its structure and what was extracted from it, in one transaction.

        Re-saving the same content changes nothing but the extraction (replaced when
        ``replace_extraction``); the same origin with other content is stored as a new version.
        """
        document = tree.document
        with self.transaction() as conn:
            if self.has_document(document.id):
                if replace_extraction and (events or statistics or uncoded):
                    self._delete_extraction(conn, document.id)
                    self._insert_extraction(conn, document, events, statistics, uncoded, producer)
                return "unchanged"
            row = conn.execute(
                "SELECT MAX(version) FROM documents WHERE origin = ?", (document.origin,)
            ).fetchone()
            version = (row[0] or 0) + 1
            if version > 1:  # the new version supersedes the old one's extraction
                for (old_id,) in conn.execute(
                    "SELECT id FROM documents WHERE origin = ?", (document.origin,)
                ).fetchall():
                    self._delete_extraction(conn, old_id)
            self._insert_document(conn, document, version)
            self._insert_tree(conn, tree)
            self._insert_extraction(conn, document, events, statistics, uncoded, producer)
            return "new" if version == 1 else "new-version"

    def record_failure(self, origin: str, reason: str, detail: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures(origin, reason, detail) VALUES (?, ?, ?)",
                (origin, reason, detail),
            )

    def _insert_document(self, conn: sqlite3.Connection, document: Document, version: int) -> None:
        conn.execute(
            "INSERT INTO documents(id, origin, name, title, publisher, format, published,"
            " period_start, period_end, version, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                document.id, document.origin, document.name, document.title,
                document.publisher, str(document.format), iso(document.published),
                iso(document.period_start), iso(document.period_end), version, document.text,
            ),
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO document_items(document_id, n, start, end, date, ref)"
            " VALUES (?,?,?,?,?,?)",
            [
                (document.id, n, item.start, item.end, iso(item.date), item.ref)
                for n, item in enumerate(document.items)
            ],
        )

    def _insert_tree(self, conn: sqlite3.Connection, tree: DocumentTree) -> None:
        doc_id = tree.document.id
        conn.executemany(
            "INSERT INTO sections(document_id, n, parent, level, heading, path, start, end,"
            " is_summary) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (doc_id, s.index, s.parent, s.level, s.heading, " > ".join(s.path),
                 s.span[0], s.span[1], int(s.is_summary))
                for s in tree.sections
            ],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO sentences(document_id, n, text, start, end, section_n, section_path,"
            " block_n, block_kind, in_summary, is_caption, is_legend, is_footnote,"
            " is_repeated, item_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (doc_id, s.index, s.text, s.span[0], s.span[1], s.section_index,
                 " > ".join(s.section_path), s.block_index, str(s.block_kind),
                 int(s.in_summary), int(s.is_caption), int(s.is_legend), int(s.is_footnote),
                 int(s.is_repeated), iso(s.item_date))
                for s in tree.sentences
            ],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO citations(document_id, sentence_n, name, date, date_end, start, end)"
            " VALUES (?,?,?,?,?,?,?)",
            [
                (doc_id, s.index, c.name, iso(c.date), iso(c.date_end), c.span[0], c.span[1])
                for s in tree.sentences
                for c in s.citations
            ],
        )
        conn.executemany(
            "INSERT INTO footnotes(document_id, marker, text, start, end, anchor_sentence)"
            " VALUES (?,?,?,?,?,?)",
            [
                (doc_id, f.marker, f.text, f.span[0], f.span[1], f.anchor_sentence)
                for f in tree.footnotes
            ],
        )

    def _delete_extraction(self, conn: sqlite3.Connection, document_id: str) -> None:
        for table in ("events", "statistics", "uncoded"):
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))  # noqa: S608

    def _insert_extraction(
        self,
        conn: sqlite3.Connection,
        document: Document,
        events: Sequence[Event],
        statistics: Sequence[Statistic],
        uncoded: Sequence[Sentence],
        producer: str,
    ) -> None:
        events = self._unique_event_ids(conn, document.id, events)
        placeholders = ",".join("?" * len(EVENT_COLUMNS))
        conn.executemany(
            f"INSERT INTO events({','.join(EVENT_COLUMNS)}) VALUES ({placeholders})",  # noqa: S608
            [event_to_row(e, document_id=document.id, producer=producer) for e in events],
        )
        conn.executemany(
            "INSERT INTO event_sources(event_id, n, name, date) VALUES (?,?,?,?)",
            [(e.id, n, s.name, iso(s.date)) for e in events for n, s in enumerate(e.sources)],
        )
        conn.executemany(
            "INSERT INTO statistics(document_id, doc, evidence, claimant, period_start,"
            " period_end, metric, value, unit, qualifier) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (document.id, s.doc, s.evidence, s.claimant, iso(s.period_start),
                 iso(s.period_end), s.metric, s.value, s.unit, s.qualifier)
                for s in statistics
            ],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO uncoded(document_id, sentence_n, text) VALUES (?,?,?)",
            [(document.id, s.index, s.text) for s in uncoded],
        )

    def _unique_event_ids(
        self, conn: sqlite3.Connection, document_id: str, events: Sequence[Event]
    ) -> list[Event]:
        """Keep guide ids (``stem#n``); suffix the document id when another file shares the stem."""
        out = []
        for event in events:
            row = conn.execute(
                "SELECT document_id FROM events WHERE id = ?", (event.id,)
            ).fetchone()
            if row is not None and row[0] != document_id:
                event = replace(event, id=f"{event.id}@{document_id[:8]}")
            out.append(event)
        return out

    def list_documents(self) -> list[DocumentSummary]:
        rows = self.conn.execute(
            "SELECT d.id, d.name, d.title, d.format, d.period_start, d.period_end, d.version,"
            " (SELECT COUNT(*) FROM sentences s WHERE s.document_id = d.id) AS n_sent,"
            " (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS n_events"
            " FROM documents d ORDER BY d.period_start, d.name"
        ).fetchall()
        return [
            DocumentSummary(
                r["id"], r["name"], r["title"], r["format"], parse_date(r["period_start"]),
                parse_date(r["period_end"]), r["version"], r["n_sent"], r["n_events"],
            )
            for r in rows
        ]  # fmt: skip

    def get_document(self, ref: str) -> Document:
        """Return the document whose id starts with ``ref`` or whose file name is ``ref``."""
        rows = self.conn.execute(
            "SELECT * FROM documents WHERE id LIKE ? ESCAPE '\\' OR name = ? ORDER BY version DESC",
            (_like_prefix(ref), ref),
        ).fetchall()
        if not rows:
            raise StoreError("no-such-document", f"no document matches {ref!r}")
        if len({r["id"] for r in rows}) > 1 and not any(r["id"] == ref for r in rows):
            if len({r["origin"] for r in rows}) > 1:
                raise StoreError("ambiguous-document", f"{ref!r} matches {len(rows)} documents")
        row = rows[0]
        items = tuple(
            DocItem(r["start"], r["end"], parse_date(r["date"]), r["ref"])
            for r in self.conn.execute(
                "SELECT * FROM document_items WHERE document_id = ? ORDER BY n", (row["id"],)
            )
        )
        return Document(
            id=row["id"], text=row["text"], title=row["title"], format=DocFormat(row["format"]),
            origin=row["origin"], publisher=row["publisher"],
            published=parse_date(row["published"]), period_start=parse_date(row["period_start"]),
            period_end=parse_date(row["period_end"]), items=items,
        )  # fmt: skip

    def latest_period_start(self) -> dt.date | None:
        """First day of the newest document's period, else of the week of the newest event."""
        row = self.conn.execute("SELECT MAX(period_start) FROM documents").fetchone()
        if row[0]:
            return parse_date(row[0])
        newest = parse_date(self.conn.execute("SELECT MAX(event_date) FROM events").fetchone()[0])
        return newest - dt.timedelta(days=6) if newest else None

    def document_sentences(self, document_id: str) -> list[SentenceRow]:
        cites: dict[int, list[str]] = {}
        for r in self.conn.execute(
            "SELECT sentence_n, name, date FROM citations WHERE document_id = ? ORDER BY id",
            (document_id,),
        ):
            cites.setdefault(r[0], []).append(f"{r[1]}, {r[2]}" if r[2] else r[1])
        out = []
        for r in self.conn.execute(
            "SELECT * FROM sentences WHERE document_id = ? ORDER BY n", (document_id,)
        ):
            flags = tuple(
                name
                for name in ("in_summary", "is_caption", "is_legend", "is_footnote", "is_repeated")
                if r[name]
            )
            out.append(
                SentenceRow(
                    r["n"], r["text"], r["section_path"], r["block_kind"], flags,
                    tuple(cites.get(r["n"], [])),
                )
            )  # fmt: skip
        return out

    # -- events --------------------------------------------------------------------------

    def query_events(
        self,
        *,
        country: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor: str | None = None,
        document_id: str | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Events matching every filter given, in date order."""
        return list(
            self.iter_events(
                country=country, since=since, until=until, actor=actor,
                document_id=document_id, limit=limit,
            )
        )  # fmt: skip

    def iter_events(
        self,
        *,
        country: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor: str | None = None,
        document_id: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Event]:
        where, params = [], []
        if country:
            where.append("country = ? COLLATE NOCASE")
            params.append(country)
        if since:
            where.append("event_date >= ?")
            params.append(since.isoformat())
        if until:
            where.append("event_date <= ?")
            params.append(until.isoformat())
        if actor:
            where.append("(actor1 = ? COLLATE NOCASE OR actor2 = ? COLLATE NOCASE)")
            params += [actor, actor]
        if document_id:
            where.append("document_id = ?")
            params.append(document_id)
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(str(int(limit)))
        rows = self.conn.execute(sql, params).fetchall()
        sources = self._sources_for([r["id"] for r in rows])
        for r in rows:
            yield event_from_row(r, sources.get(r["id"], []))

    def get_event(self, event_id: str) -> Event:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise StoreError("no-such-event", f"no event with id {event_id!r}")
        return event_from_row(row, self._sources_for([event_id]).get(event_id, []))

    def _sources_for(self, event_ids: Sequence[str]) -> dict[str, list[Source]]:
        out: dict[str, list[Source]] = {}
        for start in range(0, len(event_ids), 500):
            chunk = list(event_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT event_id, name, date FROM event_sources WHERE event_id IN ({marks})"  # noqa: S608
                " ORDER BY event_id, n",
                chunk,
            ):
                out.setdefault(r[0], []).append(Source(r[1], parse_date(r[2])))
        return out

    def list_statistics(self) -> list[Statistic]:
        return [
            Statistic(
                doc=r["doc"], evidence=r["evidence"], claimant=r["claimant"],
                period_start=parse_date(r["period_start"]),
                period_end=parse_date(r["period_end"]), metric=r["metric"], value=r["value"],
                unit=r["unit"], qualifier=r["qualifier"],
            )
            for r in self.conn.execute("SELECT * FROM statistics ORDER BY id")
        ]  # fmt: skip

    def list_uncoded(self) -> list[tuple[str, str]]:
        """``(document name, sentence)`` for sentences that looked like incidents but gave none."""
        rows = self.conn.execute(
            "SELECT d.name, u.text FROM uncoded u JOIN documents d ON d.id = u.document_id"
            " ORDER BY d.name, u.sentence_n"
        )
        return [(r[0], r[1]) for r in rows]

    def unresolved_places(self) -> list[tuple[str, str | None, int]]:
        """``(location_text, country, count)`` of place names the gazetteer did not match."""
        rows = self.conn.execute(
            "SELECT location_text, country, COUNT(*) FROM events"
            " WHERE location_text IS NOT NULL AND geo_note LIKE 'unresolved%'"
            " GROUP BY location_text, country ORDER BY COUNT(*) DESC, location_text"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def search_sentences(self, query: str, *, limit: int = 50) -> list[tuple[str, str]]:
        """Full-text search over sentences: ``(document name, sentence)``."""
        phrase = '"' + query.replace('"', '""') + '"'
        rows = self.conn.execute(
            "SELECT d.name, s.text FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
            " JOIN documents d ON d.id = s.document_id WHERE sentences_fts MATCH ?"
            " ORDER BY rank LIMIT ?",
            (phrase, limit),
        )
        return [(r[0], r[1]) for r in rows]


def _like_prefix(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
