//! The figures of an item: its indicators' values and thresholds and its
//! risk, one to choose for the editor.

use super::*;

pub const HINTS: &[Action] = &[Action::Down, Action::Up, Action::Confirm, Action::Cancel];

impl Model {
    /// The figures of the selected item that can be edited, in order: for
    /// each indicator its value in the period shown and its thresholds, then
    /// the risk.
    pub fn figure_rows(&self) -> Vec<editor::FigureKind> {
        let Some((ps, Some(it))) = self.selected_item() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for index in 0..it.indicators.len() {
            if let Some(period) = &ps.period {
                rows.push(editor::FigureKind::Value {
                    index,
                    period: period.clone(),
                });
            }
            rows.push(editor::FigureKind::Thresholds { index });
        }
        if it.risk.is_some() {
            rows.push(editor::FigureKind::Risk);
        }
        rows
    }
    pub(in crate::app) fn figures_key(
        &mut self,
        action: Option<Action>,
        choice: usize,
    ) -> Option<Command> {
        let rows = self.figure_rows();
        let choice = match action {
            Some(Action::Down) => (choice + 1).min(rows.len().saturating_sub(1)),
            Some(Action::Up) => choice.saturating_sub(1),
            Some(Action::Cancel) => return None,
            Some(Action::Confirm) => {
                let kind = rows.get(choice)?.clone();
                let (ps, it) = self.selected_item()?;
                let it = it?;
                let lang = self.lang;
                let n = |x: f64| crate::i18n::number(lang, x, 4).replace('\u{a0}', "");
                let current = match &kind {
                    editor::FigureKind::Value { index, period } => it.indicators[*index]
                        .value_in(period)
                        .map(n)
                        .unwrap_or_default(),
                    editor::FigureKind::Thresholds { index } => {
                        let ind = &it.indicators[*index];
                        format!("{} / {}", n(ind.green), n(ind.yellow))
                    }
                    editor::FigureKind::Risk => it
                        .risk
                        .as_ref()
                        .map(|r| format!("{} × {}", r.probability, r.consequence))
                        .unwrap_or_default(),
                };
                let base = match &kind {
                    editor::FigureKind::Value { index, period } => FigureValue::Value(
                        it.indicators[*index]
                            .values
                            .iter()
                            .find(|v| &v.period == period)
                            .map(|v| v.value),
                    ),
                    editor::FigureKind::Thresholds { index } => {
                        let ind = &it.indicators[*index];
                        FigureValue::Thresholds(ind.direction, ind.green, ind.yellow)
                    }
                    editor::FigureKind::Risk => {
                        let r = it.risk.as_ref()?;
                        FigureValue::Risk(r.probability, r.consequence)
                    }
                };
                let target = editor::Target::Figure {
                    plan: ps.plan.code.clone(),
                    item: it.code.clone(),
                    kind,
                };
                let mut ed = Editor::new(target, lang, &current);
                ed.base_figure = Some(base);
                self.overlay = Overlay::Editor(Box::new(ed));
                return None;
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => choice,
        };
        self.overlay = Overlay::Figures { choice };
        None
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
        (FigureKind::Thresholds { index }, false) => {
            tf(m.lang, "figures.thresholds", &[("name", &name(*index))])
        }
        (FigureKind::Thresholds { index }, true) => tf(
            m.lang,
            "figures.thresholds_editor",
            &[("name", &name(*index))],
        ),
        (FigureKind::Risk, false) => t(m.lang, "figures.risk").to_owned(),
        (FigureKind::Risk, true) => t(m.lang, "figures.risk_editor").to_owned(),
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
