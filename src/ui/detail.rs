//! The selected plan or item in full, on the right.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::style;
use crate::app::{period_label, Model, PlanState};
use crate::display::sanitize;
use crate::domain::{counts_under, risk, Counts, Item, Status, Text};
use crate::i18n::{date, date_time, number, t, tf};

pub fn draw(f: &mut Frame, m: &Model, area: Rect) {
    let Some((ps, item)) = m.selected_item() else {
        return;
    };
    let lines = match item {
        Some(it) => item_lines(m, ps, it, area.width as usize),
        None => plan_lines(m, ps),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((m.detail_scroll as u16, 0)),
        area,
    );
}

fn shown(m: &Model, t: &Text) -> (String, Option<String>) {
    match t.resolve(m.lang) {
        None => (String::new(), None),
        Some(s) => (
            sanitize(s.text, true).into_owned(),
            s.fallback.then(|| format!(" [{}]", s.lang.code())),
        ),
    }
}

/// `Label: value`, the value with its fallback mark, as lines (a value may
/// have several paragraphs).
fn field<'a>(m: &Model, lines: &mut Vec<Line<'a>>, key: &str, value: &Text) {
    let (text, mark) = shown(m, value);
    if text.is_empty() {
        return;
    }
    let label = format!("{}: ", t(m.lang, key));
    for (n, para) in text.split('\n').enumerate() {
        let mut spans = Vec::new();
        if n == 0 {
            spans.push(Span::styled(label.clone(), style::bold()));
        }
        spans.push(Span::raw(para.to_owned()));
        lines.push(Line::from(spans));
    }
    if let (Some(mark), Some(last)) = (mark, lines.last_mut()) {
        last.spans.push(Span::styled(mark, style::dim(m)));
    }
}

fn status_span<'a>(m: &Model, s: Status) -> Span<'a> {
    Span::styled(
        format!(
            "{} {}",
            s.symbol(),
            t(m.lang, &format!("status.{}", s.key()))
        ),
        style::status(m, s),
    )
}

fn level_name(ps: &PlanState, it: &Item, m: &Model) -> String {
    if !it.level.is_empty() {
        return shown(m, &it.level).0;
    }
    let depth = ps.plan.find(&it.code).map_or(0, |(_, a)| a.len());
    ps.plan
        .level_name(depth)
        .map(|l| shown(m, l).0)
        .unwrap_or_default()
}

