//! Risks: probability × consequence, the score and its handling band.

/// The handling band of a risk score, from the internal-control scale
/// (1–3 no action, 4–6 watch, 8–12 control plan, 16 control plan and action).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    NoAction,
    Watch,
    ControlPlan,
    PlanAndAction,
}

impl Band {
    pub fn key(self) -> &'static str {
        match self {
            Band::NoAction => "no_action",
            Band::Watch => "watch",
            Band::ControlPlan => "control_plan",
            Band::PlanAndAction => "plan_and_action",
        }
    }

    /// The band of a score. Scores that the 4×4 scale cannot produce (5, 7,
    /// 10, 11, 13–15) fall in the band whose range they lie in.
    pub fn of_score(score: u8) -> Band {
        match score {
            0..=3 => Band::NoAction,
            4..=7 => Band::Watch,
            8..=12 => Band::ControlPlan,
            _ => Band::PlanAndAction,
        }
    }
}

pub const SCALE: std::ops::RangeInclusive<u8> = 1..=4;

/// Probability and consequence, each on the 1–4 scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub probability: u8,
    pub consequence: u8,
}

impl Assessment {
    pub fn new(probability: u8, consequence: u8) -> Option<Assessment> {
        (SCALE.contains(&probability) && SCALE.contains(&consequence)).then_some(Assessment {
            probability,
            consequence,
        })
    }

    pub fn score(self) -> u8 {
        self.probability * self.consequence
    }

    pub fn band(self) -> Band {
        Band::of_score(self.score())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(p: u8, c: u8) -> (u8, Band) {
        let a = Assessment::new(p, c).unwrap();
        (a.score(), a.band())
    }

    #[test]
    fn band_edges_of_the_internal_control_scale() {
        assert_eq!(band(1, 3), (3, Band::NoAction));
        assert_eq!(band(1, 4), (4, Band::Watch));
        assert_eq!(band(2, 3), (6, Band::Watch));
        assert_eq!(band(2, 4), (8, Band::ControlPlan));
        assert_eq!(band(3, 3), (9, Band::ControlPlan));
        assert_eq!(band(3, 4), (12, Band::ControlPlan));
        assert_eq!(band(4, 4), (16, Band::PlanAndAction));
        assert_eq!(band(1, 1), (1, Band::NoAction));
    }

    #[test]
    fn every_cell_of_the_matrix_has_a_band() {
        for p in SCALE {
            for c in SCALE {
                let a = Assessment::new(p, c).unwrap();
                assert!(a.score() >= 1 && a.score() <= 16);
            }
        }
    }

    #[test]
    fn outside_the_scale_is_refused() {
        assert!(Assessment::new(0, 3).is_none());
        assert!(Assessment::new(3, 5).is_none());
    }
}
