//! The figures of an item: its indicators' values and thresholds, its risk
//! and its control moments, one to choose for the editor; below them what
//! can be added (an indicator, a risk, a control moment). `a` goes to the
//! first of those, `x` removes the indicator, risk or control moment of the
//! row (asking first, with what goes with it).

use super::*;
use crate::store::Figures;

pub const HINTS: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::Confirm,
    Action::AddChild,
    Action::Delete,
    Action::Cancel,
];

impl Model {
    /// The rows of the figures list of the selected item, in order: for each
    /// indicator its value in the period shown and its thresholds, then the
    /// risk and its control moments, then what can be added.
    pub fn figure_rows(&self) -> Vec<editor::FigureKind> {
        use editor::FigureKind as K;
        let Some((ps, Some(it))) = self.selected_item() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for index in 0..it.indicators.len() {
            if let Some(period) = &ps.period {
                rows.push(K::Value {
                    index,
                    period: period.clone(),
                });
                rows.push(K::Note {
                    index,
                    period: period.clone(),
                });
            }
            rows.push(K::Thresholds { index });
            rows.push(K::Series { index });
        }
        if let Some(r) = &it.risk {
            rows.push(K::Risk);
            rows.extend((0..r.controls.len()).map(|index| K::Control { index }));
        }
        rows.push(K::NewIndicator);
        if it.risk.is_none() {
            rows.push(K::NewRisk);
        } else {
            rows.push(K::NewControl);
        }
        rows
    }

