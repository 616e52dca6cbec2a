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

/// Fits a block of output to `width` columns: a line that is too long is
/// wrapped at spaces, continuing under its own indentation plus two. (A line
/// wrapped this way loses its colour; the lines strata colours are short.)
pub fn fit_block(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let visible = strip_ansi(body);
        if crate::display::width(&visible) <= width {
            out.push_str(body);
            out.push_str(nl);
            continue;
        }
        let indent = visible.len() - visible.trim_start().len();
        let room = width.saturating_sub(indent + 2).max(8);
        for (n, l) in crate::display::wrap(visible.trim_start(), room)
            .iter()
            .enumerate()
        {
            let pad = if n == 0 { indent } else { indent + 2 };
            out.push_str(&" ".repeat(pad));
            out.push_str(&crate::display::truncate(l, width.saturating_sub(pad)));
            out.push('\n');
        }
        if nl.is_empty() {
            out.pop();
        }
    }
    out
}

/// The text without ANSI colour sequences (which strata itself wrote).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A plain string from a script or the data, made safe for the terminal.
pub fn safe(s: &str) -> String {
    sanitize(s, false).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_under_their_indentation() {
        let text = "  Label: one two three four five six\nshort\n";
        let out = fit_block(text, 20);
        for l in out.lines() {
            assert!(crate::display::width(l) <= 20, "{l:?}");
        }
        assert!(out.starts_with("  Label: one two\n    three"), "{out}");
        assert!(out.ends_with("short\n"));
    }

    #[test]
    fn colour_does_not_count_as_width() {
        let text = "\x1b[31m■ red\x1b[0m";
        assert_eq!(fit_block(text, 5), text);
    }
}
