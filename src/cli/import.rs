//! `strata import`, `strata init`, and the first-run load of the reference plans.

use std::io::Read;
use std::path::Path;

use super::{CliError, Ctx};
use crate::exchange;
use crate::i18n::{plural, tf};
use crate::store::{Mode, Store};

/// Loads the reference plans into a new database, in one transaction.
pub fn load_reference_plans(store: &mut Store) -> Result<(), CliError> {
    if store.mode() == Mode::ReadOnly {
        return Ok(());
    }
    let doc = exchange::reference::document()?;
    store.import(&doc.plans, false, "strata", &crate::clock::now_utc())?;
    Ok(())
}

/// The options of `strata import` for a spreadsheet.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct SheetArgs {
    /// The sheet of a workbook to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A TOML file naming your own column headers
    #[arg(long, value_name = "FILE")]
    pub map: Option<std::path::PathBuf>,
    /// The plan's code (default: the sheet's plan column, or the file's name)
    #[arg(long, value_name = "CODE")]
    pub plan: Option<String>,
    /// Period of status and comment columns that name none
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
}

pub fn run(
    ctx: &Ctx,
    file: &Path,
    replace: bool,
    dry_run: bool,
    args: &SheetArgs,
) -> Result<(), CliError> {
    let (name, bytes) = read_input(file)?;
    let lang = ctx.lang();
    let (contacts, plans, sheet) = match exchange::sheet::Kind::of(file) {
        None => {
            for (option, given) in [
                ("--sheet", args.sheet.is_some()),
                ("--map", args.map.is_some()),
                ("--plan", args.plan.is_some()),
                ("--period", args.period.is_some()),
            ] {
                if given {
                    return Err(CliError::SheetOptionForJson { option, file: name });
                }
            }
            let doc = exchange::parse(&name, &bytes)?;
            (doc.contacts, doc.plans, None)
        }
        Some(kind) => {
            let map = match &args.map {
                Some(path) => Some((
                    path.display().to_string(),
                    std::fs::read_to_string(path).map_err(|source| CliError::Io {
                        path: path.clone(),
                        source,
                    })?,
                )),
                None => None,
            };
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let user = crate::clock::os_user();
            let at = crate::clock::now_utc();
            let opts = exchange::sheet::Options {
                sheet: args.sheet.as_deref(),
                plan: args.plan.as_deref(),
                period: args.period.as_deref(),
                map: map.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
                lang,
                user: &user,
                at: &at,
            };
            let sheet = exchange::sheet::parse(&name, &stem, &bytes, kind, &opts)?;
            (Vec::new(), sheet.plans.clone(), Some(sheet))
        }
    };
    let codes: Vec<&str> = plans.iter().map(|p| p.code.as_str()).collect();
    if dry_run {
        // A dry run also says what the real import would refuse: a plan that
        // exists. It only reads the database, and only if there is one.
        if !replace && ctx.db.exists() {
            let store = Store::open(&ctx.db, Mode::ReadOnly)?.store;
            let existing = store.plan_codes()?;
            if let Some(code) = codes.iter().find(|c| existing.iter().any(|e| e == *c)) {
                return Err(crate::store::StoreError::PlanExists((*code).to_owned()).into());
            }
        }
        println!(
            "{}",
            tf(
                lang,
                "import.checked",
                &[
                    ("file", &name),
                    ("plans", &plural(lang, "count.plans", codes.len())),
                    ("codes", &codes.join(", ")),
                ]
            )
        );
        if let Some(sheet) = &sheet {
            print_sheet(lang, &name, sheet, true);
        }
        return Ok(());
    }
    let mut store = ctx.open_for_write()?;
    store.import_with(
        &contacts,
        &plans,
        replace,
        &crate::clock::os_user(),
        &crate::clock::now_utc(),
    )?;
    println!(
        "{}",
        tf(
            lang,
            "import.done",
            &[
                ("file", &name),
                ("plans", &plural(lang, "count.plans", codes.len())),
                ("codes", &codes.join(", ")),
            ]
        )
    );
    if let Some(sheet) = &sheet {
        print_sheet(lang, &name, sheet, false);
    }
    Ok(())
}

