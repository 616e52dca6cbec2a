//! The command line: subcommands for scripts and SSH. Plain text when stdout
//! is not a terminal or `NO_COLOR` is set; never needs a TTY.

mod clap_words;
mod contact;
mod diff;
mod error;
mod export;
mod fetch;
mod figures;
mod import;
mod missing;
mod out;
mod period;
mod plans;
mod remind;
mod report;
mod round;
mod serde_words;
mod set;
mod show;
mod status;
mod text;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::config::{self, Config};
use crate::domain::Lang;
use crate::i18n::tf;
use crate::store::{Mode, Store};
pub use error::{exit, CliError};
pub use out::Out;

/// Exit codes, as documented in README.md.
pub mod code {
    pub const OK: i32 = 0;
    /// Bad input: a rejected file, an unknown plan, item, period or status.
    pub const INPUT: i32 = 1;
    /// Wrong usage of the command line, or no terminal for the app.
    pub const USAGE: i32 = 2;
    /// The database cannot be used: not a database, not strata's, too new, missing.
    pub const DATABASE: i32 = 3;
    /// Another strata holds the write lock for longer than the busy timeout.
    pub const BUSY: i32 = 4;
    /// A write was asked of a database opened read-only.
    pub const READ_ONLY: i32 = 5;
    /// A public source (Kolada, Sotkanet) could not be reached or answered
    /// with an error; nothing was written.
    pub const SOURCE: i32 = 6;
}

#[derive(Parser, Debug)]
#[command(
    name = "strata",
    version,
    about = "Plans, follow-ups and traffic lights in one SQLite file"
)]
pub struct Cli {
    /// Database file (default: strata.db in the XDG data directory; also STRATA_DB)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Display language: fi, sv or en (default: config file, then LANG)
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_langs)]
    pub lang: Option<Langs>,
    /// Open the database read-only
    #[arg(long, global = true)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("'{s}': use fi, sv or en"))
}

/// `--lang`: one language, or several for a report in more than one
/// (`fi,sv`); the first is the display language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Langs(pub Vec<Lang>);

impl Langs {
    pub fn first(&self) -> Lang {
        self.0[0]
    }
}

