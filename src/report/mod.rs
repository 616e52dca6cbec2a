//! The board report: what a council reads of a plan's follow-up, worked out
//! once ([`Report`]) and written by each format's writer (HTML here; the
//! others follow the same parts in the same order): the cover, a summary per
//! top-level item, the traffic-light table, the indicators, the risks in
//! their 4×4 matrix, what changed since the compared period, and the items
//! not updated. Every text in the board's language, a fallback marked.

pub mod csv;
pub mod docx;
pub mod html;
pub mod md;
pub mod xlsx;

use crate::domain::{risk, Counts, Item, Lang, Plan, Rolled, Status};
use crate::present::diff::{diff, Diff, Direction};
use crate::present::item::{detail_of, period_label, IndicatorDetail, RiskDetail, Shown};

/// A status with the word the reader's language has for it and the plan's
/// own wording ("Delvis godkänd").
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    pub status: Status,
    pub word: String,
    pub own: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub code: String,
    pub title: Shown,
    pub counts: Counts,
}

/// One line of the traffic-light table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub code: String,
    /// 0 for a top-level item.
    pub depth: usize,
    pub title: Shown,
    pub owner: Shown,
    /// What the item shows in the period (a carried-over status too).
    pub status: Status,
    /// The status is only carried over from this period (its label).
    pub carried: Option<String>,
    /// The compared period's status, when one is compared.
    pub compared: Option<Status>,
    pub direction: Direction,
    pub comment: Shown,
    pub actions: Shown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRow {
    pub code: String,
    pub item: Shown,
    pub detail: IndicatorDetail,
    /// Better, worse or the same from the compared period's light.
    pub trend: Direction,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RiskRow {
    pub code: String,
    pub title: Shown,
    pub detail: RiskDetail,
    /// The period's evaluation of the risk: its status (its comment is in
    /// the traffic-light table).
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub lang: Lang,
    pub plan: String,
    pub title: Shown,
    pub organisation: Shown,
    pub period: String,
    pub period_label: String,
    pub compare: Option<(String, String)>,
    /// The day it was made, `YYYY-MM-DD`.
    pub date: String,
    pub prepared_by: String,
    pub legend: Vec<Legend>,
    pub summary: Vec<Summary>,
    pub total: Counts,
    pub rows: Vec<Row>,
    pub indicators: Vec<IndicatorRow>,
    pub risks: Vec<RiskRow>,
    pub diff: Option<Diff>,
    /// Items with no assessment of their own in the period.
    pub not_updated: Vec<(String, String)>,
}

impl Report {
    /// How many texts of the report are shown in another language.
    pub fn fallbacks(&self) -> usize {
        let mut n = [&self.title, &self.organisation]
            .iter()
            .filter(|s| s.fallback.is_some())
            .count();
        for r in &self.rows {
            n += [&r.title, &r.owner, &r.comment, &r.actions]
                .iter()
                .filter(|s| s.fallback.is_some())
                .count();
        }
        n
    }
}

/// The texts a report of `period` (and `compare`) shows that lack `lang`:
/// the plan's title, organisation, level names and status wording, the
/// items' titles and owners, the comments and further actions of the
/// period, the names, units and sources of indicators and the control
/// moments of risks. `strata missing` style: (address, field, languages it
/// has).
pub fn gaps(plan: &Plan, period: &str, lang: Lang) -> Vec<crate::domain::translation::Missing> {
    use crate::domain::Field;
    crate::domain::translation::missing_translations(plan)
        .into_iter()
        .filter(|m| m.lacks.contains(&lang))
        .filter(|m| match &m.field {
            Field::Description | Field::FollowUp | Field::IndicatorDescription(_) => false,
            Field::Comment { period: p } | Field::Actions { period: p } => p == period,
            Field::PeriodLabel(p) => p == period,
            _ => true,
        })
        .collect()
}

/// Builds the report of `plan` (loaded with every period's follow-ups) in
/// `period`, compared with `compare` when given; `log` is the plan's change
/// log (for what changed), `today` the date it is made, `by` who makes it.
pub fn build(
    plan: &Plan,
    period: &str,
    compare: Option<&str>,
    log: &[crate::domain::change::ChangeRow],
    today: &str,
    by: &str,
    lang: Lang,
) -> Report {
    let rolled = plan.rolled(period);
    let rolled_of = |c: &str| rolled.get(c).copied();
    let legend = Status::BY_ATTENTION
        .iter()
        .map(|&s| Legend {
            status: s,
            word: crate::i18n::t(lang, &format!("status.{}", s.key())).to_owned(),
            own: plan
                .status_labels
                .get(&s)
                .map(|w| Shown::line(w, lang).text),
        })
        .collect();
    let mut total = Counts::default();
    let summary = plan
        .items
        .iter()
        .map(|it| {
            let counts = crate::domain::counts_under(it, period);
            total.merge(&counts);
            Summary {
                code: it.code.clone(),
                title: Shown::line(&it.title, lang),
                counts,
            }
        })
        .collect();
    let mut rows = Vec::new();
    let mut indicators = Vec::new();
    let mut risks = Vec::new();
    fn walk<'a>(
        items: &'a [Item],
        path: &mut Vec<&'a Item>,
        f: &mut dyn FnMut(&'a Item, &[&'a Item]),
    ) {
        for it in items {
            f(it, path);
            path.push(it);
            walk(&it.children, path, f);
            path.pop();
        }
    }
    walk(&plan.items, &mut Vec::new(), &mut |it, ancestors| {
        let current = it.current(period);
        let status = rolled_of(&it.code).map_or(Status::NotAssessed, |r: Rolled| r.own);
        let shown_status = if it.children.is_empty() || current.is_some() {
            status
        } else {
            // A parent without its own status shows its roll-up.
            rolled_of(&it.code).map_or(Status::NotAssessed, |r| r.rollup)
        };
        let compared = compare.map(|c| it.current(c).map_or(Status::NotAssessed, |a| a.assessed()));
        let assessed = current.map_or(shown_status, |a| a.assessed());
        rows.push(Row {
            code: it.code.clone(),
            depth: ancestors.len(),
            title: Shown::line(&it.title, lang),
            owner: Shown::line(&it.owner, lang),
            status: shown_status,
            carried: current
                .and_then(|a| a.carried_from.as_deref())
                .map(|p| period_label(plan, p, lang)),
            compared,
            direction: compared.map_or(Direction::Unknown, |c| Direction::of(c, assessed)),
            comment: current.map_or_else(Shown::default, |a| Shown::paragraphs(&a.comment, lang)),
            actions: current.map_or_else(Shown::default, |a| Shown::paragraphs(&a.actions, lang)),
        });
        if !it.indicators.is_empty() || it.risk.is_some() {
            let d = detail_of(plan, it, ancestors, Some(period), &[], &rolled_of, lang);
            for (ind, detail) in it.indicators.iter().zip(d.indicators) {
                let th = ind.thresholds();
                let trend = match compare {
                    Some(c) => {
                        let light = |p: &str| th.light(ind.value_in(p)).as_status();
                        Direction::of(light(c), light(period))
                    }
                    None => Direction::Unknown,
                };
                indicators.push(IndicatorRow {
                    code: it.code.clone(),
                    item: Shown::line(&it.title, lang),
                    detail,
                    trend,
                });
            }
            if let Some(r) = d.risk {
                risks.push(RiskRow {
                    code: it.code.clone(),
                    title: Shown::line(&it.title, lang),
                    detail: r,
                    status: current.map_or(Status::NotAssessed, |a| a.assessed()),
                });
            }
        }
    });
    let not_updated = plan
        .walk()
        .iter()
        .filter(|(_, it)| it.needs_update(period))
        .map(|(_, it)| (it.code.clone(), Shown::line(&it.title, lang).marked()))
        .collect();
    Report {
        lang,
        plan: plan.code.clone(),
        title: Shown::line(&plan.title, lang),
        organisation: Shown::line(&plan.organisation, lang),
        period: period.to_owned(),
        period_label: period_label(plan, period, lang),
        compare: compare.map(|c| (c.to_owned(), period_label(plan, c, lang))),
        date: today.to_owned(),
        prepared_by: by.to_owned(),
        legend,
        summary,
        total,
        rows,
        indicators,
        risks,
        diff: compare.map(|c| diff(plan, c, period, log, lang)),
        not_updated,
    }
}

