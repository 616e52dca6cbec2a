//! `strata show PLAN:CODE`: one item in full.

use super::{parse_address, CliError, Ctx, Out};
use crate::display::{pad, width, wrap};
use crate::domain::{risk, Item, Plan, Status};
use crate::i18n::{date, date_time, number, t, tf};
use crate::store::StoreError;

pub fn run(ctx: &Ctx, address: &str, period: Option<&str>) -> Result<(), CliError> {
    let (plan_code, item_code) = parse_address(address)?;
    let store = ctx.open()?;
    let plan = store.load_plan(plan_code)?;
    if let Some(p) = period {
        if plan.period(p).is_none() {
            return Err(StoreError::UnknownPeriod {
                plan: plan.code.clone(),
                code: p.to_owned(),
            }
            .into());
        }
    }
    let text =
        render(&plan, item_code, period, ctx.out).ok_or_else(|| StoreError::UnknownItem {
            plan: plan.code.clone(),
            code: item_code.to_owned(),
        })?;
    print!("{text}");
    Ok(())
}

/// The labels of the fields of an item, for lining up their values.
const FIELD_LABELS: [&str; 10] = [
    "label.level",
    "label.description",
    "label.owner",
    "label.follow_up",
    "label.period",
    "label.status",
    "label.rollup",
    "label.comment",
    "label.actions",
    "label.recorded",
];

/// The item as text, or `None` if the plan has no such item.
pub fn render(plan: &Plan, code: &str, period: Option<&str>, out: Out) -> Option<String> {
    let (item, ancestors) = plan.find(code)?;
    let lang = out.lang;
    let today = crate::clock::today();
    let period = period
        .map(str::to_owned)
        .or_else(|| plan.default_period(&today).map(|p| p.code.clone()));
    let mut s = String::new();
    let depth = ancestors.len();
    let level = if item.level.is_empty() {
        plan.level_name(depth)
            .map(|l| out.text(l))
            .unwrap_or_default()
    } else {
        out.text(&item.level)
    };
    s.push_str(&out.bold(&out.fit(
        &format!("{}:{}  {}", plan.code, item.code, out.text(&item.title)),
        0,
    )));
    s.push('\n');
    let mut trail: Vec<String> = vec![out.text(&plan.title)];
    trail.extend(
        ancestors
            .iter()
            .map(|a| format!("{} {}", a.code, out.text(&a.title))),
    );
    s.push_str(&format!("  {}\n", out.fit(&trail.join(" › "), 2)));

    let body = out.width.saturating_sub(4).max(20);
    // Values line up after the longest label, when the width allows.
    let lw = FIELD_LABELS
        .iter()
        .map(|k| width(t(lang, k)) + 2)
        .max()
        .unwrap_or(16);
    let lw = if out.width >= lw + 30 { lw } else { 0 };
    let mut field = |key: &str, value: String| {
        if value.is_empty() {
            return;
        }
        let label = format!("{}: ", t(lang, key));
        let head_w = lw.max(width(&label));
        let lines = wrap(&value, out.width.saturating_sub(head_w + 2).max(20));
        for (n, l) in lines.iter().enumerate() {
            let head = if n == 0 {
                pad(&label, head_w)
            } else {
                " ".repeat(head_w)
            };
            s.push_str(&format!("  {head}{l}\n"));
        }
    };
    field("label.level", level);
    field("label.description", out.text_nl(&item.description, true));
    field("label.owner", out.text_nl(&item.owner, true));
    field("label.follow_up", out.text_nl(&item.follow_up, true));

    let rolled = period.as_deref().map(|p| plan.rolled(p));
    if let (Some(p), Some(r)) = (&period, &rolled) {
        let r = r[item.code.as_str()];
        let label = period_label(plan, p, out);
        field("label.period", label);
        let mut st = out.status(r.own);
        if let Some(own_words) = plan.status_labels.get(&r.own) {
            st.push_str(&format!(" ({})", out.text(own_words)));
        }
        field("label.status", st);
        if !item.children.is_empty() {
            field("label.rollup", out.status(r.rollup));
        }
        if let Some(a) = item.current(p) {
            field("label.comment", out.text_nl(&a.comment, true));
            field("label.actions", out.text_nl(&a.actions, true));
            field(
                "label.recorded",
                format!(
                    "{} · {}",
                    date_time(lang, &a.at),
                    crate::cli::out::safe(&a.by)
                ),
            );
        }
    }

    history(&mut s, plan, item, out);
    indicators(&mut s, plan, item, period.as_deref(), out, body);
    risk_block(&mut s, item, out);
    if !item.children.is_empty() {
        s.push_str(&format!("\n  {}\n", t(lang, "label.children")));
        for ch in &item.children {
            let st = rolled
                .as_ref()
                .map_or(Status::NotAssessed, |r| r[ch.code.as_str()].effective);
            s.push_str(&format!(
                "    {} {}\n",
                out.symbol(st),
                out.fit(&format!("{}  {}", ch.code, out.text(&ch.title)), 6)
            ));
        }
    }
    Some(crate::cli::out::fit_block(&s, out.width))
}

fn period_label(plan: &Plan, code: &str, out: Out) -> String {
    plan.period(code)
        .map(|p| {
            let l = out.text(&p.label);
            if l.is_empty() {
                p.code.clone()
            } else {
                l
            }
        })
        .unwrap_or_else(|| code.to_owned())
}

