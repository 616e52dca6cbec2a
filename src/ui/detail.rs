//! The selected plan or item in full, on the right.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::style;
use crate::app::{period_label, Model, PlanState};
use crate::domain::{risk, Item, Status};
use crate::i18n::{date, date_time, t, tf};
use crate::present::{item_detail, ItemDetail, Shown};

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

/// A text with its fallback mark, dimmed.
fn shown_spans<'a>(m: &Model, s: &Shown, style: ratatui::style::Style) -> Vec<Span<'a>> {
    let mut spans = vec![Span::styled(s.text.clone(), style)];
    if let Some(mark) = s.mark() {
        spans.push(Span::styled(mark, style::dim(m)));
    }
    spans
}

/// `Label: value` over as many lines as the value has paragraphs.
fn paragraphs<'a>(m: &Model, lines: &mut Vec<Line<'a>>, key: &str, value: &Shown) {
    if value.is_empty() {
        return;
    }
    let label = format!("{}: ", t(m.lang, key));
    for (n, para) in value.text.split('\n').enumerate() {
        let mut spans = Vec::new();
        if n == 0 {
            spans.push(Span::styled(label.clone(), style::bold()));
        }
        spans.push(Span::raw(para.to_owned()));
        lines.push(Line::from(spans));
    }
    if let (Some(mark), Some(last)) = (value.mark(), lines.last_mut()) {
        last.spans.push(Span::styled(mark, style::dim(m)));
    }
}

fn item_lines<'a>(m: &Model, ps: &PlanState, it: &Item, _w: usize) -> Vec<Line<'a>> {
    let lang = m.lang;
    // Every follow-up of the item, read for the selected item by the app.
    let history = m
        .history
        .as_ref()
        .filter(|(k, _)| k.plan == ps.plan.code && k.item.as_deref() == Some(&it.code))
        .map(|(_, rows)| rows.as_slice())
        .unwrap_or_default();
    let rolled = |c: &str| ps.rolled.get(c).copied();
    let Some(d) = item_detail(
        &ps.plan,
        &it.code,
        ps.period.as_deref(),
        history,
        &rolled,
        lang,
    ) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    lines.push(Line::from(Span::styled(
        format!("{} {}", d.level, d.code).trim().to_owned(),
        style::dim(m),
    )));
    lines.push(Line::from(shown_spans(m, &d.title, style::bold())));

    if let Some(p) = &d.period {
        lines.push(Line::default());
        let mut period = vec![
            Span::styled(format!("{}: ", t(lang, "label.period")), style::bold()),
            Span::raw(p.label.clone()),
        ];
        if p.closed {
            period.push(Span::styled(
                format!(" · {}", t(lang, "label.period_closed")),
                style::bold(),
            ));
        }
        lines.push(Line::from(period));
        let mut st = vec![
            Span::styled(format!("{}: ", t(lang, "label.status")), style::bold()),
            match &p.carried_from {
                Some(_) => Span::styled(
                    format!(
                        "↻ {} {}",
                        p.own.symbol(),
                        t(lang, &format!("status.{}", p.own.key()))
                    ),
                    style::dim(m),
                ),
                None => status_span(m, p.own),
            },
        ];
        if let Some(words) = &p.own_words {
            st.push(Span::raw(format!(" ({words})")));
        }
        if let Some(r) = p.rollup {
            st.push(Span::raw(format!("   {}: ", t(lang, "label.rollup"))));
            st.push(status_span(m, r));
        }
        lines.push(Line::from(st));
        if let Some(light) = p.indicators_say {
            let st = light.as_status();
            let word = match light {
                crate::domain::Light::NoData => t(lang, "light.no_data"),
                _ => t(lang, &format!("status.{}", st.key())),
            };
            let mut said = vec![
                Span::styled(
                    format!("{}: ", t(lang, "label.indicators_say")),
                    style::bold(),
                ),
                Span::styled(format!("{} {word}", st.symbol()), style::status(m, st)),
            ];
            if p.disagrees {
                said.push(Span::styled(
                    format!(" ⚠ {}", t(lang, "label.disagrees")),
                    style::bold(),
                ));
            }
            lines.push(Line::from(said));
        }
        if let Some(from) = &p.carried_from {
            let keep = m
                .keymap
                .keys_in(
                    crate::keymap::Mode::Browse,
                    lang,
                    crate::keymap::Action::Keep,
                )
                .first()
                .map(|k| k.label())
                .unwrap_or_default();
            lines.push(Line::from(Span::styled(
                tf(lang, "label.carried", &[("period", from), ("keep", &keep)]),
                style::dim(m),
            )));
        }
        if let Some((at, by)) = &p.recorded {
            paragraphs(m, &mut lines, "label.comment", &p.comment);
            paragraphs(m, &mut lines, "label.actions", &p.actions);
            lines.push(Line::from(Span::styled(
                format!(
                    "{}: {} · {by}",
                    t(lang, "label.recorded"),
                    date_time(lang, at)
                ),
                style::dim(m),
            )));
        }
    }

    risk_lines(m, &d, &mut lines);
    indicators(m, &d, &mut lines);
    lines.push(Line::default());
    paragraphs(m, &mut lines, "label.description", &d.description);
    paragraphs(m, &mut lines, "label.owner", &d.owner);
    if let Some(people) = crate::present::item::contacts_line(it, &m.contacts, lang) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t(lang, "label.contacts")), style::bold()),
            Span::raw(people),
        ]));
    }
    paragraphs(m, &mut lines, "label.follow_up", &d.follow_up);

    // History: the current status of every period that has one, newest
    // period first.
    let shown = d.per_period(&ps.plan);
    if !shown.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            t(lang, "label.history").to_owned(),
            style::bold(),
        )));
        for h in shown {
            lines.push(Line::from(vec![
                Span::raw(format!("  {:<12} ", h.label)),
                status_span(m, h.status),
                Span::styled(format!("  {}", date(lang, &h.at)), style::dim(m)),
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

fn indicators<'a>(m: &Model, d: &ItemDetail, lines: &mut Vec<Line<'a>>) {
    if d.indicators.is_empty() {
        return;
    }
    let lang = m.lang;
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        t(lang, "label.indicators").to_owned(),
        style::bold(),
    )));
    for ind in &d.indicators {
        let mut head = vec![Span::raw("  ")];
        head.extend(shown_spans(m, &ind.name, ratatui::style::Style::default()));
        lines.push(Line::from(head));
        let mut rule = ind.rule.clone();
        if !ind.source.is_empty() && ind.attribution.is_none() {
            rule = format!("{rule} · {}: {}", t(lang, "label.source"), ind.source);
        }
        lines.push(Line::from(Span::styled(
            format!("    {rule}"),
            style::dim(m),
        )));
        let series: Vec<Option<f64>> = ind.values.iter().map(|v| v.value).collect();
        let mut spans = vec![Span::raw(format!("    {}  ", sparkline(&series)))];
        for v in &ind.values {
            let status = v.light.as_status();
            let text = format!("{}: {} {} ", v.label, v.text, status.symbol());
            let mut st = style::status(m, status);
            if v.current {
                st = st.add_modifier(ratatui::style::Modifier::BOLD);
            }
            spans.push(Span::styled(text, st));
        }
        lines.push(Line::from(spans));
        // The source's remarks on the values, under them.
        for v in ind.values.iter().filter(|v| !v.note.is_empty()) {
            lines.push(Line::from(Span::styled(
                format!("    {}: {}", v.label, v.note.marked()),
                style::dim(m),
            )));
        }
        // Where the figures came from, and what the source changed since.
        for (periods, origin) in ind.origins() {
            lines.push(Line::from(Span::styled(
                format!("    {periods}: {origin}"),
                style::dim(m),
            )));
        }
        for v in &ind.values {
            if let Some(r) = &v.revised {
                lines.push(Line::from(Span::styled(
                    format!("    {}: {r}", v.label),
                    style::status(m, crate::domain::Status::AtRisk),
                )));
            }
        }
        if let Some(a) = &ind.attribution {
            lines.push(Line::from(Span::styled(format!("    {a}"), style::dim(m))));
        }
    }
}

