//! `R`: the follow-up round: per plan and top-level item (or owner, or
//! contact person), how
//! many items are assessed in the shown period, carried over and not
//! assessed, and the days left to the deadline; Enter goes to the first
//! item of the row that still needs an assessment.

use super::*;
use crate::present::round::{round, By, Round};

pub const HINTS: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::Filter,
    Action::Confirm,
    Action::Close,
];

/// One row of the round view.
#[derive(Clone, Debug, PartialEq)]
pub enum RoundRow {
    /// A plan's line: its whole round.
    Plan(usize),
    /// What a plan's indicators say (a plan with indicators only).
    Said(usize),
    /// A group of a plan: its index in the plan's round.
    Group(usize, usize),
    /// The heading over the items updated longest ago.
    StaleHead,
    /// One of them: the plan, and its index in the plan's `stale`.
    Stale(usize, usize),
    /// The heading over the values a source revised after reporting.
    RevisedHead,
    /// One of them: the plan, and its index in the plan's `revised`.
    Revised(usize, usize),
}

/// The round view: the rounds worked out when it opened (or was grouped
/// otherwise), not on every frame, and the chosen row.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundView {
    pub by: By,
    pub rounds: Vec<Round>,
    pub rows: Vec<RoundRow>,
    pub choice: usize,
}

/// How many of the items updated longest ago the view lists.
pub(in crate::app) const STALE: usize = 8;

impl Model {
    /// Each plan's round in its shown period, grouped `by`.
    pub fn rounds(&self, by: By) -> Vec<Round> {
        (0..self.plans.len())
            .map(|pi| self.round_of_whole(pi, by))
            .collect()
    }

