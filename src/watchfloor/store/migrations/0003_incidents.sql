-- Incidents: reports (events, one per document) grouped across documents.
-- Nothing here is deleted: a link that no longer holds is ended (active = 0,
-- ended_op set) and a new one is written, so every merge can be undone.

-- Every change, automatic or by an analyst: who/what, when, action, before, after.
CREATE TABLE audit (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor        TEXT NOT NULL,              -- "resolve" or the analyst's name
    action       TEXT NOT NULL,              -- resolve-run, link, split, merge, move, undo, kb-...
    object_type  TEXT NOT NULL,              -- incident, report, org, person, proposal, kb
    object_id    TEXT,
    before       TEXT,                       -- JSON
    after        TEXT,                       -- JSON
    parent       INTEGER REFERENCES audit(id) -- the operation this row belongs to
);
CREATE INDEX audit_object ON audit(object_type, object_id);
CREATE INDEX audit_parent ON audit(parent);

CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    created_op  INTEGER NOT NULL REFERENCES audit(id),
    note        TEXT
);

-- One row per (report, incident) link; at most one active link per event.
CREATE TABLE incident_reports (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    event_id     TEXT NOT NULL,              -- events.id (no foreign key: re-extraction replaces rows)
    event_rowid  INTEGER NOT NULL,           -- events.rowid when linked (detects re-extraction)
    document_id  TEXT NOT NULL,
    score        REAL NOT NULL,
    reasons      TEXT NOT NULL DEFAULT '{}', -- JSON: why this report joined
    method       TEXT NOT NULL,              -- first, auto, manual
    active       INTEGER NOT NULL DEFAULT 1,
    created_op   INTEGER NOT NULL REFERENCES audit(id),
    ended_op     INTEGER REFERENCES audit(id)
);
CREATE UNIQUE INDEX incident_reports_one_active ON incident_reports(event_id) WHERE active = 1;
CREATE INDEX incident_reports_incident ON incident_reports(incident_id, active);
CREATE INDEX incident_reports_created ON incident_reports(created_op);
CREATE INDEX incident_reports_ended ON incident_reports(ended_op);

-- Analyst decisions a re-run must respect.
CREATE TABLE incident_constraints (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('must-link', 'cannot-link')),
    event_a     TEXT NOT NULL,
    event_b     TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    created_op  INTEGER NOT NULL REFERENCES audit(id),
    ended_op    INTEGER REFERENCES audit(id)
);
CREATE INDEX incident_constraints_a ON incident_constraints(event_a, active);
CREATE INDEX incident_constraints_b ON incident_constraints(event_b, active);

-- Blocking index (derived from active links; rebuilt freely): scoring features of
-- each linked report, plus an R*Tree over (day window, lat/lon box).
CREATE TABLE incident_index (
    link_id        INTEGER PRIMARY KEY REFERENCES incident_reports(id),
    incident_id    INTEGER NOT NULL,
    event_id       TEXT NOT NULL,
    document_id    TEXT NOT NULL,
    day            INTEGER,                  -- proleptic ordinal of event_date
    min_day        INTEGER NOT NULL,
    max_day        INTEGER NOT NULL,
    time_precision INTEGER NOT NULL,
    latitude       REAL,
    longitude      REAL,
    radius_km      REAL,
    country        TEXT,
    admin1         TEXT,
    sub_event_type TEXT NOT NULL,
    actor1         TEXT,
    actor2         TEXT,
    claimed_by     TEXT,
    vague          INTEGER NOT NULL,
    evidence       TEXT NOT NULL
);
CREATE INDEX incident_index_incident ON incident_index(incident_id);
CREATE INDEX incident_index_admin1 ON incident_index(country, admin1, max_day);
CREATE VIRTUAL TABLE incident_rtree USING rtree(
    link_id, min_day, max_day, min_lat, max_lat, min_lon, max_lon
);

-- Events removed by re-extraction: their links are re-examined by the next run.
CREATE TABLE resolve_stale (
    event_rowid  INTEGER NOT NULL,
    event_id     TEXT NOT NULL,
    at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    done         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resolve_stale_done ON resolve_stale(done);
CREATE TRIGGER events_ad_resolve AFTER DELETE ON events BEGIN
    INSERT INTO resolve_stale(event_rowid, event_id) VALUES (old.rowid, old.id);
END;

CREATE TABLE resolve_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE VIEW incident_reports_active AS
    SELECT r.incident_id, r.event_id, r.score, r.reasons, r.method, e.doc, e.event_date,
           e.sub_event_type, e.location_text, e.killed, e.wounded, e.claimed_by
    FROM incident_reports r JOIN events e ON e.id = r.event_id
    WHERE r.active = 1;
