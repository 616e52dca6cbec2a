//! `P`: the selected plan's follow-up periods with their dates, deadline
//! and state; Enter shows one in the tree; a adds one, e renames it, d / b /
//! f change its deadline, first and last day, c closes or reopens it, x
//! removes it (asking first, saying what goes with it).

use super::*;
use crate::app::periods::DateField;

pub const HINTS: &[Action] = &[
    Action::Confirm,
    Action::AddPeriod,
    Action::Edit,
    Action::Deadline,
    Action::ClosePeriod,
    Action::Delete,
    Action::Close,
];

impl Model {
    pub(in crate::app) fn open_periods(&mut self) {
        let Some((ps, _)) = self.selected_item() else {
            return;
        };
        let choice = ps
            .period
            .as_deref()
            .and_then(|c| ps.plan.periods.iter().position(|p| p.code == c))
            .unwrap_or(0);
        self.overlay = Overlay::Periods { choice };
    }

    pub(in crate::app) fn periods_key(
        &mut self,
        action: Option<Action>,
        choice: usize,
    ) -> Option<Command> {
        let (ps, _) = self.selected_item()?;
        let plan = ps.plan.code.clone();
        let periods = ps.plan.periods.clone();
        let last = periods.len().saturating_sub(1);
        let period = periods.get(choice).cloned();
        let stay = |m: &mut Model, choice| m.overlay = Overlay::Periods { choice };
        // Every change needs a file that may be written.
        let writes = matches!(
            action,
            Some(
                Action::AddPeriod
                    | Action::Edit
                    | Action::Deadline
                    | Action::StartDate
                    | Action::EndDate
                    | Action::ClosePeriod
                    | Action::Delete
            )
        );
        if writes && self.read_only {
            self.error(t(self.lang, "msg.read_only").to_owned());
            stay(self, choice);
            return None;
        }
        match action {
            Some(Action::Down) => stay(self, (choice + 1).min(last)),
            Some(Action::Up) => stay(self, choice.saturating_sub(1)),
            Some(Action::Confirm) => {
                return period.map(|p| Command::ShowPeriod {
                    plan,
                    period: p.code,
                })
            }
            Some(Action::AddPeriod) => {
                let target = editor::Target::NewPeriod { plan };
                self.overlay = Overlay::Editor(Box::new(Editor::new(target, self.lang, "")));
            }
            Some(Action::Edit) => {
                let p = period?;
                let field = Field::PeriodLabel(p.code.clone());
                let at = TextAt::plan_text(&plan, field)?;
                let current = p.label.get(self.lang).unwrap_or("").to_owned();
                self.overlay = Overlay::Editor(Box::new(Editor::new(
                    editor::Target::Text(at),
                    self.lang,
                    &current,
                )));
            }
            Some(a @ (Action::Deadline | Action::StartDate | Action::EndDate)) => {
                let p = period?;
                let which = match a {
                    Action::Deadline => DateField::Deadline,
                    Action::StartDate => DateField::Start,
                    _ => DateField::End,
                };
                let current = which.of(&p).unwrap_or("").to_owned();
                let target = editor::Target::PeriodDate {
                    plan,
                    code: p.code,
                    which,
                };
                self.overlay = Overlay::Editor(Box::new(Editor::new(target, self.lang, &current)));
            }
            Some(Action::ClosePeriod) => {
                let p = period?;
                if p.is_closed() {
                    return Some(Command::ClosePeriod {
                        plan,
                        code: p.code,
                        close: false,
                    });
                }
                let [(_, yes), (_, no)] = self.keymap.answers(self.lang);
                self.overlay = Overlay::Ask(Box::new(Question {
                    text: tf(
                        self.lang,
                        "ask.close_period",
                        &[
                            ("plan", &plan),
                            ("period", &p.code),
                            ("yes", &yes),
                            ("no", &no),
                        ],
                    ),
                    yes: Command::ClosePeriod {
                        plan,
                        code: p.code,
                        close: true,
                    },
                    no: None,
                }));
            }
            Some(Action::Delete) => {
                let p = period?;
                if p.is_closed() {
                    self.error(tf(
                        self.lang,
                        "err.period_closed",
                        &[("plan", &plan), ("period", &p.code)],
                    ));
                    stay(self, choice);
                    return None;
                }
                return Some(Command::AskRemovePeriod { plan, code: p.code });
            }
            Some(Action::Quit) => return self.quit_now(),
            Some(Action::Close) => {}
            _ => stay(self, choice),
        }
        None
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((ps, _)) = m.selected_item() else {
        return;
    };
    let lang = m.lang;
    let today = crate::clock::today();
    let cw = ps
        .plan
        .periods
        .iter()
        .map(|p| width(&p.code))
        .max()
        .unwrap_or(4);
    let lw = ps
        .plan
        .periods
        .iter()
        .map(|p| width(&period_label(&ps.plan, &p.code, lang)))
        .max()
        .unwrap_or(4)
        .min(20);
    let rows: Vec<Line<'static>> = ps
        .plan
        .periods
        .iter()
        .map(|p| {
            let shown = ps.period.as_deref() == Some(p.code.as_str());
            let mut spans = vec![Span::raw(format!(
                " {} {}  {}",
                if shown { "•" } else { " " },
                pad(&p.code, cw),
                pad(&truncate(&period_label(&ps.plan, &p.code, lang), lw), lw)
            ))];
            let dates = match (&p.start, &p.end) {
                (Some(a), Some(b)) => format!(
                    "  {} – {}",
                    crate::i18n::date(lang, a),
                    crate::i18n::date(lang, b)
                ),
                (Some(a), None) => format!("  {} –", crate::i18n::date(lang, a)),
                (None, Some(b)) => format!("  – {}", crate::i18n::date(lang, b)),
                (None, None) => String::new(),
            };
            spans.push(Span::styled(dates, style::dim(m)));
            if let Some((when, left, overdue)) =
                crate::present::round::deadline_words(p, &today, lang)
            {
                let st = if overdue && !p.is_closed() {
                    style::status(m, Status::OffTrack)
                } else {
                    ratatui::style::Style::default()
                };
                let left = if p.is_closed() {
                    String::new()
                } else if overdue {
                    format!(" · ⚠ {left}")
                } else {
                    format!(" · {left}")
                };
                spans.push(Span::styled(format!("  {when}{left}"), st));
            }
            if p.is_closed() {
                spans.push(Span::styled(
                    format!("  · {}", t(lang, "label.period_closed")),
                    style::bold(),
                ));
            }
            Line::from(spans)
        })
        .collect();
    let title = tf(lang, "periods.title", &[("plan", &ps.plan.code)]);
    if rows.is_empty() {
        let r = centered(area, (width(&title) as u16 + 8).max(40), 3);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(t(lang, "msg.no_period")).block(boxed(title)),
            r,
        );
        return;
    }
    let w = box_width(&rows, &title, area, 4);
    let h = (rows.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = centered(area, w, h);
    choose(f, r, title, rows, choice);
}
