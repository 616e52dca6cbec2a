//! A whole plan as one value: the unit that is imported, exported and shipped.
//!
//! These types are also the exchange format (see `docs/FORMAT.md`): field names
//! and order here are the JSON's, so changing them changes the format version.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::indicator::{Direction, Light, Thresholds};
use super::lang::{Lang, Text};
use super::risk;
use super::status::Status;

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Short code used to address the plan: `strategy-2026` in `strategy-2026:4.2`.
    pub code: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub organisation: Text,
    /// The language the plan was written in, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_language: Option<Lang>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_year: Option<i32>,
    /// A reference plan shipped with strata, removable.
    #[serde(default, skip_serializing_if = "is_false")]
    pub example: bool,
    /// Level names by depth: `levels[0]` names the top-level items.
    #[serde(default)]
    pub levels: Vec<Text>,
    /// The document's own wording for the statuses (*Delvis godkänd* …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub status_labels: BTreeMap<Status, Text>,
    /// Follow-up periods, oldest first.
    #[serde(default)]
    pub periods: Vec<Period>,
    #[serde(default)]
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Short code: `2025`, `2026-H1`.
    pub code: String,
    /// How the period is written: "01–12/2025".
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub label: Text,
    /// First day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The day by which every follow-up of the period is due, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Set when the period was closed for the board: its follow-ups are
    /// frozen until it is reopened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closed>,
}

/// Who closed a period, and when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closed {
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    #[serde(default)]
    pub by: String,
}

impl Period {
    pub fn is_closed(&self) -> bool {
        self.closed.is_some()
    }

    /// Whole days from `today` (`YYYY-MM-DD`) to the deadline: negative when
    /// it has passed, `None` without a deadline or with a date that is not
    /// one.
    pub fn days_left(&self, today: &str) -> Option<i64> {
        let d = super::rules::day_number(self.deadline.as_deref()?)?;
        Some(d - super::rules::day_number(today.get(..10)?)?)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique within the plan: `1.2`.
    pub code: String,
    /// Overrides the plan's level name for this item, where a plan mixes kinds
    /// at one depth (guidelines beside change promises).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub level: Text,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Owner or responsible bodies.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub owner: Text,
    /// How the item is followed up.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub follow_up: Text,
    /// The contact persons who answer for it or update it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<super::contact::ItemContact>,
    /// Follow-ups, oldest first; the last one of a period is its current status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Risk>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Item>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Code of one of the plan's periods.
    pub period: String,
    pub status: Status,
    /// The explanation: how it has gone, the analysis.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub comment: Text,
    /// What will be done next (further actions).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub actions: Text,
    /// Who recorded it.
    #[serde(default)]
    pub by: String,
    /// When, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// Copied from this earlier period when the period was started from the
    /// previous statuses: nobody has assessed the item in this period yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
}

impl Assessment {
    pub fn is_carried(&self) -> bool {
        self.carried_from.is_some()
    }

    /// The status as it counts in the period: a status carried over is not
    /// an assessment.
    pub fn assessed(&self) -> Status {
        if self.is_carried() {
            Status::NotAssessed
        } else {
            self.status
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub unit: Text,
    /// Where the figures come from: Kolada, HR, a survey.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub source: Text,
    pub direction: Direction,
    pub green: f64,
    /// The far edge of the yellow band.
    pub yellow: f64,
    /// How many decimals its figures are written with (`14,0`, `1,60`);
    /// none: as many as a value has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    /// The public series its values are fetched from (`strata fetch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<super::series::Series>,
    /// Values per period; `null` where there is no value ("iu").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<IndicatorValue>,
}

impl Indicator {
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            direction: self.direction,
            green: self.green,
            yellow: self.yellow,
        }
    }

