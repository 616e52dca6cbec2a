-- strata schema, version 1. Every translated text is three columns: _fi, _sv, _en.

CREATE TABLE plan (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    position        INTEGER NOT NULL,
    title_fi TEXT, title_sv TEXT, title_en TEXT,
    description_fi TEXT, description_sv TEXT, description_en TEXT,
    organisation_fi TEXT, organisation_sv TEXT, organisation_en TEXT,
    source_language TEXT CHECK (source_language IN ('fi', 'sv', 'en')),
    start_year      INTEGER,
    end_year        INTEGER,
    example         INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE plan_level (
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    depth   INTEGER NOT NULL,
    name_fi TEXT, name_sv TEXT, name_en TEXT,
    PRIMARY KEY (plan_id, depth)
);

CREATE TABLE status_label (
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    status  TEXT NOT NULL,
    label_fi TEXT, label_sv TEXT, label_en TEXT,
    PRIMARY KEY (plan_id, status)
);

CREATE TABLE period (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    label_fi TEXT, label_sv TEXT, label_en TEXT,
    start_date TEXT,
    end_date   TEXT,
    UNIQUE (plan_id, code)
);

CREATE TABLE item (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES item(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    code      TEXT NOT NULL,
    level_fi TEXT, level_sv TEXT, level_en TEXT,
    title_fi TEXT, title_sv TEXT, title_en TEXT,
    description_fi TEXT, description_sv TEXT, description_en TEXT,
    owner_fi TEXT, owner_sv TEXT, owner_en TEXT,
    follow_up_fi TEXT, follow_up_sv TEXT, follow_up_en TEXT,
    version   INTEGER NOT NULL DEFAULT 1,
    UNIQUE (plan_id, code)
);
CREATE INDEX item_by_parent ON item (plan_id, parent_id, position);

-- Append-only: the newest row of an (item, period) is its current status,
-- the older ones its history.
CREATE TABLE assessment (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    period_id   INTEGER NOT NULL REFERENCES period(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN
                  ('not_assessed', 'on_track', 'at_risk', 'off_track', 'done')),
    comment_fi TEXT, comment_sv TEXT, comment_en TEXT,
    actions_fi TEXT, actions_sv TEXT, actions_en TEXT,
    author      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX assessment_by_item ON assessment (item_id, period_id, id);
CREATE INDEX assessment_by_period ON assessment (period_id);

CREATE TABLE indicator (
    id        INTEGER PRIMARY KEY,
    item_id   INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name_fi TEXT, name_sv TEXT, name_en TEXT,
    description_fi TEXT, description_sv TEXT, description_en TEXT,
    unit_fi TEXT, unit_sv TEXT, unit_en TEXT,
    source_fi TEXT, source_sv TEXT, source_en TEXT,
    direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    green     REAL NOT NULL,
    yellow    REAL NOT NULL
);
CREATE INDEX indicator_by_item ON indicator (item_id, position);

CREATE TABLE indicator_value (
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    period_id    INTEGER NOT NULL REFERENCES period(id) ON DELETE CASCADE,
    value        REAL,
    note_fi TEXT, note_sv TEXT, note_en TEXT,
    PRIMARY KEY (indicator_id, period_id)
);

CREATE TABLE risk (
    item_id     INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 4),
    consequence INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 4)
);

CREATE TABLE control (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES risk(item_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    what_fi TEXT, what_sv TEXT, what_en TEXT,
    how_fi TEXT, how_sv TEXT, how_en TEXT,
    frequency_fi TEXT, frequency_sv TEXT, frequency_en TEXT,
    performer_fi TEXT, performer_sv TEXT, performer_en TEXT,
    responsible_fi TEXT, responsible_sv TEXT, responsible_en TEXT
);
CREATE INDEX control_by_item ON control (item_id, position);

-- Every write, by codes rather than ids so that it stays readable after a delete.
CREATE TABLE change_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user        TEXT NOT NULL,
    plan_code   TEXT NOT NULL,
    item_code   TEXT,
    period_code TEXT,
    field       TEXT NOT NULL,
    lang        TEXT,
    old         TEXT,
    new         TEXT
);
CREATE INDEX change_log_by_item ON change_log (plan_code, item_code, id);