fn parse_langs(s: &str) -> Result<Langs, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let l = parse_lang(part)?;
        if !out.contains(&l) {
            out.push(l);
        }
    }
    if out.is_empty() {
        return Err(format!("'{s}': use fi, sv or en"));
    }
    Ok(Langs(out))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// How many items are in each status, and which are red or yellow
    Status {
        /// Only these plans (code; repeatable)
        #[arg(long = "plan", value_name = "PLAN")]
        plans: Vec<String>,
        /// Follow-up period (default: each plan's latest follow-up)
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Which statuses to list item by item: red, yellow, green, done, none
        #[arg(long, value_name = "LIST", default_value = "red,yellow")]
        only: String,
        /// Each listed item's whole comment and further actions
        #[arg(long)]
        full: bool,
        /// One line per plan: counts, share assessed, deadline
        #[arg(long, conflicts_with = "full")]
        short: bool,
        /// text, or json for scripts (docs/JSON.md)
        #[arg(long, value_enum, default_value_t = round::OutFormat::Text)]
        format: round::OutFormat,
    },
    /// Where the follow-up round stands: assessed, carried over, not assessed, deadline
    Round {
        /// Only these plans (code; repeatable)
        #[arg(long = "plan", value_name = "PLAN")]
        plans: Vec<String>,
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Group by top-level item or by owner
        #[arg(long, value_enum, default_value_t = round::ByArg::Item)]
        by: round::ByArg,
        #[arg(long, value_enum, default_value_t = round::OutFormat::Text)]
        format: round::OutFormat,
    },
    /// One item in full: status history, indicators, risk
    Show {
        /// PLAN:CODE, e.g. strategy-2026:4.2
        address: String,
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        #[arg(long, value_enum, default_value_t = round::OutFormat::Text)]
        format: round::OutFormat,
    },
    /// Record a follow-up: status and comment of an item in a period
    Set {
        /// PLAN:CODE
        address: String,
        /// on_track|green, at_risk|yellow, off_track|red, done, not_assessed, or 1-5
        #[arg(long)]
        status: Option<String>,
        /// Comment in the display language (--lang)
        #[arg(long)]
        comment: Option<String>,
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Confirm a status carried over from the previous period as it is
        #[arg(long)]
        keep: bool,
    },
    /// Read or write any text of a plan or item in the display language
    Text {
        /// PLAN or PLAN:CODE
        address: String,
        /// Which text, as the change log names it: title, description, owner,
        /// follow_up, level, comment, actions, indicator.N.name, control.N.what …;
        /// of a plan: title, description, organisation, level.N, period.CODE,
        /// status_label.STATUS
        field: String,
        /// The new text (without it, the text is shown in every language)
        text: Option<String>,
        /// Remove the text in the display language
        #[arg(long, conflicts_with = "text")]
        clear: bool,
        /// Period of a comment or further actions (default: the plan's latest follow-up)
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
    },
    /// Write plans to standard output or a file
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Only this plan
        #[arg(long, value_name = "PLAN")]
        plan: Option<String>,
        /// Period of the statuses (csv, md)
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Output file (default: standard output)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import plans from an exchange file (all or nothing)
    Import {
        /// JSON file in the exchange format; - for standard input
        file: PathBuf,
        /// Replace plans whose code already exists
        #[arg(long)]
        replace: bool,
        /// Check the file without importing it
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        sheet: import::SheetArgs,
    },
    /// Check the file for damage (SQLite's integrity check)
    Check,
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), in the display language
    Man,
    /// Create a database (with the five reference plans unless --empty)
    Init {
        /// Without the reference plans
        #[arg(long)]
        empty: bool,
    },
    /// List the plans
    Plans,
    /// List the follow-up periods of each plan
    Periods {
        #[arg(long, value_name = "PLAN")]
        plan: Option<String>,
        #[arg(long, value_enum, default_value_t = round::OutFormat::Text)]
        format: round::OutFormat,
    },
    /// Add, change, close, reopen or remove a follow-up period
    Period {
        #[command(subcommand)]
        action: period::PeriodCommand,
    },
    /// The board's report of a plan's follow-up, in the display language
    Report(report::ReportArgs),
    /// What changed between two follow-up periods: statuses, indicators, comments, items
    Diff {
        #[arg(long, value_name = "PERIOD")]
        from: String,
        #[arg(long, value_name = "PERIOD")]
        to: String,
        /// Only this plan
        #[arg(long, value_name = "PLAN")]
        plan: Option<String>,
        #[arg(long, value_enum, default_value_t = round::OutFormat::Text)]
        format: round::OutFormat,
    },
    /// Write each contact person a reminder of their items that still need an update
    Remind(remind::RemindArgs),
    /// The people of a round: add, change, remove, list, link to items
    Contact {
        #[command(subcommand)]
        action: contact::ContactCommand,
    },
    /// Fill the linked indicators' values from Kolada or Sotkanet
    Fetch(fetch::FetchArgs),
    /// An item's indicators: add, thresholds, values, remove
    Indicator {
        #[command(subcommand)]
        action: figures::IndicatorCommand,
    },
    /// An item's risk: score it, remove it
    Risk {
        #[command(subcommand)]
        action: figures::RiskCommand,
    },
    /// The control moments of an item's risk: add, remove
    Control {
        #[command(subcommand)]
        action: figures::ControlCommand,
    },
    /// Remove a plan and everything in it (e.g. a reference plan)
    RemovePlan { plan: String },
    /// Change a plan's code or years
    EditPlan {
        plan: String,
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        years: Option<String>,
    },
    /// Show the change log of a plan or of one item
    Log {
        /// PLAN or PLAN:CODE
        address: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Only changes on or after this date (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only changes since this period began
        #[arg(long, value_name = "PERIOD", conflicts_with = "since")]
        period: Option<String>,
    },
    /// List the texts that are missing in a language, and what is shown instead
    Missing {
        /// Only this plan
        #[arg(long, value_name = "PLAN")]
        plan: Option<String>,
        /// Only texts lacking this language: fi, sv or en (repeatable)
        #[arg(long, value_name = "LANG", value_parser = parse_lang)]
        lacking: Vec<Lang>,
        /// The text shown instead, whole, under each line
        #[arg(long)]
        full: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Md,
    Xlsx,
}

/// Everything a command needs: where the data is, how to speak, how to print.
pub struct Ctx {
    pub db: PathBuf,
    pub mode: Mode,
    pub out: Out,
    /// The display language was asked for (`--lang`), not found.
    pub lang_asked: bool,
    /// Every language `--lang` names (`fi,sv`), the display language first;
    /// empty when it was not given.
    pub langs: Vec<Lang>,
}

impl Ctx {
    pub fn lang(&self) -> Lang {
        self.out.lang
    }

    /// Opens the database, which must exist: a mistyped `--db` creates
    /// nothing (only `strata init` and the app make a database).
    pub fn open(&self) -> Result<Store, CliError> {
        Ok(Store::open_existing(&self.db, self.mode)?)
    }

    /// Opens the database for a write: as [`Ctx::open`], and refused if the
    /// file is damaged, before anything is written to it.
    pub fn open_for_write(&self) -> Result<Store, CliError> {
        let store = self.open()?;
        if self.mode == Mode::ReadWrite {
            store.require_sound()?;
        }
        Ok(store)
    }

    /// Opens the database, creating it with the reference plans if it does
    /// not exist (the app); says whether it was created.
    pub fn open_or_create(&self) -> Result<(Store, bool), CliError> {
        let opened = Store::open(&self.db, self.mode)?;
        let mut store = opened.store;
        if opened.created {
            import::load_reference_plans(&mut store)?;
        }
        Ok((store, opened.created))
    }
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let config = Config::load();
    let asked = cli.lang.as_ref().map(Langs::first);
    let lang_hint = config::display_lang(asked, config.as_ref().unwrap_or(&Config::default()));
    let config = match config {
        Ok(c) => c,
        Err(e) => return exit(Out::detect(lang_hint), CliError::Config(e)),
    };
    let ctx = Ctx {
        db: config::db_path(cli.db, &config),
        mode: if cli.read_only {
            Mode::ReadOnly
        } else {
            Mode::ReadWrite
        },
        out: Out::detect(config::display_lang(asked, &config)),
        lang_asked: cli.lang.is_some(),
        langs: cli.lang.clone().map(|l| l.0).unwrap_or_default(),
    };
    let result = match cli.command {
        None => run_app(&ctx, &config),
        Some(Command::Status {
            plans,
            period,
            only,
            full,
            short,
            format,
        }) => match (short, format) {
            (false, round::OutFormat::Text) => {
                status::run(&ctx, &plans, period.as_deref(), &only, full)
            }
            _ => status::run_short(&ctx, &plans, period.as_deref(), format),
        },
        Some(Command::Round {
            plans,
            period,
            by,
            format,
        }) => round::run(&ctx, &plans, period.as_deref(), by.into(), format),
        Some(Command::Show {
            address,
            period,
            format,
        }) => show::run(&ctx, &address, period.as_deref(), format),
        Some(Command::Set {
            address,
            status,
            comment,
            period,
            keep,
        }) => set::run(&ctx, &address, status, comment, period, keep),
        Some(Command::Text {
            address,
            field,
            text,
            clear,
            period,
        }) => text::run(&ctx, &address, &field, text, clear, period.as_deref()),
        Some(Command::Export {
            format,
            plan,
            period,
            output,
        }) => export::run(&ctx, format, plan.as_deref(), period.as_deref(), output),
        Some(Command::Import {
            file,
            replace,
            dry_run,
            sheet,
        }) => import::run(&ctx, &file, replace, dry_run, &sheet),
        Some(Command::Init { empty }) => import::init(&ctx, empty),
        Some(Command::Check) => plans::check(&ctx),
        Some(Command::Completions { shell }) => {
            let mut cmd = command(ctx.lang());
            clap_complete::generate(shell, &mut cmd, "strata", &mut std::io::stdout());
            Ok(())
        }
        Some(Command::Man) => clap_mangen::Man::new(command(ctx.lang()))
            .render(&mut std::io::stdout())
            .map_err(|source| CliError::Io {
                path: "<stdout>".into(),
                source,
            }),
        Some(Command::Plans) => plans::list(&ctx),
        Some(Command::Periods { plan, format }) => plans::periods(&ctx, plan.as_deref(), format),
        Some(Command::Period { action }) => period::run(&ctx, action),
        Some(Command::Contact { action }) => contact::run(&ctx, action),
        Some(Command::Indicator { action }) => figures::indicator(&ctx, action),
        Some(Command::Fetch(args)) => fetch::run(&ctx, &args),
        Some(Command::Risk { action }) => figures::risk(&ctx, action),
        Some(Command::Control { action }) => figures::control(&ctx, action),
        Some(Command::Report(args)) => report::run(&ctx, &args),
        Some(Command::Diff {
            from,
            to,
            plan,
            format,
        }) => diff::run(&ctx, plan.as_deref(), &from, &to, format),
        Some(Command::Remind(args)) => remind::run(&ctx, &args),
        Some(Command::RemovePlan { plan }) => plans::remove(&ctx, &plan),
        Some(Command::EditPlan { plan, code, years }) => {
            plans::edit(&ctx, &plan, code.as_deref(), years.as_deref())
        }
        Some(Command::Log {
            address,
            limit,
            since,
            period,
        }) => plans::log(&ctx, &address, limit, since.as_deref(), period.as_deref()),
        Some(Command::Missing {
            plan,
            lacking,
            full,
        }) => missing::run(&ctx, plan.as_deref(), &lacking, full),
    };
    match result {
        Ok(()) => code::OK,
        Err(e) => exit(ctx.out, e),
    }
}

/// `strata` with no subcommand: the app, on a terminal.
fn run_app(ctx: &Ctx, config: &Config) -> Result<(), CliError> {
    // A bad key override is told before anything else, with its line.
    let keymap = crate::keymap::Keymap::load(&config.keys).map_err(|error| {
        let (path, line) = match &config.source {
            Some((path, text)) => (Some(path.clone()), error.line_in(text)),
            None => (None, None),
        };
        CliError::Keymap { error, path, line }
    })?;
    if !crate::terminal::is_interactive() {
        return Err(CliError::NoTerminal);
    }
    // A terminal without cursor movement (TERM=dumb: an editor's shell
    // buffer, some CI logs) would show the screen as a stream of escapes.
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Err(CliError::DumbTerminal);
    }
    let (store, created) = ctx.open_or_create()?;
    // The app starts in the language it was left in, unless one is asked for.
    let lang = match ctx.lang_asked {
        true => ctx.lang(),
        false => config::remembered_lang().unwrap_or(ctx.lang()),
    };
    let mut app = crate::app::App::new(store, lang, keymap)?;
    app.model.color = ctx.out.color;
    let state = config::remembered();
    app.model.tree_share = state.tree;
    if created {
        // Where the new file is, and what is in it.
        app.model.message = Some(crate::app::Message {
            kind: crate::app::MessageKind::Info,
            text: tf(
                ctx.lang(),
                "tui.created",
                &[("path", &ctx.db.display().to_string())],
            ),
        });
    }
    let mouse = config.mouse.unwrap_or(true);
    app.model.mouse = mouse;
    let (left_in, tree) = crate::terminal::run(app, mouse).map_err(|source| CliError::Io {
        path: "/dev/tty".into(),
        source,
    })?;
    if left_in != lang || tree != state.tree {
        config::remember(config::State {
            lang: if left_in != lang {
                Some(left_in)
            } else {
                state.lang
            },
            tree,
        });
    }
    Ok(())
}

