//! Indicators and the rule that computes their light from the thresholds.

use serde::{Deserialize, Serialize};

use super::status::Status;

/// Whether a higher or a lower value is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Higher,
    Lower,
}

/// The light of an indicator value. Never typed: always computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    Green,
    Yellow,
    Red,
    /// No value for the period ("iu", *ingen uppgift*).
    NoData,
}

impl Light {
    pub fn key(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
            Light::NoData => "no_data",
        }
    }

    /// The status a light stands for, to show it with the same symbols.
    pub fn as_status(self) -> Status {
        match self {
            Light::Green => Status::OnTrack,
            Light::Yellow => Status::AtRisk,
            Light::Red => Status::OffTrack,
            Light::NoData => Status::NotAssessed,
        }
    }
}

/// The green threshold and the far edge of the yellow band.
///
/// Higher is better: green when `value >= green`, yellow when
/// `yellow <= value < green`, red below `yellow`. Lower is better: green when
/// `value <= green`, yellow when `green < value <= yellow`, red above `yellow`.
/// A value exactly on a threshold gets the better light.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    pub direction: Direction,
    pub green: f64,
    pub yellow: f64,
}

/// Why thresholds cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThresholdError {
    NotFinite,
    /// The yellow band lies on the wrong side of the green threshold.
    YellowOnWrongSide,
}

impl Thresholds {
    pub fn validate(&self) -> Result<(), ThresholdError> {
        if !self.green.is_finite() || !self.yellow.is_finite() {
            return Err(ThresholdError::NotFinite);
        }
        let ok = match self.direction {
            Direction::Higher => self.yellow <= self.green,
            Direction::Lower => self.yellow >= self.green,
        };
        if ok {
            Ok(())
        } else {
            Err(ThresholdError::YellowOnWrongSide)
        }
    }

    pub fn light(&self, value: Option<f64>) -> Light {
        let Some(v) = value.filter(|v| v.is_finite()) else {
            return Light::NoData;
        };
        let (green, yellow) = match self.direction {
            Direction::Higher => (v >= self.green, v >= self.yellow),
            Direction::Lower => (v <= self.green, v <= self.yellow),
        };
        if green {
            Light::Green
        } else if yellow {
            Light::Yellow
        } else {
            Light::Red
        }
    }
}

impl Light {
    /// How bad: no data 0, green 1, yellow 2, red 3.
    fn severity(self) -> u8 {
        match self {
            Light::NoData => 0,
            Light::Green => 1,
            Light::Yellow => 2,
            Light::Red => 3,
        }
    }
}

/// The light an item's indicators give together in a period: the worst
/// light of those that have a value; *no data* when none has one (never
/// green); `None` for an item without indicators. It is shown beside the
/// item's status and never stored as it: the coordinator decides.
pub fn say(lights: impl IntoIterator<Item = Light>) -> Option<Light> {
    lights
        .into_iter()
        .reduce(|a, b| if b.severity() > a.severity() { b } else { a })
}

/// Whether an assessed status and what the indicators say disagree enough
/// to flag: the status says on track or done while the indicators are red,
/// or it says off track while they are green. No data and not assessed
/// never disagree.
pub fn disagrees(status: Status, light: Light) -> bool {
    matches!(
        (status, light),
        (Status::OnTrack | Status::Done, Light::Red) | (Status::OffTrack, Light::Green)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_say_the_worst_light_that_has_a_value() {
        use Light::*;
        assert_eq!(say([]), None, "no indicators");
        assert_eq!(
            say([NoData, NoData]),
            Some(NoData),
            "never green without data"
        );
        assert_eq!(say([Green, NoData]), Some(Green));
        assert_eq!(say([Green, Red, Yellow]), Some(Red));
        assert_eq!(say([Yellow, Green]), Some(Yellow));
    }

    #[test]
    fn a_green_status_with_red_indicators_is_flagged() {
        assert!(disagrees(Status::OnTrack, Light::Red));
        assert!(disagrees(Status::Done, Light::Red));
        assert!(disagrees(Status::OffTrack, Light::Green));
        assert!(!disagrees(Status::AtRisk, Light::Red));
        assert!(!disagrees(Status::OnTrack, Light::Yellow));
        assert!(!disagrees(Status::NotAssessed, Light::Red));
        assert!(!disagrees(Status::OnTrack, Light::NoData));
    }

    fn higher() -> Thresholds {
        // "70 eller högre", yellow "29–69" (Kolada efficiency index)
        Thresholds {
            direction: Direction::Higher,
            green: 70.0,
            yellow: 29.0,
        }
    }

    fn lower() -> Thresholds {
        // sick leave: green "6,1 eller lägre", yellow up to 8
        Thresholds {
            direction: Direction::Lower,
            green: 6.1,
            yellow: 8.0,
        }
    }

    #[test]
    fn higher_is_better_edges() {
        let t = higher();
        assert_eq!(t.light(Some(70.0)), Light::Green, "exactly on green");
        assert_eq!(t.light(Some(69.99)), Light::Yellow);
        assert_eq!(t.light(Some(29.0)), Light::Yellow, "exactly on yellow edge");
        assert_eq!(t.light(Some(28.99)), Light::Red);
        assert_eq!(t.light(Some(100.0)), Light::Green);
    }

    #[test]
    fn lower_is_better_edges() {
        let t = lower();
        assert_eq!(t.light(Some(6.1)), Light::Green, "exactly on green");
        assert_eq!(t.light(Some(6.11)), Light::Yellow);
        assert_eq!(t.light(Some(8.0)), Light::Yellow, "exactly on yellow edge");
        assert_eq!(t.light(Some(8.01)), Light::Red);
        assert_eq!(t.light(Some(0.0)), Light::Green);
    }

    #[test]
    fn missing_value_has_no_light() {
        assert_eq!(higher().light(None), Light::NoData);
        assert_eq!(lower().light(Some(f64::NAN)), Light::NoData);
    }

    #[test]
    fn yellow_band_must_lie_on_the_worse_side() {
        assert_eq!(higher().validate(), Ok(()));
        assert_eq!(lower().validate(), Ok(()));
        let bad = Thresholds {
            direction: Direction::Higher,
            green: 70.0,
            yellow: 80.0,
        };
        assert_eq!(bad.validate(), Err(ThresholdError::YellowOnWrongSide));
        let bad = Thresholds {
            direction: Direction::Lower,
            green: 6.1,
            yellow: 5.0,
        };
        assert_eq!(bad.validate(), Err(ThresholdError::YellowOnWrongSide));
        let nan = Thresholds {
            direction: Direction::Lower,
            green: f64::INFINITY,
            yellow: 5.0,
        };
        assert_eq!(nan.validate(), Err(ThresholdError::NotFinite));
    }

    #[test]
    fn a_band_of_zero_width_has_no_yellow() {
        let t = Thresholds {
            direction: Direction::Higher,
            green: 1.0,
            yellow: 1.0,
        };
        assert_eq!(t.light(Some(1.0)), Light::Green);
        assert_eq!(t.light(Some(0.0)), Light::Red);
    }
}
