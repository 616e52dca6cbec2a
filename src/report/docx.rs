//! The report as a Word document, written by `docx-rs`: headings, tables
//! with coloured status cells, page numbers in the footer; what municipal
//! staff edit and attach to the agenda. The parts are the HTML report's, in
//! the same order.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, NumPages, PageNum, Paragraph, Run, RunFonts, Shading,
    Style, StyleType, Table, TableCell, TableRow, WidthType,
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

fn table(head: Vec<String>, rows: Vec<Vec<TableCell>>) -> Table {
    let mut all = vec![TableRow::new(head.iter().map(|h| head_cell(h)).collect())];
    all.extend(rows.into_iter().map(TableRow::new));
    Table::new(all).width(5000, WidthType::Pct)
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
        // A4.
        .page_size(11906, 16838)
        .footer(footer);
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            d = d.add_paragraph(page_break());
        }
        d = add(d, r);
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut buf)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(buf.into_inner())
}

fn add(mut d: Docx, r: &Report) -> Docx {
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
    d = d.add_table(table(head, rows));
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
    let rows = r
        .rows
        .iter()
        .map(|row| {
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
        })
        .collect();
    d = d.add_table(table(head, rows));

    // Indicators.
    if !r.indicators.is_empty() {
        d = d
            .add_paragraph(page_break())
            .add_paragraph(heading(&tr("report.indicators"), 2));
        let head = vec![
            tr("report.item"),
            tr("report.indicator"),
            tr("report.rule"),
            tr("report.values"),
            tr("report.light"),
            tr("report.trend"),
            tr("report.source"),
        ];
        let rows = r
            .indicators
            .iter()
            .map(|ind| {
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
            })
            .collect();
        d = d.add_table(table(head, rows));
    }

    // Risks.
    if !r.risks.is_empty() {
        d = d
            .add_paragraph(page_break())
            .add_paragraph(heading(&tr("report.risks"), 2));
        let mut head = vec![tr("report.probability_consequence")];
        head.extend((1..=4).map(|c| c.to_string()));
        let m = matrix(&r.risks);
        let rows = m
            .iter()
            .enumerate()
            .map(|(i, row)| {
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
            })
            .collect();
        d = d.add_table(table(head, rows));
        let head = vec![
            tr("report.risk"),
            tr("report.score"),
            tr("report.band"),
            tr("report.controls"),
            tf(lang, "report.evaluation", &[("period", &r.period_label)]),
        ];
        let rows = r
            .risks
            .iter()
            .map(|rk| {
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
            })
            .collect();
        d = d.add_table(table(head, rows));
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
            let rows = changed
                .iter()
                .map(|c| {
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
                })
                .collect();
            d = d.add_table(table(head, rows));
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