    pub(in crate::app) fn figures_key(
        &mut self,
        action: Option<Action>,
        choice: usize,
    ) -> Option<Command> {
        use editor::FigureKind as K;
        let rows = self.figure_rows();
        let choice = match action {
            Some(Action::Down) => (choice + 1).min(rows.len().saturating_sub(1)),
            Some(Action::Up) => choice.saturating_sub(1),
            Some(Action::Cancel) => return None,
            Some(Action::AddChild) => rows
                .iter()
                .position(|k| matches!(k, K::NewIndicator))
                .unwrap_or(choice),
            Some(Action::Delete) => {
                let kind = rows.get(choice)?.clone();
                self.ask_remove_figure(&kind, choice);
                return None;
            }
            Some(Action::Confirm) => {
                let kind = rows.get(choice)?.clone();
                self.open_figure(kind);
                return None;
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => choice,
        };
        self.overlay = Overlay::Figures { choice };
        None
    }

    /// Opens the editor for a row of the figures list.
    fn open_figure(&mut self, kind: editor::FigureKind) {
        use editor::FigureKind as K;
        let Some((ps, Some(it))) = self.selected_item() else {
            return;
        };
        let lang = self.lang;
        let plan = ps.plan.code.clone();
        let item = it.code.clone();
        let n = |x: f64| crate::i18n::number(lang, x, 4).replace('\u{a0}', "");
        // A control moment's row edits what it checks, as the translation
        // view does.
        if let K::Control { index } = kind {
            let field = crate::domain::Field::ControlWhat(index);
            let current = field
                .of_item(it)
                .and_then(|t| t.get(lang).map(str::to_owned))
                .unwrap_or_default();
            let Some(at) = TextAt::item(&plan, &item, field) else {
                return;
            };
            self.overlay = Overlay::Editor(Box::new(Editor::new(
                editor::Target::Text(at),
                lang,
                &current,
            )));
            return;
        }
        let current = match &kind {
            K::Value { index, period } => it.indicators[*index]
                .value_in(period)
                .map(n)
                .unwrap_or_default(),
            K::Thresholds { index } => {
                let ind = &it.indicators[*index];
                let sign = match ind.direction {
                    crate::domain::Direction::Higher => "≥",
                    crate::domain::Direction::Lower => "≤",
                };
                format!("{sign} {} / {}", n(ind.green), n(ind.yellow))
            }
            K::Risk => it
                .risk
                .as_ref()
                .map(|r| format!("{} × {}", r.probability, r.consequence))
                .unwrap_or_default(),
            K::Note { index, period } => it.indicators[*index]
                .values
                .iter()
                .find(|v| &v.period == period)
                .and_then(|v| v.note.get(lang).map(str::to_owned))
                .unwrap_or_default(),
            K::Series { index } => it.indicators[*index]
                .series
                .as_ref()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            K::Control { .. } | K::NewIndicator | K::NewRisk | K::NewControl => String::new(),
        };
        let base = match &kind {
            K::Value { index, period } => Some(FigureValue::Value(
                it.indicators[*index]
                    .values
                    .iter()
                    .find(|v| &v.period == period)
                    .map(|v| v.value),
            )),
            K::Thresholds { index } => {
                let ind = &it.indicators[*index];
                Some(FigureValue::Thresholds(
                    ind.direction,
                    ind.green,
                    ind.yellow,
                ))
            }
            K::Risk => it
                .risk
                .as_ref()
                .map(|r| FigureValue::Risk(r.probability, r.consequence)),
            _ => None,
        };
        // How to write a new one, under the editor.
        let how = match &kind {
            K::NewIndicator => Some("msg.indicator_form"),
            K::NewRisk => Some("msg.risk_form"),
            K::NewControl => Some("msg.control_hint"),
            K::Series { .. } => Some("msg.series_form"),
            _ => None,
        };
        if let Some(key) = how {
            self.message = Some(Message::info(t(lang, key).to_owned()));
        }
        let target = editor::Target::Figure { plan, item, kind };
        let mut ed = Editor::new(target, lang, &current);
        ed.base_figure = base;
        self.overlay = Overlay::Editor(Box::new(ed));
    }

    /// Asks before removing the indicator, risk or control moment of a row,
    /// saying what goes with it.
    fn ask_remove_figure(&mut self, kind: &editor::FigureKind, choice: usize) {
        use editor::FigureKind as K;
        let Some((ps, Some(it))) = self.selected_item() else {
            return;
        };
        let lang = self.lang;
        let old = Figures::of(it);
        let mut new = old.clone();
        let name = |t: &crate::domain::Text| {
            t.resolve(lang)
                .map(|r| sanitize(r.text, false).into_owned())
                .unwrap_or_default()
        };
        let (text, said) = match kind {
            K::Value { index, .. }
            | K::Note { index, .. }
            | K::Thresholds { index }
            | K::Series { index } => {
                let ind = new.indicators.remove(*index);
                let values = ind.values.iter().filter(|v| v.value.is_some()).count();
                let key = if values == 0 {
                    "ask.remove_indicator_empty"
                } else {
                    "ask.remove_indicator"
                };
                (
                    tf(
                        lang,
                        key,
                        &[
                            ("name", &name(&ind.name)),
                            ("values", &plural(lang, "count.values", values)),
                        ],
                    ),
                    tf(lang, "msg.indicator_removed", &[("name", &name(&ind.name))]),
                )
            }
            K::Risk => {
                let r = new.risk.take();
                let controls = r.as_ref().map_or(0, |r| r.controls.len());
                let key = if controls == 0 {
                    "ask.remove_risk_empty"
                } else {
                    "ask.remove_risk"
                };
                (
                    tf(
                        lang,
                        key,
                        &[("controls", &plural(lang, "count.controls", controls))],
                    ),
                    t(lang, "msg.risk_removed").to_owned(),
                )
            }
            K::Control { index } => {
                let Some(r) = new.risk.as_mut() else {
                    return;
                };
                let c = r.controls.remove(*index);
                (
                    tf(lang, "ask.remove_control", &[("what", &name(&c.what))]),
                    tf(lang, "msg.control_removed", &[("what", &name(&c.what))]),
                )
            }
            // Nothing to remove on the rows that add.
            K::NewIndicator | K::NewRisk | K::NewControl => {
                self.overlay = Overlay::Figures { choice };
                return;
            }
        };
        let [(_, yes), (_, no)] = self.keymap.answers(lang);
        self.overlay = Overlay::Ask(Box::new(Question {
            text: format!("{text} {yes} / {no}"),
            yes: Command::SetFigures {
                plan: ps.plan.code.clone(),
                item: it.code.clone(),
                old: Box::new(old),
                new: Box::new(new),
                said,
            },
            no: None,
        }));
    }
}

/// What a figure is, for the list (`editor` false) or the editor's title.
pub fn figure_title(m: &Model, kind: &crate::app::editor::FigureKind, editor: bool) -> String {
    use crate::app::editor::FigureKind;
    let Some((ps, Some(it))) = m.selected_item() else {
        return String::new();
    };
    let name = |i: usize| {
        it.indicators
            .get(i)
            .and_then(|ind| ind.name.resolve(m.lang))
            .map(|s| sanitize(s.text, false).into_owned())
            .unwrap_or_default()
    };
    match (kind, editor) {
        (FigureKind::Value { index, period }, false) => tf(
            m.lang,
            "figures.value",
            &[
                ("period", &period_label(&ps.plan, period, m.lang)),
                ("name", &name(*index)),
            ],
        ),
        (FigureKind::Value { index, period }, true) => tf(
            m.lang,
            "figures.value_editor",
            &[
                ("period", &period_label(&ps.plan, period, m.lang)),
                ("name", &name(*index)),
            ],
        ),
        (FigureKind::Note { index, period }, false) => tf(
            m.lang,
            "figures.note",
            &[
                ("period", &period_label(&ps.plan, period, m.lang)),
                ("name", &name(*index)),
            ],
        ),
        (FigureKind::Note { index, period }, true) => tf(
            m.lang,
            "figures.note_editor",
            &[
                ("period", &period_label(&ps.plan, period, m.lang)),
                ("name", &name(*index)),
                ("lang", &m.lang.code().to_uppercase()),
            ],
        ),
        (FigureKind::Thresholds { index }, false) => {
            tf(m.lang, "figures.thresholds", &[("name", &name(*index))])
        }
        (FigureKind::Thresholds { index }, true) => tf(
            m.lang,
            "figures.thresholds_editor",
            &[("name", &name(*index))],
        ),
        (FigureKind::Risk, false) => {
            let (p, c) = it
                .risk
                .as_ref()
                .map_or((0, 0), |r| (r.probability, r.consequence));
            tf(
                m.lang,
                "figures.risk",
                &[
                    ("p", &p),
                    ("c", &c),
                    ("score", &(u16::from(p) * u16::from(c))),
                ],
            )
        }
        (FigureKind::Risk, true) => t(m.lang, "figures.risk_editor").to_owned(),
        (FigureKind::Control { index }, _) => {
            let what = it
                .risk
                .as_ref()
                .and_then(|r| r.controls.get(*index))
                .and_then(|c| c.what.resolve(m.lang))
                .map(|s| sanitize(s.text, false).into_owned())
                .unwrap_or_default();
            tf(
                m.lang,
                "figures.control",
                &[("n", &(index + 1)), ("what", &what)],
            )
        }
        (FigureKind::NewIndicator, false) => t(m.lang, "figures.new_indicator").to_owned(),
        (FigureKind::NewIndicator, true) => t(m.lang, "figures.new_indicator_editor").to_owned(),
        (FigureKind::NewRisk, false) => t(m.lang, "figures.new_risk").to_owned(),
        (FigureKind::NewRisk, true) => t(m.lang, "figures.risk_editor").to_owned(),
        (FigureKind::Series { index }, false) => {
            let series = it.indicators.get(*index).and_then(|i| i.series.as_ref());
            match series {
                Some(s) => tf(
                    m.lang,
                    "figures.series",
                    &[
                        ("name", &name(*index)),
                        ("series", &crate::present::item::series_words(s, m.lang)),
                    ],
                ),
                None => tf(m.lang, "figures.series_none", &[("name", &name(*index))]),
            }
        }
        (FigureKind::Series { index }, true) => {
            tf(m.lang, "figures.series_editor", &[("name", &name(*index))])
        }
        (FigureKind::NewControl, false) => t(m.lang, "figures.new_control").to_owned(),
        (FigureKind::NewControl, true) => t(m.lang, "figures.new_control_editor").to_owned(),
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((_, Some(it))) = m.selected_item() else {
        return;
    };
    let rows: Vec<Line<'static>> = m
        .figure_rows()
        .iter()
        .map(|k| Line::from(format!(" {}", figure_title(m, k, false))))
        .collect();
    let title = tf(
        m.lang,
        "figures.title",
        &[("item", &sanitize(&it.code, false))],
    );
    let w = box_width(&rows, &title, area, 2);
    let r = centered(area, w, rows.len() as u16 + 2);
    choose(f, r, title, rows, choice);
}
