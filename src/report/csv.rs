//! The report as a CSV that Excel opens right, written by the `csv` crate:
//! UTF-8 with a byte-order mark, `;` between fields for Finnish and Swedish
//! (`,` for English) unless asked otherwise, headers in the board's language
//! (or the machine names), a row per item and a row per indicator value.

use super::Report;
use crate::domain::Light;
use crate::i18n::{number, t};

/// The columns, by machine name; the catalog has each one's header
/// (`report.col.<name>`).
const COLUMNS: [&str; 15] = [
    "row",
    "code",
    "title",
    "owner",
    "status",
    "compared",
    "trend",
    "carried_from",
    "comment",
    "actions",
    "indicator",
    "unit",
    "period",
    "value",
    "light",
];

/// The separator a language's Excel expects.
pub fn default_delimiter(lang: crate::domain::Lang) -> u8 {
    match lang {
        crate::domain::Lang::En => b',',
        _ => b';',
    }
}

pub fn write(r: &Report, delimiter: u8, raw_headers: bool) -> Result<Vec<u8>, csv::Error> {
    let lang = r.lang;
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let headers: Vec<String> = COLUMNS
        .iter()
        .map(|c| match raw_headers {
            true => (*c).to_owned(),
            false => t(lang, &format!("report.col.{c}")).to_owned(),
        })
        .collect();
    w.write_record(&headers)?;
    let kind = |k: &str| match raw_headers {
        true => k.to_owned(),
        false => t(lang, &format!("report.row.{k}")).to_owned(),
    };
    let status = |s: crate::domain::Status| t(lang, &format!("status.{}", s.key())).to_owned();
    for row in &r.rows {
        w.write_record([
            kind("item"),
            row.code.clone(),
            row.title.marked(),
            row.owner.marked(),
            status(row.status),
            row.compared.map(status).unwrap_or_default(),
            row.direction.arrow().trim_matches('·').to_owned(),
            row.carried.clone().unwrap_or_default(),
            row.comment.marked(),
            row.actions.marked(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ])?;
    }
    for ind in &r.indicators {
        for v in &ind.detail.values {
            let light = match v.light {
                Light::NoData => t(lang, "light.no_data").to_owned(),
                l => status(l.as_status()),
            };
            w.write_record([
                kind("indicator"),
                ind.code.clone(),
                ind.item.marked(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                ind.detail.name.marked(),
                ind.detail.unit.clone(),
                v.label.clone(),
                v.value.map(|x| number(lang, x, 4)).unwrap_or_default(),
                light,
            ])?;
        }
    }
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(w.into_inner().map_err(|e| e.into_error())?);
    Ok(bytes)
}
