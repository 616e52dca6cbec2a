//! The report as a Word document, written by `docx-rs`: headings, tables
//! with coloured status cells, page numbers in the footer; what municipal
//! staff edit and attach to the agenda. The parts are the HTML report's, in
//! the same order.

use docx_rs::{
    AlignmentType, BreakType, BuildXML, Docx, Footer, NumPages, PageMargin, PageNum, Paragraph,
    Run, RunFonts, Shading, Style, StyleType, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use super::{matrix, Report};
use crate::domain::{risk, Light, Status};
use crate::i18n::{date, plural, t, tf};
use crate::present::diff::Direction;
use crate::present::item::Shown;

fn fill(s: Status) -> String {
    format!("{:06X}", super::fill(s))
}

fn para(text: &str) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in text.split('\n').enumerate() {
        let mut r = Run::new();
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r.add_text(line));
    }
    p
}

fn heading(text: &str, level: u8) -> Paragraph {
    Paragraph::new()
        .style(if level == 1 { "Heading1" } else { "Heading2" })
        .add_run(Run::new().add_text(text))
}

fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(para(text))
}

fn head_cell(text: &str) -> TableCell {
    TableCell::new()
        .shading(Shading::new().fill("EEEEEE"))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(text).bold()))
}

fn status_cell(r: &Report, s: Status) -> TableCell {
    let word = format!(
        "{} {}",
        s.symbol(),
        t(r.lang, &format!("status.{}", s.key()))
    );
    TableCell::new()
        .shading(Shading::new().fill(fill(s)))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(word).bold()))
}

/// The document's body, as docx-rs writes each paragraph and table row,
/// made one element at a time. A docx-rs paragraph is a 2.4 KB struct, so a
/// board report of a 10,000-measure plan held whole as docx-rs structs took
/// 400–650 MB; written element by element it never holds more than a row.
/// `write_all` puts the body into the `Docx` shell (styles, page, footer)
/// that docx-rs writes around it.
#[derive(Default)]
struct Body {
    xml: Vec<u8>,
}

impl Body {
    fn add_paragraph(mut self, p: Paragraph) -> Self {
        self.xml.extend_from_slice(&p.build());
        self
    }

    /// A full-width table under a header row, its columns `weights` parts
    /// of the text width each, its rows written as they come.
    fn add_table(
        mut self,
        head: Vec<String>,
        weights: &[usize],
        rows: impl IntoIterator<Item = Vec<TableCell>>,
    ) -> Self {
        debug_assert_eq!(head.len(), weights.len());
        let total: usize = weights.iter().sum();
        let grid: Vec<usize> = weights.iter().map(|w| w * TEXT_WIDTH / total).collect();
        let row = |cells: Vec<TableCell>| {
            TableRow::new(
                cells
                    .into_iter()
                    .zip(&grid)
                    .map(|(c, &w)| c.width(w, WidthType::Dxa))
                    .collect(),
            )
        };
        let header = row(head.iter().map(|h| head_cell(h)).collect());
        let shell = Table::new(vec![header])
            .set_grid(grid.clone())
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .build();
        let end = b"</w:tbl>";
        let open = shell
            .strip_suffix(end)
            .expect("docx-rs closes a table with </w:tbl>");
        self.xml.extend_from_slice(open);
        for cells in rows {
            self.xml.extend_from_slice(&row(cells).build());
        }
        self.xml.extend_from_slice(end);
        // A table is followed by a paragraph, or the next one joins it.
        self.add_paragraph(Paragraph::new())
    }
}

/// A4 (11,906 twips wide) less margins of 2 cm (1,134 twips) each side.
const PAGE_WIDTH: usize = 11_906;
const MARGIN: usize = 1_134;
const TEXT_WIDTH: usize = PAGE_WIDTH - 2 * MARGIN;

/// The text of the one paragraph of the shell that the body replaces.
const BODY_MARK: &str = "\u{E000}strata-report-body\u{E000}";

