//! Text made safe and fitted for a terminal: shared by the command line and
//! the app. No colour here, no catalogs: just characters and widths.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Replaces control characters (escape sequences above all) and the
/// invisible marks that reorder text (bidirectional overrides and isolates,
/// such as U+202E) with a visible escaped form, so that text from the data
/// can never drive the terminal or disguise what it says. Newlines are kept
/// when `keep_newlines`.
pub fn sanitize(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| (c.is_control() || is_bidi_control(c)) && !(keep_newlines && c == '\n');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.push(' ');
        } else if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The characters that change the direction text is shown in without being
/// seen: embeddings, overrides, isolates and the direction marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The width of a string in terminal columns.
/// The columns `s` takes on the screen, by grapheme cluster as ratatui
/// draws it: an emoji with a skin-tone modifier (👍🏽) or a letter with a
/// combining mark is one character, not two.
pub fn width(s: &str) -> usize {
    if simple(s) {
        return s.chars().count();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Whether every character of `s` is printable Latin (ASCII, Latin-1 and
/// Latin Extended: Finnish and Swedish letters included), punctuation such
/// as dashes and quotes, or one of the symbols strata draws (■ ▲ ● ✓ Σ ≈ ↻):
/// each is then a grapheme of its own, one column wide, and no cluster
/// rules apply. The fast path of [`width`] and [`truncate`].
fn simple(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c,
            ' '..='~'
            | '\u{a0}'..='\u{ac}'
            | '\u{ae}'..='\u{2ff}'
            | '\u{391}'..='\u{3a9}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
            | '\u{20ac}'
            | '\u{2190}'..='\u{21ff}'
            | '\u{2200}'..='\u{22ff}'
            | '\u{25a0}'..='\u{25fc}'
            | '\u{2713}')
    })
}

/// Cuts `s` to at most `max` columns, ending in `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if simple(s) {
        let n = s.chars().count();
        if n <= max {
            return Cow::Borrowed(s);
        }
        if max == 0 {
            return Cow::Borrowed("");
        }
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        return Cow::Owned(out);
    }
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut w = 0;
    // Never inside a grapheme: a modifier or a combining mark stays with
    // its character or goes with it.
    for g in s.graphemes(true) {
        let gw = UnicodeWidthStr::width(g);
        if w + gw > max - 1 {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Pads `s` with spaces to `w` columns (no cut).
pub fn pad(s: &str, w: usize) -> String {
    let n = w.saturating_sub(width(s));
    format!("{s}{}", " ".repeat(n))
}

/// Wraps text into lines of at most `max` columns, breaking at spaces where it
/// can and inside a word only when the word alone is too long. Paragraphs
/// (newlines) are kept.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(8);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for word in para.split(' ').filter(|x| !x.is_empty()) {
            let ww = width(word);
            if w > 0 && w + 1 + ww > max {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            if ww > max {
                for g in word.graphemes(true) {
                    let gw = UnicodeWidthStr::width(g);
                    if w + gw > max {
                        lines.push(std::mem::take(&mut line));
                        w = 0;
                    }
                    line.push_str(g);
                    w += gw;
                }
                continue;
            }
            if w > 0 {
                line.push(' ');
                w += 1;
            }
            line.push_str(word);
            w += ww;
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        assert_eq!(sanitize("a\x1b[2Jb", false), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("rad 1\nrad 2", true), "rad 1\nrad 2");
        assert_eq!(sanitize("rad 1\nrad 2", false), "rad 1\\u{a}rad 2");
        assert!(matches!(sanitize("ren text", false), Cow::Borrowed(_)));
    }

    #[test]
    fn widths_and_cuts_go_by_grapheme_cluster() {
        // An emoji with a skin-tone modifier is one picture, two columns.
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("Tack 👍🏽"), 7);
        // A decomposed ä (a + U+0308) is one column.
        assert_eq!(width("a\u{308}"), 1);
        // A cut never parts the modifier or the mark from its character.
        assert_eq!(truncate("ab👍🏽cd", 4), "ab…");
        assert_eq!(truncate("ab👍🏽cd", 5), "ab👍🏽…");
        assert_eq!(truncate("ka\u{308}tt ja mer", 4), "ka\u{308}t…");
        assert_eq!(wrap("👍🏽👍🏽👍🏽👍🏽👍🏽", 8), vec!["👍🏽👍🏽👍🏽👍🏽", "👍🏽"]);
    }

    #[test]
    fn the_latin_fast_path_counts_as_the_grapheme_rules_do() {
        // Every character the fast path takes: one column, its own cluster.
        let all: String = (' '..='\u{2ff}')
            .filter(|c| simple(&c.to_string()))
            .collect();
        assert!(all.contains('ä') && all.contains('Å') && all.contains('~'));
        for c in all.chars() {
            assert_eq!(UnicodeWidthStr::width(c.to_string().as_str()), 1, "{c:?}");
        }
        assert_eq!(all.graphemes(true).count(), all.chars().count());
        assert_eq!(
            width(&all),
            all.graphemes(true)
                .map(UnicodeWidthStr::width)
                .sum::<usize>()
        );
        // A soft hyphen, a control or a combining mark takes the slow path.
        assert!(!simple("a\u{ad}b") && !simple("a\tb") && !simple("a\u{308}"));
        assert_eq!(
            truncate("Kommentti: hyvinvointi ja palvelut", 12),
            "Kommentti: …"
        );
    }

    #[test]
    fn truncates_by_columns_not_bytes() {
        assert_eq!(truncate("Förändringslöfte", 8), "Förändr…");
        assert_eq!(truncate("kort", 8), "kort");
        assert_eq!(width(&truncate("漢字漢字漢字", 7)), 7);
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        let w = wrap("Språket beaktats i planeringen, tidvis utmaningar", 20);
        assert!(w.iter().all(|l| width(l) <= 20), "{w:?}");
        assert_eq!(
            w.join(" "),
            "Språket beaktats i planeringen, tidvis utmaningar"
        );
        assert_eq!(wrap("a\nb", 20), vec!["a", "b"]);
        let long = wrap(&"x".repeat(30), 10);
        assert_eq!(long.len(), 3);
    }
}
