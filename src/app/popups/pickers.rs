//! The status and period pickers: a short list, Enter picks, the status
//! picker's digits pick directly.

use super::*;

pub const HINTS: &[Action] = &[Action::Down, Action::Up, Action::Confirm, Action::Cancel];

impl Model {
    pub(in crate::app) fn picker(&mut self, action: Option<Action>) -> Option<Command> {
        let (len, choice) = match &self.overlay {
            Overlay::StatusPicker { choice } => (Status::ALL.len(), *choice),
            Overlay::PeriodPicker { choice } => (
                self.selected_item()
                    .map_or(0, |(ps, _)| ps.plan.periods.len()),
                *choice,
            ),
            _ => return None,
        };
        let is_status = matches!(self.overlay, Overlay::StatusPicker { .. });
        if let Some(i) = Action::PICKS.iter().position(|&p| Some(p) == action) {
            if is_status {
                self.overlay = Overlay::None;
                return self.set_status(Status::ALL[i]);
            }
            return None;
        }
        let new_choice = match action {
            Some(Action::Down) => (choice + 1).min(len.saturating_sub(1)),
            Some(Action::Up) => choice.saturating_sub(1),
            Some(Action::Cancel) => {
                self.overlay = Overlay::None;
                return None;
            }
            Some(Action::Confirm) => {
                self.overlay = Overlay::None;
                if is_status {
                    return self.set_status(Status::ALL[choice]);
                }
                return self.choose_period(choice);
            }
            _ => return None,
        };
        match &mut self.overlay {
            Overlay::StatusPicker { choice } | Overlay::PeriodPicker { choice } => {
                *choice = new_choice
            }
            _ => {}
        }
        None
    }
    /// The write of a status picked for the selected item in the period
    /// shown.
    pub(in crate::app) fn set_status(&self, status: Status) -> Option<Command> {
        let (ps, item) = self.selected_item()?;
        Some(Command::SetStatus {
            plan: ps.plan.code.clone(),
            item: item?.code.clone(),
            period: ps.period.clone()?,
            status,
        })
    }
    pub(in crate::app) fn choose_period(&mut self, choice: usize) -> Option<Command> {
        let (ps, _) = self.selected_item()?;
        let period = ps.plan.periods.get(choice)?.code.clone();
        Some(Command::ShowPeriod {
            plan: ps.plan.code.clone(),
            period,
        })
    }
}

pub(super) fn draw_status(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((ps, Some(item))) = m.selected_item() else {
        return;
    };
    let period = ps
        .period
        .as_deref()
        .map(|p| period_label(&ps.plan, p, m.lang))
        .unwrap_or_default();
    let rows: Vec<Line<'static>> = Status::ALL
        .iter()
        .map(|s| {
            let mut text = format!(
                " {}  {} {}",
                s.digit(),
                s.symbol(),
                t(m.lang, &format!("status.{}", s.key()))
            );
            if let Some(own) = ps.plan.status_labels.get(s).and_then(|l| l.resolve(m.lang)) {
                text.push_str(&format!(" ({})", sanitize(own.text, false)));
            }
            Line::from(Span::styled(text, style::status(m, *s)))
        })
        .collect();
    let title = tf(
        m.lang,
        "picker.status",
        &[("item", &item.code), ("period", &period)],
    );
    let w = box_width(&rows, &title, area, 4);
    let r = centered(area, w, rows.len() as u16 + 2);
    choose(f, r, title, rows, choice);
}

pub(super) fn draw_period(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((ps, _)) = m.selected_item() else {
        return;
    };
    let rows: Vec<Line<'static>> = ps
        .plan
        .periods
        .iter()
        .map(|p| {
            let current = ps.period.as_deref() == Some(p.code.as_str());
            Line::from(format!(
                " {} {}",
                if current { "•" } else { " " },
                period_label(&ps.plan, &p.code, m.lang)
            ))
        })
        .collect();
    let title = t(m.lang, "picker.period").to_owned();
    let w = box_width(&rows, &title, area, 4);
    let r = centered(area, w, rows.len() as u16 + 2);
    choose(f, r, title, rows, choice);
}
