//! End to end: the real `strata` binary in a pseudo-terminal, driven by key
//! bytes, its screen read back through a terminal emulator (vt100).
//!
//! Every wait polls the emulated screen; nothing relies on a fixed sleep for
//! correctness. The one `#[ignore]`d measurement prints figures for the
//! large plan: `cargo test --release --test e2e -- --ignored --nocapture measure`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

const BIN: &str = env!("CARGO_BIN_EXE_strata");
/// How long a screen may take to show what a test waits for. Generous: a
/// slow CI machine builds and runs several tests at once.
const WAIT: Duration = Duration::from_secs(30);
/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(20);
/// How long the terminal must be quiet for a screen to count as drawn.
const SETTLE: Duration = Duration::from_millis(60);
/// The size most tests run at: the footer shows every key hint.
const BIG: (u16, u16) = (120, 40);
/// Leaves the alternate screen: the sign that the terminal was restored.
const LEAVE_ALT: &str = "\x1b[?1049l";

const CTRL_C: &str = "\x03";
const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";

/// The item of the issue: languages-2025 1.2.1.
const TITLE_SV: &str = "Vi har fungerande telefonservice på båda språken";
const TITLE_FI: &str = "Meillä on toimiva puhelinpalvelu molemmilla kielillä";
const OLD_COMMENT_SV: &str =
    "Språket beaktats i planeringen, tidvis utmaningar pga av personalsituationen.";
const OLD_COMMENT_FI: &str = "Kieli on huomioitu suunnittelussa";
const COMMENT: &str = "Kön växer, åtgärd behövs";

/// What the reader thread has seen of the child's output.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// When the last bytes arrived.
    last: Instant,
    /// The pty was closed on the child's side (the child is gone).
    eof: bool,
}

/// A running strata in a pseudo-terminal.
struct Term {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    out: Arc<Mutex<Output>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    tty: Option<PathBuf>,
    pid: u32,
}

fn pty_size((cols, rows): (u16, u16)) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The environment strata runs in: nothing from the developer's shell.
fn env_for(dir: &Path) -> Vec<(String, String)> {
    vec![
        ("TERM".into(), "xterm-256color".into()),
        ("USER".into(), "e2e-user".into()),
        ("LANG".into(), "C".into()),
        (
            "STRATA_CONFIG".into(),
            dir.join("none.toml").display().to_string(),
        ),
        ("HOME".into(), dir.display().to_string()),
        (
            "XDG_DATA_HOME".into(),
            dir.join("data").display().to_string(),
        ),
        (
            "XDG_CONFIG_HOME".into(),
            dir.join("config").display().to_string(),
        ),
        ("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()),
    ]
}

fn db(dir: &Path) -> PathBuf {
    dir.join("s.db")
}

/// Starts strata on `<dir>/s.db` with `args` in a terminal of `size` (columns, rows).
fn start(dir: &Path, args: &[&str], size: (u16, u16)) -> Term {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("--db");
    cmd.arg(db(dir));
    cmd.args(args);
    start_command(dir, cmd, size)
}

/// Starts a command in a new terminal of `size`, in strata's environment.
fn start_command(dir: &Path, cmd: CommandBuilder, size: (u16, u16)) -> Term {
    start_command_env(dir, cmd, size, &[])
}

/// As [`start_command`], with some of the environment set otherwise.
fn start_command_env(
    dir: &Path,
    mut cmd: CommandBuilder,
    size: (u16, u16),
    env: &[(&str, &str)],
) -> Term {
    let pair = native_pty_system()
        .openpty(pty_size(size))
        .expect("open a pty");
    cmd.env_clear();
    for (k, v) in env_for(dir) {
        cmd.env(k, v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.cwd(dir);
    let child = pair.slave.spawn_command(cmd).expect("spawn strata");
    // Only the child keeps the terminal's side open, so the reader sees the
    // end when strata is gone.
    drop(pair.slave);
    let pid = child.process_id().expect("a process id");
    let master = pair.master;
    let tty = master.tty_name();
    let mut reader = master.try_clone_reader().expect("a pty reader");
    let writer = master.take_writer().expect("a pty writer");
    let out = Arc::new(Mutex::new(Output {
        parser: vt100::Parser::new(size.1, size.0, 0),
        raw: Vec::new(),
        last: Instant::now(),
        eof: false,
    }));
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let out = Arc::clone(&out);
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
                        o.parser.process(&buf[..n]);
                        o.raw.extend_from_slice(&buf[..n]);
                        o.last = Instant::now();
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // EIO: the child's side is closed.
                    Err(_) => break,
                }
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
            out.lock().unwrap_or_else(|e| e.into_inner()).eof = true;
        })
    };
    Term {
        child,
        master: Some(master),
        writer: Some(writer),
        out,
        stop,
        reader: Some(reader),
        tty,
        pid,
    }
}

impl Term {
    fn lock(&self) -> MutexGuard<'_, Output> {
        self.out.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Types keys: the bytes a terminal sends for them.
    fn send(&mut self, keys: impl AsRef<[u8]>) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(keys.as_ref()).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// The screen as text, one line per row.
    fn screen(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// How many bytes strata has written so far.
    fn bytes(&self) -> usize {
        self.lock().raw.len()
    }

    /// Everything strata wrote from byte `from` on, as text.
    fn raw_since(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.lock().raw[from..]).into_owned()
    }

