"""The SQLite schema, version 5. Kept as a Python string (not a .sql file) so it ships with the package
whatever the package-data settings say.

Version 2 (from 1): events are searched through `events_text`, keyed by date so that FTS5 hands matches
back newest first, in place of `events_fts`, which was keyed by rowid.
Version 3 (from 2): two indexes that serve incident matching (by grid cell then date, by admin1 then date),
so adding an event reads only the stored reports near it in space and time.
Version 4 (from 3, or from a version 2 file that may have them already): the territorial control tables
(store/sqlite/control.py). Their periods are derived from the stored claims by the control stage, not by
SQL: `eventatlas upgrade` runs that derivation after the schema step.
Version 5 (from 4): `incidents`, one row per incident (its record as JSON beside the columns the filters
read, named as in `events`), and `events_by_coarse_date`; the store fills `incidents` on upgrade by
regrouping every report (store/grouping.py).

`upgrade_script(v)` brings a file from version v to VERSION in one transaction: each version's steps
before the schema (BEFORE), the schema itself (every statement IF NOT EXISTS), then the steps after (AFTER).
A later version adds its steps there and bumps VERSION."""

from eventatlas.store.sqlite.control import CONTROL_SCHEMA

VERSION = 5

# Incident matching reads reports by grid cell first (boxes.incident_cells): the cell as SQL, mirroring it.
INCIDENT_CELL_SQL = ("(CAST((e.latitude + 90) * 2 AS INTEGER) * 1000"
                     " + CAST((e.longitude + 180) * 2 AS INTEGER))")


def text_key_sql(row: str) -> str:
    """SQL for an event's key in events_text: its sort date as the number YYYYMMDD (missing parts 0, so
    numbers sort as the date strings do), shifted left 32 bits, plus its rowid. Mirrors query.text_key."""
    day = (f"(CAST(substr({row}.sort_date, 1, 4) AS INTEGER) * 10000"
           f" + CAST(substr({row}.sort_date, 6, 2) AS INTEGER) * 100"
           f" + CAST(substr({row}.sort_date, 9, 2) AS INTEGER))")
    return f"({day} * 4294967296 + {row}.rowid)"


# Grid cells, coarse to fine, in degrees: an event carries one word per level naming its cell
# ("g2x105y47": level 2, column 105, row 47, counted from -180 / -90), so that a place filter
# becomes a handful of words ORed together. Mirrors query.cover_words.
CELL_SIZES = (8.0, 2.0, 0.5, 0.125)


def facets_sql(row: str) -> str:
    """SQL for an event's facet words in events_text (type, country, status, grid cells), so a text
    query narrowed by them is one FTS5 query, answered newest first. Mirrors query.text_match."""
    cells = " || ".join(
        f"' g{level}x' || CAST(({row}.longitude + 180) / {size} AS INTEGER)"
        f" || 'y' || CAST(({row}.latitude + 90) / {size} AS INTEGER)" for level, size in enumerate(CELL_SIZES))
    return (f"('t' || {row}.type || ' c' || coalesce({row}.country, '') || ' s' || {row}.status"
            f" || CASE WHEN {row}.latitude IS NULL OR {row}.longitude IS NULL THEN '' ELSE {cells} END)")


