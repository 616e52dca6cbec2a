//! One item of a plan as a reader of one language sees it.

use crate::display::sanitize;
use crate::domain::{risk, Assessment, Direction, Item, Lang, Light, Plan, Rolled, Status, Text};
use crate::i18n::{t, tf};

/// A text of the data as a reader of a language is shown it: the words,
/// made safe to print (control characters escaped), and the language it
/// fell back to when the reader's own lacks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub fallback: Option<Lang>,
}

impl Shown {
    /// One line: a title, a name, a unit.
    pub fn line(t: &Text, lang: Lang) -> Shown {
        Shown::of(t, lang, false)
    }

    /// Paragraphs kept: a comment, a description.
    pub fn paragraphs(t: &Text, lang: Lang) -> Shown {
        Shown::of(t, lang, true)
    }

    fn of(t: &Text, lang: Lang, keep_newlines: bool) -> Shown {
        match t.resolve(lang) {
            None => Shown::default(),
            Some(s) => Shown {
                text: sanitize(s.text, keep_newlines).into_owned(),
                fallback: s.fallback.then_some(s.lang),
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The visible mark of a fallback: ` [sv]`.
    pub fn mark(&self) -> Option<String> {
        self.fallback.map(|l| format!(" [{}]", l.code()))
    }

    /// The text with its mark.
    pub fn marked(&self) -> String {
        format!("{}{}", self.text, self.mark().unwrap_or_default())
    }
}

/// An item in full, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemDetail {
    pub plan: String,
    pub code: String,
    /// The name of its level: "Riskområde", "Toimenpide".
    pub level: String,
    pub title: Shown,
    /// The plan's title, then each ancestor as "code title".
    pub trail: Vec<String>,
    pub description: Shown,
    pub owner: Shown,
    pub follow_up: Shown,
    /// The follow-up of the period shown, if there is a period.
    pub period: Option<PeriodDetail>,
    /// When each period's status became what it became, newest first; a
    /// follow-up that changed only the comment starts no row.
    pub history: Vec<HistoryRow>,
    pub indicators: Vec<IndicatorDetail>,
    pub risk: Option<RiskDetail>,
    pub children: Vec<ChildRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PeriodDetail {
    pub code: String,
    pub label: String,
    pub own: Status,
    /// The plan's own wording for the status (*Delvis godkänd*).
    pub own_words: Option<String>,
    /// The roll-up of the items under it (an item with children only).
    pub rollup: Option<Status>,
    pub comment: Shown,
    pub actions: Shown,
    /// When and by whom the current follow-up was recorded.
    pub recorded: Option<(String, String)>,
    /// The status is only carried over from this earlier period (its
    /// label): not yet assessed in this one.
    pub carried_from: Option<String>,
    /// The period is closed: its follow-ups cannot be changed.
    pub closed: bool,
    /// What the item's indicators say in the period (an item with
    /// indicators only), and whether that disagrees with its status.
    pub indicators_say: Option<Light>,
    pub disagrees: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRow {
    pub period: String,
    pub label: String,
    pub status: Status,
    pub at: String,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorDetail {
    pub name: Shown,
    pub unit: String,
    pub direction: Direction,
    pub green: f64,
    pub yellow: f64,
    /// "green at 80 % or more, yellow down to 60 %".
    pub rule: String,
    pub source: String,
    /// The series `strata fetch` reads (`kolada:U23471:2417:T`).
    pub series: Option<String>,
    /// The credit each source asks for ("Källa: Kolada"; THL's CC BY 4.0
    /// for Sotkanet), when a value shown came from it or it is linked.
    pub attribution: Option<String>,
    /// The values of the periods that have one, in period order.
    pub values: Vec<ValueCell>,
}

impl IndicatorDetail {
    /// Where the values came from, the periods of one origin together:
    /// `("2024, 2025", "Kolada U23471 (2417, T), read 2.12.2026")`.
    pub fn origins(&self) -> Vec<(String, String)> {
        let mut out: Vec<(Vec<&str>, &str)> = Vec::new();
        for v in &self.values {
            let Some(o) = v.origin.as_deref() else {
                continue;
            };
            match out.iter_mut().find(|(_, x)| *x == o) {
                Some((labels, _)) => labels.push(&v.label),
                None => out.push((vec![&v.label], o)),
            }
        }
        out.into_iter()
            .map(|(l, o)| (l.join(", "), o.to_owned()))
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValueCell {
    pub period: String,
    pub label: String,
    pub value: Option<f64>,
    /// The value as the language writes it, with the unit; "no data".
    pub text: String,
    pub light: Light,
    /// The period shown.
    pub current: bool,
    /// The source's own remark on the value (a corrected threshold, why it
    /// is missing), in the reader's language.
    pub note: Shown,
    /// Where the value came from: "Kolada U23471 (2417, T), read 2.12.2026",
    /// "typed by hand" (said only of a linked indicator's values).
    pub origin: Option<String>,
    /// "⚠ the source revised it after it was reported: 67 → 68 …".
    pub revised: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RiskDetail {
    pub assessment: risk::Assessment,
    pub controls: Vec<ControlDetail>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ControlDetail {
    pub what: Shown,
    /// (catalog label key, text) of how, how often, performer, responsible,
    /// those that are written.
    pub fields: Vec<(&'static str, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChildRow {
    pub code: String,
    pub title: Shown,
    pub effective: Status,
}

/// The label of a period in `lang` (marked where it falls back), its code
/// where it has none.
pub fn period_label(plan: &Plan, code: &str, lang: Lang) -> String {
    plan.period(code)
        .map(|p| Shown::line(&p.label, lang))
        .filter(|s| !s.is_empty())
        .map_or_else(|| code.to_owned(), |s| s.marked())
}

/// A number as `lang` writes it, with the indicator's decimals, and its
/// unit after a no-break space (`71\u{a0}%`): a wrapped line never parts
/// them.
fn with_unit(lang: Lang, x: f64, unit: &str, decimals: Option<u8>) -> String {
    let v = crate::i18n::number_as(lang, x, decimals);
    if unit.is_empty() {
        v
    } else {
        format!("{v}\u{a0}{unit}")
    }
}

/// A figure with its unit as [`with_unit`] writes it; "no data" for none.
pub(crate) fn figure(lang: Lang, x: Option<f64>, unit: &str, decimals: Option<u8>) -> String {
    x.map_or_else(
        || t(lang, "indicator.no_value").to_owned(),
        |x| with_unit(lang, x, unit, decimals),
    )
}

/// The item `code` of `plan` in full (see [`detail_of`]); `None` when the
/// plan has no such item.
pub fn item_detail(
    plan: &Plan,
    code: &str,
    period: Option<&str>,
    history: &[Assessment],
    rolled: &dyn Fn(&str) -> Option<Rolled>,
    lang: Lang,
) -> Option<ItemDetail> {
    let (item, ancestors) = plan.find(code)?;
    Some(detail_of(
        plan, item, &ancestors, period, history, rolled, lang,
    ))
}

/// An item of `plan` (under `ancestors`, top first) in full, in `period` (if
/// any), for a reader of `lang`. `history` is every follow-up of the item,
/// oldest first (the app holds only the shown period's in the plan, and
/// reads the rest apart); `rolled` gives an item's own status and roll-up
/// in the period.
pub fn detail_of(
    plan: &Plan,
    item: &Item,
    ancestors: &[&Item],
    period: Option<&str>,
    history: &[Assessment],
    rolled: &dyn Fn(&str) -> Option<Rolled>,
    lang: Lang,
) -> ItemDetail {
    let level = if item.level.is_empty() {
        plan.level_name(ancestors.len())
            .map(|l| Shown::line(l, lang).text)
            .unwrap_or_default()
    } else {
        Shown::line(&item.level, lang).text
    };
    let mut trail = vec![Shown::line(&plan.title, lang).marked()];
    trail.extend(
        ancestors
            .iter()
            .map(|a| format!("{} {}", a.code, Shown::line(&a.title, lang).marked())),
    );
    let period = period.map(|p| period_detail(plan, item, p, rolled, lang));
    ItemDetail {
        plan: plan.code.clone(),
        code: item.code.clone(),
        level,
        title: Shown::line(&item.title, lang),
        trail,
        description: Shown::paragraphs(&item.description, lang),
        owner: Shown::paragraphs(&item.owner, lang),
        follow_up: Shown::paragraphs(&item.follow_up, lang),
        history: history_rows(plan, history, lang),
        indicators: item
            .indicators
            .iter()
            .map(|ind| indicator(plan, ind, period_code(&period), lang))
            .collect(),
        risk: item.risk.as_ref().and_then(|r| {
            Some(RiskDetail {
                assessment: r.assessment()?,
                controls: r.controls.iter().map(|c| control(c, lang)).collect(),
            })
        }),
        children: item
            .children
            .iter()
            .map(|ch| ChildRow {
                code: ch.code.clone(),
                title: Shown::line(&ch.title, lang),
                effective: rolled(&ch.code).map_or(Status::NotAssessed, |r| r.effective),
            })
            .collect(),
        period,
    }
}

fn period_code(p: &Option<PeriodDetail>) -> Option<&str> {
    p.as_ref().map(|p| p.code.as_str())
}

fn period_detail(
    plan: &Plan,
    item: &Item,
    period: &str,
    rolled: &dyn Fn(&str) -> Option<Rolled>,
    lang: Lang,
) -> PeriodDetail {
    let r = rolled(&item.code);
    let own = r.map_or(Status::NotAssessed, |r| r.own);
    let current = item.current(period);
    PeriodDetail {
        code: period.to_owned(),
        label: period_label(plan, period, lang),
        own,
        own_words: plan
            .status_labels
            .get(&own)
            .map(|w| Shown::line(w, lang).text),
        rollup: r.filter(|_| !item.children.is_empty()).map(|r| r.rollup),
        comment: current.map_or_else(Shown::default, |a| Shown::paragraphs(&a.comment, lang)),
        actions: current.map_or_else(Shown::default, |a| Shown::paragraphs(&a.actions, lang)),
        recorded: current.map(|a| (a.at.clone(), sanitize(&a.by, false).into_owned())),
        carried_from: current
            .and_then(|a| a.carried_from.as_deref())
            .map(|from| period_label(plan, from, lang)),
        closed: plan.period(period).is_some_and(|p| p.is_closed()),
        indicators_say: item.indicators_say(period),
        disagrees: item.indicators_say(period).is_some_and(|l| {
            crate::domain::disagrees(current.map_or(Status::NotAssessed, |a| a.assessed()), l)
        }),
    }
}

fn history_rows(plan: &Plan, history: &[Assessment], lang: Lang) -> Vec<HistoryRow> {
    let mut changes: Vec<&Assessment> = Vec::new();
    for a in history {
        let previous = changes.iter().rev().find(|c| c.period == a.period);
        if previous.is_none_or(|p| p.status != a.status) {
            changes.push(a);
        }
    }
    changes
        .iter()
        .rev()
        .map(|a| HistoryRow {
            period: a.period.clone(),
            label: period_label(plan, &a.period, lang),
            status: a.status,
            at: a.at.clone(),
            by: sanitize(&a.by, false).into_owned(),
        })
        .collect()
}

impl IndicatorDetail {
    /// The value of the period shown, if it has a row.
    pub fn current(&self) -> Option<&ValueCell> {
        self.values.iter().find(|v| v.current)
    }
}

impl ItemDetail {
    /// The current status of every period that has one, newest period
    /// first (the last change of each period).
    pub fn per_period<'a>(&'a self, plan: &'a Plan) -> Vec<&'a HistoryRow> {
        plan.periods
            .iter()
            .rev()
            .filter_map(|p| self.history.iter().find(|h| h.period == p.code))
            .collect()
    }
}

/// An indicator's rule as the language says it: "green at 85 % or more,
/// yellow from 80 %".
pub fn rule_text(
    lang: Lang,
    direction: Direction,
    (green, yellow): (f64, f64),
    unit: &crate::domain::Text,
) -> String {
    let unit = Shown::line(unit, lang).text;
    let key = match direction {
        Direction::Higher => "indicator.rule_higher",
        Direction::Lower => "indicator.rule_lower",
    };
    tf(
        lang,
        key,
        &[
            // Thresholds as the plan writes them (`0,8`); the decimals are
            // the outcomes' (`1,60`).
            ("green", &with_unit(lang, green, &unit, None)),
            ("yellow", &with_unit(lang, yellow, &unit, None)),
        ],
    )
}

fn indicator(
    plan: &Plan,
    ind: &crate::domain::Indicator,
    period: Option<&str>,
    lang: Lang,
) -> IndicatorDetail {
    let th = ind.thresholds();
    let unit = Shown::line(&ind.unit, lang).text;
    let rule = rule_text(lang, ind.direction, (ind.green, ind.yellow), &ind.unit);
    let values = plan
        .periods
        .iter()
        .filter_map(|p| {
            let v = ind.values.iter().find(|v| v.period == p.code)?;
            Some(ValueCell {
                period: p.code.clone(),
                label: period_label(plan, &p.code, lang),
                value: v.value,
                text: figure(lang, v.value, &unit, ind.decimals),
                light: th.light(v.value),
                current: period == Some(p.code.as_str()),
                note: Shown::paragraphs(&v.note, lang),
                origin: origin(v, ind.series.is_some(), lang),
                revised: v.fetched.as_ref().and_then(|f| {
                    let r = f.revised.as_ref()?;
                    let fig = |x| figure(lang, x, &unit, ind.decimals);
                    let date = crate::i18n::date(lang, r.at.get(..10).unwrap_or(&r.at));
                    Some(if r.deleted {
                        tf(
                            lang,
                            "provenance.revised_deleted",
                            &[("reported", &fig(r.reported)), ("date", &date)],
                        )
                    } else {
                        tf(
                            lang,
                            "provenance.revised",
                            &[
                                ("reported", &fig(r.reported)),
                                ("now", &fig(r.source)),
                                ("date", &date),
                            ],
                        )
                    })
                }),
            })
        })
        .collect();
    // The credit of every source a shown value came from, or the linked one.
    let mut sources: Vec<crate::domain::Source> = ind
        .values
        .iter()
        .filter_map(|v| v.fetched.as_ref().map(|f| f.series.source))
        .chain(ind.series.as_ref().map(|s| s.source))
        .collect();
    sources.sort();
    sources.dedup();
    let attribution = (!sources.is_empty()).then(|| {
        sources
            .iter()
            .map(|s| t(lang, &format!("attribution.{}", s.key())))
            .collect::<Vec<_>>()
            .join("; ")
    });
    IndicatorDetail {
        name: Shown::line(&ind.name, lang),
        rule,
        series: ind.series.as_ref().map(|s| s.to_string()),
        attribution,
        source: Shown::line(&ind.source, lang).text,
        unit,
        direction: ind.direction,
        green: ind.green,
        yellow: ind.yellow,
        values,
    }
}

/// A series as a reader is told it: "Kolada U23471 (2417, T)".
pub fn series_words(s: &crate::domain::Series, lang: Lang) -> String {
    format!(
        "{} {} ({}, {})",
        t(lang, &format!("source.{}", s.source.key())),
        s.id,
        s.area,
        s.gender
    )
}

/// Where a value came from, as [`ValueCell::origin`] says it.
fn origin(v: &crate::domain::IndicatorValue, linked: bool, lang: Lang) -> Option<String> {
    match &v.fetched {
        Some(f) => {
            let mut s = tf(
                lang,
                "provenance.fetched",
                &[
                    (
                        "source",
                        &t(lang, &format!("source.{}", f.series.source.key())),
                    ),
                    (
                        "series",
                        &format!("{} ({}, {})", f.series.id, f.series.area, f.series.gender),
                    ),
                    (
                        "date",
                        &crate::i18n::date(lang, f.at.get(..10).unwrap_or(&f.at)),
                    ),
                ],
            );
            match f.flags.as_str() {
                "" => {}
                "deleted" => s.push_str(&format!(" · {}", t(lang, "provenance.deleted"))),
                flags => s.push_str(&format!(
                    " · {}",
                    tf(lang, "provenance.flags", &[("flags", &flags)])
                )),
            }
            Some(s)
        }
        None if linked => Some(t(lang, "provenance.by_hand").to_owned()),
        None => None,
    }
}

fn control(c: &crate::domain::Control, lang: Lang) -> ControlDetail {
    ControlDetail {
        what: Shown::line(&c.what, lang),
        fields: [
            ("label.how", &c.how),
            ("label.frequency", &c.frequency),
            ("label.performer", &c.performer),
            ("label.responsible", &c.responsible),
        ]
        .into_iter()
        .map(|(k, v)| (k, Shown::line(v, lang)))
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.marked()))
        .collect(),
    }
}

/// The people an item names, as a reader is told them: "Maria Lind
/// (responsible), Ville Korhonen (updater)"; `None` when it names nobody.
/// A contact missing from `contacts` is shown by its id.
pub fn contacts_line(
    item: &Item,
    contacts: &[crate::domain::Contact],
    lang: Lang,
) -> Option<String> {
    if item.contacts.is_empty() {
        return None;
    }
    let names: Vec<String> = item
        .contacts
        .iter()
        .map(|ic| {
            let name = contacts
                .iter()
                .find(|c| c.id == ic.contact)
                .map_or(ic.contact.as_str(), |c| c.name.as_str());
            format!(
                "{} ({})",
                sanitize(name, false),
                t(lang, &format!("role.{}", ic.role.key()))
            )
        })
        .collect();
    Some(names.join(", "))
}
