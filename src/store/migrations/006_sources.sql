-- Schema 6: indicators linked to a public series (Kolada, Sotkanet) and
-- where each fetched value came from.
--
-- indicator.series: `kolada:N00945:2417:T`, `sotkanet:127:52:total`; NULL:
-- not linked. A value row with fetched_series NULL was typed by hand.
-- revised_*: the source changed (or deleted) the value after its period was
-- reported or closed; revised_reported is the figure that was reported,
-- revised_source what the source said when it was found.
ALTER TABLE indicator ADD COLUMN series TEXT;
ALTER TABLE indicator_value ADD COLUMN fetched_series TEXT;
ALTER TABLE indicator_value ADD COLUMN fetched_at TEXT;
ALTER TABLE indicator_value ADD COLUMN fetched_from TEXT;
ALTER TABLE indicator_value ADD COLUMN fetched_flags TEXT;
ALTER TABLE indicator_value ADD COLUMN revised_at TEXT;
ALTER TABLE indicator_value ADD COLUMN revised_reported REAL;
ALTER TABLE indicator_value ADD COLUMN revised_source REAL;
ALTER TABLE indicator_value ADD COLUMN revised_deleted INTEGER NOT NULL DEFAULT 0
    CHECK (revised_deleted IN (0, 1));
