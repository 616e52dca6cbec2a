//! Every line of SQL: opening and migrating the file, reads, and writes that
//! each run in one `BEGIN IMMEDIATE` transaction and leave a change-log row.

mod contact;
mod fetch;
mod figures;
mod filter;
mod grouped;
mod insert;
mod item_figures;
mod part;
mod period;
mod plan_edit;
mod provenance;
mod read;
mod round;
mod sql;
mod structure;
mod summary;
mod target;
mod text;
mod write;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use contact::ContactEdit;
pub use fetch::{Applied, Linked, Provenance};
pub use filter::Matching;
pub use grouped::{GroupKey, GroupRead, Grouping};
pub use item_figures::Figures;
pub use part::{ItemRows, PlanPart, TreePart};
pub use period::{NewPeriod, PeriodDates};
pub use read::{ChangeRow, PlanSummary};
pub use round::{RoundAsk, RoundPart};
pub use summary::Stamped;
pub use text::TextWrite;
pub use write::{SetAssessment, SetOutcome, StoredAssessment};

/// Set when the process is leaving (its terminal hung up, a signal): every
/// wait for a busy file gives up at once, so that waiting for a lock never
/// keeps strata from noticing it must go.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes every wait for a busy file, now and later, give up at once (the
/// write then fails as busy and changes nothing).
pub fn interrupt_waits() {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
}

fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

thread_local! {
    /// The busy timeout of the store this thread is using, and when the
    /// current wait began: SQLite's busy handler is a plain function.
    static WAIT: std::cell::Cell<(Duration, Option<std::time::Instant>)> =
        const { std::cell::Cell::new((DEFAULT_BUSY_TIMEOUT, None)) };
}

/// SQLite's busy handler for every strata connection: sleeps between tries
/// (a wait burns no CPU), gives up after the store's timeout, and at once
/// when the process is interrupted.
fn busy_wait(tries: i32) -> bool {
    if interrupted() {
        return false;
    }
    let (limit, start) = WAIT.with(std::cell::Cell::get);
    let start = match (tries, start) {
        (0, _) | (_, None) => {
            let now = std::time::Instant::now();
            WAIT.with(|w| w.set((limit, Some(now))));
            now
        }
        (_, Some(s)) => s,
    };
    if start.elapsed() >= limit {
        return false;
    }
    let pause = if tries < 10 { 2 } else { 10 };
    std::thread::sleep(Duration::from_millis(pause));
    !interrupted()
}

/// `PRAGMA application_id` of a strata database: "STRA".
pub const APPLICATION_ID: i32 = 0x5354_5241;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_rounds.sql"),
    include_str!("migrations/003_contacts.sql"),
    include_str!("migrations/004_decimals.sql"),
    include_str!("migrations/005_outline.sql"),
    include_str!("migrations/006_sources.sql"),
    include_str!("migrations/007_summary.sql"),
    include_str!("migrations/008_oldest.sql"),
];

