//! `strata show PLAN:CODE`: one item in full.

use super::{parse_address, CliError, Ctx, Out};
use crate::display::{pad, width, wrap};
use crate::domain::Plan;
use crate::i18n::{date, date_time, t, tf};
use crate::present::{item_detail, ItemDetail};
use crate::store::StoreError;

pub fn run(
    ctx: &Ctx,
    address: &str,
    period: Option<&str>,
    format: super::round::OutFormat,
) -> Result<(), CliError> {
    let (plan_code, item_code) = parse_address(address)?;
    let store = ctx.open()?;
    let today = crate::clock::today();
    // Of the plan: the item, what leads to it and its children, the whole
    // plan's outline for the roll-ups, and the item's every follow-up.
    let (plan, shown, rolled) = store.snapshot(|s| {
        let shown = match period {
            Some(p) => Some(p.to_owned()),
            None => s.default_period(plan_code, &today)?,
        };
        let mut part = s.load_plan_around(plan_code, shown.as_deref(), item_code)?;
        let history = s.item_history(plan_code, item_code)?;
        if let Some(it) = part.plan.find_mut(item_code) {
            it.assessments = history;
        }
        let mut rolled = crate::domain::Rollups::default();
        if let (Some(stamped), Some(p)) = (&part.summary, shown.as_deref()) {
            stamped
                .summary
                .roll_held(&part.ids, &part.plan.items, p, &mut rolled);
        }
        let rolled = rolled.rolled;
        Ok((part.plan, shown, rolled))
    })?;
    let period = shown.as_deref();
    if let Some(p) = period {
        if plan.period(p).is_none() {
            return Err(StoreError::UnknownPeriod {
                plan: plan.code.clone(),
                code: p.to_owned(),
            }
            .into());
        }
    }
    let unknown = || StoreError::UnknownItem {
        plan: plan.code.clone(),
        code: item_code.to_owned(),
    };
    if format == super::round::OutFormat::Json {
        let doc = json(&plan, item_code, period, &rolled, ctx.lang()).ok_or_else(unknown)?;
        println!("{}", serde_json::to_string_pretty(&doc).expect("json"));
        return Ok(());
    }
    let contacts = store.contacts()?;
    let text = render(&plan, item_code, period, &rolled, &contacts, ctx.out).ok_or_else(unknown)?;
    print!("{text}");
    Ok(())
}

/// Each item's status and roll-up in the period, by code.
pub type RolledBy = std::collections::HashMap<String, crate::domain::Rolled>;

/// The labels of the fields of an item, for lining up their values.
const FIELD_LABELS: [&str; 12] = [
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
    "label.indicators_say",
    "label.contacts",
];

