//! Follow-up statuses and the roll-up rule.

use serde::{Deserialize, Serialize};

/// The traffic light of an item in one follow-up period. Each document's own
/// wording (*Framskrider enligt plan*, *Delvis godkänd*, *kyllä/ei* …) maps onto these.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotAssessed,
    OnTrack,
    AtRisk,
    OffTrack,
    Done,
}

impl Status {
    /// In the order of the picker: digits 1–5 choose these.
    pub const ALL: [Status; 5] = [
        Status::NotAssessed,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Done,
    ];

    /// In the order a summary lists them: what needs attention first.
    pub const BY_ATTENTION: [Status; 5] = [
        Status::OffTrack,
        Status::AtRisk,
        Status::OnTrack,
        Status::Done,
        Status::NotAssessed,
    ];

    /// The stable key used in files, the database and the catalogs.
    pub fn key(self) -> &'static str {
        match self {
            Status::NotAssessed => "not_assessed",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Done => "done",
        }
    }

    /// A symbol that tells the statuses apart without colour: circle, triangle,
    /// square, check mark, and a dot for "not assessed".
    pub fn symbol(self) -> &'static str {
        match self {
            Status::NotAssessed => "·",
            Status::OnTrack => "●",
            Status::AtRisk => "▲",
            Status::OffTrack => "■",
            Status::Done => "✓",
        }
    }

    /// The digit that picks this status in the picker (1–5).
    pub fn digit(self) -> u8 {
        Status::ALL.iter().position(|&s| s == self).unwrap_or(0) as u8 + 1
    }

    /// Parses a status as a user or a script writes it: the key, a colour, a
    /// digit 1–5, with `-` or `_` or spaces.
    pub fn parse(s: &str) -> Option<Status> {
        let k = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match k.as_str() {
            "not_assessed" | "none" | "unassessed" | "1" => Some(Status::NotAssessed),
            "on_track" | "green" | "ok" | "2" => Some(Status::OnTrack),
            "at_risk" | "yellow" | "amber" | "challenges" | "3" => Some(Status::AtRisk),
            "off_track" | "red" | "4" => Some(Status::OffTrack),
            "done" | "completed" | "complete" | "5" => Some(Status::Done),
            _ => None,
        }
    }

    /// How much attention the status asks for: the roll-up takes the worst.
    fn severity(self) -> u8 {
        match self {
            Status::NotAssessed => 0,
            Status::Done => 1,
            Status::OnTrack => 2,
            Status::AtRisk => 3,
            Status::OffTrack => 4,
        }
    }
}

/// The roll-up of a parent from the effective statuses of its children.
///
/// The rule, as the product states it:
/// 1. Children that are not assessed do not count.
/// 2. If no child counts, the roll-up is *not assessed*.
/// 3. Otherwise the worst counted status wins: *off track* over *at risk* over
///    *on track*.
/// 4. *Done* only when every counted child is done; a mix of done and on track is
///    *on track*.
///
/// A child's effective status is its own status in the period if it has one,
/// otherwise its own roll-up (see [`effective`]).
pub fn rollup<I: IntoIterator<Item = Status>>(children: I) -> Status {
    let mut worst = Status::NotAssessed;
    for s in children {
        if s.severity() > worst.severity() {
            worst = s;
        }
    }
    worst
}

/// The status that counts for a node when its parent rolls up: its own if it has
/// been assessed, otherwise the roll-up of its children.
pub fn effective(own: Status, children_rollup: Status) -> Status {
    if own == Status::NotAssessed {
        children_rollup
    } else {
        own
    }
}

/// How many items are in each status, in the order of [`Status::ALL`], and
/// how many of the not assessed show a status carried over from an earlier
/// period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    by: [usize; 5],
    /// Of the not assessed: how many carry a status over, unconfirmed.
    pub carried: usize,
}

impl Counts {
    /// Counts of each status in the order of [`Status::ALL`], and of the
    /// not assessed how many carry a status over (as a store keeps them).
    pub fn of(by: [usize; 5], carried: usize) -> Counts {
        Counts { by, carried }
    }
    /// The counts in the order of [`Status::ALL`].
    pub fn by_status(&self) -> [usize; 5] {
        self.by
    }
    pub fn add(&mut self, s: Status) {
        self.by[s.digit() as usize - 1] += 1;
    }
    /// An item whose status is carried over: not assessed in the period.
    pub fn add_carried(&mut self) {
        self.add(Status::NotAssessed);
        self.carried += 1;
    }
    /// Counts an item's current follow-up (`None`: it has none).
    pub fn add_follow_up(&mut self, a: Option<&crate::domain::Assessment>) {
        self.add_current(a.map(|a| super::outline::Current {
            status: a.status,
            carried: a.is_carried(),
        }));
    }
    /// Counts an item's current follow-up as an outline holds it.
    pub fn add_current(&mut self, c: Option<super::outline::Current>) {
        match c {
            Some(c) if c.carried => self.add_carried(),
            Some(c) => self.add(c.status),
            None => self.add(Status::NotAssessed),
        }
    }
    pub fn get(&self, s: Status) -> usize {
        self.by[s.digit() as usize - 1]
    }
    pub fn total(&self) -> usize {
        self.by.iter().sum()
    }
    /// How many are assessed in the period (any status but not assessed).
    pub fn assessed(&self) -> usize {
        self.total() - self.get(Status::NotAssessed)
    }
    pub fn merge(&mut self, other: &Counts) {
        for (a, b) in self.by.iter_mut().zip(other.by) {
            *a += b;
        }
        self.carried += other.carried;
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn no_children_or_none_assessed_is_not_assessed() {
        assert_eq!(rollup([]), NotAssessed);
        assert_eq!(rollup([NotAssessed, NotAssessed]), NotAssessed);
    }

    #[test]
    fn worst_status_wins_and_unassessed_children_are_ignored() {
        assert_eq!(rollup([OnTrack, AtRisk, NotAssessed]), AtRisk);
        assert_eq!(rollup([OnTrack, OffTrack, AtRisk, Done]), OffTrack);
        assert_eq!(rollup([NotAssessed, OnTrack]), OnTrack);
    }

    #[test]
    fn done_only_when_all_counted_children_are_done() {
        assert_eq!(rollup([Done, Done, NotAssessed]), Done);
        assert_eq!(rollup([Done, OnTrack]), OnTrack);
    }

    #[test]
    fn own_status_beats_children_rollup() {
        assert_eq!(effective(OnTrack, OffTrack), OnTrack);
        assert_eq!(effective(NotAssessed, AtRisk), AtRisk);
    }

    #[test]
    fn statuses_parse_from_words_colours_and_digits() {
        assert_eq!(Status::parse("red"), Some(OffTrack));
        assert_eq!(Status::parse("On-Track"), Some(OnTrack));
        assert_eq!(Status::parse("at risk"), Some(AtRisk));
        assert_eq!(Status::parse("5"), Some(Done));
        assert_eq!(Status::parse("purple"), None);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
            assert_eq!(Status::parse(&s.digit().to_string()), Some(s));
        }
    }

    #[test]
    fn symbols_are_distinct() {
        let mut syms: Vec<_> = Status::ALL.iter().map(|s| s.symbol()).collect();
        syms.dedup();
        assert_eq!(syms.len(), 5);
    }

    #[test]
    fn counts_add_up() {
        let mut c = Counts::default();
        for s in [OnTrack, OnTrack, OffTrack] {
            c.add(s);
        }
        assert_eq!((c.get(OnTrack), c.get(OffTrack), c.total()), (2, 1, 3));
    }
}
