-- strata schema, version 3: the people of a round. Contacts belong to the
-- database; an item names any number of them, each in a role.

CREATE TABLE contact (
    id     INTEGER PRIMARY KEY,
    -- The short id typed on the command line and used in the exchange format.
    handle TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    email  TEXT,
    -- The language reminders are written in.
    lang   TEXT CHECK (lang IN ('fi', 'sv', 'en')),
    unit   TEXT
);

CREATE TABLE item_contact (
    item_id    INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('responsible', 'updater')),
    PRIMARY KEY (item_id, contact_id, role)
);
CREATE INDEX item_contact_by_contact ON item_contact (contact_id);