/// Puts `body` where docx-rs wrote the marked paragraph of the shell.
fn splice(document: &[u8], body: &[u8]) -> Vec<u8> {
    let text = |b: &[u8], from: usize, needle: &[u8]| {
        b[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
    };
    let mark = text(document, 0, BODY_MARK.as_bytes()).expect("the shell holds the body's mark");
    // The paragraph that holds the mark: the last `<w:p>` or `<w:p ` before
    // it (`<w:pPr>` is neither) to the first `</w:p>` after it.
    let start = document[..mark]
        .windows(5)
        .rposition(|w| w == b"<w:p>" || w == b"<w:p ")
        .expect("the mark is in a paragraph");
    let end = text(document, mark, b"</w:p>").expect("the mark's paragraph ends") + 6;
    let mut out = Vec::with_capacity(document.len() + body.len());
    out.extend_from_slice(&document[..start]);
    out.extend_from_slice(body);
    out.extend_from_slice(&document[end..]);
    out
}

fn marked(s: &Shown) -> String {
    s.marked()
}

pub fn write(r: &Report) -> Result<Vec<u8>, std::io::Error> {
    write_all(std::slice::from_ref(r))
}

/// Reports in several languages, one after the other in one document.
pub fn write_all(reports: &[Report]) -> Result<Vec<u8>, std::io::Error> {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" / "))
            .add_num_pages(NumPages::new()),
    );
    let mut d = Docx::new()
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(20)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(26)
                .bold(),
        )
        // A4, with margins of 2 cm.
        .page_size(PAGE_WIDTH as u32, 16838)
        .page_margin(
            PageMargin::new()
                .top(MARGIN as i32)
                .bottom(MARGIN as i32)
                .left(MARGIN as i32)
                .right(MARGIN as i32),
        )
        .footer(footer);
    let mut body = Body::default();
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            body = body.add_paragraph(page_break());
        }
        body = add(body, r);
    }
    d = d.add_paragraph(para(BODY_MARK));
    let mut xml = d.build();
    xml.document = splice(&xml.document, &body.xml);
    drop(body);
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    deflate(&buf.into_inner()).map_err(|e| std::io::Error::other(e.to_string()))
}

/// The same package with every part deflated: docx-rs stores them as they
/// are, which makes a large report ten times the size Word would write.
fn deflate(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name().to_owned();
        if file.is_dir() {
            out.add_directory(name, options)?;
            continue;
        }
        part.clear();
        file.read_to_end(&mut part)?;
        out.start_file(name, options)?;
        out.write_all(&part)?;
    }
    Ok(out.finish()?.into_inner())
}

