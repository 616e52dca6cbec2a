//! The report as one self-contained HTML file: inline CSS and SVG, no
//! scripts, nothing fetched; A4 print styles with page breaks between the
//! parts, so that the browser's "print to PDF" gives the board its PDF.

use std::fmt::Write;

use super::{matrix, Report};
use crate::domain::{risk, Light, Status};
use crate::i18n::{date, integer, plural, t, tf};
use crate::present::diff::{CommentChange, Direction};
use crate::present::item::Shown;

/// `&`, `<`, `>`, `"` and `'` as entities.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A text with its fallback marked (`[sv]`), paragraphs as `<p>`.
fn shown(s: &Shown, paragraphs: bool) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mark = s
        .fallback
        .map(|l| format!(" <span class=\"fallback\">[{}]</span>", l.code()))
        .unwrap_or_default();
    if paragraphs {
        let paras: Vec<String> = s
            .text
            .split("\n\n")
            .map(|p| format!("<p>{}</p>", esc(p).replace('\n', "<br>")))
            .collect();
        format!("{}{mark}", paras.join(""))
    } else {
        format!("{}{mark}", esc(&s.text))
    }
}

fn colour(s: Status) -> &'static str {
    match s {
        Status::OnTrack => "#2e7d32",
        Status::AtRisk => "#f2b600",
        Status::OffTrack => "#c62828",
        Status::Done => "#1565c0",
        Status::NotAssessed => "#9e9e9e",
    }
}

fn status_cell(r: &Report, s: Status) -> String {
    format!(
        "<span class=\"st st-{}\">{}</span>",
        s.key(),
        esc(&super::status_word(r.lang, s))
    )
}

fn arrow(d: Direction) -> &'static str {
    match d {
        Direction::Better => "<span class=\"up\">↑</span>",
        Direction::Worse => "<span class=\"down\">↓</span>",
        Direction::Same => "→",
        Direction::Unknown => "",
    }
}

/// A bar of the counts per status, most urgent first, as inline SVG.
fn bar(c: &crate::domain::Counts) -> String {
    let total = c.total().max(1) as f64;
    let mut x = 0.0;
    let mut s = String::from(
        "<svg class=\"bar\" viewBox=\"0 0 200 14\" width=\"200\" height=\"14\" role=\"img\">",
    );
    for st in Status::BY_ATTENTION {
        let w = c.get(st) as f64 / total * 200.0;
        if w > 0.0 {
            let _ = write!(
                s,
                "<rect x=\"{x:.2}\" y=\"0\" width=\"{w:.2}\" height=\"14\" fill=\"{}\"/>",
                colour(st)
            );
        }
        x += w;
    }
    s.push_str("</svg>");
    s
}

const CSS: &str = r#"
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt;
  color: #1a1a1a; line-height: 1.35; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
section { break-before: page; }
section.cover { break-before: auto; min-height: 230mm; display: flex; flex-direction: column;
  justify-content: center; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 2mm 6mm; font-size: 12pt; }
