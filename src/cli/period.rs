//! `strata period add|edit|close|reopen|remove PLAN PERIOD …`: a follow-up
//! period's life, from the command line, through the same store writes as
//! the app.

use clap::Subcommand;

use super::{CliError, Ctx};
use crate::domain::{Field, Text, TextAt};
use crate::i18n::{plural, tf};
use crate::store::{NewPeriod, PeriodDates, StoreError, TextWrite};

#[derive(Subcommand, Debug)]
pub enum PeriodCommand {
    /// Add a follow-up period after the plan's last one
    Add {
        plan: String,
        period: String,
        /// How the period is written, in the display language ("01–12/2026")
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        /// First day, YYYY-MM-DD (default: from the code, e.g. 2026 or 2026-H1)
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Last day, YYYY-MM-DD (default: from the code)
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// The day by which every follow-up is due, YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        deadline: Option<String>,
        /// Start from the previous period's statuses, marked as carried over
        #[arg(long)]
        carry_over: bool,
    },
    /// Change a period's label, dates or deadline ("" clears a date)
    Edit {
        plan: String,
        period: String,
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        #[arg(long, value_name = "DATE")]
        deadline: Option<String>,
    },
    /// Close a period for the board: its follow-ups can no longer be changed
    Close { plan: String, period: String },
    /// Reopen a closed period
    Reopen { plan: String, period: String },
    /// Remove a period and everything recorded in it
    Remove {
        plan: String,
        period: String,
        /// Remove it even though it holds follow-ups
        #[arg(long)]
        force: bool,
    },
}

/// The help texts of `strata period …`, as catalog keys
/// (`cli.period.<sub>.<arg>`).
pub const HELP: &[(&str, &[&str])] = &[
    (
        "add",
        &[
            "plan",
            "period",
            "label",
            "start",
            "end",
            "deadline",
            "carry_over",
        ],
    ),
    (
        "edit",
        &["plan", "period", "label", "start", "end", "deadline"],
    ),
    ("close", &["plan", "period"]),
    ("reopen", &["plan", "period"]),
    ("remove", &["plan", "period", "force"]),
];

/// A date option: `""` clears it; anything else must be `YYYY-MM-DD`.
fn date_arg<'a>(
    flag: &'static str,
    v: &'a Option<String>,
) -> Result<Option<Option<&'a str>>, CliError> {
    match v.as_deref() {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(d) if crate::domain::rules::date_ok(d) => Ok(Some(Some(d))),
        Some(d) => Err(CliError::Option(flag, StoreError::BadDate(d.to_owned()))),
    }
}

pub fn run(ctx: &Ctx, cmd: PeriodCommand) -> Result<(), CliError> {
    let lang = ctx.lang();
    let user = crate::clock::os_user();
    let at = crate::clock::now_utc();
    let say = |key: &str, plan: &str, period: &str| {
        println!("{}", tf(lang, key, &[("plan", &plan), ("period", &period)]));
    };
    match cmd {
        PeriodCommand::Add {
            plan,
            period,
            label,
            start,
            end,
            deadline,
            carry_over,
        } => {
            // Every option is checked before the file is touched.
            let start = date_arg("--start", &start)?.flatten();
            let end = date_arg("--end", &end)?.flatten();
            let deadline = date_arg("--deadline", &deadline)?.flatten();
            if let Some(l) = &label {
                crate::domain::rules::text_fits(l)
                    .map_err(|e| CliError::Option("--label", StoreError::from(e)))?;
            }
            let guessed = crate::domain::plan::period_dates(&period);
            let mut text = Text::default();
            text.set(lang, label.filter(|l| !l.trim().is_empty()));
            let mut store = ctx.open_for_write()?;
            store.add_period(
                &NewPeriod {
                    plan: &plan,
                    code: &period,
                    label: text,
                    start: start.or(guessed.as_ref().map(|d| d.0.as_str())),
                    end: end.or(guessed.as_ref().map(|d| d.1.as_str())),
                    deadline,
                    carry_over,
                },
                &user,
                &at,
            )?;
            say("period.added", &plan, &period);
            if carry_over {
                let p = store.load_plan_in(&plan, Some(&period))?;
                let carried = p
                    .walk()
                    .iter()
                    .filter(|(_, it)| it.current(&period).is_some_and(|a| a.is_carried()))
                    .count();
                let from = p
                    .periods
                    .iter()
                    .rev()
                    .nth(1)
                    .map(|x| x.code.clone())
                    .unwrap_or_default();
                println!(
                    "{}",
                    tf(
                        lang,
                        "period.carried",
                        &[
                            ("statuses", &plural(lang, "count.statuses", carried)),
                            ("from", &from),
                        ]
                    )
                );
            }
        }
        PeriodCommand::Edit {
            plan,
            period,
            label,
            start,
            end,
            deadline,
        } => {
            let dates = PeriodDates {
                start: date_arg("--start", &start)?,
                end: date_arg("--end", &end)?,
                deadline: date_arg("--deadline", &deadline)?,
            };
            if dates.is_empty() && label.is_none() {
                return Err(CliError::NothingToSet);
            }
            let mut store = ctx.open_for_write()?;
            if !dates.is_empty() {
                store.set_period_dates(&plan, &period, &dates, &user, &at)?;
            }
            if let Some(l) = &label {
                let field = Field::PeriodLabel(period.clone());
                let address =
                    TextAt::plan_text(&plan, field).expect("a period label is a plan's text");
                let value = Some(l.as_str()).filter(|l| !l.trim().is_empty());
                store.set_text(&TextWrite::new(&address, lang, value, &user, &at))?;
            }
            say("period.edited", &plan, &period);
        }
        PeriodCommand::Close { plan, period } => {
            let mut store = ctx.open_for_write()?;
            let key = match store.set_period_closed(&plan, &period, true, &user, &at)? {
                true => "period.closed",
                false => "period.already_closed",
            };
            say(key, &plan, &period);
        }
        PeriodCommand::Reopen { plan, period } => {
            let mut store = ctx.open_for_write()?;
            let key = match store.set_period_closed(&plan, &period, false, &user, &at)? {
                true => "period.reopened",
                false => "period.already_open",
            };
            say(key, &plan, &period);
        }
        PeriodCommand::Remove {
            plan,
            period,
            force,
        } => {
            let mut store = ctx.open_for_write()?;
            let (follow_ups, values) = store.period_contents(&plan, &period)?;
            store.remove_period(&plan, &period, force, &user, &at)?;
            println!(
                "{}",
                tf(
                    lang,
                    "period.removed",
                    &[
                        ("plan", &plan),
                        ("period", &period),
                        ("follow_ups", &plural(lang, "count.follow_ups", follow_ups)),
                        ("values", &plural(lang, "count.values", values)),
                    ]
                )
            );
        }
    }
    Ok(())
}
