//! The report as Markdown: the HTML report's parts, in the same order, as
//! headings, pipe tables and lists (a bar of status symbols for the
//! summary).

use super::{matrix, Report};
use crate::domain::{risk, Status};
use crate::i18n::{date, plural, t, tf};
use crate::present::diff::{CommentChange, Direction};
use crate::present::item::Shown;

/// A table cell: pipes escaped, line breaks as `<br>`.
fn c(s: &str) -> String {
    s.replace('|', "\\|")
        .replace("\n\n", "<br>")
        .replace('\n', "<br>")
}

fn m(s: &Shown) -> String {
    c(&s.marked())
}

fn word(r: &Report, s: Status) -> String {
    format!(
        "{} {}",
        s.symbol(),
        t(r.lang, &format!("status.{}", s.key()))
    )
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn head(cells: &[String]) -> String {
    let mut s = row(cells);
    s.push_str(&row(&cells
        .iter()
        .map(|_| "---".to_owned())
        .collect::<Vec<_>>()));
    s
}

/// Twenty symbols in proportion to the counts, most urgent first.
fn bar(cn: &crate::domain::Counts) -> String {
    let total = cn.total();
    if total == 0 {
        return String::new();
    }
    let mut s = String::new();
    for st in Status::BY_ATTENTION {
        let n = (cn.get(st) * 20 + total / 2) / total;
        s.push_str(&st.symbol().repeat(n));
    }
    s
}

/// Reports in several languages, one after the other.
pub fn write_all(reports: &[Report]) -> String {
    reports
        .iter()
        .map(write)
        .collect::<Vec<_>>()
        .join("\n---\n\n")
}

pub fn write(r: &Report) -> String {
    let lang = r.lang;
    let tr = |k: &str| t(lang, k).to_owned();
    let mut s = String::new();
    s.push_str(&format!(
        "# {}\n\n{}\n\n",
        r.title.marked(),
        tr("report.kind")
    ));
    s.push_str(&format!(
        "- **{}:** {}\n",
        tr("report.organisation"),
        r.organisation.marked()
    ));
    s.push_str(&format!(
        "- **{}:** {}\n",
        tr("report.period"),
        r.period_label
    ));
    if let Some((_, l)) = &r.compare {
        s.push_str(&format!("- **{}:** {l}\n", tr("report.compared")));
    }
    s.push_str(&format!(
        "- **{}:** {}\n",
        tr("report.date"),
        date(lang, &r.date)
    ));
    s.push_str(&format!(
        "- **{}:** {}\n\n",
        tr("report.prepared_by"),
        r.prepared_by
    ));

    s.push_str(&format!("## {}\n\n", tr("report.summary")));
    let mut h = vec![tr("report.code"), tr("report.item")];
    h.extend(Status::BY_ATTENTION.iter().map(|st| word(r, *st)));
    h.extend([tr("report.assessed"), tr("report.bar")]);
    s.push_str(&head(&h));
    let line = |code: &str, title: String, cn: &crate::domain::Counts| {
        let mut cells = vec![code.to_owned(), title];
        cells.extend(
            Status::BY_ATTENTION
                .iter()
                .map(|st| cn.get(*st).to_string()),
        );
        cells.push(format!("{} %", crate::present::round::share(cn)));
        cells.push(bar(cn));
        row(&cells)
    };
    for x in &r.summary {
        s.push_str(&line(&c(&x.code), m(&x.title), &x.counts));
    }
    s.push_str(&line("", format!("**{}**", tr("report.total")), &r.total));
    s.push_str(&format!("\n### {}\n\n", tr("report.legend")));
    for l in &r.legend {
        let own = l
            .own
            .as_ref()
            .map(|o| format!(" – {o}"))
            .unwrap_or_default();
        s.push_str(&format!("- {}{own}\n", word(r, l.status)));
    }

    s.push_str(&format!("\n## {}\n\n", tr("report.lights")));
    let mut h = vec![
        tr("report.code"),
        tr("report.item"),
        tr("report.owner"),
        r.period_label.clone(),
    ];
    if let Some((_, l)) = &r.compare {
        h.extend([l.clone(), tr("report.trend")]);
    }
    h.extend([tr("report.comment"), tr("report.actions")]);
    s.push_str(&head(&h));
    for x in &r.rows {
        let mut status = word(r, x.status);
        if let Some(from) = &x.carried {
            status = format!(
                "{status} ↻ {}",
                tf(lang, "label.carried_short", &[("period", from)])
            );
        }
        let mut cells = vec![
            c(&x.code),
            format!("{}{}", "&nbsp;&nbsp;".repeat(x.depth), m(&x.title)),
            m(&x.owner),
            status,
        ];
        if r.compare.is_some() {
            cells.push(x.compared.map(|st| word(r, st)).unwrap_or_default());
            cells.push(match x.direction {
                Direction::Unknown => String::new(),
                d => d.arrow().to_owned(),
            });
        }
        cells.extend([m(&x.comment), m(&x.actions)]);
        s.push_str(&row(&cells));
    }

    if !r.indicators.is_empty() {
        s.push_str(&format!("\n## {}\n\n", tr("report.indicators")));
        let columns: Vec<String> = super::INDICATOR_COLUMNS.iter().map(|k| tr(k)).collect();
        s.push_str(&head(&columns));
        for ind in &r.indicators {
            let d = &ind.detail;
            let values: Vec<String> = d
                .values
                .iter()
                .map(|v| match v.note.is_empty() {
                    true => super::value_text(v),
                    false => format!("{} *({})*", super::value_text(v), v.note.marked()),
                })
                .collect();
            let light = super::light_word(lang, ind.light());
            let source = ind.source(lang);
            s.push_str(&row(&[
                format!("{} {}", c(&ind.code), m(&ind.item)),
                m(&d.name),
                c(&d.rule),
                c(&values.join("\n")),
                light,
                match ind.trend {
                    Direction::Unknown => String::new(),
                    x => x.arrow().to_owned(),
                },
                c(&source),
            ]));
        }
    }

    if !r.risks.is_empty() {
        s.push_str(&format!("\n## {}\n\n", tr("report.risks")));
        let mut h = vec![tr("report.probability_consequence")];
        h.extend((1..=4).map(|x| x.to_string()));
        s.push_str(&head(&h));
        for (i, cells) in matrix(&r.risks).iter().enumerate() {
            let p = 4 - i;
            let mut line = vec![format!("**{p}**")];
            for (j, codes) in cells.iter().enumerate() {
                let score = p * (j + 1);
                line.push(if codes.is_empty() {
                    score.to_string()
                } else {
                    format!("**{score}**: {}", codes.join(", "))
                });
            }
            s.push_str(&row(&line));
        }
        s.push('\n');
        s.push_str(&head(&[
            tr("report.risk"),
            tr("report.score"),
            tr("report.band"),
            tr("report.controls"),
            tf(lang, "report.evaluation", &[("period", &r.period_label)]),
        ]));
        for rk in &r.risks {
            let a: risk::Assessment = rk.detail.assessment;
            let controls: Vec<String> = rk
                .detail
                .controls
                .iter()
                .map(|x| {
                    let mut s = format!("**{}**", x.what.marked());
                    for (k, v) in &x.fields {
                        s.push_str(&format!("\n{}: {v}", t(lang, k)));
                    }
                    s
                })
                .collect();
            s.push_str(&row(&[
                format!("{} {}", c(&rk.code), m(&rk.title)),
                format!("{} × {} = {}", a.probability, a.consequence, a.score()),
                tr(&format!("band.{}", a.band().key())),
                c(&controls.join("\n\n")),
                word(r, rk.status),
            ]));
        }
    }

    if let Some(d) = &r.diff {
        let from = r.compare.as_ref().map(|x| x.1.clone()).unwrap_or_default();
        s.push_str(&format!(
            "\n## {}\n\n↑ {} · ↓ {} · → {}\n\n",
            tf(
                lang,
                "report.changes",
                &[("from", &from), ("to", &r.period_label)]
            ),
            plural(lang, "count.better", d.count(Direction::Better)),
            plural(lang, "count.worse", d.count(Direction::Worse)),
            plural(lang, "count.same", d.count(Direction::Same))
        ));
        let changed: Vec<_> = d.items.iter().filter(|x| x.changed()).collect();
        if !changed.is_empty() {
            s.push_str(&head(&[
                tr("report.item"),
                from.clone(),
                r.period_label.clone(),
                tr("report.trend"),
                tr("report.notes"),
            ]));
            for x in changed {
                let mut notes = Vec::new();
                match x.comment {
                    CommentChange::New => notes.push(tr("diff.comment_new")),
                    CommentChange::Rewritten => notes.push(tr("diff.comment_rewritten")),
                    _ => {}
                }
                notes.extend(x.crossed.iter().map(|k| {
                    format!(
                        "{}: {} → {}",
                        k.name,
                        k.from.1.as_status().symbol(),
                        k.to.1.as_status().symbol()
                    )
                }));
                s.push_str(&row(&[
                    format!("{} {}", c(&x.code), c(&x.title)),
                    word(r, x.from),
                    if x.carried {
                        format!("↻ {}", tr("diff.carried"))
                    } else {
                        word(r, x.to)
                    },
                    x.direction.arrow().to_owned(),
                    c(&notes.join("\n")),
                ]));
            }
        }
        if !d.structure.is_empty() {
            s.push_str(&format!("\n### {}\n\n", tr("diff.structure")));
            for st in &d.structure {
                let what = tf(
                    lang,
                    &format!("diff.{}", st.what),
                    &[("parent", &st.detail.clone().unwrap_or_else(|| "–".into()))],
                );
                s.push_str(&format!("- {} {what} ({})\n", st.code, date(lang, &st.at)));
            }
        }
    }

    s.push_str(&format!(
        "\n## {}\n\n",
        tf(lang, "report.not_updated", &[("n", &r.not_updated.len())])
    ));
    if r.not_updated.is_empty() {
        s.push_str(&format!("{}\n", tr("report.all_updated")));
    }
    for (code, title) in &r.not_updated {
        s.push_str(&format!("- {code} {title}\n"));
    }
    let fallbacks = r.fallbacks();
    if fallbacks > 0 {
        s.push_str(&format!(
            "\n*{}*\n",
            plural(lang, "count.fallback_texts", fallbacks)
        ));
    }
    s
}
