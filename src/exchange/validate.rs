//! The rules a document must meet beyond its JSON shape.

use std::collections::HashSet;

use super::{Document, Path, Problem, FORMAT, MAX_TEXT_CHARS, VERSION};
use crate::domain::indicator::ThresholdError;
use crate::domain::{risk, Item, Lang, Plan, Text};

type Check = Result<(), (Path, Problem)>;

fn fail(path: Path, problem: Problem) -> Check {
    Err((path, problem))
}

pub fn document(doc: &Document) -> Check {
    let root = Path::default();
    if doc.format != FORMAT {
        return fail(root.key("format"), Problem::WrongFormat(doc.format.clone()));
    }
    if doc.version > VERSION {
        return fail(
            root.key("version"),
            Problem::NewerVersion {
                found: doc.version,
                supported: VERSION,
            },
        );
    }
    let mut codes = HashSet::new();
    for (i, plan) in doc.plans.iter().enumerate() {
        let at = root.key("plans").index(i);
        if !codes.insert(plan.code.as_str()) {
            return fail(at.key("code"), Problem::Duplicate(plan.code.clone()));
        }
        self::plan(plan, &at)?;
    }
    Ok(())
}

/// Plan codes: lower-case letters, digits, `-`, `_`, `.`; at most 64.
pub fn plan_code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

/// Item and period codes: no spaces, no `:` (it separates plan and item), at most 64.
pub fn item_code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.chars().count() <= 64
        && !code
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ':')
}

fn plan(plan: &Plan, at: &Path) -> Check {
    if !plan_code_ok(&plan.code) {
        return fail(at.key("code"), Problem::BadCode(plan.code.clone()));
    }
    title(&plan.title, &at.key("title"))?;
    text(&plan.description, &at.key("description"))?;
    text(&plan.organisation, &at.key("organisation"))?;
    for (i, l) in plan.levels.iter().enumerate() {
        text(l, &at.key("levels").index(i))?;
    }
    for (s, t) in &plan.status_labels {
        text(t, &at.key("status_labels").key(s.key()))?;
    }
    let mut periods = HashSet::new();
    for (i, p) in plan.periods.iter().enumerate() {
        let pa = at.key("periods").index(i);
        if !item_code_ok(&p.code) {
            return fail(pa.key("code"), Problem::BadCode(p.code.clone()));
        }
        if !periods.insert(p.code.as_str()) {
            return fail(pa.key("code"), Problem::Duplicate(p.code.clone()));
        }
        text(&p.label, &pa.key("label"))?;
        for (k, d) in [("start", &p.start), ("end", &p.end)] {
            if let Some(d) = d {
                if !date_ok(d) {
                    return fail(pa.key(k), Problem::BadDate(d.clone()));
                }
            }
        }
        if let (Some(s), Some(e)) = (&p.start, &p.end) {
            if e < s {
                return fail(pa.key("end"), Problem::PeriodEndsBeforeStart);
            }
        }
    }
    let mut codes = HashSet::new();
    items(&plan.items, &at.key("items"), &periods, &mut codes)
}

