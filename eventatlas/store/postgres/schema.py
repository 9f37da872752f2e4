"""The PostgreSQL schema, version 3: the SQLite store's tables, with PostGIS geography points (GiST), a
tsvector over each event's own words (GIN) and the incident cell as generated columns, so whoever writes
(this store, psql, a migration) keeps them right.

Version 2 (from 1): the territorial control tables (postgres/control.py), which SCHEMA creates.
Version 3 (from 2): `incidents`, one row per incident (its record as JSON beside the columns the filters
read, named as in `events`), and `events_by_coarse_date`; the store fills `incidents` on upgrade by
regrouping every report (store/grouping.py).

`upgrade_steps(v)` lists the statements that bring a database from version v to VERSION, run in one
transaction under the schema lock; a later version appends its step to UPGRADES and bumps VERSION."""

from __future__ import annotations

from eventatlas.store.postgres.control import CONTROL_SCHEMA

VERSION = 3

# Taken (pg_advisory_xact_lock) while the schema is created or upgraded, so that two processes opening a
# new database at once do not both create it.
SCHEMA_LOCK = 0x6561_7363  # "easc"

# Words are stemmed (English Snowball) with accents folded and no stop words, as the SQLite store's
# FTS5 porter/unicode61 tokenizer does: "drone" finds "drones", and every word the user typed counts.
TEXT_CONFIG = "eventatlas_english"

_EXTENSIONS = """
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS unaccent;
"""

