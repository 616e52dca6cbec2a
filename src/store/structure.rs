//! Editing a plan's structure: adding, deleting (and restoring), moving,
//! reordering and renaming items; level names; new periods; new plans.
//!
//! Each public function is one `BEGIN IMMEDIATE` transaction that also writes
//! its change-log rows. Positions among siblings stay `0..n`, and every item
//! row that changes (its position included) gets a new `version`.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};

use super::insert::{insert_plan, ItemCtx};
use super::write::Log;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::rules::{comparable, item_code_ok, plan_code_ok};
use crate::domain::{Item, Lang, Plan, Text};

/// The first language a text has, with its value: what the log keeps of a
/// title.
fn some_lang(t: &Text) -> Option<(Lang, &str)> {
    Lang::ALL.into_iter().find_map(|l| t.get(l).map(|s| (l, s)))
}

/// One write's view of one plan.
pub(super) struct Ctx<'a> {
    pub(super) tx: &'a Transaction<'a>,
    path: &'a Path,
    pub(super) plan: &'a str,
    pub(super) plan_id: i64,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(tx: &'a Transaction<'a>, path: &'a Path, plan: &'a str) -> Result<Ctx<'a>> {
        let plan_id = tx
            .query_row("SELECT id FROM plan WHERE code = ?1", [plan], |r| r.get(0))
            .optional()
            .map_err(|e| classify_at(path, e))?
            .ok_or_else(|| StoreError::UnknownPlan(plan.to_owned()))?;
        Ok(Ctx {
            tx,
            path,
            plan,
            plan_id,
        })
    }

    pub(super) fn e(&self, e: rusqlite::Error) -> StoreError {
        classify_at(self.path, e)
    }

    fn unknown(&self, code: &str) -> StoreError {
        StoreError::UnknownItem {
            plan: self.plan.to_owned(),
            code: code.to_owned(),
        }
    }

    /// An item's id and parent id.
    fn item(&self, code: &str) -> Result<(i64, Option<i64>)> {
        self.tx
            .prepare_cached("SELECT id, parent_id FROM item WHERE plan_id = ?1 AND code = ?2")
            .and_then(|mut st| {
                st.query_row(params![self.plan_id, code], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.e(e))?
            .ok_or_else(|| self.unknown(code))
    }

    /// The id of a parent given by code (`None`: the top level).
    fn parent(&self, code: Option<&str>) -> Result<Option<i64>> {
        code.map(|c| self.item(c).map(|(id, _)| id)).transpose()
    }

    fn code_of(&self, id: i64) -> Result<String> {
        self.tx
            .query_row("SELECT code FROM item WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|e| self.e(e))
    }

    /// Whether the plan has an item with this code, compared in one normal
    /// form (NFC): `ä` typed and `a` + combining diaeresis are the same
    /// code. The codes SQL cannot rule out by an exact match are the ones
    /// with a character outside printable ASCII, few or none in a plan.
    fn taken(&self, code: &str) -> Result<bool> {
        let want = comparable(code);
        let mut st = self
            .tx
            .prepare_cached(
                "SELECT code FROM item WHERE plan_id = ?1
                   AND (code = ?2 OR code GLOB '*[^ -~]*')",
            )
            .map_err(|e| self.e(e))?;
        let codes = st
            .query_map(params![self.plan_id, code], |r| r.get::<_, String>(0))
            .map_err(|e| self.e(e))?;
        for c in codes {
            if comparable(&c.map_err(|e| self.e(e))?) == want {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The children of `parent` in their order: (id, stored position).
    fn siblings(&self, parent: Option<i64>) -> Result<Vec<(i64, i64)>> {
        let mut st = self
            .tx
            .prepare_cached(
                "SELECT id, position FROM item WHERE plan_id = ?1 AND parent_id IS ?2
                 ORDER BY position, id",
            )
            .map_err(|e| self.e(e))?;
        let rows = st
            .query_map(params![self.plan_id, parent], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| self.e(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.e(e))
    }

    /// Where `id` stands among the children of `parent`.
    fn index_of(&self, parent: Option<i64>, id: i64) -> Result<usize> {
        Ok(self
            .siblings(parent)?
            .iter()
            .position(|(i, _)| *i == id)
            .unwrap_or(0))
    }

    /// Numbers the children of `parent` 0..n in their order, with `place`'s
    /// item (already a child of `parent`) put at index `place.1`; every row
    /// whose position changes gets a new version.
    fn renumber(&self, parent: Option<i64>, place: Option<(i64, usize)>) -> Result<()> {
        let mut list = self.siblings(parent)?;
        if let Some((id, at)) = place {
            if let Some(k) = list.iter().position(|(i, _)| *i == id) {
                let row = list.remove(k);
                list.insert(at.min(list.len()), row);
            }
        }
        let mut st = self
            .tx
            .prepare_cached("UPDATE item SET position = ?1, version = version + 1 WHERE id = ?2")
            .map_err(|e| self.e(e))?;
        for (k, (id, pos)) in list.iter().enumerate() {
            if *pos != k as i64 {
                st.execute(params![k as i64, id]).map_err(|e| self.e(e))?;
            }
        }
        Ok(())
    }

    /// Puts item `id` (now under `old_parent` at `old_index`) under `parent`
    /// at `index` (`None`: last; clamped). Returns false when that is where
    /// it already stands.
    fn relocate(
        &self,
        id: i64,
        old_parent: Option<i64>,
        old_index: usize,
        parent: Option<i64>,
        index: Option<usize>,
    ) -> Result<bool> {
        let others = self
            .siblings(parent)?
            .iter()
            .filter(|(i, _)| *i != id)
            .count();
        let at = index.unwrap_or(others).min(others);
        if parent == old_parent && at == old_index {
            return Ok(false);
        }
        self.tx
            .execute(
                "UPDATE item SET parent_id = ?1, position = ?2, version = version + 1
                 WHERE id = ?3",
                params![parent, at as i64, id],
            )
            .map_err(|e| self.e(e))?;
        if parent != old_parent {
            self.renumber(old_parent, None)?;
        }
        self.renumber(parent, Some((id, at)))?;
        Ok(true)
    }

    /// The plan's periods: code → id.
    fn periods(&self) -> Result<Vec<(String, i64)>> {
        let mut st = self
            .tx
            .prepare_cached("SELECT code, id FROM period WHERE plan_id = ?1")
            .map_err(|e| self.e(e))?;
        let rows = st
            .query_map([self.plan_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.e(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.e(e))
    }

    /// Inserts `item` with its subtree under `parent` at `index` (clamped)
    /// through the import's own insert, and renumbers its new siblings.
    fn insert(&self, item: &Item, parent: Option<i64>, index: Option<usize>) -> Result<()> {
        let owned = self.periods()?;
        let periods: HashMap<&str, i64> = owned.iter().map(|(c, id)| (c.as_str(), *id)).collect();
        let n = self.siblings(parent)?.len();
        let at = index.unwrap_or(n).min(n);
        ItemCtx {
            tx: self.tx,
            plan_id: self.plan_id,
            periods: &periods,
        }
        .insert(item, parent, at)
        .map_err(|e| self.e(e))?;
        let (id, _) = self.item(&item.code)?;
        self.renumber(parent, Some((id, at)))
    }

    pub(super) fn log(&self, user: &'a str, at: &'a str) -> Log<'a> {
        Log {
            at,
            user,
            plan: self.plan,
        }
    }
}

impl Store {
    /// Adds an item under `parent` (`None`: the top level), right after its
    /// child `after` (`None`: as the last child), titled in one language.
    /// Without a `code` it gets the next free one: the parent's code, ".",
    /// the number of children + 1 (top level: "1", "2" …). Returns the code.
    #[allow(clippy::too_many_arguments)]
    pub fn add_item(
        &mut self,
        plan: &str,
        parent: Option<&str>,
        after: Option<&str>,
        code: Option<&str>,
        title: (Lang, &str),
        user: &str,
        at: &str,
    ) -> Result<String> {
        if title.1.trim().is_empty() {
            return Err(StoreError::NoTitle);
        }
        crate::domain::rules::text_fits(title.1)?;
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let parent_id = c.parent(parent)?;
        let siblings = c.siblings(parent_id)?;
        let index = match after {
            None => siblings.len(),
            Some(a) => {
                let (id, _) = c.item(a)?;
                siblings
                    .iter()
                    .position(|(i, _)| *i == id)
                    .ok_or_else(|| c.unknown(a))?
                    + 1
            }
        };
        let code = match code {
            Some(code) => {
                if !item_code_ok(code) {
                    return Err(StoreError::BadCode(code.to_owned()));
                }
                if c.taken(code)? {
                    return Err(StoreError::CodeTaken {
                        plan: plan.to_owned(),
                        code: code.to_owned(),
                    });
                }
                code.to_owned()
            }
            None => {
                let prefix = parent.map(|p| format!("{p}.")).unwrap_or_default();
                let mut n = siblings.len() + 1;
                loop {
                    let candidate = format!("{prefix}{n}");
                    if !c.taken(&candidate)? {
                        break candidate;
                    }
                    n += 1;
                }
            }
        };
        let (lang, title) = title;
        let mut text = Text::default();
        text.set(lang, Some(title.to_owned()));
        let item = Item {
            code: code.clone(),
            title: text,
            ..Item::default()
        };
        c.insert(&item, parent_id, Some(index))?;
        c.log(user, at)
            .write(
                &tx,
                Some(&code),
                None,
                "add",
                Some(lang),
                None,
                item.title.get(lang),
            )
            .map_err(|e| c.e(e))?;
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(code)
    }

    /// What deleting an item takes with it: (the number of its descendants,
    /// the number of follow-up rows of the item and its descendants).
    pub fn item_counts(&self, plan: &str, code: &str) -> Result<(usize, usize)> {
        let plan_id = self.plan_id(plan)?;
        let id = self.item_id(plan, code)?;
        let (items, rows): (i64, i64) = self
            .conn
            .query_row(
                "WITH RECURSIVE sub(id) AS (
                   SELECT ?1
                   UNION ALL
                   SELECT i.id FROM item i JOIN sub ON i.plan_id = ?2 AND i.parent_id = sub.id
                 )
                 SELECT (SELECT count(*) FROM sub) - 1,
                        (SELECT count(*) FROM assessment WHERE item_id IN (SELECT id FROM sub))",
                params![id, plan_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.classify(e))?;
        Ok((items as usize, rows as usize))
    }

    /// How many follow-ups an item and the items under it have, as a reader
    /// counts them: one per item and period (a comment rewritten in the same
    /// period is the same follow-up, kept in its history).
    pub fn follow_ups_under(&self, plan: &str, code: &str) -> Result<usize> {
        let plan_id = self.plan_id(plan)?;
        let n: i64 = self
            .conn
            .query_row(
                "WITH RECURSIVE sub(id) AS (
                   SELECT id FROM item WHERE plan_id = ?1 AND code = ?2
                   UNION ALL
                   SELECT i.id FROM item i JOIN sub ON i.plan_id = ?1 AND i.parent_id = sub.id
                 )
                 SELECT count(*) FROM (SELECT DISTINCT item_id, period_id FROM assessment
                                       WHERE item_id IN (SELECT id FROM sub))",
                params![plan_id, code],
                |r| r.get(0),
            )
            .map_err(|e| self.classify(e))?;
        Ok(n as usize)
    }

    /// Deletes an item with its subtree and everything attached to them
    /// (follow-ups, indicators and their values, risk and controls). Returns
    /// where it stood (the parent's code, the index among its siblings) and
    /// the subtree as it was, complete, for [`Store::restore_item`].
    pub fn delete_item(
        &mut self,
        plan: &str,
        code: &str,
        user: &str,
        at: &str,
    ) -> Result<(Option<String>, usize, Item)> {
        self.delete_item_checked(plan, code, None, user, at)
    }

    /// As [`Store::delete_item`], refused with `Conflict` when the item no
    /// longer has `expect` = (items under it, follow-ups), the counts the
    /// user was asked about: someone added or removed some meanwhile.
    pub fn delete_item_checked(
        &mut self,
        plan: &str,
        code: &str,
        expect: Option<(usize, usize)>,
        user: &str,
        at: &str,
    ) -> Result<(Option<String>, usize, Item)> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let (id, parent_id) = c.item(code)?;
        if let Some(expected) = expect {
            // Counted inside the transaction: what would be deleted now.
            let now = self.item_counts(plan, code)?;
            if now != expected {
                let last: Option<(String, String)> = tx
                    .query_row(
                        "SELECT user, at FROM change_log WHERE plan_code = ?1
                         ORDER BY id DESC LIMIT 1",
                        [plan],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()
                    .map_err(|e| c.e(e))?;
                let (by, at) = last.unwrap_or_default();
                return Err(StoreError::Conflict {
                    theirs: None,
                    by,
                    at,
                });
            }
        }
        // Read inside the transaction: exactly what is deleted.
        let whole = self.load_plan(plan)?;
        let (item, ancestors) = whole.find(code).ok_or_else(|| c.unknown(code))?;
        let parent = ancestors.last().map(|p| p.code.clone());
        let index = c.index_of(parent_id, id)?;
        tx.execute("DELETE FROM item WHERE id = ?1", [id])
            .map_err(|e| c.e(e))?;
        c.renumber(parent_id, None)?;
        let title = some_lang(&item.title);
        c.log(user, at)
            .write(
                &tx,
                Some(code),
                None,
                "delete",
                title.map(|(l, _)| l),
                title.map(|(_, t)| t),
                None,
            )
            .map_err(|e| c.e(e))?;
        let item = item.clone();
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok((parent, index, item))
    }

    /// Puts a deleted subtree back exactly (codes, texts, follow-ups with
    /// their authors and times, indicators, risk) under `parent` at index
    /// `position` (clamped). `CodeTaken` if one of its codes is in use now.
    pub fn restore_item(
        &mut self,
        plan: &str,
        parent: Option<&str>,
        position: usize,
        item: &Item,
        user: &str,
        at: &str,
    ) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let parent_id = c.parent(parent)?;
        let periods: Vec<String> = c.periods()?.into_iter().map(|(p, _)| p).collect();
        let mut stack = vec![item];
        while let Some(it) = stack.pop() {
            if c.taken(&it.code)? {
                return Err(StoreError::CodeTaken {
                    plan: plan.to_owned(),
                    code: it.code.clone(),
                });
            }
            let used = it.assessments.iter().map(|a| &a.period).chain(
                it.indicators
                    .iter()
                    .flat_map(|n| n.values.iter().map(|v| &v.period)),
            );
            for p in used {
                if !periods.contains(p) {
                    return Err(StoreError::UnknownPeriod {
                        plan: plan.to_owned(),
                        code: p.clone(),
                    });
                }
            }
            stack.extend(&it.children);
        }
        c.insert(item, parent_id, Some(position))?;
        let title = some_lang(&item.title);
        c.log(user, at)
            .write(
                &tx,
                Some(&item.code),
                None,
                "restore",
                title.map(|(l, _)| l),
                None,
                title.map(|(_, t)| t),
            )
            .map_err(|e| c.e(e))?;
        tx.commit().map_err(|e| classify_at(&path, e))
    }

    /// Moves an item (with its subtree) under `new_parent` (`None`: the top
    /// level) at index `position` (`None`: last). Returns where it was (the
    /// old parent's code and index), for undo. Moving an item under itself
    /// or one of its descendants is refused with `Cycle`.
    pub fn move_item(
        &mut self,
        plan: &str,
        code: &str,
        new_parent: Option<&str>,
        position: Option<usize>,
        user: &str,
        at: &str,
    ) -> Result<(Option<String>, usize)> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let (id, old_parent) = c.item(code)?;
        let parent_id = c.parent(new_parent)?;
        let mut up = parent_id;
        while let Some(p) = up {
            if p == id {
                return Err(StoreError::Cycle {
                    code: code.to_owned(),
                });
            }
            up = tx
                .query_row("SELECT parent_id FROM item WHERE id = ?1", [p], |r| {
                    r.get(0)
                })
                .map_err(|e| c.e(e))?;
        }
        let old_index = c.index_of(old_parent, id)?;
        let old_code = old_parent.map(|p| c.code_of(p)).transpose()?;
        if c.relocate(id, old_parent, old_index, parent_id, position)? {
            c.log(user, at)
                .write(
                    &tx,
                    Some(code),
                    None,
                    "move",
                    None,
                    old_code.as_deref(),
                    new_parent,
                )
                .map_err(|e| c.e(e))?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok((old_code, old_index))
    }

    /// Moves an item up (`delta` < 0) or down among its siblings, stopping at
    /// the first and the last place. Returns whether it moved.
    pub fn reorder_item(
        &mut self,
        plan: &str,
        code: &str,
        delta: i64,
        user: &str,
        at: &str,
    ) -> Result<bool> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let (id, parent) = c.item(code)?;
        let n = c.siblings(parent)?.len();
        let old = c.index_of(parent, id)?;
        let new = (old as i64).saturating_add(delta).clamp(0, n as i64 - 1) as usize;
        let moved = c.relocate(id, parent, old, parent, Some(new))?;
        if moved {
            c.log(user, at)
                .write(
                    &tx,
                    Some(code),
                    None,
                    "reorder",
                    None,
                    Some(&old.to_string()),
                    Some(&new.to_string()),
                )
                .map_err(|e| c.e(e))?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(moved)
    }

    /// Gives an item another code (unique in the plan; no spaces or ':').
    pub fn set_item_code(
        &mut self,
        plan: &str,
        code: &str,
        new_code: &str,
        user: &str,
        at: &str,
    ) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let (id, _) = c.item(code)?;
        if new_code == code {
            return Ok(());
        }
        if !item_code_ok(new_code) {
            return Err(StoreError::BadCode(new_code.to_owned()));
        }
        if c.taken(new_code)? {
            return Err(StoreError::CodeTaken {
                plan: plan.to_owned(),
                code: new_code.to_owned(),
            });
        }
        tx.execute(
            "UPDATE item SET code = ?1, version = version + 1 WHERE id = ?2",
            params![new_code, id],
        )
        .map_err(|e| c.e(e))?;
        c.log(user, at)
            .write(
                &tx,
                Some(new_code),
                None,
                "code",
                None,
                Some(code),
                Some(new_code),
            )
            .map_err(|e| c.e(e))?;
        tx.commit().map_err(|e| classify_at(&path, e))
    }

    /// Adds an empty plan at the end of the list of plans.
    pub fn add_plan(
        &mut self,
        code: &str,
        title: &Text,
        levels: &[Text],
        user: &str,
        at: &str,
    ) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        if !plan_code_ok(code) {
            return Err(StoreError::BadCode(code.to_owned()));
        }
        if title.is_empty() {
            return Err(StoreError::NoTitle);
        }
        super::check_text(title)?;
        for l in levels {
            super::check_text(l)?;
        }
        let exists: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM plan WHERE code = ?1)",
                [code],
                |r| r.get(0),
            )
            .map_err(e)?;
        if exists {
            return Err(StoreError::PlanExists(code.to_owned()));
        }
        let position: i64 = tx
            .query_row(
                "SELECT coalesce(max(position), -1) + 1 FROM plan",
                [],
                |r| r.get(0),
            )
            .map_err(e)?;
        let plan = Plan {
            code: code.to_owned(),
            title: title.clone(),
            levels: levels.to_vec(),
            ..Plan::default()
        };
        insert_plan(&tx, &plan, position).map_err(e)?;
        Log {
            at,
            user,
            plan: code,
        }
        .write(&tx, None, None, "add", None, None, Some(code))
        .map_err(e)?;
        tx.commit().map_err(e)
    }
}
