//! The board report and what changed between two periods, read back as
//! their readers' programs read them: the HTML printed to PDF by headless
//! Chromium and the PDF's text taken out by pdftotext (CI installs both).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use strata::domain::{Lang, Status};
use strata::store::{Mode, SetAssessment, Store};

const OPS: &str = "operations-2026";

fn strata(_dir: &Path, db: &Path, args: &[&str]) -> (i32, String, String) {
    let r = run_strata(db, args, &[("USER", "koordinaattori")]);
    (r.code, r.out, r.err)
}

/// The HTML printed to PDF by headless Chromium, as a board member's
/// browser prints it, and the PDF's text as pdftotext reads it.
fn pdf_text(html: &Path) -> (String, usize) {
    let pdf = html.with_extension("pdf");
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .expect("a Chromium (CI installs the chromium package)");
    let st = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .output()
        .expect("run chromium");
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&st.stderr)
    );
    read_pdf(&pdf)
}

/// A PDF's text as pdftotext reads it, and its number of pages.
fn read_pdf(pdf: &Path) -> (String, usize) {
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (CI installs poppler-utils)");
    let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let pages = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0);
    (String::from_utf8_lossy(&text.stdout).into_owned(), pages)
}

#[test]
fn the_finnish_report_of_the_internal_control_plan_prints_as_the_board_reads_it() {
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let html = dir.join("raportti.html");
    let (code, out, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "fi",
            "report",
            "--plan",
            IC,
            "--period",
            "2025",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!("Raportti kirjoitettiin tiedostoon {}.\n", html.display())
    );
    let page = std::fs::read_to_string(&html).unwrap();
    // One file: no scripts, nothing fetched.
    assert!(!page.contains("<script"), "a script");
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "a fetch"
    );
    assert!(page.contains("<html lang=\"fi\">"));
    assert!(page.contains("@page { size: A4"));
    let (text, pages) = pdf_text(&html);
    assert!(pages >= 4, "{pages} pages");
    for want in [
        "Seurantaraportti",
        "Sosiaalihallinnon sisäisen valvonnan suunnitelma",
        "Vaggerydin kunta",
        "Laatija",
        "koordinaattori",
        "Yhteenveto",
        "Liikennevalot",
        "Hyvä hygieniataso",
        "▲ haasteita",
        "■ ei etene",
        "Osittain hyväksytty",
        "Riskit",
        "todennäköisyys",
        "1, 4, 6, 7",
        "3 × 4 = 12",
    ] {
        assert!(
            text.contains(want),
            "{want:?} not in the PDF's text:\n{text}"
        );
    }
    // Page numbers at the foot of every page: "2 / 6" (pdftotext may close
    // up the spaces).
    let packed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for p in [2, pages] {
        assert!(
            packed.contains(&format!("{p}/{pages}")),
            "no page number {p}:\n{text}"
        );
    }
}

#[test]
fn a_text_missing_in_the_boards_language_stops_the_report_unless_fallbacks_are_allowed() {
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    strata(
        &dir,
        &db.path,
        &["period", "add", IC, "2026", "--carry-over"],
    );
    let (code, _, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "sv",
            "set",
            &format!("{IC}:1"),
            "--keep",
            "--comment",
            "Bara på svenska.",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let html = dir.join("r.html");
    let args = [
        "--lang",
        "fi",
        "report",
        "--plan",
        IC,
        "--period",
        "2026",
        "-o",
        html.to_str().unwrap(),
    ];
    let (code, out, err) = strata(&dir, &db.path, &args);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(
        err.contains("raporttia ei voi kirjoittaa kielellä suomi: siltä puuttuu 1 teksti"),
        "{err}"
    );
    assert!(err.contains(&format!("{IC}:1  kommentti (2026)")), "{err}");
    assert!(!html.exists(), "nothing is written");
    let mut allowed = args.to_vec();
    allowed.push("--allow-fallback");
    let (code, _, err) = strata(&dir, &db.path, &allowed);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<p>Bara på svenska.</p> <span class=\"fallback\">[sv]</span>"),
        "the fallback is marked"
    );
    assert!(page.contains("1 teksti näytetään toisella kielellä, merkittynä kielen koodilla."));
}

