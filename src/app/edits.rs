//! Writes of texts, statuses and figures through the store, each one transaction and undoable.

use super::*;

/// Who writes, and when.
pub(super) fn stamp() -> (String, String) {
    (crate::clock::os_user(), crate::clock::now_utc())
}

impl Effects<'_> {
    /// Keeps the user's text in the change log and shows theirs.
    pub(super) fn take_theirs(&mut self, c: Conflict) -> Result<Outcome, StoreError> {
        // New items, plans and periods, and figures, are never in conflict.
        let editor::Target::Text(text) = &c.editor.target else {
            return Ok(Outcome::default());
        };
        let (user, at) = stamp();
        self.store
            .log_discarded(text, c.editor.lang, &c.editor.text(), &user, &at)?;
        Ok(Outcome {
            reload: Reload::Plan(text.plan().to_owned()),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            "msg.took_theirs",
            &[("item", &text.address())],
        )))
    }

    /// Saves an editor's text. With `check`, the save is refused if the
    /// stored text is no longer the one the editor started from.
    pub(super) fn save(&mut self, ed: &Editor, check: bool) -> Result<Outcome, StoreError> {
        match &ed.target {
            editor::Target::NewItem {
                plan,
                parent,
                after,
            } => self.add_item(ed, plan, parent.as_deref(), after.as_deref()),
            editor::Target::NewPlan => self.add_plan(ed),
            editor::Target::Text(text) => self.save_text(ed, text, check),
            editor::Target::Figure { plan, item, kind } => {
                self.save_figure(ed, plan, item, kind, check)
            }
            editor::Target::Code { plan, item } => {
                let new = ed.text().trim().to_owned();
                let (user, at) = stamp();
                // A taken or malformed code is an error: the editor stays,
                // with why.
                self.store.set_item_code(plan, item, &new, &user, &at)?;
                // Keep the renamed item selected and open where it was.
                let key = |code: &str| NodeKey {
                    plan: plan.clone(),
                    item: Some(code.to_owned()),
                };
                Ok(Outcome {
                    reload: Reload::Plan(plan.clone()),
                    done: Some(UndoStep::Code {
                        plan: plan.clone(),
                        old: item.clone(),
                        new: new.clone(),
                    }),
                    renamed: Some((key(item), key(&new))),
                    reveal: Some(key(&new)),
                    ..Outcome::default()
                }
                .say(tf(
                    self.model.lang,
                    "msg.code_changed",
                    &[("item", &format!("{plan}:{item}")), ("code", &new)],
                )))
            }
            editor::Target::PlanCode { plan } => self.save_plan_code(ed, plan),
            // Asked about in the model, added by `AddPeriod`.
            editor::Target::NewPeriod { .. } => Ok(Outcome::default()),
            editor::Target::PeriodDate { plan, code, which } => {
                self.save_period_date(ed, plan, code, *which)
            }
            editor::Target::Contact { id } => self.save_contact(ed, id.as_deref()),
        }
    }

    /// Saves a plan's code and years typed as `code; 2026–2029`; what
    /// cannot be read keeps the editor open with how to write it.
    fn save_plan_code(&mut self, ed: &Editor, plan: &str) -> Result<Outcome, StoreError> {
        let lang = self.model.lang;
        let text = ed.text();
        let (code, years) = match text.split_once(';') {
            Some((c, y)) => (c.trim().to_owned(), y.trim().to_owned()),
            None => (text.trim().to_owned(), String::new()),
        };
        let Some(years) = crate::domain::rules::parse_years(&years) else {
            return Ok(Outcome {
                overlay: Some(Overlay::Editor(Box::new(ed.clone()))),
                message: Some(Message::error(t(lang, "input.bad_years").to_owned())),
                ..Outcome::default()
            });
        };
        let (user, at) = stamp();
        let was = self
            .model
            .plans
            .iter()
            .find(|p| p.plan.code == plan)
            .map(|p| (p.plan.code.clone(), p.plan.start_year, p.plan.end_year));
        self.store
            .edit_plan(plan, Some(&code), Some(years), (&user, &at))?;
        let key = NodeKey {
            plan: code.clone(),
            item: None,
        };
        Ok(Outcome {
            reload: Reload::All,
            reveal: Some(key),
            done: was.map(|old| UndoStep::PlanEdit {
                old,
                new: (code.clone(), years.0, years.1),
            }),
            ..Outcome::default()
        }
        .say(tf(
            lang,
            "msg.plan_edited",
            &[
                ("plan", &code),
                ("years", &crate::domain::rules::years_text(years.0, years.1)),
            ],
        )))
    }

    /// Saves a text in the editor's language through the store's one text
    /// write; undoable. One-line texts are saved trimmed; a text of only
    /// spaces clears the language.
    fn save_text(
        &mut self,
        ed: &Editor,
        text: &TextAt,
        check: bool,
    ) -> Result<Outcome, StoreError> {
        let typed = ed.text();
        let new = if text.field().multi_line() {
            Some(typed).filter(|s| !s.trim().is_empty())
        } else {
            Some(typed.trim().to_owned()).filter(|s| !s.is_empty())
        };
        let base = Some(ed.original()).filter(|s| !s.is_empty());
        let (user, at) = stamp();
        let old = self.store.set_text(
            &TextWrite::new(text, ed.lang, new.as_deref(), &user, &at)
                .expecting(check.then_some(base)),
        )?;
        Ok(Outcome {
            reload: Reload::Plan(text.plan().to_owned()),
            done: Some(UndoStep::Text {
                text: text.clone(),
                lang: ed.lang,
                old,
                new,
            }),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            "msg.saved",
            &[("item", &text.address())],
        )))
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
    ) -> Result<Outcome, StoreError> {
        use editor::FigureKind as K;
        if matches!(
            kind,
            K::NewIndicator | K::NewRisk | K::NewControl | K::Note { .. } | K::Series { .. }
        ) {
            return self.add_figure(ed, plan, item, kind);
        }
        let lang = self.model.lang;
        let text = ed.text();
        // What cannot be read as figures stays in the editor, with why.
        let keep = |key: &str, args: &[(&str, &dyn std::fmt::Display)]| {
            Ok(Outcome {
                overlay: Some(Overlay::Editor(Box::new(ed.clone()))),
                message: Some(Message::error(tf(lang, key, args))),
                ..Outcome::default()
            })
        };
        let new = match kind {
            editor::FigureKind::Value { .. } if text.trim().is_empty() => {
                FigureValue::Value(Some(None))
            }
            editor::FigureKind::Value { .. } => match parse_number(&text) {
                Some(v) => FigureValue::Value(Some(Some(v))),
                None => return keep("msg.not_a_number", &[("text", &text.trim())]),
            },
            editor::FigureKind::Thresholds { index } => {
                let direction = self
                    .model
                    .selected_item()
                    .and_then(|(_, it)| it)
                    .and_then(|it| it.indicators.get(*index))
                    .map_or(crate::domain::Direction::Higher, |i| i.direction);
                // A sign in front changes the direction: ≥ higher is better.
                match super::item_figures::parse_thresholds(&text) {
                    Some((d, g, y)) => FigureValue::Thresholds(d.unwrap_or(direction), g, y),
                    None => return keep("msg.two_numbers", &[("example", &"≥ 70 / 29")]),
                }
            }
            editor::FigureKind::Risk => match parse_two(&text) {
                Some((p, c)) if p.fract() == 0.0 && c.fract() == 0.0 && p >= 0.0 && c >= 0.0 => {
                    FigureValue::Risk(p.min(255.0) as u8, c.min(255.0) as u8)
                }
                _ => return keep("msg.two_numbers", &[("example", &"3 × 4")]),
            },
            // Opened as a text editor or saved by `add_figure`.
            K::Control { .. }
            | K::Note { .. }
            | K::NewIndicator
            | K::NewRisk
            | K::NewControl
            | K::Series { .. } => return Ok(Outcome::default()),
        };
        let expect = if check { ed.base_figure.as_ref() } else { None };
        // Refused (yellow on the wrong side, outside 1–4 …): an error, and
        // the figure stays in the editor with the reason; changed by a
        // colleague meanwhile: a conflict, and the app shows both.
        // Thresholds typed with new decimals (`85,0 / 80,0`) change how many
        // the indicator's figures show too: then the item's figures are
        // written as one, and undone as one.
        if let (K::Thresholds { index }, FigureValue::Thresholds(d, g, y), Some(dec)) =
            (kind, &new, typed_decimals(&text))
        {
            let figures = self
                .model
                .selected_item()
                .and_then(|(_, it)| it)
                .map(crate::store::Figures::of);
            if let Some(old) = figures.filter(|f| {
                f.indicators
                    .get(*index)
                    .is_some_and(|i| i.decimals != Some(dec))
            }) {
                if let Some(FigureValue::Thresholds(ed, eg, ey)) = expect {
                    let i = &old.indicators[*index];
                    if (i.direction, i.green, i.yellow) != (*ed, *eg, *ey) {
                        return Err(StoreError::Conflict {
                            theirs: None,
                            by: String::new(),
                            at: String::new(),
                        });
                    }
                }
                let mut next = old.clone();
                let i = &mut next.indicators[*index];
                (i.direction, i.green, i.yellow, i.decimals) = (*d, *g, *y, Some(dec));
                let said = tf(lang, "msg.saved", &[("item", &format!("{plan}:{item}"))]);
                let mut out = self.set_figures(plan, item, old, next, String::new())?;
                out.message = Some(Message::info(said));
                return Ok(out);
            }
        }
        let old = self.write_figure(plan, item, kind, &new, expect)?;
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            done: Some(UndoStep::Figure {
                plan: plan.to_owned(),
                item: item.to_owned(),
                kind: kind.clone(),
                old,
                new,
            }),
            overlay: Some(Overlay::None),
            ..Outcome::default()
        }
        .say(tf(
            lang,
            "msg.saved",
            &[("item", &format!("{plan}:{item}"))],
        )))
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
        let (user, at) = stamp();
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

    /// Records a status for an item in a period (undoable) and says what
    /// changed.
    pub(super) fn set_status(
        &mut self,
        plan: &str,
        item: &str,
        period: &str,
        status: Status,
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        let outcome = self.store.set_assessment(&SetAssessment {
            plan,
            item,
            period: Some(period),
            status: Some(status),
            comment: None,
            expect_comment: None,
            user: &user,
            at: &at,
        })?;
        let lang = self.model.lang;
        let word =
            |s: Status| format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key())));
        let text = if outcome.unchanged {
            t(lang, "msg.unchanged").to_owned()
        } else if outcome.confirmed && outcome.old_status == outcome.new_status {
            tf(
                lang,
                "msg.confirmed",
                &[
                    ("item", &format!("{plan}:{item}")),
                    ("status", &word(outcome.new_status)),
                ],
            )
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
        Ok(Outcome {
            // Unchanged: nothing was written, nothing to read.
            reload: match &outcome.row {
                Some(row) => Reload::FollowUp(Box::new(row.clone())),
                None => Reload::Nothing,
            },
            done: outcome
                .row
                .map(|row| UndoStep::Assessment { row: Box::new(row) }),
            ..Outcome::default()
        }
        .say(text))
    }
}

/// The most decimals a typed figure shows (`85,0 / 80,0`: 1), if any.
pub(super) fn typed_decimals(s: &str) -> Option<u8> {
    s.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .filter_map(|n| n.split_once([',', '.']).map(|(_, f)| f.len() as u8))
        .max()
        .filter(|&d| d > 0)
}
