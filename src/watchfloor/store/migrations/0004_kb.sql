-- Knowledge base: organisations, their names over time, branches, relations,
-- people with names/kunyas, roles with dates, fates; proposals from documents.
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
CREATE UNIQUE INDEX kb_org_aliases_unique ON kb_org_aliases(org_id, alias_key, ifnull(valid_from, ''));
CREATE INDEX kb_org_aliases_key ON kb_org_aliases(alias_key);

CREATE TABLE kb_org_relations (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES kb_orgs(id),
    relation    TEXT NOT NULL,                         -- affiliated-with, sponsored-by, pledged-to, split-from
    other_id    INTEGER NOT NULL REFERENCES kb_orgs(id),
    valid_from  TEXT,
    valid_to    TEXT,
    source      TEXT
);
CREATE UNIQUE INDEX kb_org_relations_unique ON kb_org_relations(org_id, relation, other_id, ifnull(valid_from, ''));

CREATE TABLE kb_people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    org_id      INTEGER REFERENCES kb_orgs(id),
    note        TEXT,
    source      TEXT
);

CREATE TABLE kb_person_names (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES kb_people(id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'name',          -- name, kunya, alias
    UNIQUE (person_id, name_key)
);
CREATE INDEX kb_person_names_key ON kb_person_names(name_key);

CREATE TABLE kb_roles (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES kb_people(id),
    role        TEXT NOT NULL,                         -- emir, spokesman, commander of X
    org_id      INTEGER REFERENCES kb_orgs(id),
    start       TEXT,
    end         TEXT,
    source      TEXT
);
CREATE UNIQUE INDEX kb_roles_unique ON kb_roles(person_id, role, ifnull(org_id, 0), ifnull(start, ''));

CREATE TABLE kb_fates (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES kb_people(id),
    fate        TEXT NOT NULL,                         -- killed, arrested, captured, died
    date        TEXT,
    place       TEXT,
    source      TEXT,
    event_id    TEXT
);
CREATE UNIQUE INDEX kb_fates_unique ON kb_fates(person_id, fate, ifnull(date, ''));

-- Names seen in events but absent from the KB: an analyst accepts, merges or rejects.
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
CREATE INDEX kb_proposals_status ON kb_proposals(status);