/// The help texts of the command line, by subcommand and argument id, as
/// catalog keys (`cli.<subcommand>.<arg>`; `cli.<subcommand>.about` is its summary).
const HELP: &[(&str, &[&str])] = &[
    (
        "status",
        &["plans", "period", "only", "full", "short", "format"],
    ),
    ("round", &["plans", "period", "by", "format"]),
    ("show", &["address", "period", "format"]),
    ("set", &["address", "status", "comment", "period", "keep"]),
    ("text", &["address", "field", "text", "clear", "period"]),
    ("export", &["format", "plan", "period", "output"]),
    (
        "import",
        &[
            "file", "replace", "dry_run", "sheet", "map", "plan", "period",
        ],
    ),
    ("init", &["empty"]),
    ("check", &[]),
    ("completions", &["shell"]),
    ("man", &[]),
    ("plans", &[]),
    ("periods", &["plan", "format"]),
    ("period", &[]),
    ("edit-plan", &["plan", "code", "years"]),
    ("contact", &[]),
    ("indicator", &[]),
    ("risk", &[]),
    ("control", &[]),
    ("remind", &["plans", "period", "format", "from", "output"]),
    ("diff", &["from", "to", "plan", "format"]),
    (
        "fetch",
        &["plans", "indicators", "dry_run", "overwrite", "from"],
    ),
    (
        "report",
        &[
            "plan",
            "period",
            "compare_to",
            "format",
            "output",
            "allow_fallback",
            "delimiter",
            "raw_headers",
        ],
    ),
    ("remove-plan", &["plan"]),
    ("log", &["address", "limit", "since", "period"]),
    ("missing", &["plan", "lacking", "full"]),
];