fn history(s: &mut String, plan: &Plan, item: &Item, out: Out) {
    // The status history: when each period's status became what it became.
    // A follow-up that changed only the comment keeps the status it had, so
    // it starts no new line.
    let mut changes: Vec<&crate::domain::Assessment> = Vec::new();
    for a in &item.assessments {
        let previous = changes.iter().rev().find(|c| c.period == a.period);
        if previous.is_none_or(|p| p.status != a.status) {
            changes.push(a);
        }
    }
    if changes.is_empty() {
        return;
    }
    let lang = out.lang;
    s.push_str(&format!("\n  {}\n", t(lang, "label.history")));
    for a in changes.iter().rev() {
        let line = format!(
            "{}  {}  {}",
            pad(&period_label(plan, &a.period, out), 12),
            date(lang, &a.at),
            crate::cli::out::safe(&a.by)
        );
        s.push_str(&format!(
            "    {} {}\n",
            out.paint(
                a.status,
                &pad(&format!("{} {}", a.status.symbol(), out.word(a.status)), 16)
            ),
            out.fit(&line, 22)
        ));
    }
}

fn indicators(
    s: &mut String,
    plan: &Plan,
    item: &Item,
    period: Option<&str>,
    out: Out,
    body: usize,
) {
    if item.indicators.is_empty() {
        return;
    }
    let lang = out.lang;
    s.push_str(&format!("\n  {}\n", t(lang, "label.indicators")));
    for ind in &item.indicators {
        let th = ind.thresholds();
        let unit = out.text(&ind.unit);
        let n = |x: f64| {
            let v = number(lang, x, 2);
            if unit.is_empty() {
                v
            } else {
                format!("{v} {unit}")
            }
        };
        let rule = match ind.direction {
            crate::domain::Direction::Higher => tf(
                lang,
                "indicator.rule_higher",
                &[("green", &n(ind.green)), ("yellow", &n(ind.yellow))],
            ),
            crate::domain::Direction::Lower => tf(
                lang,
                "indicator.rule_lower",
                &[("green", &n(ind.green)), ("yellow", &n(ind.yellow))],
            ),
        };
        s.push_str(&format!("    {}\n", out.fit(&out.text(&ind.name), 4)));
        let mut meta = rule;
        let src = out.text(&ind.source);
        if !src.is_empty() {
            meta = format!("{meta} · {}: {src}", t(lang, "label.source"));
        }
        for l in wrap(&meta, body.saturating_sub(2)) {
            s.push_str(&format!("      {l}\n"));
        }
        let mut cells = Vec::new();
        for p in &plan.periods {
            let Some(v) = ind.values.iter().find(|v| v.period == p.code) else {
                continue;
            };
            let light = th.light(v.value);
            let shown = v
                .value
                .map_or_else(|| t(lang, "indicator.no_value").to_owned(), &n);
            let mark = if Some(p.code.as_str()) == period {
                "*"
            } else {
                ""
            };
            cells.push(out.paint(
                light.as_status(),
                &format!(
                    "{mark}{}: {} {} {}",
                    period_label(plan, &p.code, out),
                    shown,
                    light.as_status().symbol(),
                    t(lang, &format!("light.{}", light.key()))
                ),
            ));
        }
        if !cells.is_empty() {
            for c in cells {
                s.push_str(&format!("      {c}\n"));
            }
        }
    }
}

fn risk_block(s: &mut String, item: &Item, out: Out) {
    let Some(r) = &item.risk else { return };
    let lang = out.lang;
    let Some(a) = risk::Assessment::new(r.probability, r.consequence) else {
        return;
    };
    s.push_str(&format!("\n  {}\n", t(lang, "label.risk")));
    s.push_str(&format!(
        "    {}\n",
        tf(
            lang,
            "risk.score",
            &[
                ("p", &a.probability),
                ("c", &a.consequence),
                ("score", &a.score()),
                ("band", &t(lang, &format!("band.{}", a.band().key()))),
            ]
        )
    ));
    // The 4×4 matrix, probability up, consequence across; the risk marked.
    let head = t(lang, "risk.consequence");
    s.push_str(&format!(
        "    {}  {}\n",
        pad(t(lang, "risk.probability"), 4),
        head
    ));
    for p in (1..=4u8).rev() {
        let mut row = format!("    {p}   ");
        for c in 1..=4u8 {
            let cell = if p == a.probability && c == a.consequence {
                format!("[{:>2}]", p * c)
            } else {
                format!(" {:>2} ", p * c)
            };
            row.push_str(&cell);
        }
        s.push_str(&row);
        s.push('\n');
    }
    s.push_str("         1   2   3   4\n");
    for (i, c) in r.controls.iter().enumerate() {
        s.push_str(&format!(
            "    {} {}\n",
            tf(lang, "risk.control_n", &[("n", &(i + 1))]),
            out.fit(&out.text(&c.what), 8 + width(t(lang, "risk.control_n")))
        ));
        for (key, v) in [
            ("label.how", &c.how),
            ("label.frequency", &c.frequency),
            ("label.performer", &c.performer),
            ("label.responsible", &c.responsible),
        ] {
            let v = out.text(v);
            if !v.is_empty() {
                s.push_str(&format!(
                    "      {}\n",
                    out.fit(&format!("{}: {v}", t(lang, key)), 6)
                ));
            }
        }
    }
}
