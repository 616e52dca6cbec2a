//! Which texts of a plan lack a translation: every user-visible text that has a
//! value in at least one language but not in all three.

pub use super::field::Field;
use super::lang::{Lang, Text};
use super::plan::{Item, Plan};

/// One text that is written in some languages but not in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The item's code; `None` for a text of the plan itself (its title, level
    /// names, status labels, period labels).
    pub item: Option<String>,
    pub field: Field,
    /// The languages the text lacks, in the order fi, sv, en; never empty.
    pub lacks: Vec<Lang>,
}

/// Every text of the plan that lacks a translation, in document order: the
/// plan's own texts first, then the items in tree order (each item before its
/// children). Of the follow-ups only the current one of each period counts
/// ([`Item::current`]); earlier rows are history. Texts empty in every
/// language are not listed, nor are the notes of indicator values.
pub fn missing_translations(plan: &Plan) -> Vec<Missing> {
    missing_with_text(plan)
        .into_iter()
        .map(|(m, _)| m)
        .collect()
}

/// As [`missing_translations`], with each text, for a surface that shows it.
pub fn missing_with_text(plan: &Plan) -> Vec<(Missing, &Text)> {
    let mut out = Vec::new();
    visit(plan, &mut |item, field, text| {
        let lacks = text.missing();
        if !lacks.is_empty() {
            out.push((
                Missing {
                    item: item.map(str::to_owned),
                    field,
                    lacks,
                },
                text,
            ));
        }
    });
    out
}

/// Every user-visible text of the plan with its address, in document order
/// (see [`missing_translations`]), empty ones included.
pub fn every_text(plan: &Plan) -> Vec<(super::field::TextAt, &Text)> {
    let mut out = Vec::new();
    visit(plan, &mut |item, field, text| {
        if let Some(at) = super::field::TextAt::new(&plan.code, item, field) {
            out.push((at, text));
        }
    });
    out
}

/// Calls `f` with every user-visible text of the plan, in document order (the
/// order of the exchange format's fields).
fn visit<'a>(plan: &'a Plan, f: &mut dyn FnMut(Option<&'a str>, Field, &'a Text)) {
    f(None, Field::PlanTitle, &plan.title);
    f(None, Field::PlanDescription, &plan.description);
    f(None, Field::PlanOrganisation, &plan.organisation);
    for (i, t) in plan.levels.iter().enumerate() {
        f(None, Field::Level(i), t);
    }
    for (&s, t) in &plan.status_labels {
        f(None, Field::StatusLabel(s), t);
    }
    for p in &plan.periods {
        f(None, Field::PeriodLabel(p.code.clone()), &p.label);
    }
    for (_, item) in plan.walk() {
        visit_item(item, f);
    }
}