/// What a sheet gave: each plan's items and periods; in a dry run also how
/// each column was read (`C Vastuutaho → Vastuutaho (fi)`).
fn print_sheet(
    lang: crate::domain::Lang,
    name: &str,
    sheet: &exchange::sheet::Sheet,
    columns: bool,
) {
    use crate::display::sanitize;
    for p in &sheet.plans {
        let items = plural(lang, "count.items", p.walk().len());
        let line = if p.periods.is_empty() {
            tf(
                lang,
                "import.plan_items",
                &[("code", &p.code), ("items", &items)],
            )
        } else {
            let periods: Vec<&str> = p.periods.iter().map(|x| x.code.as_str()).collect();
            tf(
                lang,
                "import.plan_follow_up",
                &[
                    ("code", &p.code),
                    ("items", &items),
                    ("periods", &periods.join(", ")),
                ],
            )
        };
        println!("  {}", sanitize(&line, false));
    }
    if !columns {
        return;
    }
    let place = match &sheet.sheet {
        Some(s) => format!("{name}, {}", tf(lang, "sheet.at_sheet", &[("sheet", s)])),
        None => name.to_owned(),
    };
    println!(
        "{}",
        sanitize(&tf(lang, "import.columns", &[("where", &place)]), false)
    );
    for (letter, header, col) in &sheet.columns {
        let column = if col.field == exchange::sheet::Field::Ignored {
            crate::i18n::t(lang, "sheet.header.ignored").to_owned()
        } else {
            exchange::sheet::write::header(lang, col)
        };
        let line = tf(
            lang,
            "import.column",
            &[("letter", letter), ("header", header), ("column", &column)],
        );
        println!("  {}", sanitize(&line, false));
    }
}

/// Reads a file (or standard input for `-`), refusing anything over the
/// import limit without reading it all.
fn read_input(file: &Path) -> Result<(String, Vec<u8>), CliError> {
    let io = |source| CliError::Io {
        path: file.to_owned(),
        source,
    };
    let limit = exchange::MAX_FILE_BYTES as u64 + 1;
    let too_large = |name: String, problem| {
        CliError::Input(exchange::InputError {
            file: name,
            line: None,
            column: None,
            field: None,
            problem,
        })
    };
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() > exchange::MAX_FILE_BYTES {
            return Err(too_large(
                "<stdin>".to_owned(),
                exchange::Problem::TooLargeStream {
                    limit: exchange::MAX_FILE_BYTES,
                },
            ));
        }
        return Ok(("<stdin>".to_owned(), bytes));
    }
    let name = file.display().to_string();
    let f = std::fs::File::open(file).map_err(io)?;
    // A file too large is refused by its size, which the message gives,
    // before any of it is read.
    let size = f.metadata().map_err(io)?.len();
    if size > exchange::MAX_FILE_BYTES as u64 {
        return Err(too_large(
            name,
            exchange::Problem::TooLarge {
                bytes: size as usize,
                limit: exchange::MAX_FILE_BYTES,
            },
        ));
    }
    f.take(limit).read_to_end(&mut bytes).map_err(io)?;
    Ok((name, bytes))
}

pub fn init(ctx: &Ctx, empty: bool) -> Result<(), CliError> {
    let lang = ctx.lang();
    let existing = std::fs::metadata(&ctx.db).map(|m| m.len()).unwrap_or(0);
    if existing > 0 {
        // Opening tells a strata database from anything else, untouched.
        Store::open(&ctx.db, Mode::ReadOnly)?;
        return Err(CliError::Exists(ctx.db.clone()));
    }
    let opened = Store::open(&ctx.db, Mode::ReadWrite)?;
    let mut store = opened.store;
    if !empty {
        load_reference_plans(&mut store)?;
    }
    let key = if empty { "init.empty" } else { "init.done" };
    println!("{}", tf(lang, key, &[("path", &ctx.db.display())]));
    Ok(())
}
