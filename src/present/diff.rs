//! What changed between two follow-up periods of a plan, for `strata diff`,
//! the app's view of it and the board report: per item, the status then
//! and now with its direction, whether it is newly assessed or only carried
//! over, indicator values that crossed a threshold, comments new or
//! rewritten; the items added, moved or removed since the earlier period
//! (from the change log); the items not updated at all. Built from the
//! stored follow-ups; the texts in the reader's language.

use crate::domain::change::ChangeRow;
use crate::domain::{Item, Lang, Light, Plan, Status};

/// Better, worse or the same, by the status's severity (done and on track
/// best, off track worst); from or to *not assessed* is neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Better,
    Worse,
    Same,
    /// One of the two is not assessed: no direction can be told.
    Unknown,
}

impl Direction {
    pub fn key(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Worse => "worse",
            Direction::Same => "same",
            Direction::Unknown => "unknown",
        }
    }

    /// ↑ better, ↓ worse, → the same, · unknown.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Better => "↑",
            Direction::Worse => "↓",
            Direction::Same => "→",
            Direction::Unknown => "·",
        }
    }

    pub fn of(from: Status, to: Status) -> Direction {
        // Worse is higher: on track and done are both good.
        let rank = |s: Status| match s {
            Status::Done | Status::OnTrack => Some(0),
            Status::AtRisk => Some(1),
            Status::OffTrack => Some(2),
            Status::NotAssessed => None,
        };
        match (rank(from), rank(to)) {
            (Some(a), Some(b)) if b < a => Direction::Better,
            (Some(a), Some(b)) if b > a => Direction::Worse,
            (Some(_), Some(_)) => Direction::Same,
            _ => Direction::Unknown,
        }
    }
}

/// How the comment of the later period compares with the earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentChange {
    None,
    New,
    Rewritten,
    Same,
}

impl CommentChange {
    pub fn key(self) -> &'static str {
        match self {
            CommentChange::None => "none",
            CommentChange::New => "new",
            CommentChange::Rewritten => "rewritten",
            CommentChange::Same => "same",
        }
    }
}

/// An indicator whose light differs between the two periods.
#[derive(Clone, Debug, PartialEq)]
pub struct Crossed {
    pub name: String,
    pub from: (Option<f64>, Light),
    pub to: (Option<f64>, Light),
}

/// One item's change between the periods.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub code: String,
    pub title: String,
    pub from: Status,
    pub to: Status,
    pub direction: Direction,
    /// The later status is only carried over (not assessed in that period).
    pub carried: bool,
    /// Assessed in the later period (not carried over, not missing).
    pub newly_assessed: bool,
    pub comment: CommentChange,
    pub crossed: Vec<Crossed>,
}

impl ItemChange {
    /// Worth a line: anything but an item left exactly as it was.
    pub fn changed(&self) -> bool {
        self.from != self.to
            || !self.crossed.is_empty()
            || matches!(self.comment, CommentChange::New | CommentChange::Rewritten)
    }
}

/// An item added, moved or removed since the earlier period.
#[derive(Clone, Debug, PartialEq)]
pub struct Structural {
    /// `add`, `delete`, `move` (the change log's field).
    pub what: String,
    pub code: String,
    pub at: String,
    /// The new parent of a move (`None`: the top level).
    pub detail: Option<String>,
}

/// What changed in a plan from one period to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    pub plan: String,
    pub from: String,
    pub to: String,
    /// Every item that counts (leaves, and items with a follow-up of their
    /// own in either period), in plan order.
    pub items: Vec<ItemChange>,
    pub structure: Vec<Structural>,
    /// Items with no assessment of their own in the later period (none, or
    /// only one carried over).
    pub not_updated: Vec<(String, String)>,
    /// Values of either period that the source revised after reporting.
    pub revised: Vec<super::revised::RevisedValue>,
}

impl Diff {
    pub fn count(&self, d: Direction) -> usize {
        self.items
            .iter()
            .filter(|c| c.from != Status::NotAssessed || c.to != Status::NotAssessed)
            .filter(|c| c.direction == d)
            .count()
    }
}