fn risk_lines<'a>(m: &Model, d: &ItemDetail, lines: &mut Vec<Line<'a>>) {
    let Some(r) = &d.risk else { return };
    let a = r.assessment;
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
                c.what.marked()
            ),
            style::bold(),
        )));
        for (key, v) in &c.fields {
            lines.push(Line::from(format!("    {}: {v}", t(lang, key))));
        }
    }
}

fn plan_lines<'a>(m: &Model, ps: &PlanState) -> Vec<Line<'a>> {
    let lang = m.lang;
    let plan = &ps.plan;
    let mut lines = Vec::new();
    lines.push(Line::from(Span::styled(plan.code.clone(), style::dim(m))));
    lines.push(Line::from(shown_spans(
        m,
        &Shown::line(&plan.title, lang),
        style::bold(),
    )));
    let org = Shown::line(&plan.organisation, lang);
    if !org.is_empty() {
        lines.push(Line::from(org.marked()));
    }
    if let Some(period) = &ps.period {
        let total = ps.total;
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t(lang, "label.period")), style::bold()),
            Span::raw(period_label(plan, period, lang)),
        ]));
        for s in Status::BY_ATTENTION {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(
                    format!(
                        "{} {}",
                        s.symbol(),
                        crate::messages::counted_status(lang, s, total.get(s))
                    ),
                    style::status(m, s),
                ),
            ]));
        }
    }
    lines.push(Line::default());
    paragraphs(
        m,
        &mut lines,
        "label.description",
        &Shown::paragraphs(&plan.description, lang),
    );
    lines
}
