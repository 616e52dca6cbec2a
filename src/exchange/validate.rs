//! The rules a document must meet beyond its JSON shape.

use std::collections::HashSet;

use super::{Document, Path, Problem, FORMAT, VERSION};
use crate::domain::indicator::ThresholdError;
use crate::domain::rules::{
    comparable, date_ok, item_code_ok, plan_code_ok, timestamp_ok, MAX_BY_CHARS, MAX_TEXT_CHARS,
};
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
    let mut people = HashSet::new();
    for (i, c) in doc.contacts.iter().enumerate() {
        let at = root.key("contacts").index(i);
        if !item_code_ok(&c.id) {
            return fail(at.key("id"), Problem::BadCode(c.id.clone()));
        }
        if !people.insert(c.id.as_str()) {
            return fail(at.key("id"), Problem::Duplicate(c.id.clone()));
        }
        if c.name.trim().is_empty() {
            return fail(at.key("name"), Problem::NoTitle);
        }
        if let Some(e) = c
            .email
            .as_ref()
            .filter(|e| !crate::domain::contact::email_ok(e))
        {
            return fail(at.key("email"), Problem::BadEmail(e.clone()));
        }
    }
    let mut codes = HashSet::new();
    for (i, plan) in doc.plans.iter().enumerate() {
        let at = root.key("plans").index(i);
        if !codes.insert(plan.code.as_str()) {
            return fail(at.key("code"), Problem::Duplicate(plan.code.clone()));
        }
        self::plan(plan, &at)?;
        named(&plan.items, &at.key("items"), &people)?;
    }
    Ok(())
}

/// Every contact an item names is one the document lists.
fn named(items: &[Item], at: &Path, people: &HashSet<&str>) -> Check {
    for (i, it) in items.iter().enumerate() {
        let ia = at.index(i);
        for (j, c) in it.contacts.iter().enumerate() {
            if !people.contains(c.contact.as_str()) {
                return fail(
                    ia.key("contacts").index(j).key("contact"),
                    Problem::UnknownContact(c.contact.clone()),
                );
            }
        }
        named(&it.children, &ia.key("children"), people)?;
    }
    Ok(())
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
    // Codes compare in one normal form: `ä` and `a` + U+0308 are one code.
    let mut period_forms = HashSet::new();
    for (i, p) in plan.periods.iter().enumerate() {
        let pa = at.key("periods").index(i);
        if !item_code_ok(&p.code) {
            return fail(pa.key("code"), Problem::BadCode(p.code.clone()));
        }
        periods.insert(p.code.as_str());
        if !period_forms.insert(comparable(&p.code)) {
            return fail(pa.key("code"), Problem::Duplicate(p.code.clone()));
        }
        text(&p.label, &pa.key("label"))?;
        for (k, d) in [
            ("start", &p.start),
            ("end", &p.end),
            ("deadline", &p.deadline),
        ] {
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
        if let Some(c) = &p.closed {
            if !timestamp_ok(&c.at) {
                return fail(
                    pa.key("closed").key("at"),
                    Problem::BadTimestamp(c.at.clone()),
                );
            }
        }
    }
    let mut codes = HashSet::new();
    items(&plan.items, &at.key("items"), &periods, &mut codes)
}

fn items(items: &[Item], at: &Path, periods: &HashSet<&str>, codes: &mut HashSet<String>) -> Check {
    for (i, it) in items.iter().enumerate() {
        let ia = at.index(i);
        if !item_code_ok(&it.code) {
            return fail(ia.key("code"), Problem::BadCode(it.code.clone()));
        }
        if !codes.insert(comparable(&it.code)) {
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
            if let Some(from) = &a.carried_from {
                if !periods.contains(from.as_str()) {
                    return fail(aa.key("carried_from"), Problem::UnknownPeriod(from.clone()));
                }
            }
            if !timestamp_ok(&a.at) {
                return fail(aa.key("at"), Problem::BadTimestamp(a.at.clone()));
            }
            text(&a.comment, &aa.key("comment"))?;
            text(&a.actions, &aa.key("actions"))?;
            if a.by.chars().count() > MAX_BY_CHARS {
                return fail(
                    aa.key("by"),
                    Problem::TextTooLong {
                        chars: a.by.chars().count(),
                        limit: MAX_BY_CHARS,
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
            if let Some(d) = ind
                .decimals
                .filter(|&d| d > crate::domain::rules::MAX_DECIMALS)
            {
                return fail(na.key("decimals"), Problem::TooManyDecimals(d));
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