/// The command line with its help in `lang`; clap's own headings ("Usage",
/// "Options") come from the catalogs through the help template.
pub fn command(lang: Lang) -> clap::Command {
    let tr = |k: &str| crate::i18n::t(lang, k);
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        tr("cli.usage")
    );
    // clap adds its own --help and --version when the command is built, in
    // English; these are the same flags with the catalog's words.
    let common = |c: clap::Command| {
        c.help_template(template.clone())
            .subcommand_help_heading(tr("cli.commands"))
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(clap::ArgAction::Help)
                    .help(tr("cli.help"))
                    .help_heading(tr("cli.options")),
            )
    };
    let mut cmd = common(Cli::command())
        .about(tr("cli.about"))
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(tr("cli.version"))
                .help_heading(tr("cli.options")),
        )
        .mut_arg("db", |a| {
            a.help(tr("cli.db")).help_heading(tr("cli.options"))
        })
        .mut_arg("lang", |a| {
            a.help(tr("cli.lang")).help_heading(tr("cli.options"))
        })
        .mut_arg("read_only", |a| {
            a.help(tr("cli.read_only")).help_heading(tr("cli.options"))
        });
    // The help of each argument, as a positional argument or an option.
    let args_help = |mut c: clap::Command, prefix: &str, args: &[&str]| {
        for arg in args {
            let key = format!("{prefix}.{arg}");
            let positional = c
                .get_arguments()
                .any(|a| a.get_id() == *arg && a.is_positional());
            let heading = if positional {
                "cli.arguments"
            } else {
                "cli.options"
            };
            c = c.mut_arg(arg, |a| a.help(tr(&key)).help_heading(tr(heading)));
        }
        c
    };
    for (name, args) in HELP {
        cmd = cmd.mut_subcommand(name, |sc| {
            let prefix = format!("cli.{name}");
            let mut sc = args_help(
                common(sc).about(tr(&format!("{prefix}.about"))),
                &prefix,
                args,
            );
            let nested = match *name {
                "period" => period::HELP,
                "contact" => contact::HELP,
                "indicator" => figures::INDICATOR_HELP,
                "risk" => figures::RISK_HELP,
                "control" => figures::CONTROL_HELP,
                _ => &[],
            };
            if !nested.is_empty() {
                sc = sc.subcommand_help_heading(tr("cli.commands"));
                for (sub, args) in nested {
                    sc = sc.mut_subcommand(sub, |c| {
                        let prefix = format!("cli.{name}.{sub}");
                        args_help(
                            common(c).about(tr(&format!("{prefix}.about"))),
                            &prefix,
                            args,
                        )
                    });
                }
            }
            sc
        });
    }
    cmd
}

