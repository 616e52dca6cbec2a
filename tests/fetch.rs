//! `strata fetch` against a local HTTP server that answers in the shapes of
//! Kolada's v3 and Sotkanet's 1.1 APIs: the operations plan's Kolada
//! indicators fill themselves, say where each figure came from, and a value
//! the source revises after reporting is flagged; every failure (an HTTP
//! error, a timeout, malformed JSON, no network) leaves the file as it was.
//! Nothing here touches the network.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{reference_db, run_strata, strata_ok};

const OPS: &str = "operations-2026";

/// What the server answers for a path (with its query): status, body and a
/// delay before answering.
#[derive(Clone)]
struct Answer {
    status: u16,
    body: String,
    delay: Duration,
}

fn ok(body: impl Into<String>) -> Answer {
    Answer {
        status: 200,
        body: body.into(),
        delay: Duration::ZERO,
    }
}

/// A local server on 127.0.0.1: answers by exact path, else by the longest
/// prefix given; records each request line with its headers.
#[derive(Clone, Default)]
struct Server {
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    pub requests: Arc<Mutex<Vec<String>>>,
    port: u16,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let s = Server {
            port: listener.local_addr().unwrap().port(),
            ..Server::default()
        };
        let shared = s.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { continue };
                let shared = shared.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(conn.try_clone().unwrap());
                    let mut head = String::new();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                            break;
                        }
                        head.push_str(&line);
                    }
                    let path = head
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned();
                    shared.requests.lock().unwrap().push(head);
                    let answer = {
                        let a = shared.answers.lock().unwrap();
                        a.get(&path).cloned().or_else(|| {
                            a.iter()
                                .filter(|(k, _)| path.starts_with(k.as_str()))
                                .max_by_key(|(k, _)| k.len())
                                .map(|(_, v)| v.clone())
                        })
                    };
                    let answer = answer.unwrap_or(Answer {
                        status: 404,
                        body: "{\"error\": \"not found\"}".into(),
                        delay: Duration::ZERO,
                    });
                    std::thread::sleep(answer.delay);
                    let _ = write!(
                        conn,
                        "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                        answer.status,
                        answer.body.len(),
                        answer.body
                    );
                    let _ = conn.flush();
                    let mut rest = Vec::new();
                    let _ = conn.set_read_timeout(Some(Duration::from_millis(50)));
                    let _ = conn.read_to_end(&mut rest);
                });
            }
        });
        s
    }

    fn answer(&self, path: &str, a: Answer) {
        self.answers.lock().unwrap().insert(path.to_owned(), a);
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn env(&self) -> Vec<(String, String)> {
        vec![
            ("STRATA_KOLADA_URL".into(), format!("{}/v3", self.base())),
            (
                "STRATA_SOTKANET_URL".into(),
                format!("{}/rest/1.1", self.base()),
            ),
            ("STRATA_FETCH_TIMEOUT".into(), "2".into()),
        ]
    }
}

/// One Kolada entry: a KPI's value for Norsjö (2417) in a year, total and
/// women (`null`: no value).
fn entry(kpi: &str, year: i32, t: Option<f64>, deleted: bool) -> String {
    let v = |x: Option<f64>| x.map_or("null".to_owned(), |x| x.to_string());
    format!(
        r#"{{"kpi":"{kpi}","period":{year},"municipality":"2417","values":[
            {{"gender":"T","value":{},"status":"{}","count":1,"isdeleted":{deleted}}},
            {{"gender":"K","value":{},"status":"","count":1,"isdeleted":false}}]}}"#,
        v(t),
        if t.is_none() { "Saknas" } else { "" },
        v(t.map(|x| x + 1.0)),
    )
}

fn page(entries: &[String], next: Option<&str>) -> String {
    format!(
        r#"{{"count":{},"values":[{}],"next_url":{}}}"#,
        entries.len(),
        entries.join(","),
        next.map_or("null".to_owned(), |n| format!("\"{n}\""))
    )
}