.cover dt { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.lights { font-size: 9pt; table-layout: fixed; }
table.lights tr, table.risk-list tr { break-inside: auto; }
table.risk-list, table.indicators { font-size: 9pt; }
table.indicators { table-layout: fixed; }
table.lights col.code { width: 7%; } table.lights col.title { width: 17%; }
table.lights col.owner { width: 12%; } table.lights col.status { width: 11%; }
table.lights col.trend { width: 4%; }
td.num { text-align: right; white-space: nowrap; }
.st { white-space: nowrap; font-weight: bold; padding: 0 1.5mm; border-radius: 1mm; }
.st-on_track { background: #e3f2e5; color: #1b5e20; }
.st-at_risk { background: #fff5cc; color: #6d5200; }
.st-off_track { background: #fde4e4; color: #8e1b1b; }
.st-done { background: #e3ecfa; color: #0d3c7a; }
.st-not_assessed { background: #f0f0f0; color: #555; }
.carried { color: #666; font-style: italic; }
.fallback { color: #8a5a00; font-size: 8.5pt; }
.up { color: #1b5e20; font-weight: bold; }
.down { color: #8e1b1b; font-weight: bold; }
.depth1 td:nth-child(2) { padding-left: 5mm; }
.depth2 td:nth-child(2) { padding-left: 9mm; }
.depth3 td:nth-child(2) { padding-left: 13mm; }
td p { margin: 0 0 1.5mm; }
.matrix td { width: 18mm; height: 12mm; text-align: center; font-weight: bold; }
.matrix td.b0 { background: #e3f2e5; } .matrix td.b1 { background: #fff5cc; }
.matrix td.b2 { background: #ffe0b2; } .matrix td.b3 { background: #fde4e4; }
.legend li { margin: 0.5mm 0; }
.overall { margin-top: 12mm; font-size: 12pt; }
.overall svg { display: block; margin-top: 3mm; }
"#;

/// The whole report as one HTML document.
pub fn write(r: &Report) -> String {
    write_all(std::slice::from_ref(r))
}

/// Reports of one plan in several languages, one after the other in one
/// document (a bilingual county's board reads both): each in its own
/// `lang`, each starting on a new page.
pub fn write_all(reports: &[Report]) -> String {
    let Some(first) = reports.first() else {
        return String::new();
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} – {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        first.lang.code(),
        esc(&first.title.text),
        esc(&first.period_label)
    );
    for (i, r) in reports.iter().enumerate() {
        let _ = writeln!(h, "<div lang=\"{}\">", r.lang.code());
        body(r, &mut h, i > 0);
        h.push_str("</div>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn body(r: &Report, h: &mut String, new_page: bool) {
    let lang = r.lang;
    let tr = |k: &str| esc(t(lang, k));
    // The cover.
    let _ = write!(
        h,
        "<section class=\"cover\"{}>\n<p>{}</p>\n<h1>{}</h1>\n<dl>\n",
        if new_page {
            " style=\"break-before: page\""
        } else {
            ""
        },
        tr("report.kind"),
        shown(&r.title, false)
    );
    let mut cover = vec![
        (tr("report.organisation"), shown(&r.organisation, false)),
        (tr("report.period"), esc(&r.period_label)),
    ];
    if let Some((_, l)) = &r.compare {
        cover.push((tr("report.compared"), esc(l)));
    }
    cover.push((tr("report.date"), esc(&date(lang, &r.date))));
    cover.push((tr("report.prepared_by"), esc(&r.prepared_by)));
    for (k, v) in cover {
        let _ = writeln!(h, "<dt>{k}</dt><dd>{v}</dd>");
    }
    h.push_str("</dl>\n");
    // The whole plan at a glance: every status with its count, and the bar.
    let _ = write!(
        h,
        "<div class=\"overall\">\n<h3>{}</h3>\n<p>",
        tr("report.overall")
    );
    for st in Status::BY_ATTENTION {
        let _ = write!(
            h,
            "{} <b>{}</b> &nbsp; ",
            status_cell(r, st),
            r.total.get(st)
        );
    }
    let _ = write!(
        h,
        "</p>\n<p>{}</p>\n{}\n</div>\n</section>\n",
        esc(&crate::messages::capitalize(&tf(
            lang,
            "round.assessed",
            &[
                ("n", &r.total.assessed()),
                ("of", &r.total.total()),
                ("share", &crate::present::round::share(&r.total)),
            ]
        ))),
        bar(&r.total).replace(
            "width=\"200\" height=\"14\"",
            "width=\"100%\" height=\"22\" preserveAspectRatio=\"none\""
        )
    );

    // The summary per top-level item.
    let _ = write!(
        h,
        "<section class=\"summary\">\n<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th>",
        tr("report.summary"),
        tr("report.code"),
        tr("report.item")
    );
    for st in Status::BY_ATTENTION {
        let _ = write!(
            h,
            "<th>{} {}</th>",
            st.symbol(),
            tr(&format!("status.{}", st.key()))
        );
    }
    let _ = writeln!(
        h,
        "<th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        tr("report.assessed"),
        tr("report.bar")
    );
    let line = |h: &mut String, code: &str, title: &str, c: &crate::domain::Counts| {
        let _ = write!(h, "<tr><td>{}</td><td>{title}</td>", esc(code));
        for st in Status::BY_ATTENTION {
            let _ = write!(h, "<td class=\"num\">{}</td>", c.get(st));
        }
        let _ = writeln!(
            h,
            "<td class=\"num\">{} %</td><td>{}</td></tr>",
            crate::present::round::share(c),
            bar(c)
        );
    };
    for s in &r.summary {
        line(h, &s.code, &shown(&s.title, false), &s.counts);
    }
    line(h, "", &format!("<b>{}</b>", tr("report.total")), &r.total);
    h.push_str("</tbody>\n</table>\n");
    let _ = write!(
        h,
        "<h3>{}</h3>\n<ul class=\"legend\">\n",
        tr("report.legend")
    );
    for l in &r.legend {
        let own = l
            .own
            .as_ref()
            .map(|o| format!(" – {}", esc(o)))
            .unwrap_or_default();
        let _ = writeln!(h, "<li>{}{own}</li>", status_cell(r, l.status));
    }
    h.push_str("</ul>\n</section>\n");

    // The traffic-light table.
    let _ = write!(
        h,
        "<section class=\"lights\">\n<h2>{}</h2>\n<table class=\"lights\">\n<colgroup><col class=\"code\"><col class=\"title\"><col class=\"owner\"><col class=\"status\">{}<col><col></colgroup>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
        tr("report.lights"),
        if r.compare.is_some() {
            "<col class=\"status\"><col class=\"trend\">"
        } else {
            ""
        },
        tr("report.code"),
        tr("report.item"),
        tr("report.owner"),
        esc(&r.period_label)
    );
    if let Some((_, l)) = &r.compare {
        let _ = write!(h, "<th>{}</th><th>{}</th>", esc(l), tr("report.trend"));
    }
    let _ = writeln!(
        h,
        "<th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        tr("report.comment"),
        tr("report.actions")
    );
    for row in &r.rows {
        let mut status = status_cell(r, row.status);
        if let Some(from) = &row.carried {
            status = format!(
                "{status}<br><span class=\"carried\">↻ {}</span>",
                esc(&tf(lang, "label.carried_short", &[("period", from)]))
            );
        }
        let _ = write!(
            h,
            "<tr class=\"depth{}\"><td>{}</td><td>{}</td><td>{}</td><td>{status}</td>",
            row.depth.min(3),
            esc(&row.code),
            shown(&row.title, false),
            shown(&row.owner, false)
        );
        if r.compare.is_some() {
            let _ = write!(
                h,
                "<td>{}</td><td>{}</td>",
                row.compared.map(|s| status_cell(r, s)).unwrap_or_default(),
                arrow(row.direction)
            );
        }
        let _ = writeln!(
            h,
            "<td>{}</td><td>{}</td></tr>",
            shown(&row.comment, true),
            shown(&row.actions, true)
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");

    // Indicators.
    if !r.indicators.is_empty() {
        let _ = write!(
            h,
            "<section class=\"indicators\">\n<h2>{}</h2>\n<table class=\"indicators\">\n<colgroup><col style=\"width:17%\"><col style=\"width:19%\"><col style=\"width:17%\"><col style=\"width:19%\"><col style=\"width:12%\"><col style=\"width:5%\"><col style=\"width:11%\"></colgroup>\n<thead><tr>{}</tr></thead>\n<tbody>\n",
            tr("report.indicators"),
            super::INDICATOR_COLUMNS
                .iter()
                .map(|k| format!("<th>{}</th>", tr(k)))
                .collect::<String>()
        );
        for ind in &r.indicators {
            let d = &ind.detail;
            let values: Vec<String> = d
                .values
                .iter()
                .map(|v| {
                    let b = if v.current { ("<b>", "</b>") } else { ("", "") };
                    let note = if v.note.is_empty() {
                        String::new()
                    } else {
                        format!(" <i>({})</i>", shown(&v.note, false))
                    };
                    let revised = if v.revised.is_some() { " ⚠" } else { "" };
                    format!(
                        "{}{}: {} {}{revised}{}{note}",
                        b.0,
                        esc(&v.label),
                        esc(&v.text),
                        v.light.as_status().symbol(),
                        b.1
                    )
                })
                .collect();
            let light_cell = match ind.light() {
                Light::NoData => format!(
                    "<span class=\"st st-not_assessed\">{}</span>",
                    esc(&super::light_word(lang, Light::NoData))
                ),
                l => status_cell(r, l.as_status()),
            };
            let source = ind
                .source_parts(lang)
                .iter()
                .map(|p| esc(p))
                .collect::<Vec<_>>()
                .join("<br>");
            let _ = writeln!(
                h,
                "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{light_cell}</td><td>{}</td><td>{source}</td></tr>",
                esc(&ind.code),
                shown(&ind.item, false),
                shown(&d.name, false),
                esc(&d.rule),
                values.join("<br>"),
                arrow(ind.trend)
            );
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }

    // Risks: the matrix, then each risk with its controls and evaluation.
    if !r.risks.is_empty() {
        let _ = write!(
            h,
            "<section class=\"risks\">\n<h2>{}</h2>\n<table class=\"matrix\" style=\"width:auto\">\n<thead><tr><th>{}</th>",
            tr("report.risks"),
            tr("report.probability_consequence")
        );
        for c in 1..=4 {
            let _ = write!(h, "<th>{c}</th>");
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        let m = matrix(&r.risks);
        for (i, row) in m.iter().enumerate() {
            let p = 4 - i;
            let _ = write!(h, "<tr><th>{p}</th>");
            for (j, cell) in row.iter().enumerate() {
                let score = (p * (j + 1)) as u8;
                let band = risk::Assessment::new(p as u8, (j + 1) as u8)
                    .map(|a| a.band() as usize)
                    .unwrap_or(0);
                let codes = if cell.is_empty() {
                    format!("<span style=\"color:#888\">{score}</span>")
                } else {
                    format!("{score}<br>{}", esc(&cell.join(", ")))
                };
                let _ = write!(h, "<td class=\"b{band}\">{codes}</td>");
            }
            h.push_str("</tr>\n");
        }
        let _ = write!(
            h,
            "</tbody>\n</table>\n<table class=\"risk-list\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            tr("report.risk"),
            tr("report.score"),
            tr("report.band"),
            tr("report.controls"),
            esc(&tf(lang, "report.evaluation", &[("period", &r.period_label)]))
        );
        for rk in &r.risks {
            let a = rk.detail.assessment;
            let controls: Vec<String> = rk
                .detail
                .controls
                .iter()
                .map(|c| {
                    let fields: Vec<String> = c
                        .fields
                        .iter()
                        .map(|(k, v)| format!("{}: {}", tr(k), esc(v)))
                        .collect();
                    format!(
                        "<b>{}</b><br>{}",
                        shown(&c.what, false),
                        fields.join("<br>")
                    )
                })
                .collect();
            let _ = writeln!(
                h,
                "<tr><td>{} {}</td><td class=\"num\">{} × {} = {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&rk.code),
                shown(&rk.title, false),
                a.probability,
                a.consequence,
                a.score(),
                tr(&format!("band.{}", a.band().key())),
                controls.join("<hr>"),
                status_cell(r, rk.status)
            );
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }

    // What changed since the compared period.
    if let Some(d) = &r.diff {
        let from = r.compare.as_ref().map(|c| c.1.clone()).unwrap_or_default();
        let _ = write!(
            h,
            "<section class=\"changes\">\n<h2>{}</h2>\n<p>↑ {} · ↓ {} · → {}</p>\n",
            esc(&tf(
                lang,
                "report.changes",
                &[("from", &from), ("to", &r.period_label)]
            )),
            esc(&plural(lang, "count.better", d.count(Direction::Better))),
            esc(&plural(lang, "count.worse", d.count(Direction::Worse))),
            esc(&plural(lang, "count.same", d.count(Direction::Same)))
        );
        let changed: Vec<_> = d.items.iter().filter(|c| c.changed()).collect();
        if !changed.is_empty() {
            let _ = write!(
                h,
                "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                tr("report.item"),
                esc(&from),
                esc(&r.period_label),
                tr("report.trend"),
                tr("report.notes")
            );
            for c in changed {
                let to = if c.carried {
                    format!("<span class=\"carried\">↻ {}</span>", tr("diff.carried"))
                } else {
                    status_cell(r, c.to)
                };
                let mut notes = Vec::new();
                match c.comment {
                    CommentChange::New => notes.push(tr("diff.comment_new")),
                    CommentChange::Rewritten => notes.push(tr("diff.comment_rewritten")),
                    _ => {}
                }
                for x in &c.crossed {
                    let v = |(v, l): (Option<f64>, Light)| {
                        format!(
                            "{} {}",
                            v.map_or_else(
                                || t(lang, "light.no_data").to_owned(),
                                |v| crate::i18n::number(lang, v, 2)
                            ),
                            l.as_status().symbol()
                        )
                    };
                    notes.push(esc(&format!("{}: {} → {}", x.name, v(x.from), v(x.to))));
                }
                let _ = writeln!(
                    h,
                    "<tr><td>{} {}</td><td>{}</td><td>{to}</td><td>{}</td><td>{}</td></tr>",
                    esc(&c.code),
                    esc(&c.title),
                    status_cell(r, c.from),
                    arrow(c.direction),
                    notes.join("<br>")
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
        if !d.structure.is_empty() {
            let _ = write!(h, "<h3>{}</h3>\n<ul>\n", tr("diff.structure"));
            for s in &d.structure {
                let what = tf(
                    lang,
                    &format!("diff.{}", s.what),
                    &[("parent", &s.detail.clone().unwrap_or_else(|| "–".into()))],
                );
                let _ = writeln!(
                    h,
                    "<li>{} {} ({})</li>",
                    esc(&s.code),
                    esc(&what),
                    esc(&date(lang, &s.at))
                );
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</section>\n");
    }

    // Not updated.
    let _ = write!(
        h,
        "<section class=\"not-updated\">\n<h2>{}</h2>\n",
        esc(&tf(
            lang,
            "report.not_updated",
            &[("n", &integer(lang, r.not_updated.len() as i64))]
        ))
    );
    if r.not_updated.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", tr("report.all_updated"));
    } else {
        h.push_str("<ul>\n");
        for (code, title) in &r.not_updated {
            let _ = writeln!(h, "<li>{} {}</li>", esc(code), esc(title));
        }
        h.push_str("</ul>\n");
    }
    let fallbacks = r.fallbacks();
    if fallbacks > 0 {
        let _ = writeln!(
            h,
            "<p class=\"fallback\">{}</p>",
            esc(&plural(lang, "count.fallback_texts", fallbacks))
        );
    }
    h.push_str("</section>\n");
}