    /// Waits until `pred` holds for the screen; fails with the screen.
    fn wait_until(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        let t0 = Instant::now();
        loop {
            // A screen counts once strata has stopped writing to it for a
            // moment: a frame caught half drawn is not what a user sees.
            let (s, quiet) = {
                let o = self.lock();
                (o.parser.screen().contents(), o.last.elapsed() >= SETTLE)
            };
            if quiet && pred(&s) {
                return s;
            }
            if t0.elapsed() > timeout {
                panic!(
                    "waited {timeout:?} for {what}; the screen is:\n{}\n{}\n{}",
                    "-".repeat(40),
                    s,
                    "-".repeat(40)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the detail pane (right of the tree's `│`) holds `text`,
    /// however the pane's width wraps it.
    fn wait_for_detail(&self, text: &str, timeout: Duration) -> String {
        let want = flat(text);
        self.wait_until(&format!("{text:?} in the detail"), timeout, |s| {
            let pane: Vec<&str> = s
                .lines()
                .filter_map(|l| l.split_once('│').map(|(_, r)| r))
                .collect();
            flat(&pane.join(" ")).contains(&want)
        })
    }

    /// Waits until `text` is on the screen; fails with the whole screen.
    fn wait_for(&self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?}"), timeout, |s| s.contains(text))
    }

    /// Waits until `text` is no longer on the screen.
    fn wait_gone(&self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?} to go"), timeout, |s| !s.contains(text))
    }

    /// Waits for the child to exit; None if it is still running at `timeout`.
    fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let t0 = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().expect("try_wait") {
                return Some(st);
            }
            if t0.elapsed() > timeout {
                return None;
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the child to exit; fails if it does not within `timeout`.
    fn exits_within(&mut self, timeout: Duration) -> ExitStatus {
        match self.wait_exit(timeout) {
            Some(st) => st,
            None => panic!(
                "strata is still running after {timeout:?}; the screen is:\n{}",
                self.screen()
            ),
        }
    }

    /// Waits until the reader has seen the end of the output (the child is
    /// gone and its terminal closed), so `raw_since` is complete.
    fn wait_eof(&self) {
        let t0 = Instant::now();
        while !self.lock().eof {
            assert!(t0.elapsed() < WAIT, "the pty output never ended");
            std::thread::sleep(POLL);
        }
    }

    /// Resizes the terminal, as a terminal window does.
    fn resize(&mut self, size: (u16, u16)) {
        self.lock().parser.screen_mut().set_size(size.1, size.0);
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(pty_size(size))
            .expect("resize the pty");
    }

    /// Sends a signal with kill(1), as a shell or a supervisor does.
    fn signal(&self, sig: &str) {
        let st = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid.to_string())
            .status()
            .expect("run kill");
        assert!(st.success(), "kill -{sig} {} failed", self.pid);
    }

    /// Closes the terminal as a terminal emulator or sshd does when its
    /// window or connection goes away: every handle on the master side.
    fn close_terminal(&mut self) {
        // The reader holds a handle of its own; make it let go. It stops
        // after its next read, which this byte (written into the terminal's
        // other side, so it comes out on ours) ends.
        self.stop.store(true, Ordering::SeqCst);
        if let Some(tty) = &self.tty {
            if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(tty) {
                let _ = f.write_all(b" ");
            }
        }
        let t0 = Instant::now();
        let reader = self.reader.take().expect("a reader");
        while !reader.is_finished() {
            assert!(t0.elapsed() < WAIT, "the reader thread did not stop");
            std::thread::sleep(POLL);
        }
        reader.join().expect("the reader thread");
        self.writer = None;
        self.master = None;
    }

    /// CPU time the process has used so far (user + system), from /proc.
    fn cpu_time(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).expect("/proc stat");
        // After "pid (comm) ": state is field 3; utime 14, stime 15.
        let rest = &stat[stat.rfind(')').expect("a comm field") + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 =
            f[11].parse::<u64>().expect("utime") + f[12].parse::<u64>().expect("stime");
        Duration::from_secs_f64(ticks as f64 / clock_ticks() as f64)
    }

    /// A line of /proc/<pid>/status, e.g. VmHWM, in kB.
    fn proc_status_kb(&self, key: &str) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid)).expect("/proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in /proc/{}/status", self.pid))
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // A failed test must not leave strata running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Clock ticks per second, for /proc times.
fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// The screen text with every run of white space (line ends included) made
/// one space: for messages that the window wraps.
fn flat(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// strata's command line as a plain process (no terminal).
fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db(dir))
        .args(args)
        .env_clear()
        .envs(env_for(dir))
        .env("COLUMNS", "200")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run strata")
}

/// The footer's quit hint, which is drawn last: the screen is complete.
const READY_SV: &str = "q avsluta";
const READY_FI: &str = "q lopeta";
const READY_EN: &str = "q quit";

/// Walks to languages-2025 1.2.1 with the search, sets it off track and
/// writes a new Swedish comment, as the issue does. Starts and ends in the
/// main screen, in Swedish.
fn record_off_track_with_swedish_comment(t: &mut Term) {
    t.wait_for(READY_SV, WAIT);
    t.send("/telefonservice");
    t.wait_for("/telefonservice  (1 träff)", WAIT);
    t.send(ENTER);
    t.wait_gone("/telefonservice", WAIT);
    t.wait_for_detail(TITLE_SV, WAIT);
    t.wait_for("Status: ▲ utmaningar", WAIT);

    t.send("s");
    t.wait_for("Status för 1.2.1", WAIT);
    t.send("4");
    t.wait_for("languages-2025:1.2.1: ▲ utmaningar → ■ avviker", WAIT);
    let s = t.wait_for("Status: ■ avviker", WAIT);
    assert!(s.contains("avviker"));

    t.send("c");
    t.wait_for("Kommentar · 1.2.1", WAIT);
    // The editor holds the period's comment so far; clear it, then type.
    let n = OLD_COMMENT_SV.chars().count() + 5;
    t.send(BACKSPACE.repeat(n));
    t.send(COMMENT);
    t.wait_for(COMMENT, WAIT);
    t.send(CTRL_S);
    t.wait_for("languages-2025:1.2.1: sparad.", WAIT);
    t.wait_gone("Kommentar · 1.2.1", WAIT);
    t.wait_for_detail(&format!("Kommentar: {COMMENT}"), WAIT);
}

// ---------------------------------------------------------------------------
// 1. The whole round of the issue
// ---------------------------------------------------------------------------

#[test]
fn the_whole_round_status_comment_language_quit_and_again() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    record_off_track_with_swedish_comment(&mut t);

    // fi comes after en: sv → en → fi.
    t.send("L");
    t.wait_for("Language: English", WAIT);
    t.wait_for(READY_EN, WAIT);
    t.send("L");
    t.wait_for("Kieli: suomi", WAIT);
    t.wait_for(READY_FI, WAIT);
    t.wait_for_detail(TITLE_FI, WAIT);
    let s = t.wait_for("Tila: ■ ei etene", WAIT);
    assert!(s.contains("Tila"), "{s}");
    assert!(s.contains("ei etene"), "{s}");

    let before_quit = t.bytes();
    t.send("q");
    let st = t.exits_within(WAIT);
    assert!(st.success(), "strata exited with {st:?}");
    t.wait_eof();
    let after = t.raw_since(before_quit);
    assert!(
        after.contains(LEAVE_ALT),
        "the alternate screen was not left on quit; output after q: {after:?}"
    );
    assert!(!t.lock().parser.screen().alternate_screen());
    drop(t);

    // Again on the same file, in Finnish: the status is kept.
    let mut t = start(dir.path(), &["--lang", "fi"], BIG);
    t.wait_for(READY_FI, WAIT);
    t.send("/telefonservice");
    t.wait_for("/telefonservice  (1 osuma)", WAIT);
    t.send(ENTER);
    t.wait_gone("/telefonservice", WAIT);
    t.wait_for_detail(TITLE_FI, WAIT);
    t.wait_for("Tila: ■ ei etene", WAIT);
    // The Swedish comment is there (in Swedish; see the ignored test below
    // for what Finnish shows).
    t.send("L");
    t.wait_for("Språk: svenska", WAIT);
    t.wait_for_detail(&format!("Kommentar: {COMMENT}"), WAIT);
    t.wait_for("Status: ■ avviker", WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    drop(t);

    // The command line sees the same (--full: the comment on its own line).
    let out = cli(
        dir.path(),
        &[
            "status",
            "--lang",
            "sv",
            "--plan",
            "languages-2025",
            "--full",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("■ avviker  1.2.1 "))
        .unwrap_or_else(|| panic!("1.2.1 is not listed as avviker:\n{stdout}"));
    assert!(lines[at].contains(TITLE_SV), "{stdout}");
    assert_eq!(lines[at + 1].trim(), COMMENT, "{stdout}");
}

/// A comment is one text in three languages: a new Swedish comment keeps the
/// Finnish of the same follow-up (the coordinator writes the Swedish, then the
/// Finnish), in the app and after a restart.
#[test]
fn a_new_swedish_comment_keeps_the_finnish_of_the_same_follow_up() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    record_off_track_with_swedish_comment(&mut t);
    t.send("LL");
    t.wait_for("Kieli: suomi", WAIT);
    t.wait_for("Tila: ■ ei etene", WAIT);
    t.wait_for_detail(OLD_COMMENT_FI, WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    drop(t);

    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    t.send("/telefonservice\r");
    t.wait_for_detail(&format!("Kommentar: {COMMENT}"), WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
}

// ---------------------------------------------------------------------------
// 2. The terminal goes away, signals, and an idle strata
// ---------------------------------------------------------------------------

#[test]
fn closing_the_terminal_ends_strata_within_two_seconds() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    t.close_terminal();
    let Some(st) = t.wait_exit(Duration::from_secs(2)) else {
        let before = t.cpu_time();
        std::thread::sleep(Duration::from_secs(1));
        let used = t.cpu_time().saturating_sub(before);
        panic!(
            "strata still runs 2 s after its terminal was closed, using {used:?} of CPU a second"
        );
    };
    // A panic (101) here would mean its last words went to a dead terminal.
    assert!(st.success(), "strata exited with {st:?}");
    // The file is still usable.
    let out = cli(dir.path(), &["plans"]);
    assert_eq!(out.status.code(), Some(0));
}

fn signal_restores_the_terminal(sig: &str) {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    let before = t.bytes();
    t.signal(sig);
    let st = t.wait_exit(Duration::from_secs(2));
    let st = st.unwrap_or_else(|| panic!("strata still runs 2 s after SIG{sig}"));
    assert_eq!(
        st.signal(),
        None,
        "SIG{sig} killed strata instead of ending it cleanly"
    );
    t.wait_eof();
    let after = t.raw_since(before);
    assert!(
        after.contains(LEAVE_ALT),
        "the alternate screen was not left after SIG{sig}: {after:?}"
    );
    assert!(!t.lock().parser.screen().alternate_screen());
}

#[test]
fn sigterm_ends_strata_and_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_ends_strata_and_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

#[test]
fn an_idle_strata_does_not_spin() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    let before = t.cpu_time();
    // A measurement window, not a wait for something to happen.
    std::thread::sleep(Duration::from_secs(1));
    let used = t.cpu_time().saturating_sub(before);
    assert!(
        used < Duration::from_millis(300),
        "strata used {used:?} of CPU in 1 s while idle"
    );
    t.send("q");
    assert!(t.exits_within(WAIT).success());
}

