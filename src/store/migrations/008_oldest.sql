-- The follow-ups of a period by the time they were recorded: the items
-- updated longest ago are found from the start of it, whatever the plan's
-- size (`strata round`, the app's round view).
CREATE INDEX assessment_by_time ON assessment (period_id, recorded_at, id);
