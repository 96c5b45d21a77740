-- index audit_object
CREATE INDEX audit_object ON audit(object_type, object_id);

-- index audit_parent
CREATE INDEX audit_parent ON audit(parent);

-- index citations_document
CREATE INDEX citations_document ON citations(document_id, sentence_n);

-- index documents_origin
CREATE INDEX documents_origin ON documents(origin);

-- index events_actor1
CREATE INDEX events_actor1 ON events(actor1);

-- index events_actor1_date
CREATE INDEX events_actor1_date ON events(actor1, event_date);

-- index events_actor2_date
CREATE INDEX events_actor2_date ON events(actor2, event_date);

-- index events_area_date
CREATE INDEX events_area_date ON events(country, admin1, event_date);

-- index events_country_date
CREATE INDEX events_country_date ON events(country, event_date);

-- index events_date
CREATE INDEX events_date ON events(event_date);

-- index events_document
CREATE INDEX events_document ON events(document_id);

-- index events_location_date
CREATE INDEX events_location_date ON events(location_text, event_date);

-- index incident_constraints_a
CREATE INDEX incident_constraints_a ON incident_constraints(event_a, active);

-- index incident_constraints_b
CREATE INDEX incident_constraints_b ON incident_constraints(event_b, active);

-- index incident_index_admin1
CREATE INDEX incident_index_admin1 ON incident_index(country, admin1, max_day);

-- index incident_index_incident
CREATE INDEX incident_index_incident ON incident_index(incident_id);

-- index incident_reports_created
CREATE INDEX incident_reports_created ON incident_reports(created_op);

-- index incident_reports_ended
CREATE INDEX incident_reports_ended ON incident_reports(ended_op);

-- index incident_reports_incident
CREATE INDEX incident_reports_incident ON incident_reports(incident_id, active);

-- index incident_reports_one_active
CREATE UNIQUE INDEX incident_reports_one_active ON incident_reports(event_id) WHERE active = 1;

-- index kb_fates_unique
CREATE UNIQUE INDEX kb_fates_unique ON kb_fates(person_id, fate, ifnull(date, ''));

-- index kb_org_aliases_key
CREATE INDEX kb_org_aliases_key ON kb_org_aliases(alias_key);

-- index kb_org_aliases_unique
CREATE UNIQUE INDEX kb_org_aliases_unique ON kb_org_aliases(org_id, alias_key, ifnull(valid_from, ''));

-- index kb_org_relations_unique
CREATE UNIQUE INDEX kb_org_relations_unique ON kb_org_relations(org_id, relation, other_id, ifnull(valid_from, ''));

-- index kb_person_names_key
CREATE INDEX kb_person_names_key ON kb_person_names(name_key);

-- index kb_proposals_status
CREATE INDEX kb_proposals_status ON kb_proposals(status);

-- index kb_roles_unique
CREATE UNIQUE INDEX kb_roles_unique ON kb_roles(person_id, role, ifnull(org_id, 0), ifnull(start, ''));

-- index resolve_stale_done
CREATE INDEX resolve_stale_done ON resolve_stale(done);

-- table audit
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

-- table citations
CREATE TABLE citations (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_n   INTEGER NOT NULL,
    name         TEXT NOT NULL,
    date         TEXT,
    date_end     TEXT,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL
);

-- table document_items
CREATE TABLE document_items (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    date        TEXT,
    ref         TEXT,
    PRIMARY KEY (document_id, n)
);

-- table documents
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,          -- sha256[:16] of the normalised text
    origin        TEXT NOT NULL,             -- path or URL
    name          TEXT NOT NULL,             -- file name (the `doc` of events)
    title         TEXT NOT NULL,
    publisher     TEXT,
    format        TEXT NOT NULL,
    published     TEXT,                      -- ISO date
    period_start  TEXT,
    period_end    TEXT,
    version       INTEGER NOT NULL DEFAULT 1, -- 2, 3... when the same origin changed
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- table event_sources
CREATE TABLE event_sources (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    n         INTEGER NOT NULL,
    name      TEXT NOT NULL,
    date      TEXT,
    PRIMARY KEY (event_id, n)
);

-- table events
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

-- table failures
CREATE TABLE failures (
    id        INTEGER PRIMARY KEY,
    origin    TEXT NOT NULL,
    reason    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- table footnotes
CREATE TABLE footnotes (
    document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    marker          TEXT NOT NULL,
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    anchor_sentence INTEGER
);

-- table incident_constraints
CREATE TABLE incident_constraints (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('must-link', 'cannot-link')),
    event_a     TEXT NOT NULL,
    event_b     TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    created_op  INTEGER NOT NULL REFERENCES audit(id),
    ended_op    INTEGER REFERENCES audit(id)
);

-- table incident_index
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

-- table incident_reports
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

-- table incident_rtree
CREATE VIRTUAL TABLE incident_rtree USING rtree(
    link_id, min_day, max_day, min_lat, max_lat, min_lon, max_lon
);

-- table incident_rtree_node
CREATE TABLE "incident_rtree_node"(nodeno INTEGER PRIMARY KEY,data);

-- table incident_rtree_parent
CREATE TABLE "incident_rtree_parent"(nodeno INTEGER PRIMARY KEY,parentnode);

-- table incident_rtree_rowid
CREATE TABLE "incident_rtree_rowid"(rowid INTEGER PRIMARY KEY,nodeno);