    pub fn round_rows(rounds: &[Round]) -> Vec<RoundRow> {
        let mut rows = Vec::new();
        for (pi, r) in rounds.iter().enumerate() {
            rows.push(RoundRow::Plan(pi));
            if r.said.total() > 0 {
                rows.push(RoundRow::Said(pi));
            }
            rows.extend((0..r.groups.len()).map(|g| RoundRow::Group(pi, g)));
        }
        // Across the plans: never assessed in the period first, then the
        // oldest assessment.
        let mut stale: Vec<(usize, usize)> = rounds
            .iter()
            .enumerate()
            .filter(|(_, r)| r.period.is_some())
            .flat_map(|(pi, r)| (0..r.stale.len().min(STALE)).map(move |i| (pi, i)))
            .collect();
        stale.sort_by(|a, b| {
            let at = |(p, i): &(usize, usize)| rounds[*p].stale[*i].at.clone();
            match (at(a), at(b)) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, Some(_)) => std::cmp::Ordering::Less,
                (Some(_), None) => std::cmp::Ordering::Greater,
                (Some(x), Some(y)) => x.cmp(&y),
            }
        });
        let revised: Vec<(usize, usize)> = rounds
            .iter()
            .enumerate()
            .flat_map(|(pi, r)| (0..r.revised.len()).map(move |i| (pi, i)))
            .collect();
        if !revised.is_empty() {
            rows.push(RoundRow::RevisedHead);
            rows.extend(revised.into_iter().map(|(p, i)| RoundRow::Revised(p, i)));
        }
        if !stale.is_empty() {
            rows.push(RoundRow::StaleHead);
            rows.extend(
                stale
                    .into_iter()
                    .take(STALE)
                    .map(|(p, i)| RoundRow::Stale(p, i)),
            );
        }
        rows
    }

    pub(in crate::app) fn open_round(&mut self) {
        self.overlay = Overlay::Round(Box::new(self.round_view(By::Item)));
    }

    /// Opens the round view on rounds grouped `by`, worked out by the app
    /// (for plans held in part, from what it read for them).
    pub(in crate::app) fn open_round_of(&mut self, by: By, rounds: Vec<Round>) {
        self.overlay = Overlay::Round(Box::new(RoundView {
            by,
            rows: Model::round_rows(&rounds),
            rounds,
            choice: 0,
        }));
    }

    /// The round of the plan `pi`, held whole, grouped `by`.
    pub(in crate::app) fn round_of_whole(&self, pi: usize, by: By) -> Round {
        let ps = &self.plans[pi];
        round(
            &ps.plan,
            ps.period.as_deref(),
            &crate::clock::today(),
            by,
            &self.contacts,
            self.lang,
        )
    }

    fn round_view(&self, by: By) -> RoundView {
        let rounds = self.rounds(by);
        RoundView {
            by,
            rows: Model::round_rows(&rounds),
            rounds,
            choice: 0,
        }
    }

    pub(in crate::app) fn round_key(
        &mut self,
        action: Option<Action>,
        mut v: Box<RoundView>,
    ) -> Option<Command> {
        let last = v.rows.len().saturating_sub(1);
        let page = self.tree_height();
        match action {
            Some(Action::Down) => v.choice = (v.choice + 1).min(last),
            Some(Action::Up) => v.choice = v.choice.saturating_sub(1),
            Some(Action::PageDown) => v.choice = (v.choice + page).min(last),
            Some(Action::PageUp) => v.choice = v.choice.saturating_sub(page),
            Some(Action::Filter) => {
                let by = match v.by {
                    By::Item => By::Owner,
                    By::Owner => By::Contact,
                    By::Contact => By::Item,
                };
                *v = self.round_view(by);
            }
            Some(Action::Confirm) => {
                if let Some(row) = v.rows.get(v.choice) {
                    self.round_go(&v.rounds, row, v.by);
                }
                return None;
            }
            Some(Action::Close) => return None,
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        self.overlay = Overlay::Round(v);
        None
    }

    /// Enter on a row: the first item of the row that still needs an
    /// assessment (else the top-level item, or the plan); on an owner,
    /// the tree filtered to that owner's items.
    fn round_go(&mut self, rounds: &[Round], row: &RoundRow, by: By) {
        let (pi, group) = match row {
            RoundRow::Plan(pi) | RoundRow::Said(pi) => (*pi, None),
            RoundRow::Group(pi, g) => (*pi, rounds[*pi].groups.get(*g)),
            RoundRow::StaleHead | RoundRow::RevisedHead => return,
            RoundRow::Revised(pi, i) => {
                let code = rounds[*pi].revised[*i].code.clone();
                self.reveal(&NodeKey {
                    plan: rounds[*pi].plan.clone(),
                    item: Some(code),
                });
                return;
            }
            RoundRow::Stale(pi, i) => {
                let code = rounds[*pi].stale[*i].code.clone();
                self.reveal(&NodeKey {
                    plan: rounds[*pi].plan.clone(),
                    item: Some(code),
                });
                return;
            }
        };
        let plan = rounds[pi].plan.clone();
        if let Some(g) = group.filter(|g| !g.key.is_empty()) {
            match by {
                By::Owner => return self.set_filter(Some(TreeFilter::Owner(g.key.clone()))),
                By::Contact => return self.set_filter(Some(TreeFilter::Contact(g.key.clone()))),
                By::Item => {}
            }
        }
        let first = match group {
            Some(g) => g.to_assess.first().cloned().or_else(|| match by {
                By::Item => Some(g.key.clone()),
                By::Owner | By::Contact => None,
            }),
            None => rounds[pi]
                .groups
                .iter()
                .find_map(|g| g.to_assess.first().cloned()),
        };
        self.reveal(&NodeKey { plan, item: first });
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, v: &RoundView) {
    let r = panel(area);
    let inner = r.width.saturating_sub(2) as usize;
    let lang = m.lang;
    let (rounds, rows, by, choice) = (&v.rounds, &v.rows, v.by, v.choice);
    let today = crate::clock::today();
    let nums = |c: &crate::domain::Counts| {
        format!(
            "{:>5}/{:<5}{:>4} %  ↻{:>4}  ·{:>4}",
            c.assessed(),
            c.total(),
            crate::present::round::share(c),
            c.carried,
            c.get(Status::NotAssessed) - c.carried
        )
    };
    let nums_w = width(&nums(&crate::domain::Counts::default()));
    let name_w = inner.saturating_sub(nums_w + 2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for row in rows {
        match row {
            RoundRow::Plan(pi) => {
                let rd = &rounds[*pi];
                let mut head = rd.plan.clone();
                if let Some(p) = &rd.period {
                    head = format!(
                        "{head} · {}",
                        period_label(&m.plans[*pi].plan, &p.code, lang)
                    );
                    if p.is_closed() {
                        head = format!("{head} · {}", t(lang, "label.period_closed"));
                    }
                }
                // The deadline after the period, red with ⚠ when overdue.
                let mut deadline = None;
                if let Some(p) = &rd.period {
                    if let Some((when, left, overdue)) =
                        crate::present::round::deadline_words(p, &today, lang)
                    {
                        deadline = Some(match overdue {
                            true => (
                                format!(" · {when} · ⚠ {left}"),
                                style::status(m, Status::OffTrack),
                            ),
                            false => (format!(" · {when} · {left}"), style::dim(m)),
                        });
                    }
                }
                let head = truncate(&head, name_w).into_owned();
                let mut used = width(&head);
                let mut spans = vec![Span::styled(head, style::bold())];
                if let Some((text, st)) = deadline {
                    let text = truncate(&text, name_w.saturating_sub(used)).into_owned();
                    used += width(&text);
                    spans.push(Span::styled(text, st));
                }
                spans.push(Span::raw(" ".repeat(name_w.saturating_sub(used) + 2)));
                spans.push(Span::styled(nums(&rd.counts), style::bold()));
                lines.push(Line::from(spans));
            }
            RoundRow::Said(pi) => {
                let (parts, disagree) = crate::present::round::said_parts(&rounds[*pi].said, lang);
                let mut spans = vec![Span::styled(
                    format!("  {} ", t(lang, "status.indicators_say")),
                    style::dim(m),
                )];
                for (st, p) in parts {
                    spans.push(Span::styled(format!("{p}  "), style::status(m, st)));
                }
                if let Some(d) = disagree {
                    spans.push(Span::styled(format!("⚠ {d}"), style::bold()));
                }
                lines.push(Line::from(spans));
            }
            RoundRow::StaleHead => {
                lines.push(Line::from(Span::styled(
                    t(lang, "round.stale").to_owned(),
                    style::bold(),
                )));
            }
            RoundRow::RevisedHead => {
                lines.push(Line::from(Span::styled(
                    t(lang, "revised.head").to_owned(),
                    style::bold(),
                )));
            }
            RoundRow::Revised(pi, i) => {
                let rv = &rounds[*pi].revised[*i];
                let name = format!("  ⚠ {}:{} · {}", rounds[*pi].plan, rv.short, rv.indicator);
                lines.push(Line::from(Span::styled(
                    truncate(&name, inner).into_owned(),
                    style::status(m, Status::AtRisk),
                )));
            }
            RoundRow::Stale(pi, i) => {
                let st = &rounds[*pi].stale[*i];
                let when = match &st.at {
                    Some(at) => crate::i18n::date(lang, at),
                    None => t(lang, "round.never").to_owned(),
                };
                let name = format!("  {}:{} {}", rounds[*pi].plan, st.code, st.title);
                let room = inner.saturating_sub(width(&when) + 2);
                lines.push(Line::from(vec![
                    Span::raw(pad(&truncate(&name, room), room)),
                    Span::raw("  "),
                    Span::styled(when, style::dim(m)),
                ]));
            }
            RoundRow::Group(pi, g) => {
                let g = &rounds[*pi].groups[*g];
                let name = match by {
                    By::Item => format!("  {} {}", g.key, g.title),
                    By::Owner if g.key.is_empty() => format!("  {}", t(lang, "round.no_owner")),
                    By::Contact if g.key.is_empty() => {
                        format!("  {}", t(lang, "round.no_contact"))
                    }
                    By::Owner | By::Contact => format!("  {}", g.title),
                };
                let done = g.counts.total() > 0 && g.counts.assessed() == g.counts.total();
                let mut spans = vec![Span::raw(pad(&truncate(&name, name_w), name_w))];
                spans.push(Span::raw("  "));
                let st = if done {
                    style::status(m, Status::OnTrack)
                } else {
                    ratatui::style::Style::default()
                };
                spans.push(Span::styled(nums(&g.counts), st));
                lines.push(Line::from(spans));
            }
        }
    }
    let heading = match by {
        By::Item => "round.by_item",
        By::Owner => "round.by_owner",
        By::Contact => "round.by_contact",
    };
    let title = format!("{} · {}", t(lang, "round.title"), t(lang, heading));
    choose(f, r, title, lines, choice);
}