#[test]
fn the_diff_says_two_statuses_changed_an_indicator_crossed_and_an_item_was_added() {
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        let mut set = |item: &str, period: &str, status: Status| {
            store
                .set_assessment(&SetAssessment {
                    plan: OPS,
                    item,
                    period: Some(period),
                    status: Some(status),
                    comment: None,
                    expect_comment: None,
                    user: "test",
                    at: "2026-12-01T09:00:00Z",
                })
                .unwrap();
        };
        set("2.1", "2024", Status::AtRisk);
        set("2.1", "2025", Status::OnTrack);
        set("5.1", "2024", Status::OnTrack);
        set("5.1", "2025", Status::OffTrack);
        store
            .add_item(
                OPS,
                Some("5"),
                None,
                Some("5.3"),
                (Lang::Sv, "Ny rutin för läkemedel"),
                "test",
                "2026-12-01T09:00:00Z",
            )
            .unwrap();
    }
    let (code, out, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang", "sv", "diff", "--from", "2024", "--to", "2025", "--plan", OPS,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2024 → 2025: ↑ 1 bättre  ↓ 1 sämre"), "{out}");
    assert!(out.contains("▲ utmaningar → ● enligt plan"), "{out}");
    assert!(out.contains("● enligt plan → ■ avviker"), "{out}");
    assert!(out.contains("Indikatorer som passerat en gräns"), "{out}");
    assert!(out.contains("Helhetssyn hemtjänst"), "{out}");
    assert!(out.contains("5.3 tillagd"), "{out}");
    let (_, json, _) = strata(
        &dir,
        &db.path,
        &[
            "diff", "--from", "2024", "--to", "2025", "--plan", OPS, "--format", "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = v["plans"][0]["items"].as_array().unwrap();
    let item = |c: &str| items.iter().find(|i| i["code"] == c).unwrap();
    assert_eq!(item("2.1")["direction"], "better");
    assert_eq!(item("5.1")["direction"], "worse");
    assert_eq!(v["plans"][0]["structure"][0]["change"], "add");
    assert!(items
        .iter()
        .any(|i| !i["crossed"].as_array().unwrap().is_empty()));
    // The report compared with 2024 says the same.
    let html = dir.join("ops.html");
    let (code, _, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "sv",
            "report",
            "--plan",
            OPS,
            "--period",
            "2025",
            "--compare-to",
            "2024",
            "--allow-fallback",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("Vad som ändrats från 2024 till 2025"),
        "changes part"
    );
    assert!(page.contains("Källa: Kolada"), "the source's attribution");
}

#[test]
fn the_workbook_reads_back_with_its_sheets_headers_and_numbers_as_numbers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let file = dir.join("seuranta.xlsx");
    let (code, _, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "fi",
            "report",
            "--plan",
            OPS,
            "--period",
            "2025",
            "--compare-to",
            "2024",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let mut wb: Xlsx<_> = open_workbook(&file).expect("an xlsx calamine reads");
    assert_eq!(
        wb.sheet_names(),
        ["Yhteenveto", "Liikennevalot", "Mittarit", "Riskit"]
    );
    let summary = wb.worksheet_range("Yhteenveto").unwrap();
    assert_eq!(summary.get((0, 1)), Some(&Data::String("Kohta".into())));
    assert_eq!(
        summary.get((0, 2)),
        Some(&Data::String("■ ei etene".into()))
    );
    assert!(
        matches!(summary.get((1, 2)), Some(Data::Float(_))),
        "{:?}",
        summary.get((1, 2))
    );
    let items = wb.worksheet_range("Liikennevalot").unwrap();
    assert_eq!(items.get((0, 3)), Some(&Data::String("2025".into())));
    assert_eq!(items.get((0, 5)), Some(&Data::String("Suunta".into())));
    let ind = wb.worksheet_range("Mittarit").unwrap();
    let header: Vec<String> = (0..ind.width())
        .map(|c| ind.get((0, c)).unwrap().to_string())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let (v2024, v2025) = (col("2024"), col("2025"));
    // The patient-safety figures of the medical unit: 12,08 and 12,64 hours.
    let row = (1..ind.height())
        .find(|&r| {
            ind.get((r, 2))
                .is_some_and(|d| d.to_string().contains("Yöpaasto"))
        })
        .expect("the night-fast indicator");
    assert_eq!(ind.get((row, v2024)), Some(&Data::Float(12.08)));
    assert_eq!(ind.get((row, v2025)), Some(&Data::Float(12.64)));
    assert_eq!(
        ind.get((row, col("Valo"))),
        Some(&Data::String("■ ei etene".into()))
    );
}

#[test]
fn the_csv_opens_right_in_a_finnish_excel_and_has_indicator_rows() {
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let (code, out, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang", "fi", "report", "--plan", OPS, "--period", "2025", "--format", "csv",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with('\u{feff}'), "a byte-order mark");
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let headers = rd.headers().unwrap().clone();
    assert_eq!(&headers[0], "Rivi");
    assert_eq!(&headers[4], "Tila");
    assert_eq!(headers.len(), 15);
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert!(rows.iter().all(|r| r.len() == 15));
    let night = rows
        .iter()
        .find(|r| &r[0] == "mittarin arvo" && r[10].contains("Yöpaasto") && &r[12] == "2025")
        .expect("an indicator value row");
    assert_eq!((&night[13], &night[14]), ("12,64", "ei etene"));
    // English: commas, and the machine names on request.
    let (_, out, _) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "en",
            "report",
            "--plan",
            OPS,
            "--period",
            "2025",
            "--format",
            "csv",
            "--raw-headers",
            "--allow-fallback",
        ],
    );
    assert!(
        out.trim_start_matches('\u{feff}')
            .starts_with("row,code,title,owner,status,"),
        "{}",
        &out[..80]
    );
}

