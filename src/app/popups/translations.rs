//! The translation view: one item's (or plan's) texts in fi, sv and en side
//! by side, gaps marked, the selected one in full below.

use super::*;

pub const HINTS: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::PrevLang,
    Action::NextLang,
    Action::Edit,
    Action::Close,
];

impl Model {
    /// The texts the translation view shows: for an item its own fields,
    /// the comment and further actions of the period shown, then the texts
    /// of its indicators and control moments; for a plan its title,
    /// description, organisation, the names of its levels, the labels of
    /// its periods and its wording for the statuses.
    pub fn translation_rows(&self) -> Vec<(Field, crate::domain::Text)> {
        match self.selected_item() {
            Some((ps, Some(it))) => {
                let mut fields = vec![
                    Field::Title,
                    Field::Description,
                    Field::Owner,
                    Field::FollowUp,
                ];
                if let Some(p) = &ps.period {
                    fields.push(Field::Comment { period: p.clone() });
                    fields.push(Field::Actions { period: p.clone() });
                }
                for i in 0..it.indicators.len() {
                    fields.extend([
                        Field::IndicatorName(i),
                        Field::IndicatorDescription(i),
                        Field::IndicatorUnit(i),
                        Field::IndicatorSource(i),
                    ]);
                }
                for i in 0..it.risk.as_ref().map_or(0, |r| r.controls.len()) {
                    fields.extend([
                        Field::ControlWhat(i),
                        Field::ControlHow(i),
                        Field::ControlFrequency(i),
                        Field::ControlPerformer(i),
                        Field::ControlResponsible(i),
                    ]);
                }
                fields
                    .into_iter()
                    .map(|f| {
                        let text = f.of_item(it).cloned().unwrap_or_default();
                        (f, text)
                    })
                    .collect()
            }
            Some((ps, None)) => {
                let plan = &ps.plan;
                let mut fields = vec![
                    Field::PlanTitle,
                    Field::PlanDescription,
                    Field::PlanOrganisation,
                ];
                let depth = plan.walk().iter().map(|(d, _)| d + 1).max().unwrap_or(0);
                let levels = plan.levels.len().max(depth).max(3);
                fields.extend((0..levels).map(Field::Level));
                fields.extend(
                    plan.periods
                        .iter()
                        .map(|p| Field::PeriodLabel(p.code.clone())),
                );
                fields.extend(
                    Status::ALL
                        .into_iter()
                        .filter(|&s| s != Status::NotAssessed)
                        .map(Field::StatusLabel),
                );
                fields
                    .into_iter()
                    .map(|f| {
                        let text = f.of_plan(plan).cloned().unwrap_or_default();
                        (f, text)
                    })
                    .collect()
            }
            None => Vec::new(),
        }
    }
    pub(in crate::app) fn translations_key(
        &mut self,
        action: Option<Action>,
        row: usize,
        col: usize,
    ) -> Option<Command> {
        let rows = self.translation_rows();
        let (mut row, mut col) = (row, col);
        match action {
            Some(Action::Down) => row = (row + 1).min(rows.len().saturating_sub(1)),
            Some(Action::Up) => row = row.saturating_sub(1),
            Some(Action::PrevLang) => col = col.saturating_sub(1),
            Some(Action::NextLang) => col = (col + 1).min(Lang::ALL.len() - 1),
            Some(Action::Close) => return None,
            Some(Action::Edit) => {
                if self.read_only {
                    self.error(t(self.lang, "msg.read_only").to_owned());
                } else if let Some((which, text)) = rows.get(row) {
                    let lang = Lang::ALL[col];
                    let (ps, it) = self.selected_item()?;
                    let plan = ps.plan.code.clone();
                    let item = it.map(|i| i.code.clone());
                    let at = TextAt::new(&plan, item.as_deref(), which.clone())?;
                    let target = editor::Target::Text(at);
                    let current = text.get(lang).unwrap_or("").to_owned();
                    self.translations_return = Some((row, col));
                    self.overlay = Overlay::Editor(Box::new(Editor::new(target, lang, &current)));
                    return None;
                }
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        self.overlay = Overlay::Translations { row, col };
        None
    }
}

/// The name of a row.
fn row_label(m: &Model, row: &Field) -> String {
    crate::messages::field_label(m.lang, row)
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, row: usize, col: usize) {
    let Some((ps, item)) = m.selected_item() else {
        return;
    };
    let code = item.map_or_else(|| ps.plan.code.clone(), |i| i.code.clone());
    let rows = m.translation_rows();
    let w = area.width.saturating_sub(4).min(120);
    // From under the header to above the message line and footer, so that
    // "saved" and the key hints stay in sight.
    let h = area.height.saturating_sub(3);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    };
    let inner = w.saturating_sub(2) as usize;
    let label_w = rows
        .iter()
        .map(|(k, _)| width(&row_label(m, k)))
        .max()
        .unwrap_or(8)
        .min(inner / 4)
        + 1;
    let cell_w = inner.saturating_sub(label_w) / 3;
    let missing = t(m.lang, "translations.missing");
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(
        pad(t(m.lang, "translations.field"), label_w),
        style::bold(),
    )];
    for l in Lang::ALL {
        let name = crate::i18n::t(l, "lang.name");
        head.push(Span::styled(
            pad(&truncate(name, cell_w - 1), cell_w),
            style::bold(),
        ));
    }
    lines.push(Line::from(head));
    for (i, (field, text)) in rows.iter().enumerate() {
        let mut spans = vec![Span::raw(pad(
            &truncate(&row_label(m, field), label_w - 1),
            label_w,
        ))];
        for (j, l) in Lang::ALL.iter().enumerate() {
            let (shown, st) = match text.get(*l) {
                Some(s) => {
                    let first = s.lines().next().unwrap_or_default();
                    (
                        sanitize(first, false).into_owned(),
                        ratatui::style::Style::default(),
                    )
                }
                // A gap only matters where the text exists in some language.
                None if text.is_empty() => (String::new(), style::dim(m)),
                None => (missing.to_owned(), style::error(m)),
            };
            let cell = pad(&truncate(&shown, cell_w.saturating_sub(1)), cell_w);
            let st = if i == row && j == col {
                st.patch(style::selected())
            } else {
                st
            };
            spans.push(Span::styled(cell, st));
        }
        lines.push(Line::from(spans));
    }
    // The selected text in full, in its language.
    lines.push(Line::default());
    if let Some((field, text)) = rows.get(row) {
        let lang = Lang::ALL[col];
        lines.push(Line::from(Span::styled(
            format!(
                "{} · {}",
                row_label(m, field),
                crate::i18n::t(lang, "lang.name")
            ),
            style::bold(),
        )));
        let body = text.get(lang).map(|s| sanitize(s, true).into_owned());
        for l in body.as_deref().unwrap_or(missing).split('\n') {
            lines.push(Line::from(l.to_owned()));
        }
    }
    let title = tf(
        m.lang,
        "translations.title",
        &[("item", &sanitize(&code, false))],
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {title} "), style::bold())),
        ),
        r,
    );
}
