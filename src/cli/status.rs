//! `strata status`: where do we stand, per plan and top-level item.

use std::collections::BTreeSet;
use std::io::Write;

use super::out::Out;
use super::{CliError, Ctx};
use crate::display::{pad, truncate, width, wrap};
use crate::domain::{Counts, Outline, Plan, Said, Status};
use crate::i18n::{plural, t, tf};

/// Parses `--only red,yellow` into statuses.
pub fn parse_only(s: &str) -> Result<BTreeSet<Status>, CliError> {
    let mut set = BTreeSet::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let st = match part.to_ascii_lowercase().as_str() {
            "none" | "all" if part.eq_ignore_ascii_case("all") => {
                set.extend(Status::ALL);
                continue;
            }
            "none" => Status::NotAssessed,
            _ => crate::messages::parse_status(part)
                .ok_or_else(|| CliError::BadOnly(part.to_owned()))?,
        };
        set.insert(st);
    }
    Ok(set)
}

pub fn run(
    ctx: &Ctx,
    only_plans: &[String],
    period: Option<&str>,
    only: &str,
    full: bool,
) -> Result<(), CliError> {
    let only = parse_only(only)?;
    // Of each plan: the top-level items and those listed, with what leads
    // to them, and the items with indicators; the counts from the outline.
    let pick = |o: &Outline| {
        let mut nodes: Vec<usize> = o.roots().collect();
        if !only.is_empty() {
            nodes.extend(o.in_statuses(&|s| only.contains(&s)));
        }
        nodes
    };
    let plans = super::round::load_with(
        ctx,
        only_plans,
        period,
        |store, code, shown| store.load_plan_picked(code, shown, &pick, true),
        |p| &p.plan,
    )?;
    let out = ctx.out;
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    if plans.is_empty() {
        let _ = writeln!(w, "{}", t(out.lang, "status.no_plans"));
        return Ok(());
    }
    for (i, (part, shown)) in plans.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(w);
        }
        let p = shown.as_deref().and_then(|c| part.plan.period(c));
        let period = p.map(|p| p.code.as_str());
        let block = render_plan(&part.plan, &part.outline, period, &only, full, out);
        let _ = write!(w, "{}", super::out::fit_block(&block, out.width));
    }
    Ok(())
}

/// `strata status --short` (one line per plan) and `--format json`.
pub fn run_short(
    ctx: &Ctx,
    only_plans: &[String],
    period: Option<&str>,
    format: super::round::OutFormat,
) -> Result<(), CliError> {
    use super::round::{OutFormat, RoundJson, RoundsJson};
    let today = crate::clock::today();
    let out = ctx.out;
    let rounds: Vec<_> = match format {
        // One line per plan: its counts come from its roll-up summary, so
        // the line costs the same whatever the plan's size.
        OutFormat::Text => {
            let plans = super::round::load_with(
                ctx,
                only_plans,
                period,
                |store, code, shown| store.load_plan_brief(code, shown),
                |(p, _)| p,
            )?;
            // A summary computed (the plan changed since one was kept) is
            // kept for the next reader, when the file can be written.
            if plans
                .iter()
                .any(|((_, s), _)| s.as_ref().is_some_and(|s| !s.stored))
            {
                let mut store = ctx.open()?;
                for s in plans.iter().filter_map(|((_, s), _)| s.as_ref()) {
                    store.keep_summary(s);
                }
            }
            plans
                .into_iter()
                .map(|((p, summary), shown)| {
                    let counts = summary.map(|s| s.summary.total).unwrap_or_default();
                    crate::present::round::brief(&p, shown.as_deref(), &today, counts, out.lang)
                })
                .collect()
        }
        OutFormat::Json => {
            let ask = crate::store::RoundAsk {
                per_top: None,
                stale: super::round::STALE_JSON,
            };
            super::round::rounds_by_item(ctx, only_plans, period, ask, &today)?
        }
    };
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    match format {
        OutFormat::Json => {
            let doc = RoundsJson {
                today,
                by: "item",
                plans: rounds.iter().map(|r| RoundJson::of(r, true)).collect(),
            };
            let _ = writeln!(w, "{}", serde_json::to_string_pretty(&doc).expect("json"));
        }
        OutFormat::Text => {
            if rounds.is_empty() {
                let _ = writeln!(w, "{}", t(out.lang, "status.no_plans"));
            }
            let lines: Vec<String> = rounds
                .iter()
                .map(|r| super::round::short_line(r, out))
                .collect();
            // The plan codes in one column.
            let cw = rounds.iter().map(|r| width(&r.plan)).max().unwrap_or(0);
            for (r, line) in rounds.iter().zip(lines) {
                let rest = line.strip_prefix(r.plan.as_str()).unwrap_or(&line);
                let _ = writeln!(w, "{}{}", pad(&r.plan, cw), rest);
            }
        }
    }
    Ok(())
}

