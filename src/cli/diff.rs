//! `strata diff --from P1 --to P2 [--plan P] [--format text|json]`: what
//! changed between two follow-up periods (see [`crate::present::diff`]).

use std::io::Write;

use super::out::Out;
use super::round::OutFormat;
use super::{CliError, Ctx};
use crate::display::{pad, truncate, width};
use crate::domain::{Light, Plan, Status};
use crate::i18n::{number, plural, t, tf};
use crate::present::diff::{diff, CommentChange, Diff, Direction};

pub fn run(
    ctx: &Ctx,
    only: Option<&str>,
    from: &str,
    to: &str,
    format: OutFormat,
) -> Result<(), CliError> {
    let store = ctx.open()?;
    let lang = ctx.lang();
    let (plans, logs) = store.snapshot(|store| {
        let codes = match only {
            Some(c) => vec![c.to_owned()],
            None => store.plan_codes()?,
        };
        let mut plans = Vec::new();
        let mut logs = Vec::new();
        for code in &codes {
            // The follow-ups of the two periods only.
            let plan = store.load_plan_of_periods(code, &[from, to])?;
            logs.push(store.changes_since(code, None, None, 100_000)?);
            plans.push(plan);
        }
        Ok((plans, logs))
    })?;
    let mut diffs: Vec<(Plan, Diff)> = Vec::new();
    for (plan, log) in plans.into_iter().zip(logs) {
        let missing = [from, to].into_iter().find(|p| plan.period(p).is_none());
        if let Some(p) = missing {
            if only.is_some() {
                return Err(crate::store::StoreError::UnknownPeriod {
                    plan: plan.code.clone(),
                    code: p.to_owned(),
                }
                .into());
            }
            continue;
        }
        let d = diff(&plan, from, to, &log, lang);
        diffs.push((plan, d));
    }
    if diffs.is_empty() {
        return Err(CliError::UnknownPeriodAnywhere(format!("{from}, {to}")));
    }
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    match format {
        OutFormat::Json => {
            let doc = serde_json::json!({
                "from": from,
                "to": to,
                "plans": diffs.iter().map(|(_, d)| json(d)).collect::<Vec<_>>(),
            });
            let _ = writeln!(w, "{}", serde_json::to_string_pretty(&doc).expect("json"));
        }
        OutFormat::Text => {
            for (i, (plan, d)) in diffs.iter().enumerate() {
                if i > 0 {
                    let _ = writeln!(w);
                }
                let block = render(plan, d, ctx.out);
                let _ = write!(w, "{}", super::out::fit_block(&block, ctx.out.width));
            }
        }
    }
    Ok(())
}

fn status_text(s: Status, out: Out) -> String {
    out.status(s)
}

