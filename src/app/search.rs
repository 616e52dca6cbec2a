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
    matching_lang(t, needle).is_some()
}

/// The first language (fi, sv, en) of the text that contains the query.
pub fn matching_lang(t: &Text, needle: &str) -> Option<Lang> {
    Lang::ALL
        .into_iter()
        .find(|&l| t.get(l).is_some_and(|s| folded(s).contains(needle)))
}

/// Where in an item a search hit lies beyond its title: the catalog key of
/// the field's name, and the language it matched in. Searched: the
/// description, the owner, how it is followed up, the comments and further
/// actions of every period, the indicators' names, units and sources, the
/// control moments' texts.
pub fn field_hit(it: &crate::domain::Item, needle: &str) -> Option<(&'static str, Lang)> {
    let mut texts: Vec<(&'static str, &Text)> = vec![
        ("label.description", &it.description),
        ("label.owner", &it.owner),
        ("label.follow_up", &it.follow_up),
    ];
    for a in &it.assessments {
        texts.push(("label.comment", &a.comment));
        texts.push(("label.actions", &a.actions));
    }
    for ind in &it.indicators {
        texts.push(("search.field.indicator", &ind.name));
        texts.push(("search.field.indicator", &ind.unit));
        texts.push(("label.source", &ind.source));
    }
    if let Some(r) = &it.risk {
        for c in &r.controls {
            for t in [&c.what, &c.how, &c.frequency, &c.performer, &c.responsible] {
                texts.push(("search.field.control", t));
            }
        }
    }
    texts
        .into_iter()
        .find_map(|(k, t)| matching_lang(t, needle).map(|l| (k, l)))
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