/// A part of a Word file, as any program that opens one reads it.
fn docx_part(file: &Path, part: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode('utf-8'))",
        ])
        .arg(file)
        .arg(part)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_word_document_holds_the_texts_coloured_statuses_and_page_numbers() {
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let file = dir.join("rapport.docx");
    let (code, _, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "sv",
            "report",
            "--plan",
            IC,
            "--period",
            "2025",
            "--format",
            "docx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Every part is well-formed XML and deflated, as Word writes them.
    let check = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile, xml.dom.minidom as m
z = zipfile.ZipFile(sys.argv[1])
for i in z.infolist():
    if i.is_dir():
        continue
    assert i.compress_type == zipfile.ZIP_DEFLATED, i.filename
    m.parseString(z.read(i.filename))",
        ])
        .arg(&file)
        .output()
        .expect("python3");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let doc = docx_part(&file, "word/document.xml");
    // The body sits in the document, before the section's page settings,
    // with no trace of where it was put in.
    let body = &doc[doc.find("<w:body>").expect("a body")..];
    assert!(body.starts_with("<w:body><w:p"), "{}", &body[..200]);
    assert!(body.contains("</w:tbl>") && body.ends_with("</w:body></w:document>"));
    assert_eq!(doc.matches("<w:sectPr").count(), 1);
    assert!(!doc.contains("strata-report-body"));
    assert_eq!(
        doc.matches("<w:tbl>").count(),
        doc.matches("</w:tbl>").count()
    );
    assert!(
        doc.matches("<w:tbl>").count() >= 4,
        "summary, lights, matrix, risks"
    );
    let text: String = {
        let mut out = String::new();
        let mut inside = false;
        for c in doc.chars() {
            match c {
                '<' => inside = true,
                '>' => {
                    inside = false;
                    out.push(' ');
                }
                c if !inside => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for want in [
        "Uppföljningsrapport",
        "Plan för intern kontroll med uppföljning 2025",
        "Sammanfattning",
        "Trafikljus",
        "God hygienisk standard",
        "▲ utmaningar",
        "Delvis godkänd",
        "Risker",
        "3 × 4 = 12",
        "1, 4, 6, 7",
    ] {
        assert!(
            text.contains(want),
            "{want:?} not in word/document.xml:\n{text}"
        );
    }
    // A red status cell is shaded red, the headings are styled.
    assert!(doc.contains("w:fill=\"FDE4E4\""), "no coloured status cell");
    assert!(doc.contains("w:pStyle w:val=\"Heading2\""), "no headings");
    let footer = docx_part(&file, "word/footer1.xml");
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
}

/// A Word file opened by LibreOffice and printed to PDF, as a colleague
/// without Word opens the attachment (CI installs libreoffice-writer-nogui).
fn word_to_pdf(docx: &Path) -> (String, usize) {
    let dir = docx.parent().unwrap();
    // A profile of its own, so that tests running at once do not share one.
    let profile = dir.join("lo-profile");
    let st = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice (CI installs libreoffice-writer-nogui)");
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.exists(),
        "LibreOffice made no PDF: {}{}",
        String::from_utf8_lossy(&st.stdout),
        String::from_utf8_lossy(&st.stderr)
    );
    read_pdf(&pdf)
}

#[test]
fn the_finnish_word_report_opens_in_libreoffice_with_its_tables_and_page_numbers() {
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let file = dir.join("seuranta.docx");
    let (code, _, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "fi",
            "report",
            "--plan",
            OPS,
            "--period",
            "2025",
            "--compare-to",
            "2024",
            "--allow-fallback",
            "--format",
            "docx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (text, pages) = word_to_pdf(&file);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pages >= 5, "{pages} pages");
    for want in [
        "Seurantaraportti",
        "Yhteenveto",
        "Liikennevalot",
        "Mittarit",
        "Lähde: Kolada",
        "Mitä muuttui",
        &format!("1 / {pages}"),
        &format!("{pages} / {pages}"),
    ] {
        assert!(flat.contains(want), "{want:?} not in the PDF:\n{text}");
    }
    // The columns have their widths: a short Finnish title stays on one line
    // in the summary (eight equal columns broke it into syllables).
    let summary = &text[text.find("Yhteenveto").unwrap()..];
    assert!(
        summary
            .lines()
            .take(40)
            .any(|l| l.contains("Yksilö- ja perhehuolto")),
        "{summary}"
    );
}

#[test]
fn the_markdown_report_has_the_same_parts_in_the_same_order() {
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let (code, md, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang", "en", "report", "--plan", IC, "--period", "2025", "--format", "md",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} not in:\n{md}"));
    assert!(
        md.starts_with("# Internal-control plan and follow-up 2025"),
        "{}",
        &md[..80]
    );
    assert!(
        at("## Summary") < at("## Traffic lights")
            && at("## Traffic lights") < at("## Risks")
            && at("## Risks") < at("## Not updated in the period (0)")
    );
    assert!(
        md.contains("| 1 | Good hygiene standard | 0 | 1 | 0 | 0 | 0 | 100 % |"),
        "{md}"
    );
    assert!(
        md.contains("| **3** | 3 | 6 | **9**: 5 | **12**: 1, 4, 6, 7 |"),
        "{md}"
    );
}

#[test]
fn a_bilingual_county_gets_both_languages_one_after_the_other() {
    use calamine::{open_workbook, Reader, Xlsx};
    let db = reference_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let html = dir.join("bi.html");
    let (code, out, err) = strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "fi,sv",
            "report",
            "--plan",
            IC,
            "--period",
            "2025",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Raportti kirjoitettiin"),
        "told in the first language: {out}"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    let fi = page.find("<div lang=\"fi\">").expect("the Finnish part");
    let sv = page.find("<div lang=\"sv\">").expect("the Swedish part");
    assert!(fi < sv);
    assert!(page[fi..sv].contains("Sosiaalihallinnon sisäisen valvonnan suunnitelma"));
    assert!(page[sv..].contains("Plan för intern kontroll med uppföljning 2025"));
    assert!(page[sv..].contains("Trafikljus") && page[fi..sv].contains("Liikennevalot"));
    let book = dir.join("bi.xlsx");
    strata(
        &dir,
        &db.path,
        &[
            "--lang",
            "fi,sv",
            "report",
            "--plan",
            IC,
            "--period",
            "2025",
            "--format",
            "xlsx",
            "-o",
            book.to_str().unwrap(),
        ],
    );
    let wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Yhteenveto",
            "Liikennevalot",
            "Mittarit",
            "Riskit",
            "Sammanfattning (sv)",
            "Trafikljus (sv)",
            "Indikatorer (sv)",
            "Risker (sv)"
        ]
    );
}

