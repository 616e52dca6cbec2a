//! Writes of texts, statuses and figures through the store, each one transaction and undoable.

use super::*;

impl App {
    pub(super) fn set_status(&mut self, status: Status) -> Result<(), StoreError> {
        let Some((ps, Some(item))) = self.model.selected_item() else {
            return Ok(());
        };
        let plan = ps.plan.code.clone();
        let code = item.code.clone();
        let period = ps.period.clone();
        self.write(&plan, &code, period, Some(status), None, None)
    }

    /// Keeps the user's text in the change log and shows theirs.
    pub(super) fn take_theirs(&mut self, c: Conflict) -> Result<(), StoreError> {
        let at = crate::clock::now_utc();
        let user = crate::clock::os_user();
        let (plan, item, period, field): (&String, Option<&str>, Option<&str>, String) = match &c
            .editor
            .target
        {
            editor::Target::Comment { plan, item, period } => {
                (plan, Some(item), Some(period.as_str()), "comment".into())
            }
            editor::Target::Text { plan, item, field } => (plan, Some(item), None, (*field).into()),
            editor::Target::Actions { plan, item, period } => {
                (plan, Some(item), Some(period.as_str()), "actions".into())
            }
            editor::Target::IndicatorText { plan, item, .. } => {
                (plan, Some(item), None, "indicator".into())
            }
            editor::Target::ControlText { plan, item, .. } => {
                (plan, Some(item), None, "control".into())
            }
            editor::Target::PlanText { plan, field } => (plan, None, None, format!("plan.{field}")),
            editor::Target::LevelName { plan, depth } => {
                (plan, None, None, format!("level.{}", depth + 1))
            }
            // New items, plans and periods, and figures, are never in
            // conflict.
            _ => return Ok(()),
        };
        self.store.log_discarded(
            plan,
            item,
            period,
            &field,
            c.editor.lang,
            &c.editor.text(),
            &user,
            &at,
        )?;
        self.reload_plan(&plan.clone())?;
        let address = c.editor.target.address();
        self.model.info(tf(
            self.model.lang,
            "msg.took_theirs",
            &[("item", &address)],
        ));
        Ok(())
    }

    /// Saves an editor's text. With `check`, the save is refused if the
    /// stored text is no longer the one the editor started from.
    pub(super) fn save(&mut self, ed: &Editor, check: bool) -> Result<(), StoreError> {
        let base = Some(ed.original().to_owned()).filter(|s| !s.is_empty());
        match &ed.target {
            editor::Target::NewItem {
                plan,
                parent,
                after,
            } => self.add_item(ed, plan, parent.as_deref(), after.as_deref()),
            editor::Target::NewPlan => self.add_plan(ed),
            editor::Target::IndicatorText { plan, .. }
            | editor::Target::ControlText { plan, .. }
            | editor::Target::Actions { plan, .. } => {
                let new = Some(ed.text()).filter(|s| !s.trim().is_empty());
                let old = self.write_detail_text(
                    &ed.target,
                    ed.lang,
                    new.as_deref(),
                    check.then_some(base.as_deref()),
                )?;
                self.done(UndoStep::DetailText {
                    target: ed.target.clone(),
                    lang: ed.lang,
                    old,
                    new,
                });
                let plan = plan.clone();
                self.reload_plan(&plan)?;
                self.model.info(tf(
                    self.model.lang,
                    "msg.saved",
                    &[("item", &ed.target.address())],
                ));
                Ok(())
            }
            editor::Target::Figure { plan, item, kind } => {
                self.save_figure(ed, plan, item, kind, check)
            }
            editor::Target::Code { plan, item } => {
                let new = ed.text().trim().to_owned();
                let (user, at) = Self::stamp();
                if let Err(e) = self.store.set_item_code(plan, item, &new, &user, &at) {
                    // A taken or malformed code: the editor stays, with why.
                    self.model.overlay = Overlay::Editor(Box::new(ed.clone()));
                    return Err(e);
                }
                self.done(UndoStep::Code {
                    plan: plan.clone(),
                    old: item.clone(),
                    new: new.clone(),
                });
                // Keep the renamed item selected and open where it was.
                let old_key = NodeKey {
                    plan: plan.clone(),
                    item: Some(item.clone()),
                };
                let new_key = NodeKey {
                    plan: plan.clone(),
                    item: Some(new.clone()),
                };
                if self.model.expanded.remove(&old_key) {
                    self.model.expanded.insert(new_key.clone());
                }
                let plan = plan.clone();
                self.reload_plan(&plan)?;
                self.model.reveal(&new_key);
                self.model.info(tf(
                    self.model.lang,
                    "msg.code_changed",
                    &[("item", &format!("{plan}:{item}")), ("code", &new)],
                ));
                Ok(())
            }
            editor::Target::PlanText { plan, field } => self.set_plan_text(
                plan,
                TextRow::Plan(field),
                ed.lang,
                &ed.text(),
                check.then_some(base.as_deref()),
            ),
            editor::Target::PlanRow { plan, row } => self.set_plan_text(
                plan,
                *row,
                ed.lang,
                &ed.text(),
                check.then_some(base.as_deref()),
            ),
            editor::Target::LevelName { plan, depth } => self.set_plan_text(
                plan,
                TextRow::Level(*depth),
                ed.lang,
                &ed.text(),
                check.then_some(base.as_deref()),
            ),
            // Asked about in the model, added by `AddPeriod`.
            editor::Target::NewPeriod { .. } => Ok(()),
            editor::Target::Comment { plan, item, period } => {
                let text = ed.text();
                self.write(
                    &plan.clone(),
                    &item.clone(),
                    Some(period.clone()),
                    None,
                    Some((ed.lang, text)),
                    check.then_some(base),
                )
            }
            editor::Target::Text { plan, item, field } => {
                let at = crate::clock::now_utc();
                let user = crate::clock::os_user();
                let new = Some(ed.text()).filter(|s| !s.trim().is_empty());
                let old = self.store.set_item_text_checked(
                    plan,
                    item,
                    field,
                    ed.lang,
                    new.as_deref(),
                    check.then_some(base.as_deref()),
                    &user,
                    &at,
                )?;
                self.model.redo.clear();
                self.model.undo.push(UndoStep::Text {
                    plan: plan.clone(),
                    item: item.clone(),
                    field,
                    lang: ed.lang,
                    old,
                    new,
                });
                self.reload_plan(plan)?;
                self.model.info(tf(
                    self.model.lang,
                    "msg.saved",
                    &[("item", &format!("{plan}:{item}"))],
                ));
                Ok(())
            }
        }
    }

