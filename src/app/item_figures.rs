//! Adding and removing an item's indicators, risk and control moments from
//! the figures list (`v`): each one write of the item's figures as a whole
//! ([`crate::store::Store::replace_figures`]), undoable.

use super::*;
use crate::domain::{Control, Direction, Indicator, Risk, Text};
use crate::store::Figures;
use edits::stamp;

/// Thresholds as typed: `85 / 80`, with `≥` (or `>=`, `>`) in front when a
/// higher value is better and `≤` (`<=`, `<`) when a lower one is; `None` as
/// the direction when neither is written.
pub fn parse_thresholds(s: &str) -> Option<(Option<Direction>, f64, f64)> {
    let s = s.trim();
    let (direction, rest) = [
        ("≥", Direction::Higher),
        (">=", Direction::Higher),
        (">", Direction::Higher),
        ("≤", Direction::Lower),
        ("<=", Direction::Lower),
        ("<", Direction::Lower),
    ]
    .into_iter()
    .find_map(|(sign, d)| s.strip_prefix(sign).map(|r| (Some(d), r)))
    .unwrap_or((None, s));
    let (g, y) = parse_two(rest)?;
    Some((direction, g, y))
}

/// A new indicator's one-line form: `name; unit; ≥ green / yellow` (the
/// unit may be left empty; without a sign, higher is better). Texts go in
/// `lang`.
pub fn parse_indicator(s: &str, lang: Lang) -> Option<Indicator> {
    let parts: Vec<&str> = s.split(';').map(str::trim).collect();
    let (name, unit, rule) = match parts.as_slice() {
        [name, rule] => (*name, "", *rule),
        [name, unit, rule] => (*name, *unit, *rule),
        _ => return None,
    };
    if name.is_empty() {
        return None;
    }
    let (direction, green, yellow) = parse_thresholds(rule)?;
    // Figures keep the decimals the thresholds were typed with (`6,1`).
    let decimals = super::edits::typed_decimals(rule);
    let one = |v: &str| {
        let mut t = Text::default();
        if !v.is_empty() {
            t.set(lang, Some(v.to_owned()));
        }
        t
    };
    Some(Indicator {
        name: one(name),
        description: Text::default(),
        unit: one(unit),
        source: Text::default(),
        direction: direction.unwrap_or(Direction::Higher),
        green,
        yellow,
        decimals,
        series: None,
        values: Vec::new(),
    })
}