-- table incidents
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    created_op  INTEGER NOT NULL REFERENCES audit(id),
    note        TEXT
);

-- table kb_fates
CREATE TABLE kb_fates (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES kb_people(id),
    fate        TEXT NOT NULL,                         -- killed, arrested, captured, died
    date        TEXT,
    place       TEXT,
    source      TEXT,
    event_id    TEXT
);

-- table kb_org_aliases
CREATE TABLE kb_org_aliases (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES kb_orgs(id),
    alias       TEXT NOT NULL,
    alias_key   TEXT NOT NULL,                         -- folded form used for look-ups
    lang        TEXT,
    valid_from  TEXT,                                  -- ISO date: the name was used from
    valid_to    TEXT,                                  -- ... until (exclusive of later names)
    source      TEXT
);

-- table kb_org_relations
CREATE TABLE kb_org_relations (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES kb_orgs(id),
    relation    TEXT NOT NULL,                         -- affiliated-with, sponsored-by, pledged-to, split-from
    other_id    INTEGER NOT NULL REFERENCES kb_orgs(id),
    valid_from  TEXT,
    valid_to    TEXT,
    source      TEXT
);

-- table kb_orgs
CREATE TABLE kb_orgs (
    id          INTEGER PRIMARY KEY,
    canonical   TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL DEFAULT 'organisation', -- organisation, branch, state-force, generic
    parent_id   INTEGER REFERENCES kb_orgs(id),        -- a branch/province's parent
    country     TEXT,
    note        TEXT,
    source      TEXT,
    active      INTEGER NOT NULL DEFAULT 1
);

-- table kb_people
CREATE TABLE kb_people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    org_id      INTEGER REFERENCES kb_orgs(id),
    note        TEXT,
    source      TEXT
);

-- table kb_person_names
CREATE TABLE kb_person_names (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES kb_people(id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'name',          -- name, kunya, alias
    UNIQUE (person_id, name_key)
);

-- table kb_proposals
CREATE TABLE kb_proposals (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT 'org',
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    seen        INTEGER NOT NULL DEFAULT 1,
    first_event TEXT,
    status      TEXT NOT NULL DEFAULT 'pending',       -- pending, accepted, merged, rejected
    target_id   INTEGER REFERENCES kb_orgs(id),
    decided_op  INTEGER REFERENCES audit(id),
    UNIQUE (kind, name_key)
);

-- table kb_roles
CREATE TABLE kb_roles (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES kb_people(id),
    role        TEXT NOT NULL,                         -- emir, spokesman, commander of X
    org_id      INTEGER REFERENCES kb_orgs(id),
    start       TEXT,
    end         TEXT,
    source      TEXT
);

-- table resolve_stale
CREATE TABLE resolve_stale (
    event_rowid  INTEGER NOT NULL,
    event_id     TEXT NOT NULL,
    at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    done         INTEGER NOT NULL DEFAULT 0
);

-- table resolve_state
CREATE TABLE resolve_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- table schema_migrations
CREATE TABLE schema_migrations ( number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));

-- table sections
CREATE TABLE sections (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,
    parent      INTEGER,
    level       INTEGER NOT NULL,
    heading     TEXT NOT NULL,
    path        TEXT NOT NULL,               -- "Iraq > Diyala Province"
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    is_summary  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, n)
);

-- table sentences
CREATE TABLE sentences (
    id            INTEGER PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n             INTEGER NOT NULL,
    text          TEXT NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    section_n     INTEGER,
    section_path  TEXT NOT NULL,
    block_n       INTEGER NOT NULL,
    block_kind    TEXT NOT NULL,
    in_summary    INTEGER NOT NULL DEFAULT 0,
    is_caption    INTEGER NOT NULL DEFAULT 0,
    is_legend     INTEGER NOT NULL DEFAULT 0,
    is_footnote   INTEGER NOT NULL DEFAULT 0,
    is_repeated   INTEGER NOT NULL DEFAULT 0,
    item_date     TEXT,
    UNIQUE (document_id, n)
);

-- table sentences_fts
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');

-- table sentences_fts_config
CREATE TABLE 'sentences_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table sentences_fts_data
CREATE TABLE 'sentences_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table sentences_fts_docsize
CREATE TABLE 'sentences_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table sentences_fts_idx
CREATE TABLE 'sentences_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table statistics
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

-- table uncoded
CREATE TABLE uncoded (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_n   INTEGER NOT NULL,
    text         TEXT NOT NULL
);

-- trigger events_ad_resolve
CREATE TRIGGER events_ad_resolve AFTER DELETE ON events BEGIN
    INSERT INTO resolve_stale(event_rowid, event_id) VALUES (old.rowid, old.id);
END;

-- trigger sentences_ad
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- trigger sentences_ai
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;

-- view events_with_documents
CREATE VIEW events_with_documents AS
    SELECT e.*, d.title AS document_title, d.origin AS document_origin
    FROM events e JOIN documents d ON d.id = e.document_id;

-- view incident_reports_active
CREATE VIEW incident_reports_active AS
    SELECT r.incident_id, r.event_id, r.score, r.reasons, r.method, e.doc, e.event_date,
           e.sub_event_type, e.location_text, e.killed, e.wounded, e.claimed_by
    FROM incident_reports r JOIN events e ON e.id = r.event_id
    WHERE r.active = 1;