/// One plan's changes as text.
pub fn render(plan: &Plan, d: &Diff, out: Out) -> String {
    let lang = out.lang;
    let label = |p: &str| crate::present::item::period_label(plan, p, lang);
    let mut s = String::new();
    s.push_str(&out.bold(&out.fit(&format!("{}  {}", plan.code, out.text(&plan.title)), 0)));
    s.push('\n');
    s.push_str(&format!(
        "  {} → {}: {} {}  {} {}  {} {} · {}\n",
        label(&d.from),
        label(&d.to),
        out.paint(Status::OnTrack, "↑"),
        plural(lang, "count.better", d.count(Direction::Better)),
        out.paint(Status::OffTrack, "↓"),
        plural(lang, "count.worse", d.count(Direction::Worse)),
        "→",
        plural(lang, "count.same", d.count(Direction::Same)),
        plural(lang, "count.not_updated", d.not_updated.len()),
    ));
    let changed: Vec<_> = d.items.iter().filter(|c| c.changed()).collect();
    let code_w = changed.iter().map(|c| width(&c.code)).max().unwrap_or(1);
    if !changed.is_empty() {
        s.push_str(&format!("\n  {}\n", out.bold(t(lang, "diff.statuses"))));
    }
    for c in &changed {
        let to = if c.carried {
            format!("↻ {}", t(lang, "diff.carried"))
        } else {
            status_text(c.to, out)
        };
        let mut notes = Vec::new();
        match c.comment {
            CommentChange::New => notes.push(t(lang, "diff.comment_new")),
            CommentChange::Rewritten => notes.push(t(lang, "diff.comment_rewritten")),
            _ => {}
        }
        let statuses = format!("{} → {to}", status_text(c.from, out));
        let note = if notes.is_empty() {
            String::new()
        } else {
            format!("  ({})", notes.join(", "))
        };
        let arrow = match c.direction {
            Direction::Better => out.paint(Status::OnTrack, "↑"),
            Direction::Worse => out.paint(Status::OffTrack, "↓"),
            x => x.arrow().to_owned(),
        };
        // The item on one line, what changed under it.
        let room = out.width.saturating_sub(7 + code_w).max(12);
        s.push_str(&format!(
            "    {arrow} {} {}\n      {}{statuses}{note}\n",
            pad(&c.code, code_w),
            truncate(&c.title, room),
            " ".repeat(code_w + 1)
        ));
    }
    let crossed: Vec<_> = d
        .items
        .iter()
        .flat_map(|c| c.crossed.iter().map(move |x| (c, x)))
        .collect();
    if !crossed.is_empty() {
        s.push_str(&format!("\n  {}\n", out.bold(t(lang, "diff.crossed"))));
        for (c, x) in crossed {
            let v = |(v, l): (Option<f64>, Light)| {
                let n = v.map_or_else(
                    || t(lang, "light.no_data").to_owned(),
                    |v| number(lang, v, 2),
                );
                out.paint(l.as_status(), &format!("{n} {}", l.as_status().symbol()))
            };
            s.push_str(&format!(
                "    {} {}: {} → {}\n",
                c.code,
                x.name,
                v(x.from),
                v(x.to)
            ));
        }
    }
    if !d.revised.is_empty() {
        s.push_str(&format!("\n  {}\n", out.bold(t(lang, "revised.head"))));
        for r in &d.revised {
            s.push_str(&format!("    ⚠ {}\n", r.text));
        }
    }
    if !d.structure.is_empty() {
        s.push_str(&format!("\n  {}\n", out.bold(t(lang, "diff.structure"))));
        for st in &d.structure {
            let what = tf(
                lang,
                &format!("diff.{}", st.what),
                &[("parent", &st.detail.clone().unwrap_or_else(|| "–".into()))],
            );
            s.push_str(&format!(
                "    {} {what} · {}\n",
                st.code,
                crate::i18n::date(lang, &st.at)
            ));
        }
    }
    if !d.not_updated.is_empty() {
        s.push_str(&format!("\n  {}\n", out.bold(t(lang, "diff.not_updated"))));
        for (code, title) in &d.not_updated {
            s.push_str(&format!("    {code} {title}\n"));
        }
    }
    s
}

/// The changes of one plan for scripts (docs/JSON.md).
pub fn json(d: &Diff) -> serde_json::Value {
    use serde_json::json;
    json!({
        "plan": d.plan,
        "items": d.items.iter().map(|c| json!({
            "code": c.code,
            "title": c.title,
            "from": c.from.key(),
            "to": c.to.key(),
            "direction": c.direction.key(),
            "carried_over": c.carried,
            "newly_assessed": c.newly_assessed,
            "comment": c.comment.key(),
            "crossed": c.crossed.iter().map(|x| json!({
                "indicator": x.name,
                "from": {"value": x.from.0, "light": x.from.1.key()},
                "to": {"value": x.to.0, "light": x.to.1.key()},
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "structure": d.structure.iter().map(|s| json!({
            "change": s.what, "code": s.code, "at": s.at, "parent": s.detail,
        })).collect::<Vec<_>>(),
        "not_updated": d.not_updated.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>(),
        "revised": d.revised.iter().map(revised_json).collect::<Vec<_>>(),
    })
}

/// A value the source revised after it was reported, for scripts.
pub fn revised_json(r: &crate::present::revised::RevisedValue) -> serde_json::Value {
    serde_json::json!({
        "code": r.code,
        "indicator": r.indicator,
        "period": r.period,
        "reported": r.reported,
        "source": r.source,
        "deleted": r.deleted,
        "found_at": r.at,
    })
}
