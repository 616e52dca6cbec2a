//! `strata plans`, `strata periods`, `strata remove-plan`, `strata log`.

use super::{parse_address, CliError, Ctx};
use crate::cli::out::safe;
use crate::display::{pad, width};
use crate::i18n::{date_time, plural, t, tf};

pub fn list(ctx: &Ctx) -> Result<(), CliError> {
    let store = ctx.open()?;
    let out = ctx.out;
    let lang = out.lang;
    let plans = store.plans()?;
    if plans.is_empty() {
        println!("{}", t(lang, "status.no_plans"));
        return Ok(());
    }
    let cw = plans.iter().map(|p| width(&p.code)).max().unwrap_or(4);
    for p in plans {
        let years = crate::domain::rules::years_text(p.start_year, p.end_year);
        // Every item of every level; `strata status` counts the items
        // followed up (measures, and parents with a status of their own).
        let mut meta = vec![plural(lang, "count.items_all", p.items)];
        if !years.is_empty() {
            meta.insert(0, years);
        }
        if p.example {
            meta.push(t(lang, "plans.example").to_owned());
        }
        let meta = format!("({})", meta.join(", "));
        let title = out.text(&p.title);
        let room = out.width.saturating_sub(cw + 2 + 2 + width(&meta));
        if width(&title) <= room || room >= 40 {
            let title = crate::display::truncate(&title, room).into_owned();
            println!("{}  {title}  {meta}", pad(&p.code, cw));
        } else {
            // Too narrow for both: the title gets the line, the counts the
            // next, under it.
            let room = out.width.saturating_sub(cw + 2);
            let title = crate::display::truncate(&title, room).into_owned();
            println!("{}  {title}", pad(&p.code, cw));
            println!("{}  {meta}", " ".repeat(cw));
        }
    }
    Ok(())
}

pub fn periods(
    ctx: &Ctx,
    only: Option<&str>,
    format: super::round::OutFormat,
) -> Result<(), CliError> {
    let store = ctx.open()?;
    let out = ctx.out;
    let lang = out.lang;
    let plans = store.plans()?;
    if let Some(code) = only {
        if !plans.iter().any(|p| p.code == code) {
            return Err(crate::store::StoreError::UnknownPlan(code.to_owned()).into());
        }
    }
    let today = crate::clock::today();
    if format == super::round::OutFormat::Json {
        let mut doc = Vec::new();
        for p in plans.iter().filter(|p| only.is_none_or(|c| c == p.code)) {
            let full = store.load_plan(&p.code)?;
            let default = full.default_period(&today).map(|x| x.code.clone());
            let periods: Vec<_> = p
                .periods
                .iter()
                .map(|per| {
                    serde_json::json!({
                        "code": per.code,
                        "label": per.label.resolve(lang).map(|s| s.text.to_owned()),
                        "start": per.start,
                        "end": per.end,
                        "deadline": per.deadline,
                        "days_left": per.days_left(&today),
                        "closed": per.closed.as_ref().map(|c| serde_json::json!({"at": c.at, "by": c.by})),
                        "default": default.as_deref() == Some(per.code.as_str()),
                    })
                })
                .collect();
            doc.push(serde_json::json!({"plan": p.code, "periods": periods}));
        }
        let doc = serde_json::json!({ "today": today, "plans": doc });
        println!("{}", serde_json::to_string_pretty(&doc).expect("json"));
        return Ok(());
    }
    for p in plans.iter().filter(|p| only.is_none_or(|c| c == p.code)) {
        println!("{}", out.bold(&p.code));
        if p.periods.is_empty() {
            println!("  {}", t(lang, "status.no_periods"));
        }
        let cw = p.periods.iter().map(|x| width(&x.code)).max().unwrap_or(4);
        let full = store.load_plan(&p.code)?;
        let default = full.default_period(&today).map(|x| x.code.clone());
        for per in &p.periods {
            let dates = match (&per.start, &per.end) {
                (Some(a), Some(b)) => format!(
                    "{} – {}",
                    crate::i18n::date(lang, a),
                    crate::i18n::date(lang, b)
                ),
                _ => String::new(),
            };
            let mut mark = String::new();
            if per.is_closed() {
                mark.push_str(&format!("  · {}", t(lang, "label.period_closed")));
            }
            if let Some(d) = &per.deadline {
                mark.push_str(&format!(
                    "  · {}",
                    tf(
                        lang,
                        "period.deadline",
                        &[("date", &crate::i18n::date(lang, d))]
                    )
                ));
            }
            if default.as_deref() == Some(per.code.as_str()) {
                mark.push_str(&format!("  ← {}", t(lang, "periods.default")));
            }
            println!(
                "  {}  {}  {}{}",
                pad(&per.code, cw),
                pad(&out.text(&per.label), 14),
                dates,
                mark
            );
        }
    }
    Ok(())
}

pub fn remove(ctx: &Ctx, code: &str) -> Result<(), CliError> {
    let mut store = ctx.open_for_write()?;
    store.remove_plan(code, &crate::clock::os_user(), &crate::clock::now_utc())?;
    println!("{}", tf(ctx.lang(), "plans.removed", &[("plan", &code)]));
    Ok(())
}

