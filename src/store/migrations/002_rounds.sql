-- strata schema, version 2: follow-up periods with a life, and statuses
-- carried over from an earlier period.

-- The day by which the period's follow-ups are due, YYYY-MM-DD.
ALTER TABLE period ADD COLUMN deadline TEXT;
-- Set when the period is closed: its follow-ups are frozen until reopened.
ALTER TABLE period ADD COLUMN closed_at TEXT;
ALTER TABLE period ADD COLUMN closed_by TEXT;

-- A status copied from an earlier period when this one was started from the
-- previous statuses: that period's code. NULL: someone assessed the item.
ALTER TABLE assessment ADD COLUMN carried_from TEXT;
