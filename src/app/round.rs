//! The follow-up round in the browser: confirming a status carried over,
//! jumping to the next item that still needs an assessment, and refusing
//! follow-up edits in a closed period before anything is typed.

use super::*;

impl Model {
    /// The selected plan's period, if it can take follow-ups: an error
    /// message, and `None`, when it has none or it is closed.
    pub(super) fn open_period(&mut self) -> Option<String> {
        let (ps, _) = self.selected_item()?;
        let plan = ps.plan.code.clone();
        let Some(code) = ps.period.clone() else {
            self.error(t(self.lang, "msg.no_period").to_owned());
            return None;
        };
        if ps.plan.period(&code).is_some_and(|p| p.is_closed()) {
            self.error(tf(
                self.lang,
                "err.period_closed",
                &[("plan", &plan), ("period", &code)],
            ));
            return None;
        }
        Some(code)
    }

    /// `o`: keeps a status carried over from the previous period as this
    /// period's assessment.
    pub(super) fn keep_status(&mut self) -> Option<Command> {
        self.writable_item()?;
        let period = self.open_period()?;
        let (ps, Some(item)) = self.selected_item()? else {
            return None;
        };
        let (plan, code) = (ps.plan.code.clone(), item.code.clone());
        match item.current(&period) {
            Some(a) if a.is_carried() => Some(Command::SetStatus {
                plan,
                item: code,
                period,
                status: a.status,
            }),
            Some(_) => {
                self.info(tf(
                    self.lang,
                    "msg.already_assessed",
                    &[("item", &format!("{plan}:{code}")), ("period", &period)],
                ));
                None
            }
            None => {
                self.info(tf(
                    self.lang,
                    "msg.nothing_to_keep",
                    &[("item", &format!("{plan}:{code}")), ("period", &period)],
                ));
                None
            }
        }
    }

    /// Every item that still needs an assessment in its plan's shown
    /// period, in tree order.
    pub fn to_assess(&self) -> Vec<NodeKey> {
        let mut out = Vec::new();
        for ps in &self.plans {
            let Some(period) = ps.period.as_deref() else {
                continue;
            };
            for (_, it) in ps.plan.walk() {
                if it.needs_update(period) {
                    out.push(NodeKey {
                        plan: ps.plan.code.clone(),
                        item: Some(it.code.clone()),
                    });
                }
            }
        }
        out
    }

    /// The first item of the plan `pi` (held whole) after the item `after`
    /// in tree order (from the start for `None`) that still needs an
    /// assessment in its shown period.
    pub(in crate::app) fn next_to_assess_in(
        &self,
        pi: usize,
        after: Option<&str>,
    ) -> Option<String> {
        let ps = &self.plans[pi];
        let period = ps.period.as_deref()?;
        let walk = ps.plan.walk();
        let from = match after {
            Some(code) => walk.iter().position(|(_, it)| it.code == code)? + 1,
            None => 0,
        };
        walk[from..]
            .iter()
            .find(|(_, it)| it.needs_update(period))
            .map(|(_, it)| it.code.clone())
    }

    /// `w` as the app carries it out when a plan is held in part: goes to
    /// `next` (found by the store), saying that `left` are left.
    pub(in crate::app) fn go_to_assess(&mut self, next: Option<NodeKey>, left: usize) {
        match next {
            Some(next) if left > 0 => {
                self.reveal(&next);
                self.info(plural(self.lang, "msg.left_to_assess", left));
            }
            _ => self.info(t(self.lang, "msg.all_assessed").to_owned()),
        }
    }

    /// `w`: moves to the next item after the cursor that still needs an
    /// assessment, opening the branches on the way; says how many are left.
    pub(super) fn next_to_assess(&mut self) {
        let todo = self.to_assess();
        if todo.is_empty() {
            self.info(t(self.lang, "msg.all_assessed").to_owned());
            return;
        }
        // Tree order of every node, to find the first one after the cursor.
        let order: Vec<NodeKey> = self
            .plans
            .iter()
            .flat_map(|ps| {
                std::iter::once(NodeKey {
                    plan: ps.plan.code.clone(),
                    item: None,
                })
                .chain(ps.plan.walk().into_iter().map(|(_, it)| NodeKey {
                    plan: ps.plan.code.clone(),
                    item: Some(it.code.clone()),
                }))
            })
            .collect();
        let here = self
            .selected_key()
            .and_then(|k| order.iter().position(|o| *o == k))
            .unwrap_or(0);
        let rank = |k: &NodeKey| order.iter().position(|o| o == k).unwrap_or(0);
        let next = todo
            .iter()
            .find(|k| rank(k) > here)
            .unwrap_or(&todo[0])
            .clone();
        self.reveal(&next);
        self.info(plural(self.lang, "msg.left_to_assess", todo.len()));
    }

    /// `+` / `-`: opens every branch of every plan, or closes them all
    /// (the plans stay open one level, as at the start).
    pub(super) fn expand_all(&mut self, open: bool) {
        let plans: Vec<Plan> = self.plans.iter().map(|p| p.plan.clone()).collect();
        self.expanded = if open {
            tree::all_branches(&plans).into_iter().collect()
        } else {
            plans
                .iter()
                .map(|p| NodeKey {
                    plan: p.code.clone(),
                    item: None,
                })
                .collect()
        };
        // The selection, or its top-level item when closing hides it.
        let selected = self.selected_key();
        self.rows = self.build_rows();
        let i = selected.and_then(|k| {
            self.find_row(&k).or_else(|| {
                let top = tree::ancestors(&plans, &k).get(1).cloned();
                top.and_then(|t| self.find_row(&t)).or_else(|| {
                    self.find_row(&NodeKey {
                        plan: k.plan.clone(),
                        item: None,
                    })
                })
            })
        });
        self.cursor = i.unwrap_or(0).min(self.rows.len().saturating_sub(1));
        self.scroll_into_view();
    }
}