fn visit_item<'a>(it: &'a Item, f: &mut dyn FnMut(Option<&'a str>, Field, &'a Text)) {
    let code = Some(it.code.as_str());
    f(code, Field::LevelName, &it.level);
    f(code, Field::Title, &it.title);
    f(code, Field::Description, &it.description);
    f(code, Field::Owner, &it.owner);
    f(code, Field::FollowUp, &it.follow_up);
    for a in &it.assessments {
        let current = it.current(&a.period).is_some_and(|c| std::ptr::eq(c, a));
        if current {
            let period = a.period.clone();
            f(code, Field::Comment { period }, &a.comment);
            let period = a.period.clone();
            f(code, Field::Actions { period }, &a.actions);
        }
    }
    for (i, ind) in it.indicators.iter().enumerate() {
        f(code, Field::IndicatorName(i), &ind.name);
        f(code, Field::IndicatorDescription(i), &ind.description);
        f(code, Field::IndicatorUnit(i), &ind.unit);
        f(code, Field::IndicatorSource(i), &ind.source);
    }
    if let Some(risk) = &it.risk {
        for (i, c) in risk.controls.iter().enumerate() {
            f(code, Field::ControlWhat(i), &c.what);
            f(code, Field::ControlHow(i), &c.how);
            f(code, Field::ControlFrequency(i), &c.frequency);
            f(code, Field::ControlPerformer(i), &c.performer);
            f(code, Field::ControlResponsible(i), &c.responsible);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Assessment, Control, Direction, Indicator, Period, Risk, Status};
    use serde_json::Value;

    fn full(s: &str) -> Text {
        Text::new(Some(s), Some(s), Some(s))
    }

    fn follow_up(period: &str, comment: Text, at: &str) -> Assessment {
        Assessment {
            period: period.into(),
            status: Status::AtRisk,
            comment,
            at: at.into(),
            ..Assessment::default()
        }
    }

    /// A plan with every kind of text, all in three languages.
    fn translated() -> Plan {
        Plan {
            code: "p".into(),
            title: full("Plan"),
            organisation: full("Org"),
            levels: vec![full("Goal"), full("Measure")],
            status_labels: [(Status::OnTrack, full("Approved"))].into(),
            periods: vec![
                Period {
                    code: "2025".into(),
                    label: full("2025"),
                    ..Period::default()
                },
                Period {
                    code: "2026".into(),
                    ..Period::default()
                },
            ],
            items: vec![
                Item {
                    code: "1".into(),
                    title: full("One"),
                    owner: full("Board"),
                    assessments: vec![follow_up("2025", full("Fine"), "2025-12-31T12:00:00Z")],
                    indicators: vec![Indicator {
                        decimals: None,
                        name: full("Share"),
                        description: Text::default(),
                        unit: full("%"),
                        source: Text::default(),
                        direction: Direction::Higher,
                        green: 80.0,
                        yellow: 60.0,
                        series: None,
                        values: vec![],
                    }],
                    children: vec![Item {
                        code: "1.1".into(),
                        title: full("One one"),
                        risk: Some(Risk {
                            probability: 2,
                            consequence: 3,
                            controls: vec![Control {
                                what: full("Check"),
                                performer: full("Unit head"),
                                ..Control::default()
                            }],
                        }),
                        ..Item::default()
                    }],
                    ..Item::default()
                },
                Item {
                    code: "2".into(),
                    title: full("Two"),
                    ..Item::default()
                },
            ],
            ..Plan::default()
        }
    }

    #[test]
    fn a_fully_translated_plan_lacks_nothing() {
        assert_eq!(missing_translations(&translated()), vec![]);
    }

    #[test]
    fn every_gap_is_listed_once_in_document_order() {
        let mut p = translated();
        p.levels[1].set(Lang::Sv, None);
        p.periods[0].label = Text::new(Some("2025"), None, None);
        p.items[0].title.set(Lang::En, None);
        p.items[0].indicators[0].unit.set(Lang::Fi, None);
        // History: an older follow-up of 2025 lacking English does not count;
        // the current one of 2026 lacking Finnish does.
        p.items[0].assessments.insert(
            0,
            follow_up(
                "2025",
                Text::new(Some("Old"), None, None),
                "2025-06-30T12:00:00Z",
            ),
        );
        p.items[0].assessments.push(follow_up(
            "2026",
            Text::new(None, Some("Kommentar"), None),
            "2026-06-30T12:00:00Z",
        ));
        {
            let c = &mut p.items[0].children[0].risk.as_mut().unwrap().controls[0];
            c.performer.set(Lang::En, None);
            c.performer.set(Lang::Sv, None);
        }
        // Empty in every language: not a gap.
        p.items[1].description = Text::default();

        let got = missing_translations(&p);
        let m = |item: Option<&str>, field, lacks: &[Lang]| Missing {
            item: item.map(str::to_owned),
            field,
            lacks: lacks.to_vec(),
        };
        assert_eq!(
            got,
            vec![
                m(None, Field::Level(1), &[Lang::Sv]),
                m(
                    None,
                    Field::PeriodLabel("2025".into()),
                    &[Lang::Sv, Lang::En]
                ),
                m(Some("1"), Field::Title, &[Lang::En]),
                m(
                    Some("1"),
                    Field::Comment {
                        period: "2026".into()
                    },
                    &[Lang::Fi, Lang::En]
                ),
                m(Some("1"), Field::IndicatorUnit(0), &[Lang::Fi]),
                m(
                    Some("1.1"),
                    Field::ControlPerformer(0),
                    &[Lang::Sv, Lang::En]
                ),
            ]
        );
        assert_eq!(got[3].field.key(), "comment");
        assert_eq!(got[3].field.period(), Some("2026"));
        assert_eq!(got[4].field.key(), "indicator.unit");
        assert_eq!(got[4].field.number(), Some(1));
        assert_eq!(got[5].field.key(), "control.performer");

        let with_text = missing_with_text(&p);
        assert_eq!(with_text[3].1.get(Lang::Sv), Some("Kommentar"));
    }

    #[test]
    fn the_current_follow_up_is_the_last_of_its_period() {
        let mut p = translated();
        // An older follow-up was fully translated; the current one is not.
        p.items[0].assessments.push(follow_up(
            "2025",
            Text::new(None, None, Some("Worse")),
            "2026-01-10T12:00:00Z",
        ));
        let got = missing_translations(&p);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].field,
            Field::Comment {
                period: "2025".into()
            }
        );
        assert_eq!(got[0].lacks, vec![Lang::Fi, Lang::Sv]);
    }

    // -- The reference plans, against a scan of their JSON -------------------

    /// A text object of the exchange format: only `fi`, `sv`, `en`, strings.
    fn is_text(v: &Value) -> bool {
        v.as_object().is_some_and(|o| {
            !o.is_empty()
                && o.iter()
                    .all(|(k, v)| ["fi", "sv", "en"].contains(&k.as_str()) && v.is_string())
        })
    }

    fn lacks_of(v: &Value) -> Vec<Lang> {
        let has = |l: Lang| v[l.code()].as_str().is_some_and(|s| !s.is_empty());
        if !Lang::ALL.into_iter().any(has) {
            return vec![];
        }
        Lang::ALL.into_iter().filter(|&l| !has(l)).collect()
    }

    type Row = (Option<String>, String, Vec<Lang>);

    /// The text-valued keys of each kind of object, in the order of the
    /// exchange format (`serde_json::Value` sorts keys, so the order comes
    /// from here; the scan fails on a text under any other key).
    const PLAN_TEXTS: [&str; 3] = ["title", "description", "organisation"];
    const ITEM_TEXTS: [&str; 5] = ["level", "title", "description", "owner", "follow_up"];
    const INDICATOR_TEXTS: [&str; 4] = ["name", "description", "unit", "source"];
    const CONTROL_TEXTS: [&str; 5] = ["what", "how", "frequency", "performer", "responsible"];

    /// Records the texts of `obj` under `keys`, after checking that no other
    /// key of it holds a text.
    fn texts_of(obj: &Value, keys: &[&str], prefix: &str, item: Option<&str>, out: &mut Vec<Row>) {
        for (k, v) in obj.as_object().unwrap() {
            if is_text(v) {
                assert!(
                    keys.contains(&k.as_str()),
                    "a text the scan does not know: {k}"
                );
            }
        }
        for k in keys {
            if let Some(v) = obj.get(*k) {
                record(out, item, format!("{prefix}{k}"), v);
            }
        }
    }

    fn record(out: &mut Vec<Row>, item: Option<&str>, key: String, v: &Value) {
        let empty = v.as_object().is_some_and(|o| o.is_empty());
        assert!(is_text(v) || empty, "{key} is not a text: {v}");
        let lacks = lacks_of(v);
        if !lacks.is_empty() {
            out.push((item.map(str::to_owned), key, lacks));
        }
    }

    /// Every text of one plan's JSON lacking a language, as (item, key,
    /// lacks), found by walking the JSON itself rather than the types.
    fn scan_plan(plan: &Value) -> Vec<Row> {
        fn scan_item(item: &Value, out: &mut Vec<Row>) {
            let code = item["code"].as_str();
            texts_of(item, &ITEM_TEXTS, "", code, out);
            let rows = item["assessments"].as_array().map_or(&[][..], |a| a);
            for (i, a) in rows.iter().enumerate() {
                // History: a later row of the same period is the current one.
                if rows[i + 1..].iter().any(|b| b["period"] == a["period"]) {
                    continue;
                }
                texts_of(a, &["comment", "actions"], "", code, out);
            }
            for ind in item["indicators"].as_array().into_iter().flatten() {
                texts_of(ind, &INDICATOR_TEXTS, "indicator.", code, out);
            }
            for c in item["risk"]["controls"].as_array().into_iter().flatten() {
                texts_of(c, &CONTROL_TEXTS, "control.", code, out);
            }
            for child in item["children"].as_array().into_iter().flatten() {
                scan_item(child, out);
            }
        }
        let mut out = Vec::new();
        texts_of(plan, &PLAN_TEXTS, "plan.", None, &mut out);
        for t in plan["levels"].as_array().into_iter().flatten() {
            record(&mut out, None, "plan.level".into(), t);
        }
        if let Some(labels) = plan["status_labels"].as_object() {
            assert!(labels
                .keys()
                .all(|k| Status::ALL.iter().any(|s| s.key() == k)));
            for s in Status::ALL {
                if let Some(t) = labels.get(s.key()) {
                    record(&mut out, None, "plan.status_label".into(), t);
                }
            }
        }
        for p in plan["periods"].as_array().into_iter().flatten() {
            texts_of(p, &["label"], "period.", None, &mut out);
        }
        for it in plan["items"].as_array().into_iter().flatten() {
            scan_item(it, &mut out);
        }
        out
    }

    /// The function's result in the scan's terms.
    fn as_rows(missing: Vec<Missing>) -> Vec<Row> {
        missing
            .into_iter()
            .map(|m| (m.item, m.field.key().to_owned(), m.lacks))
            .collect()
    }

    /// Checks one exchange JSON: the function over the parsed plans gives
    /// exactly what the scan of the JSON gives. Returns the rows.
    fn check(name: &str, json: &Value) -> Vec<Row> {
        let bytes = serde_json::to_vec(json).unwrap();
        let doc = crate::exchange::parse(name, &bytes).unwrap_or_else(|e| panic!("{e:?}"));
        let plans = json["plans"].as_array().unwrap();
        assert_eq!(doc.plans.len(), plans.len());
        let mut all = Vec::new();
        for (plan, value) in doc.plans.iter().zip(plans) {
            let got = as_rows(missing_translations(plan));
            assert_eq!(got, scan_plan(value), "{name}: {}", plan.code);
            all.extend(got);
        }
        all
    }

    fn reference_json() -> Vec<(&'static str, Value)> {
        crate::exchange::reference::FILES
            .iter()
            .map(|(name, text)| (*name, serde_json::from_str(text).unwrap()))
            .collect()
    }

    #[test]
    fn the_reference_plans_lack_what_their_json_lacks() {
        let doc = crate::exchange::reference::document().unwrap();
        assert_eq!(doc.plans.len(), 5);
        for (name, json) in reference_json() {
            // Fully translated today: the scan and the function agree on nothing.
            assert_eq!(check(name, &json), vec![], "{name}");
        }
        for plan in &doc.plans {
            assert_eq!(missing_translations(plan), vec![], "{}", plan.code);
        }
    }

    /// Without any English, the function and the scan still agree, text by
    /// text: the scan is not vacuous, and nothing is skipped or counted twice.
    #[test]
    fn the_reference_plans_without_english_agree_with_the_scan() {
        fn drop_en(v: &mut Value) {
            if is_text(v) && v.as_object().unwrap().len() > 1 {
                v.as_object_mut().unwrap().remove("en");
                return;
            }
            match v {
                Value::Array(a) => a.iter_mut().for_each(drop_en),
                Value::Object(o) => o.values_mut().for_each(drop_en),
                _ => {}
            }
        }
        for (name, mut json) in reference_json() {
            drop_en(&mut json);
            let rows = check(name, &json);
            assert!(rows.len() > 10, "{name}: only {} texts", rows.len());
            assert!(rows.iter().all(|r| r.2 == [Lang::En]), "{name}");
            assert!(rows.iter().any(|r| r.1 == "title" && r.0.is_some()));
        }
    }

    #[test]
    fn removing_one_finnish_title_gives_exactly_one_entry() {
        let (name, mut json) = reference_json().swap_remove(2);
        let item = &mut json["plans"][0]["items"][1];
        let code = item["code"].as_str().unwrap().to_owned();
        item["title"]
            .as_object_mut()
            .unwrap()
            .remove("fi")
            .expect("a Finnish title");
        assert_eq!(
            check(name, &json),
            vec![(Some(code.clone()), "title".into(), vec![Lang::Fi])]
        );

        let mut doc = crate::exchange::reference::document().unwrap();
        let plan = &mut doc.plans[2];
        let (i, _) = plan
            .items
            .iter()
            .enumerate()
            .find(|(_, it)| it.code == code)
            .unwrap();
        plan.items[i].title.set(Lang::Fi, None);
        assert_eq!(
            missing_translations(plan),
            vec![Missing {
                item: Some(code),
                field: Field::Title,
                lacks: vec![Lang::Fi],
            }]
        );
    }
}
