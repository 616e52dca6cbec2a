//! `strata report --plan P --period P [--compare-to P] [--lang L] [--format
//! html] [-o FILE] [--allow-fallback]`: the board's report of a plan's
//! follow-up, in the board's language (the display language).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{CliError, Ctx};
use crate::i18n::{plural, tf};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained file with print styles: the browser prints the PDF
    #[default]
    Html,
    /// An Excel workbook: summary, items, indicators, risks
    Xlsx,
    /// A CSV that Excel opens right (BOM; `;` for fi and sv)
    Csv,
    /// A Word document to edit and attach to the agenda
    Docx,
    /// Markdown: the same parts as the HTML
    Md,
}

/// What `strata report` is asked for.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[arg(long, value_name = "PLAN")]
    pub plan: String,
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// Compare with this period: its statuses, trends, what changed
    #[arg(long, value_name = "PERIOD")]
    pub compare_to: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Output file (default: standard output)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write it even where a text lacks the language, marking each fallback
    #[arg(long)]
    pub allow_fallback: bool,
    /// The CSV's separator (default: ; for fi and sv, , for en)
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<char>,
    /// The CSV's headers as machine names, whatever the language
    #[arg(long)]
    pub raw_headers: bool,
}

pub fn run(ctx: &Ctx, args: &ReportArgs) -> Result<(), CliError> {
    let (plan, period) = (args.plan.as_str(), args.period.as_str());
    let compare = args.compare_to.as_deref();
    let lang = ctx.lang();
    let store = ctx.open()?;
    let (p, log) = store.snapshot(|s| {
        Ok((
            s.load_plan(plan)?,
            s.changes_since(plan, None, None, 100_000)?,
        ))
    })?;
    for code in [Some(period), compare].into_iter().flatten() {
        if p.period(code).is_none() {
            return Err(crate::store::StoreError::UnknownPeriod {
                plan: plan.to_owned(),
                code: code.to_owned(),
            }
            .into());
        }
    }
    // `--lang fi,sv`: a report in each, one after the other.
    let langs: Vec<crate::domain::Lang> = match ctx.langs.len() {
        0 | 1 => vec![lang],
        _ => ctx.langs.clone(),
    };
    // A report half in the wrong language is not printed unless asked for.
    for &board in &langs {
        check_gaps(&p, plan, period, board, lang, args.allow_fallback)?;
    }
    let today = crate::clock::today();
    let by = crate::clock::os_user();
    let reports: Vec<crate::report::Report> = langs
        .iter()
        .map(|&l| crate::report::build(&p, period, compare, &log, &today, &by, l))
        .collect();
    finish(lang, args, &reports)
}

/// Refuses, listing them, the texts a report in `board` would show in
/// another language, unless `allow`; told in the display language `lang`.
fn check_gaps(
    p: &crate::domain::Plan,
    plan: &str,
    period: &str,
    board: crate::domain::Lang,
    lang: crate::domain::Lang,
    allow: bool,
) -> Result<(), CliError> {
    let gaps = crate::report::gaps(p, period, board);
    if !gaps.is_empty() && !allow {
        eprintln!(
            "strata: {}",
            tf(
                lang,
                "report.gaps",
                &[
                    (
                        "lang",
                        &crate::i18n::t(lang, &format!("lang.names.{}", board.code()))
                    ),
                    ("texts", &plural(lang, "count.texts", gaps.len())),
                    ("plan", &plan),
                    ("code", &board.code()),
                ]
            )
        );
        for g in gaps.iter().take(50) {
            let address = match &g.item {
                Some(i) => format!("{plan}:{i}"),
                None => plan.to_owned(),
            };
            eprintln!(
                "  {address}  {}",
                crate::messages::missing_field(lang, &g.field)
            );
        }
        if gaps.len() > 50 {
            eprintln!("  …");
        }
        return Err(CliError::Reported(super::code::INPUT));
    }
    Ok(())
}

/// Writes the reports in the asked format to the file or standard output.
fn finish(
    lang: crate::domain::Lang,
    args: &ReportArgs,
    reports: &[crate::report::Report],
) -> Result<(), CliError> {
    let (plan, period, format) = (&args.plan, &args.period, args.format);
    let report = &reports[0];
    let io = |path: &str, e: std::io::Error| CliError::Io {
        path: path.into(),
        source: e,
    };
    let bytes: Vec<u8> = match format {
        ReportFormat::Html => crate::report::html::write_all(reports).into_bytes(),
        ReportFormat::Xlsx => crate::report::xlsx::write_all(reports)
            .map_err(|e| io("<xlsx>", std::io::Error::other(e.to_string())))?,
        ReportFormat::Md => crate::report::md::write_all(reports).into_bytes(),
        ReportFormat::Docx => {
            crate::report::docx::write_all(reports).map_err(|e| io("<docx>", e))?
        }
        ReportFormat::Csv => {
            let d = args
                .delimiter
                .map_or(crate::report::csv::default_delimiter(lang), |c| c as u8);
            crate::report::csv::write(report, d, args.raw_headers)
                .map_err(|e| io("<csv>", std::io::Error::other(e.to_string())))?
        }
    };
    // A workbook is not for a terminal: without -o it gets a file name.
    let output = match (args.output.clone(), format) {
        (None, ReportFormat::Xlsx) => Some(PathBuf::from(format!("{plan}-{period}.xlsx"))),
        (None, ReportFormat::Docx) => Some(PathBuf::from(format!("{plan}-{period}.docx"))),
        (o, _) => o,
    };
    match output {
        Some(path) => {
            std::fs::write(&path, &bytes).map_err(|source| CliError::Io {
                path: path.clone(),
                source,
            })?;
            println!(
                "{}",
                tf(
                    lang,
                    "report.written",
                    &[("path", &path.display().to_string())]
                )
            );
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).map_err(|e| io("<stdout>", e))?;
        }
    }
    Ok(())
}