_TEXT_SEARCH = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'eventatlas_stem') THEN
    CREATE TEXT SEARCH DICTIONARY eventatlas_stem (TEMPLATE = snowball, Language = english);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{TEXT_CONFIG}') THEN
    CREATE TEXT SEARCH CONFIGURATION {TEXT_CONFIG} (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION {TEXT_CONFIG}
      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
      WITH unaccent, eventatlas_stem;
  END IF;
END $$;
"""

# sort_date and the dates compare as the strings they are (C collation), whatever the database's locale.
_TABLES = f"""
CREATE TABLE IF NOT EXISTS eventatlas_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    rowid     bigserial PRIMARY KEY,
    id        text NOT NULL UNIQUE,
    url       text UNIQUE,
    title     text,
    outlet    text,
    published text,
    language  text,
    credits   json NOT NULL DEFAULT '[]',
    source    text,
    text      text NOT NULL,
    added_at  text NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    rowid          bigserial PRIMARY KEY,
    id             text NOT NULL UNIQUE,
    document_id    text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    incident_id    text,
    type           text NOT NULL,
    acled_type     text,
    acled_sub_type text,
    status         text NOT NULL,
    date_start     text COLLATE "C",
    date_end       text COLLATE "C",
    sort_date      text COLLATE "C" NOT NULL DEFAULT '',
    country        text,
    admin1         text,
    place          text,
    precision      text,
    latitude       double precision,
    longitude      double precision,
    actors         text NOT NULL DEFAULT '',
    evidence       text NOT NULL,
    confidence     double precision,
    json           json NOT NULL,
    geog geography(Point, 4326) GENERATED ALWAYS AS (
        CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED,
    -- the incident-matching cell, as the SQLite store's INCIDENT_CELL_SQL: half-degree rows and columns
    cell integer GENERATED ALWAYS AS (
        floor((latitude + 90) * 2)::integer * 1000 + floor((longitude + 180) * 2)::integer) STORED,
    words tsvector GENERATED ALWAYS AS (
        to_tsvector('{TEXT_CONFIG}', evidence || ' ' || actors || ' ' || coalesce(place, ''))) STORED
);

CREATE TABLE IF NOT EXISTS claims (
    rowid       bigserial PRIMARY KEY,
    id          text NOT NULL,
    document_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind        text NOT NULL,
    evidence    text NOT NULL,
    json        json NOT NULL,
    UNIQUE (document_id, id)
);

CREATE TABLE IF NOT EXISTS opinions (
    rowid       bigserial PRIMARY KEY,
    document_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text        text NOT NULL,
    start       integer NOT NULL,
    "end"       integer NOT NULL
);

CREATE TABLE IF NOT EXISTS incidents (
    rowid          bigserial PRIMARY KEY,
    id             text NOT NULL UNIQUE,
    type           text NOT NULL,
    acled_type     text,
    acled_sub_type text,
    status         text NOT NULL,
    date_start     text COLLATE "C",
    date_end       text COLLATE "C",
    sort_date      text COLLATE "C" NOT NULL DEFAULT '',
    country        text,
    admin1         text,
    place          text,
    precision      text,
    latitude       double precision,
    longitude      double precision,
    actors         text NOT NULL DEFAULT '',
    n_reports      integer NOT NULL,
    n_sources      integer NOT NULL,
    json           json NOT NULL,
    geog geography(Point, 4326) GENERATED ALWAYS AS (
        CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED
);

CREATE TABLE IF NOT EXISTS rejected (
    rowid  bigserial PRIMARY KEY,
    input  text NOT NULL,
    stage  text NOT NULL,
    reason text NOT NULL,
    at     text NOT NULL
);
"""

# Pages run newest first (sort_date, rowid): each filter's index leads with its column, then the date,
# with the coordinates as key columns so a box inside a type, country or date filter is tested in the index.
_INDEXES = """
CREATE INDEX IF NOT EXISTS events_by_date ON events (sort_date, rowid, latitude, longitude);
CREATE INDEX IF NOT EXISTS events_by_type_date ON events (type, sort_date, rowid, latitude, longitude);
CREATE INDEX IF NOT EXISTS events_by_country_date ON events (country, sort_date, rowid, latitude, longitude);
CREATE INDEX IF NOT EXISTS events_by_country_type_date ON events (country, type, sort_date);
CREATE INDEX IF NOT EXISTS events_by_acled_date ON events (lower(acled_type), sort_date, rowid);
CREATE INDEX IF NOT EXISTS events_by_document ON events (document_id);
CREATE INDEX IF NOT EXISTS events_by_incident ON events (incident_id);
CREATE INDEX IF NOT EXISTS events_by_place ON events USING gist (geog);
CREATE INDEX IF NOT EXISTS events_by_box ON events USING gist ((geog::geometry));
CREATE INDEX IF NOT EXISTS events_by_words ON events USING gin (words);
-- incident matching (postgres/query.py window_query): the reports near a new event, by place then date;
-- by admin1 only those known to admin1 precision (the ones any precise report may match), and apart those
-- placed no finer than their country (few: the ones a vague report may match)
CREATE INDEX IF NOT EXISTS events_by_cell_date ON events (cell, sort_date);
CREATE INDEX IF NOT EXISTS events_by_admin1_date ON events (country, admin1, sort_date) WHERE precision = 'admin1';
CREATE INDEX IF NOT EXISTS events_by_coarse_date ON events (country, sort_date) WHERE admin1 IS NULL;
CREATE INDEX IF NOT EXISTS incidents_by_date ON incidents (sort_date, rowid, latitude, longitude);
CREATE INDEX IF NOT EXISTS incidents_by_type_date ON incidents (type, sort_date, rowid, latitude, longitude);
CREATE INDEX IF NOT EXISTS incidents_by_country_date ON incidents (country, sort_date, rowid, latitude, longitude);
CREATE INDEX IF NOT EXISTS incidents_by_place ON incidents USING gist (geog);
CREATE INDEX IF NOT EXISTS claims_by_document ON claims (document_id);
CREATE INDEX IF NOT EXISTS opinions_by_document ON opinions (document_id);
"""

SCHEMA = _EXTENSIONS + _TEXT_SEARCH + _TABLES + _INDEXES + CONTROL_SCHEMA

# UPGRADES[v]: the statements taking version v to v + 1 (run before SCHEMA, which then adds whatever is new).
# 1 -> 2 and 2 -> 3 need nothing before SCHEMA: it adds the control tables, then `incidents` (which the
# store then fills by regrouping).
UPGRADES: dict[int, str] = {}


def upgrade_steps(version: int) -> list[str]:
    """What takes a database from `version` (0: empty) to VERSION, in order."""
    steps = [UPGRADES[v] for v in range(max(version, 1), VERSION) if v in UPGRADES] if version else []
    return [*steps, SCHEMA,
            # 'writes' counts committed writes: the stats cache asks it whether anything changed
            "INSERT INTO eventatlas_meta (key, value) VALUES ('writes', '0') ON CONFLICT (key) DO NOTHING",
            "INSERT INTO eventatlas_meta (key, value) VALUES ('schema_version', %(version)s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"]
