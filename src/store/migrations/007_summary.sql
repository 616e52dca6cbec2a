-- Schema 7: a small stored summary of each plan's roll-ups per period, so
-- that a tree's first screen reads what it shows and not the whole plan.
--
-- `plan.outline_gen` counts the changes that can move a roll-up: an item
-- added, deleted or moved to another parent, a follow-up added, deleted or
-- changed in status. Triggers keep it, so no writer can forget it. A
-- summary is stamped with the generation it was computed at and is used
-- only while the stamp is the plan's generation: a stale summary is never
-- shown, it is computed again from the outline.
ALTER TABLE plan ADD COLUMN outline_gen INTEGER NOT NULL DEFAULT 0;

-- How many items a plan has, kept by the same triggers: a list of plans
-- does not count them.
ALTER TABLE plan ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;
UPDATE plan SET item_count = (SELECT count(*) FROM item WHERE item.plan_id = plan.id);

-- One row per plan and period summarised: its stamp and the whole plan's
-- counts (each item as a summary counts it).
CREATE TABLE rollup_period (
    period_id    INTEGER PRIMARY KEY REFERENCES period(id) ON DELETE CASCADE,
    gen          INTEGER NOT NULL,
    not_assessed INTEGER NOT NULL,
    on_track     INTEGER NOT NULL,
    at_risk      INTEGER NOT NULL,
    off_track    INTEGER NOT NULL,
    done         INTEGER NOT NULL,
    carried      INTEGER NOT NULL
);

-- One row per item with children: its roll-up, its effective status and
-- the counts of everything under it.
CREATE TABLE rollup_item (
    period_id    INTEGER NOT NULL REFERENCES rollup_period(period_id) ON DELETE CASCADE,
    item_id      INTEGER NOT NULL,
    rollup       TEXT NOT NULL,
    effective    TEXT NOT NULL,
    not_assessed INTEGER NOT NULL,
    on_track     INTEGER NOT NULL,
    at_risk      INTEGER NOT NULL,
    off_track    INTEGER NOT NULL,
    done         INTEGER NOT NULL,
    carried      INTEGER NOT NULL,
    PRIMARY KEY (period_id, item_id)
);

CREATE TRIGGER item_added_to_outline AFTER INSERT ON item BEGIN
    UPDATE plan SET outline_gen = outline_gen + 1, item_count = item_count + 1
    WHERE id = NEW.plan_id;
END;
CREATE TRIGGER item_removed_from_outline AFTER DELETE ON item BEGIN
    UPDATE plan SET outline_gen = outline_gen + 1, item_count = item_count - 1
    WHERE id = OLD.plan_id;
END;
CREATE TRIGGER item_moved_in_outline AFTER UPDATE OF parent_id, plan_id ON item
WHEN OLD.parent_id IS NOT NEW.parent_id OR OLD.plan_id IS NOT NEW.plan_id BEGIN
    UPDATE plan SET outline_gen = outline_gen + 1 WHERE id IN (OLD.plan_id, NEW.plan_id);
    UPDATE plan SET item_count = item_count - 1 WHERE id = OLD.plan_id AND OLD.plan_id IS NOT NEW.plan_id;
    UPDATE plan SET item_count = item_count + 1 WHERE id = NEW.plan_id AND OLD.plan_id IS NOT NEW.plan_id;
END;
CREATE TRIGGER follow_up_added_to_outline AFTER INSERT ON assessment BEGIN
    UPDATE plan SET outline_gen = outline_gen + 1
    WHERE id = (SELECT plan_id FROM item WHERE id = NEW.item_id);
END;
CREATE TRIGGER follow_up_removed_from_outline AFTER DELETE ON assessment BEGIN
    UPDATE plan SET outline_gen = outline_gen + 1
    WHERE id = (SELECT plan_id FROM item WHERE id = OLD.item_id);
END;
CREATE TRIGGER follow_up_changed_in_outline
AFTER UPDATE OF status, carried_from, item_id, period_id ON assessment
WHEN OLD.status IS NOT NEW.status OR OLD.carried_from IS NOT NEW.carried_from
  OR OLD.item_id IS NOT NEW.item_id OR OLD.period_id IS NOT NEW.period_id BEGIN
    UPDATE plan SET outline_gen = outline_gen + 1
    WHERE id IN (SELECT plan_id FROM item WHERE id IN (OLD.item_id, NEW.item_id));
END;