    pub fn value_in(&self, period: &str) -> Option<f64> {
        self.values
            .iter()
            .find(|v| v.period == period)
            .and_then(|v| v.value)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub period: String,
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub note: Text,
    /// Where a fetch read it; none: typed by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<super::series::Fetched>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub probability: u8,
    pub consequence: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<Control>,
}

impl Risk {
    pub fn assessment(&self) -> Option<risk::Assessment> {
        risk::Assessment::new(self.probability, self.consequence)
    }
}

/// A control moment of a risk.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub what: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub how: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub frequency: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub performer: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub responsible: Text,
}

impl Plan {
    /// The name of the level at `depth` (0 = top), if the plan names it.
    pub fn level_name(&self, depth: usize) -> Option<&Text> {
        self.levels.get(depth).filter(|t| !t.is_empty())
    }

    /// Every item with its depth, in document order.
    pub fn walk(&self) -> Vec<(usize, &Item)> {
        fn go<'a>(items: &'a [Item], depth: usize, out: &mut Vec<(usize, &'a Item)>) {
            for it in items {
                out.push((depth, it));
                go(&it.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        go(&self.items, 0, &mut out);
        out
    }

    pub fn period(&self, code: &str) -> Option<&Period> {
        self.periods.iter().find(|p| p.code == code)
    }
}

impl Item {
    /// The current assessment of the item in a period: the last one recorded.
    pub fn current(&self, period: &str) -> Option<&Assessment> {
        self.assessments.iter().rev().find(|a| a.period == period)
    }

    /// Whether the item counts in a summary of the period: a leaf, or an
    /// item with a follow-up of its own there (structure-only parents do
    /// not inflate "not assessed").
    pub fn counted_in(&self, period: &str) -> bool {
        self.children.is_empty() || self.current(period).is_some()
    }

    /// Whether the item still needs an assessment in the period: a leaf
    /// without one, or any item whose status is only carried over.
    pub fn needs_update(&self, period: &str) -> bool {
        match self.current(period) {
            Some(a) => a.is_carried(),
            None => self.children.is_empty(),
        }
    }

    /// What the item's indicators say in a period (see
    /// [`super::indicator::say`]); `None` for an item without indicators.
    pub fn indicators_say(&self, period: &str) -> Option<Light> {
        super::indicator::say(
            self.indicators
                .iter()
                .map(|i| i.thresholds().light(i.value_in(period))),
        )
    }
}

/// The first and last day of a period named the usual way: a year (`2027`),
/// a half (`2027-H1`), a quarter (`2027-Q3`) or a month (`2027-03`).
pub fn period_dates(code: &str) -> Option<(String, String)> {
    let (year, rest) = match code.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (code, None),
    };
    let y: u32 = year.parse().ok().filter(|y| (1900..=2999).contains(y))?;
    if year.len() != 4 {
        return None;
    }
    let last_day = |m: u32| match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let (m1, m2) = match rest.map(|r| r.to_ascii_uppercase()) {
        None => (1, 12),
        Some(r) if r == "H1" => (1, 6),
        Some(r) if r == "H2" => (7, 12),
        Some(r) if r.len() == 2 && r.starts_with('Q') => {
            let q: u32 = r[1..].parse().ok().filter(|q| (1..=4).contains(q))?;
            (3 * q - 2, 3 * q)
        }
        Some(r) if r.len() == 2 => {
            let m: u32 = r.parse().ok().filter(|m| (1..=12).contains(m))?;
            (m, m)
        }
        _ => return None,
    };
    Some((
        format!("{y:04}-{m1:02}-01"),
        format!("{y:04}-{m2:02}-{:02}", last_day(m2)),
    ))
}

/// An item's status in a period: its own, the roll-up of its children, and the
/// one that counts for its parent (see [`super::status::rollup`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rolled {
    /// The status the item shows: its own, or one carried over.
    pub own: Status,
    /// `own` is only carried over from an earlier period: it is shown, but
    /// counts as not assessed (in `effective` and in every count).
    pub carried: bool,
    pub rollup: Status,
    pub effective: Status,
}

/// The rule of the default period, on the plan's periods in order, each as
/// (its first day, whether it has any follow-up): the latest with a
/// follow-up, else the latest that has started by `today`, else the first.
/// Returns its index. The store applies it to what it reads, so the rule is
/// written once.
pub fn default_period_index<'a>(
    periods: impl IntoIterator<Item = (Option<&'a str>, bool)>,
    today: &str,
) -> Option<usize> {
    let periods: Vec<(Option<&str>, bool)> = periods.into_iter().collect();
    periods
        .iter()
        .rposition(|p| p.1)
        .or_else(|| periods.iter().rposition(|p| p.0.is_none_or(|s| s <= today)))
        .or_else(|| (!periods.is_empty()).then_some(0))
}

impl Plan {
    /// The period a surface shows when none is asked for: the latest that has
    /// any assessment (the last follow-up), else the latest that has started
    /// by `today` (`YYYY-MM-DD`), else the first.
    pub fn default_period(&self, today: &str) -> Option<&Period> {
        let assessed: std::collections::HashSet<&str> = self
            .walk()
            .iter()
            .flat_map(|(_, i)| i.assessments.iter().map(|a| a.period.as_str()))
            .collect();
        let i = default_period_index(
            self.periods
                .iter()
                .map(|p| (p.start.as_deref(), assessed.contains(p.code.as_str()))),
            today,
        )?;
        self.periods.get(i)
    }