pub fn log(
    ctx: &Ctx,
    address: &str,
    limit: usize,
    since: Option<&str>,
    period: Option<&str>,
) -> Result<(), CliError> {
    let (plan, item) = if address.contains(':') {
        let (p, i) = parse_address(address)?;
        (p, Some(i))
    } else {
        (address, None)
    };
    let store = ctx.open()?;
    let out = ctx.out;
    let lang = out.lang;
    if let Some(d) = since {
        if !crate::domain::rules::date_ok(d) {
            return Err(CliError::BadDate(d.to_owned()));
        }
    }
    // "Since the period began": its first day, or, when it has none, its
    // first follow-up.
    let since = match period {
        Some(p) => {
            let full = store.load_plan(plan)?;
            let per = full
                .period(p)
                .ok_or_else(|| crate::store::StoreError::UnknownPeriod {
                    plan: plan.to_owned(),
                    code: p.to_owned(),
                })?;
            per.start.clone().or_else(|| {
                full.walk()
                    .iter()
                    .flat_map(|(_, i)| i.assessments.iter())
                    .filter(|a| a.period == p)
                    .map(|a| a.at.clone())
                    .min()
            })
        }
        None => since.map(str::to_owned),
    };
    let rows = store.changes_since(plan, item, since.as_deref(), limit)?;
    if rows.is_empty() {
        println!("{}", t(lang, "log.empty"));
        return Ok(());
    }
    for r in rows {
        let what = match (&r.item, &r.period) {
            (Some(i), Some(p)) => format!("{}:{i} ({p})", r.plan),
            (Some(i), None) => format!("{}:{i}", r.plan),
            _ => r.plan.clone(),
        };
        let name = crate::messages::log_field(lang, &r.field);
        let field = match r.lang {
            Some(l) => format!("{name} ({})", l.code()),
            None => name,
        };
        let show = |v: &Option<String>| crate::messages::log_value(lang, &r.field, v.as_deref());
        let line = format!(
            "{} · {} · {} · {}: {} → {}\n",
            date_time(lang, &r.at),
            safe(&r.user),
            what,
            field,
            show(&r.old),
            show(&r.new)
        );
        print!("{}", crate::cli::out::fit_block(&line, out.width));
    }
    Ok(())
}

/// `strata check`: SQLite's integrity check of the whole file. Sound: says
/// so, exit 0. Damaged: how many problems, the first of them, and what to
/// do (exit 3); nothing is written either way.
pub fn check(ctx: &Ctx) -> Result<(), CliError> {
    let lang = ctx.lang();
    let store = crate::store::Store::open_existing(&ctx.db, crate::store::Mode::ReadOnly)?;
    let path = ctx.db.display().to_string();
    // A page too damaged to walk stops the check itself: that is its finding.
    let mut found = match store.integrity_check() {
        Ok(found) => found,
        Err(crate::store::StoreError::Damaged { what, .. }) => {
            vec![crate::messages::damage(lang, &what)]
        }
        Err(e) => return Err(e.into()),
    };
    // Texts that are not UTF-8, which SQLite's check does not look for
    // (only where the file could be walked).
    if found.is_empty() {
        found.extend(
            store
                .texts_not_utf8()?
                .into_iter()
                .map(|(table, column, row)| {
                    tf(
                        lang,
                        "check.not_utf8_at",
                        &[("table", &table), ("column", &column), ("row", &row)],
                    )
                }),
        );
    }
    if found.is_empty() {
        println!("{}", tf(lang, "check.sound", &[("path", &path)]));
        return Ok(());
    }
    println!(
        "{}",
        tf(
            lang,
            "check.damaged",
            &[
                ("path", &path),
                (
                    "n",
                    &crate::i18n::plural(lang, "count.problems", found.len())
                ),
            ]
        )
    );
    for line in found.iter().take(10) {
        println!("  {}", crate::display::sanitize(line, false));
    }
    if found.len() > 10 {
        println!("  …");
    }
    println!("{}", crate::i18n::t(lang, "check.restore"));
    Err(CliError::Reported(super::code::DATABASE))
}

/// `strata edit-plan PLAN [--code NEW] [--years 2026–2029]`.
pub fn edit(
    ctx: &Ctx,
    plan: &str,
    code: Option<&str>,
    years: Option<&str>,
) -> Result<(), CliError> {
    let lang = ctx.lang();
    let years = match years {
        Some(y) => Some(
            crate::domain::rules::parse_years(y)
                .ok_or_else(|| CliError::Option("--years", crate::store::StoreError::BadYears))?,
        ),
        None => None,
    };
    if code.is_none() && years.is_none() {
        return Err(CliError::NothingToEdit);
    }
    let mut store = ctx.open_for_write()?;
    let (user, at) = (crate::clock::os_user(), crate::clock::now_utc());
    store.edit_plan(plan, code, years, (&user, &at))?;
    let now = code.unwrap_or(plan);
    let p = store.load_plan(now)?;
    println!(
        "{}",
        tf(
            lang,
            "msg.plan_edited",
            &[
                ("plan", &now),
                (
                    "years",
                    &crate::domain::rules::years_text(p.start_year, p.end_year)
                ),
            ]
        )
    );
    Ok(())
}
