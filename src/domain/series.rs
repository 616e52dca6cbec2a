//! A link from an indicator to a public source series (Kolada, Sotkanet),
//! where a fetched value came from, and the rule that decides what a fetch
//! does with a value already stored.
//!
//! A series is written in one line, the same in the app, the command line
//! and the exchange format:
//!
//! - `kolada:N00945:2417:T` — Kolada KPI, municipality or region id (`0000`
//!   the whole country) or an organisational unit's id (`V15E144001101`),
//!   gender `T` (total, the default), `K` or `M`;
//! - `sotkanet:127:52:total` — Sotkanet indicator number, region id, gender
//!   `total` (the default), `male` or `female`.

use serde::{Deserialize, Serialize};

/// The public sources strata reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// Kolada, the Swedish municipalities' and regions' KPI database (RKA).
    Kolada,
    /// Sotkanet, THL's statistics and indicator bank for Finland.
    Sotkanet,
}

impl Source {
    pub const ALL: [Source; 2] = [Source::Kolada, Source::Sotkanet];

    pub fn key(self) -> &'static str {
        match self {
            Source::Kolada => "kolada",
            Source::Sotkanet => "sotkanet",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL
            .into_iter()
            .find(|x| x.key().eq_ignore_ascii_case(s.trim()))
    }

    /// The genders the source writes, the total first.
    pub fn genders(self) -> [&'static str; 3] {
        match self {
            Source::Kolada => ["T", "K", "M"],
            Source::Sotkanet => ["total", "female", "male"],
        }
    }
}

/// One series of one source: what `strata fetch` reads for an indicator.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Series {
    pub source: Source,
    /// Kolada's KPI id (`N00945`) or Sotkanet's indicator number (`127`).
    pub id: String,
    /// Kolada's municipality, region or unit id; Sotkanet's region id.
    pub area: String,
    /// As the source writes it: `T`/`K`/`M` or `total`/`female`/`male`.
    pub gender: String,
}

/// Why a series line cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesError {
    /// Not `source:id:area[:gender]`.
    Shape,
    UnknownSource(String),
    /// The KPI id or indicator number is not one the source writes.
    BadId(String),
    BadArea(String),
    BadGender(String),
}

impl Series {
    /// Reads `kolada:N00945:2417[:T]` or `sotkanet:127:52[:total]`; case
    /// and spaces around the parts do not matter.
    pub fn parse(s: &str) -> Result<Series, SeriesError> {
        let parts: Vec<&str> = s.trim().split(':').map(str::trim).collect();
        if !(3..=4).contains(&parts.len()) || parts.iter().any(|p| p.is_empty()) {
            return Err(SeriesError::Shape);
        }
        let source =
            Source::parse(parts[0]).ok_or_else(|| SeriesError::UnknownSource(parts[0].into()))?;
        let (id, area) = (parts[1], parts[2]);
        let gender = parts.get(3).copied().unwrap_or(source.genders()[0]);
        let id_ok = match source {
            // N: municipality KPIs, U: quality KPIs (also of units).
            Source::Kolada => {
                id.len() == 6
                    && id[..1].eq_ignore_ascii_case("n") | id[..1].eq_ignore_ascii_case("u")
                    && id[1..].bytes().all(|b| b.is_ascii_digit())
            }
            Source::Sotkanet => id.len() <= 9 && id.bytes().all(|b| b.is_ascii_digit()),
        };
        if !id_ok {
            return Err(SeriesError::BadId(id.into()));
        }
        let area_ok = match source {
            Source::Kolada => {
                (area.len() == 4 && area.bytes().all(|b| b.is_ascii_digit()))
                    || (area.len() > 4
                        && area[..1].eq_ignore_ascii_case("v")
                        && area.bytes().all(|b| b.is_ascii_alphanumeric()))
            }
            Source::Sotkanet => area.len() <= 9 && area.bytes().all(|b| b.is_ascii_digit()),
        };
        if !area_ok {
            return Err(SeriesError::BadArea(area.into()));
        }
        let gender = source
            .genders()
            .into_iter()
            .find(|g| g.eq_ignore_ascii_case(gender))
            .ok_or_else(|| SeriesError::BadGender(gender.into()))?;
        Ok(Series {
            source,
            id: match source {
                Source::Kolada => id.to_ascii_uppercase(),
                Source::Sotkanet => id.to_owned(),
            },
            area: match source {
                Source::Kolada => area.to_ascii_uppercase(),
                Source::Sotkanet => area.to_owned(),
            },
            gender: gender.to_owned(),
        })
    }