/// The item as text in the period shown, or `None` if the plan has no
/// such item. `plan` holds at least the item with every follow-up, what
/// leads to it and its children; `rolled` is the whole plan's in `period`.
pub fn render(
    plan: &Plan,
    code: &str,
    period: Option<&str>,
    rolled: &RolledBy,
    contacts: &[crate::domain::Contact],
    out: Out,
) -> Option<String> {
    let lang = out.lang;
    let period = period.map(str::to_owned);
    let rolled_of = |c: &str| rolled.get(c).copied();
    let follow_ups = &plan.find(code)?.0.assessments;
    let d = item_detail(plan, code, period.as_deref(), follow_ups, &rolled_of, lang)?;
    let mut s = String::new();
    s.push_str(&out.bold(&out.fit(&format!("{}:{}  {}", d.plan, d.code, d.title.marked()), 0)));
    s.push('\n');
    s.push_str(&format!("  {}\n", out.fit(&d.trail.join(" › "), 2)));

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
    field("label.level", d.level.clone());
    field("label.description", d.description.marked());
    field("label.owner", d.owner.marked());
    let item = &plan.find(code)?.0;
    field(
        "label.contacts",
        crate::present::item::contacts_line(item, contacts, lang).unwrap_or_default(),
    );
    field("label.follow_up", d.follow_up.marked());

    if let Some(p) = &d.period {
        let mut label = p.label.clone();
        if p.closed {
            label = format!("{label} · {}", t(lang, "label.period_closed"));
        }
        field("label.period", label);
        let mut st = out.status(p.own);
        if let Some(from) = &p.carried_from {
            st = format!(
                "↻ {st} · {}",
                tf(lang, "label.carried_short", &[("period", from)])
            );
        }
        if let Some(words) = &p.own_words {
            st.push_str(&format!(" ({words})"));
        }
        field("label.status", st);
        if let Some(r) = p.rollup {
            field("label.rollup", out.status(r));
        }
        if let Some(light) = p.indicators_say {
            let st = light.as_status();
            let mut said = match light {
                crate::domain::Light::NoData => {
                    format!("{} {}", st.symbol(), t(lang, "light.no_data"))
                }
                _ => out.status(st),
            };
            if p.disagrees {
                said = format!("{said} ⚠ {}", t(lang, "label.disagrees"));
            }
            field("label.indicators_say", said);
        }
        if let Some((at, by)) = &p.recorded {
            field("label.comment", p.comment.marked());
            field("label.actions", p.actions.marked());
            field("label.recorded", format!("{} · {by}", date_time(lang, at)));
        }
    }

    history(&mut s, &d, out);
    indicators(&mut s, &d, out, body);
    risk_block(&mut s, &d, out);
    if !d.children.is_empty() {
        s.push_str(&format!("\n  {}\n", t(lang, "label.children")));
        for ch in &d.children {
            s.push_str(&format!(
                "    {} {}\n",
                out.symbol(ch.effective),
                out.fit(&format!("{}  {}", ch.code, ch.title.marked()), 6)
            ));
        }
    }
    Some(crate::cli::out::fit_block(&s, out.width))
}

fn history(s: &mut String, d: &ItemDetail, out: Out) {
    if d.history.is_empty() {
        return;
    }
    let lang = out.lang;
    s.push_str(&format!("\n  {}\n", t(lang, "label.history")));
    for h in &d.history {
        let line = format!("{}  {}  {}", pad(&h.label, 12), date(lang, &h.at), h.by);
        s.push_str(&format!(
            "    {} {}\n",
            out.paint(
                h.status,
                &pad(&format!("{} {}", h.status.symbol(), out.word(h.status)), 16)
            ),
            out.fit(&line, 22)
        ));
    }
}

fn indicators(s: &mut String, d: &ItemDetail, out: Out, body: usize) {
    if d.indicators.is_empty() {
        return;
    }
    let lang = out.lang;
    s.push_str(&format!("\n  {}\n", t(lang, "label.indicators")));
    for ind in &d.indicators {
        s.push_str(&format!("    {}\n", out.fit(&ind.name.marked(), 4)));
        let mut meta = ind.rule.clone();
        if !ind.source.is_empty() && ind.attribution.is_none() {
            meta = format!("{meta} · {}: {}", t(lang, "label.source"), ind.source);
        }
        for l in wrap(&meta, body.saturating_sub(2)) {
            s.push_str(&format!("      {l}\n"));
        }
        for v in &ind.values {
            let status = v.light.as_status();
            let cell = out.paint(
                status,
                &format!(
                    "{}{}: {} {} {}",
                    if v.current { "*" } else { "" },
                    v.label,
                    v.text,
                    status.symbol(),
                    t(lang, &format!("light.{}", v.light.key()))
                ),
            );
            s.push_str(&format!("      {cell}\n"));
            // The source's own remark on the value, where it came from,
            // and what the source changed after it was reported.
            if !v.note.is_empty() {
                for l in wrap(&v.note.marked(), body.saturating_sub(4)) {
                    s.push_str(&format!("        {l}\n"));
                }
            }
            for extra in [&v.origin, &v.revised].into_iter().flatten() {
                for l in wrap(extra, body.saturating_sub(4)) {
                    s.push_str(&format!("        {l}\n"));
                }
            }
        }
        if let Some(a) = &ind.attribution {
            for l in wrap(a, body.saturating_sub(2)) {
                s.push_str(&format!("      {l}\n"));
            }
        }
    }
}

