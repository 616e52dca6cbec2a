//! `strata round [--plan P]… [--period P] [--by item|owner] [--format
//! text|json]`: where a follow-up round stands, for the coordinator who
//! chases it; and `strata status --short`, one line per plan for the
//! manager. Both from [`crate::present::round`].

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

use super::out::Out;
use super::{CliError, Ctx};
use crate::display::{pad, truncate, width};
use crate::domain::{Counts, Light, Plan, Said, Status};
use crate::i18n::{date, plural, t, tf};
use crate::present::round::{round_grouped, round_of_part, By, Parts, Round};
use crate::store::{Grouping, RoundAsk};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Item,
    Owner,
    Contact,
}

impl From<ByArg> for By {
    fn from(b: ByArg) -> By {
        match b {
            ByArg::Item => By::Item,
            ByArg::Owner => By::Owner,
            ByArg::Contact => By::Contact,
        }
    }
}

/// `text` for reading, `json` for scripts (docs/JSON.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    #[default]
    Text,
    Json,
}

/// The plans asked for (all when none), each with the period shown (the
/// one asked for, else its default), from one snapshot of the file: each
/// read by `read` (the part a command prints), `plan_of` giving its head.
pub fn load_with<T>(
    ctx: &Ctx,
    only_plans: &[String],
    period: Option<&str>,
    read: impl Fn(&crate::store::Store, &str, Option<&str>) -> Result<T, crate::store::StoreError>,
    plan_of: impl Fn(&T) -> &Plan,
) -> Result<Vec<(T, Option<String>)>, CliError> {
    let store = ctx.open()?;
    let today = crate::clock::today();
    let plans = store.snapshot(|store| {
        let codes = if only_plans.is_empty() {
            store.plan_codes()?
        } else {
            only_plans.to_vec()
        };
        let mut plans = Vec::new();
        for code in &codes {
            let shown = match period {
                Some(p) => Some(p.to_owned()),
                None => store.default_period(code, &today)?,
            };
            plans.push((read(store, code, shown.as_deref())?, shown));
        }
        Ok(plans)
    })?;
    // A period asked for must exist in a plan asked for by name; across all
    // plans, those without it are left out, and none having it is an error.
    let mut kept = Vec::new();
    for (read, shown) in plans {
        let plan = plan_of(&read);
        if let Some(code) = period {
            if plan.period(code).is_none() {
                if only_plans.is_empty() {
                    continue;
                }
                return Err(crate::store::StoreError::UnknownPeriod {
                    plan: plan.code.clone(),
                    code: code.to_owned(),
                }
                .into());
            }
        }
        kept.push((read, shown));
    }
    if kept.is_empty() {
        if let Some(code) = period {
            return Err(CliError::UnknownPeriodAnywhere(code.to_owned()));
        }
    }
    Ok(kept)
}