/// A status as every report writes it: its symbol and word.
pub fn status_word(lang: Lang, s: Status) -> String {
    format!(
        "{} {}",
        s.symbol(),
        crate::i18n::t(lang, &format!("status.{}", s.key()))
    )
}

/// A light likewise; "· no data" for a value that is missing.
pub fn light_word(lang: Lang, l: crate::domain::Light) -> String {
    match l {
        crate::domain::Light::NoData => format!("· {}", crate::i18n::t(lang, "light.no_data")),
        l => status_word(lang, l.as_status()),
    }
}

/// The background of a status's cell in every format, as RGB.
pub fn fill(s: Status) -> u32 {
    match s {
        Status::OnTrack => 0xE3F2E5,
        Status::AtRisk => 0xFFF5CC,
        Status::OffTrack => 0xFDE4E4,
        Status::Done => 0xE3ECFA,
        Status::NotAssessed => 0xF0F0F0,
    }
}

impl IndicatorRow {
    /// The light of the reported period's value.
    pub fn light(&self) -> crate::domain::Light {
        self.detail
            .values
            .iter()
            .find(|v| v.current)
            .map_or(crate::domain::Light::NoData, |v| v.light)
    }

    /// The source with the attribution it asks for ("Källa: Kolada"; THL's
    /// CC BY 4.0 for Sotkanet), where each value came from (fetched, with
    /// the series and the day, or typed by hand), and what the source
    /// revised after the period was reported.
    pub fn source(&self, lang: Lang) -> String {
        self.source_parts(lang).join(" · ")
    }