#[test]
fn in_the_app_d_shows_what_changed_and_enter_goes_to_the_item() {
    let db = reference_db();
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        for (item, period, status) in [
            ("2.1", "2024", Status::AtRisk),
            ("2.1", "2025", Status::OnTrack),
            ("5.1", "2025", Status::OffTrack),
        ] {
            store
                .set_assessment(&SetAssessment {
                    plan: OPS,
                    item,
                    period: Some(period),
                    status: Some(status),
                    comment: None,
                    expect_comment: None,
                    user: "test",
                    at: "2026-12-01T09:00:00Z",
                })
                .unwrap();
        }
    }
    for (lang, title, better) in [
        (
            Lang::Fi,
            "Mitä muuttui · operations-2026 · 2024 → 2025",
            "1 parempi",
        ),
        (
            Lang::Sv,
            "Vad som ändrats · operations-2026 · 2024 → 2025",
            "1 bättre",
        ),
        (
            Lang::En,
            "What changed · operations-2026 · 2024 → 2025",
            "1 better",
        ),
    ] {
        let mut app = open_app(&db.path, Mode::ReadOnly, lang);
        // The search finds titles in every language.
        keys(&mut app, "/Öka samarbete inom och mellan<ret>");
        assert_eq!(selected(&app), key(OPS, Some("2.1")));
        keys(&mut app, "D");
        let screen = render(&mut app, 120, 40);
        assert!(screen.contains(title), "{lang}:\n{screen}");
        assert!(screen.contains(better), "{lang}:\n{screen}");
        assert!(screen.contains("↑ 2.1 "), "{lang}:\n{screen}");
        // 5.1: not assessed in 2024, so no direction.
        assert!(screen.contains("· 5.1 "), "{lang}:\n{screen}");
    }
    // Enter on the line of 5.1 goes there.
    let mut app = open_app(&db.path, Mode::ReadOnly, Lang::En);
    keys(&mut app, "/Öka samarbete inom och mellan<ret>D");
    let screen = render(&mut app, 120, 40);
    let at = screen
        .lines()
        .skip(2)
        .position(|l| l.contains(" 5.1 "))
        .expect("5.1 in the view");
    keys(&mut app, &"j".repeat(at));
    keys(&mut app, "<ret>");
    assert_eq!(selected(&app), key(OPS, Some("5.1")));
}