    /// Saves a figure typed in the editor, after reading it as a number (or
    /// two); what cannot be read keeps the editor open with a message.
    pub(super) fn save_figure(
        &mut self,
        ed: &Editor,
        plan: &str,
        item: &str,
        kind: &editor::FigureKind,
        check: bool,
    ) -> Result<(), StoreError> {
        let lang = self.model.lang;
        let text = ed.text();
        let keep = |model: &mut Model, key: &str, args: &[(&str, &dyn std::fmt::Display)]| {
            model.overlay = Overlay::Editor(Box::new(ed.clone()));
            model.error(tf(lang, key, args));
        };
        let new = match kind {
            editor::FigureKind::Value { .. } if text.trim().is_empty() => {
                FigureValue::Value(Some(None))
            }
            editor::FigureKind::Value { .. } => match parse_number(&text) {
                Some(v) => FigureValue::Value(Some(Some(v))),
                None => {
                    keep(
                        &mut self.model,
                        "msg.not_a_number",
                        &[("text", &text.trim())],
                    );
                    return Ok(());
                }
            },
            editor::FigureKind::Thresholds { index } => {
                let direction = self
                    .model
                    .selected_item()
                    .and_then(|(_, it)| it)
                    .and_then(|it| it.indicators.get(*index))
                    .map_or(crate::domain::Direction::Higher, |i| i.direction);
                match parse_two(&text) {
                    Some((g, y)) => FigureValue::Thresholds(direction, g, y),
                    None => {
                        keep(
                            &mut self.model,
                            "msg.two_numbers",
                            &[("example", &"70 / 29")],
                        );
                        return Ok(());
                    }
                }
            }
            editor::FigureKind::Risk => match parse_two(&text) {
                Some((p, c)) if p.fract() == 0.0 && c.fract() == 0.0 && p >= 0.0 && c >= 0.0 => {
                    FigureValue::Risk(p.min(255.0) as u8, c.min(255.0) as u8)
                }
                _ => {
                    keep(&mut self.model, "msg.two_numbers", &[("example", &"3 × 4")]);
                    return Ok(());
                }
            },
        };
        let expect = if check { ed.base_figure.as_ref() } else { None };
        match self.write_figure(plan, item, kind, &new, expect) {
            Ok(old) => {
                self.done(UndoStep::Figure {
                    plan: plan.to_owned(),
                    item: item.to_owned(),
                    kind: kind.clone(),
                    old,
                    new,
                });
                self.reload_plan(plan)?;
                self.model.overlay = Overlay::None;
                self.model.info(tf(
                    lang,
                    "msg.saved",
                    &[("item", &format!("{plan}:{item}"))],
                ));
                Ok(())
            }
            // Changed by a colleague meanwhile: the app shows both.
            Err(e @ StoreError::Conflict { .. }) => Err(e),
            Err(e) => {
                // Refused (yellow on the wrong side, outside 1–4 …): the
                // figure stays in the editor, with the reason.
                self.model.overlay = Overlay::Editor(Box::new(ed.clone()));
                Err(e)
            }
        }
    }

    /// Writes an indicator text, control text or further actions; returns
    /// the old one. With `expect`, refused if someone else changed it.
    pub(super) fn write_detail_text(
        &mut self,
        target: &editor::Target,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
    ) -> Result<Option<String>, StoreError> {
        let (user, at) = Self::stamp();
        match target {
            editor::Target::IndicatorText {
                plan,
                item,
                index,
                field,
            } => self
                .store
                .set_indicator_text(plan, item, *index, field, lang, value, expect, &user, &at),
            editor::Target::ControlText {
                plan,
                item,
                index,
                field,
            } => self
                .store
                .set_control_text(plan, item, *index, field, lang, value, expect, &user, &at),
            editor::Target::Actions { plan, item, period } => self
                .store
                .set_actions(plan, item, period, lang, value, expect, &user, &at),
            _ => Ok(None),
        }
    }