fn risk_block(s: &mut String, d: &ItemDetail, out: Out) {
    let Some(r) = &d.risk else { return };
    let lang = out.lang;
    let a = r.assessment;
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
            out.fit(&c.what.marked(), 8 + width(t(lang, "risk.control_n")))
        ));
        for (key, v) in &c.fields {
            s.push_str(&format!(
                "      {}\n",
                out.fit(&format!("{}: {v}", t(lang, key)), 6)
            ));
        }
    }
}

/// `strata show --format json` (docs/JSON.md): the item's texts in the
/// display language, its follow-up of the period with what the indicators
/// say, its status history, indicators with values and lights, its risk.
pub fn json(
    plan: &Plan,
    code: &str,
    period: Option<&str>,
    rolled: &RolledBy,
    lang: crate::domain::Lang,
) -> Option<serde_json::Value> {
    use serde_json::json;
    let (item, ancestors) = plan.find(code)?;
    let period = period.map(str::to_owned);
    let text = |t: &crate::domain::Text| t.resolve(lang).map(|s| s.text.to_owned());
    let current = period.as_deref().and_then(|p| item.current(p));
    let said = period.as_deref().and_then(|p| item.indicators_say(p));
    let follow_up = period.as_deref().map(|p| {
        let r = rolled.get(item.code.as_str()).copied();
        json!({
            "period": p,
            "closed": plan.period(p).is_some_and(|x| x.is_closed()),
            "status": current.map_or("not_assessed", |a| a.status.key()),
            "assessed": current.map_or("not_assessed", |a| a.assessed().key()),
            "carried_from": current.and_then(|a| a.carried_from.clone()),
            "rollup": r.filter(|_| !item.children.is_empty()).map(|r| r.rollup.key()),
            "comment": current.and_then(|a| text(&a.comment)),
            "actions": current.and_then(|a| text(&a.actions)),
            "recorded_at": current.map(|a| a.at.clone()),
            "recorded_by": current.map(|a| a.by.clone()),
            "indicators_say": said.map(|l| l.key()),
            "disagrees": said.is_some_and(|l| crate::domain::disagrees(
                current.map_or(crate::domain::Status::NotAssessed, |a| a.assessed()), l)),
        })
    });
    let indicators: Vec<_> = item
        .indicators
        .iter()
        .map(|ind| {
            let th = ind.thresholds();
            json!({
                "name": text(&ind.name),
                "unit": text(&ind.unit),
                "source": text(&ind.source),
                "direction": match ind.direction {
                    crate::domain::Direction::Higher => "higher",
                    crate::domain::Direction::Lower => "lower",
                },
                "green": ind.green,
                "yellow": ind.yellow,
                "series": ind.series.as_ref().map(|s| s.to_string()),
                "values": ind.values.iter().map(|v| json!({
                    "period": v.period,
                    "value": v.value,
                    "light": th.light(v.value).key(),
                    "fetched": v.fetched.as_ref().map(|f| json!({
                        "series": f.series.to_string(),
                        "at": f.at,
                        "from": f.from,
                        "flags": f.flags,
                        "revised": f.revised.as_ref().map(|r| json!({
                            "at": r.at,
                            "reported": r.reported,
                            "source": r.source,
                            "deleted": r.deleted,
                        })),
                    })),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let history: Vec<_> = item
        .assessments
        .iter()
        .map(|a| {
            json!({
                "period": a.period,
                "status": a.status.key(),
                "carried_from": a.carried_from,
                "at": a.at,
                "by": a.by,
            })
        })
        .collect();
    Some(json!({
        "plan": plan.code,
        "code": item.code,
        "parents": ancestors.iter().map(|a| a.code.clone()).collect::<Vec<_>>(),
        "title": text(&item.title),
        "description": text(&item.description),
        "owner": text(&item.owner),
        "follow_up_method": text(&item.follow_up),
        "follow_up": follow_up,
        "history": history,
        "indicators": indicators,
        "risk": item.risk.as_ref().map(|r| json!({
            "probability": r.probability,
            "consequence": r.consequence,
            "score": r.probability as u32 * r.consequence as u32,
        })),
        "children": item.children.iter().map(|c| c.code.clone()).collect::<Vec<_>>(),
    }))
}
