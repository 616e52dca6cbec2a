//! `D`: what changed in the selected plan from the period before the shown
//! one to the shown one (as `strata diff` says it): the items whose status
//! or comment changed, with their direction, the indicators that crossed a
//! threshold, the items added, moved or removed, the items not updated.
//! Enter goes to the item.

use super::*;
use crate::present::diff::{CommentChange, Diff, Direction};

pub const HINTS: &[Action] = &[Action::Down, Action::Up, Action::Confirm, Action::Close];

/// The loaded changes and the chosen line.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesView {
    pub plan: String,
    pub diff: Diff,
    pub choice: usize,
}

/// One line of the view, and the item Enter goes to.
fn lines(m: &Model, v: &ChangesView, inner: usize) -> Vec<(Line<'static>, Option<String>)> {
    let lang = m.lang;
    let d = &v.diff;
    let word = |s: Status| format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key())));
    let mut out: Vec<(Line<'static>, Option<String>)> = Vec::new();
    let head = |text: String| (Line::from(Span::styled(text, style::bold())), None);
    out.push(head(format!(
        "↑ {} · ↓ {} · → {} · {}",
        plural(lang, "count.better", d.count(Direction::Better)),
        plural(lang, "count.worse", d.count(Direction::Worse)),
        plural(lang, "count.same", d.count(Direction::Same)),
        plural(lang, "count.not_updated", d.not_updated.len())
    )));
    let changed: Vec<_> = d.items.iter().filter(|c| c.changed()).collect();
    if !changed.is_empty() {
        out.push(head(t(lang, "diff.statuses").to_owned()));
    }
    for c in changed {
        let arrow = match c.direction {
            Direction::Better => Span::styled("↑ ", style::status(m, Status::OnTrack)),
            Direction::Worse => Span::styled("↓ ", style::status(m, Status::OffTrack)),
            x => Span::raw(format!("{} ", x.arrow())),
        };
        let to = if c.carried {
            Span::styled(format!("↻ {}", t(lang, "diff.carried")), style::dim(m))
        } else {
            Span::styled(word(c.to), style::status(m, c.to))
        };
        // The title gives way to the statuses in a narrow window.
        let fixed = 4 + width(&c.code) + 3 + width(&word(c.from)) + 3 + width(&to.content);
        let title = truncate(&c.title, inner.saturating_sub(fixed).max(8)).into_owned();
        let mut spans = vec![
            Span::raw("  "),
            arrow,
            Span::raw(format!("{} {title}  ", c.code)),
            Span::styled(word(c.from), style::status(m, c.from)),
            Span::raw(" → "),
            to,
        ];
        let note = match c.comment {
            CommentChange::New => Some("diff.comment_new"),
            CommentChange::Rewritten => Some("diff.comment_rewritten"),
            _ => None,
        };
        if let Some(n) = note {
            spans.push(Span::styled(format!("  ({})", t(lang, n)), style::dim(m)));
        }
        out.push((Line::from(spans), Some(c.code.clone())));
        for x in &c.crossed {
            let v = |(v, l): (Option<f64>, crate::domain::Light)| {
                let n = v.map_or_else(
                    || t(lang, "light.no_data").to_owned(),
                    |v| crate::i18n::number(lang, v, 2),
                );
                format!("{n} {}", l.as_status().symbol())
            };
            out.push((
                Line::from(Span::styled(
                    format!("      {}: {} → {}", x.name, v(x.from), v(x.to)),
                    style::dim(m),
                )),
                Some(c.code.clone()),
            ));
        }
    }
    if !d.revised.is_empty() {
        out.push(head(t(lang, "revised.head").to_owned()));
        for r in &d.revised {
            out.push((
                Line::from(Span::styled(
                    format!("  ⚠ {} · {}", r.short, r.indicator),
                    style::status(m, Status::AtRisk),
                )),
                Some(r.code.clone()),
            ));
        }
    }
    if !d.structure.is_empty() {
        out.push(head(t(lang, "diff.structure").to_owned()));
        for s in &d.structure {
            let what = tf(
                lang,
                &format!("diff.{}", s.what),
                &[("parent", &s.detail.clone().unwrap_or_else(|| "–".into()))],
            );
            let target = (s.what != "delete").then(|| s.code.clone());
            out.push((
                Line::from(format!(
                    "  {} {what} · {}",
                    s.code,
                    crate::i18n::date(lang, &s.at)
                )),
                target,
            ));
        }
    }
    if !d.not_updated.is_empty() {
        out.push(head(t(lang, "diff.not_updated").to_owned()));
        for (code, title) in &d.not_updated {
            out.push((Line::from(format!("  {code} {title}")), Some(code.clone())));
        }
    }
    out
}

impl Model {
    /// `D`: asks the app for the changes of the selected plan into its
    /// shown period from the period before it.
    pub(in crate::app) fn open_changes(&mut self) -> Option<Command> {
        let (ps, _) = self.selected_item()?;
        let plan = ps.plan.code.clone();
        let Some(to) = ps.period.clone() else {
            self.error(t(self.lang, "msg.no_period").to_owned());
            return None;
        };
        let i = ps.plan.periods.iter().position(|p| p.code == to)?;
        let Some(from) = i.checked_sub(1).map(|j| ps.plan.periods[j].code.clone()) else {
            self.info(tf(self.lang, "msg.no_earlier_period", &[("period", &to)]));
            return None;
        };
        Some(Command::LoadChanges { plan, from, to })
    }

    pub(in crate::app) fn changes_key(
        &mut self,
        action: Option<Action>,
        mut v: Box<ChangesView>,
    ) -> Option<Command> {
        let n = lines(self, &v, usize::MAX).len();
        match action {
            Some(Action::Down) => v.choice = (v.choice + 1).min(n.saturating_sub(1)),
            Some(Action::Up) => v.choice = v.choice.saturating_sub(1),
            Some(Action::PageDown) => v.choice = (v.choice + 10).min(n.saturating_sub(1)),
            Some(Action::PageUp) => v.choice = v.choice.saturating_sub(10),
            Some(Action::Confirm) => {
                if let Some((_, Some(code))) = lines(self, &v, usize::MAX).get(v.choice) {
                    self.reveal(&NodeKey {
                        plan: v.plan.clone(),
                        item: Some(code.clone()),
                    });
                    return None;
                }
            }
            Some(Action::Close) => return None,
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        self.overlay = Overlay::Changes(v);
        None
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, v: &ChangesView) {
    let r = panel(area);
    let plan = m.plans.iter().find(|p| p.plan.code == v.plan);
    let label =
        |code: &str| plan.map_or_else(|| code.to_owned(), |p| period_label(&p.plan, code, m.lang));
    let title = tf(
        m.lang,
        "changes.title",
        &[
            ("plan", &v.plan),
            ("from", &label(&v.diff.from)),
            ("to", &label(&v.diff.to)),
        ],
    );
    let inner = r.width.saturating_sub(2) as usize;
    let rows = lines(m, v, inner).into_iter().map(|(l, _)| l).collect();
    choose(f, r, title, rows, v.choice);
}
