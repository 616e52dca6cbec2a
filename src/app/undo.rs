//! Undo and redo of the user's own edits in this session.

use super::*;

impl Effects<'_> {
    /// Undoes (or redoes) the user's last own edit, as one transaction. The
    /// step leaves its stack only when it was carried out (a busy file
    /// keeps it there, to be tried again): [`Outcome::undone`].
    pub(super) fn undo(&mut self, undo: bool) -> Result<Outcome, StoreError> {
        let lang = self.model.lang;
        let stack = if undo {
            &self.model.undo
        } else {
            &self.model.redo
        };
        let Some(step) = stack.last().cloned() else {
            let key = if undo {
                "msg.nothing_to_undo"
            } else {
                "msg.nothing_to_redo"
            };
            return Ok(Outcome {
                message: Some(Message::error(t(lang, key).to_owned())),
                ..Outcome::default()
            });
        };
        let (user, at) = super::edits::stamp();
        let result = match &step {
            UndoStep::Assessment { row } => {
                let address = format!("{}:{}", row.plan, row.item);
                let done = if undo {
                    self.store
                        .delete_assessment(row.id, &user, &at)
                        .map(|()| row.clone())
                } else {
                    self.store.restore_assessment(row, &user, &at).map(Box::new)
                };
                done.map(|row| (UndoStep::Assessment { row }, address))
            }
            UndoStep::Added { plan, code } => {
                self.store
                    .delete_item(plan, code, &user, &at)
                    .map(|(parent, position, item)| {
                        (
                            UndoStep::Removed {
                                plan: plan.clone(),
                                parent,
                                position,
                                item: Box::new(item),
                            },
                            format!("{plan}:{code}"),
                        )
                    })
            }
            UndoStep::Removed {
                plan,
                parent,
                position,
                item,
            } => self
                .store
                .restore_item(plan, parent.as_deref(), *position, item, &user, &at)
                .map(|()| {
                    (
                        UndoStep::Added {
                            plan: plan.clone(),
                            code: item.code.clone(),
                        },
                        format!("{plan}:{}", item.code),
                    )
                }),
            UndoStep::Moved {
                plan,
                code,
                from,
                to,
            } => self
                .store
                .move_item(plan, code, from.0.as_deref(), Some(from.1), &user, &at)
                .map(|_| {
                    (
                        UndoStep::Moved {
                            plan: plan.clone(),
                            code: code.clone(),
                            from: to.clone(),
                            to: from.clone(),
                        },
                        format!("{plan}:{code}"),
                    )
                }),
            UndoStep::Reordered { plan, code, delta } => self
                .store
                .reorder_item(plan, code, -delta, &user, &at)
                .map(|_| {
                    (
                        UndoStep::Reordered {
                            plan: plan.clone(),
                            code: code.clone(),
                            delta: -delta,
                        },
                        format!("{plan}:{code}"),
                    )
                }),
            UndoStep::Code { plan, old, new } => self
                .store
                .set_item_code(plan, new, old, &user, &at)
                .map(|()| {
                    (
                        UndoStep::Code {
                            plan: plan.clone(),
                            old: new.clone(),
                            new: old.clone(),
                        },
                        format!("{plan}:{old}"),
                    )
                }),
            UndoStep::Figure {
                plan,
                item,
                kind,
                old,
                new,
            } => {
                let value = if undo { old.clone() } else { new.clone() };
                let (plan, item, kind) = (plan.clone(), item.clone(), kind.clone());
                self.write_figure(&plan, &item, &kind, &value, None)
                    .map(|_| (step.clone(), format!("{plan}:{item}")))
            }
            UndoStep::PlanEdit { old, new } => {
                // Undo: from the new code back to the old; redo the other way.
                let (from, to) = if undo { (new, old) } else { (old, new) };
                self.store
                    .edit_plan(&from.0, Some(&to.0), Some((to.1, to.2)), (&user, &at))
                    .map(|()| (step.clone(), to.0.clone()))
            }
            UndoStep::Figures {
                plan,
                item,
                old,
                new,
            } => {
                let (value, was) = if undo { (old, new) } else { (new, old) };
                self.store
                    .replace_figures(plan, item, value, Some(was), (&user, &at))
                    .map(|_| (step.clone(), format!("{plan}:{item}")))
            }
            UndoStep::Text {
                text,
                lang: l,
                old,
                new,
            } => {
                let value = if undo { old } else { new };
                self.store
                    .set_text(&TextWrite::new(text, *l, value.as_deref(), &user, &at))
                    .map(|_| (step.clone(), text.address()))
            }
        };
        let (done, address) = result?;
        let plan = step.plan().to_owned();
        // Say what was undone, and in which period: it may not be on screen.
        let what = match &step {
            UndoStep::Assessment { row, .. } => {
                let period = self
                    .model
                    .plans
                    .iter()
                    .find(|p| p.plan.code == plan)
                    .map_or_else(
                        || row.period.clone(),
                        |p| period_label(&p.plan, &row.period, lang),
                    );
                // The status before and after, as the model held it: undo
                // takes the row away (the one before it is current again),
                // redo puts it back over the current one.
                let rows: Vec<Status> = self
                    .model
                    .plans
                    .iter()
                    .find(|p| p.plan.code == plan)
                    .and_then(|p| p.plan.find(&row.item))
                    .map(|(it, _)| {
                        it.assessments
                            .iter()
                            .filter(|a| a.period == row.period)
                            .map(|a| a.status)
                            .collect()
                    })
                    .unwrap_or_default();
                let current = rows.last().copied().unwrap_or(Status::NotAssessed);
                let (from, to) = if undo {
                    let before = rows.len().checked_sub(2).map(|i| rows[i]);
                    (row.status, before.unwrap_or(Status::NotAssessed))
                } else {
                    (current, row.status)
                };
                let word = |s: Status| {
                    format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key())))
                };
                // Without the period's rows at hand (another period is
                // shown), only where and when.
                if from == to || rows.is_empty() {
                    format!("{address} ({period})")
                } else {
                    format!("{address} ({period}): {} → {}", word(from), word(to))
                }
            }
            UndoStep::Moved { .. } => {
                format!("{address} · {}", t(lang, "action.move"))
            }
            UndoStep::Text { text, lang: l, .. } => {
                let mut what = format!(
                    "{address} · {} ({})",
                    crate::messages::field_label(lang, text.field()),
                    l.code()
                );
                let shown = self.model.plans.iter().find(|p| p.plan.code == plan);
                if let (Some(period), Some(ps)) = (text.field().log_period(), shown) {
                    what = format!("{what} · {}", period_label(&ps.plan, period, lang));
                }
                what
            }
            UndoStep::Figure { .. } | UndoStep::Figures { .. } => {
                format!("{address} · {}", t(lang, "action.figures"))
            }
            _ => address,
        };
        let key = if undo { "msg.undone" } else { "msg.redone" };
        Ok(Outcome {
            // A plan renamed back is another code: read every plan.
            reload: if matches!(step, UndoStep::PlanEdit { .. }) {
                Reload::All
            } else {
                Reload::Plan(plan)
            },
            undone: Some((undo, done)),
            ..Outcome::default()
        }
        .say(tf(lang, key, &[("item", &what)])))
    }
}
