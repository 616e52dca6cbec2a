//! `strata export`: JSON (the exchange format), CSV, Markdown, and the
//! plans' sheet as an Excel workbook (the shape `strata import` reads).

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{CliError, Ctx, Format, Out};
use crate::display::sanitize;
use crate::domain::{counts_under, Counts, Item, Lang, Light, Plan, Status, Text};
use crate::exchange::Document;
use crate::i18n::{date, number, plural, t, tf};
use crate::present::item::detail_of;
use crate::store::StoreError;

pub fn run(
    ctx: &Ctx,
    format: Format,
    plan: Option<&str>,
    period: Option<&str>,
    output: Option<PathBuf>,
) -> Result<(), CliError> {
    let store = ctx.open()?;
    let plans = match plan {
        Some(code) => vec![store.load_plan(code)?],
        None => store.load_all()?,
    };
    if let (Some(p), Some(code)) = (period, plan) {
        if plans[0].period(p).is_none() {
            return Err(StoreError::UnknownPeriod {
                plan: code.to_owned(),
                code: p.to_owned(),
            }
            .into());
        }
    }
    if let (Some(p), None) = (period, plan) {
        if format != Format::Json && !plans.iter().any(|x| x.period(p).is_some()) {
            return Err(CliError::UnknownPeriodAnywhere(p.to_owned()));
        }
    }
    let out = Out::plain(ctx.lang(), 100);
    if format == Format::Xlsx && output.is_none() && std::io::stdout().is_terminal() {
        return Err(CliError::XlsxToTerminal);
    }
    let bytes = match format {
        Format::Json => {
            // The contacts the plans name; all of them with every plan.
            let named: std::collections::HashSet<String> = plans
                .iter()
                .flat_map(|p| p.walk())
                .flat_map(|(_, it)| it.contacts.iter().map(|c| c.contact.clone()))
                .collect();
            let contacts = store
                .contacts()?
                .into_iter()
                .filter(|c| plan.is_none() || named.contains(&c.id))
                .collect();
            Document::with_contacts(plans, contacts)
                .to_json()
                .into_bytes()
        }
        Format::Csv => csv(&plans, period, out.lang).into_bytes(),
        Format::Md => markdown(&plans, period, out).into_bytes(),
        Format::Xlsx => {
            let periods: Vec<Option<&str>> = plans.iter().map(|p| period_for(p, period)).collect();
            crate::exchange::sheet::write::xlsx(&plans, &periods, out.lang).map_err(|e| {
                CliError::Io {
                    path: output.clone().unwrap_or_else(|| "<stdout>".into()),
                    source: std::io::Error::other(e.to_string()),
                }
            })?
        }
    };
    match output {
        Some(path) => write_atomically(&path, &bytes),
        None => {
            use std::io::Write;
            let mut w = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = w.write_all(&bytes).and_then(|_| w.flush());
            Ok(())
        }
    }
}

/// Writes to a temporary file beside the target and renames it into place,
/// so that a failed export never leaves half a file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
    let io = |source| CliError::Io {
        path: path.to_owned(),
        source,
    };
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

fn period_for<'a>(plan: &'a Plan, asked: Option<&'a str>) -> Option<&'a str> {
    match asked {
        Some(p) => plan.period(p).map(|p| p.code.as_str()),
        None => plan
            .default_period(&crate::clock::today())
            .map(|p| p.code.as_str()),
    }
}