/// The display language for the help, before the arguments are parsed:
/// `--lang` if given, else the config file and the locale.
pub fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    let mut asked = None;
    while let Some(a) = it.next() {
        let first = |v: &str| v.split(',').next().and_then(Lang::parse);
        if a == "--lang" {
            asked = it.next().and_then(first);
        } else if let Some(v) = a.strip_prefix("--lang=") {
            asked = first(v);
        }
    }
    config::display_lang(asked, &Config::load().unwrap_or_default())
}

/// Parses the command line, with help and errors in the display language.
/// A parse error is one sentence, the usage line and where to read more,
/// all in that language, exit 2 (help and version exit 0).
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = early_lang(&args);
    let result = command(lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let rendered = e.render().to_string();
            match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let text = clap_words::localize(lang, &rendered);
                    if e.use_stderr() {
                        eprint!("{text}");
                    } else {
                        print!("{text}");
                    }
                    std::process::exit(e.exit_code());
                }
                _ => {
                    eprintln!("strata: {}", clap_words::message(lang, &e));
                    if let Some(u) = clap_words::usage(lang, &rendered) {
                        eprintln!("\n{u}");
                    }
                    eprintln!("\n{}", crate::i18n::t(lang, "clap.more"));
                    std::process::exit(code::USAGE);
                }
            }
        }
    }
}

/// Splits `PLAN:CODE`.
pub fn parse_address(s: &str) -> Result<(&str, &str), CliError> {
    match s.split_once(':') {
        Some((p, c)) if !p.is_empty() && !c.is_empty() => Ok((p, c)),
        _ => Err(CliError::BadAddress(s.to_owned())),
    }
}
