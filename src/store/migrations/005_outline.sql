-- Schema 5: the outline of a plan (every item's place and its current
-- status in a period) read from indexes alone, without the rows' texts:
-- what the app's first frame and the roll-ups need.
CREATE INDEX item_outline ON item (plan_id, position, id, parent_id, code);
CREATE INDEX assessment_outline ON assessment (period_id, item_id, id, status, carried_from);
-- Covered by assessment_outline, which starts with the period.
DROP INDEX assessment_by_period;
