//! The command line end to end: the real `strata` binary on temporary
//! databases, in a controlled environment. Each test asserts what a user sees
//! (standard output, standard error, the exit code) or what the file holds.
//!
//! Every run gets a cleared environment: `LANG=C`, `STRATA_CONFIG` naming a
//! file that does not exist, `HOME` in the temporary directory, `USER` set to
//! [`TEST_USER`], and no `STRATA_DB`, `LC_ALL`, `LC_MESSAGES`, `NO_COLOR`,
//! `COLUMNS` or `TERM` unless a test sets them. Standard output is always a
//! pipe, so the default width is 80 columns.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------
// Running strata
// ---------------------------------------------------------------------------

/// The OS user the binary sees; the change log records it.
const TEST_USER: &str = "strata-test";

/// Runs strata on the database `<dir>/s.db` and returns its exit code,
/// standard output and standard error.
fn strata(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    strata_on(dir, &dir.join("s.db"), args, env)
}

/// As [`strata`], on the database `db`.
fn strata_on(dir: &Path, db: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .env_clear()
        .env("LANG", "C")
        .env("STRATA_CONFIG", dir.join("none.toml"))
        .env("HOME", dir)
        .env("USER", TEST_USER)
        .envs(env.iter().copied())
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("strata runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("strata writes UTF-8");
    (
        out.status
            .code()
            .expect("strata exits, not killed by a signal"),
        text(out.stdout),
        text(out.stderr),
    )
}

/// A temporary directory holding one database, `s.db`, and the files a test
/// writes beside it.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    /// Nothing in it yet: the first command creates the database.
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// A database made by `init`: the five reference plans.
    fn with_reference_plans() -> Sandbox {
        let s = Sandbox::new();
        s.ok(&["init"]);
        s
    }

    /// A database created with `init --empty`.
    fn empty() -> Sandbox {
        let s = Sandbox::new();
        s.ok(&["init", "--empty"]);
        s
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("s.db")
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        strata(self.dir.path(), args, &[])
    }

    fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        strata(self.dir.path(), args, env)
    }

    /// Runs a command that must succeed quietly; returns its output.
    fn ok(&self, args: &[&str]) -> String {
        self.ok_env(args, &[])
    }

    fn ok_env(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let (code, out, err) = self.run_env(args, env);
        assert_eq!(code, 0, "strata {args:?} failed:\n{err}");
        assert_eq!(err, "", "strata {args:?} wrote to stderr");
        out
    }

    /// Runs a command that must fail with `code` and print nothing on
    /// standard output; returns its standard error.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let (got, out, err) = self.run(args);
        assert_eq!(
            got, code,
            "strata {args:?}: exit code\nstdout:\n{out}\nstderr:\n{err}"
        );
        assert_eq!(out, "", "strata {args:?} failed but wrote to stdout");
        assert!(err.starts_with("strata: "), "stderr: {err}");
        err
    }

    /// Writes a file beside the database and returns its path as a string.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).expect("write test file");
        path.to_str().expect("UTF-8 temporary path").to_owned()
    }

    fn path_of(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// What the database holds, as a user can see it: the plan list and the
    /// complete JSON export.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            plans: self.ok(&["plans"]),
            export: self.ok(&["export"]),
        }
    }

    fn db_bytes(&self) -> Vec<u8> {
        std::fs::read(self.db()).expect("read database file")
    }

    /// The names of the files in the directory.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .expect("list directory")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    plans: String,
    export: String,
}

// ---------------------------------------------------------------------------
// Reading the output
// ---------------------------------------------------------------------------

const REFERENCE_PLANS: [&str; 5] = [
    "languages-2025",
    "strategy-2026",
    "internal-control-2025",
    "operations-2026",
    "integration-2022",
];

const LANGS: [&str; 3] = ["fi", "sv", "en"];

/// The words of the five statuses as the status legend counts them, by
/// attention, as (fi, sv, en): "7 arvioimatta", "7 ej bedömda".
const STATUS_WORDS: [[&str; 3]; 5] = [
    ["ei etene", "avviker", "off track"],
    ["haasteita", "utmaningar", "at risk"],
    ["etenee", "enligt plan", "on track"],
    ["valmis", "genomförd", "done"],
    ["arvioimatta", "ej bedömd", "not assessed"],
];

fn lang_index(lang: &str) -> usize {
    LANGS.iter().position(|l| *l == lang).expect("fi, sv or en")
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in:\n{haystack}"
    );
}

fn assert_lacks(haystack: &str, needle: &str) {
    assert!(
        !haystack.contains(needle),
        "did not expect {needle:?} in:\n{haystack}"
    );
}

/// Every line fits `width` terminal columns.
fn assert_fits(text: &str, width: usize, what: &str) {
    for line in text.lines() {
        assert!(
            line.width() <= width,
            "{what}: a line of {} columns at COLUMNS={width}:\n{line}",
            line.width()
        );
    }
}

fn assert_no_escapes(text: &str, what: &str) {
    assert!(!text.contains('\x1b'), "{what}: an escape code in:\n{text}");
}

/// The lines of `status` that list an item (the ones under "Listed:").
fn listed_items(status: &str) -> Vec<&str> {
    status
        .lines()
        .filter(|l| {
            l.strip_prefix("    ")
                .is_some_and(|rest| rest.starts_with(['■', '▲', '●', '✓', '·']))
        })
        .collect()
}

/// The line number that `stderr` gives after `file:` (`file:LINE[:COL]`).
fn reported_line(stderr: &str, file: &str) -> usize {
    let at = stderr
        .find(&format!("{file}:"))
        .unwrap_or_else(|| panic!("{file} not named in:\n{stderr}"));
    let digits: String = stderr[at + file.len() + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no line number after {file}: in:\n{stderr}"))
}

/// The 1-based line of the only occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} must be unique");
    1 + text[..text.find(needle).unwrap()].matches('\n').count()
}

/// Parses CSV as RFC 4180 writes it (CRLF records, quoted fields), refusing
/// anything malformed.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF ends a record"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted field");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record lacks CRLF"
    );
    rows
}

// ---------------------------------------------------------------------------
// Exchange files
// ---------------------------------------------------------------------------

/// A small valid exchange file, one value per line so that every error has
/// its own line.
const FIXTURE: &str = r#"{
  "format": "strata",
  "version": 1,
  "plans": [
    {
      "code": "test-plan",
      "title": {
        "fi": "Testisuunnitelma",
        "sv": "Testplan",
        "en": "Test plan"
      },
      "periods": [
        {
          "code": "2025"
        }
      ],
      "items": [
        {
          "code": "1",
          "title": {
            "en": "First item"
          },
          "assessments": [
            {
              "period": "2025",
              "status": "off_track",
              "comment": {
                "en": "Behind schedule"
              },
              "by": "fixture",
              "at": "2025-12-31T10:00:00Z"
            }
          ],
          "indicators": [
            {
              "name": {
                "en": "Share done"
              },
              "direction": "higher",
              "green": 70,
              "yellow": 29,
              "values": [
                {
                  "period": "2025",
                  "value": 50.5
                }
              ]
            }
          ]
        },
        {
          "code": "2",
          "title": {
            "en": "Second item"
          }
        }
      ]
    }
  ]
}
"#;

/// The fixture with each `(from, to)` replaced; every `from` must occur
/// exactly once.
fn fixture_with(changes: &[(&str, &str)]) -> String {
    changes.iter().fold(FIXTURE.to_owned(), |doc, (from, to)| {
        assert_eq!(doc.matches(from).count(), 1, "{from:?} must be unique");
        doc.replace(from, to)
    })
}

/// The fixture with long titles and a long comment in a wide script.
fn wide_fixture() -> String {
    let title = "計画の題名はとても長いです、".repeat(4);
    let item = "項目の題名はとても長いです、".repeat(4);
    let comment = "評価のコメントはとても長いです、".repeat(12);
    fixture_with(&[
        ("\"en\": \"Test plan\"", &format!("\"en\": \"{title}\"")),
        ("\"en\": \"First item\"", &format!("\"en\": \"{item}\"")),
        (
            "\"en\": \"Behind schedule\"",
            &format!("\"en\": \"{comment}\""),
        ),
    ])
}

/// What a rejected import must say and leave behind.
struct Rejection<'a> {
    /// The name of the file written beside the database.
    file: &'a str,
    contents: &'a [u8],
    /// The line `file:LINE` must name, when the test knows it.
    line: Option<usize>,
    /// The field path the message must name.
    field: Option<&'a str>,
    /// Further words the message must contain.
    says: &'a [&'a str],
}

/// Imports a bad file into a database with the reference plans: exit 1, the
/// file, line and field named, "nothing was imported", and the database as it
/// was, byte for byte in its plan list and export.
fn assert_import_rejected(r: Rejection<'_>) {
    let s = Sandbox::with_reference_plans();
    let path = s.write(r.file, r.contents);
    let before = s.snapshot();
    let err = s.fails(&["import", &path], 1);
    let line = reported_line(&err, r.file);
    if let Some(expected) = r.line {
        assert_eq!(line, expected, "line named in:\n{err}");
    }
    if let Some(field) = r.field {
        assert_contains(&err, &format!("(field {field})"));
    }
    for words in r.says {
        assert_contains(&err, words);
    }
    assert_contains(&err, "Nothing was imported; the database is unchanged.");
    assert_eq!(s.snapshot(), before, "the database changed");
}

// ---------------------------------------------------------------------------
// 1. First run
// ---------------------------------------------------------------------------