fn resolved(t: &Text, lang: Lang) -> String {
    t.resolve(lang)
        .map(|s| s.text.to_owned())
        .unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// One row per item: stable English column names for scripts; texts in the
/// display language (with fallback), statuses as keys and as words.
pub fn csv(plans: &[Plan], period: Option<&str>, lang: Lang) -> String {
    let mut s = String::from(
        "plan,period,code,parent,depth,level,title,status,status_text,rollup,comment,actions,owner,follow_up,recorded_by,recorded_at\r\n",
    );
    for plan in plans {
        let Some(per) = period_for(plan, period) else {
            continue;
        };
        let rolled = plan.rolled(per);
        #[allow(clippy::too_many_arguments)]
        fn go(
            items: &[Item],
            parent: &str,
            depth: usize,
            plan: &Plan,
            per: &str,
            rolled: &std::collections::HashMap<String, crate::domain::Rolled>,
            lang: Lang,
            s: &mut String,
        ) {
            for it in items {
                let r = rolled[it.code.as_str()];
                let a = it.current(per);
                let level = if it.level.is_empty() {
                    plan.level_name(depth)
                        .map(|l| resolved(l, lang))
                        .unwrap_or_default()
                } else {
                    resolved(&it.level, lang)
                };
                let row = [
                    plan.code.clone(),
                    per.to_owned(),
                    it.code.clone(),
                    parent.to_owned(),
                    (depth + 1).to_string(),
                    level,
                    resolved(&it.title, lang),
                    r.own.key().to_owned(),
                    match a.and_then(|a| a.carried_from.as_deref()) {
                        Some(from) => format!(
                            "{} ({})",
                            t(lang, &format!("status.{}", r.own.key())),
                            tf(lang, "label.carried_short", &[("period", &from)])
                        ),
                        None => t(lang, &format!("status.{}", r.own.key())).to_owned(),
                    },
                    r.rollup.key().to_owned(),
                    a.map(|a| resolved(&a.comment, lang)).unwrap_or_default(),
                    a.map(|a| resolved(&a.actions, lang)).unwrap_or_default(),
                    resolved(&it.owner, lang),
                    resolved(&it.follow_up, lang),
                    a.map(|a| a.by.clone()).unwrap_or_default(),
                    a.map(|a| a.at.clone()).unwrap_or_default(),
                ];
                let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
                s.push_str(&line.join(","));
                s.push_str("\r\n");
                go(
                    &it.children,
                    &it.code,
                    depth + 1,
                    plan,
                    per,
                    rolled,
                    lang,
                    s,
                );
            }
        }
        go(&plan.items, "", 0, plan, per, &rolled, lang, &mut s);
    }
    s
}

/// Markdown text from the data: no raw HTML, no control characters.
fn md(s: &str) -> String {
    let s = sanitize(s, true);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A follow-up report for the board: per plan, the summary and every item with
/// its status, comment, indicators and risk, in the display language.
pub fn markdown(plans: &[Plan], period: Option<&str>, out: Out) -> String {
    let lang = out.lang;
    let mut s = String::new();
    for plan in plans {
        let Some(per) = period_for(plan, period) else {
            continue;
        };
        let label = plan
            .period(per)
            .map(|p| {
                let l = out.text(&p.label);
                if l.is_empty() {
                    p.code.clone()
                } else {
                    l
                }
            })
            .unwrap_or_default();
        s.push_str(&format!("# {}\n\n", md(&out.text(&plan.title))));
        let org = out.text(&plan.organisation);
        if !org.is_empty() {
            s.push_str(&format!("{}  \n", md(&org)));
        }
        s.push_str(&format!(
            "{}  \n{}\n\n",
            md(&tf(lang, "status.period", &[("period", &label)])),
            md(&tf(
                lang,
                "export.generated",
                &[("date", &date(lang, &crate::clock::today()))]
            ))
        ));
        let mut total = Counts::default();
        for it in &plan.items {
            total.merge(&counts_under(it, per));
        }
        s.push_str(&format!(
            "| {} | {} |\n|---|---:|\n",
            t(lang, "label.status"),
            t(lang, "export.count")
        ));
        for st in Status::BY_ATTENTION.iter() {
            s.push_str(&format!(
                "| {} {} | {} |\n",
                st.symbol(),
                out.word(*st),
                total.get(*st)
            ));
        }
        s.push_str(&format!(
            "\n{}\n\n",
            md(&plural(lang, "count.items", total.total()))
        ));
        let rolled = plan.rolled(per);
        let rolled_of = |c: &str| rolled.get(c).copied();
        // Each item with its ancestors, in tree order.
        let mut stack: Vec<&Item> = Vec::new();
        for (depth, it) in plan.walk() {
            stack.truncate(depth);
            let d = detail_of(
                plan,
                it,
                &stack,
                Some(per),
                &it.assessments,
                &rolled_of,
                lang,
            );
            stack.push(it);
            let hashes = "#".repeat((depth + 2).min(6));
            let mut status = String::new();
            if let Some(p) = &d.period {
                status = out.status(p.own);
                if let Some(words) = &p.own_words {
                    status.push_str(&format!(" ({words})"));
                }
                if let Some(from) = &p.carried_from {
                    status = format!(
                        "↻ {status} · {}",
                        tf(lang, "label.carried_short", &[("period", from)])
                    );
                }
                if let Some(r) = p.rollup.filter(|&r| r != Status::NotAssessed) {
                    status.push_str(&format!(
                        " · {}: {}",
                        t(lang, "label.rollup"),
                        out.status(r)
                    ));
                }
            }
            s.push_str(&format!(
                "{hashes} {} {}\n\n{}\n\n",
                md(&d.code),
                md(&d.title.marked()),
                md(&status)
            ));
            let period = d.period.as_ref();
            for (key, text) in [
                ("label.description", Some(&d.description)),
                ("label.owner", Some(&d.owner)),
                ("label.follow_up", Some(&d.follow_up)),
                ("label.comment", period.map(|p| &p.comment)),
                ("label.actions", period.map(|p| &p.actions)),
            ] {
                if let Some(v) = text.filter(|v| !v.is_empty()) {
                    s.push_str(&format!("**{}:** {}\n\n", t(lang, key), md(&v.marked())));
                }
            }
            if !d.indicators.is_empty() {
                s.push_str(&format!(
                    "| {} | {} | {} | {} |\n|---|---:|---:|---|\n",
                    t(lang, "label.indicator"),
                    t(lang, "label.value"),
                    t(lang, "label.green"),
                    t(lang, "label.light")
                ));
                for ind in &d.indicators {
                    let cur = ind.current();
                    let light = cur.map_or(Light::NoData, |c| c.light);
                    s.push_str(&format!(
                        "| {} | {} | {} | {} {} |\n",
                        md(&ind.name.marked()),
                        cur.and_then(|c| c.value).map_or_else(
                            || t(lang, "indicator.no_value").to_owned(),
                            |x| number(lang, x, 2)
                        ),
                        number(lang, ind.green, 2),
                        light.as_status().symbol(),
                        t(lang, &format!("light.{}", light.key()))
                    ));
                }
                s.push('\n');
            }
            if let Some(r) = &d.risk {
                let a = r.assessment;
                s.push_str(&format!(
                    "**{}:** {}\n\n",
                    t(lang, "label.risk"),
                    md(&tf(
                        lang,
                        "risk.score",
                        &[
                            ("p", &a.probability),
                            ("c", &a.consequence),
                            ("score", &a.score()),
                            ("band", &t(lang, &format!("band.{}", a.band().key()))),
                        ]
                    ))
                ));
            }
        }
    }
    s
}
