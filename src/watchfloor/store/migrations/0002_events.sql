-- Events coded from documents (one row per incident per document), their sources,
-- statistics records and sentences that look like incidents but produced no event.
CREATE TABLE events (
    id                  TEXT PRIMARY KEY,          -- "<document stem>#<n>"
    document_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc                 TEXT NOT NULL,
    evidence            TEXT NOT NULL,
    evidence_start      INTEGER,
    evidence_end        INTEGER,
    also_in             TEXT NOT NULL DEFAULT '[]', -- JSON list of strings
    event_date          TEXT,
    time_precision      INTEGER NOT NULL,
    event_type          TEXT NOT NULL,
    sub_event_type      TEXT NOT NULL,
    actor1              TEXT,
    actor1_unit         TEXT,
    actor2              TEXT,
    civilian_targeting  INTEGER NOT NULL DEFAULT 0,
    location_text       TEXT,
    anchor              TEXT,
    distance_km         REAL,
    bearing             TEXT,
    country             TEXT,
    admin1              TEXT,
    admin2              TEXT,
    geo_precision       INTEGER,
    latitude            REAL,
    longitude           REAL,
    geonames_id         INTEGER,
    geo_note            TEXT,
    killed              INTEGER,
    wounded             INTEGER,
    killed_or_wounded   INTEGER,
    casualty_qualifier  TEXT,
    fatalities          INTEGER NOT NULL DEFAULT 0,
    claimed_by          TEXT,
    provenance          TEXT NOT NULL DEFAULT '{}', -- JSON {field: [start, end]}
    people              TEXT NOT NULL DEFAULT '[]', -- JSON list of person mentions
    producer            TEXT NOT NULL              -- watchfloor version + rules hash
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_country_date ON events(country, event_date);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_actor1 ON events(actor1);

CREATE TABLE event_sources (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    n         INTEGER NOT NULL,
    name      TEXT NOT NULL,
    date      TEXT,
    PRIMARY KEY (event_id, n)
);

CREATE TABLE statistics (
    id            INTEGER PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc           TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    claimant      TEXT,
    period_start  TEXT,
    period_end    TEXT,
    metric        TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT,
    qualifier     TEXT
);

CREATE TABLE uncoded (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_n   INTEGER NOT NULL,
    text         TEXT NOT NULL
);

CREATE VIEW events_with_documents AS
    SELECT e.*, d.title AS document_title, d.origin AS document_origin
    FROM events e JOIN documents d ON d.id = e.document_id;
