//! The terminal: a guard that restores it on every exit path (panics
//! included), SIGHUP/SIGTERM handling, and the event loop.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::app::{App, Control};

/// Puts the terminal back as it was: raw mode off, main screen, cursor shown.
/// Errors are ignored: the terminal may already be gone (a dropped SSH line).
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// Restores the terminal when dropped.
pub struct Guard;

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        // Restore before any panic message is printed, so it is readable.
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            default(info);
        }));
        terminal::enable_raw_mode()?;
        let guard = Guard;
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
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

/// How often the file is checked for other writers.
const REFRESH_EVERY: Duration = Duration::from_millis(500);
/// How long one wait for a key lasts; also bounds the reaction to signals.
const TICK: Duration = Duration::from_millis(200);

/// Runs the app until it quits, the terminal goes away or a signal arrives.
pub fn run(mut app: App) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let _guard = Guard::enter()?;
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = term.size()?;
    app.model.resize(size.width, size.height);
    let mut dirty = true;
    let mut last_check = Instant::now();
    loop {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        if dirty {
            // A failed draw means the terminal is gone: leave.
            if term.draw(|f| crate::ui::draw(f, &app.model)).is_err() {
                break;
            }
            dirty = false;
        }
        match event::poll(TICK) {
            Ok(true) => match event::read() {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                    dirty = true;
                    if app.key(&k) == Control::Quit {
                        break;
                    }
                }
                Ok(Event::Resize(w, h)) => {
                    app.model.resize(w, h);
                    let _ = term.autoresize();
                    dirty = true;
                }
                Ok(_) => {}
                Err(_) => break,
            },
            Ok(false) => {}
            Err(_) => break,
        }
        // A closed terminal (EIO) also shows as a parent-less stdin.
        if !io::stdin().is_terminal() {
            break;
        }
        if last_check.elapsed() >= REFRESH_EVERY {
            last_check = Instant::now();
            if let Ok(true) = app.refresh_if_changed() {
                dirty = true;
            }
        }
    }
    Ok(())
}
