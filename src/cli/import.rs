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

pub fn run(ctx: &Ctx, file: &Path, replace: bool, dry_run: bool) -> Result<(), CliError> {
    let (name, bytes) = read_input(file)?;
    let doc = exchange::parse(&name, &bytes)?;
    let lang = ctx.lang();
    let codes: Vec<&str> = doc.plans.iter().map(|p| p.code.as_str()).collect();
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
        return Ok(());
    }
    let mut store = ctx.open_for_write()?;
    store.import_with(
        &doc.contacts,
        &doc.plans,
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
    Ok(())
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