pub fn run(
    ctx: &Ctx,
    only_plans: &[String],
    period: Option<&str>,
    by: By,
    format: OutFormat,
) -> Result<(), CliError> {
    let today = crate::clock::today();
    let out = ctx.out;
    let rounds: Vec<Round> = match by {
        // By top-level item: from each plan's summary and the items listed.
        By::Item => {
            let ask = RoundAsk {
                per_top: match format {
                    OutFormat::Text => Some(0),
                    OutFormat::Json => None,
                },
                stale: match format {
                    OutFormat::Text => STALE_TEXT,
                    OutFormat::Json => STALE_JSON,
                },
            };
            rounds_by_item(ctx, only_plans, period, ask, &today)?
        }
        // By owner or contact: the groups counted by the store.
        By::Owner | By::Contact => {
            let grouping = match by {
                By::Owner => Grouping::Owner,
                _ => Grouping::Contact,
            };
            let ask = RoundAsk {
                per_top: Some(0),
                stale: match format {
                    OutFormat::Text => STALE_TEXT,
                    OutFormat::Json => STALE_JSON,
                },
            };
            let json = format == OutFormat::Json;
            let plans = load_with(
                ctx,
                only_plans,
                period,
                |store, code, shown| {
                    Ok((
                        store.load_plan_round(code, shown, ask)?,
                        store.round_groups(code, shown, grouping, json)?,
                    ))
                },
                |(rp, _)| &rp.part.plan,
            )?;
            let contacts = ctx.open()?.contacts()?;
            plans
                .iter()
                .map(|((rp, groups), shown)| {
                    let (p, lang) = (Parts::from(rp), out.lang);
                    round_grouped(p, groups, by, &contacts, shown.as_deref(), &today, lang)
                })
                .collect()
        }
    };
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    match format {
        OutFormat::Json => {
            let doc = RoundsJson {
                today: today.clone(),
                by: match by {
                    By::Item => "item",
                    By::Owner => "owner",
                    By::Contact => "contact",
                },
                plans: rounds.iter().map(|r| RoundJson::of(r, true)).collect(),
            };
            let _ = writeln!(w, "{}", serde_json::to_string_pretty(&doc).expect("json"));
        }
        OutFormat::Text => {
            if rounds.is_empty() {
                let _ = writeln!(w, "{}", t(out.lang, "status.no_plans"));
            }
            for (i, r) in rounds.iter().enumerate() {
                if i > 0 {
                    let _ = writeln!(w);
                }
                let block = render(r, by, out);
                let _ = write!(w, "{}", super::out::fit_block(&block, out.width));
            }
        }
    }
    Ok(())
}

/// How many of the items updated longest ago a round lists as text, and
/// in JSON.
const STALE_TEXT: usize = 5;
pub const STALE_JSON: usize = 10;

/// Each plan's round grouped by top-level item, read as far as `ask`
/// lists (see [`crate::store::Store::load_plan_round`]); a summary that
/// had to be computed is kept for the next reader.
pub fn rounds_by_item(
    ctx: &Ctx,
    only_plans: &[String],
    period: Option<&str>,
    ask: RoundAsk,
    today: &str,
) -> Result<Vec<Round>, CliError> {
    let plans = load_with(
        ctx,
        only_plans,
        period,
        |store, code, shown| store.load_plan_round(code, shown, ask),
        |rp| &rp.part.plan,
    )?;
    let computed = plans
        .iter()
        .filter_map(|(rp, _)| rp.part.summary.as_deref())
        .filter(|s| !s.stored);
    let mut computed = computed.peekable();
    if computed.peek().is_some() {
        let mut store = ctx.open()?;
        for s in computed {
            store.keep_summary(s);
        }
    }
    Ok(plans
        .iter()
        .map(|(rp, shown)| {
            let parts = Parts::from(rp);
            round_of_part(parts, shown.as_deref(), today, ctx.out.lang)
        })
        .collect())
}

/// "due 31 Jan 2027 · 61 days left", "… · ⚠ overdue by 3 days" (red).
pub fn deadline_text(r: &Round, out: Out) -> Option<String> {
    let p = r.period.as_ref()?;
    let (when, left, overdue) =
        crate::present::round::deadline_words(p, &crate::clock::today(), out.lang)?;
    let left = match overdue {
        true => out.paint(Status::OffTrack, &format!("⚠ {left}")),
        false => left,
    };
    Some(format!("{when} · {left}"))
}

/// "assessed 1 of 7 (14 %) · ↻ 6 carried over · · 0 not assessed".
fn progress(c: &Counts, out: Out) -> String {
    let lang = out.lang;
    let open = c.get(Status::NotAssessed) - c.carried;
    format!(
        "{}  ↻ {}  {}",
        tf(
            lang,
            "round.assessed",
            &[
                ("n", &c.assessed()),
                ("of", &c.total()),
                ("share", &crate::present::round::share(c)),
            ]
        ),
        plural(lang, "count.carried_round", c.carried),
        out.paint(
            Status::NotAssessed,
            &format!("· {}", plural(lang, "count.not_assessed", open))
        ),
    )
}

