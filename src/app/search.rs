//! Matching for the incremental search: titles in any language, and the
//! places of a hit in a title for highlighting.

use crate::domain::{Lang, Text};

/// Case-insensitive: does any language of the text contain the query?
pub fn text_matches(t: &Text, needle_lower: &str) -> bool {
    Lang::ALL
        .iter()
        .filter_map(|&l| t.get(l))
        .any(|s| s.to_lowercase().contains(needle_lower))
}

/// Byte ranges of the query in `s`, case-insensitively, for highlighting.
pub fn ranges(s: &str, query: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = query.trim().to_lowercase().chars().collect();
    if q.is_empty() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|(_, c)| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= lower.len() {
        if lower[i..i + q.len()] == q[..] {
            let start = chars[i].0;
            let end = chars.get(i + q.len()).map_or(s.len(), |(b, _)| *b);
            out.push((start, end));
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
    fn ranges_are_char_boundaries() {
        assert_eq!(
            ranges("Översättning och ÖVER", "över"),
            vec![(0, 5), (19, 24)]
        );
        assert!(ranges("abc", "").is_empty());
    }
}