fn add(mut d: Body, r: &Report) -> Body {
    let lang = r.lang;
    let tr = |k: &str| t(lang, k).to_owned();
    // The cover.
    d = d
        .add_paragraph(para(&tr("report.kind")))
        .add_paragraph(heading(&marked(&r.title), 1));
    let mut cover = vec![
        (tr("report.organisation"), marked(&r.organisation)),
        (tr("report.period"), r.period_label.clone()),
    ];
    if let Some((_, l)) = &r.compare {
        cover.push((tr("report.compared"), l.clone()));
    }
    cover.push((tr("report.date"), date(lang, &r.date)));
    cover.push((tr("report.prepared_by"), r.prepared_by.clone()));
    for (k, v) in cover {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{k}: ")).bold())
                .add_run(Run::new().add_text(v)),
        );
    }

    // Summary.
    d = d
        .add_paragraph(page_break())
        .add_paragraph(heading(&tr("report.summary"), 2));
    let mut head = vec![tr("report.code"), tr("report.item")];
    head.extend(
        Status::BY_ATTENTION
            .iter()
            .map(|s| format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key())))),
    );
    head.push(tr("report.assessed"));
    let mut rows: Vec<Vec<TableCell>> = Vec::new();
    let line = |code: &str, title: String, c: &crate::domain::Counts| {
        let mut row = vec![cell(code), cell(&title)];
        row.extend(
            Status::BY_ATTENTION
                .iter()
                .map(|s| cell(&c.get(*s).to_string())),
        );
        row.push(cell(&format!("{} %", crate::present::round::share(c))));
        row
    };
    for s in &r.summary {
        rows.push(line(&s.code, marked(&s.title), &s.counts));
    }
    rows.push(line("", tr("report.total"), &r.total));
    d = d.add_table(head, &[10, 25, 11, 12, 10, 10, 11, 11], rows);
    d = d.add_paragraph(heading(&tr("report.legend"), 2));
    for l in &r.legend {
        let own = l
            .own
            .as_ref()
            .map(|o| format!(" – {o}"))
            .unwrap_or_default();
        d = d.add_paragraph(para(&format!("{} {}{own}", l.status.symbol(), l.word)));
    }

    // Traffic lights.
    d = d
        .add_paragraph(page_break())
        .add_paragraph(heading(&tr("report.lights"), 2));
    let mut head = vec![
        tr("report.code"),
        tr("report.item"),
        tr("report.owner"),
        r.period_label.clone(),
    ];
    if let Some((_, l)) = &r.compare {
        head.push(l.clone());
        head.push(tr("report.trend"));
    }
    head.push(tr("report.comment"));
    head.push(tr("report.actions"));
    let rows = r.rows.iter().map(|row| {
        let mut status = status_cell(r, row.status);
        if let Some(from) = &row.carried {
            status = status.add_paragraph(para(&format!(
                "↻ {}",
                tf(lang, "label.carried_short", &[("period", from)])
            )));
        }
        let mut cells = vec![
            cell(&row.code),
            cell(&format!("{}{}", "  ".repeat(row.depth), marked(&row.title))),
            cell(&marked(&row.owner)),
            status,
        ];
        if r.compare.is_some() {
            cells.push(match row.compared {
                Some(s) => status_cell(r, s),
                None => cell(""),
            });
            cells.push(cell(match row.direction {
                Direction::Unknown => "",
                x => x.arrow(),
            }));
        }
        cells.push(cell(&marked(&row.comment)));
        cells.push(cell(&marked(&row.actions)));
        cells
    });
    d = d.add_table(
        head,
        if r.compare.is_some() {
            &[9, 16, 12, 11, 11, 7, 19, 15]
        } else {
            &[9, 19, 13, 12, 26, 21]
        },
        rows,
    );

    // Indicators.
    if !r.indicators.is_empty() {
        d = d
            .add_paragraph(page_break())
            .add_paragraph(heading(&tr("report.indicators"), 2));
        let head = super::INDICATOR_COLUMNS.iter().map(|k| tr(k)).collect();
        let rows = r.indicators.iter().map(|ind| {
            let dt = &ind.detail;
            let values: Vec<String> = dt
                .values
                .iter()
                .map(|v| match v.note.is_empty() {
                    true => super::value_text(v),
                    false => format!("{} ({})", super::value_text(v), v.note.marked()),
                })
                .collect();
            let light = ind.light();
            let source = ind.source(lang);
            vec![
                cell(&format!("{} {}", ind.code, marked(&ind.item))),
                cell(&marked(&dt.name)),
                cell(&dt.rule),
                cell(&values.join("\n")),
                match light {
                    Light::NoData => cell(&super::light_word(lang, light)),
                    l => status_cell(r, l.as_status()),
                },
                cell(match ind.trend {
                    Direction::Unknown => "",
                    x => x.arrow(),
                }),
                cell(&source),
            ]
        });
        d = d.add_table(head, &[13, 17, 14, 18, 11, 7, 20], rows);
    }

    // Risks.
    if !r.risks.is_empty() {
        d = d
            .add_paragraph(page_break())
            .add_paragraph(heading(&tr("report.risks"), 2));
        let mut head = vec![tr("report.probability_consequence")];
        head.extend((1..=4).map(|c| c.to_string()));
        let m = matrix(&r.risks);
        let rows = m.iter().enumerate().map(|(i, row)| {
            let p = 4 - i;
            let mut cells = vec![head_cell(&p.to_string())];
            for (j, codes) in row.iter().enumerate() {
                let score = p * (j + 1);
                let band = risk::Assessment::new(p as u8, (j + 1) as u8)
                    .map(|a| a.band() as usize)
                    .unwrap_or(0);
                let colour = ["E3F2E5", "FFF5CC", "FFE0B2", "FDE4E4"][band.min(3)];
                let text = if codes.is_empty() {
                    score.to_string()
                } else {
                    format!("{score}\n{}", codes.join(", "))
                };
                cells.push(cell(&text).shading(Shading::new().fill(colour)));
            }
            cells
        });
        d = d.add_table(head, &[20, 20, 20, 20, 20], rows);
        let head = vec![
            tr("report.risk"),
            tr("report.score"),
            tr("report.band"),
            tr("report.controls"),
            tf(lang, "report.evaluation", &[("period", &r.period_label)]),
        ];
        let rows = r.risks.iter().map(|rk| {
            let a = rk.detail.assessment;
            let controls: Vec<String> = rk
                .detail
                .controls
                .iter()
                .map(|c| {
                    let mut s = marked(&c.what);
                    for (k, v) in &c.fields {
                        s.push_str(&format!("\n{}: {v}", t(lang, k)));
                    }
                    s
                })
                .collect();
            vec![
                cell(&format!("{} {}", rk.code, marked(&rk.title))),
                cell(&format!(
                    "{} × {} = {}",
                    a.probability,
                    a.consequence,
                    a.score()
                )),
                cell(t(lang, &format!("band.{}", a.band().key()))),
                cell(&controls.join("\n\n")),
                status_cell(r, rk.status),
            ]
        });
        d = d.add_table(head, &[18, 12, 14, 38, 18], rows);
    }

    // What changed.
    if let Some(df) = &r.diff {
        let from = r.compare.as_ref().map(|c| c.1.clone()).unwrap_or_default();
        d = d.add_paragraph(page_break()).add_paragraph(heading(
            &tf(
                lang,
                "report.changes",
                &[("from", &from), ("to", &r.period_label)],
            ),
            2,
        ));
        d = d.add_paragraph(para(&format!(
            "↑ {} · ↓ {} · → {}",
            plural(lang, "count.better", df.count(Direction::Better)),
            plural(lang, "count.worse", df.count(Direction::Worse)),
            plural(lang, "count.same", df.count(Direction::Same))
        )));
        let changed: Vec<_> = df.items.iter().filter(|c| c.changed()).collect();
        if !changed.is_empty() {
            let head = vec![
                tr("report.item"),
                from.clone(),
                r.period_label.clone(),
                tr("report.trend"),
            ];
            let rows = changed.iter().map(|c| {
                vec![
                    cell(&format!("{} {}", c.code, c.title)),
                    status_cell(r, c.from),
                    if c.carried {
                        cell(&format!("↻ {}", tr("diff.carried")))
                    } else {
                        status_cell(r, c.to)
                    },
                    cell(c.direction.arrow()),
                ]
            });
            d = d.add_table(head, &[50, 20, 20, 10], rows);
        }
    }

    // Not updated.
    d = d.add_paragraph(heading(
        &tf(
            lang,
            "report.not_updated",
            &[("n", &r.not_updated.len().to_string())],
        ),
        2,
    ));
    if r.not_updated.is_empty() {
        d = d.add_paragraph(para(&tr("report.all_updated")));
    }
    for (code, title) in &r.not_updated {
        d = d.add_paragraph(para(&format!("{code} {title}")));
    }
    let fallbacks = r.fallbacks();
    if fallbacks > 0 {
        d = d.add_paragraph(para(&plural(lang, "count.fallback_texts", fallbacks)));
    }
    d
}