/// One plan's block of the status report: its counts and its listed
/// items, one line each, the start of the comment after the title, cut to
/// the width; with `full`, the whole comment and further actions under
/// each. `plan` holds at least its top-level items, the items listed and
/// those with indicators (see [`crate::store::Store::load_plan_picked`]);
/// `outline` is the whole plan's in `period`.
pub fn render_plan(
    plan: &Plan,
    outline: &Outline,
    period: Option<&str>,
    only: &BTreeSet<Status>,
    full: bool,
    out: Out,
) -> String {
    let lang = out.lang;
    let mut s = String::new();
    let head = format!("{}  {}", plan.code, out.text(&plan.title));
    s.push_str(&out.bold(&out.fit(&head, 0)));
    s.push('\n');
    let Some(period) = period else {
        s.push_str(&format!("  {}\n", t(lang, "status.no_periods")));
        return s;
    };
    let label = plan
        .period(period)
        .map(|p| {
            let l = out.text(&p.label);
            if l.is_empty() {
                p.code.clone()
            } else {
                l
            }
        })
        .unwrap_or_else(|| period.to_owned());

    let rollups = outline.rollups();
    let total = rollups.total;
    s.push_str(&format!(
        "  {} · {}\n",
        tf(lang, "status.period", &[("period", &label)]),
        plural(lang, "count.items", total.total())
    ));
    // The legend line: every status with symbol, count and word.
    let segments: Vec<(Status, String)> = Status::BY_ATTENTION
        .iter()
        .map(|&st| {
            let mut seg = format!(
                "{} {}",
                st.symbol(),
                crate::messages::counted_status(lang, st, total.get(st))
            );
            if st == Status::NotAssessed && total.carried > 0 {
                seg = format!("{seg} ({})", plural(lang, "count.carried", total.carried));
            }
            (st, seg)
        })
        .collect();
    let mut line = String::from(" ");
    let mut lw = 1;
    for (st, seg) in segments {
        let sw = width(&seg) + 2;
        if lw + sw > out.width && lw > 1 {
            s.push_str(&line);
            s.push('\n');
            line = String::from(" ");
            lw = 1;
        }
        line.push_str("  ");
        line.push_str(&out.paint(st, &seg));
        lw += sw;
    }
    s.push_str(&line);
    s.push('\n');
    let mut said = Said::default();
    for it in &plan.items {
        said.add_under(it, period);
    }
    if said.total() > 0 {
        s.push_str(&format!("  {}\n", said_line(&said, out)));
    }

    // One line per top-level item: roll-up, code, title, counts.
    let rolled = &rollups.rolled;
    let code_w = plan.items.iter().map(|i| width(&i.code)).max().unwrap_or(1);
    let compact = |c: &Counts| -> (String, usize) {
        let mut plain = String::new();
        let mut painted = String::new();
        for (n, st) in Status::BY_ATTENTION.iter().enumerate() {
            let seg = format!("{}{:>3}", st.symbol(), c.get(*st));
            if n > 0 {
                plain.push(' ');
                painted.push(' ');
            }
            plain.push_str(&seg);
            painted.push_str(&out.paint(*st, &seg));
        }
        (painted, width(&plain))
    };
    for it in &plan.items {
        let r = rolled
            .get(it.code.as_str())
            .map_or(Status::NotAssessed, |r| r.effective);
        let c = rollups.under_top.get(&it.code).copied().unwrap_or_default();
        let (counts, cw) = compact(&c);
        let lead = 2 + 2 + code_w + 2;
        let title_room = out.width.saturating_sub(lead + cw + 2);
        let title = out.text(&it.title);
        if title_room >= 12 {
            let title = truncate(&title, title_room);
            s.push_str(&format!(
                "  {} {}  {}  {}\n",
                out.symbol(r),
                pad(&it.code, code_w),
                pad(&title, title_room),
                counts
            ));
        } else {
            let room = out.width.saturating_sub(lead);
            s.push_str(&format!(
                "  {} {}  {}\n{}{}\n",
                out.symbol(r),
                pad(&it.code, code_w),
                truncate(&title, room),
                " ".repeat(lead),
                counts
            ));
        }
    }

    // The items that ask for attention, with their comments.
    if only.is_empty() {
        return s;
    }
    let held: std::collections::HashMap<&str, &crate::domain::Item> = plan
        .walk()
        .into_iter()
        .map(|(_, it)| (it.code.as_str(), it))
        .collect();
    let listed: Vec<_> = outline
        .in_statuses(&|s| only.contains(&s))
        .into_iter()
        .filter_map(|n| held.get(outline.nodes[n].code.as_str()).copied())
        .map(|it| (it, it.current(period)))
        .collect();
    let names: Vec<&str> = Status::BY_ATTENTION
        .iter()
        .filter(|s| only.contains(s))
        .map(|&s| out.word(s))
        .collect();
    s.push_str(&format!(
        "  {}\n",
        tf(lang, "status.listing", &[("statuses", &names.join(", "))])
    ));
    if listed.is_empty() {
        s.push_str(&format!("    {}\n", t(lang, "status.none_listed")));
        return s;
    }
    let body = out.width.saturating_sub(6).max(20);
    for (it, a) in listed {
        let st = a.map_or(Status::NotAssessed, |a| a.assessed());
        let mut head = format!("{} {}", it.code, out.text(&it.title));
        if let Some((a, from)) = a.and_then(|a| Some((a, a.carried_from.as_deref()?))) {
            head = format!(
                "{head} — {}",
                tf(
                    lang,
                    "status.carried_mark",
                    &[
                        (
                            "status",
                            &format!("{} {}", a.status.symbol(), out.word(a.status))
                        ),
                        ("period", &from),
                    ]
                )
            );
        }
        if !full {
            // The start of the comment, on the same line: `show` and
            // `--full` have it whole.
            let comment = a.map(|a| out.text(&a.comment)).unwrap_or_default();
            if !comment.is_empty() {
                head = format!("{head} — {comment}");
            }
        }
        let word = format!("{} {}", st.symbol(), out.word(st));
        let room = out.width.saturating_sub(4 + width(&word) + 2);
        s.push_str(&format!(
            "    {}  {}\n",
            out.paint(st, &word),
            truncate(&head, room)
        ));
        if let (Some(a), true) = (a, full) {
            for (label, text) in [("", &a.comment), ("label.actions", &a.actions)] {
                let body_text = out.text_nl(text, true);
                if body_text.is_empty() {
                    continue;
                }
                let body_text = if label.is_empty() {
                    body_text
                } else {
                    format!("{}: {body_text}", t(lang, label))
                };
                for l in wrap(&body_text, body) {
                    s.push_str(&format!("      {l}\n"));
                }
            }
        }
    }
    s
}

/// `Indicators say: ■ 3 off track  ▲ 1 at risk  ● 2 on track  · 1 no data
/// · 1 disagrees with its status`: items with indicators, by the light
/// their values give (see docs/FORMAT.md), in status words.
pub fn said_line(said: &Said, out: Out) -> String {
    let lang = out.lang;
    let (parts, disagree) = crate::present::round::said_parts(said, lang);
    let parts: Vec<String> = parts.iter().map(|(st, p)| out.paint(*st, p)).collect();
    let mut line = format!("{} {}", t(lang, "status.indicators_say"), parts.join("  "));
    if let Some(d) = disagree {
        line.push_str(&format!(" · {d}"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_accepts_colours_words_and_all() {
        let s = parse_only("red,yellow").unwrap();
        assert_eq!(
            s.into_iter().collect::<Vec<_>>(),
            vec![Status::AtRisk, Status::OffTrack]
        );
        assert_eq!(parse_only("all").unwrap().len(), 5);
        assert!(parse_only("none").unwrap().contains(&Status::NotAssessed));
        assert!(parse_only("").unwrap().is_empty());
        assert!(matches!(parse_only("red,purple"), Err(CliError::BadOnly(p)) if p == "purple"));
    }
}