/// The KPIs the operations plan links (the reference plan's Kolada
/// indicators).
const KPIS: [&str; 10] = [
    "U23471", "U21468", "U28900", "U31904", "U20900", "N33817", "N33816", "N00973", "N02282",
    "N03926",
];

/// Recorded answers for every linked KPI, years 2023–2026: U23471 on two
/// pages (2023–2024, then 2025–2026), its 2026 value null.
fn record_kolada(s: &Server, u23471_2025: f64) {
    for kpi in KPIS {
        let path = format!("/v3/data/kpi/{kpi}/municipality/2417/year/2023,2024,2025,2026");
        if kpi == "U23471" {
            let next = format!("{}/v3/page2/{kpi}", s.base());
            s.answer(
                &path,
                ok(page(
                    &[
                        entry(kpi, 2023, Some(70.0), false),
                        entry(kpi, 2024, Some(67.0), false),
                    ],
                    Some(&next),
                )),
            );
            s.answer(
                &format!("/v3/page2/{kpi}"),
                ok(page(
                    &[
                        entry(kpi, 2025, Some(u23471_2025), false),
                        entry(kpi, 2026, None, false),
                    ],
                    None,
                )),
            );
        } else {
            s.answer(
                &path,
                ok(page(
                    &[
                        entry(kpi, 2025, Some(50.5), false),
                        entry(kpi, 2026, Some(51.0), false),
                    ],
                    None,
                )),
            );
        }
    }
}

fn fetch(db: &Path, s: &Server, args: &[&str]) -> common::Ran {
    let env = s.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut all = vec!["--lang", "sv", "fetch"];
    all.extend_from_slice(args);
    run_strata(db, &all, &env)
}

/// Everything the file holds, as the exchange format writes it.
fn dump(db: &Path) -> String {
    strata_ok(db, &["export", "--format", "json"], &[])
}

/// The stored values of an indicator: period → (value, fetched?).
fn values(db: &Path, item: &str, n: usize) -> Vec<(String, Option<f64>, bool)> {
    let plan = common::load(db, OPS);
    let it = common::item_in(&plan, item);
    it.indicators[n - 1]
        .values
        .iter()
        .map(|v| (v.period.clone(), v.value, v.fetched.is_some()))
        .collect()
}