fn title(it: &Item, lang: Lang) -> String {
    it.title
        .resolve(lang)
        .map(|s| s.text.to_owned())
        .unwrap_or_default()
}

/// The change of `plan` (loaded with every period's follow-ups) from period
/// `from` to `to`. `log` is the plan's change log, newest first; the rows
/// dated after the earlier period ended (else after it began) count as
/// structure changes between the two.
pub fn diff(plan: &Plan, from: &str, to: &str, log: &[ChangeRow], lang: Lang) -> Diff {
    let mut items = Vec::new();
    let mut not_updated = Vec::new();
    for (_, it) in plan.walk() {
        let a = it.current(from);
        let b = it.current(to);
        if !(it.children.is_empty() || a.is_some() || b.is_some()) {
            continue;
        }
        let from_status = a.map_or(Status::NotAssessed, |a| a.assessed());
        let to_status = b.map_or(Status::NotAssessed, |a| a.status);
        let carried = b.is_some_and(|b| b.is_carried());
        let shown_to = if carried {
            Status::NotAssessed
        } else {
            to_status
        };
        let text = |x: Option<&crate::domain::Assessment>| {
            x.and_then(|x| x.comment.resolve(lang).map(|s| s.text.to_owned()))
                .filter(|s| !s.trim().is_empty())
        };
        let comment = match (text(a), text(b)) {
            (_, None) => CommentChange::None,
            (None, Some(_)) => CommentChange::New,
            (Some(x), Some(y)) if x == y => CommentChange::Same,
            (Some(_), Some(_)) => CommentChange::Rewritten,
        };
        let crossed = it
            .indicators
            .iter()
            .filter_map(|ind| {
                let th = ind.thresholds();
                let (va, vb) = (ind.value_in(from), ind.value_in(to));
                let (la, lb) = (th.light(va), th.light(vb));
                (la != lb && la != Light::NoData && lb != Light::NoData).then(|| Crossed {
                    name: ind
                        .name
                        .resolve(lang)
                        .map(|s| s.text.to_owned())
                        .unwrap_or_default(),
                    from: (va, la),
                    to: (vb, lb),
                })
            })
            .collect();
        let newly_assessed = b.is_some_and(|b| !b.is_carried());
        if !newly_assessed {
            not_updated.push((it.code.clone(), title(it, lang)));
        }
        items.push(ItemChange {
            code: it.code.clone(),
            title: title(it, lang),
            from: from_status,
            to: shown_to,
            direction: Direction::of(from_status, shown_to),
            carried,
            newly_assessed,
            comment,
            crossed,
        });
    }
    // The change log rows after the earlier period.
    let since = plan
        .period(from)
        .and_then(|p| p.end.clone().or_else(|| p.start.clone()));
    let structure = log
        .iter()
        .filter(|r| matches!(r.field.as_str(), "add" | "delete" | "move") && r.item.is_some())
        .filter(|r| since.as_deref().is_none_or(|s| r.at.as_str() > s))
        .map(|r| Structural {
            what: r.field.clone(),
            code: r.item.clone().unwrap_or_default(),
            at: r.at.clone(),
            detail: match r.field.as_str() {
                "move" => r.new.clone(),
                _ => None,
            },
        })
        .collect();
    Diff {
        plan: plan.code.clone(),
        from: from.to_owned(),
        to: to.to_owned(),
        items,
        structure,
        not_updated,
        revised: super::revised::revisions(plan, &[from, to], lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_by_severity_with_on_track_and_done_alike() {
        use Status::*;
        assert_eq!(Direction::of(AtRisk, OnTrack), Direction::Better);
        assert_eq!(Direction::of(OnTrack, OffTrack), Direction::Worse);
        assert_eq!(Direction::of(OnTrack, Done), Direction::Same);
        assert_eq!(Direction::of(NotAssessed, OffTrack), Direction::Unknown);
        assert_eq!(Direction::of(OffTrack, NotAssessed), Direction::Unknown);
    }
}