fn item_lines<'a>(m: &Model, ps: &PlanState, it: &Item, w: usize) -> Vec<Line<'a>> {
    let lang = m.lang;
    let mut lines = Vec::new();
    let level = level_name(ps, it, m);
    lines.push(Line::from(Span::styled(
        format!("{level} {}", it.code).trim().to_owned(),
        style::dim(m),
    )));
    let (title, mark) = shown(m, &it.title);
    let mut head = vec![Span::styled(title, style::bold())];
    if let Some(mark) = mark {
        head.push(Span::styled(mark, style::dim(m)));
    }
    lines.push(Line::from(head));

    if let Some(period) = &ps.period {
        let r = ps.rolled.get(&it.code).copied();
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t(lang, "label.period")), style::bold()),
            Span::raw(period_label(&ps.plan, period, lang)),
        ]));
        let own = r.map_or(Status::NotAssessed, |r| r.own);
        let mut st = vec![
            Span::styled(format!("{}: ", t(lang, "label.status")), style::bold()),
            status_span(m, own),
        ];
        if let Some(words) = ps.plan.status_labels.get(&own) {
            st.push(Span::raw(format!(" ({})", shown(m, words).0)));
        }
        if let Some(r) = r.filter(|_| !it.children.is_empty()) {
            st.push(Span::raw(format!("   {}: ", t(lang, "label.rollup"))));
            st.push(status_span(m, r.rollup));
        }
        lines.push(Line::from(st));
        if let Some(a) = it.current(period) {
            field(m, &mut lines, "label.comment", &a.comment);
            field(m, &mut lines, "label.actions", &a.actions);
            lines.push(Line::from(Span::styled(
                format!(
                    "{}: {} · {}",
                    t(lang, "label.recorded"),
                    date_time(lang, &a.at),
                    sanitize(&a.by, false)
                ),
                style::dim(m),
            )));
        }
    }

    risk_lines(m, it, &mut lines);
    indicators(m, ps, it, w, &mut lines);
    lines.push(Line::default());
    field(m, &mut lines, "label.description", &it.description);
    field(m, &mut lines, "label.owner", &it.owner);
    field(m, &mut lines, "label.follow_up", &it.follow_up);

    // History: the current status of every period that has one, newest
    // period first (read for the selected item by the app).
    let history = m
        .history
        .as_ref()
        .filter(|(k, _)| k.plan == ps.plan.code && k.item.as_deref() == Some(&it.code))
        .map(|(_, rows)| rows.as_slice())
        .unwrap_or_default();
    let current = |period: &str| history.iter().rev().find(|a| a.period == period);
    let shown: Vec<_> = ps
        .plan
        .periods
        .iter()
        .rev()
        .filter_map(|p| current(&p.code).map(|a| (p, a)))
        .collect();
    if !shown.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            t(lang, "label.history").to_owned(),
            style::bold(),
        )));
        for (p, a) in shown {
            lines.push(Line::from(vec![
                Span::raw(format!("  {:<12} ", period_label(&ps.plan, &p.code, lang))),
                status_span(m, a.status),
                Span::styled(format!("  {}", date(lang, &a.at)), style::dim(m)),
            ]));
        }
    }

    lines
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A small chart of values over time: one bar per period, `·` for no value.
pub fn sparkline(values: &[Option<f64>]) -> String {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let (lo, hi) = present
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    values
        .iter()
        .map(|v| match v {
            None => '·',
            Some(v) if hi > lo => {
                let i = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                BARS[i.min(7)]
            }
            Some(_) => BARS[3],
        })
        .collect()
}

fn indicators<'a>(m: &Model, ps: &PlanState, it: &Item, _w: usize, lines: &mut Vec<Line<'a>>) {
    if it.indicators.is_empty() {
        return;
    }
    let lang = m.lang;
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        t(lang, "label.indicators").to_owned(),
        style::bold(),
    )));
    for ind in &it.indicators {
        let th = ind.thresholds();
        let (name, mark) = shown(m, &ind.name);
        let mut head = vec![Span::raw(format!("  {name}"))];
        if let Some(mark) = mark {
            head.push(Span::styled(mark, style::dim(m)));
        }
        lines.push(Line::from(head));
        let unit = shown(m, &ind.unit).0;
        let n = |x: f64| {
            let v = number(lang, x, 2);
            if unit.is_empty() {
                v
            } else {
                format!("{v} {unit}")
            }
        };
        let key = match ind.direction {
            crate::domain::Direction::Higher => "indicator.rule_higher",
            crate::domain::Direction::Lower => "indicator.rule_lower",
        };
        let mut rule = tf(
            lang,
            key,
            &[("green", &n(ind.green)), ("yellow", &n(ind.yellow))],
        );
        let src = shown(m, &ind.source).0;
        if !src.is_empty() {
            rule = format!("{rule} · {}: {src}", t(lang, "label.source"));
        }
        lines.push(Line::from(Span::styled(
            format!("    {rule}"),
            style::dim(m),
        )));
        let series: Vec<Option<f64>> = ps
            .plan
            .periods
            .iter()
            .filter(|p| ind.values.iter().any(|v| v.period == p.code))
            .map(|p| ind.value_in(&p.code))
            .collect();
        let mut spans = vec![Span::raw(format!("    {}  ", sparkline(&series)))];
        for p in &ps.plan.periods {
            let Some(v) = ind.values.iter().find(|v| v.period == p.code) else {
                continue;
            };
            let light = th.light(v.value);
            let value = v
                .value
                .map_or_else(|| t(lang, "indicator.no_value").to_owned(), n);
            let current = ps.period.as_deref() == Some(p.code.as_str());
            let label = period_label(&ps.plan, &p.code, lang);
            let text = format!("{label}: {value} {} ", light.as_status().symbol());
            let mut st = style::status(m, light.as_status());
            if current {
                st = st.add_modifier(ratatui::style::Modifier::BOLD);
            }
            spans.push(Span::styled(text, st));
        }
        lines.push(Line::from(spans));
    }
}