    /// [`IndicatorRow::source`] part by part, for a format that puts each
    /// on a line of its own.
    pub fn source_parts(&self, lang: Lang) -> Vec<String> {
        let d = &self.detail;
        let mut parts: Vec<String> = match (&d.attribution, d.source.as_str()) {
            (Some(a), _) => vec![a.clone()],
            (None, "") => Vec::new(),
            (None, s) => vec![crate::i18n::tf(lang, "report.source_of", &[("source", &s)])],
        };
        parts.extend(d.origins().into_iter().map(|(p, o)| format!("{p}: {o}")));
        parts.extend(
            d.values
                .iter()
                .filter_map(|v| v.revised.as_ref().map(|r| format!("{}: {r}", v.label))),
        );
        parts
    }
}

/// The catalog keys of the indicator table's columns, in order, for every
/// format.
pub const INDICATOR_COLUMNS: [&str; 7] = [
    "report.item",
    "report.indicator",
    "report.rule",
    "report.values",
    "report.light",
    "report.trend",
    "report.source",
];

/// A value as the reports list it: "2025: 12,64 timmar ■" (each format
/// adds the source's note in its own markup).
pub fn value_text(v: &crate::present::item::ValueCell) -> String {
    let revised = if v.revised.is_some() { " ⚠" } else { "" };
    format!(
        "{}: {} {}{revised}",
        v.label,
        v.text,
        v.light.as_status().symbol()
    )
}

/// The 4×4 matrix of the risks: for each probability (4 down to 1) and
/// consequence (1 to 4), the codes of the risks placed there.
pub fn matrix(risks: &[RiskRow]) -> [[Vec<String>; 4]; 4] {
    let mut m: [[Vec<String>; 4]; 4] = Default::default();
    for r in risks {
        let a: risk::Assessment = r.detail.assessment;
        let (p, c) = (a.probability as usize, a.consequence as usize);
        if (1..=4).contains(&p) && (1..=4).contains(&c) {
            m[4 - p][c - 1].push(r.code.clone());
        }
    }
    m
}