/// One plan's round as text.
pub fn render(r: &Round, by: By, out: Out) -> String {
    let lang = out.lang;
    let mut s = String::new();
    s.push_str(&out.bold(&out.fit(&format!("{}  {}", r.plan, r.title), 0)));
    s.push('\n');
    let Some(p) = &r.period else {
        s.push_str(&format!("  {}\n", t(lang, "status.no_periods")));
        return s;
    };
    let label = out.text(&p.label);
    let mut head = tf(
        lang,
        "status.period",
        &[(
            "period",
            &if label.is_empty() {
                p.code.clone()
            } else {
                label
            },
        )],
    );
    if p.is_closed() {
        head = format!("{head} · {}", t(lang, "label.period_closed"));
    }
    if let Some(d) = deadline_text(r, out) {
        head = format!("{head} · {d}");
    }
    s.push_str(&format!("  {head}\n"));
    s.push_str(&format!("  {}\n", progress(&r.counts, out)));
    if r.said.total() > 0 {
        s.push_str(&format!("  {}\n", super::status::said_line(&r.said, out)));
    }
    let heading = match by {
        By::Item => "round.by_item",
        By::Owner => "round.by_owner",
        By::Contact => "round.by_contact",
    };
    s.push_str(&format!("\n  {}\n", out.bold(t(lang, heading))));
    let key_w = match by {
        By::Item => r.groups.iter().map(|g| width(&g.key)).max().unwrap_or(1),
        By::Owner | By::Contact => 0,
    };
    // The columns as wide as the largest group needs (at least as before).
    let digits = |n: usize| n.to_string().len();
    let most = r.groups.iter().map(|g| g.counts.total()).max().unwrap_or(0);
    let (n_w, c_w) = (digits(most).max(4), digits(most).max(3));
    for g in &r.groups {
        let c = &g.counts;
        let open = c.get(Status::NotAssessed) - c.carried;
        let nums = format!(
            "{:>n_w$}/{:<n_w$}{:>4} %  ↻{:>c_w$}  ·{:>c_w$}",
            c.assessed(),
            c.total(),
            crate::present::round::share(c),
            c.carried,
            open
        );
        let name = match by {
            By::Item => format!("{} {}", pad(&g.key, key_w), g.title),
            By::Owner if g.key.is_empty() => t(lang, "round.no_owner").to_owned(),
            By::Contact if g.key.is_empty() => t(lang, "round.no_contact").to_owned(),
            By::Owner | By::Contact => g.title.clone(),
        };
        let room = out.width.saturating_sub(4 + width(&nums) + 2).max(10);
        let mark = if c.assessed() == c.total() {
            out.paint(Status::OnTrack, "✓")
        } else {
            " ".to_owned()
        };
        s.push_str(&format!(
            "  {mark} {}  {nums}\n",
            pad(&truncate(&name, room), room)
        ));
    }
    if !r.revised.is_empty() {
        s.push_str(&format!("\n  {}\n", out.bold(t(lang, "revised.head"))));
        for rv in &r.revised {
            s.push_str(&format!("    ⚠ {}\n", rv.text));
        }
    }
    // The items updated longest ago, never first.
    let stale: Vec<_> = r.stale.iter().take(STALE_TEXT).collect();
    if !stale.is_empty() {
        s.push_str(&format!("\n  {}\n", out.bold(t(lang, "round.stale"))));
        for st in stale {
            let when = match &st.at {
                Some(at) => date(lang, at),
                None => t(lang, "round.never").to_owned(),
            };
            let head = format!("{} {}", st.code, st.title);
            let room = out.width.saturating_sub(6 + width(&when) + 2).max(10);
            s.push_str(&format!(
                "    {}  {when}\n",
                pad(&truncate(&head, room), room)
            ));
        }
    }
    s
}

/// `strata status --short`: one line per plan: counts per status, the share
/// assessed, the deadline.
pub fn short_line(r: &Round, out: Out) -> String {
    let lang = out.lang;
    let Some(p) = &r.period else {
        return format!("{}  {}", r.plan, t(lang, "status.no_periods"));
    };
    let mut parts = vec![r.plan.clone(), p.code.clone()];
    let counts: Vec<String> = Status::BY_ATTENTION
        .iter()
        .map(|&st| out.paint(st, &format!("{}{}", st.symbol(), r.counts.get(st))))
        .collect();
    let mut counts = counts.join(" ");
    if r.counts.carried > 0 {
        counts.push_str(&format!(" (↻{})", r.counts.carried));
    }
    parts.push(counts);
    parts.push(tf(lang, "round.share", &[("share", &r.share_assessed())]));
    if p.is_closed() {
        parts.push(t(lang, "label.period_closed").to_owned());
    }
    if let Some(d) = deadline_text(r, out) {
        parts.push(d);
    }
    parts.join("  ")
}

