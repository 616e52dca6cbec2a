//! `strata indicator add|thresholds|value|remove`, `strata risk set|remove`
//! and `strata control add|remove`: an item's figures from the command line,
//! through the same store writes as the app. Texts are written in the
//! display language (`strata text` writes the others); numbers as the
//! language writes them (`82,5` or `82.5`).

use clap::{Subcommand, ValueEnum};

use super::{parse_address, CliError, Ctx};
use crate::domain::rules::{parse_number, text_fits};
use crate::domain::{Control, Direction, Indicator, IndicatorValue, Item, Lang, Risk, Text};
use crate::i18n::{plural, t, tf};
use crate::store::{Figures, Store, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    Higher,
    Lower,
}

impl From<DirectionArg> for Direction {
    fn from(d: DirectionArg) -> Direction {
        match d {
            DirectionArg::Higher => Direction::Higher,
            DirectionArg::Lower => Direction::Lower,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum IndicatorCommand {
    /// Add an indicator to an item
    Add {
        address: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long, value_enum, default_value_t = DirectionArg::Higher)]
        direction: DirectionArg,
        #[arg(long, allow_hyphen_values = true)]
        green: String,
        #[arg(long, allow_hyphen_values = true)]
        yellow: String,
        #[arg(long)]
        decimals: Option<u8>,
        #[arg(long, value_name = "SOURCE:ID:AREA[:GENDER]")]
        series: Option<String>,
    },
    /// Link an indicator to a Kolada or Sotkanet series, or unlink it
    Link {
        address: String,
        number: usize,
        #[arg(
            value_name = "SOURCE:ID:AREA[:GENDER]",
            required_unless_present = "clear"
        )]
        series: Option<String>,
        #[arg(long, conflicts_with = "series")]
        clear: bool,
    },
    /// Change an indicator's direction, green threshold and yellow band
    Thresholds {
        address: String,
        number: usize,
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        #[arg(long, allow_hyphen_values = true)]
        green: String,
        #[arg(long, allow_hyphen_values = true)]
        yellow: String,
        #[arg(long)]
        decimals: Option<u8>,
    },
    /// Record an indicator's value in a period, or that there is no data
    Value {
        address: String,
        number: usize,
        #[arg(allow_hyphen_values = true)]
        value: Option<String>,
        #[arg(long)]
        period: Option<String>,
        #[arg(long, conflicts_with = "value")]
        no_data: bool,
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove an indicator
    Remove {
        address: String,
        number: usize,
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum RiskCommand {
    /// Score an item as a risk: probability and consequence, 1–4
    Set {
        address: String,
        #[arg(long)]
        probability: u8,
        #[arg(long)]
        consequence: u8,
    },
    /// Remove an item's risk
    Remove {
        address: String,
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ControlCommand {
    /// Add a control moment to an item's risk
    Add {
        address: String,
        #[arg(long)]
        what: String,
        #[arg(long)]
        how: Option<String>,
        #[arg(long)]
        frequency: Option<String>,
        #[arg(long)]
        performer: Option<String>,
        #[arg(long)]
        responsible: Option<String>,
    },
    /// Remove a control moment
    Remove { address: String, number: usize },
}

pub const INDICATOR_HELP: &[(&str, &[&str])] = &[
    (
        "add",
        &[
            "address",
            "name",
            "unit",
            "source",
            "direction",
            "green",
            "yellow",
            "decimals",
            "series",
        ],
    ),
    ("link", &["address", "number", "series", "clear"]),
    (
        "thresholds",
        &[
            "address",
            "number",
            "direction",
            "green",
            "yellow",
            "decimals",
        ],
    ),
    (
        "value",
        &["address", "number", "value", "period", "no_data", "note"],
    ),
    ("remove", &["address", "number", "force"]),
];

pub const RISK_HELP: &[(&str, &[&str])] = &[
    ("set", &["address", "probability", "consequence"]),
    ("remove", &["address", "force"]),
];

pub const CONTROL_HELP: &[(&str, &[&str])] = &[
    (
        "add",
        &[
            "address",
            "what",
            "how",
            "frequency",
            "performer",
            "responsible",
        ],
    ),
    ("remove", &["address", "number"]),
];

/// A text in the display language only, checked against the length rule.
fn text(lang: Lang, option: &'static str, v: Option<&str>) -> Result<Text, CliError> {
    let mut t = Text::default();
    if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
        text_fits(v).map_err(|e| CliError::Option(option, StoreError::from(e)))?;
        t.set(lang, Some(v.to_owned()));
    }
    Ok(t)
}

/// A series line (`kolada:N00945:2417`), refused with the part that is wrong.
pub fn parse_series(s: &str) -> Result<crate::domain::Series, CliError> {
    crate::domain::Series::parse(s).map_err(|error| CliError::BadSeries {
        value: s.to_owned(),
        error,
    })
}

fn figure(option: &'static str, s: &str) -> Result<f64, CliError> {
    parse_number(s).ok_or_else(|| CliError::NotANumber {
        option,
        value: s.to_owned(),
    })
}

/// The item as stored now, and its figures.
fn current(store: &Store, plan: &str, code: &str) -> Result<(Item, Figures), CliError> {
    let p = store.load_plan(plan)?;
    let item = p
        .find(code)
        .map(|(i, _)| i.clone())
        .ok_or_else(|| StoreError::UnknownItem {
            plan: plan.to_owned(),
            code: code.to_owned(),
        })?;
    let f = Figures::of(&item);
    Ok((item, f))
}

fn no_indicator(item: &str, n: usize) -> CliError {
    StoreError::UnknownIndicator {
        code: item.to_owned(),
        index: n.saturating_sub(1),
    }
    .into()
}

/// The name of an indicator or a control moment in the display language.
fn shown(t: &Text, lang: Lang) -> String {
    t.resolve(lang)
        .map(|r| r.text.to_owned())
        .unwrap_or_default()
}

pub fn indicator(ctx: &Ctx, cmd: IndicatorCommand) -> Result<(), CliError> {
    let lang = ctx.lang();
    let (user, at) = (crate::clock::os_user(), crate::clock::now_utc());
    let stamp = (user.as_str(), at.as_str());
    match cmd {
        IndicatorCommand::Add {
            address,
            name,
            unit,
            source,
            direction,
            green,
            yellow,
            decimals,
            series,
        } => {
            let (plan, code) = parse_address(&address)?;
            let ind = Indicator {
                decimals,
                name: text(lang, "--name", Some(&name))?,
                description: Text::default(),
                unit: text(lang, "--unit", unit.as_deref())?,
                source: text(lang, "--source", source.as_deref())?,
                direction: direction.into(),
                green: figure("--green", &green)?,
                yellow: figure("--yellow", &yellow)?,
                series: series.as_deref().map(parse_series).transpose()?,
                values: Vec::new(),
            };
            let mut store = ctx.open_for_write()?;
            let (_, old) = current(&store, plan, code)?;
            let mut new = old.clone();
            new.indicators.push(ind);
            store.replace_figures(plan, code, &new, Some(&old), stamp)?;
            println!(
                "{}",
                tf(
                    lang,
                    "figures.indicator_added",
                    &[
                        ("n", &new.indicators.len()),
                        ("item", &address),
                        ("name", &name.trim()),
                    ]
                )
            );
        }
        IndicatorCommand::Link {
            address,
            number: n,
            series,
            clear,
        } => {
            let (plan, code) = parse_address(&address)?;
            let series = match (&series, clear) {
                (Some(s), false) => Some(parse_series(s)?),
                _ => None,
            };
            let mut store = ctx.open_for_write()?;
            let (item, _) = current(&store, plan, code)?;
            if item.indicators.get(n.wrapping_sub(1)).is_none() {
                return Err(no_indicator(code, n));
            }
            store.set_series(plan, code, n - 1, series.as_ref(), stamp)?;
            let msg = match &series {
                Some(s) => tf(
                    lang,
                    "figures.linked",
                    &[("n", &n), ("item", &address), ("series", s)],
                ),
                None => tf(lang, "figures.unlinked", &[("n", &n), ("item", &address)]),
            };
            println!("{msg}");
        }
        IndicatorCommand::Thresholds {
            address,
            number: n,
            direction,
            green,
            yellow,
            decimals,
        } => {
            let (plan, code) = parse_address(&address)?;
            let (g, y) = (figure("--green", &green)?, figure("--yellow", &yellow)?);
            if let Some(d) = decimals.filter(|&d| d > crate::domain::rules::MAX_DECIMALS) {
                return Err(CliError::Option(
                    "--decimals",
                    StoreError::TooManyDecimals(d),
                ));
            }
            let mut store = ctx.open_for_write()?;
            let (item, _) = current(&store, plan, code)?;
            let ind = item
                .indicators
                .get(n.wrapping_sub(1))
                .ok_or_else(|| no_indicator(code, n))?;
            let d = direction.map_or(ind.direction, Direction::from);
            store.set_thresholds(plan, code, n - 1, d, g, y, &user, &at)?;
            if let Some(dec) = decimals {
                let (_, now) = current(&store, plan, code)?;
                let mut new = now.clone();
                new.indicators[n - 1].decimals = Some(dec);
                store.replace_figures(plan, code, &new, Some(&now), stamp)?;
            }
            let rule = crate::present::item::rule_text(lang, d, (g, y), &ind.unit);
            println!(
                "{}",
                tf(
                    lang,
                    "figures.thresholds_set",
                    &[
                        ("n", &n),
                        ("item", &address),
                        ("name", &shown(&ind.name, lang)),
                        ("rule", &rule),
                    ]
                )
            );
        }
        IndicatorCommand::Value {
            address,
            number: n,
            value,
            period,
            no_data,
            note,
        } => {
            let (plan, code) = parse_address(&address)?;
            let v = match (&value, no_data) {
                (Some(s), _) => Some(figure("VALUE", s)?),
                (None, true) => None,
                (None, false) if note.is_some() => None,
                (None, false) => return Err(CliError::NoValue),
            };
            let mut store = ctx.open_for_write()?;
            let period = match period {
                Some(p) => p,
                None => store
                    .default_period(plan, &crate::clock::today())?
                    .ok_or_else(|| StoreError::NoPeriods(plan.to_owned()))?,
            };
            let (item, old) = current(&store, plan, code)?;
            let ind = item
                .indicators
                .get(n.wrapping_sub(1))
                .ok_or_else(|| no_indicator(code, n))?;
            if value.is_some() || no_data {
                store.set_indicator_value(plan, code, n - 1, &period, Some(v), &user, &at)?;
            }
            if let Some(note) = &note {
                let (_, now) = current(&store, plan, code)?;
                let mut new = now.clone();
                let values = &mut new.indicators[n - 1].values;
                let row = match values.iter().position(|x| x.period == period) {
                    Some(i) => &mut values[i],
                    None => {
                        values.push(IndicatorValue {
                            period: period.clone(),
                            value: None,
                            note: Text::default(),
                            fetched: None,
                        });
                        values.last_mut().unwrap()
                    }
                };
                let cleared = note.trim().is_empty();
                if !cleared {
                    text_fits(note).map_err(|e| CliError::Option("--note", e.into()))?;
                }
                row.note
                    .set(lang, (!cleared).then(|| note.trim().to_owned()));
                store.replace_figures(plan, code, &new, Some(&now), stamp)?;
            }
            let _ = old;
            let shown_value = match v {
                Some(x) => {
                    let unit = shown(&ind.unit, lang);
                    let x = crate::i18n::number_as(lang, x, ind.decimals);
                    format!("{x}\u{a0}{unit}")
                        .trim_end_matches('\u{a0}')
                        .to_owned()
                }
                None => t(lang, "light.no_data").to_owned(),
            };
            println!(
                "{}",
                tf(
                    lang,
                    "figures.value_set",
                    &[
                        ("n", &n),
                        ("item", &address),
                        ("name", &shown(&ind.name, lang)),
                        ("period", &period),
                        ("value", &shown_value),
                    ]
                )
            );
        }
        IndicatorCommand::Remove {
            address,
            number: n,
            force,
        } => {
            let (plan, code) = parse_address(&address)?;
            let mut store = ctx.open_for_write()?;
            let (_, old) = current(&store, plan, code)?;
            let ind = old
                .indicators
                .get(n.wrapping_sub(1))
                .ok_or_else(|| no_indicator(code, n))?;
            let name = shown(&ind.name, lang);
            let values = ind.values.iter().filter(|v| v.value.is_some()).count();
            if values > 0 && !force {
                eprintln!(
                    "strata: {}",
                    tf(
                        lang,
                        "figures.indicator_has_values",
                        &[
                            ("n", &n),
                            ("item", &address),
                            ("name", &name),
                            ("values", &plural(lang, "count.values", values)),
                        ]
                    )
                );
                return Err(CliError::Reported(super::code::INPUT));
            }
            let mut new = old.clone();
            new.indicators.remove(n - 1);
            store.replace_figures(plan, code, &new, Some(&old), stamp)?;
            println!(
                "{}",
                tf(
                    lang,
                    "figures.indicator_removed",
                    &[("n", &n), ("item", &address), ("name", &name)]
                )
            );
        }
    }
    Ok(())
}

pub fn risk(ctx: &Ctx, cmd: RiskCommand) -> Result<(), CliError> {
    let lang = ctx.lang();
    let (user, at) = (crate::clock::os_user(), crate::clock::now_utc());
    match cmd {
        RiskCommand::Set {
            address,
            probability: p,
            consequence: c,
        } => {
            let (plan, code) = parse_address(&address)?;
            let mut store = ctx.open_for_write()?;
            let (_, old) = current(&store, plan, code)?;
            if old.risk.is_some() {
                store.set_risk(plan, code, p, c, &user, &at)?;
            } else {
                let mut new = old.clone();
                new.risk = Some(Risk {
                    probability: p,
                    consequence: c,
                    controls: Vec::new(),
                });
                store.replace_figures(plan, code, &new, Some(&old), (&user, &at))?;
            }
            let a = crate::domain::risk::Assessment::new(p, c)
                .ok_or(StoreError::OutOfScale(p.max(c)))?;
            println!(
                "{}",
                tf(
                    lang,
                    "figures.risk_set",
                    &[
                        ("item", &address),
                        ("p", &p),
                        ("c", &c),
                        ("score", &a.score()),
                        ("band", &t(lang, &format!("band.{}", a.band().key()))),
                    ]
                )
            );
        }
        RiskCommand::Remove { address, force } => {
            let (plan, code) = parse_address(&address)?;
            let mut store = ctx.open_for_write()?;
            let (_, old) = current(&store, plan, code)?;
            let Some(r) = &old.risk else {
                return Err(StoreError::NotARisk(code.to_owned()).into());
            };
            if !r.controls.is_empty() && !force {
                eprintln!(
                    "strata: {}",
                    tf(
                        lang,
                        "figures.risk_has_controls",
                        &[
                            ("item", &address),
                            (
                                "controls",
                                &plural(lang, "count.controls", r.controls.len())
                            ),
                        ]
                    )
                );
                return Err(CliError::Reported(super::code::INPUT));
            }
            let mut new = old.clone();
            new.risk = None;
            store.replace_figures(plan, code, &new, Some(&old), (&user, &at))?;
            println!(
                "{}",
                tf(lang, "figures.risk_removed", &[("item", &address)])
            );
        }
    }
    Ok(())
}

pub fn control(ctx: &Ctx, cmd: ControlCommand) -> Result<(), CliError> {
    let lang = ctx.lang();
    let (user, at) = (crate::clock::os_user(), crate::clock::now_utc());
    let stamp = (user.as_str(), at.as_str());
    match cmd {
        ControlCommand::Add {
            address,
            what,
            how,
            frequency,
            performer,
            responsible,
        } => {
            let (plan, code) = parse_address(&address)?;
            let c = Control {
                what: text(lang, "--what", Some(&what))?,
                how: text(lang, "--how", how.as_deref())?,
                frequency: text(lang, "--frequency", frequency.as_deref())?,
                performer: text(lang, "--performer", performer.as_deref())?,
                responsible: text(lang, "--responsible", responsible.as_deref())?,
            };
            let mut store = ctx.open_for_write()?;
            let (_, old) = current(&store, plan, code)?;
            let mut new = old.clone();
            let Some(r) = new.risk.as_mut() else {
                return Err(StoreError::NotARisk(code.to_owned()).into());
            };
            r.controls.push(c);
            let n = r.controls.len();
            store.replace_figures(plan, code, &new, Some(&old), stamp)?;
            println!(
                "{}",
                tf(
                    lang,
                    "figures.control_added",
                    &[("n", &n), ("item", &address), ("what", &what.trim())]
                )
            );
        }
        ControlCommand::Remove { address, number: n } => {
            let (plan, code) = parse_address(&address)?;
            let mut store = ctx.open_for_write()?;
            let (_, old) = current(&store, plan, code)?;
            let mut new = old.clone();
            let Some(r) = new.risk.as_mut() else {
                return Err(StoreError::NotARisk(code.to_owned()).into());
            };
            if n == 0 || n > r.controls.len() {
                return Err(StoreError::UnknownControl {
                    code: code.to_owned(),
                    index: n.saturating_sub(1),
                }
                .into());
            }
            let gone = r.controls.remove(n - 1);
            store.replace_figures(plan, code, &new, Some(&old), stamp)?;
            println!(
                "{}",
                tf(
                    lang,
                    "figures.control_removed",
                    &[
                        ("n", &n),
                        ("item", &address),
                        ("what", &shown(&gone.what, lang))
                    ]
                )
            );
        }
    }
    Ok(())
}
