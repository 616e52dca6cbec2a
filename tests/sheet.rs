//! Plans from a spreadsheet: `strata import plan.xlsx|plan.csv` on the real
//! binary, with workbooks written by rust_xlsxwriter and by Python's
//! openpyxl (CI installs it), CSV files as Finnish Excel saves them, map
//! files, and the round trip through `strata export --format xlsx`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rust_xlsxwriter::Workbook;
use strata::domain::{Item, Lang, Plan};
use strata::store::{Mode, Store};
use tempfile::TempDir;

/// A directory with a database `s.db` (the five reference plans, or none).
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new(reference: bool) -> Sandbox {
        let s = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        if reference {
            s.ok(&["init"]);
        } else {
            s.ok(&["init", "--empty"]);
        }
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.path(name).display().to_string()
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_strata"))
            .env_clear()
            .env("LANG", "C")
            .env("STRATA_CONFIG", self.path("none.toml"))
            .env("HOME", self.dir.path())
            .env("USER", "sheet-test")
            .arg("--db")
            .arg(self.path("s.db"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "strata {args:?} failed:\n{err}");
        out
    }

    /// A refused import: exit 1, the message, and the database as it was.
    fn refused(&self, args: &[&str]) -> String {
        let before = self.ok(&["export"]);
        let (code, out, err) = self.run(args);
        assert_eq!(code, 1, "strata {args:?}\nstdout:\n{out}\nstderr:\n{err}");
        assert_eq!(out, "");
        assert_eq!(self.ok(&["export"]), before, "the database changed");
        err
    }

    fn plans(&self) -> Vec<Plan> {
        Store::open(&self.path("s.db"), Mode::ReadOnly)
            .unwrap()
            .store
            .load_all()
            .unwrap()
    }

    fn plan(&self, code: &str) -> Plan {
        Store::open(&self.path("s.db"), Mode::ReadOnly)
            .unwrap()
            .store
            .load_plan(code)
            .unwrap()
    }
}

fn has(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
}

