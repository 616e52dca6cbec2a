//! `strata fetch`: the values of the indicators linked to a Kolada or
//! Sotkanet series, read over HTTPS (or from a saved answer) and written in
//! one transaction, with where each came from.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, Ctx};
use crate::domain::series::Decision;
use crate::domain::{Lang, Source};
use crate::i18n::{number, plural, t, tf};
use crate::store::{Applied, Linked, Provenance};

#[derive(Args, Debug)]
pub struct FetchArgs {
    /// Only these plans (code; repeatable)
    #[arg(long = "plan", value_name = "PLAN")]
    pub plans: Vec<String>,
    /// Only these indicators: PLAN:CODE (all of the item's) or PLAN:CODE#N (repeatable)
    #[arg(long = "indicator", value_name = "PLAN:CODE[#N]")]
    pub indicators: Vec<String>,
    /// Say what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Replace values typed by hand with the source's
    #[arg(long)]
    pub overwrite: bool,
    /// Read a saved answer (Kolada JSON, Sotkanet JSON or CSV) instead of the network
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}

/// `PLAN:CODE` or `PLAN:CODE#N`.
fn selection(s: &str) -> Result<(String, String, Option<usize>), CliError> {
    let (address, n) = match s.rsplit_once('#') {
        Some((a, n)) => (
            a,
            Some(
                n.parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| CliError::BadAddress(s.to_owned()))?,
            ),
        ),
        None => (s, None),
    };
    let (plan, code) = super::parse_address(address)?;
    Ok((plan.to_owned(), code.to_owned(), n))
}