fn risk_lines<'a>(m: &Model, it: &Item, lines: &mut Vec<Line<'a>>) {
    let Some(r) = &it.risk else { return };
    let Some(a) = risk::Assessment::new(r.probability, r.consequence) else {
        return;
    };
    let lang = m.lang;
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        t(lang, "label.risk").to_owned(),
        style::bold(),
    )));
    lines.push(Line::from(format!(
        "  {}",
        tf(
            lang,
            "risk.product",
            &[
                ("p", &a.probability),
                ("c", &a.consequence),
                ("score", &a.score())
            ],
        )
    )));
    lines.push(Line::from(format!(
        "  {}: {}",
        t(lang, "label.band"),
        t(lang, &format!("band.{}", a.band().key()))
    )));
    lines.push(Line::from(Span::styled(
        format!(
            "  {}  {}",
            t(lang, "risk.probability"),
            t(lang, "risk.consequence")
        ),
        style::dim(m),
    )));
    for p in (1..=4u8).rev() {
        let mut spans = vec![Span::raw(format!("  {p}  "))];
        for c in 1..=4u8 {
            let score = p * c;
            let band_status = match risk::Band::of_score(score) {
                risk::Band::NoAction => Status::OnTrack,
                risk::Band::Watch => Status::Done,
                risk::Band::ControlPlan => Status::AtRisk,
                risk::Band::PlanAndAction => Status::OffTrack,
            };
            let here = p == a.probability && c == a.consequence;
            let text = if here {
                format!("[{score:>2}]")
            } else {
                format!(" {score:>2} ")
            };
            let mut st = style::status(m, band_status);
            if here {
                st = st.add_modifier(ratatui::style::Modifier::REVERSED);
            }
            spans.push(Span::styled(text, st));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        "      1   2   3   4",
        style::dim(m),
    )));
    for (i, c) in r.controls.iter().enumerate() {
        lines.push(Line::from(Span::styled(
            format!(
                "  {} {}",
                tf(lang, "risk.control_n", &[("n", &(i + 1))]),
                shown(m, &c.what).0
            ),
            style::bold(),
        )));
        for (key, v) in [
            ("label.how", &c.how),
            ("label.frequency", &c.frequency),
            ("label.performer", &c.performer),
            ("label.responsible", &c.responsible),
        ] {
            let v = shown(m, v).0;
            if !v.is_empty() {
                lines.push(Line::from(format!("    {}: {v}", t(lang, key))));
            }
        }
    }
}

fn plan_lines<'a>(m: &Model, ps: &PlanState) -> Vec<Line<'a>> {
    let lang = m.lang;
    let plan = &ps.plan;
    let mut lines = Vec::new();
    lines.push(Line::from(Span::styled(plan.code.clone(), style::dim(m))));
    let (title, mark) = shown(m, &plan.title);
    let mut head = vec![Span::styled(title, style::bold())];
    if let Some(mark) = mark {
        head.push(Span::styled(mark, style::dim(m)));
    }
    lines.push(Line::from(head));
    let org = shown(m, &plan.organisation).0;
    if !org.is_empty() {
        lines.push(Line::from(org));
    }
    if let Some(period) = &ps.period {
        let mut total = Counts::default();
        for it in &plan.items {
            total.merge(&counts_under(it, period));
        }
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t(lang, "label.period")), style::bold()),
            Span::raw(period_label(plan, period, lang)),
        ]));
        for s in Status::BY_ATTENTION {
            lines.push(Line::from(vec![
                Span::raw(format!("  {:>5}  ", total.get(s))),
                status_span(m, s),
            ]));
        }
    }
    lines.push(Line::default());
    field(m, &mut lines, "label.description", &plan.description);
    lines
}