fn items<'a>(
    items: &'a [Item],
    at: &Path,
    periods: &HashSet<&str>,
    codes: &mut HashSet<&'a str>,
) -> Check {
    for (i, it) in items.iter().enumerate() {
        let ia = at.index(i);
        if !item_code_ok(&it.code) {
            return fail(ia.key("code"), Problem::BadCode(it.code.clone()));
        }
        if !codes.insert(it.code.as_str()) {
            return fail(ia.key("code"), Problem::Duplicate(it.code.clone()));
        }
        text(&it.level, &ia.key("level"))?;
        title(&it.title, &ia.key("title"))?;
        for (k, t) in [
            ("description", &it.description),
            ("owner", &it.owner),
            ("follow_up", &it.follow_up),
        ] {
            text(t, &ia.key(k))?;
        }
        for (j, a) in it.assessments.iter().enumerate() {
            let aa = ia.key("assessments").index(j);
            known_period(&a.period, periods, &aa)?;
            if !timestamp_ok(&a.at) {
                return fail(aa.key("at"), Problem::BadTimestamp(a.at.clone()));
            }
            text(&a.comment, &aa.key("comment"))?;
            text(&a.actions, &aa.key("actions"))?;
            if a.by.chars().count() > 200 {
                return fail(
                    aa.key("by"),
                    Problem::TextTooLong {
                        chars: a.by.chars().count(),
                        limit: 200,
                    },
                );
            }
        }
        for (j, ind) in it.indicators.iter().enumerate() {
            let na = ia.key("indicators").index(j);
            title(&ind.name, &na.key("name"))?;
            for (k, t) in [
                ("description", &ind.description),
                ("unit", &ind.unit),
                ("source", &ind.source),
            ] {
                text(t, &na.key(k))?;
            }
            match ind.thresholds().validate() {
                Ok(()) => {}
                Err(ThresholdError::NotFinite) => {
                    return fail(na.key("green"), Problem::ThresholdNotFinite)
                }
                Err(ThresholdError::YellowOnWrongSide) => {
                    return fail(
                        na.key("yellow"),
                        Problem::YellowWrongSide {
                            direction: ind.direction,
                        },
                    )
                }
            }
            let mut seen = HashSet::new();
            for (k, v) in ind.values.iter().enumerate() {
                let va = na.key("values").index(k);
                known_period(&v.period, periods, &va)?;
                if !seen.insert(v.period.as_str()) {
                    return fail(va.key("period"), Problem::Duplicate(v.period.clone()));
                }
                if v.value.is_some_and(|x| !x.is_finite()) {
                    return fail(va.key("value"), Problem::ThresholdNotFinite);
                }
                text(&v.note, &va.key("note"))?;
            }
        }
        if let Some(r) = &it.risk {
            let ra = ia.key("risk");
            for (k, v) in [
                ("probability", r.probability),
                ("consequence", r.consequence),
            ] {
                if !risk::SCALE.contains(&v) {
                    return fail(ra.key(k), Problem::OutOfScale(v));
                }
            }
            for (j, c) in r.controls.iter().enumerate() {
                let ca = ra.key("controls").index(j);
                title(&c.what, &ca.key("what"))?;
                for (k, t) in [
                    ("how", &c.how),
                    ("frequency", &c.frequency),
                    ("performer", &c.performer),
                    ("responsible", &c.responsible),
                ] {
                    text(t, &ca.key(k))?;
                }
            }
        }
        self::items(&it.children, &ia.key("children"), periods, codes)?;
    }
    Ok(())
}

fn known_period(code: &str, periods: &HashSet<&str>, at: &Path) -> Check {
    if periods.contains(code) {
        Ok(())
    } else {
        fail(at.key("period"), Problem::UnknownPeriod(code.to_owned()))
    }
}

fn title(t: &Text, at: &Path) -> Check {
    if t.is_empty() {
        return fail(at.clone(), Problem::NoTitle);
    }
    text(t, at)
}

fn text(t: &Text, at: &Path) -> Check {
    for l in Lang::ALL {
        if let Some(s) = t.get(l) {
            let n = s.chars().count();
            if n > MAX_TEXT_CHARS {
                return fail(
                    at.key(l.code()),
                    Problem::TextTooLong {
                        chars: n,
                        limit: MAX_TEXT_CHARS,
                    },
                );
            }
        }
    }
    Ok(())
}

/// `YYYY-MM-DD` with a real month and day.
pub fn date_ok(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in(y, m),
        _ => false,
    }
}

fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, in UTC.
pub fn timestamp_ok(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    date_ok(&s[..10])
        && num(11..13).is_some_and(|h| h < 24)
        && num(14..16).is_some_and(|m| m < 60)
        && num(17..19).is_some_and(|x| x < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_timestamps() {
        assert!(date_ok("2024-02-29"));
        assert!(!date_ok("2025-02-29"));
        assert!(!date_ok("2025-13-01"));
        assert!(!date_ok("2025-1-01"));
        assert!(timestamp_ok("2025-12-31T23:59:59Z"));
        assert!(!timestamp_ok("2025-12-31T24:00:00Z"));
        assert!(!timestamp_ok("2025-12-31 10:00:00"));
    }

    #[test]
    fn codes() {
        assert!(plan_code_ok("strategy-2026"));
        assert!(!plan_code_ok("Strategy"));
        assert!(!plan_code_ok(""));
        assert!(item_code_ok("1.2"));
        assert!(item_code_ok("R1"));
        assert!(!item_code_ok("1 2"));
        assert!(!item_code_ok("a:b"));
    }
}