/// The schema version this strata writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a write waits for another writer before it gives up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a database")]
    NotADatabase { path: PathBuf },
    #[error("{path}: a SQLite database, but not a strata one")]
    NotStrata { path: PathBuf },
    #[error("{path}: written by a newer strata (schema {found}, this strata knows {supported})")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{path}: schema {found} needs upgrading to {supported}; open it once without --read-only"
    )]
    NeedsUpgrade {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: no such database")]
    Missing { path: PathBuf },
    /// Upgrading the file to a newer schema failed; the upgrade was rolled
    /// back and the file left as it was.
    #[error("{path}: could not be upgraded to schema {to}: {reason}")]
    Migration {
        path: PathBuf,
        to: u32,
        reason: String,
    },
    /// SQLite found the file damaged (a corrupt page, a text that is not
    /// UTF-8): strata reads what it can and writes nothing to it.
    #[error("{path}: the database is damaged ({what:?})")]
    Damaged { path: PathBuf, what: Damage },
    /// An existing file of zero bytes, where a database was expected.
    #[error("{path}: an empty file, not a strata database")]
    Empty { path: PathBuf },
    #[error("{path}: the database is busy (another strata is writing)")]
    Busy { path: PathBuf },
    #[error("{path}: opened read-only")]
    ReadOnly { path: PathBuf },
    /// The file is on a read-only medium (or in a folder strata cannot
    /// write to): it was opened immutable, for reading only.
    #[error("{path}: on a read-only medium")]
    ReadOnlyMedium { path: PathBuf },
    #[error("plan {0} already exists")]
    PlanExists(String),
    #[error("no plan {0}")]
    UnknownPlan(String),
    #[error("no item {code} in plan {plan}")]
    UnknownItem { plan: String, code: String },
    #[error("no period {code} in plan {plan}")]
    UnknownPeriod { plan: String, code: String },
    #[error("plan {0} has no follow-up periods")]
    NoPeriods(String),
    /// Another strata changed the text since it was read for editing.
    #[error("changed by {by} at {at} since it was read")]
    Conflict {
        theirs: Option<String>,
        by: String,
        at: String,
    },
    /// An item cannot move under itself or one of its own items.
    #[error("{code} cannot move under itself")]
    Cycle { code: String },
    /// A code that is taken in the plan.
    #[error("code {code} is taken in plan {plan}")]
    CodeTaken { plan: String, code: String },
    /// A code that is not allowed (spaces, ':', empty, too long).
    #[error("'{0}' is not a valid code")]
    BadCode(String),
    /// Thresholds whose yellow edge lies on the better side of green.
    #[error("the yellow edge lies on the wrong side of green")]
    YellowWrongSide { direction: crate::domain::Direction },
    /// A number that is not finite (NaN, infinity).
    #[error("not a finite number")]
    NotFinite,
    /// An indicator's number of decimals over [`crate::domain::rules::MAX_DECIMALS`].
    #[error("{0} decimals is more than an indicator shows")]
    TooManyDecimals(u8),
    /// A new code for a plan that another plan has.
    #[error("there is a plan {0} already")]
    PlanCodeTaken(String),
    /// A plan's years that are not `YYYY` or `YYYY–YYYY` with the first
    /// no later than the last.
    #[error("the years are not a year or a span of years")]
    BadYears,
    /// A risk probability or consequence outside 1–4.
    #[error("{0} is outside the scale 1–4")]
    OutOfScale(u8),
    /// No indicator with this index on the item.
    #[error("item {code} has no indicator {index}")]
    UnknownIndicator { code: String, index: usize },
    /// No control moment with this index on the item's risk.
    #[error("item {code} has no control {index}")]
    UnknownControl { code: String, index: usize },
    /// The item has no risk to score.
    #[error("item {0} is not a risk")]
    NotARisk(String),
    /// A text longer than the rules allow ([`crate::domain::rules::MAX_TEXT_CHARS`]).
    #[error("the text is {chars} characters long; the limit is {limit}")]
    TextTooLong { chars: usize, limit: usize },
    /// A title (of an item, a plan, an indicator, a control moment) left
    /// empty in every language.
    #[error("a title is needed in at least one language")]
    NoTitle,
    /// A date that is not `YYYY-MM-DD`.
    #[error("'{0}' is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    /// A period whose end lies before its start.
    #[error("the period ends before it starts")]
    EndsBeforeStart,
    /// A period code that is taken in the plan.
    #[error("period {code} exists in plan {plan}")]
    PeriodExists { plan: String, code: String },
    /// No contact with this id.
    #[error("no contact {0}")]
    UnknownContact(String),
    /// A contact id that is taken.
    #[error("contact {0} exists")]
    ContactExists(String),
    /// Removing a contact items name, without `force`.
    #[error("contact {id} is named by {items} items")]
    ContactLinked { id: String, items: usize },
    /// An e-mail address that cannot go in a `To:` line.
    #[error("'{0}' is not an e-mail address")]
    BadEmail(String),
    /// A write to a follow-up of a closed period.
    #[error("period {code} of plan {plan} is closed")]
    PeriodClosed { plan: String, code: String },
    /// Removing a period that holds follow-ups, without `force`.
    #[error("period {code} of plan {plan} holds {count} follow-ups")]
    PeriodHasFollowUps {
        plan: String,
        code: String,
        count: usize,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl From<crate::domain::rules::TooLong> for StoreError {
    fn from(e: crate::domain::rules::TooLong) -> StoreError {
        StoreError::TextTooLong {
            chars: e.chars,
            limit: e.limit,
        }
    }
}

/// Every language of a text fits the rules, or the first that does not.
fn check_text(t: &crate::domain::Text) -> Result<()> {
    crate::domain::rules::texts_fit(t).map_err(|(_, e)| e.into())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    ReadWrite,
    ReadOnly,
}

/// An open strata database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    mode: Mode,
    /// How long a write waits for another writer.
    busy: Duration,
    /// Opened immutable because the medium cannot be written.
    immutable: bool,
}

/// What [`Store::open`] found.
pub struct Opened {
    pub store: Store,
    /// The file was new (or empty) and has just been given the schema.
    pub created: bool,
}

impl Store {
    /// Opens (or, read-write, creates) the database at `path`. A file that is
    /// not a strata database, or one of a newer schema, is refused before
    /// anything is written to it.
    pub fn open(path: &Path, mode: Mode) -> Result<Opened> {
        Self::open_with_timeout(path, mode, DEFAULT_BUSY_TIMEOUT)
    }

    /// Opens a database that must exist: a path that does not exist is
    /// `Missing`, a zero-byte file `Empty`, and an SQLite file without a
    /// schema `NotStrata`, each before anything is created or written. Only
    /// `strata init` and the app make a new database; every other command
    /// opens one this way, so a mistyped `--db` creates nothing.
    pub fn open_existing(path: &Path, mode: Mode) -> Result<Store> {
        match std::fs::metadata(path) {
            Err(_) => {
                return Err(StoreError::Missing {
                    path: path.to_owned(),
                })
            }
            Ok(m) if m.is_file() && m.len() == 0 => {
                return Err(StoreError::Empty {
                    path: path.to_owned(),
                })
            }
            Ok(_) => {}
        }
        Self::open_inner(path, mode, DEFAULT_BUSY_TIMEOUT, false).map(|o| o.store)
    }

    pub fn open_with_timeout(path: &Path, mode: Mode, busy: Duration) -> Result<Opened> {
        Self::open_inner(path, mode, busy, true)
    }

    fn open_inner(path: &Path, mode: Mode, busy: Duration, create: bool) -> Result<Opened> {
        match Self::open_as(path, mode, busy, create, false) {
            // A WAL database on a read-only medium (a backup on a read-only
            // share, a copy on a CD, a mounted snapshot) without its -shm
            // file cannot be read the usual way: SQLite cannot make the
            // shared-memory file. Opened as immutable it can, since nothing
            // can change it; it is then read-only, and every edit is refused.
            Err(StoreError::Sqlite { source, .. })
                if path.exists()
                    && matches!(
                        source.sqlite_error_code(),
                        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)
                    )
                    && !writable_dir(path) =>
            {
                Self::open_as(path, Mode::ReadOnly, busy, false, true)
            }
            other => other,
        }
    }

    fn open_as(
        path: &Path,
        mode: Mode,
        busy: Duration,
        create: bool,
        immutable: bool,
    ) -> Result<Opened> {
        let exists = path.exists();
        if !exists && mode == Mode::ReadOnly {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        if !exists {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                    path: dir.to_owned(),
                    source,
                })?;
            }
        }
        let flags = match mode {
            Mode::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            Mode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let wrap = |source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let mut conn = if immutable {
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        } else {
            Connection::open_with_flags(path, flags)
        }
        .map_err(wrap)?;
        WAIT.with(|w| w.set((busy, None)));
        conn.busy_handler(Some(busy_wait)).map_err(wrap)?;
        // `rarray(?)`: a read of some items binds their ids as one value.
        rusqlite::vtab::array::load_module(&conn).map_err(wrap)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            mode,
            busy,
            immutable,
        };
        let found = store.inspect()?;
        let created = found == 0;
        if created && !create {
            // An SQLite file with nothing in it: not a strata database, and
            // not made into one unasked.
            return Err(StoreError::NotStrata {
                path: path.to_owned(),
            });
        }
        store.pragma("foreign_keys", "ON")?;
        if mode == Mode::ReadWrite {
            store.enable_wal(busy)?;
            store.pragma("synchronous", "NORMAL")?;
            if found < SCHEMA_VERSION {
                store.migrate()?;
            }
        } else if found < SCHEMA_VERSION {
            return Err(StoreError::NeedsUpgrade {
                path: path.to_owned(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Opened { store, created })
    }

    /// Reads, without writing, what the file is: its schema version, or an
    /// error if it is not ours.
    fn inspect(&self) -> Result<u32> {
        // One read transaction, so that another strata setting the file up at
        // the same moment is seen either before or after, never half-way.
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| self.classify(e))?;
        let found = self.inspect_now();
        let _ = self.conn.execute_batch("COMMIT");
        found
    }

    fn inspect_now(&self) -> Result<u32> {
        let q = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let app = match q("PRAGMA application_id") {
            Ok(v) => v as i32,
            Err(e) => return Err(self.classify(e)),
        };
        let version = q("PRAGMA user_version").map_err(|e| self.classify(e))? as u32;
        let objects = q("SELECT count(*) FROM sqlite_master").map_err(|e| self.classify(e))?;
        if app != APPLICATION_ID {
            if app == 0 && version == 0 && objects == 0 {
                return Ok(0);
            }
            return Err(StoreError::NotStrata {
                path: self.path.clone(),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(version)
    }

    /// Applies the missing migrations, each in its own `BEGIN IMMEDIATE`
    /// transaction that also moves `user_version`. The version is read again
    /// inside the transaction, so two strata opening a new file at once do
    /// not both run a migration.
    fn migrate(&mut self) -> Result<()> {
        loop {
            let path = self.path.clone();
            let e = |e| classify_at(&path, e);
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(e)?;
            let app: i32 = tx
                .query_row("PRAGMA application_id", [], |r| r.get(0))
                .map_err(e)?;
            let version: u32 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(e)?;
            if version >= SCHEMA_VERSION {
                return tx.commit().map_err(e);
            }
            if app != APPLICATION_ID && version > 0 {
                return Err(StoreError::NotStrata { path });
            }
            let sql = MIGRATIONS[version as usize];
            let v = version + 1;
            let batch = format!(
                "{sql}\nPRAGMA application_id = {APPLICATION_ID};\nPRAGMA user_version = {v};"
            );
            tx.execute_batch(&batch)
                .map_err(|e| match classify_at(&path, e) {
                    // A busy file stays busy (try again); anything else failed
                    // the upgrade, told in SQLite's words without the SQL it
                    // quotes after "in".
                    StoreError::Sqlite { source, .. } => StoreError::Migration {
                        path: path.clone(),
                        to: v,
                        reason: source
                            .to_string()
                            .split(" in ")
                            .next()
                            .unwrap_or_default()
                            .lines()
                            .next()
                            .unwrap_or_default()
                            .trim()
                            .to_owned(),
                    },
                    other => other,
                })?;
            tx.commit().map_err(e)?;
        }
    }

    /// Switches the file to WAL. SQLite answers "busy" at once (without the
    /// busy handler) while another connection is switching it, so this waits
    /// up to the busy timeout itself.
    fn enable_wal(&self, busy: Duration) -> Result<()> {
        let current: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(|e| self.classify(e))?;
        if current.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        let start = std::time::Instant::now();
        loop {
            let mode: rusqlite::Result<String> =
                self.conn
                    .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0));
            match mode {
                Ok(_) => return Ok(()),
                Err(e) => match self.classify(e) {
                    StoreError::Busy { .. } if start.elapsed() < busy && !interrupted() => {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    other => return Err(other),
                },
            }
        }
    }

    fn pragma(&self, name: &str, value: &str) -> Result<()> {
        self.conn
            .pragma_update(None, name, value)
            .map_err(|e| self.classify(e))
    }

    /// Turns an SQLite error into what it means for the user.
    fn classify(&self, e: rusqlite::Error) -> StoreError {
        classify_at(&self.path, e)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    fn check_writable(&self) -> Result<()> {
        if is_damaged(&self.path) {
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                what: Damage::Earlier,
            });
        }
        if self.immutable {
            return Err(StoreError::ReadOnlyMedium {
                path: self.path.clone(),
            });
        }
        if self.mode == Mode::ReadOnly {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    /// Starts a write: `BEGIN IMMEDIATE`, so that a busy file is found before
    /// any work is done rather than at commit. It borrows the store shared, so
    /// that a write can read through the store's own reads (`load_plan`)
    /// inside its transaction; the public writes take `&mut self`, so two
    /// transactions are never open at once.
    fn begin(&self) -> Result<rusqlite::Transaction<'_>> {
        self.check_writable()?;
        WAIT.with(|w| w.set((self.busy, None)));
        rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.classify(e))
    }

    /// SQLite's full check of the file (`PRAGMA integrity_check`): what it
    /// found wrong, nothing when the file is sound. Reading a damaged file
    /// this way marks it damaged, so that this process writes nothing to it.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        self.pragma_check("integrity_check")
    }

    /// Refuses a write to a damaged file before it is made: SQLite's quick
    /// check (`PRAGMA quick_check`, the structure without the indexes'
    /// contents) finds a corrupt page that the write itself might not touch.
    /// For the command line's writes, which run once each.
    pub fn require_sound(&self) -> Result<()> {
        let found = self.pragma_check("quick_check")?;
        if let Some(first) = found.first() {
            mark_damaged(&self.path);
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                what: Damage::Found(first.clone()),
            });
        }
        if !self.texts_not_utf8()?.is_empty() {
            mark_damaged(&self.path);
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                what: Damage::NotUtf8,
            });
        }
        Ok(())
    }

    /// Every text in the file that is not UTF-8, as (table, column, rowid):
    /// strata writes only UTF-8, so another program or damage put it there,
    /// and SQLite's own checks do not look. Reads each text once.
    pub fn texts_not_utf8(&self) -> Result<Vec<(String, String, i64)>> {
        let e = |e| self.classify(e);
        let tables: Vec<String> = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .map_err(e)?;
        let mut found = Vec::new();
        for t in &tables {
            let cols: Vec<String> = self
                .conn
                .prepare("SELECT name FROM pragma_table_info(?1) WHERE upper(type) LIKE '%TEXT%'")
                .and_then(|mut st| st.query_map([t], |r| r.get(0))?.collect())
                .map_err(e)?;
            for c in &cols {
                let mut st = self
                    .conn
                    .prepare(&format!(
                        "SELECT rowid, CAST(\"{c}\" AS BLOB) FROM \"{t}\" WHERE typeof(\"{c}\") = 'text'"
                    ))
                    .map_err(e)?;
                let mut rows = st.query([]).map_err(e)?;
                while let Some(r) = rows.next().map_err(e)? {
                    let bytes: Vec<u8> = r.get(1).map_err(e)?;
                    if std::str::from_utf8(&bytes).is_err() {
                        let id: i64 = r.get(0).map_err(e)?;
                        found.push((t.clone(), c.clone(), id));
                    }
                }
            }
        }
        Ok(found)
    }

    fn pragma_check(&self, pragma: &str) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare(&format!("PRAGMA {pragma}"))
            .map_err(|e| self.classify(e))?;
        let rows: Vec<String> = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.classify(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.classify(e))?;
        let found: Vec<String> = rows.into_iter().filter(|r| r != "ok").collect();
        if !found.is_empty() {
            mark_damaged(&self.path);
        }
        Ok(found)
    }

    /// `PRAGMA data_version`: changes when another connection commits.
    pub fn data_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.classify(e))
    }
}