    /// Kolada's data of an organisational unit (`V…`), not of a
    /// municipality or region.
    pub fn is_unit(&self) -> bool {
        self.source == Source::Kolada && self.area.starts_with('V')
    }
}

impl std::fmt::Display for Series {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}:{}",
            self.source.key(),
            self.id,
            self.area,
            self.gender
        )
    }
}

impl Serialize for Series {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Series {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Series::parse(&s).map_err(|e| {
            serde::de::Error::custom(format!(
                "`{s}` is not a source series ({e:?}); write kolada:KPI:AREA[:T|K|M] or sotkanet:INDICATOR:REGION[:total|female|male]"
            ))
        })
    }
}

/// Where a stored value came from, when a fetch wrote it. A value without
/// one was typed by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fetched {
    pub series: Series,
    /// When it was read, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// The address it was read from, or the saved file's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    /// The source's own flags on the value, as it writes them (Kolada's
    /// `status`, `deleted` when it removed the value).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub flags: String,
    /// Set when the source changed or removed the value after the period
    /// was reported or closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<Revision>,
}

/// A change the source made to a value after it was reported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// When the change was found, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// The value that was reported (`null`: no data).
    pub reported: Option<f64>,
    /// What the source says now (`null`: no data, or removed).
    pub source: Option<f64>,
    /// The source removed the value.
    #[serde(default, skip_serializing_if = "super::plan::is_false")]
    pub deleted: bool,
}

/// One value of a series as the source gives it for a year.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub series: Series,
    pub year: i32,
    /// `None`: the source has the year but no value (null).
    pub value: Option<f64>,
    pub flags: String,
    /// The source marks the value deleted.
    pub deleted: bool,
}

/// What is stored for an indicator in a period before a fetch.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    Nothing,
    /// Typed by hand (a value or "no data").
    ByHand(Option<f64>),
    Fetched(Option<f64>, Option<Revision>),
}

/// Where the period stands for the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Open,
    /// Its reporting deadline has passed: the figures went to the board.
    Reported,
    /// Closed for the board: its values are frozen.
    Closed,
}

impl Standing {
    /// Closed, else reported once its deadline (`YYYY-MM-DD`) lies before
    /// `today`, else open.
    pub fn of(closed: bool, deadline: Option<&str>, today: &str) -> Standing {
        if closed {
            Standing::Closed
        } else if deadline.is_some_and(|d| d < today) {
            Standing::Reported
        } else {
            Standing::Open
        }
    }
}

/// What a fetch does with one observation.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Write the value (first value, or a changed one before it was
    /// reported; `--overwrite` over one typed by hand).
    Write(Option<f64>),
    /// The same value: only its retrieval time and flags are renewed.
    Same,
    /// A value typed by hand stays (the source says `source`).
    KeepByHand { source: Option<f64> },
    /// The source changed or removed a value after it was reported: the
    /// value becomes `value` (a closed period keeps the reported one) and
    /// the item is flagged.
    Revise {
        value: Option<f64>,
        revision: Revision,
    },
    /// A closed period without a value, or the source removing a value it
    /// never gave: nothing to do.
    Skip,
}