#[test]
fn first_run_shows_the_five_reference_plans_in_every_language() {
    let titles = [
        "Kansalliskielten ohjelma",
        "Nationalspråksprogrammet",
        "National Languages Programme",
    ];
    for lang in LANGS {
        let s = Sandbox::new();
        s.ok(&["init", "--lang", lang]);
        let out = s.ok(&["status", "--lang", lang]);
        for code in REFERENCE_PLANS {
            assert!(
                out.lines().any(|l| l.starts_with(&format!("{code}  "))),
                "{lang}: no heading for {code} in:\n{out}"
            );
        }
        assert_contains(&out, titles[lang_index(lang)]);
        for words in STATUS_WORDS {
            assert_contains(&out, words[lang_index(lang)]);
        }
        for symbol in ['▲', '■', '●'] {
            assert!(out.contains(symbol), "{lang}: no {symbol} in:\n{out}");
        }
        assert!(s.db().is_file(), "init created no database");
    }
}

#[test]
fn output_has_no_escape_codes_in_a_pipe_with_or_without_no_color() {
    let s = Sandbox::with_reference_plans();
    let commands: [&[&str]; 7] = [
        &["status", "--only", "all"],
        &["show", "internal-control-2025:1"],
        &["show", "operations-2026:5"],
        &["plans"],
        &["periods"],
        &["log", "languages-2025"],
        &["export", "--format", "md"],
    ];
    for env in [
        &[("TERM", "xterm-256color")][..],
        &[("TERM", "xterm-256color"), ("NO_COLOR", "1")][..],
    ] {
        for args in commands {
            let (code, out, err) = s.run_env(args, env);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert_no_escapes(&out, &format!("{args:?} {env:?}"));
            assert_no_escapes(&err, &format!("{args:?} {env:?}"));
        }
    }
}

#[test]
fn an_empty_database_says_there_are_no_plans() {
    let s = Sandbox::empty();
    assert_eq!(
        s.ok(&["status"]),
        "No plans yet. Import one with: strata import FILE\n"
    );
    assert_contains(&s.ok(&["status", "--lang", "fi"]), "Ei vielä suunnitelmia");
    assert_contains(&s.ok(&["status", "--lang", "sv"]), "Inga planer ännu");
    assert_contains(&s.ok(&["plans"]), "No plans yet");
}

#[test]
fn the_language_comes_from_the_flag_then_the_config_then_the_locale() {
    let s = Sandbox::with_reference_plans();
    let config = s.write("config.toml", "lang = \"fi\"\n");
    let heading = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["status", "--plan", "internal-control-2025"];
        all.extend_from_slice(args);
        s.ok_env(&all, env)
            .lines()
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    let swedish_locale = [("LANG", "sv_SE.UTF-8")];
    assert!(heading(&swedish_locale, &[]).starts_with("  Period 2025 · 7 punkter"));
    let with_config = [("LANG", "sv_SE.UTF-8"), ("STRATA_CONFIG", config.as_str())];
    assert!(heading(&with_config, &[]).starts_with("  Kausi 2025 · 7 kohtaa"));
    assert!(heading(&with_config, &["--lang", "en"]).starts_with("  Period 2025 · 7 items"));
}

#[test]
fn wrong_usage_is_exit_2() {
    let s = Sandbox::new();
    for args in [&["frobnicate"][..], &["status", "--bogus"], &["show"]] {
        let (code, out, err) = s.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(out, "");
        assert_contains(&err, "Usage:");
    }
    assert!(!s.db().exists(), "wrong usage created a database");
}

// ---------------------------------------------------------------------------
// 2. status: filters and width
// ---------------------------------------------------------------------------

#[test]
fn status_only_red_lists_only_off_track_items() {
    let s = Sandbox::with_reference_plans();
    let out = s.ok(&["status", "--only", "red", "--lang", "en"]);
    assert_eq!(out.matches("  Listed: off track\n").count(), 5, "{out}");
    let listed = listed_items(&out);
    assert_eq!(listed.len(), 1, "only one item is off track:\n{out}");
    assert!(
        listed[0].starts_with("    ■ off track  2 Unauthorised access"),
        "{}",
        listed[0]
    );
    assert_eq!(out.matches("    nothing in these statuses").count(), 4);
}

#[test]
fn status_of_one_plan_in_one_period() {
    let s = Sandbox::with_reference_plans();
    let out = s.ok(&[
        "status",
        "--plan",
        "internal-control-2025",
        "--period",
        "2025",
        "--lang",
        "en",
    ]);
    assert!(
        out.starts_with("internal-control-2025  Internal-control plan"),
        "{out}"
    );
    for other in REFERENCE_PLANS
        .iter()
        .filter(|c| **c != "internal-control-2025")
    {
        assert_lacks(&out, other);
    }
    assert_contains(&out, "  Period 2025 · 7 items\n");
    assert_contains(
        &out,
        "■ 1 off track  ▲ 4 at risk  ● 2 on track  ✓ 0 done  · 0 not assessed",
    );
    // The default listing is red and yellow: items 2 and 1, 4, 6, 7.
    let listed: Vec<&str> = listed_items(&out)
        .iter()
        .map(|l| {
            let (_status, item) = l.trim_start().split_once("  ").unwrap();
            item.split(' ').next().unwrap()
        })
        .collect();
    assert_eq!(listed, ["1", "2", "4", "6", "7"], "{out}");
}

#[test]
fn status_rejects_an_unknown_plan_period_or_status() {
    let s = Sandbox::with_reference_plans();
    let err = s.fails(&["status", "--plan", "no-such-plan"], 1);
    assert_contains(&err, "There is no plan no-such-plan.");
    let err = s.fails(
        &[
            "status",
            "--plan",
            "internal-control-2025",
            "--period",
            "1999",
        ],
        1,
    );
    assert_contains(&err, "Plan internal-control-2025 has no period 1999.");
    let err = s.fails(&["status", "--period", "1999"], 1);
    assert_contains(&err, "No plan has a period 1999.");
    let err = s.fails(&["status", "--only", "purple"], 1);
    assert_contains(&err, "'purple'");
    let err = s.fails(&["status", "--only", "red,purple"], 1);
    assert_contains(&err, "'purple'");
}

#[test]
fn status_fits_40_and_200_columns_also_with_wide_characters() {
    let s = Sandbox::with_reference_plans();
    let wide = s.write("wide.json", wide_fixture());
    s.ok(&["import", &wide]);
    for width in ["40", "200"] {
        for lang in LANGS {
            // One line per listed item, cut to the width; the whole
            // comment, wrapped, with --full.
            let out = s.ok_env(&["status", "--lang", lang], &[("COLUMNS", width)]);
            assert_fits(
                &out,
                width.parse().unwrap(),
                &format!("status --lang {lang}"),
            );
            let out = s.ok_env(&["status", "--full", "--lang", lang], &[("COLUMNS", width)]);
            assert_fits(
                &out,
                width.parse().unwrap(),
                &format!("status --full --lang {lang}"),
            );
            assert_contains(&out, "評価のコメント");
        }
    }
    // The room is used: at 200 columns a long title is whole.
    let out = s.ok_env(&["status", "--lang", "en"], &[("COLUMNS", "200")]);
    assert_contains(
        &out,
        "internal-control-2025  Internal-control plan and follow-up 2025 – Social Services\n",
    );
}

#[test]
fn status_listing_all_statuses_fits_40_columns() {
    let s = Sandbox::with_reference_plans();
    for lang in LANGS {
        let out = s.ok_env(
            &["status", "--only", "all", "--lang", lang],
            &[("COLUMNS", "40")],
        );
        assert_fits(&out, 40, &format!("status --only all --lang {lang}"));
    }
}

// ---------------------------------------------------------------------------
// 3. show
// ---------------------------------------------------------------------------

#[test]
fn show_a_risk_with_its_score_band_matrix_and_controls() {
    let s = Sandbox::with_reference_plans();
    let scores = [
        "todennäköisyys 3 × seuraus 4 = 12: sisäisen valvonnan suunnitelma",
        "sannolikhet 3 × konsekvens 4 = 12: internkontrollplan",
        "probability 3 × consequence 4 = 12: internal-control plan",
    ];
    for lang in LANGS {
        let out = s.ok(&["show", "internal-control-2025:1", "--lang", lang]);
        assert_contains(&out, scores[lang_index(lang)]);
        // The 4×4 matrix, probability 4 at the top, the risk's cell marked.
        let rows: Vec<&str> = out
            .lines()
            .map(str::trim_end)
            .filter(|l| l.get(..5).is_some_and(|h| h.trim().parse::<u8>().is_ok()))
            .collect();
        assert_eq!(
            rows,
            [
                "    4     4   8  12  16",
                "    3     3   6   9 [12]",
                "    2     2   4   6   8",
                "    1     1   2   3   4",
            ],
            "{out}"
        );
    }
    let out = s.ok(&["show", "internal-control-2025:1", "--lang", "en"]);
    assert!(out.starts_with("internal-control-2025:1  Good hygiene standard\n"));
    assert_contains(&out, "▲ at risk (Partly approved)");
    assert_contains(
        &out,
        "Control moment 1: Routine for basic hygiene practices",
    );
    assert_contains(&out, "How often: Twice a year");
    assert_contains(&out, "Responsible: Medically responsible nurse (MAS)");
}

#[test]
fn show_indicators_with_the_decimal_mark_of_the_language_and_lights() {
    let s = Sandbox::with_reference_plans();
    // (lang, decimal mark, green, yellow, red)
    let cases = [
        ("fi", ',', "● vihreä", "▲ keltainen", "■ punainen"),
        ("sv", ',', "● grön", "▲ gul", "■ röd"),
        ("en", '.', "● green", "▲ yellow", "■ red"),
    ];
    for (lang, mark, green, yellow, red) in cases {
        let out = s.ok(&["show", "operations-2026:5", "--lang", lang]);
        let cell = |prefix: String| {
            out.lines()
                .map(str::trim)
                .find(|l| l.starts_with(&prefix))
                .unwrap_or_else(|| panic!("{lang}: no {prefix:?} in:\n{out}"))
                .to_owned()
        };
        // Lower is better: 1.07 ≤ 1.1 green; 1.16 in 1–1.5 yellow; 2.44 > 1.6 red.
        assert!(cell(format!("2024: 1{mark}07")).ends_with(green), "{lang}");
        assert!(cell(format!("2025: 1{mark}16")).ends_with(yellow), "{lang}");
        assert!(cell(format!("2025: 2{mark}44")).ends_with(red), "{lang}");
        let other = if mark == ',' { "2.44" } else { "2,44" };
        assert_lacks(&out, other);

        let out = s.ok(&["show", "operations-2026:4", "--lang", lang]);
        // The unit after a no-break space; the source's own decimals kept
        // (14,0 as the plan writes it, not 14).
        assert_contains(&out, &format!(" 6{mark}1\u{a0}"));
        assert_contains(&out, &format!("2024: 13{mark}4\u{a0}"));
        assert_contains(&out, &format!(": 14{mark}0\u{a0}"));
    }
}

