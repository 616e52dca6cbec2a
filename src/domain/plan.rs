//! A whole plan as one value: the unit that is imported, exported and shipped.
//!
//! These types are also the exchange format (see `docs/FORMAT.md`): field names
//! and order here are the JSON's, so changing them changes the format version.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::indicator::{Direction, Thresholds};
use super::lang::{Lang, Text};
use super::risk;
use super::status::Status;

fn is_false(b: &bool) -> bool {
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
}

impl Default for Status {
    fn default() -> Status {
        Status::NotAssessed
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
}