/// The rule of a fetch (issue: a value typed by hand is never overwritten
/// without `overwrite`; a value the source revises after the period was
/// reported or closed is kept in the history and flagged; a closed period's
/// values never change).
pub fn decide(
    stored: &Stored,
    standing: Standing,
    obs: &Observation,
    overwrite: bool,
    now: &str,
) -> Decision {
    let new = if obs.deleted { None } else { obs.value };
    let same = |a: Option<f64>| a == new;
    let revise = |old: Option<f64>| {
        let revision = Revision {
            at: now.to_owned(),
            reported: old,
            source: new,
            deleted: obs.deleted,
        };
        let value = if standing == Standing::Closed {
            old
        } else {
            new
        };
        Decision::Revise { value, revision }
    };
    match stored {
        Stored::Nothing if obs.deleted || standing == Standing::Closed => Decision::Skip,
        Stored::Nothing => Decision::Write(new),
        Stored::ByHand(v) if !overwrite => {
            if same(*v) {
                Decision::Same
            } else {
                Decision::KeepByHand { source: new }
            }
        }
        Stored::ByHand(v) if standing == Standing::Closed => {
            if same(*v) {
                Decision::Same
            } else {
                revise(*v)
            }
        }
        Stored::ByHand(_) => Decision::Write(new),
        Stored::Fetched(v, rev) => {
            // A revision already flagged is compared with what the source
            // said then: the same news is not news twice.
            let known = rev.as_ref().map_or(*v, |r| r.source);
            if same(known) && !(obs.deleted && rev.as_ref().is_none_or(|r| !r.deleted)) {
                Decision::Same
            } else if let Some(r) = rev.as_ref().filter(|r| !obs.deleted && same(r.reported)) {
                // The source went back to the figure that was reported: the
                // flag goes (a closed period holds that figure already).
                Decision::Write(r.reported)
            } else if obs.deleted && v.is_none() && rev.is_none() {
                Decision::Skip
            } else if standing == Standing::Open && rev.is_none() {
                Decision::Write(new)
            } else {
                // Reported: what was reported stays the reference.
                revise(rev.as_ref().map_or(*v, |r| r.reported))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kolada() -> Series {
        Series::parse("kolada:N00945:2417").unwrap()
    }

    fn obs(value: Option<f64>, deleted: bool) -> Observation {
        Observation {
            series: kolada(),
            year: 2025,
            value,
            flags: String::new(),
            deleted,
        }
    }

    #[test]
    fn series_lines_read_and_write_back() {
        let s = Series::parse(" Kolada : n00945 : 2417 ").unwrap();
        assert_eq!(s.to_string(), "kolada:N00945:2417:T");
        assert!(!s.is_unit());
        let u = Series::parse("kolada:U23471:V15E144001101:k").unwrap();
        assert_eq!(u.to_string(), "kolada:U23471:V15E144001101:K");
        assert!(u.is_unit());
        let s = Series::parse("sotkanet:127:52:Female").unwrap();
        assert_eq!(s.to_string(), "sotkanet:127:52:female");
        assert_eq!(
            Series::parse("sotkanet:127:52").unwrap().gender,
            "total",
            "the total by default"
        );
    }

    #[test]
    fn bad_series_lines_say_which_part_is_wrong() {
        use SeriesError::*;
        assert_eq!(Series::parse("kolada:N00945"), Err(Shape));
        assert_eq!(Series::parse("kolada::2417"), Err(Shape));
        assert_eq!(
            Series::parse("scb:N00945:2417"),
            Err(UnknownSource("scb".into()))
        );
        assert_eq!(Series::parse("kolada:945:2417"), Err(BadId("945".into())));
        assert_eq!(
            Series::parse("kolada:N00945:Norsjö"),
            Err(BadArea("Norsjö".into()))
        );
        assert_eq!(
            Series::parse("kolada:N00945:2417:total"),
            Err(BadGender("total".into()))
        );
        assert_eq!(Series::parse("sotkanet:x1:52"), Err(BadId("x1".into())));
    }

    #[test]
    fn a_period_is_reported_once_its_deadline_has_passed() {
        let today = "2026-02-01";
        assert_eq!(Standing::of(false, None, today), Standing::Open);
        assert_eq!(
            Standing::of(false, Some("2026-02-01"), today),
            Standing::Open
        );
        assert_eq!(
            Standing::of(false, Some("2026-01-31"), today),
            Standing::Reported
        );
        assert_eq!(Standing::of(true, None, today), Standing::Closed);
    }

    #[test]
    fn a_first_value_is_written_and_the_same_value_is_not_news() {
        let now = "2026-12-02T08:00:00Z";
        assert_eq!(
            decide(
                &Stored::Nothing,
                Standing::Open,
                &obs(Some(67.0), false),
                false,
                now
            ),
            Decision::Write(Some(67.0))
        );
        assert_eq!(
            decide(
                &Stored::Nothing,
                Standing::Open,
                &obs(None, false),
                false,
                now
            ),
            Decision::Write(None),
            "a null value is stored as no data"
        );
        assert_eq!(
            decide(
                &Stored::Fetched(Some(67.0), None),
                Standing::Reported,
                &obs(Some(67.0), false),
                false,
                now
            ),
            Decision::Same
        );
        assert_eq!(
            decide(
                &Stored::Nothing,
                Standing::Closed,
                &obs(Some(1.0), false),
                false,
                now
            ),
            Decision::Skip,
            "a closed period gets no new values"
        );
    }

    #[test]
    fn a_value_typed_by_hand_stays_unless_overwritten() {
        let now = "2026-12-02T08:00:00Z";
        let hand = Stored::ByHand(Some(66.0));
        assert_eq!(
            decide(&hand, Standing::Open, &obs(Some(67.0), false), false, now),
            Decision::KeepByHand { source: Some(67.0) }
        );
        assert_eq!(
            decide(&hand, Standing::Open, &obs(Some(67.0), false), true, now),
            Decision::Write(Some(67.0))
        );
        assert_eq!(
            decide(&hand, Standing::Open, &obs(Some(66.0), false), false, now),
            Decision::Same
        );
    }

    #[test]
    fn a_change_after_reporting_is_flagged_and_a_closed_period_keeps_its_value() {
        let now = "2026-12-02T08:00:00Z";
        let stored = Stored::Fetched(Some(67.0), None);
        // Before the deadline a change is only a newer figure.
        assert_eq!(
            decide(&stored, Standing::Open, &obs(Some(68.0), false), false, now),
            Decision::Write(Some(68.0))
        );
        let rev = |source, deleted| Revision {
            at: now.into(),
            reported: Some(67.0),
            source,
            deleted,
        };
        assert_eq!(
            decide(
                &stored,
                Standing::Reported,
                &obs(Some(68.0), false),
                false,
                now
            ),
            Decision::Revise {
                value: Some(68.0),
                revision: rev(Some(68.0), false)
            }
        );
        assert_eq!(
            decide(
                &stored,
                Standing::Closed,
                &obs(Some(68.0), false),
                false,
                now
            ),
            Decision::Revise {
                value: Some(67.0),
                revision: rev(Some(68.0), false)
            },
            "the board's figure stays in a closed period"
        );
        assert_eq!(
            decide(
                &stored,
                Standing::Reported,
                &obs(Some(67.0), true),
                false,
                now
            ),
            Decision::Revise {
                value: None,
                revision: rev(None, true)
            },
            "a value the source deleted"
        );
        // Flagged once: the same revision again is not news; a further one is,
        // still against what was reported.
        let flagged = Stored::Fetched(Some(67.0), Some(rev(Some(68.0), false)));
        assert_eq!(
            decide(
                &flagged,
                Standing::Closed,
                &obs(Some(68.0), false),
                false,
                now
            ),
            Decision::Same
        );
        assert_eq!(
            decide(
                &flagged,
                Standing::Closed,
                &obs(Some(67.0), false),
                false,
                now
            ),
            Decision::Write(Some(67.0)),
            "back to the reported figure: the flag goes"
        );
        assert_eq!(
            decide(
                &flagged,
                Standing::Closed,
                &obs(Some(69.0), false),
                false,
                now
            ),
            Decision::Revise {
                value: Some(67.0),
                revision: rev(Some(69.0), false)
            }
        );
    }
}