    /// Writes a figure; returns the old one.
    pub(super) fn write_figure(
        &mut self,
        plan: &str,
        item: &str,
        kind: &editor::FigureKind,
        value: &FigureValue,
        expect: Option<&FigureValue>,
    ) -> Result<FigureValue, StoreError> {
        let (user, at) = Self::stamp();
        match (kind, value) {
            (editor::FigureKind::Value { index, period }, FigureValue::Value(v)) => {
                let expect = match expect {
                    Some(FigureValue::Value(e)) => Some(*e),
                    _ => None,
                };
                self.store
                    .set_indicator_value_checked(plan, item, *index, period, *v, expect, &user, &at)
                    .map(FigureValue::Value)
            }
            (editor::FigureKind::Thresholds { index }, FigureValue::Thresholds(d, g, y)) => {
                let expect = match expect {
                    Some(FigureValue::Thresholds(ed, eg, ey)) => Some((*ed, *eg, *ey)),
                    _ => None,
                };
                self.store
                    .set_thresholds_checked(plan, item, *index, *d, *g, *y, expect, &user, &at)
                    .map(|(d, g, y)| FigureValue::Thresholds(d, g, y))
            }
            (editor::FigureKind::Risk, FigureValue::Risk(p, c)) => {
                let expect = match expect {
                    Some(FigureValue::Risk(ep, ec)) => Some((*ep, *ec)),
                    _ => None,
                };
                self.store
                    .set_risk_checked(plan, item, *p, *c, expect, &user, &at)
                    .map(|(p, c)| FigureValue::Risk(p, c))
            }
            _ => Err(StoreError::UnknownItem {
                plan: plan.to_owned(),
                code: item.to_owned(),
            }),
        }
    }

    /// Writes a plan's own text or a level name (undoable).
    pub(super) fn set_plan_text(
        &mut self,
        plan: &str,
        row: TextRow,
        lang: Lang,
        text: &str,
        expect: Option<Option<&str>>,
    ) -> Result<(), StoreError> {
        let new = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
        let old = self.write_plan_text(plan, row, lang, new.as_deref(), expect)?;
        self.done(UndoStep::PlanText {
            plan: plan.to_owned(),
            row,
            lang,
            old,
            new,
        });
        self.reload_plan(plan)?;
        self.model
            .info(tf(self.model.lang, "msg.saved", &[("item", &plan)]));
        Ok(())
    }

    pub(super) fn write_plan_text(
        &mut self,
        plan: &str,
        row: TextRow,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
    ) -> Result<Option<String>, StoreError> {
        let (user, at) = Self::stamp();
        match row {
            TextRow::Plan(field) => self
                .store
                .set_plan_text_checked(plan, field, lang, value, expect, &user, &at),
            TextRow::Level(depth) => self
                .store
                .set_level_name_checked(plan, depth, lang, value, expect, &user, &at),
            TextRow::PeriodLabel(i) => {
                let code = self
                    .model
                    .plans
                    .iter()
                    .find(|p| p.plan.code == plan)
                    .and_then(|p| p.plan.periods.get(i))
                    .map(|p| p.code.clone())
                    .unwrap_or_default();
                self.store
                    .set_period_label(plan, &code, lang, value, expect, &user, &at)
            }
            TextRow::StatusLabel(st) => self
                .store
                .set_status_label(plan, st, lang, value, expect, &user, &at),
            _ => Ok(None),
        }
    }

    pub(super) fn write(
        &mut self,
        plan: &str,
        item: &str,
        period: Option<String>,
        status: Option<Status>,
        comment: Option<(Lang, String)>,
        expect_comment: Option<Option<String>>,
    ) -> Result<(), StoreError> {
        let at = crate::clock::now_utc();
        let user = crate::clock::os_user();
        let outcome = self.store.set_assessment(&SetAssessment {
            plan,
            item,
            period: period.as_deref(),
            status,
            comment,
            expect_comment,
            user: &user,
            at: &at,
        })?;
        let lang = self.model.lang;
        if let Some(row) = outcome.row.clone() {
            self.model.redo.clear();
            self.model.undo.push(UndoStep::Assessment {
                address: format!("{plan}:{item}"),
                row: Box::new(row),
            });
        }
        self.reload_plan(plan)?;
        let word =
            |s: Status| format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key())));
        let text = if outcome.unchanged {
            t(lang, "msg.unchanged").to_owned()
        } else if outcome.old_status != outcome.new_status {
            tf(
                lang,
                "msg.status_set",
                &[
                    ("item", &format!("{plan}:{item}")),
                    ("old", &word(outcome.old_status)),
                    ("new", &word(outcome.new_status)),
                ],
            )
        } else {
            tf(lang, "msg.saved", &[("item", &format!("{plan}:{item}"))])
        };
        self.model.info(text);
        Ok(())
    }
}