// ---------------------------------------------------------------------------
// 3. Window sizes
// ---------------------------------------------------------------------------

#[test]
fn a_too_small_window_says_so_and_resizing_brings_the_screen() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], (20, 5));
    t.wait_until("the too-small message", WAIT, |s| {
        flat(s).contains("för litet")
    });
    // Keys work on the small screen, and in every language: sv → en → fi → sv.
    // (Also: once a key is answered strata is in its event loop; a resize
    // before that can be lost, see the ignored test below.)
    t.send("L");
    t.wait_until("the English too-small message", WAIT, |s| {
        flat(s).contains("too small")
    });
    t.send("L");
    t.wait_until("the Finnish too-small message", WAIT, |s| {
        flat(s).contains("liian pieni")
    });
    t.send("L");
    t.wait_until("the Swedish too-small message", WAIT, |s| {
        flat(s).contains("för litet")
    });
    t.resize(BIG);
    t.wait_for(READY_SV, WAIT);
    // One cell: the first letter of the too-small message.
    t.resize((1, 1));
    t.wait_until("the 1×1 screen", WAIT, |s| s.trim().chars().count() == 1);
    assert!(t.wait_exit(Duration::ZERO).is_none(), "strata died at 1×1");
    t.resize(BIG);
    t.wait_for(READY_SV, WAIT);
    t.send("j");
    t.wait_for(READY_SV, WAIT);
    assert!(t.wait_exit(Duration::ZERO).is_none(), "strata died");
    t.send("q");
    assert!(t.exits_within(WAIT).success());
}

#[test]
fn a_resize_just_after_the_first_frame_is_not_lost() {
    // The window is a few milliseconds wide: try it several times.
    for _ in 0..20 {
        let dir = tmp();
        let mut t = start(dir.path(), &["--lang", "sv"], (20, 5));
        t.wait_until("the too-small message", WAIT, |s| {
            flat(s).contains("för litet")
        });
        t.resize(BIG);
        t.wait_for(READY_SV, WAIT);
        t.send("q");
        assert!(t.exits_within(WAIT).success());
    }
}

#[test]
fn a_quick_resize_there_and_back_redraws_the_screen() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    // In the event loop (see above), now in English.
    t.send("L");
    t.wait_for("Language: English", WAIT);
    t.resize((1, 1));
    t.resize(BIG);
    t.wait_for(READY_EN, WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
}

// ---------------------------------------------------------------------------
// 4. Without a terminal
// ---------------------------------------------------------------------------

#[test]
fn without_a_terminal_the_app_says_to_use_strata_status() {
    let dir = tmp();
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db(dir.path()))
        .env_clear()
        .envs(env_for(dir.path()))
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run strata");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("strata status"), "stderr: {stderr}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert!(!db(dir.path()).exists(), "a database was created");
}

#[test]
fn a_dumb_terminal_is_told_to_use_strata_status() {
    let dir = tmp();
    cli(dir.path(), &["init"]);
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("--db");
    cmd.arg(db(dir.path()));
    cmd.args(["--lang", "sv"]);
    let mut t = start_command_env(dir.path(), cmd, BIG, &[("TERM", "dumb")]);
    t.wait_for("TERM=dumb", WAIT);
    let st = t.exits_within(WAIT);
    assert_eq!(st.exit_code(), 2);
    t.wait_eof();
    let s = t.screen();
    assert!(s.contains("strata status"), "{s}");
    assert!(
        !t.raw_since(0).contains(LEAVE_ALT),
        "the full screen was drawn"
    );
}

// ---------------------------------------------------------------------------
// 5. Ctrl-C
// ---------------------------------------------------------------------------

#[test]
fn ctrl_c_in_the_main_screen_quits_at_once() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    let before = t.bytes();
    t.send(CTRL_C);
    let st = t.exits_within(WAIT);
    assert!(st.success(), "{st:?}");
    t.wait_eof();
    assert!(t.raw_since(before).contains(LEAVE_ALT));
}

#[test]
fn ctrl_c_in_an_editor_with_a_change_asks_first() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    t.send("/telefonservice");
    t.wait_for("(1 träff)", WAIT);
    t.send(ENTER);
    t.wait_gone("/telefonservice", WAIT);
    t.send("c");
    t.wait_for("Kommentar · 1.2.1", WAIT);
    t.send(" osparat");
    t.wait_for("osparat", WAIT);
    t.send(CTRL_C);
    t.wait_for("Avsluta och förkasta ändringen?", WAIT);
    assert!(
        t.wait_exit(Duration::ZERO).is_none(),
        "strata quit without asking"
    );
    // No: back to the editor, with the text.
    t.send(ESC);
    t.wait_gone("Avsluta och förkasta ändringen?", WAIT);
    t.wait_for("Kommentar · 1.2.1", WAIT);
    t.wait_for("osparat", WAIT);
    t.send(CTRL_C);
    t.wait_for("Avsluta och förkasta ändringen? j = ja", WAIT);
    t.send("j");
    let st = t.exits_within(WAIT);
    assert!(st.success(), "{st:?}");
    drop(t);
    // Nothing was saved.
    let out = cli(
        dir.path(),
        &["show", "languages-2025:1.2.1", "--lang", "sv"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(TITLE_SV), "{stdout}");
    assert!(!stdout.contains("osparat"), "{stdout}");
}

#[test]
fn ctrl_c_in_an_unchanged_editor_quits_at_once() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    t.send("/telefonservice\r");
    t.wait_for_detail(TITLE_SV, WAIT);
    t.send("c");
    t.wait_for("Kommentar · 1.2.1", WAIT);
    t.send(CTRL_C);
    assert!(t.exits_within(WAIT).success());
}

// ---------------------------------------------------------------------------
// Measurement on the large plan (ignored; prints figures, asserts nothing
// about time)
// ---------------------------------------------------------------------------

