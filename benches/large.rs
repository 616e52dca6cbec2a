//! Benchmarks on the reproducible large plan (10,000 measures, 100,000
//! assessment rows): `cargo bench --bench large [-- --measures N] [--keep PATH]`
//! (`--measures 100000`: a plan ten times the size, the same on every machine).
//! Prints wall-clock figures; no assertions (timing does not belong in tests).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use strata::store::{Mode, Store};

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        let d = t.elapsed();
        best = best.min(d);
        total += d;
    }
    println!(
        "{label:<44} best {:>9.2} ms   mean {:>9.2} ms   ({runs} runs)",
        best.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3 / runs as f64
    );
    last.expect("at least one run")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let measures = args
        .iter()
        .position(|a| a == "--measures")
        .and_then(|i| args.get(i + 1))
        .map(|n| {
            n.replace(['_', ','], "")
                .parse::<usize>()
                .expect("--measures N")
        })
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = keep.unwrap_or_else(|| dir.path().join("large.db"));
    let _ = std::fs::remove_file(&path);

    let plan = time("generate the plan in memory", 1, || {
        strata::bench::large_plan_of(measures)
    });
    {
        let mut store = Store::open(&path, Mode::ReadWrite).expect("open").store;
        time("import it (one transaction)", 1, || {
            store
                .import(
                    std::slice::from_ref(&plan),
                    false,
                    "bench",
                    "2026-01-01T00:00:00Z",
                )
                .expect("import")
        });
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "database file: {} ({:.1} MB)",
        path.display(),
        size as f64 / 1e6
    );

    time("open the database", 20, || {
        Store::open(&path, Mode::ReadWrite).expect("open")
    });
    let store = Store::open(&path, Mode::ReadOnly).expect("open").store;
    time("list plans", 20, || store.plans().expect("plans"));
    let loaded = time("load the whole plan (every item and row)", 5, || {
        store.load_plan("large").expect("load")
    });
    time("roll-up of every item in one period", 20, || {
        loaded.rolled("2025").len()
    });
    time("export the plan as JSON", 3, || {
        strata::exchange::Document::new(vec![loaded.clone()])
            .to_json()
            .len()
    });
    // The app on the large plan, drawn on an in-memory terminal of 120×40.
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut app = time("app: open and first frame", 5, || {
        let store = Store::open(&path, Mode::ReadWrite).expect("open").store;
        let mut app = strata::app::App::new(
            store,
            strata::domain::Lang::Sv,
            strata::keymap::Keymap::defaults(),
        )
        .expect("app");
        app.model.resize(40);
        term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
        app
    });
    // Open area 1 and goal 1.1, so that j walks through measures.
    for c in ['j', 'l', 'j', 'l', 'j', 'l'] {
        app.key(&key(c));
    }
    time("app: j and redraw (one key)", 200, || {
        app.key(&key('j'));
        term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
    });
    time("app: L (language) and redraw", 30, || {
        app.key(&KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT));
        term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
    });
    // Views across the plan while it is held in part.
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let shift = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    time("app: R (round view), plan held in part", 5, || {
        app.key(&shift('R'));
        term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
        app.key(&esc);
    });
    time("app: w (next to assess), plan held in part", 20, || {
        app.key(&key('w'));
        term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
    });
    time("app: F at risk (filter), plan held in part", 3, || {
        // The picker: all, needs an assessment, then the statuses.
        app.key(&shift('F'));
        for _ in 0..3 {
            app.key(&key('j'));
        }
        app.key(&enter);
        term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
        app.key(&esc);
    });
    time(
        "app: M (missing translations), plan held in part",
        5,
        || {
            app.key(&shift('M'));
            term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
            app.key(&esc);
        },
    );
    assert!(
        app.model.plans.iter().all(|p| !p.is_whole()),
        "the views above read no plan whole"
    );
    // Back on a measure (the filter may have left the plan's row selected).
    app.model.reveal(&strata::app::tree::NodeKey {
        plan: "large".into(),
        item: Some("1.1.1".into()),
    });
    time("app: search '5.5.50' as typed, and redraw", 3, || {
        app.key(&key('/'));
        // The plans are read whole in the background; wait for them.
        app.poll_whole_read(true);
        for c in "5.5.50".chars() {
            app.key(&key(c));
            term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
        }
        app.key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    });
    time(
        "app: missing-translations list (every draw of M)",
        20,
        || app.model.missing_rows(None).len(),
    );
    let mut turn = 0;
    time("app: set a status (write, plan held whole)", 5, || {
        // Another status each time, so that each is written.
        turn += 1;
        app.key(&key('s'));
        app.key(&key(if turn % 2 == 0 { '3' } else { '4' }));
    });
    drop(app);

    let mut rw = Store::open(&path, Mode::ReadWrite).expect("open").store;
    let mut n = 0;
    time("set one status (one transaction)", 20, || {
        n += 1;
        rw.set_assessment(&strata::store::SetAssessment {
            plan: "large",
            item: "5.5.50",
            period: Some("2025"),
            status: Some(if n % 2 == 0 {
                strata::domain::Status::OnTrack
            } else {
                strata::domain::Status::AtRisk
            }),
            comment: None,
            user: "bench",
            at: "2026-01-01T00:00:00Z",
            expect_comment: None,
        })
        .expect("set")
    });
}
