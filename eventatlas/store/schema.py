"""The SQLite schema, version 1. Kept as a Python string (not a .sql file) so it ships with the package
whatever the package-data settings say."""

VERSION = 1

SCHEMA = """
-- eventatlas SQLite schema, version 1.
-- Plain tables plus FTS5 and R*Tree virtual tables, so datasette or the sqlite3 shell can read it without
-- any custom function. Each event keeps its full JSON (the records.py shape) next to the columns used to filter.

CREATE TABLE IF NOT EXISTS documents (
    rowid     INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    url       TEXT UNIQUE,
    title     TEXT,
    outlet    TEXT,
    published TEXT,
    language  TEXT,
    credits   TEXT NOT NULL DEFAULT '[]',   -- JSON list
    source    TEXT,
    text      TEXT NOT NULL,
    added_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    rowid          INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    incident_id    TEXT,
    type           TEXT NOT NULL,
    acled_type     TEXT,
    acled_sub_type TEXT,
    status         TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    sort_date      TEXT NOT NULL DEFAULT '',  -- date_start or '' so undated events sort last and page cleanly
    country        TEXT,
    admin1         TEXT,
    place          TEXT,
    precision      TEXT,
    latitude       REAL,
    longitude      REAL,
    actors         TEXT NOT NULL DEFAULT '',  -- actor names and texts, for substring search
    evidence       TEXT NOT NULL,
    confidence     REAL,
    json           TEXT NOT NULL
);
-- Coordinates ride along in the date indexes: a box or radius inside a type, country or date filter is
-- then checked in the index, and only the events that match are read (rows carry their whole JSON).
DROP INDEX IF EXISTS events_by_date;
DROP INDEX IF EXISTS events_by_type_date;
DROP INDEX IF EXISTS events_by_country_date;
CREATE INDEX IF NOT EXISTS events_by_date_at ON events(sort_date, latitude, longitude);
CREATE INDEX IF NOT EXISTS events_by_type_date_at ON events(type, sort_date, latitude, longitude);
CREATE INDEX IF NOT EXISTS events_by_acled_date ON events(acled_type, sort_date, rowid);
CREATE INDEX IF NOT EXISTS events_by_country_date_at ON events(country, sort_date, latitude, longitude);
-- /api/stats for one country groups by type and day: this index answers it without reading the rows
CREATE INDEX IF NOT EXISTS events_by_country_type_date ON events(country, type, sort_date);
CREATE INDEX IF NOT EXISTS events_by_document ON events(document_id);
CREATE INDEX IF NOT EXISTS events_by_incident ON events(incident_id);

CREATE TABLE IF NOT EXISTS claims (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    json        TEXT NOT NULL,
    UNIQUE (document_id, id)
);

CREATE TABLE IF NOT EXISTS opinions (
    rowid       INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS opinions_by_document ON opinions(document_id);
CREATE INDEX IF NOT EXISTS claims_by_document ON claims(document_id);

-- Every input that could not be processed, with the stage that gave up and why.
CREATE TABLE IF NOT EXISTS rejected (
    rowid  INTEGER PRIMARY KEY,
    input  TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid'
);
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
    evidence, actors, place, content='events', content_rowid='rowid'
);
CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(
    id, min_lon, max_lon, min_lat, max_lat
);

-- Triggers keep the indexes in step with the tables, whoever writes (this store, a migration, datasette).
CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS events_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, evidence, actors, place) VALUES (new.rowid, new.evidence, new.actors, new.place);
    INSERT INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat)
        SELECT new.rowid, new.longitude, new.longitude, new.latitude, new.latitude
        WHERE new.latitude IS NOT NULL AND new.longitude IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS events_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, evidence, actors, place)
        VALUES ('delete', old.rowid, old.evidence, old.actors, old.place);
    DELETE FROM events_rtree WHERE id = old.rowid;
END;
"""