/// Waits after a key until strata has written something and then nothing
/// for `quiet`; returns the bytes written and the time to the last byte.
fn settle(t: &Term, before: usize, sent: Instant, quiet: Duration) -> (usize, Duration) {
    let step = Duration::from_millis(2);
    loop {
        {
            let o = t.lock();
            if o.raw.len() > before && o.last.elapsed() >= quiet {
                return (o.raw.len() - before, o.last.duration_since(sent));
            }
        }
        if sent.elapsed() > WAIT {
            return (t.bytes() - before, sent.elapsed());
        }
        std::thread::sleep(step);
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

#[test]
#[ignore = "measurement: cargo test --release --test e2e -- --ignored --nocapture measure"]
fn measure_the_large_plan() {
    let dir = tmp();
    let t0 = Instant::now();
    let plan = strata::bench::large_plan();
    {
        let mut store = strata::store::Store::open(&db(dir.path()), strata::store::Mode::ReadWrite)
            .expect("open")
            .store;
        store
            .import(
                std::slice::from_ref(&plan),
                false,
                "bench",
                "2026-01-01T00:00:00Z",
            )
            .expect("import");
    }
    println!(
        "generate + import the large plan: {:.2} s",
        t0.elapsed().as_secs_f64()
    );

    let slow = Duration::from_secs(60);
    let started = Instant::now();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, slow);
    let first = started.elapsed();
    println!(
        "time to the first full frame (120×40): {:.1} ms",
        first.as_secs_f64() * 1e3
    );
    let quiet = Duration::from_millis(30);

    // Open area 1 and its goal 1.1 (100 measures), then back to the top.
    for k in ["l", "l", "l", "l", "g"] {
        let before = t.bytes();
        let sent = Instant::now();
        t.send(k);
        settle(&t, before, sent, quiet);
    }

    let mut bytes = Vec::new();
    let mut times = Vec::new();
    for _ in 0..100 {
        let before = t.bytes();
        let sent = Instant::now();
        t.send("j");
        let (n, d) = settle(&t, before, sent, quiet);
        bytes.push(n as f64);
        times.push(d.as_secs_f64() * 1e3);
    }
    let idle = bytes.iter().filter(|&&b| b == 0.0).count();
    let max_bytes = bytes.iter().copied().fold(0.0, f64::max);
    let max_time = times.iter().copied().fold(0.0, f64::max);
    println!(
        "100 × j: bytes per key median {:.0}, max {:.0}; time per key median {:.2} ms, max {:.2} ms",
        median(&mut bytes),
        max_bytes,
        median(&mut times),
        max_time
    );
    println!("keys that drew nothing (end of the tree reached): {idle}");

    let sent = Instant::now();
    t.send("L");
    t.wait_for(READY_EN, slow);
    println!(
        "switch language (sv → en, until the footer changes): {:.1} ms",
        sent.elapsed().as_secs_f64() * 1e3
    );

    println!(
        "peak resident memory (VmHWM): {:.1} MB",
        t.proc_status_kb("VmHWM") as f64 / 1024.0
    );
    t.send("q");
    assert!(t.exits_within(slow).success());
}

// ---------------------------------------------------------------------------
// 6. Add a measure, title it in a second language, move it, undo the move
// ---------------------------------------------------------------------------

/// The change promise the measure is added under: strategy-2026 item 2.
const PROMISE_2_SV: &str = "En husläkare för alla";
const PROMISE_2_FI: &str = "Omalääkäri kaikille";
/// The change promise it is moved to, and back from: strategy-2026 item 3.
const PROMISE_3_FI: &str = "Turvallisempaa elämää kotona";
const MEASURE_SV: &str = "Digital tidsbokning till husläkaren";
const MEASURE_FI: &str = "Digitaalinen ajanvaraus omalääkärille";

/// The screen at one moment: its text and the tree row drawn in reverse
/// video (the selection, without indentation and marker), read under one
/// lock so that they agree.
struct Snap {
    text: String,
    selected: Option<String>,
}

impl Term {
    fn snap(&self) -> Snap {
        let o = self.lock();
        let screen = o.parser.screen();
        let (rows, cols) = screen.size();
        let lines: Vec<String> = screen.rows(0, cols).collect();
        // Row 0 is the header (reverse video too); the last two rows are the
        // message line and the footer.
        let selected = (1..rows.saturating_sub(2))
            .find(|&r| (0..2).all(|c| screen.cell(r, c).is_some_and(|cell| cell.inverse())))
            .map(|r| tree_row(&lines[usize::from(r)]).1.trim_end().to_owned());
        Snap {
            text: screen.contents(),
            selected,
        }
    }

    /// Waits until `pred` holds for a snapshot; fails with the screen.
    fn wait_snap(&self, what: &str, pred: impl Fn(&Snap) -> bool) -> Snap {
        let t0 = Instant::now();
        loop {
            let s = self.snap();
            if pred(&s) {
                return s;
            }
            if t0.elapsed() > WAIT {
                panic!(
                    "waited {WAIT:?} for {what}; the selected row is {:?}, the screen is:\n{}\n{}\n{}",
                    s.selected,
                    "-".repeat(40),
                    s.text,
                    "-".repeat(40)
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

/// The tree's part of a screen row: left of the pane border.
fn tree_part(line: &str) -> &str {
    line.split('│').next().unwrap_or_default()
}

/// A tree row without its indentation and open/closed marker, and the
/// column where that starts (deeper items start further right).
fn tree_row(line: &str) -> (usize, &str) {
    let tree = tree_part(line);
    let rest = tree.trim_start_matches([' ', '▾', '▸']);
    (tree.chars().count() - rest.chars().count(), rest)
}

/// The row (without indentation) of the parent of the row starting with
/// `row` (e.g. "2.9 Digital"), as the tree draws it: the nearest row above
/// that starts further left. None if either is not on the screen.
fn parent_in_tree(screen: &str, row: &str) -> Option<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let body = &lines[1..lines.len().saturating_sub(2)];
    let at = body.iter().position(|l| tree_row(l).1.starts_with(row))?;
    let col = tree_row(body[at]).0;
    body[..at]
        .iter()
        .rev()
        .map(|l| tree_row(l))
        .find(|(c, rest)| !rest.is_empty() && *c < col)
        .map(|(_, rest)| rest.trim_end().to_owned())
}

/// The text inside the editor box whose top border holds `title`; None if
/// there is no such box.
fn editor_text(screen: &str, title: &str) -> Option<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines.iter().position(|l| l.contains(title))?;
    let left = lines[top].chars().position(|c| c == '┌')?;
    let right = lines[top].chars().position(|c| c == '┐')?;
    let mut text = Vec::new();
    for l in &lines[top + 1..] {
        let row: Vec<char> = l.chars().collect();
        if row.get(left) != Some(&'│') {
            break;
        }
        let inner: String = row.get(left + 1..right.min(row.len()))?.iter().collect();
        text.push(inner.trim_end().to_owned());
    }
    Some(text.join("\n").trim().to_owned())
}

/// An item of the exported JSON with this code, searched through the tree.
fn find_item<'a>(items: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    items.as_array()?.iter().find_map(|it| {
        if it["code"] == code {
            Some(it)
        } else {
            find_item(&it["children"], code)
        }
    })
}

/// The codes of an exported item's children.
fn child_codes(item: &serde_json::Value) -> Vec<&str> {
    item["children"]
        .as_array()
        .map(|c| c.iter().filter_map(|i| i["code"].as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn add_a_measure_title_it_in_finnish_move_it_and_undo_the_move() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);

    // Find change promise 2 and add a measure under it, titled in Swedish.
    t.send(format!("/{PROMISE_2_SV}"));
    t.wait_for(&format!("/{PROMISE_2_SV}  (1 träff)"), WAIT);
    t.send(ENTER);
    t.wait_snap("change promise 2 selected", |s| {
        !s.text.contains(&format!("/{PROMISE_2_SV}"))
            && s.text.contains(READY_SV)
            && s.selected
                .as_deref()
                .is_some_and(|r| r.starts_with(&format!("2 {PROMISE_2_SV}")))
    });
    t.send("a");
    t.wait_for("Ny punkt · strategy-2026:2 · SV", WAIT);
    t.send(MEASURE_SV);
    t.wait_until("the Swedish title in the editor", WAIT, |s| {
        editor_text(s, "Ny punkt · strategy-2026:2").as_deref() == Some(MEASURE_SV)
    });
    t.send(CTRL_S);
    let s = t.wait_until("the added message", WAIT, |s| {
        s.lines().any(|l| l.trim_end().ends_with(": tillagd."))
    });
    let message = s
        .lines()
        .find(|l| l.trim_end().ends_with(": tillagd."))
        .unwrap()
        .trim();
    let code = message
        .strip_prefix("strategy-2026:")
        .and_then(|m| m.strip_suffix(": tillagd."))
        .unwrap_or_else(|| panic!("the message names no strategy-2026 item: {message:?}"));
    let n = code
        .strip_prefix("2.")
        .unwrap_or_else(|| panic!("the new item is not under 2: {message:?}"));
    assert!(
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()),
        "the new item's code is not 2.N: {message:?}"
    );
    let row_sv = format!("{code} Digital tidsbokning");
    let row_fi = format!("{code} Digitaalinen ajanvaraus");
    let s = t.wait_snap("the new item selected", |s| {
        s.selected
            .as_deref()
            .is_some_and(|r| r.starts_with(&row_sv))
            && s.text.contains(&format!("Åtgärd {code}"))
            && s.text.contains(MEASURE_SV)
    });
    assert_eq!(
        parent_in_tree(&s.text, &row_sv)
            .as_deref()
            .map(|p| p.starts_with(&format!("2 {PROMISE_2_SV}"))),
        Some(true),
        "{}",
        s.text
    );

    // sv → en → fi: the item has no Finnish title yet, so the Swedish one
    // stands in, marked [sv]; the editor opens empty, in Finnish.
    t.send("L");
    t.wait_for("Language: English", WAIT);
    t.wait_for(READY_EN, WAIT);
    t.send("L");
    t.wait_for("Kieli: suomi", WAIT);
    t.wait_for(READY_FI, WAIT);
    t.wait_for(&format!("{MEASURE_SV} [sv]"), WAIT);
    t.send("e");
    let title = format!("Otsikko · {code} · FI");
    let s = t.wait_for(&title, WAIT);
    assert_eq!(
        editor_text(&s, &title).as_deref(),
        Some(""),
        "the Finnish title editor does not open empty:\n{s}"
    );
    t.send(MEASURE_FI);
    t.wait_until("the Finnish title in the editor", WAIT, |s| {
        editor_text(s, &title).as_deref() == Some(MEASURE_FI)
    });
    t.send(CTRL_S);
    t.wait_for(&format!("strategy-2026:{code}: tallennettu."), WAIT);
    t.wait_snap("the Finnish title shown", |s| {
        !s.text.contains(&title)
            && s.text.contains(MEASURE_FI)
            && !s.text.contains(&format!("{MEASURE_SV} [sv]"))
            && s.selected
                .as_deref()
                .is_some_and(|r| r.starts_with(&row_fi))
    });

    // Move it: m on the item, then on change promise 3 (found by its
    // Finnish title), m again.
    t.send("m");
    t.wait_for(&format!("Siirretään strategy-2026:{code}"), WAIT);
    t.send(format!("/{PROMISE_3_FI}"));
    t.wait_for(&format!("/{PROMISE_3_FI}  (1 osuma)"), WAIT);
    t.send(ENTER);
    // While an item is being moved the footer offers only "m siirrä" and
    // "Esc peru".
    t.wait_snap("change promise 3 selected", |s| {
        !s.text.contains(&format!("/{PROMISE_3_FI}"))
            && s.text.contains("Esc peru")
            && s.selected
                .as_deref()
                .is_some_and(|r| r.starts_with(&format!("3 {PROMISE_3_FI}")))
    });
    t.send("m");
    let s = t.wait_snap("the item under 3", |s| {
        s.text
            .contains(&format!("strategy-2026:{code}: siirretty."))
            && parent_in_tree(&s.text, &row_fi)
                .is_some_and(|p| p.starts_with(&format!("3 {PROMISE_3_FI}")))
    });
    assert!(
        s.selected
            .as_deref()
            .is_some_and(|r| r.starts_with(&row_fi)),
        "the moved item is not selected ({:?}):\n{}",
        s.selected,
        s.text
    );

    // Undo: the move back.
    t.send("u");
    let s = t.wait_snap("the move undone", |s| {
        // Back among 2's children, whose parent row may be scrolled off.
        s.text.contains(&format!("Kumottu: strategy-2026:{code}"))
            && s.text.lines().any(|l| tree_row(l).1.starts_with(&row_fi))
            && !parent_in_tree(&s.text, &row_fi)
                .is_some_and(|p| p.starts_with(&format!("3 {PROMISE_3_FI}")))
    });
    assert!(
        s.selected
            .as_deref()
            .is_some_and(|r| r.starts_with(&row_fi)),
        "the item is not selected after the undo ({:?}):\n{}",
        s.selected,
        s.text
    );
    // Its parent, with h: change promise 2, whose child it is in the tree.
    t.send("h");
    // Waits for the whole frame: a snapshot taken while the frame is still
    // being written can show the new selection before the rows below it.
    let s = t.wait_snap("change promise 2 selected", |s| {
        s.selected
            .as_deref()
            .is_some_and(|r| r.starts_with(&format!("2 {PROMISE_2_FI}")))
            && parent_in_tree(&s.text, &row_fi).is_some()
    });
    assert_eq!(
        parent_in_tree(&s.text, &row_fi)
            .as_deref()
            .map(|p| p.starts_with(&format!("2 {PROMISE_2_FI}"))),
        Some(true),
        "{}",
        s.text
    );

    t.send("q");
    let st = t.exits_within(WAIT);
    assert!(st.success(), "strata exited with {st:?}");
    drop(t);

    // The file: the item under 2 with both titles, not under 3.
    let out = cli(dir.path(), &["export", "--plan", "strategy-2026"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("export is JSON");
    let items = &json["plans"][0]["items"];
    assert_eq!(json["plans"][0]["code"], "strategy-2026");
    let two = find_item(items, "2").expect("item 2 in the export");
    let three = find_item(items, "3").expect("item 3 in the export");
    assert!(
        child_codes(two).contains(&code),
        "{code} is not among 2's children: {:?}",
        child_codes(two)
    );
    assert!(
        !child_codes(three).contains(&code),
        "{code} is still among 3's children: {:?}",
        child_codes(three)
    );
    assert!(find_item(&three["children"], code).is_none());
    let item = find_item(&two["children"], code).expect("the new item");
    assert_eq!(item["title"]["fi"], MEASURE_FI, "{item}");
    assert_eq!(item["title"]["sv"], MEASURE_SV, "{item}");

    // The change log: the add, the Finnish title, the move and the move back.
    let out = cli(dir.path(), &["log", "strategy-2026", "--limit", "20"]);
    let log = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{log}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let address = format!("strategy-2026:{code} ");
    let line_of = |what: &str| {
        log.lines()
            .position(|l| l.contains("e2e-user") && l.contains(&address) && l.contains(what))
            .unwrap_or_else(|| panic!("no {what:?} for {code} in the log:\n{log}"))
    };
    // Newest first.
    let added = line_of(&format!("added (sv): – → {MEASURE_SV}"));
    let titled = line_of(&format!("Title (fi): – → {MEASURE_FI}"));
    let moved = line_of("moved under: 2 → 3");
    let back = line_of("moved under: 3 → 2");
    assert!(
        back < moved && moved < titled && titled < added,
        "the log is not in the order of the edits:\n{log}"
    );
}

// ---------------------------------------------------------------------------
// 7. Two processes edit the same comment: the conflict box, take theirs or
//    keep mine
// ---------------------------------------------------------------------------

/// The item both edit: internal-control-2025 item 1, found by searching.
const HYGIENE: &str = "internal-control-2025:1";
const HYGIENE_TITLE_SV: &str = "God hygienisk standard";
/// What each of the two writes as the Swedish comment of 2025.
const TEXT_A: &str = "Min text från A";
const TEXT_B: &str = "Text från B";

/// Starts strata in a terminal as the OS user `user` (strata logs edits
/// with `USER`). `env` sets it, as strata's environment is set anew.
fn start_as(dir: &Path, user: &str, args: &[&str], size: (u16, u16)) -> Term {
    let mut cmd = CommandBuilder::new("env");
    cmd.arg(format!("USER={user}"));
    cmd.arg(BIN);
    cmd.arg("--db");
    cmd.arg(db(dir));
    cmd.args(args);
    start_command(dir, cmd, size)
}

/// strata's command line as a plain process, run as the OS user `user`;
/// fails unless it exits with 0. Returns standard output.
fn cli_as_ok(dir: &Path, user: &str, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db(dir))
        .args(args)
        .env_clear()
        .envs(env_for(dir))
        .env("USER", user)
        .env("COLUMNS", "200")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run strata");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "strata {args:?} as {user}:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The entries of `strata log`, each joined into one line: an entry starts
/// at the left margin, the lines that continue it are indented.
fn log_entries(log: &str) -> Vec<String> {
    let mut entries: Vec<String> = Vec::new();
    for line in log.lines() {
        match entries.last_mut() {
            Some(e) if line.starts_with(' ') => {
                e.push(' ');
                e.push_str(line.trim());
            }
            _ => entries.push(line.trim_end().to_owned()),
        }
    }
    entries
}

/// The exported item internal-control-2025:1 and its 2025 assessments,
/// oldest first.
fn hygiene_assessments(dir: &Path) -> Vec<serde_json::Value> {
    let stdout = cli_as_ok(
        dir,
        "e2e-user",
        &["export", "--plan", "internal-control-2025"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("export is JSON");
    assert_eq!(json["plans"][0]["code"], "internal-control-2025");
    let item = find_item(&json["plans"][0]["items"], "1").expect("item 1 in the export");
    item["assessments"]
        .as_array()
        .expect("the item's assessments")
        .iter()
        .filter(|a| a["period"] == "2025")
        .cloned()
        .collect()
}

/// What A chooses in the conflict box.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Choice {
    TakeTheirs,
    KeepMine,
}

/// A (in a terminal, as user-a, in Swedish) opens the comment editor on
/// internal-control-2025:1 and writes its text; meanwhile B (`strata set`,
/// as user-b) stores another comment; A saves, sees both in the conflict
/// box, and chooses. Returns the directory of the database, A quit.
fn two_edit_the_same_comment(choice: Choice) -> tempfile::TempDir {
    let dir = tmp();
    cli_as_ok(dir.path(), "e2e-user", &["init"]);
    // The Swedish comment of 2025 as the editor will start from it.
    let before = hygiene_assessments(dir.path());
    let old = before.last().expect("a 2025 assessment")["comment"]["sv"]
        .as_str()
        .expect("a Swedish comment of 2025")
        .to_owned();
    assert_ne!(old, TEXT_B);

    let mut a = start_as(dir.path(), "user-a", &["--lang", "sv"], BIG);
    a.wait_for(READY_SV, WAIT);
    a.send("/hygien");
    a.wait_until("the search's hits", WAIT, |s| {
        s.contains("/hygien  (") && s.contains(HYGIENE_TITLE_SV)
    });
    a.send(ENTER);
    a.wait_snap("internal-control-2025 item 1 selected", |s| {
        !s.text.contains("/hygien")
            && s.text.contains(READY_SV)
            && s.selected
                .as_deref()
                .is_some_and(|r| r.starts_with(&format!("1 {HYGIENE_TITLE_SV}")))
    });

    a.send("c");
    let title = "Kommentar · 1 · 2025 · SV";
    let old_start: String = old.chars().take(20).collect();
    a.wait_until("the comment editor with the comment of 2025", WAIT, |s| {
        editor_text(s, title).is_some_and(|t| t.starts_with(&old_start))
    });
    // The cursor is at the end of the text: one backspace per character
    // (and per line break) clears it, whatever the editor's other keys do.
    let n = old.chars().count() + old.lines().count() + 5;
    a.send(BACKSPACE.repeat(n));
    a.wait_until("an empty editor", WAIT, |s| {
        editor_text(s, title).as_deref() == Some("")
    });
    a.send(TEXT_A);
    a.wait_until("A's text in the editor", WAIT, |s| {
        editor_text(s, title).as_deref() == Some(TEXT_A)
    });

    // Meanwhile B, from a shell: a plain process that has ended before A
    // saves.
    let out = cli_as_ok(
        dir.path(),
        "user-b",
        &["set", HYGIENE, "--comment", TEXT_B, "--lang", "sv"],
    );
    assert!(out.contains(HYGIENE), "{out}");
    // B's write does not touch the text in A's editor.
    assert_eq!(editor_text(&a.screen(), title).as_deref(), Some(TEXT_A));

    a.send(CTRL_S);
    let conflict = "Ändrad av någon annan";
    let s = a.wait_until("the conflict box with both texts", WAIT, |s| {
        editor_text(s, conflict).is_some_and(|b| {
            let b = flat(&b);
            b.contains("Deras (user-b,")
                && b.contains(TEXT_B)
                && b.contains("Din:")
                && b.contains(TEXT_A)
                && b.contains("k = behåll min")
                && b.contains("t = behåll kollegans")
                && b.contains("tillbaka till redigeringen")
        }) && editor_text(s, title).is_none()
    });
    // The wait covers the whole frame (the box's last line, the editor
    // under it gone): a terminal mid-redraw is not a finding.
    // Inside the box: theirs (with B's user name), then yours, then the
    // choices, going back to editing among them.
    let b = flat(&editor_text(&s, conflict).unwrap());
    let at = |what: &str| {
        b.find(what)
            .unwrap_or_else(|| panic!("no {what:?} in the conflict box:\n{s}"))
    };
    assert!(
        at("Deras (user-b,") < at(TEXT_B)
            && at(TEXT_B) < at("Din:")
            && at("Din:") < at(TEXT_A)
            && at(TEXT_A) < at("k = behåll min"),
        "theirs, then yours, then the choices:\n{s}"
    );
    assert!(
        b.contains("tillbaka till redigeringen"),
        "the box offers no way back to editing:\n{s}"
    );
    assert!(!b.contains(&old_start), "{s}");

    match choice {
        Choice::TakeTheirs => {
            a.send("t");
            a.wait_for(
                &format!("{HYGIENE}: kollegans version behölls; din finns kvar i ändringsloggen."),
                WAIT,
            );
            a.wait_gone("Ändrad av någon annan", WAIT);
            a.wait_for(&format!("Kommentar: {TEXT_B}"), WAIT);
        }
        Choice::KeepMine => {
            a.send("k");
            a.wait_for(
                &format!("{HYGIENE}: din version sparades; kollegans finns i historiken."),
                WAIT,
            );
            a.wait_gone("Ändrad av någon annan", WAIT);
            a.wait_for(&format!("Kommentar: {TEXT_A}"), WAIT);
        }
    }
    // No editor left open: q quits at once.
    a.send("q");
    let st = a.exits_within(WAIT);
    assert!(st.success(), "strata exited with {st:?}");
    dir
}

/// Take theirs: B's comment is stored and shown; A's text is in the change
/// log as comment-discarded, by user-a, beside B's change by user-b.
#[test]
fn two_processes_edit_the_same_comment_and_a_takes_theirs() {
    let dir = two_edit_the_same_comment(Choice::TakeTheirs);

    let shown = cli_as_ok(dir.path(), "e2e-user", &["show", HYGIENE, "--lang", "sv"]);
    assert!(
        shown
            .lines()
            .any(|l| l.trim_start().starts_with("Kommentar:") && l.trim_end().ends_with(TEXT_B)),
        "B's comment is not the stored one:\n{shown}"
    );
    assert!(!shown.contains(TEXT_A), "{shown}");

    let log = cli_as_ok(dir.path(), "e2e-user", &["log", HYGIENE]);
    let entries = log_entries(&log);
    let discarded = entries
        .iter()
        .position(|e| {
            e.contains("user-a")
                && e.contains("Comment, set aside in a conflict (sv)")
                && e.contains(TEXT_A)
        })
        .unwrap_or_else(|| panic!("A's text is not in the log as comment-discarded:\n{log}"));
    let theirs = entries
        .iter()
        .position(|e| {
            e.contains("user-b")
                && e.contains("Comment (sv):")
                && e.trim_end().ends_with(&format!("→ {TEXT_B}"))
        })
        .unwrap_or_else(|| panic!("B's change is not in the log:\n{log}"));
    // Newest first: A gave up after B wrote.
    assert!(discarded < theirs, "{log}");
    assert!(
        !entries
            .iter()
            .any(|e| e.contains("user-a") && e.contains("Comment (sv):")),
        "A's text was stored after all:\n{log}"
    );
}

/// Keep mine: A's comment is stored; B's text stays in the item's history
/// (the export's assessments), by user-b.
#[test]
fn two_processes_edit_the_same_comment_and_a_keeps_mine() {
    let dir = two_edit_the_same_comment(Choice::KeepMine);

    let shown = cli_as_ok(dir.path(), "e2e-user", &["show", HYGIENE, "--lang", "sv"]);
    assert!(
        shown
            .lines()
            .any(|l| l.trim_start().starts_with("Kommentar:") && l.trim_end().ends_with(TEXT_A)),
        "A's comment is not the stored one:\n{shown}"
    );

    let history = hygiene_assessments(dir.path());
    let last = history.last().expect("a 2025 assessment");
    assert_eq!(last["comment"]["sv"], TEXT_A, "{history:#?}");
    assert_eq!(last["by"], "user-a", "{last:#}");
    assert!(
        history
            .iter()
            .any(|a| a["comment"]["sv"] == TEXT_B && a["by"] == "user-b"),
        "B's text is not in the item's history:\n{history:#?}"
    );

    let log = cli_as_ok(dir.path(), "e2e-user", &["log", HYGIENE]);
    let entries = log_entries(&log);
    let mine = entries
        .iter()
        .position(|e| {
            e.contains("user-a") && e.contains(&format!("Comment (sv): {TEXT_B} → {TEXT_A}"))
        })
        .unwrap_or_else(|| panic!("A's save over B's text is not in the log:\n{log}"));
    let theirs = entries
        .iter()
        .position(|e| e.contains("user-b") && e.contains(&format!("→ {TEXT_B}")))
        .unwrap_or_else(|| panic!("B's change is not in the log:\n{log}"));
    assert!(mine < theirs, "{log}");
    assert!(!log.contains("discarded"), "{log}");
}

/// A save waiting for a file another strata holds locked: the wait sleeps
/// (no core spins), and when the SSH line drops meanwhile strata leaves
/// within a fraction of a second instead of after the whole busy timeout.
#[test]
fn a_hang_up_while_a_save_waits_for_a_busy_file_ends_strata_at_once() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    // A colleague's long write holds the lock.
    let other = rusqlite::Connection::open(db(dir.path())).expect("open");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("take the lock");
    t.send("j");
    t.send("s");
    t.wait_for("Status för 1", WAIT);
    t.send("4");
    // The save waits for the lock: over half a second it uses next to no CPU.
    std::thread::sleep(Duration::from_millis(300));
    let before = t.cpu_time();
    std::thread::sleep(Duration::from_millis(500));
    let used = t.cpu_time().saturating_sub(before);
    assert!(
        used < Duration::from_millis(150),
        "waiting for the lock used {used:?} of CPU in 500 ms"
    );
    let t0 = Instant::now();
    t.close_terminal();
    let st = t
        .wait_exit(Duration::from_secs(2))
        .unwrap_or_else(|| panic!("strata still runs 2 s after its terminal was closed"));
    let took = t0.elapsed();
    assert!(st.success(), "strata exited with {st:?}");
    assert!(
        took < Duration::from_millis(1500),
        "strata took {took:?} to leave (the busy timeout is 5 s)"
    );
    other.execute_batch("ROLLBACK").expect("let go");
    // Nothing was written: the first item is as it was.
    let out = cli(dir.path(), &["log", "languages-2025", "--limit", "1"]);
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("status"),
        "a status was written"
    );
}

/// The language chosen with L is the one the app starts in next time, unless
/// one is asked for with --lang; kept apart from the user's config.
#[test]
fn the_language_chosen_with_l_is_remembered_for_the_next_start() {
    let dir = tmp();
    // LANG=C: English, until the user says otherwise.
    let mut t = start(dir.path(), &[], BIG);
    t.wait_for(READY_EN, WAIT);
    t.send("L");
    t.wait_for(READY_FI, WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    let mut t = start(dir.path(), &[], BIG);
    t.wait_for(READY_FI, WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    // --lang wins, once.
    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    assert!(
        !dir.path().join("none.toml").exists(),
        "the user's config file was not written"
    );
}

/// The tree pane widened with `)` keeps its width at the next start.
#[test]
fn the_tree_width_set_with_parentheses_is_remembered() {
    let dir = tmp();
    let sep = |screen: &str| {
        let line = screen.lines().nth(2).unwrap_or_default().to_owned();
        line.find('│')
            .map(|i| strata::display::width(&line[..i]))
            .unwrap_or(0)
    };
    let mut t = start(dir.path(), &["--lang", "fi"], BIG);
    let before = sep(&t.wait_for(READY_FI, WAIT));
    t.send(")))");
    let wide = t.wait_for("Puu vie 65 % leveydestä.", WAIT);
    assert!(
        sep(&wide) > before + 6,
        "{before} → {}:\n{wide}",
        sep(&wide)
    );
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    let mut t = start(dir.path(), &["--lang", "fi"], BIG);
    let again = t.wait_for(READY_FI, WAIT);
    assert_eq!(sep(&again), sep(&wide), "{again}");
    t.send("((((((((((((((((");
    let narrow = t.wait_for("Puu vie 20 % leveydestä.", WAIT);
    assert!(sep(&narrow) < before, "{narrow}");
    t.send("q");
    assert!(t.exits_within(WAIT).success());
}

// ---------------------------------------------------------------------------
// A follow-up round from opening to closing, in Finnish
// ---------------------------------------------------------------------------

/// Open period 2026 from 2025's statuses: every item counts as not
/// assessed; confirm two, change one; the round view counts three; close
/// the period; an edit is refused.
#[test]
fn a_whole_round_open_from_the_previous_statuses_confirm_change_count_close() {
    let dir = tmp();
    let mut t = start(dir.path(), &["--lang", "fi"], BIG);
    t.wait_for(READY_FI, WAIT);
    t.send("/hygieniataso");
    t.wait_for("(1 osuma)", WAIT);
    t.send(ENTER);
    t.wait_gone("/hygieniataso", WAIT);
    t.wait_for("Tila: ▲ haasteita", WAIT);

    // P, a: the new period; its code, then the question about the statuses.
    t.send("P");
    t.wait_for("Seurantakaudet · internal-control-2025", WAIT);
    t.send("a");
    t.wait_for("Uusi kausi", WAIT);
    t.send("2026");
    t.send(CTRL_S);
    t.wait_for("Aloitetaanko kausi 2026 edellisen kauden tiloista?", WAIT);
    t.send("k");
    t.wait_for("Kausi 2026", WAIT);
    t.wait_for("↻ ▲ haasteita", WAIT);

    // The round: nothing assessed, all seven carried over.
    t.send("R");
    let s = t.wait_for("Seurantakierros", WAIT);
    let row = |s: &str| {
        s.lines()
            .find(|l| l.contains("internal-control-2025 · 2026"))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no round row for the plan:\n{s}"))
    };
    assert!(row(&s).contains("0/7"), "{}", row(&s));
    assert!(row(&s).contains("↻   7"), "{}", row(&s));
    t.send(ESC);
    t.wait_gone("Seurantakierros", WAIT);

    // Confirm 1 and 2 as they are (o), change 3 (s, 4: ei etene).
    t.send("o");
    t.wait_for(
        "internal-control-2025:1: ▲ haasteita pidetään tällä kaudella.",
        WAIT,
    );
    t.send("j");
    t.wait_for("Luvaton pääsy", WAIT);
    t.send("o");
    t.wait_for(
        "internal-control-2025:2: ■ ei etene pidetään tällä kaudella.",
        WAIT,
    );
    t.send("j");
    t.send("s");
    t.wait_for("Kohdan 3 tila · 2026", WAIT);
    t.send("4");
    t.wait_for("internal-control-2025:3: ● etenee → ■ ei etene", WAIT);

    t.send("R");
    let s = t.wait_until("the round counting three", WAIT, |s| {
        s.lines()
            .any(|l| l.contains("internal-control-2025 · 2026") && l.contains("3/7"))
    });
    assert!(row(&s).contains("↻   4"), "{}", row(&s));
    t.send(ESC);
    t.wait_gone("Seurantakierros", WAIT);

    // Close the period: P, c, yes.
    t.send("P");
    t.wait_for("Seurantakaudet · internal-control-2025", WAIT);
    t.send("c");
    t.wait_for("Suljetaanko", WAIT);
    t.send("k");
    t.wait_for("seurantakausi 2026 suljettiin", WAIT);
    t.send(ESC);
    t.wait_gone("Seurantakaudet", WAIT);
    t.wait_for("Kausi: 2026 · suljettu", WAIT);

    // An edit is refused, before anything is typed.
    t.send("s");
    t.wait_for("on suljettu", WAIT);
    t.send("c");
    t.wait_for("on suljettu", WAIT);
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    drop(t);

    let out = cli(
        dir.path(),
        &[
            "round",
            "--plan",
            "internal-control-2025",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let p = &json["plans"][0];
    assert_eq!(p["period"]["closed"], true);
    assert_eq!(p["counts"]["assessed"], 3);
    assert_eq!(p["counts"]["carried_over"], 4);
    assert_eq!(p["counts"]["off_track"], 2);
}

// ---------------------------------------------------------------------------
// An item's figures from the app
// ---------------------------------------------------------------------------

/// From a plan with one measure and no figures: an indicator added with its
/// value, then a risk with a control moment, all in the app in Swedish; the
/// command line then shows them, and the light the value gives.
#[test]
fn an_indicator_with_a_value_and_a_risk_with_a_control_moment_from_an_empty_plan() {
    let dir = tmp();
    let out = cli(dir.path(), &["init", "--empty"]);
    assert!(out.status.success(), "{out:?}");
    let plan = r#"{"format": "strata", "version": 2, "plans": [{
        "code": "tillsyn-2027", "title": {"sv": "Tillsynsplan 2027"},
        "periods": [{"code": "2027", "label": {"sv": "2027"},
                     "start": "2027-01-01", "end": "2027-12-31"}],
        "items": [{"code": "1", "title": {"sv": "Hemtjänstens kvalitet"}}]}]}"#;
    let file = dir.path().join("tillsyn.json");
    std::fs::write(&file, plan).unwrap();
    let out = cli(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut t = start(dir.path(), &["--lang", "sv"], BIG);
    t.wait_for(READY_SV, WAIT);
    t.send("/Hemtjänstens\r");
    t.wait_gone("/Hemtjänstens", WAIT);
    t.send("v");
    t.wait_for("+ Ny indikator", WAIT);
    t.send("a\r");
    t.wait_for("Ny indikator · namn; enhet", WAIT);
    t.send("Nöjda brukare; %; ≥ 85 / 80");
    t.wait_for("Nöjda brukare; %; ≥ 85 / 80", WAIT);
    t.send(CTRL_S);
    t.wait_for("indikatorn ”Nöjda brukare” lades till", WAIT);
    t.wait_for("grön vid 85\u{a0}% eller högre, gul från 80\u{a0}%", WAIT);

    // Its value in 2027: the first row of the list.
    t.send("v");
    t.wait_for("Värde 2027: Nöjda brukare", WAIT);
    t.send("\r");
    t.send("82,5");
    t.send(CTRL_S);
    t.wait_for("2027: 82,5\u{a0}% ▲", WAIT);

    // A risk, then a control moment.
    t.send("v");
    t.wait_for("+ Risk: sannolikhet × konsekvens", WAIT);
    // Value, note, thresholds and series of the indicator, then the risk.
    t.send("jjjjj\r");
    t.wait_for("Risk · sannolikhet × konsekvens", WAIT);
    t.send("3 × 4");
    t.send(CTRL_S);
    t.wait_for("risken 3 × 4 lades till", WAIT);
    t.send("v");
    t.wait_for("+ Nytt kontrollmoment", WAIT);
    t.send("jjjjjj\r");
    t.wait_for("Nytt kontrollmoment · vad som kontrolleras", WAIT);
    t.send("Stickprov i journalerna");
    t.send(CTRL_S);
    t.wait_for(
        "kontrollmomentet ”Stickprov i journalerna” lades till",
        WAIT,
    );
    t.send("q");
    assert!(t.exits_within(WAIT).success());
    drop(t);

    let out = cli(
        dir.path(),
        &["--lang", "sv", "show", "tillsyn-2027:1", "--period", "2027"],
    );
    let show = String::from_utf8_lossy(&out.stdout);
    for want in [
        "Nöjda brukare",
        "grön vid 85\u{a0}% eller högre, gul från 80\u{a0}%",
        "2027: 82,5\u{a0}% ▲ gul",
        "sannolikhet 3 × konsekvens 4 = 12",
        "Kontrollmoment 1: Stickprov i journalerna",
    ] {
        assert!(show.contains(want), "{want:?} not in:\n{show}");
    }
}