    /// Own status, roll-up and effective status of every item in a period, by code.
    pub fn rolled(&self, period: &str) -> std::collections::HashMap<String, Rolled> {
        super::outline::Outline::of_plan(self, period)
            .rollups()
            .rolled
    }

    /// The item coded `code`, to change what is held of it.
    pub fn find_mut(&mut self, code: &str) -> Option<&mut Item> {
        fn go<'a>(items: &'a mut [Item], code: &str) -> Option<&'a mut Item> {
            for it in items {
                if it.code == code {
                    return Some(it);
                }
                if let Some(found) = go(&mut it.children, code) {
                    return Some(found);
                }
            }
            None
        }
        go(&mut self.items, code)
    }

    /// Finds an item by code, with its depth and the codes of its ancestors.
    pub fn find(&self, code: &str) -> Option<(&Item, Vec<&Item>)> {
        fn go<'a>(items: &'a [Item], code: &str, path: &mut Vec<&'a Item>) -> Option<&'a Item> {
            for it in items {
                if it.code == code {
                    return Some(it);
                }
                path.push(it);
                if let Some(found) = go(&it.children, code, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        let mut path = Vec::new();
        go(&self.items, code, &mut path).map(|it| (it, path))
    }
}

/// What the indicators say over a set of items in a period: how many items
/// with indicators get each light, and how many of them disagree with their
/// own assessed status (see [`super::indicator::disagrees`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Said {
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
    pub no_data: usize,
    pub disagree: usize,
}

impl Said {
    pub fn total(&self) -> usize {
        self.red + self.yellow + self.green + self.no_data
    }

    pub fn get(&self, light: Light) -> usize {
        match light {
            Light::Red => self.red,
            Light::Yellow => self.yellow,
            Light::Green => self.green,
            Light::NoData => self.no_data,
        }
    }

    /// The item and everything under it.
    pub fn add_under(&mut self, item: &Item, period: &str) {
        self.add_item(item, period);
        for ch in &item.children {
            self.add_under(ch, period);
        }
    }

    /// The item alone (not its children).
    pub fn add_item(&mut self, item: &Item, period: &str) {
        if let Some(light) = item.indicators_say(period) {
            match light {
                Light::Red => self.red += 1,
                Light::Yellow => self.yellow += 1,
                Light::Green => self.green += 1,
                Light::NoData => self.no_data += 1,
            }
            let own = item
                .current(period)
                .map_or(Status::NotAssessed, |a| a.assessed());
            if super::indicator::disagrees(own, light) {
                self.disagree += 1;
            }
        }
    }

    pub fn merge(&mut self, s: &Said) {
        self.red += s.red;
        self.yellow += s.yellow;
        self.green += s.green;
        self.no_data += s.no_data;
        self.disagree += s.disagree;
    }
}

/// Counting items for a summary: an item counts if it is a leaf or has its own
/// assessment in the period, so that structure-only parents do not inflate
/// "not assessed".
pub fn counts_under(item: &Item, period: &str) -> super::status::Counts {
    let mut c = super::status::Counts::default();
    fn go(it: &Item, period: &str, c: &mut super::status::Counts) {
        match it.current(period) {
            None if !it.children.is_empty() => {}
            a => c.add_follow_up(a),
        }
        for ch in &it.children {
            go(ch, period, c);
        }
    }
    go(item, period, &mut c);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, status: Option<Status>, children: Vec<Item>) -> Item {
        Item {
            code: code.into(),
            title: Text::same(code),
            assessments: status
                .map(|s| Assessment {
                    period: "2025".into(),
                    status: s,
                    at: "2025-12-31T12:00:00Z".into(),
                    ..Assessment::default()
                })
                .into_iter()
                .collect(),
            children,
            ..Item::default()
        }
    }

    fn plan() -> Plan {
        Plan {
            code: "p".into(),
            periods: vec![
                Period {
                    code: "2025".into(),
                    start: Some("2025-01-01".into()),
                    ..Period::default()
                },
                Period {
                    code: "2026".into(),
                    start: Some("2026-01-01".into()),
                    ..Period::default()
                },
                Period {
                    code: "2027".into(),
                    start: Some("2027-01-01".into()),
                    ..Period::default()
                },
            ],
            items: vec![item(
                "1",
                None,
                vec![
                    item("1.1", Some(Status::OnTrack), vec![]),
                    item(
                        "1.2",
                        None,
                        vec![
                            item("1.2.1", Some(Status::OffTrack), vec![]),
                            item("1.2.2", None, vec![]),
                        ],
                    ),
                ],
            )],
            ..Plan::default()
        }
    }

    #[test]
    fn rollup_goes_up_the_tree() {
        let p = plan();
        let r = p.rolled("2025");
        assert_eq!(r["1.2"].rollup, Status::OffTrack);
        assert_eq!(r["1.2"].own, Status::NotAssessed);
        assert_eq!(r["1"].rollup, Status::OffTrack);
        assert_eq!(r["1.1"].effective, Status::OnTrack);
        assert_eq!(p.rolled("2026")["1"].rollup, Status::NotAssessed);
    }

    #[test]
    fn counts_skip_structure_only_parents() {
        let p = plan();
        let c = counts_under(&p.items[0], "2025");
        assert_eq!(c.get(Status::OnTrack), 1);
        assert_eq!(c.get(Status::OffTrack), 1);
        assert_eq!(c.get(Status::NotAssessed), 1, "only 1.2.2");
        assert_eq!(c.total(), 3);
    }

    #[test]
    fn default_period_is_the_last_follow_up() {
        let mut p = plan();
        assert_eq!(p.default_period("2026-06-01").unwrap().code, "2025");
        p.items.clear();
        assert_eq!(p.default_period("2026-06-01").unwrap().code, "2026");
        assert_eq!(p.default_period("2024-06-01").unwrap().code, "2025");
    }

    #[test]
    fn period_codes_give_their_dates() {
        let d = |c| period_dates(c).map(|(a, b)| format!("{a}..{b}"));
        assert_eq!(d("2027").as_deref(), Some("2027-01-01..2027-12-31"));
        assert_eq!(d("2027-H2").as_deref(), Some("2027-07-01..2027-12-31"));
        assert_eq!(d("2027-q1").as_deref(), Some("2027-01-01..2027-03-31"));
        assert_eq!(d("2028-02").as_deref(), Some("2028-02-01..2028-02-29"));
        assert_eq!(d("2027-Q5"), None);
        assert_eq!(d("Spring"), None);
        assert_eq!(d("27"), None);
    }

    #[test]
    fn find_returns_ancestors() {
        let p = plan();
        let (it, path) = p.find("1.2.1").unwrap();
        assert_eq!(it.code, "1.2.1");
        let codes: Vec<_> = path.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["1", "1.2"]);
        assert!(p.find("9").is_none());
    }
}
