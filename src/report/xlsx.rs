//! The report as an Excel workbook, written by `rust_xlsxwriter`: sheets for
//! the summary, the items, the indicators and the risks; headers in the
//! board's language, bold, frozen and filtered; numbers as numbers (shown
//! with the separators of the reader's Excel: `12,64` in a Finnish one);
//! status cells coloured; column widths set.

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::Report;
use crate::domain::Status;
use crate::i18n::t;

fn fill(s: Status) -> Color {
    Color::RGB(super::fill(s))
}

fn word(r: &Report, s: Status) -> String {
    super::status_word(r.lang, s)
}

/// One sheet's header row: bold, frozen, with a filter over the rows, and
/// the widths of the columns (in characters).
fn header(
    ws: &mut Worksheet,
    names: &[String],
    widths: &[f64],
    rows: u32,
) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xEEEEEE))
        .set_text_wrap();
    for (c, n) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, n, &bold)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !names.is_empty() {
        ws.autofilter(0, 0, rows, (names.len() - 1) as u16)?;
    }
    Ok(())
}

pub fn write(r: &Report) -> Result<Vec<u8>, XlsxError> {
    write_all(std::slice::from_ref(r))
}

/// Reports in several languages: each language's four sheets, named with
/// the language's code after the first.
pub fn write_all(reports: &[Report]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for (i, r) in reports.iter().enumerate() {
        let suffix = if i == 0 {
            String::new()
        } else {
            format!(" ({})", r.lang.code())
        };
        sheets(&mut wb, r, &suffix)?;
    }
    wb.save_to_buffer()
}