// ------------------------------------------------------------------ JSON

/// `strata round --format json` and `strata status --format json`: the
/// schema is docs/JSON.md; field names do not change with the language.
#[derive(Serialize)]
pub struct RoundsJson {
    pub today: String,
    pub by: &'static str,
    pub plans: Vec<RoundJson>,
}

#[derive(Serialize)]
pub struct CountsJson {
    pub total: usize,
    pub assessed: usize,
    pub share_assessed: u32,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub done: usize,
    /// Not assessed, the carried over included.
    pub not_assessed: usize,
    pub carried_over: usize,
}

impl CountsJson {
    pub fn of(c: &Counts) -> CountsJson {
        CountsJson {
            total: c.total(),
            assessed: c.assessed(),
            share_assessed: crate::present::round::share(c),
            on_track: c.get(Status::OnTrack),
            at_risk: c.get(Status::AtRisk),
            off_track: c.get(Status::OffTrack),
            done: c.get(Status::Done),
            not_assessed: c.get(Status::NotAssessed),
            carried_over: c.carried,
        }
    }
}

#[derive(Serialize)]
pub struct SaidJson {
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
    pub no_data: usize,
    pub disagree: usize,
}

impl SaidJson {
    pub fn of(s: &Said) -> SaidJson {
        SaidJson {
            red: s.get(Light::Red),
            yellow: s.get(Light::Yellow),
            green: s.get(Light::Green),
            no_data: s.get(Light::NoData),
            disagree: s.disagree,
        }
    }
}

#[derive(Serialize)]
pub struct PeriodJson {
    pub code: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub deadline: Option<String>,
    pub days_left: Option<i64>,
    pub closed: bool,
}

#[derive(Serialize)]
pub struct GroupJson {
    pub key: String,
    pub title: String,
    pub counts: CountsJson,
    pub indicators_say: SaidJson,
    pub to_assess: Vec<String>,
}

#[derive(Serialize)]
pub struct StaleJson {
    pub code: String,
    pub updated: Option<String>,
}

#[derive(Serialize)]
pub struct RoundJson {
    pub plan: String,
    pub title: String,
    pub period: Option<PeriodJson>,
    pub counts: CountsJson,
    pub indicators_say: SaidJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub least_recently_updated: Option<Vec<StaleJson>>,
    /// Values the source revised after the period was reported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub revised: Vec<serde_json::Value>,
}

impl RoundJson {
    pub fn of(r: &Round, groups: bool) -> RoundJson {
        RoundJson {
            plan: r.plan.clone(),
            title: r.title.clone(),
            period: r.period.as_ref().map(|p| PeriodJson {
                code: p.code.clone(),
                start: p.start.clone(),
                end: p.end.clone(),
                deadline: p.deadline.clone(),
                days_left: r.days_left,
                closed: p.is_closed(),
            }),
            counts: CountsJson::of(&r.counts),
            indicators_say: SaidJson::of(&r.said),
            groups: groups.then(|| {
                r.groups
                    .iter()
                    .map(|g| GroupJson {
                        key: g.key.clone(),
                        title: g.title.clone(),
                        counts: CountsJson::of(&g.counts),
                        indicators_say: SaidJson::of(&g.said),
                        to_assess: g.to_assess.clone(),
                    })
                    .collect()
            }),
            revised: r.revised.iter().map(super::diff::revised_json).collect(),
            least_recently_updated: groups.then(|| {
                r.stale
                    .iter()
                    .take(STALE_JSON)
                    .map(|s| StaleJson {
                        code: s.code.clone(),
                        updated: s.at.clone(),
                    })
                    .collect()
            }),
        }
    }
}