#[test]
fn the_operations_plans_kolada_indicators_fill_themselves_and_say_where_each_figure_came_from() {
    let db = reference_db();
    let s = Server::start();
    record_kolada(&s, 62.0);

    // A dry run says what would change and writes nothing.
    let before = dump(&db.path);
    let r = fetch(&db.path, &s, &["--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains("Provkörning: ingenting skrevs."),
        "{}",
        r.out
    );
    assert_eq!(dump(&db.path), before, "a dry run writes nothing");

    let r = fetch(&db.path, &s, &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    // The second page was read (next_url), and the figures typed by hand in
    // the plan (2024: 67, 2025: 62) stay: the same figure is not news, a
    // different one is kept with what the source says.
    assert!(
        r.out
            .contains("0.2#1 Helhetssyn särskilt boende (kommunfullmäktiges indikator)  (kolada:U23471:2417:T)"),
        "{}",
        r.out
    );
    assert!(r.out.contains("2023: 70 (nytt)"), "{}", r.out);
    assert!(r.out.contains("2026: ingen uppgift (nytt)"), "{}", r.out);
    assert!(
        r.out
            .contains("2025: 98 inmatat för hand står kvar; källan säger 50,5"),
        "{}",
        r.out
    );
    let requests = s.requests.lock().unwrap().clone();
    assert!(requests
        .iter()
        .any(|q| q.starts_with("GET /v3/page2/U23471")));
    assert_eq!(
        values(&db.path, "0.2", 1),
        vec![
            ("2023".into(), Some(70.0), true),
            ("2024".into(), Some(67.0), false),
            ("2025".into(), Some(62.0), false),
            ("2026".into(), None, true),
        ],
        "the null value is stored as no data; the hand-typed ones stay typed by hand"
    );

    // `strata show` says where each figure came from, with Kolada's credit.
    let show = strata_ok(
        &db.path,
        &["--lang", "sv", "show", "operations-2026:0.2"],
        &[],
    );
    assert!(
        show.contains("Kolada U23471 (2417, T), hämtad 2026-12-01"),
        "{show}"
    );
    assert!(show.contains("inmatat för hand"), "{show}");
    assert!(show.contains("källans markering: Saknas"), "{show}");
    assert!(show.contains("Källa: Kolada"), "{show}");

    // --overwrite replaces the figures typed by hand.
    let r = fetch(
        &db.path,
        &s,
        &["--overwrite", "--indicator", "operations-2026:0.2#1"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .contains("2024: 67, inmatat för hand, är nu källans värde"),
        "{}",
        r.out
    );
    assert_eq!(
        values(&db.path, "0.2", 1)
            .iter()
            .map(|v| v.2)
            .collect::<Vec<_>>(),
        vec![true; 4]
    );
    // Fetched again: nothing new.
    let r = fetch(&db.path, &s, &["--indicator", "operations-2026:0.2#1"]);
    assert!(r.out.contains("0 värden skrivna"), "{}", r.out);
}

#[test]
fn a_value_the_source_revises_after_reporting_is_flagged_kept_in_the_history_and_listed() {
    let db = reference_db();
    let s = Server::start();
    record_kolada(&s, 62.0);
    let r = fetch(&db.path, &s, &["--overwrite"]);
    assert_eq!(r.code, 0, "{}", r.err);
    // 2025 was reported (its deadline passed); 2024 is closed for the board.
    strata_ok(
        &db.path,
        &["period", "edit", OPS, "2025", "--deadline", "2026-01-31"],
        &[],
    );
    strata_ok(&db.path, &["period", "close", OPS, "2024"], &[]);

    // Kolada revises 2025 (62 → 64), changes 2024 and deletes N33817's 2025.
    record_kolada(&s, 64.0);
    let p1 = "/v3/data/kpi/U23471/municipality/2417/year/2023,2024,2025,2026";
    s.answer(
        p1,
        ok(page(
            &[
                entry("U23471", 2023, Some(70.0), false),
                entry("U23471", 2024, Some(66.0), false),
            ],
            Some(&format!("{}/v3/page2/U23471", s.base())),
        )),
    );
    s.answer(
        "/v3/data/kpi/N33817/municipality/2417/year/2023,2024,2025,2026",
        ok(page(&[entry("N33817", 2025, Some(50.5), true)], None)),
    );
    let r = fetch(&db.path, &s, &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .contains("2025: 62 → 64 ⚠ källan har ändrat värdet efter rapporteringen"),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("2024: 67 står kvar (perioden är stängd); källan säger nu 66"),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("2025: 50,5 ⚠ källan har tagit bort värdet efter rapporteringen"),
        "{}",
        r.out
    );
    let v = values(&db.path, "0.2", 1);
    assert_eq!(
        v[1].1,
        Some(67.0),
        "the closed period keeps the board's figure"
    );
    assert_eq!(v[2].1, Some(64.0));

    // The old value is in the history.
    let log = strata_ok(
        &db.path,
        &["--lang", "sv", "log", "operations-2026:0.2"],
        &[],
    );
    assert!(log.contains("(2025) · indikatorvärde: 62 → 64"), "{log}");
    assert!(
        log.contains("indikatorvärde ändrat av källan efter"),
        "{log}"
    );

    // The detail, the round and the diff list it.
    let show = strata_ok(
        &db.path,
        &[
            "--lang",
            "sv",
            "show",
            "operations-2026:0.2",
            "--period",
            "2025",
        ],
        &[],
    );
    assert!(
        show.contains("⚠ källan har ändrat värdet efter rapporteringen: 62\u{a0}% → 64\u{a0}%"),
        "{show}"
    );
    let round = strata_ok(
        &db.path,
        &["--lang", "sv", "round", "--plan", OPS, "--period", "2025"],
        &[],
    );
    assert!(
        round.contains("Ändrat av källan efter rapporteringen"),
        "{round}"
    );
    assert!(
        round.contains("⚠ 0.2 Helhetssyn särskilt boende (kommunfullmäktiges indikator), 2025: rapporterat 62\u{a0}%,")
            && round.contains("källan säger nu 64\u{a0}%"),
        "{round}"
    );
    assert!(round.contains("källan har tagit bort värdet"), "{round}");
    let diff = strata_ok(
        &db.path,
        &[
            "--lang", "sv", "diff", "--plan", OPS, "--from", "2024", "--to", "2025",
        ],
        &[],
    );
    assert!(
        diff.contains("Ändrat av källan efter rapporteringen"),
        "{diff}"
    );
    assert!(diff.contains("2024: rapporterat 67\u{a0}%"), "{diff}");
    assert!(diff.contains("källan säger nu 66\u{a0}%"), "{diff}");
    let json = strata_ok(
        &db.path,
        &[
            "diff", "--plan", OPS, "--from", "2024", "--to", "2025", "--format", "json",
        ],
        &[],
    );
    assert!(json.contains("\"revised\""), "{json}");

    // The board's report says where the figure came from and flags it.
    let md = strata_ok(
        &db.path,
        &[
            "--lang", "sv", "report", "--plan", OPS, "--period", "2025", "--format", "md",
        ],
        &[],
    );
    let row = md
        .lines()
        .find(|l| l.contains("Helhetssyn särskilt boende (kommunfullmäktiges indikator)"))
        .expect("the indicator's row");
    assert!(row.contains("2025: 64\u{a0}% ■ ⚠"), "{row}");
    assert!(row.contains("Källa: Kolada · "), "{row}");
    assert!(
        row.contains("Kolada U23471 (2417, T), hämtad 2026-12-01"),
        "{row}"
    );
    assert!(
        row.contains(
            "2025: ⚠ källan har ändrat värdet efter rapporteringen: 62\u{a0}% → 64\u{a0}%"
        ),
        "{row}"
    );

    // The same revision found again is not news.
    let r = fetch(&db.path, &s, &[]);
    assert!(
        r.out.contains("0 ändringar efter rapporteringen markerade"),
        "{}",
        r.out
    );
}

/// Runs a fetch that must fail with `code`, saying `says`, and change
/// nothing.
fn fails(db: &Path, s: &Server, args: &[&str], code: i32, says: &[&str]) {
    let before = dump(db);
    let r = fetch(db, s, args);
    assert_eq!(r.code, code, "{}\n{}", r.out, r.err);
    for w in says {
        assert!(r.err.contains(w), "expected {w:?} in {}", r.err);
    }
    assert!(
        r.err.contains("Ingenting skrevs; databasen är oförändrad."),
        "{}",
        r.err
    );
    assert_eq!(dump(db), before, "nothing half-written");
}

#[test]
fn an_error_a_timeout_malformed_json_or_no_network_changes_nothing() {
    let db = reference_db();
    let s = Server::start();
    record_kolada(&s, 62.0);
    // A server error on one KPI: the others were read, none is written.
    s.answer(
        "/v3/data/kpi/N03926/municipality/2417/year/2023,2024,2025,2026",
        Answer {
            status: 500,
            body: "{}".into(),
            delay: Duration::ZERO,
        },
    );
    fails(&db.path, &s, &[], 6, &["Kolada svarade med fel 500"]);

    // No answer in time.
    s.answer(
        "/v3/data/kpi/N03926/municipality/2417/year/2023,2024,2025,2026",
        Answer {
            status: 200,
            body: page(&[], None),
            delay: Duration::from_secs(4),
        },
    );
    fails(&db.path, &s, &[], 6, &["Kolada svarade inte inom 2 s"]);

    // Malformed JSON on the second page.
    s.answer(
        "/v3/data/kpi/N03926/municipality/2417/year/2023,2024,2025,2026",
        ok(page(&[], None)),
    );
    s.answer("/v3/page2/U23471", ok("{\"values\": [ {\"kpi\": "));
    fails(
        &db.path,
        &s,
        &[],
        6,
        &["Svaret från Kolada går inte att läsa"],
    );

    // Nothing listens: offline, and strata says how to go on without a
    // network.
    let before = dump(&db.path);
    let r = run_strata(
        &db.path,
        &["--lang", "sv", "fetch"],
        &[
            ("STRATA_KOLADA_URL", "http://127.0.0.1:9/v3"),
            ("STRATA_FETCH_TIMEOUT", "2"),
        ],
    );
    assert_eq!(r.code, 6, "{}", r.err);
    assert!(r.err.contains("Kolada går inte att nå"), "{}", r.err);
    assert!(r.err.contains("strata fetch --from FIL"), "{}", r.err);
    assert_eq!(dump(&db.path), before);
    // strata stays usable offline.
    strata_ok(&db.path, &["status", "--plan", OPS], &[]);
}

#[test]
fn a_saved_answer_fills_the_values_on_a_machine_without_network() {
    let db = reference_db();
    let dir = db.path.parent().unwrap();
    let file = dir.join("kolada-U23471.json");
    std::fs::write(
        &file,
        page(
            &[
                entry("U23471", 2025, Some(63.0), false),
                entry("U23471", 2026, Some(64.0), false),
            ],
            None,
        ),
    )
    .unwrap();
    // No server: the file is all there is.
    let r = run_strata(
        &db.path,
        &[
            "--lang",
            "fi",
            "fetch",
            "--from",
            file.to_str().unwrap(),
            "--overwrite",
        ],
        &[("STRATA_KOLADA_URL", "http://127.0.0.1:9/v3")],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("2025: 62 → 63"), "{}", r.out);
    assert!(r.out.contains("2026: 64 (uusi)"), "{}", r.out);
    let show = strata_ok(
        &db.path,
        &["--lang", "fi", "show", "operations-2026:0.2"],
        &[],
    );
    assert!(
        show.contains("Kolada U23471 (2417, T), haettu 1.12.2026"),
        "{show}"
    );

    // Something else is refused, naming the file.
    let bad = dir.join("notes.txt");
    std::fs::write(&bad, "hello").unwrap();
    let before = dump(&db.path);
    let r = run_strata(
        &db.path,
        &["--lang", "en", "fetch", "--from", bad.to_str().unwrap()],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(
        r.err.contains("notes.txt: not a saved answer of Kolada"),
        "{}",
        r.err
    );
    assert_eq!(dump(&db.path), before);
}

/// An indicator linked to Sotkanet on the operations plan's item 1 (the
/// reference plans are Swedish and Finnish; Sotkanet is THL's).
fn link_sotkanet(db: &Path) {
    let out = strata_ok(
        db,
        &[
            "--lang",
            "fi",
            "indicator",
            "add",
            "operations-2026:1",
            "--name",
            "Toimeentulotukea saaneet",
            "--unit",
            "%",
            "--green",
            "5",
            "--yellow",
            "7",
            "--direction",
            "lower",
            "--series",
            "sotkanet:127:52",
        ],
        &[],
    );
    assert!(
        out.contains("lisättiin") || out.contains("Mittari"),
        "{out}"
    );
}

#[test]
fn sotkanet_is_read_with_each_year_its_own_parameter_a_user_agent_and_thl_is_credited() {
    let db = reference_db();
    link_sotkanet(&db.path);
    let s = Server::start();
    s.answer(
        "/rest/1.1/json",
        ok(
            r#"[{"indicator":127,"region":52,"year":2025,"gender":"total","value":6.2},
               {"indicator":127,"region":52,"year":2026,"gender":"total","value":null},
               {"indicator":127,"region":53,"year":2025,"gender":"total","value":9.9},
               {"indicator":127,"region":52,"year":2025,"gender":"female","value":6.0}]"#,
        ),
    );
    let r = fetch(
        &db.path,
        &s,
        &["--plan", OPS, "--indicator", "operations-2026:1#5"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("(sotkanet:127:52:total)"), "{}", r.out);
    assert!(r.out.contains("2025: 6,2 (nytt)"), "{}", r.out);
    let requests = s.requests.lock().unwrap().clone();
    let q = requests
        .iter()
        .find(|q| q.starts_with("GET /rest/1.1/json"))
        .expect("a Sotkanet request");
    assert!(
        q.starts_with("GET /rest/1.1/json?indicator=127&years=2023&years=2024&years=2025&years=2026&genders=total"),
        "{q}"
    );
    assert!(q.to_lowercase().contains("user-agent: strata/"), "{q}");
    // Only the linked indicator's item was asked for: no Kolada request.
    assert!(!requests.iter().any(|q| q.contains("/v3/")), "{requests:?}");
    let show = strata_ok(
        &db.path,
        &[
            "--lang",
            "fi",
            "show",
            "operations-2026:1",
            "--period",
            "2025",
        ],
        &[],
    );
    assert!(
        show.contains("Lähde: THL, Tilasto- ja indikaattoripankki Sotkanet (CC BY 4.0)"),
        "{show}"
    );
    assert!(
        show.contains("Sotkanet 127 (52, total), haettu 1.12.2026"),
        "{show}"
    );
}

#[test]
fn sotkanets_csv_with_its_byte_order_mark_reads_as_its_json() {
    let db = reference_db();
    link_sotkanet(&db.path);
    let file = db.path.parent().unwrap().join("sotkanet.csv");
    std::fs::write(
        &file,
        "\u{feff}indicator;region;year;gender;primary value;absolute value\n127;52;2025;total;6.2;310\n127;52;2026;total;;\n127;53;2025;total;9.9;40\n",
    )
    .unwrap();
    let r = run_strata(
        &db.path,
        &["--lang", "en", "fetch", "--from", file.to_str().unwrap()],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("2025: 6.2 (new)"), "{}", r.out);
    assert!(r.out.contains("2026: no data (new)"), "{}", r.out);
    let plan = common::load(&db.path, OPS);
    let ind = common::item_in(&plan, "1")
        .indicators
        .last()
        .unwrap()
        .clone();
    assert_eq!(ind.value_in("2025"), Some(6.2));
    let f = ind.values[0].fetched.as_ref().unwrap();
    assert_eq!(f.series.to_string(), "sotkanet:127:52:total");
    assert_eq!(f.from, "sotkanet.csv");
}

#[test]
fn a_link_is_refused_with_the_part_that_is_wrong_and_kept_in_the_exchange_format() {
    let db = reference_db();
    let r = run_strata(
        &db.path,
        &[
            "--lang",
            "sv",
            "indicator",
            "link",
            "operations-2026:0.2",
            "1",
            "kolada:U23471:Norsjö",
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("”Norsjö” är inget kommun- eller regionid"),
        "{}",
        r.err
    );
    strata_ok(
        &db.path,
        &["indicator", "link", "operations-2026:0.2", "2", "--clear"],
        &[],
    );
    let plan = common::load(&db.path, OPS);
    assert_eq!(common::item_in(&plan, "0.2").indicators[1].series, None);
    assert_eq!(
        common::item_in(&plan, "0.2").indicators[0]
            .series
            .as_ref()
            .map(|s| s.to_string())
            .as_deref(),
        Some("kolada:U23471:2417:T")
    );
    let json = dump(&db.path);
    assert!(json.contains("\"series\": \"kolada:U23471:2417:T\""));
    // Nothing linked in a plan: said so.
    let r = run_strata(
        &db.path,
        &["--lang", "en", "fetch", "--plan", "strategy-2026"],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.out.contains("No indicator is linked to a source series"),
        "{}",
        r.out
    );
}

#[test]
fn in_the_app_a_series_is_linked_from_the_figures_and_the_detail_says_where_figures_came_from() {
    use common::{keys, message, open_app, render, selected};
    use strata::domain::Lang;
    use strata::store::Mode;
    let db = reference_db();
    let s = Server::start();
    record_kolada(&s, 62.0);
    let r = fetch(&db.path, &s, &["--indicator", "operations-2026:0.2"]);
    assert_eq!(r.code, 0, "{}", r.err);

    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    keys(&mut app, "/Välfärd och välbefinnande genom<ret>");
    assert_eq!(selected(&app), common::key(OPS, Some("0.2")));
    let screen = render(&mut app, 120, 60);
    assert!(
        screen.contains("2023: Kolada U23471 (2417, T), hämtad"),
        "{screen}"
    );
    assert!(screen.contains("2024, 2025: inmatat för hand"), "{screen}");
    assert!(screen.contains("Källa: Kolada"), "{screen}");

    // Item 1's sick leave comes from HR: link its first indicator, after a
    // line that cannot be read (the editor stays, saying why).
    keys(&mut app, "<esc>/Ledningsgrupp Omsorg<ret>");
    assert_eq!(selected(&app), common::key(OPS, Some("1")));
    keys(&mut app, "v");
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("Serie: ingen · Sjukfrånvaro omsorg"),
        "{screen}"
    );
    assert!(
        screen.contains("Serie: Kolada U28900 (2417, T) · Effektivitetsindex LSS"),
        "{screen}"
    );
    keys(&mut app, "jjj<ret>kolada:N00945:Norsjö<C-s>");
    let (_, said) = message(&app);
    assert!(
        said.contains("”Norsjö” är inget kommun- eller regionid"),
        "{said}"
    );
    assert!(matches!(app.model.overlay, strata::app::Overlay::Editor(_)));
    for _ in 0.."Norsjö".chars().count() {
        keys(&mut app, "<bs>");
    }
    keys(&mut app, "2417<C-s>");
    let (_, said) = message(&app);
    assert_eq!(
        said,
        "operations-2026:1: Länkad till kolada:N00945:2417:T; strata fetch fyller i värdena."
    );
    let plan = common::load(&db.path, OPS);
    assert_eq!(
        common::item_in(&plan, "1").indicators[0]
            .series
            .as_ref()
            .map(|s| s.to_string()),
        Some("kolada:N00945:2417:T".to_owned())
    );
    let log = strata_ok(&db.path, &["--lang", "sv", "log", "operations-2026:1"], &[]);
    assert!(log.contains("indikator 1: källserie:"), "{log}");
    assert!(log.contains("kolada:N00945:2417:T"), "{log}");
    // Undone like any edit.
    keys(&mut app, "u");
    let plan = common::load(&db.path, OPS);
    assert_eq!(common::item_in(&plan, "1").indicators[0].series, None);
}

/// Every command and subcommand takes `--help` and tells it in the display
/// language (the new `fetch` and `indicator link` were once left out).
#[test]
fn every_command_tells_its_help_in_the_display_language() {
    let db = reference_db();
    let cmd = strata::cli::command(strata::domain::Lang::Sv);
    let mut paths: Vec<Vec<String>> = Vec::new();
    for sc in cmd.get_subcommands() {
        paths.push(vec![sc.get_name().to_owned()]);
        for sub in sc.get_subcommands() {
            paths.push(vec![sc.get_name().to_owned(), sub.get_name().to_owned()]);
        }
    }
    assert!(paths.iter().any(|p| p == &["fetch"]));
    for p in paths {
        let mut args: Vec<&str> = vec!["--lang", "sv"];
        args.extend(p.iter().map(String::as_str));
        args.push("--help");
        let r = run_strata(&db.path, &args, &[]);
        assert_eq!(r.code, 0, "strata {p:?} --help: {}", r.err);
        assert!(r.out.contains("Användning:"), "{p:?}: {}", r.out);
        assert!(
            !r.out.contains("Options:"),
            "{p:?} has English options: {}",
            r.out
        );
    }
}
