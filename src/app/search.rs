//! Matching for the incremental search: titles in any language, and the
//! places of a hit in a title for highlighting. Both compare in one normal
//! form (NFC) and case-insensitively, so that a title stored decomposed
//! (`a` + combining diaeresis) is found by typing `ä`.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::domain::rules::folded;
use crate::domain::{Lang, Text};

/// Does any language of the text contain the query? `needle` is in the
/// form [`folded`] gives.
pub fn text_matches(t: &Text, needle: &str) -> bool {
    Lang::ALL
        .iter()
        .filter_map(|&l| t.get(l))
        .any(|s| folded(s).contains(needle))
}

/// The characters of `s` in NFC, lower-cased, each with the byte range of
/// `s` it came from (a base character with its combining marks is one
/// range), so that a hit in the compared form is highlighted in the text.
fn folded_chars(s: &str) -> Vec<(char, usize, usize)> {
    let mut out = Vec::new();
    let mut starts: Vec<usize> = s
        .char_indices()
        .filter(|&(_, c)| canonical_combining_class(c) == 0)
        .map(|(i, _)| i)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    for (k, &a) in starts.iter().enumerate() {
        let b = starts.get(k + 1).copied().unwrap_or(s.len());
        for c in s[a..b].nfc().flat_map(char::to_lowercase) {
            out.push((c, a, b));
        }
    }
    out
}

/// Byte ranges of the query in `s`, in the compared form, for highlighting.
pub fn ranges(s: &str, query: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = folded(query.trim()).chars().collect();
    if q.is_empty() || s.is_empty() {
        return Vec::new();
    }
    let chars = folded_chars(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= chars.len() {
        if chars[i..i + q.len()]
            .iter()
            .map(|c| c.0)
            .eq(q.iter().copied())
        {
            out.push((chars[i].1, chars[i + q.len() - 1].2));
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_in_any_language_ignoring_case() {
        let t = Text::new(
            Some("Työllisyys"),
            Some("Sysselsättning"),
            Some("Employment"),
        );
        assert!(text_matches(&t, "työ"));
        assert!(text_matches(&t, "sysselsätt"));
        assert!(text_matches(&t, "employ"));
        assert!(!text_matches(&t, "housing"));
    }

    #[test]
    fn a_decomposed_title_is_found_and_highlighted_by_typing_the_composed_letter() {
        let t = Text::new(Some("Hyva\u{308} hygieniataso"), None, None);
        assert!(text_matches(&t, &folded("hyvä")));
        let s = "Hyva\u{308} hygieniataso";
        assert_eq!(ranges(s, "HYVÄ"), vec![(0, s.find(' ').unwrap())]);
        // And the other way round.
        assert_eq!(ranges("Hyvä", "hyva\u{308}"), vec![(0, "Hyvä".len())]);
    }

    #[test]
    fn ranges_are_char_boundaries() {
        assert_eq!(
            ranges("Översättning och ÖVER", "över"),
            vec![(0, 5), (19, 24)]
        );
        assert!(ranges("abc", "").is_empty());
    }
}
