//! `strata missing [--plan P] [--lacking L]…`: every text that is written in
//! some languages but not in all, per plan, with what readers see instead.

use std::io::Write;

use super::out::{safe, Out};
use super::{CliError, Ctx};
use crate::display::{pad, truncate, width};
use crate::domain::translation::{missing_with_text, Field, Missing};
use crate::domain::{Lang, Plan, Text};
use crate::i18n::{t, tf};

pub fn run(ctx: &Ctx, plan: Option<&str>, lacking: &[Lang], full: bool) -> Result<(), CliError> {
    let mut lacking = lacking.to_vec();
    lacking.sort_unstable();
    lacking.dedup();
    let lacking = &lacking[..];
    let store = ctx.open()?;
    // Every plan from one snapshot of the file.
    let plans = store.snapshot(|store| {
        let codes = match plan {
            Some(code) => vec![code.to_owned()],
            None => store.plan_codes()?,
        };
        codes
            .iter()
            .map(|c| store.load_plan(c))
            .collect::<Result<Vec<_>, _>>()
    })?;
    let out = ctx.out;
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let mut listed = 0;
    for p in &plans {
        let lines = render_plan(p, lacking, out, full);
        listed += lines.len();
        for l in lines {
            let _ = writeln!(w, "{l}");
        }
    }
    if listed == 0 {
        let msg = if lacking.is_empty() {
            t(out.lang, "missing.none").to_owned()
        } else {
            tf(
                out.lang,
                "missing.none_lacking",
                &[("langs", &codes_of(lacking))],
            )
        };
        let _ = writeln!(w, "{}", super::out::fit_block(&msg, out.width));
    }
    Ok(())
}

/// The lines of one plan, a text per line with address and field in columns:
/// `PLAN:CODE  field  lacks fi, en  — shown as “…” [sv]`. With `lacking`,
/// only the texts that lack one of those languages. With `full`, the text a
/// reader sees instead follows each line whole, wrapped and indented.
pub fn render_plan(plan: &Plan, lacking: &[Lang], out: Out, full: bool) -> Vec<String> {
    let all = missing_with_text(plan);
    let rows: Vec<(String, String, &Missing, &Text)> = all
        .iter()
        .filter(|(m, _)| lacking.is_empty() || m.lacks.iter().any(|l| lacking.contains(l)))
        .map(|(m, text)| (address(plan, m), field_name(&m.field, out), m, *text))
        .collect();
    let aw = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
    let fw = rows.iter().map(|r| width(&r.1)).max().unwrap_or(0);
    rows.into_iter()
        .flat_map(|(addr, field, m, text)| {
            let lacks = tf(out.lang, "missing.lacks", &[("langs", &codes_of(&m.lacks))]);
            let head = format!("{}  {}  {lacks}  — ", pad(&addr, aw), pad(&field, fw));
            let room = out.width.saturating_sub(width(&head));
            let mut lines = vec![out.fit(&format!("{head}{}", shown(text, room, out)), 0)];
            if full {
                if let Some(s) = text.resolve(out.lang) {
                    let whole = safe(s.text);
                    for para in whole.split('\n') {
                        for l in crate::display::wrap(para, out.width.saturating_sub(4)) {
                            lines.push(format!("    {l}"));
                        }
                    }
                }
            }
            lines
        })
        .collect()
}

/// `PLAN:CODE` for an item's text, `PLAN` for the plan's own.
fn address(plan: &Plan, m: &Missing) -> String {
    match &m.item {
        Some(code) => safe(&format!("{}:{code}", plan.code)),
        None => safe(&plan.code),
    }
}

/// The field in the display language: "comment (2025)", "indicator 2: unit".
pub fn field_name(field: &Field, out: Out) -> String {
    crate::messages::missing_field(out.lang, field)
}

/// "shown as “…” [sv]": the text as a reader of the display language sees it,
/// made safe, cut so that the whole fits in `room` columns.
fn shown(text: &Text, room: usize, out: Out) -> String {
    let Some(s) = text.resolve(out.lang) else {
        return String::new();
    };
    let mark = if s.fallback {
        format!(" [{}]", s.lang.code())
    } else {
        String::new()
    };
    let frame = tf(out.lang, "missing.shown", &[("text", &"")]);
    let body_room = room.saturating_sub(width(&frame) + width(&mark)).max(1);
    let body = safe(s.text);
    let body = truncate(&body, body_room);
    format!(
        "{}{mark}",
        tf(out.lang, "missing.shown", &[("text", &body)])
    )
}

/// "fi, en".
fn codes_of(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    /// Every field has its name in every catalog (run with `--lib i18n`).
    #[test]
    fn field_names_are_in_every_i18n_catalog() {
        let fields = [
            Field::PlanTitle,
            Field::PlanDescription,
            Field::PlanOrganisation,
            Field::Level(0),
            Field::StatusLabel(Status::AtRisk),
            Field::PeriodLabel("2025".into()),
            Field::Title,
            Field::LevelName,
            Field::Description,
            Field::Owner,
            Field::FollowUp,
            Field::Comment {
                period: "2025".into(),
            },
            Field::Actions {
                period: "2025".into(),
            },
            Field::IndicatorName(0),
            Field::IndicatorUnit(0),
            Field::IndicatorSource(0),
            Field::IndicatorDescription(0),
            Field::ControlWhat(0),
            Field::ControlHow(0),
            Field::ControlFrequency(0),
            Field::ControlPerformer(0),
            Field::ControlResponsible(0),
        ];
        for lang in Lang::ALL {
            let keys = crate::i18n::keys(lang);
            for f in &fields {
                let key = format!("missing.field.{}", f.key());
                assert!(keys.contains(&key.as_str()), "{lang} lacks {key}");
                let name = field_name(f, Out::plain(lang, 80));
                assert!(!name.contains('{'), "{lang} {key}: {name}");
            }
        }
        let en = Out::plain(Lang::En, 80);
        assert_eq!(field_name(&fields[11], en), "comment (2025)");
        assert_eq!(field_name(&fields[14], en), "indicator 1: unit");
        assert_eq!(field_name(&fields[4], en), "wording for “at risk”");
    }
}