impl Effects<'_> {
    /// Saves a new indicator, risk or control moment typed in the editor;
    /// what cannot be read keeps the editor open with how to write it.
    pub(super) fn add_figure(
        &mut self,
        ed: &Editor,
        plan: &str,
        item: &str,
        kind: &editor::FigureKind,
    ) -> Result<Outcome, StoreError> {
        use editor::FigureKind as K;
        let lang = self.model.lang;
        let text = ed.text();
        let keep = |key: &str| {
            Ok(Outcome {
                overlay: Some(Overlay::Editor(Box::new(ed.clone()))),
                message: Some(Message::error(t(lang, key).to_owned())),
                ..Outcome::default()
            })
        };
        let Some(it) = self
            .model
            .plans
            .iter()
            .find(|ps| ps.plan.code == plan)
            .and_then(|ps| ps.plan.find(item))
            .map(|(it, _)| it)
        else {
            return Err(StoreError::UnknownItem {
                plan: plan.to_owned(),
                code: item.to_owned(),
            });
        };
        let old = Figures::of(it);
        let mut new = old.clone();
        let said = match kind {
            K::NewIndicator => {
                let Some(ind) = parse_indicator(&text, ed.lang) else {
                    return keep("msg.indicator_form");
                };
                let name = text.split(';').next().unwrap_or_default().trim().to_owned();
                new.indicators.push(ind);
                tf(lang, "msg.indicator_added", &[("name", &name)])
            }
            K::NewRisk => match parse_two(&text) {
                Some((p, c)) if p.fract() == 0.0 && c.fract() == 0.0 && p >= 0.0 && c >= 0.0 => {
                    new.risk = Some(Risk {
                        probability: p.min(255.0) as u8,
                        consequence: c.min(255.0) as u8,
                        controls: Vec::new(),
                    });
                    tf(lang, "msg.risk_added", &[("score", &text.trim())])
                }
                _ => return keep("msg.risk_form"),
            },
            K::Note { index, period } => {
                let Some(ind) = new.indicators.get_mut(*index) else {
                    return Ok(Outcome::default());
                };
                let note = text.trim();
                let values = &mut ind.values;
                let row = match values.iter().position(|v| &v.period == period) {
                    Some(i) => &mut values[i],
                    None => {
                        values.push(crate::domain::IndicatorValue {
                            period: period.clone(),
                            value: None,
                            note: Text::default(),
                            fetched: None,
                        });
                        values.last_mut().expect("just pushed")
                    }
                };
                row.note
                    .set(ed.lang, (!note.is_empty()).then(|| note.to_owned()));
                tf(lang, "msg.note_saved", &[("period", period)])
            }
            K::NewControl => {
                let what = text.trim();
                let Some(r) = new.risk.as_mut() else {
                    return Err(StoreError::NotARisk(item.to_owned()));
                };
                if what.is_empty() {
                    return keep("msg.control_form");
                }
                let mut c = Control::default();
                c.what.set(ed.lang, Some(what.to_owned()));
                r.controls.push(c);
                tf(lang, "msg.control_added", &[("what", &what)])
            }
            K::Series { index } => {
                let Some(ind) = new.indicators.get_mut(*index) else {
                    return Ok(Outcome::default());
                };
                let typed = text.trim();
                if typed.is_empty() {
                    ind.series = None;
                    t(lang, "msg.series_cleared").to_owned()
                } else {
                    match crate::domain::Series::parse(typed) {
                        Ok(s) => {
                            let said = tf(lang, "msg.series_saved", &[("series", &s)]);
                            ind.series = Some(s);
                            said
                        }
                        Err(e) => {
                            return Ok(Outcome {
                                overlay: Some(Overlay::Editor(Box::new(ed.clone()))),
                                message: Some(Message::error(crate::messages::series_error(
                                    lang, typed, &e,
                                ))),
                                ..Outcome::default()
                            })
                        }
                    }
                }
            }
            _ => return Ok(Outcome::default()),
        };
        self.set_figures(plan, item, old, new, said)
    }

    /// Writes an item's figures as `new` if they are still `old`; undoable.
    pub(super) fn set_figures(
        &mut self,
        plan: &str,
        item: &str,
        old: Figures,
        new: Figures,
        said: String,
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        self.store
            .replace_figures(plan, item, &new, Some(&old), (&user, &at))?;
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            done: Some(UndoStep::Figures {
                plan: plan.to_owned(),
                item: item.to_owned(),
                old: Box::new(old),
                new: Box::new(new),
            }),
            overlay: Some(Overlay::None),
            ..Outcome::default()
        }
        .say(format!("{plan}:{item}: {said}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_form_is_read_with_its_direction_and_decimal_commas() {
        let i = parse_indicator("Nöjda brukare; %; ≥ 85 / 80", Lang::Sv).unwrap();
        assert_eq!(i.name.get(Lang::Sv), Some("Nöjda brukare"));
        assert_eq!(i.unit.get(Lang::Sv), Some("%"));
        assert_eq!(
            (i.direction, i.green, i.yellow),
            (Direction::Higher, 85.0, 80.0)
        );
        assert_eq!(i.decimals, None);
        let i =
            parse_indicator("Kaatumiset; kpl/1000 hoitopäivää; ≤ 6,1 / 11,5", Lang::Fi).unwrap();
        assert_eq!(
            (i.direction, i.green, i.yellow),
            (Direction::Lower, 6.1, 11.5)
        );
        assert_eq!(i.decimals, Some(1));
        let i = parse_indicator("Fall; per brukare; ≤ 0,80 / 1,2", Lang::Sv).unwrap();
        assert_eq!(i.decimals, Some(2));
        let i = parse_indicator("Väntetid; <= 14 / 21", Lang::Sv).unwrap();
        assert!(i.unit.is_empty());
        assert_eq!(i.direction, Direction::Lower);
        for bad in [
            "",
            "Namn",
            "; %; 1 / 2",
            "Namn; %; 85",
            "Namn; %; hög / låg",
        ] {
            assert!(parse_indicator(bad, Lang::Sv).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn thresholds_take_a_sign_for_the_direction() {
        assert_eq!(parse_thresholds("70 / 29"), Some((None, 70.0, 29.0)));
        assert_eq!(
            parse_thresholds("≥ 70 / 29"),
            Some((Some(Direction::Higher), 70.0, 29.0))
        );
        assert_eq!(
            parse_thresholds("<6,1/11,5"),
            Some((Some(Direction::Lower), 6.1, 11.5))
        );
    }
}