pub fn run(ctx: &Ctx, args: &FetchArgs) -> Result<(), CliError> {
    let lang = ctx.lang();
    let picks = args
        .indicators
        .iter()
        .map(|s| selection(s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut store = ctx.open_for_write()?;
    let mut plans: Vec<String> = if args.plans.is_empty() {
        store.plan_codes()?
    } else {
        args.plans.clone()
    };
    for (plan, _, _) in &picks {
        if !plans.contains(plan) {
            plans.push(plan.clone());
        }
    }
    // What is linked, and which years each plan can take.
    let mut targets: Vec<(String, Vec<Linked>)> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for plan in &plans {
        let mut linked = store.linked(plan)?;
        if !picks.is_empty() {
            for (p, code, _) in &picks {
                if p == plan {
                    // An unknown item is told as such, not as "nothing linked".
                    store.item_exists(p, code)?;
                }
            }
            linked.retain(|l| {
                picks
                    .iter()
                    .any(|(p, c, n)| p == plan && *c == l.item && n.is_none_or(|n| n == l.number))
            });
        }
        if linked.is_empty() {
            continue;
        }
        for y in crate::source::years(store.period_codes_of(plan)?.iter().map(String::as_str)) {
            if !years.contains(&y) {
                years.push(y);
            }
        }
        targets.push((plan.clone(), linked));
    }
    years.sort_unstable();
    if targets.is_empty() {
        println!("{}", t(lang, "fetch.nothing_linked"));
        return Err(CliError::Reported(super::code::INPUT));
    }
    let at = crate::clock::now_utc();
    let (observations, from) = match &args.from {
        Some(file) => {
            let bytes = std::fs::read(file).map_err(|source| CliError::Io {
                path: file.clone(),
                source,
            })?;
            let obs = crate::source::read_file(&bytes).map_err(|e| CliError::Fetch {
                error: e,
                file: Some(file.display().to_string()),
            })?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            (obs, name)
        }
        None => {
            let client = crate::source::http::Client::from_env();
            let mut series: Vec<crate::domain::Series> = Vec::new();
            for (_, linked) in &targets {
                for l in linked {
                    if !series.contains(&l.series) {
                        series.push(l.series.clone());
                    }
                }
            }
            let obs =
                crate::source::fetch(&client, &series, &years).map_err(|e| CliError::Fetch {
                    error: e,
                    file: None,
                })?;
            let sources: Vec<&str> = Source::ALL
                .into_iter()
                .filter(|s| series.iter().any(|x| x.source == *s))
                .map(|s| match s {
                    Source::Kolada => client.kolada.as_str(),
                    Source::Sotkanet => client.sotkanet.as_str(),
                })
                .collect();
            (obs, sources.join(" "))
        }
    };
    let applied = store.apply_fetch(
        &targets,
        &observations,
        args.overwrite,
        args.dry_run,
        &Provenance {
            from: &from,
            at: &at,
            user: &crate::clock::os_user(),
        },
    )?;
    print!("{}", report(lang, &applied, args.dry_run));
    Ok(())
}

/// A figure as the language writes it; "no data" for none.
fn figure(lang: Lang, v: Option<f64>) -> String {
    match v {
        Some(x) => number(lang, x, 6),
        None => t(lang, "indicator.no_value").to_owned(),
    }
}

/// What the fetch did, per plan and indicator, and the counts.
pub fn report(lang: Lang, applied: &[(String, Vec<Applied>)], dry_run: bool) -> String {
    let mut s = String::new();
    if dry_run {
        s.push_str(t(lang, "fetch.dry_run"));
        s.push('\n');
    }
    let (mut written, mut revised, mut kept, mut same) = (0, 0, 0, 0);
    for (plan, rows) in applied {
        // A plan is named only over what changed in it.
        let mut named = false;
        let mut last: Option<(&str, usize)> = None;
        for a in rows {
            let line = match &a.decision {
                Decision::Write(v) => {
                    written += 1;
                    match a.before {
                        None => tf(
                            lang,
                            "fetch.new",
                            &[("period", &a.period), ("value", &figure(lang, *v))],
                        ),
                        Some(b) if b == *v => {
                            // Typed by hand before, the same figure: now fetched.
                            tf(
                                lang,
                                "fetch.now_fetched",
                                &[("period", &a.period), ("value", &figure(lang, *v))],
                            )
                        }
                        Some(b) => tf(
                            lang,
                            "fetch.changed",
                            &[
                                ("period", &a.period),
                                ("old", &figure(lang, b)),
                                ("new", &figure(lang, *v)),
                            ],
                        ),
                    }
                }
                Decision::Revise { value, revision } => {
                    revised += 1;
                    let key = match (revision.deleted, *value == revision.reported) {
                        (true, _) => "fetch.revised_deleted",
                        (false, true) => "fetch.revised_kept",
                        (false, false) => "fetch.revised",
                    };
                    tf(
                        lang,
                        key,
                        &[
                            ("period", &a.period),
                            ("old", &figure(lang, revision.reported)),
                            ("new", &figure(lang, revision.source)),
                        ],
                    )
                }
                Decision::KeepByHand { source } => {
                    kept += 1;
                    tf(
                        lang,
                        "fetch.kept_by_hand",
                        &[
                            ("period", &a.period),
                            ("value", &figure(lang, a.before.flatten())),
                            ("new", &figure(lang, *source)),
                        ],
                    )
                }
                Decision::Same | Decision::Skip => {
                    same += 1;
                    continue;
                }
            };
            if !named {
                s.push_str(&format!("{plan}\n"));
                named = true;
            }
            if last != Some((a.item.as_str(), a.number)) {
                let name = a
                    .name
                    .resolve(lang)
                    .map(|r| r.text.to_owned())
                    .unwrap_or_default();
                s.push_str(&format!(
                    "  {}#{} {}  ({})\n",
                    a.item,
                    a.number,
                    crate::display::sanitize(&name, false),
                    a.series
                ));
                last = Some((a.item.as_str(), a.number));
            }
            s.push_str(&format!("    {line}\n"));
        }
    }
    let parts = [
        plural(lang, "count.fetch_written", written),
        plural(lang, "count.fetch_revised", revised),
        plural(lang, "count.fetch_kept", kept),
        plural(lang, "count.fetch_same", same),
    ];
    s.push_str(&format!("{}\n", parts.join(", ")));
    s
}