/// Whether a file could be made beside `path` (SQLite's -wal and -shm).
fn writable_dir(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let c = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()).unwrap_or_default();
    // SAFETY: access(2) reads a NUL-terminated path and nothing else.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// `file:PATH?immutable=1`, the path percent-encoded where a URI needs it.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(*b as char)
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// What was found damaged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// SQLite's "database disk image is malformed".
    Malformed,
    /// A text that is not UTF-8, where strata only ever writes UTF-8.
    NotUtf8,
    /// Seen damaged earlier in this process.
    Earlier,
    /// A finding of SQLite's integrity check, in its own words.
    Found(String),
}

/// The files this process has seen damaged: it writes to none of them.
static DAMAGED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn mark_damaged(path: &Path) {
    if let Ok(mut d) = DAMAGED.lock() {
        if !d.iter().any(|p| p == path) {
            d.push(path.to_owned());
        }
    }
}

fn is_damaged(path: &Path) -> bool {
    DAMAGED.lock().is_ok_and(|d| d.iter().any(|p| p == path))
}

/// Whether an error means the file is damaged: SQLite's corruption, or a
/// text that is not UTF-8 where strata only ever writes UTF-8.
fn damage_of(e: &rusqlite::Error) -> Option<Damage> {
    use rusqlite::Error as E;
    match e {
        E::Utf8Error(..) => Some(Damage::NotUtf8),
        E::FromSqlConversionFailure(_, _, inner) if inner.is::<std::str::Utf8Error>() => {
            Some(Damage::NotUtf8)
        }
        _ if e.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) => Some(Damage::Malformed),
        _ => None,
    }
}

fn classify_at(path: &Path, e: rusqlite::Error) -> StoreError {
    if let Some(what) = damage_of(&e) {
        mark_damaged(path);
        return StoreError::Damaged {
            path: path.to_owned(),
            what,
        };
    }
    let path = path.to_owned();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        _ => StoreError::Sqlite { path, source: e },
    }
}
