//! A plan's sheet as strata writes it: the shape the reader reads, one row
//! per item, every text in each of the three languages, the status and the
//! follow-up of one period; headers in the display language.

use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};

use super::headers::{Column, Field};
use crate::domain::rows::flat;
use crate::domain::{Lang, Plan, Status, Text};
use crate::i18n::t;

/// The columns written, in order.
pub fn columns() -> Vec<Column> {
    let mut out = Vec::new();
    for f in [
        Field::Plan,
        Field::PlanTitle,
        Field::Period,
        Field::Code,
        Field::Parent,
        Field::Level,
        Field::Title,
        Field::Description,
        Field::Owner,
        Field::FollowUp,
        Field::Status,
        Field::Comment,
        Field::Actions,
    ] {
        if f.translated() {
            out.extend(Lang::ALL.map(|l| Column {
                field: f,
                lang: Some(l),
                period: None,
            }));
        } else {
            out.push(Column {
                field: f,
                lang: None,
                period: None,
            });
        }
    }
    out
}

/// A column's header in a language: `Otsikko (sv)`, `Tila 2025`.
pub fn header(lang: Lang, c: &Column) -> String {
    let mut s = t(lang, &format!("sheet.header.{}", c.field.key())).to_owned();
    if let Some(l) = c.lang {
        s.push_str(&format!(" ({})", l.code()));
    }
    if let Some(p) = &c.period {
        s.push_str(&format!(" {p}"));
    }
    s
}

/// The rows of the plans' items: each cell's text, and the row's status.
pub fn rows(
    plans: &[Plan],
    periods: &[Option<&str>],
    lang: Lang,
) -> Vec<(Vec<String>, Option<Status>)> {
    let cols = columns();
    let mut out = Vec::new();
    for (plan, per) in plans.iter().zip(periods) {
        for (depth, parent, it) in flat(plan) {
            let a = per.and_then(|p| it.current(p));
            let level = if it.level.is_empty() {
                plan.level_name(depth).cloned().unwrap_or_default()
            } else {
                it.level.clone()
            };
            let text =
                |t: &Text, l: Option<Lang>| l.and_then(|l| t.get(l)).unwrap_or_default().to_owned();
            let empty = Text::default();
            let cells = cols
                .iter()
                .map(|c| match c.field {
                    Field::Plan => plan.code.clone(),
                    Field::PlanTitle => text(&plan.title, c.lang),
                    Field::Period => per.unwrap_or_default().to_owned(),
                    Field::Code => it.code.clone(),
                    Field::Parent => parent.unwrap_or_default().to_owned(),
                    Field::Level => text(&level, c.lang),
                    Field::Title => text(&it.title, c.lang),
                    Field::Description => text(&it.description, c.lang),
                    Field::Owner => text(&it.owner, c.lang),
                    Field::FollowUp => text(&it.follow_up, c.lang),
                    Field::Status => a
                        .map(|a| crate::report::status_word(lang, a.status))
                        .unwrap_or_default(),
                    Field::Comment => text(a.map_or(&empty, |a| &a.comment), c.lang),
                    Field::Actions => text(a.map_or(&empty, |a| &a.actions), c.lang),
                    _ => String::new(),
                })
                .collect();
            out.push((cells, a.map(|a| a.status)));
        }
    }
    out
}

/// The plans as a workbook of one sheet: headers bold, frozen and filtered,
/// status cells coloured, texts wrapped. `periods` gives each plan's period.
pub fn xlsx(plans: &[Plan], periods: &[Option<&str>], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let cols = columns();
    let rows = rows(plans, periods, lang);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let name: String = match plans {
        [one] => one.code.chars().take(31).collect(),
        _ => t(lang, "sheet.name").to_owned(),
    };
    ws.set_name(&name)?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xEEEEEE));
    let wrap = Format::new().set_text_wrap();
    for (c, col) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, header(lang, col), &bold)?;
        let width = match col.field {
            Field::Code | Field::Parent | Field::Period => 10.0,
            Field::Title | Field::Comment => 40.0,
            Field::Status => 16.0,
            _ => 24.0,
        };
        ws.set_column_width(c as u16, width)?;
    }
    for (r, (cells, status)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in cells.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let format = match (cols[c].field, status) {
                (Field::Status, Some(s)) => {
                    Format::new().set_background_color(Color::RGB(crate::report::fill(*s)))
                }
                _ => wrap.clone(),
            };
            ws.write_string_with_format(r, c as u16, v, &format)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, (cols.len() - 1) as u16)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The importer reads every header the exporter writes, in every
    /// display language (and the words a dry run shows for the others).
    #[test]
    fn every_header_strata_writes_it_reads_back() {
        let mut all = columns();
        for field in [Field::Depth, Field::RecordedBy, Field::RecordedAt] {
            all.push(Column {
                field,
                lang: None,
                period: None,
            });
        }
        for field in [Field::Status, Field::Comment] {
            all.push(Column {
                field,
                lang: field.translated().then_some(Lang::Sv),
                period: Some("2026-H1".into()),
            });
        }
        for lang in Lang::ALL {
            for c in &all {
                let h = header(lang, c);
                let (got, _) = super::super::headers::column(&h)
                    .unwrap_or_else(|| panic!("{lang}: {h} is not read"));
                assert_eq!(&got, c, "{lang}: {h}");
            }
        }
    }
}