SCHEMA = """
-- eventatlas SQLite schema, version 5.
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
-- Incident matching (store/sqlite/incidents.py): the reports near a new event, by place then date. Narrow, as
-- every insert writes them: a cell and a few days hold few reports, which are read to test the rest. Only
-- reports known to admin1 precision are kept by admin1 (those any precise report may match).
CREATE INDEX IF NOT EXISTS events_by_cell_date ON events(INCIDENT_CELL_EXPR, sort_date, latitude, longitude);
CREATE INDEX IF NOT EXISTS events_by_admin1_date ON events(country, admin1, sort_date) WHERE precision = 'admin1';
-- and apart, those placed no finer than their country (few: the ones a vague report may match)
CREATE INDEX IF NOT EXISTS events_by_coarse_date ON events(country, sort_date) WHERE admin1 IS NULL;

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
-- Event text search, newest first: FTS5 returns matches in rowid order, and here the rowid is the event's
-- text_key (date, then rowid), so "ORDER BY rowid DESC LIMIT n" reads only n entries of each word's list.
-- Contentless (the words live in `events`), so a row is removed by handing FTS5 back the words it indexed.
-- `facets` holds one word each for the type, country, status and grid cells (see facets_sql). Words are
-- stemmed (English), so "drone" finds "drones" and "attack" finds "attacked".
CREATE VIRTUAL TABLE IF NOT EXISTS events_text USING fts5(
    evidence, actors, place, facets, content='', tokenize='porter unicode61'
);
CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(
    id, min_lon, max_lon, min_lat, max_lat
);

-- One row per incident: its record (resolve.summary.incident_record) as JSON, and the columns the filters
-- read under the events table's names. Kept current by the store as reports arrive (store/grouping.py).
CREATE TABLE IF NOT EXISTS incidents (
    rowid          INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    type           TEXT NOT NULL,
    acled_type     TEXT,
    acled_sub_type TEXT,
    status         TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    sort_date      TEXT NOT NULL DEFAULT '',
    country        TEXT,
    admin1         TEXT,
    place          TEXT,
    precision      TEXT,
    latitude       REAL,
    longitude      REAL,
    actors         TEXT NOT NULL DEFAULT '',
    n_reports      INTEGER NOT NULL,
    n_sources      INTEGER NOT NULL,
    json           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_by_date_at ON incidents(sort_date, latitude, longitude);
CREATE INDEX IF NOT EXISTS incidents_by_type_date_at ON incidents(type, sort_date, latitude, longitude);
CREATE INDEX IF NOT EXISTS incidents_by_country_date_at ON incidents(country, sort_date, latitude, longitude);

-- Triggers keep the indexes in step with the tables, whoever writes (this store, a migration, datasette).
CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS events_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_text(rowid, evidence, actors, place, facets)
        VALUES (NEW_KEY, new.evidence, new.actors, new.place, NEW_FACETS);
    INSERT INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat)
        SELECT new.rowid, new.longitude, new.longitude, new.latitude, new.latitude
        WHERE new.latitude IS NOT NULL AND new.longitude IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS events_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_text(events_text, rowid, evidence, actors, place, facets)
        VALUES ('delete', OLD_KEY, old.evidence, old.actors, old.place, OLD_FACETS);
    DELETE FROM events_rtree WHERE id = old.rowid;
END;
""".replace("INCIDENT_CELL_EXPR", INCIDENT_CELL_SQL.replace("e.", "")).replace(
    "NEW_KEY", text_key_sql("new")).replace("OLD_KEY", text_key_sql("old")).replace(
    "NEW_FACETS", facets_sql("new")).replace("OLD_FACETS", facets_sql("old")) + CONTROL_SCHEMA

# From version 1: its text index and the triggers that fed it go before SCHEMA runs, and the new index
# is filled after (once, in the upgrade's transaction). From version 2: SCHEMA adds the indexes; from
# version 3: SCHEMA adds the control tables;
# from version 4: SCHEMA adds the incidents table, which the store then fills.
BEFORE = {1: """
DROP TRIGGER IF EXISTS events_ai;
DROP TRIGGER IF EXISTS events_ad;
DROP TABLE IF EXISTS events_fts;
"""}
AFTER = {1: f"""
INSERT INTO events_text(rowid, evidence, actors, place, facets)
    SELECT {text_key_sql("e")}, e.evidence, e.actors, e.place, {facets_sql("e")} FROM events e;
"""}


def upgrade_script(version: int) -> str:
    """The statements that take a file from `version` (>= 1) to VERSION, to run in one transaction."""
    steps = range(version, VERSION)
    return "\n".join([*(BEFORE.get(v, "") for v in steps), SCHEMA, *(AFTER.get(v, "") for v in steps),
                      f"PRAGMA user_version = {VERSION};"])