/// The tree as codes: `1(1.1(1.1.2)) 2`.
fn shape(items: &[Item]) -> String {
    items
        .iter()
        .map(|i| {
            if i.children.is_empty() {
                i.code.clone()
            } else {
                format!("{}({})", i.code, shape(&i.children))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn item<'a>(plan: &'a Plan, code: &str) -> &'a Item {
    plan.walk()
        .into_iter()
        .map(|(_, i)| i)
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

/// A workbook of one sheet, every cell a string (as a coordinator types
/// codes: as text).
fn xlsx(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Runs a Python script with openpyxl that writes `path`.
fn openpyxl(script: &str, path: &Path) {
    let out = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import openpyxl, sys\nwb = openpyxl.Workbook()\nws = wb.active\n{script}\nwb.save(sys.argv[1])"
        ))
        .arg(path)
        .output()
        .expect("python3 (CI installs it, with openpyxl)");
    assert!(
        out.status.success(),
        "openpyxl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const FI_ROWS: &[&[&str]] = &[
    &["Toimintasuunnitelma 2026 – vanhuspalvelut"],
    &[],
    &[
        "Koodi",
        "Otsikko",
        "Otsikko (sv)",
        "Vastuutaho",
        "Seuranta",
        "Tila",
        "Kommentti",
    ],
    &[
        "1",
        "Kotona asumisen tuki",
        "Stöd för boende hemma",
        "Vanhuspalvelujohtaja",
        "Neljännesvuosittain",
        "vihreä",
        "Etenee aikataulussa",
    ],
    &[
        "1.1",
        "Kotihoidon saatavuus",
        "Hemvårdens tillgänglighet",
        "Kotihoidon esihenkilö",
        "",
        "haasteita",
        "Henkilöstövaje syksyllä",
    ],
    &["1.1.2", "Yöpartio", "Nattpatrull", "", "", "3", ""],
    &["2", "Omaishoidon vahvistaminen", "", "", "", "", ""],
];

#[test]
fn a_finnish_workbook_imports_with_its_hierarchy_texts_and_statuses() {
    let s = Sandbox::new(false);
    let file = s.write("vanhuspalvelut-2026.xlsx", xlsx("Toimenpiteet", FI_ROWS));
    let out = s.ok(&["--lang", "fi", "import", &file, "--period", "2025"]);
    has(&out, "vanhuspalvelut-2026: 4 kohtaa, seuranta 2025");
    let p = s.plan("vanhuspalvelut-2026");
    assert_eq!(shape(&p.items), "1(1.1(1.1.2)) 2");
    // The title above the header row is the plan's.
    assert_eq!(
        p.title.get(Lang::Fi),
        Some("Toimintasuunnitelma 2026 – vanhuspalvelut")
    );
    let it = item(&p, "1.1");
    assert_eq!(it.title.get(Lang::Fi), Some("Kotihoidon saatavuus"));
    assert_eq!(it.title.get(Lang::Sv), Some("Hemvårdens tillgänglighet"));
    assert_eq!(it.owner.get(Lang::Fi), Some("Kotihoidon esihenkilö"));
    let a = it.current("2025").unwrap();
    assert_eq!(a.status.key(), "at_risk");
    assert_eq!(a.comment.get(Lang::Fi), Some("Henkilöstövaje syksyllä"));
    assert_eq!(
        item(&p, "1.1.2").current("2025").unwrap().status.key(),
        "at_risk"
    );
    assert!(item(&p, "2").assessments.is_empty());
    assert_eq!(
        item(&p, "1").follow_up.get(Lang::Fi),
        Some("Neljännesvuosittain")
    );
    // What a manager then sees, in Finnish and in Swedish.
    let status = s.ok(&["--lang", "fi", "status", "--plan", "vanhuspalvelut-2026"]);
    has(&status, "Toimintasuunnitelma 2026 – vanhuspalvelut");
    has(
        &status,
        "1.1 Kotihoidon saatavuus — Henkilöstövaje syksyllä",
    );
    let show = s.ok(&["--lang", "sv", "show", "vanhuspalvelut-2026:1.1"]);
    has(&show, "Hemvårdens tillgänglighet");
    has(&show, "▲ utmaningar");
}

#[test]
fn a_bad_status_in_a_workbook_is_named_by_sheet_row_and_column_and_changes_nothing() {
    let s = Sandbox::new(true);
    let mut rows: Vec<&[&str]> = FI_ROWS.to_vec();
    rows[4] = &["1.1", "Kotihoidon saatavuus", "", "", "", "vihertävä", ""];
    let file = s.write("vanhuspalvelut.xlsx", xlsx("Toimenpiteet", &rows));
    let err = s.refused(&["--lang", "fi", "import", &file]);
    has(
        &err,
        "vanhuspalvelut.xlsx, taulukko 'Toimenpiteet', rivi 5, sarake F (Tila): 'vihertävä' ei ole tila",
    );
    has(&err, "Mitään ei tuotu; tietokanta on ennallaan.");
    let err = s.refused(&["--lang", "en", "import", &file]);
    has(
        &err,
        "sheet 'Toimenpiteet', row 5, column F (Tila): 'vihertävä' is not a status",
    );
    // --dry-run says the same.
    s.refused(&["import", "--dry-run", &file]);
}

#[test]
fn an_openpyxl_workbook_imports_and_a_duplicate_code_is_refused() {
    let s = Sandbox::new(true);
    let good = s.path("actions.xlsx");
    openpyxl(
        r#"ws.title = "Actions"
ws.append(["Code", "Title", "Title (fi)", "Owner", "Status", "Comment"])
ws.append(["A", "Digital services", "Digitaaliset palvelut", "CIO", "on track", "Going well"])
ws.append(["A.1", "E-services for families", "", "", "red", "Delayed by procurement"])
ws.append(["B", "Staff", "", "HR", "", ""])"#,
        &good,
    );
    let out = s.ok(&[
        "--lang",
        "en",
        "import",
        good.to_str().unwrap(),
        "--plan",
        "digital-2026",
        "--period",
        "2026",
    ]);
    has(&out, "Imported 1 plan from");
    has(&out, "digital-2026: 3 items, follow-up of 2026");
    let p = s.plan("digital-2026");
    assert_eq!(shape(&p.items), "A(A.1) B");
    // The sheet's name is the title when nothing above the header says one.
    assert_eq!(p.title.get(Lang::En), Some("Actions"));
    assert_eq!(
        item(&p, "A").title.get(Lang::Fi),
        Some("Digitaaliset palvelut")
    );
    assert_eq!(
        item(&p, "A.1").current("2026").unwrap().status.key(),
        "off_track"
    );

    let bad = s.path("bad.xlsx");
    openpyxl(
        r#"ws.title = "Actions"
ws.append(["Code", "Title"])
ws.append(["1", "One"])
ws.append(["2", "Two"])
ws.append(["1", "One again"])"#,
        &bad,
    );
    let err = s.refused(&["import", bad.to_str().unwrap()]);
    has(
        &err,
        "bad.xlsx, sheet 'Actions', row 4, column A (Code): the code 1 is already used on row 2",
    );
    has(&err, "Nothing was imported; the database is unchanged.");
}

#[test]
fn a_semicolon_csv_with_a_byte_order_mark_and_finnish_headers() {
    let s = Sandbox::new(false);
    let csv = "\u{feff}Koodi;Otsikko;Vastuutaho;Tila;Kommentti\r\n\
               1;Hyvinvoinnin edistäminen;Hyvinvointikoordinaattori;etenee;\"Kunta; järjestöt ja seurakunta mukana\"\r\n\
               1.1;Liikuntaneuvonta;Liikuntapalvelut;punainen;\r\n\
               1.2;Ravitsemus;;;\r\n";
    let file = s.write("hyvinvointi 2026.csv", csv);
    let out = s.ok(&["--lang", "fi", "import", &file, "--period", "2026"]);
    // The plan's code comes from the file's name.
    has(&out, "hyvinvointi-2026: 3 kohtaa, seuranta 2026");
    let p = s.plan("hyvinvointi-2026");
    assert_eq!(shape(&p.items), "1(1.1 1.2)");
    let one = item(&p, "1");
    assert_eq!(
        one.current("2026").unwrap().comment.get(Lang::Fi),
        Some("Kunta; järjestöt ja seurakunta mukana")
    );
    assert_eq!(
        item(&p, "1.1").current("2026").unwrap().status.key(),
        "off_track"
    );
    // A row without a title is refused, by its row and column.
    let bad = s.write("toinen.csv", "Koodi;Otsikko\r\n1;Yksi\r\n2;\r\n");
    let err = s.refused(&["--lang", "fi", "import", &bad]);
    has(
        &err,
        "toinen.csv, rivi 3, sarake B (Otsikko): kohdalta puuttuu otsikko kaikilla kielillä",
    );
}

#[test]
fn hierarchy_from_dotted_codes_needs_every_parent() {
    let s = Sandbox::new(false);
    let file = s.write(
        "p.csv",
        "code,title\n1,One\n1.1,One one\n1.1.2,Deep\n2,Two\n",
    );
    s.ok(&["import", &file]);
    assert_eq!(shape(&s.plan("p").items), "1(1.1(1.1.2)) 2");
    let file = s.write("q.csv", "code,title\n1,One\n1.2.1,Orphan\n");
    let err = s.refused(&["import", &file]);
    has(
        &err,
        "q.csv, row 3, column A (code): there is no item 1.2 for this item to be under",
    );
}

#[test]
fn a_level_column_with_a_parent_column_or_alone() {
    let s = Sandbox::new(false);
    // Codes that say nothing of the tree: the parent column does.
    let file = s.write(
        "strategia.xlsx",
        xlsx(
            "Strategia",
            &[
                &["Tunnus", "Taso", "Yläkohta", "Nimi"],
                &["R1", "1", "", "Asukkaiden luottamus"],
                &["P1", "2", "R1", "Asiakas valitsee"],
                &["P2", "2", "R1", "Vastuu annetaan"],
                &["M1", "3", "P2", "Palveluseteli"],
            ],
        ),
    );
    s.ok(&["import", &file]);
    assert_eq!(shape(&s.plan("strategia").items), "R1(P1 P2(M1))");
    // The level alone: each row under the nearest row above one level up.
    let file = s.write(
        "outline.csv",
        "code,level,title\nA,1,Theme\nB,2,Goal\nC,3,Measure\nD,2,Goal two\nE,1,Theme two\n",
    );
    s.ok(&["import", &file]);
    assert_eq!(shape(&s.plan("outline").items), "A(B(C) D) E");
    // A level that jumps is refused at its cell.
    let file = s.write("jump.csv", "code,level,title\nA,1,Theme\nC,3,Measure\n");
    let err = s.refused(&["import", &file]);
    has(
        &err,
        "jump.csv, row 3, column B (level): level 3 cannot follow level 1",
    );
    // A level that disagrees with the parent column.
    let file = s.write(
        "mismatch.csv",
        "code,level,parent,title\nA,1,,Theme\nB,3,A,Goal\n",
    );
    let err = s.refused(&["import", &file]);
    has(
        &err,
        "row 3, column B (level): level 3 does not fit the parent",
    );
}

#[test]
fn a_map_file_names_the_users_own_headers() {
    let s = Sandbox::new(false);
    let file = s.write(
        "äldreomsorg.xlsx",
        xlsx(
            "Blad1",
            &[
                &["Nr", "Åtgärd", "Ansvarig enhet", "Budget", "Läge"],
                &["1", "Trygg hemgång", "Hemtjänsten", "20 000", "gul"],
                &["2", "Digital tillsyn", "", "5 000", "enligt plan"],
            ],
        ),
    );
    let map = s.write(
        "karta.toml",
        "\"Åtgärd\" = \"title.sv\"\n\"Ansvarig enhet\" = \"owner.sv\"\n\"Budget\" = \"-\"\n",
    );
    // Without the map the first unknown column is named.
    let err = s.refused(&["--lang", "sv", "import", &file]);
    has(
        &err,
        "blad 'Blad1', rad 1, kolumn B (Åtgärd): strata känner inte till den här kolumnen",
    );
    let out = s.ok(&[
        "--lang",
        "sv",
        "import",
        &file,
        "--map",
        &map,
        "--period",
        "2025",
        "--dry-run",
    ]);
    has(&out, "B Åtgärd → Rubrik (sv)");
    has(&out, "D Budget → (importeras inte)");
    has(&out, "E Läge → Status");
    s.ok(&[
        "--lang", "sv", "import", &file, "--map", &map, "--period", "2025",
    ]);
    // The code from the file's name; a default sheet name is no title.
    let p = s.plan("aldreomsorg");
    assert_eq!(p.title.get(Lang::Sv), Some("äldreomsorg"));
    assert_eq!(item(&p, "1").title.get(Lang::Sv), Some("Trygg hemgång"));
    assert_eq!(item(&p, "1").owner.get(Lang::Sv), Some("Hemtjänsten"));
    assert_eq!(
        item(&p, "1").current("2025").unwrap().status.key(),
        "at_risk"
    );

    // A map naming a column the sheet lacks, or a column strata lacks.
    let typo = s.write("typo.toml", "\"Åtgärder\" = \"title.sv\"\n");
    let err = s.refused(&["import", &file, "--map", &typo]);
    has(
        &err,
        "typo.toml, line 1: the sheet has no column 'Åtgärder'",
    );
    let wrong = s.write("wrong.toml", "\"Åtgärd\" = \"titel.sv\"\n");
    let err = s.refused(&["import", &file, "--map", &wrong]);
    has(
        &err,
        "wrong.toml, line 1: 'titel.sv' is not a column of strata",
    );
}

#[test]
fn swedish_headers_put_the_texts_in_swedish() {
    let s = Sandbox::new(false);
    let file = s.write(
        "plan.xlsx",
        xlsx(
            "Integration",
            &[
                &[
                    "Kod",
                    "Rubrik",
                    "Rubrik (fi)",
                    "Ansvarig",
                    "Uppföljning",
                    "Status 2025",
                    "Kommentar 2025",
                ],
                &[
                    "1",
                    "Språkcaféer",
                    "Kielikahvilat",
                    "Biblioteket",
                    "Årligen",
                    "genomförd",
                    "Klart i maj",
                ],
                &["1.1", "Läxhjälp", "", "", "", "avviker", ""],
            ],
        ),
    );
    let out = s.ok(&["--lang", "en", "import", &file]);
    has(&out, "plan: 2 items, follow-up of 2025");
    let p = s.plan("plan");
    let one = item(&p, "1");
    assert_eq!(one.title.get(Lang::Sv), Some("Språkcaféer"));
    assert_eq!(one.title.get(Lang::Fi), Some("Kielikahvilat"));
    assert_eq!(one.owner.get(Lang::Sv), Some("Biblioteket"));
    assert_eq!(one.follow_up.get(Lang::Sv), Some("Årligen"));
    let a = one.current("2025").unwrap();
    assert_eq!(a.status.key(), "done");
    assert_eq!(a.comment.get(Lang::Sv), Some("Klart i maj"));
    assert_eq!(p.title.get(Lang::Sv), Some("Integration"));
}

/// What a round trip must keep of a plan: its tree, each item's texts in
/// every language, and its status and comment in the period.
fn essence(p: &Plan, period: &str) -> Vec<String> {
    let mut out = vec![format!("{} {:?}", p.code, p.title)];
    for (depth, it) in p.walk() {
        let a = it.current(period);
        // The level name a reader sees: the item's own or the plan's.
        let level = if it.level.is_empty() {
            p.level_name(depth).cloned().unwrap_or_default()
        } else {
            it.level.clone()
        };
        out.push(format!(
            "{depth} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            it.code,
            level,
            it.title,
            it.owner,
            it.follow_up,
            it.description,
            a.map(|a| a.status),
            a.map(|a| (&a.comment, &a.actions)),
        ));
    }
    out
}

#[test]
fn an_exported_workbook_reads_back_and_imports_as_the_same_plans() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let s = Sandbox::new(true);
    let before = s.plans();
    for lang in ["fi", "sv", "en"] {
        let file = s.path(&format!("plans-{lang}.xlsx"));
        let f = file.to_str().unwrap();
        s.ok(&["--lang", lang, "export", "--format", "xlsx", "-o", f]);
        let mut wb: Xlsx<_> = open_workbook(&file).unwrap();
        let name = wb.sheet_names()[0].clone();
        let cells = wb.worksheet_range(&name).unwrap();
        let head = |c: u32| cells.get((0, c as usize)).cloned();
        let word = |fi: &str, sv: &str, en: &str| {
            Data::String(
                match lang {
                    "fi" => fi,
                    "sv" => sv,
                    _ => en,
                }
                .to_owned(),
            )
        };
        assert_eq!(head(0), Some(word("Suunnitelma", "Plan", "Plan")));
        assert_eq!(head(5), Some(word("Tunnus", "Kod", "Code")));
        assert_eq!(
            head(10),
            Some(word("Otsikko (fi)", "Rubrik (fi)", "Title (fi)"))
        );
        assert_eq!(
            head(11),
            Some(word("Otsikko (sv)", "Rubrik (sv)", "Title (sv)"))
        );
        assert_eq!(head(22), Some(word("Tila", "Status", "Status")));
        // A row per item of every plan, under the header.
        let items: usize = before.iter().map(|p| p.walk().len()).sum();
        assert_eq!(cells.height(), items + 1);
        assert_eq!(
            cells.get((1, 0)),
            Some(&Data::String(before[0].code.clone()))
        );

        let fresh = Sandbox::new(false);
        let out = fresh.ok(&["--lang", lang, "import", f]);
        assert!(out.contains(&before[0].code), "{out}");
        let after = fresh.plans();
        assert_eq!(after.len(), before.len());
        for (a, b) in before.iter().zip(&after) {
            let period = a
                .default_period(&strata::clock::today())
                .map(|p| p.code.clone())
                .unwrap_or_default();
            assert_eq!(essence(a, &period), essence(b, &period), "{lang}");
        }
    }
}

#[test]
fn the_csv_export_imports_again() {
    let s = Sandbox::new(true);
    let csv = s.ok(&[
        "--lang",
        "fi",
        "export",
        "--format",
        "csv",
        "--plan",
        "strategy-2026",
    ]);
    let fresh = Sandbox::new(false);
    let file = fresh.write("strategia.csv", csv);
    fresh.ok(&["--lang", "fi", "import", &file]);
    let (a, b) = (s.plan("strategy-2026"), fresh.plan("strategy-2026"));
    assert_eq!(shape(&a.items), shape(&b.items));
    for ((_, x), (_, y)) in a.walk().into_iter().zip(b.walk()) {
        assert_eq!(
            x.title.resolve(Lang::Fi).map(|t| t.text),
            y.title.get(Lang::Fi)
        );
    }
}

#[test]
fn sheet_options_are_for_sheets_only() {
    let s = Sandbox::new(false);
    let file = s.write("plans.json", s.ok(&["export"]));
    let (code, _, err) = s.run(&["import", &file, "--sheet", "X"]);
    assert_eq!(code, 2, "{err}");
    has(&err, "--sheet is for a spreadsheet");
    let csv = s.write("p.csv", "code,title\n1,One\n");
    let err = s.refused(&["import", &csv, "--sheet", "X"]);
    has(&err, "a CSV file has no sheets");
    let book = s.write("b.xlsx", xlsx("Plan", &[&["Code", "Title"], &["1", "One"]]));
    let err = s.refused(&["import", &book, "--sheet", "Nope"]);
    has(&err, "there is no sheet 'Nope'; the workbook has: Plan");
}

#[test]
fn a_code_excel_took_for_a_date_is_named_and_a_windows_csv_reads() {
    use rust_xlsxwriter::{ExcelDateTime, Format};
    let s = Sandbox::new(false);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Taul1").unwrap();
    ws.write_string(0, 0, "Koodi").unwrap();
    ws.write_string(0, 1, "Otsikko").unwrap();
    ws.write_string(1, 0, "1").unwrap();
    ws.write_string(1, 1, "Yksi").unwrap();
    // What Finnish Excel makes of a typed 1.2.
    let date = ExcelDateTime::from_ymd(2026, 2, 1).unwrap();
    ws.write_datetime_with_format(2, 0, &date, &Format::new().set_num_format("d.m.yyyy"))
        .unwrap();
    ws.write_string(2, 1, "Kaksi").unwrap();
    let file = s.write("p.xlsx", wb.save_to_buffer().unwrap());
    let err = s.refused(&["--lang", "fi", "import", &file]);
    has(
        &err,
        "p.xlsx, taulukko 'Taul1', rivi 3, sarake A (Koodi): solussa on päivämäärä (2026-02-01) eikä tunnus",
    );
    // Excel's plain "CSV" is Windows-1252: ä is one byte.
    let mut csv = b"Koodi;Otsikko;Vastuutaho\r\n1;P".to_vec();
    csv.push(0xE4); // ä
    csv.extend_from_slice(b"iv");
    csv.push(0xE4);
    csv.extend_from_slice(b"hoito;Varhaiskasvatus\r\n");
    let file = s.write("paivahoito.csv", csv);
    s.ok(&["import", &file]);
    assert_eq!(
        item(&s.plan("paivahoito"), "1").title.get(Lang::Fi),
        Some("Päivähoito")
    );
}
