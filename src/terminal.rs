//! The terminal: a guard that restores it on every exit path (panics
//! included), SIGHUP/SIGTERM and hang-up handling, and the event loop.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::app::{App, Control};

/// Puts the terminal back as it was: raw mode off, main screen, cursor shown.
/// Errors are ignored: the terminal may already be gone (a dropped SSH line).
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Restores the terminal when dropped.
pub struct Guard;

impl Guard {
    /// With `mouse`, the app reads clicks and the wheel (the terminal's own
    /// text selection then needs Shift, as in gitui and lazygit).
    pub fn enter(mouse: bool) -> io::Result<Guard> {
        // Restore before any panic message is printed, so it is readable.
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            default(info);
        }));
        terminal::enable_raw_mode()?;
        let guard = Guard;
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Whether strata can draw its screen here.
pub fn is_interactive() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// The terminal's size from the kernel, or `None` when the terminal has hung
/// up (the SSH line dropped, the window closed): then every call fails with EIO.
fn window_size() -> Option<(u16, u16)> {
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct we pass.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        for fd in [libc::STDOUT_FILENO, libc::STDIN_FILENO] {
            if libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) == 0 {
                return Some((ws.ws_col, ws.ws_row));
            }
        }
    }
    None
}

/// How often the file is checked for other writers.
const REFRESH_EVERY: Duration = Duration::from_millis(500);
/// How long one wait for input lasts; bounds the reaction to signals and to
/// a hung-up terminal.
const TICK: Duration = Duration::from_millis(100);

/// Runs the app until it quits, the terminal goes away or a signal arrives.
/// Returns the display language it was left in.
/// Returns the display language and the tree's share the app was left in.
pub fn run(mut app: App, mouse: bool) -> io::Result<(crate::domain::Lang, Option<u16>)> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let _guard = Guard::enter(mouse)?;
    // Input is read on its own thread, started before the first frame so that
    // no resize is missed. If the terminal dies under it, crossterm may keep
    // reading in a loop; this thread then simply ends with the process.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || loop {
        let ev = event::read();
        let gone = ev.is_err();
        if tx.send(ev.ok()).is_err() || gone {
            return;
        }
    });
    // A watch that does not wait for the app: while a save waits for a busy
    // file, the event loop is not turning, yet a hung-up terminal or a
    // signal must still end strata within a tenth of a second. The watch
    // tells the store to give up waiting; the loop then sees why and leaves.
    let watch = Arc::clone(&stop);
    std::thread::spawn(move || loop {
        std::thread::sleep(TICK / 2);
        if watch.load(Ordering::Relaxed) || window_size().is_none() {
            crate::store::interrupt_waits();
            return;
        }
    });
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let result = event_loop(&mut app, &mut term, &rx, &stop);
    // ratatui's Terminal prints (and can panic) when it cannot show the cursor
    // on a dead terminal; the guard restores the terminal instead.
    std::mem::forget(term);
    result.map(|()| (app.model.lang, app.model.tree_share))
}

type Term = Terminal<CrosstermBackend<io::Stdout>>;

fn event_loop(
    app: &mut App,
    term: &mut Term,
    rx: &mpsc::Receiver<Option<Event>>,
    stop: &AtomicBool,
) -> io::Result<()> {
    let Some(mut size) = window_size() else {
        return Ok(());
    };
    app.model.resize_to(size.0, size.1);
    let mut dirty = true;
    let mut last_check = Instant::now();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // A hung-up terminal: leave at once, without drawing to it.
        let Some(now) = window_size() else {
            return Ok(());
        };
        if now != size {
            size = now;
            app.model.resize_to(size.0, size.1);
            // After a resize the terminal's content is not what ratatui last
            // drew (a shrink wipes it): clear and draw the whole screen again.
            // (Not Terminal::clear: it asks the terminal for the cursor
            // position, and the input thread holds crossterm's reader.)
            let _ = term.resize(ratatui::layout::Rect::new(0, 0, size.0, size.1));
            dirty = true;
        }
        if dirty {
            if term.draw(|f| crate::ui::draw(f, &app.model)).is_err() {
                return Ok(());
            }
            dirty = false;
        }
        // While the plans are read whole in the background, look for them
        // often: a search waits for them.
        let tick = if app.reading_whole() { TICK / 10 } else { TICK };
        let got = rx.recv_timeout(tick);
        if app.poll_whole_read(false) {
            dirty = true;
        }
        match got {
            Ok(Some(Event::Key(k))) if k.kind != KeyEventKind::Release => {
                dirty = true;
                if app.key(&k) == Control::Quit {
                    return Ok(());
                }
            }
            Ok(Some(Event::Mouse(m))) => {
                dirty = true;
                if app.mouse(&m) == Control::Quit {
                    return Ok(());
                }
            }
            Ok(Some(Event::Resize(..))) => {
                // Handled above from the kernel's size, which is the truth
                // even when resizes come faster than they are read; a resize
                // back to the same size still needs a full redraw.
                size = (0, 0);
            }
            Ok(Some(_)) | Err(RecvTimeoutError::Timeout) => {}
            Ok(None) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        if last_check.elapsed() >= REFRESH_EVERY {
            last_check = Instant::now();
            if let Ok(true) = app.refresh_if_changed() {
                dirty = true;
            }
        }
    }
}