#[test]
fn show_rejects_a_bad_address_an_unknown_item_or_period() {
    let s = Sandbox::with_reference_plans();
    for bad in ["foo", "foo:", ":1"] {
        let err = s.fails(&["show", bad], 1);
        assert_contains(&err, &format!("'{bad}'"));
    }
    let err = s.fails(&["show", "internal-control-2025:99"], 1);
    assert_contains(&err, "Plan internal-control-2025 has no item 99.");
    let err = s.fails(&["show", "no-such-plan:1"], 1);
    assert_contains(&err, "no-such-plan");
    let err = s.fails(&["show", "internal-control-2025:1", "--period", "1999"], 1);
    assert_contains(&err, "1999");
}

#[test]
fn show_separates_every_label_from_its_value() {
    let s = Sandbox::with_reference_plans();
    // en "Further actions:" is 16 columns, sv "Fortsatta åtgärder:" 19.
    for (lang, label) in [("en", "Further actions:"), ("sv", "Fortsatta åtgärder:")] {
        let out = s.ok(&["show", "internal-control-2025:1", "--lang", lang]);
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in:\n{out}"));
        assert!(
            line.trim_start()[label.len()..].starts_with(' '),
            "{lang}: label glued to its value: {line}"
        );
    }
}

#[test]
fn show_fits_40_and_200_columns() {
    let s = Sandbox::with_reference_plans();
    for width in ["40", "200"] {
        for lang in LANGS {
            for item in ["internal-control-2025:1", "operations-2026:5"] {
                let out = s.ok_env(&["show", item, "--lang", lang], &[("COLUMNS", width)]);
                assert_fits(
                    &out,
                    width.parse().unwrap(),
                    &format!("show {item} --lang {lang}"),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 4. set and log
// ---------------------------------------------------------------------------

const ITEM: &str = "languages-2025:1.1.1";
const SWEDISH: &str = "Kommentar på svenska";

fn set_red_with_swedish_comment(s: &Sandbox) -> String {
    s.ok(&[
        "set",
        ITEM,
        "--status",
        "red",
        "--comment",
        SWEDISH,
        "--lang",
        "sv",
    ])
}

#[test]
fn set_records_a_status_and_comment_that_status_and_log_show() {
    let s = Sandbox::with_reference_plans();
    assert_eq!(
        set_red_with_swedish_comment(&s),
        "languages-2025:1.1.1 (2025): ● enligt plan → ■ avviker\n"
    );

    let status = s.ok(&[
        "status",
        "--plan",
        "languages-2025",
        "--full",
        "--lang",
        "sv",
    ]);
    let lines: Vec<&str> = status.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("    ■ avviker  1.1.1 "))
        .unwrap_or_else(|| panic!("1.1.1 not listed as avviker:\n{status}"));
    assert_eq!(lines[at + 1], format!("      {SWEDISH}"));

    let log = s.ok_env(&["log", ITEM], &[("COLUMNS", "200")]);
    let status_change = log
        .lines()
        .find(|l| l.contains("Status:"))
        .unwrap_or_else(|| panic!("no status change in:\n{log}"));
    assert_contains(status_change, &format!(" · {TEST_USER} · "));
    assert_contains(status_change, "languages-2025:1.1.1 (2025)");
    assert!(
        status_change.ends_with("Status: ● on track → ■ off track"),
        "{status_change}"
    );
    assert_contains(&log, "Comment (sv): ");
    assert_contains(&log, &format!(" → {SWEDISH}"));

    // Setting the same again changes nothing and says so.
    let again = set_red_with_swedish_comment(&s);
    assert_contains(&again, "oförändrad");
    assert_eq!(s.ok_env(&["log", ITEM], &[("COLUMNS", "200")]), log);
}

#[test]
fn a_comment_missing_in_the_display_language_is_marked_as_a_fallback() {
    let s = Sandbox::with_reference_plans();
    // 1.3.2 has no follow-up yet, so no comment in any language.
    let item = "languages-2025:1.3.2";
    s.ok(&[
        "set",
        item,
        "--status",
        "yellow",
        "--comment",
        SWEDISH,
        "--lang",
        "sv",
    ]);
    let fi = s.ok(&["show", item, "--lang", "fi"]);
    assert_contains(&fi, &format!("{SWEDISH} [sv]"));
    assert_contains(&fi, "▲ haasteita");
    let sv = s.ok(&["show", item, "--lang", "sv"]);
    assert_contains(&sv, SWEDISH);
    assert_lacks(&sv, "[sv]");
}

/// A comment is one text in three languages: writing it in Swedish keeps the
/// Finnish and English of the same follow-up (the coordinator writes the
/// Swedish, then the Finnish), and only the Swedish is logged as changed.
#[test]
fn a_new_comment_in_one_language_keeps_the_other_languages() {
    let s = Sandbox::with_reference_plans();
    let before = s.ok(&["show", ITEM, "--lang", "fi"]);
    assert_contains(&before, "Mittareita on käytettävissä");
    set_red_with_swedish_comment(&s);
    let fi = s.ok(&["show", ITEM, "--lang", "fi"]);
    assert_contains(&fi, "Mittareita on käytettävissä");
    assert_contains(&s.ok(&["show", ITEM, "--lang", "sv"]), SWEDISH);
    let log = s.ok_env(&["log", ITEM], &[("COLUMNS", "200")]);
    assert_contains(&log, "Comment (sv)");
    assert_lacks(&log, "Comment (fi)");
}

#[test]
fn a_read_only_set_is_refused_with_exit_5_and_changes_nothing() {
    let s = Sandbox::with_reference_plans();
    let before = s.snapshot();
    let log = s.ok(&["log", "languages-2025"]);
    let bytes = s.db_bytes();
    let err = s.fails(&["--read-only", "set", ITEM, "--status", "red"], 5);
    assert_contains(&err, &s.db().display().to_string());
    assert_contains(&err, "read-only");
    let path = s.write("t.json", FIXTURE);
    s.fails(&["--read-only", "import", &path], 5);
    s.fails(&["--read-only", "remove-plan", "strategy-2026"], 5);
    assert_eq!(s.db_bytes(), bytes, "the database file changed");
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.ok(&["log", "languages-2025"]), log);
}

#[test]
fn set_rejects_a_bad_status_item_period_or_nothing_to_set() {
    let s = Sandbox::with_reference_plans();
    let before = s.snapshot();
    let err = s.fails(&["set", ITEM, "--status", "purple"], 1);
    assert_contains(&err, "'purple' is not a status.");
    assert_contains(&err, "on_track");
    let err = s.fails(&["set", "languages-2025:9.9", "--status", "red"], 1);
    assert_contains(&err, "Plan languages-2025 has no item 9.9.");
    let err = s.fails(&["set", ITEM, "--status", "red", "--period", "1999"], 1);
    assert_contains(&err, "1999");
    let err = s.fails(&["set", ITEM], 2);
    assert_contains(&err, "Nothing to set");
    let err = s.fails(&["set", "languages-2025", "--status", "red"], 1);
    assert_contains(&err, "'languages-2025'");
    assert_eq!(s.snapshot(), before);
}

// ---------------------------------------------------------------------------
// 5. import: bad inputs are refused whole
// ---------------------------------------------------------------------------

#[test]
fn import_refuses_truncated_json() {
    let s = Sandbox::with_reference_plans();
    let full = s.ok(&["export"]);
    let mut cut = full.len() / 2;
    while !full.is_char_boundary(cut) {
        cut -= 1;
    }
    let half = &full[..cut];
    assert_import_rejected(Rejection {
        file: "half.json",
        contents: half.as_bytes(),
        // The parser runs out of text on the last line, inside some plan.
        line: Some(half.matches('\n').count() + 1),
        field: None,
        says: &["the file ends too early", "(field plans["],
    });
}

#[test]
fn import_refuses_an_unknown_field_in_an_item() {
    let doc = fixture_with(&[("\"code\": \"2\",", "\"code\": \"2\", \"colour\": \"red\",")]);
    assert_import_rejected(Rejection {
        file: "colour.json",
        contents: doc.as_bytes(),
        line: Some(line_of(&doc, "colour")),
        field: Some("plans[0].items[1].colour"),
        says: &["unknown field “colour”"],
    });
}

#[test]
fn import_refuses_duplicate_item_codes() {
    let doc = fixture_with(&[("\"code\": \"2\"", "\"code\": \"1\"")]);
    assert_import_rejected(Rejection {
        file: "twice.json",
        contents: doc.as_bytes(),
        line: Some(line_of(FIXTURE, "\"code\": \"2\"")),
        field: Some("plans[0].items[1].code"),
        says: &["the code '1' is used twice"],
    });
}

#[test]
fn import_refuses_a_threshold_that_is_a_string() {
    let doc = fixture_with(&[("\"green\": 70", "\"green\": \"seventy\"")]);
    assert_import_rejected(Rejection {
        file: "threshold.json",
        contents: doc.as_bytes(),
        line: Some(line_of(&doc, "seventy")),
        field: Some("plans[0].items[0].indicators[0].green"),
        says: &["\"seventy\""],
    });
}

#[test]
fn import_refuses_a_10_mb_title() {
    let long = "x".repeat(10_000_000);
    let doc = fixture_with(&[("\"First item\"", &format!("\"{long}\""))]);
    assert_import_rejected(Rejection {
        file: "long.json",
        contents: doc.as_bytes(),
        line: Some(line_of(FIXTURE, "\"First item\"")),
        field: Some("plans[0].items[0].title.en"),
        says: &["10,000,000 characters", "the limit is 100,000"],
    });
}

#[test]
fn import_refuses_a_file_that_is_not_json() {
    assert_import_rejected(Rejection {
        file: "notes.txt",
        contents: b"Meeting notes, 3 March\nNothing to import here.\n",
        line: Some(1),
        field: None,
        says: &["expected value"],
    });
}

#[test]
fn import_refuses_a_newer_format_version() {
    let doc = fixture_with(&[("\"version\": 1", "\"version\": 99")]);
    assert_import_rejected(Rejection {
        file: "future.json",
        contents: doc.as_bytes(),
        line: Some(3),
        field: Some("version"),
        says: &["format version 99", "reads up to 4"],
    });
}

#[test]
fn import_dry_run_checks_a_valid_file_and_changes_nothing() {
    let s = Sandbox::with_reference_plans();
    let path = s.write("t.json", FIXTURE);
    let before = s.snapshot();
    let out = s.ok(&["import", "--dry-run", &path]);
    assert_eq!(
        out,
        format!("{path} is valid: 1 plan (test-plan). Nothing was imported.\n")
    );
    assert_eq!(s.snapshot(), before);
    s.fails(&["show", "test-plan:1"], 1);
}

#[test]
fn import_of_an_existing_plan_needs_replace() {
    let s = Sandbox::with_reference_plans();
    let path = s.write("t.json", FIXTURE);
    assert_eq!(
        s.ok(&["import", &path]),
        format!("Imported 1 plan from {path}: test-plan\n")
    );
    let before = s.snapshot();
    let err = s.fails(&["import", &path], 1);
    assert_contains(&err, "test-plan already exists");
    assert_contains(&err, "--replace");
    assert_eq!(s.snapshot(), before);

    let renamed = s.write(
        "renamed.json",
        fixture_with(&[("\"en\": \"Test plan\"", "\"en\": \"Renamed plan\"")]),
    );
    s.ok(&["import", "--replace", &renamed]);
    let plans = s.ok(&["plans"]);
    let line = plans.lines().find(|l| l.starts_with("test-plan ")).unwrap();
    assert_contains(line, "Renamed plan");
    // One plan a line (its counts may wrap onto an indented line under it).
    assert_eq!(
        plans.lines().filter(|l| !l.starts_with(' ')).count(),
        6,
        "{plans}"
    );
}

#[test]
fn import_is_all_or_nothing_across_plans() {
    let s = Sandbox::with_reference_plans();
    // Two plans: a new one and one whose code exists.
    let plan =
        &FIXTURE[FIXTURE.find("    {\n      \"code\"").unwrap()..FIXTURE.rfind("\n  ]").unwrap()];
    let existing = plan.replace("\"test-plan\"", "\"languages-2025\"");
    let doc = FIXTURE.replace(plan, &format!("{plan},\n{existing}"));
    let path = s.write("two.json", doc);
    s.fails(&["import", "--dry-run", &path], 1);
    let before = s.snapshot();
    let err = s.fails(&["import", &path], 1);
    assert_contains(&err, "languages-2025 already exists");
    assert_eq!(s.snapshot(), before);
    assert_lacks(&s.ok(&["plans"]), "test-plan");
}

#[test]
fn import_dry_run_reports_a_plan_that_already_exists() {
    let s = Sandbox::with_reference_plans();
    let path = s.write(
        "ic.json",
        s.ok(&["export", "--plan", "internal-control-2025"]),
    );
    let err = s.fails(&["import", "--dry-run", &path], 1);
    assert_contains(&err, "internal-control-2025 already exists");
}

// ---------------------------------------------------------------------------
// 6. export
// ---------------------------------------------------------------------------

#[test]
fn json_export_import_export_gives_identical_bytes() {
    let s = Sandbox::with_reference_plans();
    // A follow-up recorded here, and a plan of our own, travel too.
    set_red_with_swedish_comment(&s);
    let fixture = s.write("t.json", FIXTURE);
    s.ok(&["import", &fixture]);
    let first = s.ok(&["export"]);
    assert_contains(&first, SWEDISH);

    let fresh = Sandbox::empty();
    let path = fresh.write("all.json", &first);
    fresh.ok(&["import", &path]);
    assert_eq!(fresh.ok(&["export"]), first);
    assert_eq!(fresh.ok(&["plans"]), s.ok(&["plans"]));
}

#[test]
fn csv_export_has_a_header_and_one_row_per_item() {
    let s = Sandbox::with_reference_plans();
    let out = s.ok(&[
        "export",
        "--format",
        "csv",
        "--plan",
        "languages-2025",
        "--lang",
        "en",
    ]);
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 38, "37 items and a header");
    let header = &rows[0];
    assert_eq!(header[..4], ["plan", "period", "code", "parent"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().all(|r| r.len() == header.len()), "ragged rows");
    let codes: Vec<&str> = rows[1..].iter().map(|r| r[col("code")].as_str()).collect();
    assert_eq!(codes[..4], ["1", "1.1", "1.1.1", "1.2"]);
    assert_eq!(codes.last(), Some(&"3.3.2"));
    let row = |code: &str| rows.iter().find(|r| r[col("code")] == code).unwrap();
    assert_eq!(row("1.2.1")[col("status")], "at_risk");
    assert_eq!(row("1.2.1")[col("status_text")], "at risk");
    assert_eq!(row("1.2.1")[col("parent")], "1.2");
    assert_eq!(row("1")[col("rollup")], "at_risk");
    assert!(rows[1..].iter().all(|r| r[col("plan")] == "languages-2025"));
}

#[test]
fn csv_export_quotes_commas_quotes_and_newlines() {
    let s = Sandbox::empty();
    let title = r#"Say \"hi\", then\ngo"#;
    let path = s.write(
        "t.json",
        fixture_with(&[("\"First item\"", &format!("\"{title}\""))]),
    );
    s.ok(&["import", &path]);
    let out = s.ok(&["export", "--format", "csv"]);
    assert_contains(&out, ",\"Say \"\"hi\"\", then\ngo\",");
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][6], "Say \"hi\", then\ngo");
    assert_eq!(rows[1][10], "Behind schedule");
}

#[test]
fn markdown_export_is_a_report_in_the_display_language() {
    let s = Sandbox::with_reference_plans();
    let out = s.ok(&[
        "export",
        "--format",
        "md",
        "--plan",
        "internal-control-2025",
        "--lang",
        "fi",
    ]);
    assert!(
        out.starts_with("# Sosiaalihallinnon sisäisen valvonnan suunnitelma"),
        "{out}"
    );
    assert_contains(&out, "\n## 1 Hyvä hygieniataso\n");
    assert_contains(&out, "| Tila | Kohtia |");
    assert_contains(&out, "| ■ ei etene | 1 |");
    assert_contains(&out, "| ▲ haasteita | 4 |");
    assert_contains(&out, "**Kommentti:**");
    assert_contains(&out, "todennäköisyys 3 × seuraus 4 = 12");
    assert_lacks(&out, "▲ at risk");
}

#[test]
fn export_to_a_file_writes_the_file_and_nothing_to_stdout() {
    let s = Sandbox::with_reference_plans();
    for format in ["json", "csv", "md"] {
        let name = format!("out.{format}");
        let path = s.path_of(&name);
        assert_eq!(s.ok(&["export", "--format", format, "-o", &path]), "");
        let written = std::fs::read_to_string(&path).expect("export wrote the file");
        assert_eq!(written, s.ok(&["export", "--format", format]), "{format}");
    }
    let files = s.files();
    assert!(files.iter().all(|f| !f.ends_with(".tmp")), "{files:?}");
}

#[test]
fn export_refuses_a_period_no_plan_has() {
    let s = Sandbox::with_reference_plans();
    for format in ["csv", "md"] {
        let err = s.fails(&["export", "--format", format, "--period", "1999"], 1);
        assert_contains(&err, "1999");
    }
}

// ---------------------------------------------------------------------------
// 7. database errors
// ---------------------------------------------------------------------------

#[test]
fn a_text_file_as_database_is_refused_and_left_as_it_was() {
    let s = Sandbox::new();
    let notes = b"Meeting notes\nNot a database.\n";
    s.write("s.db", notes);
    let fixture = s.write("t.json", FIXTURE);
    let commands: [&[&str]; 7] = [
        &["status"],
        &["plans"],
        &["export"],
        &["set", ITEM, "--status", "red"],
        &["import", &fixture],
        &["init"],
        &["remove-plan", "strategy-2026"],
    ];
    for args in commands {
        let err = s.fails(args, 3);
        assert_contains(&err, &s.db().display().to_string());
        assert_contains(&err, "is not a database");
        assert_eq!(s.db_bytes(), notes, "{args:?} changed the file");
    }
    assert_eq!(s.files(), ["s.db", "t.json"]);
}

#[test]
fn read_only_on_a_missing_database_creates_nothing() {
    let s = Sandbox::new();
    let err = s.fails(&["--read-only", "status"], 3);
    assert_contains(&err, &format!("{} does not exist;", s.db().display()));
    s.fails(&["--read-only", "plans"], 3);
    assert!(s.files().is_empty(), "files were created: {:?}", s.files());
}

#[test]
fn init_on_an_existing_database_is_refused() {
    let s = Sandbox::with_reference_plans();
    let before = s.snapshot();
    let bytes = s.db_bytes();
    for args in [&["init"][..], &["init", "--empty"]] {
        let (code, out, err) = s.run(args);
        assert_ne!(code, 0, "{args:?} succeeded: {out}");
        assert_contains(&err, "already exists");
        assert_eq!(s.db_bytes(), bytes, "{args:?} changed the file");
    }
    assert_eq!(s.snapshot(), before);
}

// ---------------------------------------------------------------------------
// 8. plans, periods, remove-plan
// ---------------------------------------------------------------------------

#[test]
fn plans_lists_every_plan_and_marks_the_examples() {
    let s = Sandbox::with_reference_plans();
    let path = s.write("t.json", FIXTURE);
    s.ok(&["import", &path]);
    let out = s.ok_env(&["plans"], &[("COLUMNS", "200")]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    for (line, code) in lines.iter().zip(REFERENCE_PLANS) {
        assert!(line.starts_with(&format!("{code} ")), "{line}");
        assert!(line.ends_with(", example)"), "{line}");
    }
    assert!(lines[5].starts_with("test-plan "), "{out}");
    assert!(
        lines[5].ends_with("(2 items at all levels)"),
        "{}",
        lines[5]
    );
    assert_contains(lines[0], "(2025, 37 items at all levels, example)");
    let fi = s.ok_env(&["plans", "--lang", "fi"], &[("COLUMNS", "200")]);
    assert_eq!(fi.matches(", esimerkki)").count(), 5, "{fi}");
}

#[test]
fn plans_shows_the_example_mark_at_80_columns() {
    let s = Sandbox::with_reference_plans();
    let out = s.ok(&["plans"]);
    assert_fits(&out, 80, "plans");
    assert_eq!(out.matches("example").count(), 5, "{out}");
}

#[test]
fn periods_lists_the_follow_up_periods_of_a_plan() {
    let s = Sandbox::with_reference_plans();
    let out = s.ok(&["periods", "--plan", "operations-2026"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "operations-2026");
    let codes: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(codes, ["2023", "2024", "2025", "2026"], "{out}");
    assert_contains(lines[1], "1 Jan 2023 – 31 Dec 2023");
    assert_eq!(out.matches("← shown by default").count(), 1, "{out}");
    for other in REFERENCE_PLANS.iter().filter(|c| **c != "operations-2026") {
        assert_lacks(&out, other);
    }
    let err = s.fails(&["periods", "--plan", "no-such-plan"], 1);
    assert_contains(&err, "no-such-plan");
}

#[test]
fn remove_plan_removes_it_and_everything_in_it() {
    let s = Sandbox::with_reference_plans();
    assert_eq!(
        s.ok(&["remove-plan", "strategy-2026"]),
        "Removed plan strategy-2026.\n"
    );
    let plans = s.ok(&["plans"]);
    assert_lacks(&plans, "strategy-2026");
    assert_eq!(
        plans.lines().filter(|l| !l.starts_with(' ')).count(),
        4,
        "{plans}"
    );
    assert_lacks(&s.ok(&["status"]), "strategy-2026");
    assert_lacks(&s.ok(&["export"]), "\"strategy-2026\"");
    s.fails(&["show", "strategy-2026:P1"], 1);
    let err = s.fails(&["remove-plan", "strategy-2026"], 1);
    assert_contains(&err, "There is no plan strategy-2026.");
}

// ---------------------------------------------------------------------------
// 9. missing: texts lacking a translation
// ---------------------------------------------------------------------------

/// What `missing` says when nothing is missing, as (fi, sv, en).
const NOTHING_MISSING: [&str; 3] = [
    "Mitään ei puutu: kaikki tekstit ovat suomeksi, ruotsiksi ja englanniksi.\n",
    "Inget saknas: varje text finns på finska, svenska och engelska.\n",
    "Nothing is missing: every text is written in Finnish, Swedish and English.\n",
];

/// An item of the reference plans with no follow-up yet, so no comment.
const UNCOMMENTED: &str = "languages-2025:1.3.2";

/// Writes a Swedish comment on [`UNCOMMENTED`] and nothing else.
fn comment_in_swedish_only(s: &Sandbox) {
    s.ok(&["set", UNCOMMENTED, "--comment", SWEDISH, "--lang", "sv"]);
}

#[test]
fn missing_finds_nothing_in_the_reference_plans_in_any_language() {
    let s = Sandbox::with_reference_plans();
    for lang in LANGS {
        let want = NOTHING_MISSING[lang_index(lang)];
        assert_eq!(s.ok(&["missing", "--lang", lang]), want, "{lang}");
        for code in REFERENCE_PLANS {
            assert_eq!(
                s.ok(&["missing", "--plan", code, "--lang", lang]),
                want,
                "{code} {lang}"
            );
        }
    }
    assert_eq!(
        s.ok(&["missing", "--lacking", "fi", "--lacking", "en"]),
        "No text lacks fi, en.\n"
    );
}

#[test]
fn a_comment_written_only_in_swedish_is_missing_in_finnish_and_english() {
    let s = Sandbox::with_reference_plans();
    comment_in_swedish_only(&s);
    let wide = [("COLUMNS", "200")];

    // English readers fall back to Finnish, then Swedish: they see the Swedish.
    let out = s.ok_env(&["missing"], &wide);
    assert_eq!(
        out,
        format!("{UNCOMMENTED}  comment (2025)  lacks fi, en  — shown as “{SWEDISH}” [sv]\n")
    );
    assert_eq!(s.ok_env(&["missing", "--lacking", "fi"], &wide), out);
    assert_eq!(s.ok_env(&["missing", "--lacking", "en"], &wide), out);
    assert_eq!(
        s.ok_env(&["missing", "--plan", "languages-2025"], &wide),
        out
    );
    assert_eq!(
        s.ok_env(&["missing", "--lacking", "sv"], &wide),
        "No text lacks sv.\n"
    );
    assert_eq!(
        s.ok(&["missing", "--plan", "strategy-2026"]),
        NOTHING_MISSING[2]
    );

    // In Swedish it is the reader's own language: no fallback mark.
    let sv = s.ok_env(&["missing", "--lang", "sv"], &wide);
    assert_eq!(
        sv,
        format!("{UNCOMMENTED}  kommentar (2025)  saknas på fi, en  — visas som ”{SWEDISH}”\n")
    );
    let fi = s.ok_env(&["missing", "--lang", "fi", "--lacking", "fi"], &wide);
    assert_contains(&fi, "kommentti (2025)  puuttuu: fi, en");
    assert!(fi.ends_with(&format!("”{SWEDISH}” [sv]\n")), "{fi}");

    // Writing the missing languages empties the list again.
    s.ok(&["set", UNCOMMENTED, "--comment", "Suomeksi", "--lang", "fi"]);
    assert_eq!(
        s.ok_env(&["missing"], &wide),
        format!("{UNCOMMENTED}  comment (2025)  lacks en  — shown as “Suomeksi” [fi]\n")
    );
    s.ok(&[
        "set",
        UNCOMMENTED,
        "--comment",
        "In English",
        "--lang",
        "en",
    ]);
    assert_eq!(s.ok(&["missing"]), NOTHING_MISSING[2]);
}

#[test]
fn missing_cuts_the_shown_text_to_the_width() {
    let s = Sandbox::with_reference_plans();
    let long = "Lång kommentar på svenska som inte ryms på en rad \u{1b}[31m ".repeat(5);
    s.ok(&["set", UNCOMMENTED, "--comment", &long, "--lang", "sv"]);
    for cols in ["40", "80", "200"] {
        let out = s.ok_env(&["missing"], &[("COLUMNS", cols)]);
        assert_fits(&out, cols.parse().unwrap(), "missing");
        assert_no_escapes(&out, "missing");
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(out.starts_with(UNCOMMENTED), "{out}");
    }
    let out = s.ok(&["missing"]);
    assert!(out.ends_with("…” [sv]\n"), "{out}");
}

#[test]
fn missing_rejects_an_unknown_plan_or_language() {
    let s = Sandbox::with_reference_plans();
    let err = s.fails(&["missing", "--plan", "no-such-plan"], 1);
    assert_contains(&err, "There is no plan no-such-plan.");
    let (code, out, err) = s.run(&["missing", "--lacking", "de"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert_contains(&err, "“de” is not a language; use fi, sv or en");
}

// ---------------------------------------------------------------------------
// 10. log --since / --period: what changed since the last follow-up
// ---------------------------------------------------------------------------

#[test]
fn log_since_a_date_or_a_period_shows_only_the_later_changes() {
    let s = Sandbox::with_reference_plans();
    s.ok(&["set", "internal-control-2025:3", "--status", "done"]);
    let wide = [("COLUMNS", "200")];
    let all = s.ok_env(&["log", "internal-control-2025"], &wide);
    assert_contains(&all, "imported");
    assert_contains(&all, "Status:");
    let since = s.ok_env(
        &["log", "internal-control-2025", "--since", "2999-01-01"],
        &wide,
    );
    assert_lacks(&since, "Status:");
    // The period 2025 began on 2025-01-01: both changes are after it.
    let period = s.ok_env(&["log", "internal-control-2025", "--period", "2025"], &wide);
    assert_contains(&period, "Status:");
    let err = s.fails(
        &["log", "internal-control-2025", "--since", "2026-13-01"],
        1,
    );
    assert_contains(&err, "2026-13-01");
    let err = s.fails(&["log", "internal-control-2025", "--period", "1999"], 1);
    assert_contains(&err, "1999");
}

// ---------------------------------------------------------------------------
// One set of rules on every write path
// ---------------------------------------------------------------------------

#[test]
fn import_refuses_an_array_where_a_text_belongs() {
    let doc = fixture_with(&[(
        "\"title\": {\n            \"en\": \"Second item\"\n          }",
        "\"title\": [\"A\", \"B\", \"C\"]",
    )]);
    assert_import_rejected(Rejection {
        file: "array.json",
        contents: doc.as_bytes(),
        line: Some(line_of(&doc, "[\"A\"")),
        field: Some("plans[0].items[1].title"),
        says: &["an object of languages"],
    });
}

/// What `strata set` can store, `strata export` writes and `strata import`
/// takes back; what the import would refuse, `set` refuses first.
#[test]
fn what_set_stores_an_export_and_import_take_back() {
    let s = Sandbox::with_reference_plans();
    // ASCII: one argument may hold 128 KiB.
    let longest = "x".repeat(100_000);
    s.ok(&["set", ITEM, "--comment", &longest, "--lang", "fi"]);
    let too_long = format!("{longest}x");
    let before = s.snapshot();
    let err = s.fails(&["set", ITEM, "--comment", &too_long], 1);
    assert_eq!(
        err,
        "strata: --comment: the text is 100,001 characters long; the limit is 100,000\n  \
         Nothing was written; the database is unchanged.\n"
    );
    assert_eq!(s.snapshot(), before, "a refused set changes nothing");

    let all = s.ok(&["export"]);
    assert_contains(&all, &longest);
    let fresh = Sandbox::empty();
    let path = fresh.write("all.json", &all);
    fresh.ok(&["import", &path]);
    assert_eq!(fresh.ok(&["export"]), all);
}

#[test]
fn a_key_bound_in_the_wrong_mode_is_refused_naming_the_line() {
    let s = Sandbox::with_reference_plans();
    let config = s.write(
        "config.toml",
        "lang = \"sv\"\n\n[keys.browse]\ndown = [\"j\", \"ö\"]\nsave = [\"x\"]\n",
    );
    let (code, out, err) = s.run_env(&[], &[("STRATA_CONFIG", &config)]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "strata: {config}:5: [keys.browse.save]: åtgärden 'save' kan inte bindas i det \
             här läget; den hör till [keys.editor].\n"
        )
    );
}

// ---------------------------------------------------------------------------
// strata text: every text through the one text write
// ---------------------------------------------------------------------------

#[test]
fn text_reads_and_writes_any_text_in_the_display_language() {
    let s = Sandbox::with_reference_plans();
    let item = "internal-control-2025:1";
    assert_eq!(
        s.ok(&["text", item, "title", "--lang", "sv"]),
        "internal-control-2025:1 · Rubrik\n  fi  Hyvä hygieniataso\n  sv  God hygienisk standard\n  en  Good hygiene standard\n"
    );
    assert_eq!(
        s.ok(&["text", item, "control.1.how", "Stickprov", "--lang", "sv"]),
        "internal-control-2025:1 · Kontroll 1: hur (sv): sparad\n"
    );
    assert_eq!(
        s.ok(&["text", item, "control.1.how", "Stickprov", "--lang", "sv"]),
        "internal-control-2025:1 · Kontroll 1: hur (sv): oförändrad\n"
    );
    assert_eq!(
        s.ok(&[
            "text",
            "internal-control-2025",
            "level.1",
            "--clear",
            "--lang",
            "en"
        ]),
        "internal-control-2025 · Level 1 (en): removed\n"
    );
    // The log names what changed as the app's history does.
    let log = s.ok(&["log", item, "--limit", "1", "--lang", "sv"]);
    assert_contains(&log, "kontroll 1: hur");
    assert_contains(&log, "→ Stickprov");
    // The export holds it, and an import takes it back.
    let all = s.ok(&["export"]);
    assert_contains(&all, "\"how\": {");
    let fresh = Sandbox::empty();
    let path = fresh.write("all.json", &all);
    fresh.ok(&["import", &path]);
    assert_eq!(fresh.ok(&["export"]), all);
}

#[test]
fn text_refuses_what_the_rules_refuse_and_changes_nothing() {
    let s = Sandbox::with_reference_plans();
    let item = "internal-control-2025:1";
    let before = s.snapshot();
    let err = s.fails(&["text", item, "colour", "x"], 1);
    assert_contains(&err, "'colour' is not a text strata knows here.");
    let err = s.fails(&["text", item, "control.9.what", "x"], 1);
    assert_contains(&err, "Item 1 has no control 9.");
    let err = s.fails(&["text", item, "comment", "x", "--period", "2031"], 1);
    assert_contains(&err, "internal-control-2025 has no period 2031");
    let long = "x".repeat(100_001);
    let err = s.fails(&["text", item, "title", &long], 1);
    assert_contains(&err, "TEXT: the text is 100,001 characters long");
    for lang in ["fi", "sv"] {
        s.ok(&["text", item, "title", "--clear", "--lang", lang]);
    }
    let cleared = s.snapshot();
    let err = s.fails(&["text", item, "title", "--clear", "--lang", "en"], 1);
    assert_contains(&err, "a title is needed in at least one language");
    assert_eq!(s.snapshot(), cleared, "the last title stays");
    assert_ne!(cleared, before);
    let ro = s.fails(&["--read-only", "text", item, "owner", "x"], 5);
    assert_contains(&ro, "read-only");
}

// ---------------------------------------------------------------------------
// A mistyped --db creates nothing
// ---------------------------------------------------------------------------

#[test]
fn a_mistyped_db_is_refused_by_every_command_and_creates_nothing() {
    let s = Sandbox::new();
    let typo = s.dir.path().join("plans").join("typo.db");
    let typo_s = typo.display().to_string();
    let commands: [&[&str]; 9] = [
        &["status"],
        &["show", ITEM],
        &["log", "languages-2025"],
        &["plans"],
        &["periods"],
        &["export"],
        &["missing"],
        &["set", ITEM, "--status", "red"],
        &["text", ITEM, "title"],
    ];
    for args in commands {
        let (code, out, err) = strata_on(s.dir.path(), &typo, args, &[]);
        assert_eq!((code, out.as_str()), (3, ""), "{args:?}");
        assert_eq!(
            err,
            format!(
                "strata: {typo_s} does not exist; nothing was created.\n  To make a new database \
                 there: strata --db PATH init (with the five example plans; --empty without them).\n"
            ),
            "{args:?}"
        );
    }
    assert!(!typo.parent().unwrap().exists(), "no folder was made");
    // init makes it, and says so.
    let (code, out, _) = strata_on(s.dir.path(), &typo, &["init"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("Created {typo_s} with the five reference plans.\n")
    );
    let (_, plans, _) = strata_on(s.dir.path(), &typo, &["plans"], &[]);
    assert_contains(&plans, "strategy-2026");
}

#[test]
fn a_zero_byte_file_is_not_a_database_except_for_init() {
    let s = Sandbox::new();
    s.write("s.db", b"");
    for args in [
        &["status"][..],
        &["set", ITEM, "--status", "red"],
        &["export"],
    ] {
        let err = s.fails(args, 3);
        assert_contains(
            &err,
            "is an empty file, not a strata database. It was left as it was.",
        );
        assert_eq!(s.db_bytes(), b"", "{args:?} wrote to the file");
    }
    s.ok(&["init"]);
    assert_contains(&s.ok(&["plans"]), "strategy-2026");
}

// ---------------------------------------------------------------------------
// A read-only medium
// ---------------------------------------------------------------------------

/// A tmpfs mounted for one test, unmounted when it ends.
struct Mounted(PathBuf);

impl Mounted {
    /// `None` where this machine does not let the test mount (no root).
    fn tmpfs(at: PathBuf) -> Option<Mounted> {
        std::fs::create_dir_all(&at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
            .arg(&at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Mounted(at))
    }

    fn read_only(&self) {
        let st = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .expect("mount runs");
        assert!(st.success(), "remount read-only");
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_database_on_a_read_only_medium_is_read_and_edits_are_refused() {
    let s = Sandbox::new();
    let Some(mnt) = Mounted::tmpfs(s.dir.path().join("cd")) else {
        eprintln!("skipped: this machine does not allow mounting a tmpfs");
        return;
    };
    let db = mnt.0.join("plans.db");
    let dir = s.dir.path();
    assert_eq!(strata_on(dir, &db, &["init"], &[]).0, 0);
    // As a backup copied to a CD: the file alone, no -wal or -shm.
    let files: Vec<_> = std::fs::read_dir(&mnt.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["plans.db"], "only the database is there");
    mnt.read_only();
    let bytes = std::fs::read(&db).unwrap();
    for args in [&["--read-only", "status"][..], &["status"], &["show", ITEM]] {
        let (code, out, err) = strata_on(dir, &db, args, &[]);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_contains(&out, "languages-2025");
    }
    let (code, _, err) = strata_on(dir, &db, &["set", ITEM, "--status", "red"], &[]);
    assert_eq!(code, 5, "{err}");
    assert_contains(&err, "is on a read-only medium");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the file is as it was");
}

// ---------------------------------------------------------------------------
// A damaged file: read what can be read, write nothing
// ---------------------------------------------------------------------------

/// Overwrites the middle of the page `page` (1-based) of the database with
/// bytes that are no B-tree page.
fn damage_page(db: &Path, page: u64) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start((page - 1) * 4096)).unwrap();
    f.write_all(&[0xA5; 2048]).unwrap();
}

fn root_page(db: &Path, table: &str) -> u64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as u64
}

#[test]
fn a_damaged_file_is_not_written_to_and_check_says_what_it_found() {
    let s = Sandbox::with_reference_plans();
    assert_eq!(
        s.ok(&["check"]),
        format!(
            "{}: sound; the integrity check found nothing wrong.\n",
            s.db().display()
        )
    );
    // The indicators' pages: status reads them, a status change does not.
    let page = root_page(&s.db(), "indicator");
    damage_page(&s.db(), page);
    let bytes = s.db_bytes();
    let err = s.fails(&["status"], 3);
    assert_contains(
        &err,
        "is damaged: its structure is broken (SQLite: database disk image is malformed).",
    );
    assert_contains(&err, "strata check");
    let err = s.fails(&["set", ITEM, "--status", "red"], 3);
    assert_contains(&err, "is damaged");
    assert_contains(&err, "restore the file from a backup");
    let err = s.fails(&["text", ITEM, "title", "x"], 3);
    assert_contains(&err, "is damaged");
    assert_eq!(
        s.db_bytes(),
        bytes,
        "nothing was written to the damaged file"
    );
    let (code, out, _) = s.run(&["check"]);
    assert_eq!(code, 3);
    assert_contains(&out, "is damaged: the integrity check found ");
    assert_contains(&out, " problem");
    assert_contains(&out, "Restore the file from a backup");
    assert_eq!(s.db_bytes(), bytes);
}

#[test]
fn a_text_that_is_not_utf8_is_told_as_damage() {
    let s = Sandbox::with_reference_plans();
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute_batch(
            "UPDATE item SET title_en = CAST(X'476F6F64C3' AS TEXT) WHERE code = '1.1.1'",
        )
        .unwrap();
    let err = s.fails(&["show", ITEM], 3);
    assert_contains(&err, "is damaged: a text that is not UTF-8.");
    // A later write in another process, to an item whose texts it never
    // reads, is refused too: the check before a write looks at every text.
    let bytes = s.db_bytes();
    let err = s.fails(&["set", "strategy-2026:P1", "--status", "red"], 3);
    assert_contains(&err, "is damaged: a text that is not UTF-8.");
    assert_eq!(s.db_bytes(), bytes, "nothing was written");
    let (code, out, _) = s.run(&["check"]);
    assert_eq!(code, 3, "{out}");
    assert_contains(&out, "item.title_en, row ");
    assert_contains(&out, ": a text that is not UTF-8");
}

// ---------------------------------------------------------------------------
// Messages that quote data escape it
// ---------------------------------------------------------------------------

#[test]
fn an_import_error_quotes_a_value_with_its_control_characters_escaped() {
    // A code that retitles the terminal (OSC 0) and rings its bell.
    let doc = fixture_with(&[("\"code\": \"2\"", "\"code\": \"x\\u001b]0;pwned\\u0007 y\"")]);
    let s = Sandbox::with_reference_plans();
    let path = s.write("evil.json", &doc);
    let err = s.fails(&["import", &path], 1);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}'),
        "raw control bytes in {err:?}"
    );
    assert_contains(&err, "\\u{1b}]0;pwned\\u{7}");
}

#[test]
fn show_escapes_a_right_to_left_override_in_a_title() {
    let s = Sandbox::with_reference_plans();
    s.ok(&[
        "text",
        ITEM,
        "title",
        "Budget \u{202e}7102\u{202c} final",
        "--lang",
        "en",
    ]);
    let out = s.ok(&["show", ITEM, "--lang", "en"]);
    assert!(
        !out.contains('\u{202e}'),
        "the override reached the terminal: {out:?}"
    );
    assert_contains(&out, "Budget \\u{202e}7102\\u{202c} final");
}

#[test]
fn a_200_mb_import_is_refused_by_its_own_size_without_reading_it() {
    let s = Sandbox::with_reference_plans();
    let path = s.dir.path().join("huge.json");
    // Sparse: 200 MB that take no room on the disk.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let before = s.snapshot();
    let err = s.fails(&["import", &path.display().to_string()], 1);
    assert_contains(
        &err,
        "the file is 209,715,200 bytes; the limit is 67,108,864",
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn import_refuses_two_codes_that_differ_only_in_normal_form() {
    // "1" and "2" become "ä" composed and decomposed: one code twice.
    let doc = fixture_with(&[
        ("\"code\": \"1\"", "\"code\": \"\u{e4}\""),
        ("\"code\": \"2\"", "\"code\": \"a\u{308}\""),
    ]);
    assert_import_rejected(Rejection {
        file: "nfd.json",
        contents: doc.as_bytes(),
        line: None,
        field: Some("plans[0].items[1].code"),
        says: &["is used twice"],
    });
}

#[test]
fn statuses_are_understood_in_the_words_of_every_language() {
    let s = Sandbox::with_reference_plans();
    let english = s.ok(&["status", "--only", "red,yellow", "--lang", "sv"]);
    for words in [
        "röd,gul",
        "punainen,keltainen",
        "avviker,utmaningar",
        "ei etene,HAASTEITA",
    ] {
        assert_eq!(
            s.ok(&["status", "--only", words, "--lang", "sv"]),
            english,
            "{words}"
        );
    }
    s.ok(&["set", ITEM, "--status", "ei etene"]);
    assert_contains(&s.ok(&["show", ITEM, "--lang", "en"]), "■ off track");
    s.ok(&["set", ITEM, "--status", "Genomförd"]);
    assert_contains(&s.ok(&["show", ITEM, "--lang", "en"]), "✓ done");
    let err = s.fails(&["status", "--only", "lila"], 1);
    assert_contains(&err, "a status word of any language");
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_itself() {
    let s = Sandbox::new();
    let bash = s.ok(&["completions", "bash"]);
    assert_contains(&bash, "_strata()");
    for sub in ["status", "show", "set", "text", "export", "import", "check"] {
        assert_contains(&bash, sub);
    }
    assert_contains(&s.ok(&["completions", "fish"]), "complete -c strata");
    let man = s.ok(&["man", "--lang", "sv"]);
    assert!(
        man.starts_with(".ie"),
        "roff: {}",
        &man[..40.min(man.len())]
    );
    assert_contains(&man, ".TH strata 1");
    assert_contains(&man, "Planer, uppföljningar och trafikljus");
    assert!(s.files().is_empty(), "no database is needed or made");
    assert_eq!(
        s.run(&["completions", "tcsh"]).0,
        2,
        "an unknown shell is wrong usage"
    );
}

#[test]
fn status_lists_one_line_per_item_and_full_gives_the_comments() {
    let s = Sandbox::with_reference_plans();
    let short = s.ok(&["status", "--plan", "internal-control-2025", "--lang", "sv"]);
    let listed = listed_items(&short);
    assert_eq!(listed.len(), 5, "{short}");
    // The start of the comment after the title, on the item's own line.
    assert!(
        listed
            .iter()
            .any(|l| l.contains("God hygienisk standard — Delvis godkänd.")),
        "{short}"
    );
    let full = s.ok(&[
        "status",
        "--plan",
        "internal-control-2025",
        "--full",
        "--lang",
        "sv",
    ]);
    assert!(full.lines().count() > short.lines().count() + 20, "{full}");
    assert_contains(&full, "      Fortsatta åtgärder: ");
}

#[test]
fn plans_at_80_columns_keeps_the_titles_readable_and_says_what_is_counted() {
    let s = Sandbox::with_reference_plans();
    let out = s.ok_env(&["plans", "--lang", "sv"], &[("COLUMNS", "80")]);
    assert_fits(&out, 80, "plans");
    // The title has the line; the counts the next one.
    assert_contains(
        &out,
        "languages-2025         Nationalspråksprogrammet – uppföljning 01–12/2025\n",
    );
    assert_contains(&out, "(2025, 37 punkter på alla nivåer, exempel)");
}

// ---------------------------------------------------------------- periods

/// A whole round from the command line, in Swedish: a period started from
/// the previous statuses counts nothing as assessed; `--keep` confirms;
/// closing freezes it; removing one with follow-ups needs `--force`.
#[test]
fn a_round_from_the_command_line_open_confirm_close_reopen_remove() {
    let s = Sandbox::with_reference_plans();
    let ic = "internal-control-2025";
    let out = s.ok(&[
        "--lang",
        "sv",
        "period",
        "add",
        ic,
        "2026",
        "--carry-over",
        "--deadline",
        "2027-01-31",
    ]);
    assert_eq!(
        out,
        "Uppföljningsperiod 2026 lades till i plan internal-control-2025.\n\
         7 statusar fördes över från 2025: de räknas som inte bedömda tills någon bekräftar eller ändrar dem.\n"
    );
    let status = s.ok(&["--lang", "sv", "status", "--plan", ic, "--only", "none"]);
    assert_contains(&status, "· 7 ej bedömda (varav 7 överförda)");
    assert_contains(
        &status,
        "· ej bedömd  4 Dokumentation — ▲ utmaningar överförd från 2025",
    );
    let kept = s.ok(&["--lang", "sv", "set", &format!("{ic}:4"), "--keep"]);
    assert_eq!(
        kept,
        format!("{ic}:4 (2026): ▲ utmaningar bekräftad för perioden\n")
    );
    let status = s.ok(&["--lang", "sv", "status", "--plan", ic]);
    assert_contains(&status, "▲ 1 med utmaningar");
    assert_contains(&status, "· 6 ej bedömda (varav 6 överförda)");
    let shown = s.ok(&["--lang", "sv", "show", &format!("{ic}:5")]);
    assert_contains(
        &shown,
        "↻ ● enligt plan · överförd från 2025, inte bekräftad än",
    );

    s.ok(&["period", "close", ic, "2026"]);
    let before = s.snapshot();
    let refused = s.fails(
        &["--lang", "fi", "set", &format!("{ic}:5"), "--status", "red"],
        1,
    );
    assert_contains(&refused, "seurantakausi 2026 on suljettu");
    assert_contains(&refused, "strata period reopen internal-control-2025 2026");
    let shown = s.ok(&["--lang", "fi", "show", &format!("{ic}:5")]);
    assert_contains(&shown, "2026 · suljettu");
    assert!(s.snapshot() == before, "a refused set changed the file");

    s.ok(&["period", "reopen", ic, "2026"]);
    s.ok(&["set", &format!("{ic}:5"), "--status", "red"]);
    let refused = s.fails(&["--lang", "fi", "period", "remove", ic, "2026"], 1);
    assert_contains(
        &refused,
        "seurantakaudella 2026 on 7 seurantaa; mitään ei poistettu",
    );
    let removed = s.ok(&["period", "remove", ic, "2026", "--force"]);
    assert_eq!(
        removed,
        "Removed period 2026 of plan internal-control-2025 (7 follow-ups, 0 indicator values).\n"
    );
    let periods = s.ok(&["periods", "--plan", ic]);
    assert!(!periods.contains("2026"), "{periods}");
    let bad = s.fails(&["period", "add", ic, "2027", "--deadline", "31.1.2028"], 1);
    assert_contains(&bad, "--deadline");
    assert_contains(&bad, "31.1.2028");
}

#[test]
fn an_indicator_with_a_value_and_a_risk_with_a_control_moment_from_the_command_line() {
    let s = Sandbox::with_reference_plans();
    let item = "operations-2026:1.1";
    let out = s.ok(&[
        "--lang",
        "sv",
        "indicator",
        "add",
        item,
        "--name",
        "Nöjda medarbetare",
        "--unit",
        "%",
        "--source",
        "Enkät",
        "--green",
        "85",
        "--yellow",
        "80",
    ]);
    assert_eq!(
        out.trim(),
        "Indikator 1 lades till i operations-2026:1.1: Nöjda medarbetare."
    );
    let out = s.ok(&[
        "--lang",
        "sv",
        "indicator",
        "value",
        item,
        "1",
        "82,5",
        "--period",
        "2026",
        "--note",
        "Enkät i mars",
    ]);
    assert!(out.contains("2026: 82,5"), "{out}");
    s.ok(&[
        "--lang",
        "fi",
        "risk",
        "set",
        item,
        "--probability",
        "3",
        "--consequence",
        "4",
    ]);
    let out = s.ok(&[
        "--lang",
        "fi",
        "control",
        "add",
        item,
        "--what",
        "Pistokoe",
        "--how",
        "Tarkastetaan 10 asiakirjaa",
    ]);
    assert!(out.contains("valvontatoimi 1: Pistokoe"), "{out}");
    // What the coordinator then sees of the item.
    let show = s.ok(&["--lang", "sv", "show", item, "--period", "2026"]);
    for want in [
        "Nöjda medarbetare",
        "82,5\u{a0}% ▲ gul",
        "Enkät i mars",
        "3 × konsekvens 4 = 12",
        "Kontrollmoment 1: Pistokoe [fi]",
    ] {
        assert!(show.contains(want), "{want:?} not in:\n{show}");
    }
    // The decimals of its outcomes, set with the thresholds.
    s.ok(&[
        "indicator",
        "thresholds",
        item,
        "1",
        "--green",
        "85",
        "--yellow",
        "80",
        "--decimals",
        "2",
    ]);
    let show = s.ok(&["--lang", "sv", "show", item, "--period", "2026"]);
    assert!(show.contains("82,50\u{a0}% ▲ gul"), "{show}");
    // Exported, imported back: the same plan.
    let file = s.path_of("ops.json");
    s.ok(&["export", "--plan", "operations-2026", "-o", &file]);
    s.ok(&["import", "--replace", &file]);
    assert_eq!(
        s.ok(&["--lang", "sv", "show", item, "--period", "2026"]),
        show
    );
    // Logged, with who and what.
    let log = s.ok(&["--lang", "en", "log", item]);
    assert!(
        log.contains("Nöjda medarbetare") && log.contains("3 × 4"),
        "{log}"
    );
}

#[test]
fn figures_the_rules_refuse_from_the_command_line_change_nothing() {
    let s = Sandbox::with_reference_plans();
    let before = s.snapshot();
    let item = "operations-2026:1.1";
    let err = s.fails(
        &[
            "--lang",
            "sv",
            "indicator",
            "add",
            item,
            "--name",
            "X",
            "--green",
            "80",
            "--yellow",
            "85",
        ],
        1,
    );
    assert!(err.contains("gul") || err.contains("gula"), "{err}");
    let err = s.fails(
        &[
            "--lang",
            "fi",
            "indicator",
            "add",
            item,
            "--name",
            "X",
            "--green",
            "8O",
            "--yellow",
            "1",
        ],
        1,
    );
    assert!(err.contains("--green: ”8O” ei ole luku"), "{err}");
    let err = s.fails(&["--lang", "fi", "control", "add", item, "--what", "X"], 1);
    assert!(err.contains("ei ole riski"), "{err}");
    let err = s.fails(
        &[
            "--lang",
            "en",
            "risk",
            "set",
            item,
            "--probability",
            "5",
            "--consequence",
            "1",
        ],
        1,
    );
    assert!(err.contains("1–4"), "{err}");
    let err = s.fails(&["--lang", "en", "indicator", "remove", item, "3"], 1);
    assert!(err.contains("no indicator 3"), "{err}");
    assert_eq!(s.snapshot(), before);
    // One with values is removed only with --force.
    let ops_ind = "operations-2026:0.2";
    let err = s.fails(&["--lang", "en", "indicator", "remove", ops_ind, "1"], 1);
    assert!(err.contains("--force"), "{err}");
    s.ok(&["indicator", "remove", ops_ind, "1", "--force"]);
}

#[test]
fn a_plan_gets_a_new_code_and_years_and_its_history_follows() {
    let s = Sandbox::with_reference_plans();
    s.ok(&["set", "internal-control-2025:1", "--status", "red"]);
    let out = s.ok(&[
        "--lang",
        "sv",
        "edit-plan",
        "internal-control-2025",
        "--code",
        "ik-2025",
        "--years",
        "2025–2026",
    ]);
    assert_eq!(out.trim(), "Planen ik-2025 (2025–2026) sparades.");
    let plans = s.ok(&["--lang", "sv", "plans"]);
    assert!(
        plans.contains("ik-2025") && plans.contains("2025–2026"),
        "{plans}"
    );
    assert!(!plans.contains("internal-control-2025"), "{plans}");
    // The history reads on under the new code, the rename in it.
    let log = s.ok(&["--lang", "en", "log", "ik-2025"]);
    let log = log.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        log.contains("plan code: internal-control-2025 → ik-2025"),
        "{log}"
    );
    assert!(log.contains("ik-2025:1 (2025) · Status"), "{log}");
    assert!(s.ok(&["show", "ik-2025:1"]).contains("off track"));
    // Refused, and nothing changed.
    let before = s.snapshot();
    let err = s.fails(
        &[
            "--lang",
            "fi",
            "edit-plan",
            "ik-2025",
            "--code",
            "strategy-2026",
        ],
        1,
    );
    assert!(
        err.contains("Suunnitelma strategy-2026 on jo olemassa"),
        "{err}"
    );
    let err = s.fails(
        &[
            "--lang",
            "en",
            "edit-plan",
            "ik-2025",
            "--years",
            "2027-2025",
        ],
        1,
    );
    assert!(err.contains("2026–2029"), "{err}");
    let err = s.fails(
        &["--lang", "en", "edit-plan", "ik-2025", "--code", "a b"],
        1,
    );
    assert!(err.contains("'a b'"), "{err}");
    s.fails(&["edit-plan", "ik-2025"], 2);
    assert_eq!(s.snapshot(), before);
}

/// clap's parse errors and help bits, and serde's import errors, in the
/// display language: no English sentence left in a Finnish or Swedish one.
#[test]
fn parse_and_import_errors_are_in_the_display_language() {
    let s = Sandbox::with_reference_plans();
    let err = s.fails(&["--lang", "fi", "set"], 2);
    assert!(err.starts_with("strata: Anna myös <ADDRESS>"), "{err}");
    assert!(err.contains("Käyttö: strata set <ADDRESS>"), "{err}");
    assert!(err.contains("Lisätietoja: --help"), "{err}");
    assert!(!err.contains("required arguments"), "{err}");
    let err = s.fails(&["--lang", "sv", "status", "--bogus"], 2);
    assert!(
        err.contains("--bogus är inte en flagga för det här kommandot"),
        "{err}"
    );
    assert!(
        err.contains("[FLAGGOR]") && !err.contains("[OPTIONS]"),
        "{err}"
    );
    let err = s.fails(&["--lang", "fi", "status", "--format", "xml"], 2);
    assert!(err.contains("”xml” ei käy valitsimelle --format"), "{err}");
    let err = s.fails(&["--lang", "sv", "frobnicate"], 2);
    assert!(
        err.contains("frobnicate är inte ett strata-kommando"),
        "{err}"
    );
    let help = s.ok(&["--lang", "fi", "status", "--help"]);
    assert!(
        help.contains("[oletus: red,yellow]") && help.contains("[VALITSIMET]"),
        "{help}"
    );
    assert!(
        !help.contains("[default:") && !help.contains("[possible values"),
        "{help}"
    );

    let file = s.write(
        "bad.json",
        r#"{"format": "strata", "version": 3, "plans": [{"code": "x", "title": {"fi": "X"}, "colour": 1}]}"#,
    );
    let err = s.fails(&["--lang", "fi", "import", &file], 1);
    assert!(err.contains("tuntematon kenttä ”colour”"), "{err}");
    assert!(!err.contains("unknown field"), "{err}");
    let file = s.write(
        "cut.json",
        r#"{"format": "strata", "version": 3, "plans": [{"code": "x""#,
    );
    let err = s.fails(&["--lang", "sv", "import", &file], 1);
    assert!(err.contains("filen tar slut för tidigt"), "{err}");
    let file = s.write(
        "type.json",
        r#"{"format": "strata", "version": 3, "plans": [{"code": 5, "title": {"fi": "X"}}]}"#,
    );
    let err = s.fails(&["--lang", "sv", "import", &file], 1);
    assert!(err.contains("ett tal där en text ska stå"), "{err}");
}

/// `strata missing` cuts the text a reader sees instead; `--full` gives it
/// whole under the line, wrapped to the width.
#[test]
fn missing_full_gives_the_fallback_text_whole() {
    let s = Sandbox::with_reference_plans();
    s.ok(&[
        "--lang",
        "sv",
        "text",
        "internal-control-2025:1",
        "comment",
        "--period",
        "2025",
        "",
    ]);
    let cut = s.ok(&["--lang", "sv", "missing"]);
    assert!(
        cut.contains("kommentar (2025)") && cut.contains("…"),
        "{cut}"
    );
    let full = s.ok(&["--lang", "sv", "missing", "--full"]);
    let flat = full.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Noudattaminen parani kuitenkin selvästi"),
        "{full}"
    );
    assert_fits(&full, 80, "missing --full");
}
