//! How the command line prints: language, colour or not, and the width to fit.

use std::io::IsTerminal;

use crate::display::{sanitize, truncate};
use crate::domain::{Lang, Status, Text};
use crate::i18n::t;

#[derive(Clone, Copy, Debug)]
pub struct Out {
    pub lang: Lang,
    /// ANSI colour on: stdout is a terminal and `NO_COLOR` is not set.
    pub color: bool,
    /// Columns to fit: the terminal's width, else `COLUMNS`, else 80.
    pub width: usize,
}

impl Out {
    pub fn detect(lang: Lang) -> Out {
        let tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let env_cols = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|&c| c > 0);
        let term_cols = if tty {
            crossterm::terminal::size().ok().map(|(w, _)| w as usize)
        } else {
            None
        };
        Out {
            lang,
            color: tty && !no_color && !dumb,
            width: term_cols.or(env_cols).unwrap_or(80).clamp(20, 400),
        }
    }

    /// A plain variant for tests and files.
    pub fn plain(lang: Lang, width: usize) -> Out {
        Out {
            lang,
            color: false,
            width,
        }
    }

    /// The status as symbol and word, coloured when colour is on.
    pub fn status(&self, s: Status) -> String {
        self.paint(s, &format!("{} {}", s.symbol(), self.word(s)))
    }

    pub fn word(&self, s: Status) -> &'static str {
        t(self.lang, &format!("status.{}", s.key()))
    }

    /// The symbol alone, coloured when colour is on.
    pub fn symbol(&self, s: Status) -> String {
        self.paint(s, s.symbol())
    }

    pub fn paint(&self, s: Status, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        let code = match s {
            Status::NotAssessed => "2",
            Status::OnTrack => "32",
            Status::AtRisk => "33",
            Status::OffTrack => "31",
            Status::Done => "34",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    pub fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// A text of the data in the display language, made safe for the
    /// terminal, with a visible `[sv]` mark when it is a fallback.
    pub fn text(&self, t: &Text) -> String {
        self.text_nl(t, false)
    }

    /// As [`Out::text`], keeping newlines (for wrapped paragraphs).
    pub fn text_nl(&self, text: &Text, keep_newlines: bool) -> String {
        match text.resolve(self.lang) {
            None => String::new(),
            Some(s) => {
                let body = sanitize(s.text, keep_newlines);
                if s.fallback {
                    format!("{body} [{}]", s.lang.code())
                } else {
                    body.into_owned()
                }
            }
        }
    }

    /// Cuts a line to the output width.
    pub fn fit(&self, line: &str, indent: usize) -> String {
        truncate(line, self.width.saturating_sub(indent)).into_owned()
    }
}

/// A plain string from a script or the data, made safe for the terminal.
pub fn safe(s: &str) -> String {
    sanitize(s, false).into_owned()
}
