-- Documents, their structure and their citations.
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
CREATE INDEX documents_origin ON documents(origin);

CREATE TABLE document_items (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    date        TEXT,
    ref         TEXT,
    PRIMARY KEY (document_id, n)
);

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
CREATE INDEX citations_document ON citations(document_id, sentence_n);

CREATE TABLE footnotes (
    document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    marker          TEXT NOT NULL,
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    anchor_sentence INTEGER
);

-- Full-text index over sentences (external content: the sentences table).
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Files that could not be ingested: the batch goes on, the reason is kept.
CREATE TABLE failures (
    id        INTEGER PRIMARY KEY,
    origin    TEXT NOT NULL,
    reason    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
