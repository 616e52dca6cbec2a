//! A period's life from the app: its dates and deadline, closing and
//! reopening it, removing it; each one store transaction, logged.

use super::edits::stamp;
use super::*;
use crate::store::PeriodDates;

/// Which date of a period an editor changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateField {
    Start,
    End,
    Deadline,
}

impl DateField {
    pub fn key(self) -> &'static str {
        match self {
            DateField::Start => "start",
            DateField::End => "end",
            DateField::Deadline => "deadline",
        }
    }

    /// The date as the period holds it.
    pub fn of(self, p: &crate::domain::Period) -> Option<&str> {
        match self {
            DateField::Start => p.start.as_deref(),
            DateField::End => p.end.as_deref(),
            DateField::Deadline => p.deadline.as_deref(),
        }
    }
}

/// A date as a person types it: `2027-01-31`, or as Finns and Swedes write
/// it, `31.1.2027`; empty clears it. `None`: not a date.
pub fn parse_date(s: &str) -> Option<Option<String>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(None);
    }
    if crate::domain::rules::date_ok(s) {
        return Some(Some(s.to_owned()));
    }
    let parts: Vec<&str> = s.trim_end_matches('.').split('.').collect();
    if let [d, m, y] = parts[..] {
        let iso = format!(
            "{:04}-{:02}-{:02}",
            y.parse::<u32>().ok()?,
            m.parse::<u32>().ok()?,
            d.parse::<u32>().ok()?
        );
        if crate::domain::rules::date_ok(&iso) {
            return Some(Some(iso));
        }
    }
    None
}

impl Effects<'_> {
    /// Saves a period's date from its editor: refused with the reason (the
    /// editor stays) for a date that is not one or an end before the start.
    pub(super) fn save_period_date(
        &mut self,
        ed: &Editor,
        plan: &str,
        code: &str,
        which: DateField,
    ) -> Result<Outcome, StoreError> {
        let typed = ed.text();
        let Some(date) = parse_date(&typed) else {
            return Err(StoreError::BadDate(typed.trim().to_owned()));
        };
        let d = Some(date.as_deref());
        let dates = match which {
            DateField::Start => PeriodDates {
                start: d,
                ..PeriodDates::default()
            },
            DateField::End => PeriodDates {
                end: d,
                ..PeriodDates::default()
            },
            DateField::Deadline => PeriodDates {
                deadline: d,
                ..PeriodDates::default()
            },
        };
        let (user, at) = stamp();
        self.store
            .set_period_dates(plan, code, &dates, &user, &at)?;
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            overlay: Some(Overlay::Periods {
                choice: self.period_index(plan, code),
            }),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            "period.edited",
            &[("plan", &plan), ("period", &code)],
        )))
    }

    fn period_index(&self, plan: &str, code: &str) -> usize {
        self.model
            .plans
            .iter()
            .find(|p| p.plan.code == plan)
            .and_then(|p| p.plan.periods.iter().position(|x| x.code == code))
            .unwrap_or(0)
    }

    pub(super) fn set_period_closed(
        &mut self,
        plan: &str,
        code: &str,
        close: bool,
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        let changed = self
            .store
            .set_period_closed(plan, code, close, &user, &at)?;
        let key = match (close, changed) {
            (true, true) => "period.closed",
            (true, false) => "period.already_closed",
            (false, true) => "period.reopened",
            (false, false) => "period.already_open",
        };
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            overlay: Some(Overlay::Periods {
                choice: self.period_index(plan, code),
            }),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            key,
            &[("plan", &plan), ("period", &code)],
        )))
    }

    /// Asks before removing a period, saying what goes with it.
    pub(super) fn ask_remove_period(
        &mut self,
        plan: String,
        code: String,
    ) -> Result<Outcome, StoreError> {
        let lang = self.model.lang;
        let (follow_ups, values) = self.store.period_contents(&plan, &code)?;
        let [(_, yes), (_, no)] = self.model.keymap.answers(lang);
        let text = tf(
            lang,
            "ask.remove_period",
            &[
                ("plan", &plan),
                ("period", &code),
                ("follow_ups", &plural(lang, "count.follow_ups", follow_ups)),
                ("values", &plural(lang, "count.values", values)),
                ("yes", &yes),
                ("no", &no),
            ],
        );
        Ok(Outcome {
            overlay: Some(Overlay::Ask(Box::new(Question {
                text,
                yes: Command::RemovePeriod { plan, code },
                no: None,
            }))),
            ..Outcome::default()
        })
    }

    pub(super) fn remove_period(&mut self, plan: &str, code: &str) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        let (follow_ups, values) = self.store.period_contents(plan, code)?;
        self.store.remove_period(plan, code, true, &user, &at)?;
        // The plan shows its default period again if it showed this one.
        let today = crate::clock::today();
        let period = self.store.default_period(plan, &today)?;
        let fresh = self.store.load_plan_in(plan, period.as_deref())?;
        let lang = self.model.lang;
        Ok(Outcome {
            reload: Reload::Loaded(Fresh::Whole(fresh), period),
            ..Outcome::default()
        }
        .say(tf(
            lang,
            "period.removed",
            &[
                ("plan", &plan),
                ("period", &code),
                ("follow_ups", &plural(lang, "count.follow_ups", follow_ups)),
                ("values", &plural(lang, "count.values", values)),
            ],
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_as_people_type_them() {
        assert_eq!(parse_date("2027-01-31"), Some(Some("2027-01-31".into())));
        assert_eq!(parse_date("31.1.2027"), Some(Some("2027-01-31".into())));
        assert_eq!(parse_date(" 1.2.2027. "), Some(Some("2027-02-01".into())));
        assert_eq!(parse_date(""), Some(None));
        assert_eq!(parse_date("31.2.2027"), None);
        assert_eq!(parse_date("tomorrow"), None);
    }
}