fn sheets(wb: &mut Workbook, r: &Report, suffix: &str) -> Result<(), XlsxError> {
    let lang = r.lang;
    let h = |k: &str| t(lang, k).to_owned();
    let name = |k: &str| sheet_name(&format!("{}{suffix}", t(lang, k)));
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let status_fmt = |s: Status| Format::new().set_background_color(fill(s)).set_bold();
    let percent = Format::new().set_num_format("0 %");
    let number = Format::new().set_num_format("#,##0.##");

    // Summary: one row per top-level item and the whole plan.
    let ws = wb.add_worksheet();
    ws.set_name(name("report.summary"))?;
    let mut names = vec![h("report.code"), h("report.item")];
    names.extend(Status::BY_ATTENTION.iter().map(|s| word(r, *s)));
    names.push(h("report.assessed"));
    let mut widths = vec![8.0, 48.0];
    widths.extend([12.0; 5]);
    widths.push(10.0);
    let rows: Vec<(&str, String, &crate::domain::Counts)> = r
        .summary
        .iter()
        .map(|s| (s.code.as_str(), s.title.marked(), &s.counts))
        .chain(std::iter::once(("", h("report.total"), &r.total)))
        .collect();
    header(ws, &names, &widths, rows.len() as u32)?;
    for (i, (code, title, c)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, *code)?;
        ws.write_string(row, 1, title)?;
        for (j, st) in Status::BY_ATTENTION.iter().enumerate() {
            ws.write_number(row, 2 + j as u16, c.get(*st) as f64)?;
        }
        let share = match c.total() {
            0 => 0.0,
            n => c.assessed() as f64 / n as f64,
        };
        ws.write_number_with_format(row, 7, share, &percent)?;
    }

    // Items: the traffic-light table.
    let ws = wb.add_worksheet();
    ws.set_name(name("report.lights"))?;
    let mut names = vec![
        h("report.code"),
        h("report.item"),
        h("report.owner"),
        r.period_label.clone(),
    ];
    let mut widths = vec![8.0, 44.0, 24.0, 16.0];
    if let Some((_, l)) = &r.compare {
        names.push(l.clone());
        names.push(h("report.trend"));
        widths.extend([16.0, 7.0]);
    }
    names.push(h("report.carried"));
    names.push(h("report.comment"));
    names.push(h("report.actions"));
    widths.extend([14.0, 70.0, 50.0]);
    header(ws, &names, &widths, r.rows.len() as u32)?;
    for (i, row) in r.rows.iter().enumerate() {
        let n = i as u32 + 1;
        let mut c = 0u16;
        let indent = "  ".repeat(row.depth);
        ws.write_string(n, c, &row.code)?;
        c += 1;
        ws.write_string(n, c, format!("{indent}{}", row.title.marked()))?;
        c += 1;
        ws.write_string(n, c, row.owner.marked())?;
        c += 1;
        ws.write_string_with_format(n, c, word(r, row.status), &status_fmt(row.status))?;
        c += 1;
        if r.compare.is_some() {
            if let Some(s) = row.compared {
                ws.write_string_with_format(n, c, word(r, s), &status_fmt(s))?;
            }
            ws.write_string(n, c + 1, row.direction.arrow())?;
            c += 2;
        }
        ws.write_string(n, c, row.carried.clone().unwrap_or_default())?;
        c += 1;
        ws.write_string_with_format(n, c, row.comment.marked(), &wrap)?;
        ws.write_string_with_format(n, c + 1, row.actions.marked(), &wrap)?;
    }

    // Indicators: a column per period, the values as numbers.
    let ws = wb.add_worksheet();
    ws.set_name(name("report.indicators"))?;
    let mut periods: Vec<(String, String)> = Vec::new();
    for ind in &r.indicators {
        for v in &ind.detail.values {
            if !periods.iter().any(|(p, _)| *p == v.period) {
                periods.push((v.period.clone(), v.label.clone()));
            }
        }
    }
    let mut names = vec![
        h("report.code"),
        h("report.item"),
        h("report.indicator"),
        h("report.unit"),
        h("report.rule"),
    ];
    names.extend(periods.iter().map(|(_, l)| l.clone()));
    names.extend([h("report.light"), h("report.trend"), h("report.source")]);
    let mut widths = vec![8.0, 30.0, 36.0, 14.0, 34.0];
    widths.extend(periods.iter().map(|_| 11.0));
    widths.extend([16.0, 7.0, 22.0]);
    header(ws, &names, &widths, r.indicators.len() as u32)?;
    for (i, ind) in r.indicators.iter().enumerate() {
        let n = i as u32 + 1;
        let d = &ind.detail;
        ws.write_string(n, 0, &ind.code)?;
        ws.write_string(n, 1, ind.item.marked())?;
        ws.write_string(n, 2, d.name.marked())?;
        ws.write_string(n, 3, &d.unit)?;
        ws.write_string_with_format(n, 4, &d.rule, &wrap)?;
        for (j, (p, _)) in periods.iter().enumerate() {
            let col = 5 + j as u16;
            if let Some(v) = d.values.iter().find(|v| v.period == *p) {
                match v.value {
                    Some(x) => {
                        let f = number
                            .clone()
                            .set_background_color(fill(v.light.as_status()));
                        ws.write_number_with_format(n, col, x, &f)?;
                    }
                    None => {
                        ws.write_string(n, col, t(lang, "light.no_data"))?;
                    }
                }
            }
        }
        let col = 5 + periods.len() as u16;
        let light = ind.light();
        ws.write_string_with_format(
            n,
            col,
            super::light_word(lang, light),
            &status_fmt(light.as_status()),
        )?;
        ws.write_string(n, col + 1, ind.trend.arrow())?;
        ws.write_string(n, col + 2, ind.source(lang))?;
    }

    // Risks.
    let ws = wb.add_worksheet();
    ws.set_name(name("report.risks"))?;
    let names = vec![
        h("report.code"),
        h("report.risk"),
        h("report.probability"),
        h("report.consequence"),
        h("report.score"),
        h("report.band"),
        h("report.controls"),
        crate::i18n::tf(lang, "report.evaluation", &[("period", &r.period_label)]),
    ];
    let widths = [8.0, 40.0, 12.0, 12.0, 10.0, 30.0, 60.0, 16.0];
    header(ws, &names, &widths, r.risks.len() as u32)?;
    for (i, rk) in r.risks.iter().enumerate() {
        let n = i as u32 + 1;
        let a = rk.detail.assessment;
        ws.write_string(n, 0, &rk.code)?;
        ws.write_string(n, 1, rk.title.marked())?;
        ws.write_number(n, 2, a.probability as f64)?;
        ws.write_number(n, 3, a.consequence as f64)?;
        ws.write_number(n, 4, a.score() as f64)?;
        ws.write_string(n, 5, t(lang, &format!("band.{}", a.band().key())))?;
        let controls: Vec<String> = rk
            .detail
            .controls
            .iter()
            .map(|c| {
                let mut s = c.what.marked();
                for (k, v) in &c.fields {
                    s.push_str(&format!("\n{}: {v}", t(lang, k)));
                }
                s
            })
            .collect();
        ws.write_string_with_format(n, 6, controls.join("\n\n"), &wrap)?;
        ws.write_string_with_format(n, 7, word(r, rk.status), &status_fmt(rk.status))?;
    }
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}
