//! The rules of valid data, one function per rule, applied by every write
//! path (the app, the command line, an import) before anything is stored.

use super::lang::{Lang, Text};

/// The longest text strata keeps in one language, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// The longest name of who recorded a follow-up, in characters.
pub const MAX_BY_CHARS: usize = 200;

/// A text longer than [`MAX_TEXT_CHARS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong {
    pub chars: usize,
    pub limit: usize,
}

/// One language of a text: at most [`MAX_TEXT_CHARS`] characters.
/// A plan's years: each between 1900 and 2200, the first no later than the
/// last; either may be absent.
pub fn years_ok(start: Option<i32>, end: Option<i32>) -> bool {
    let ok = |y: Option<i32>| y.is_none_or(|y| (1900..=2200).contains(&y));
    ok(start) && ok(end) && !matches!((start, end), (Some(a), Some(b)) if a > b)
}

/// A plan's years as typed or shown: `2026–2029`, `2026` (also `2026-2029`
/// and `2026 – 2029`); empty: none. `None` when it is neither.
pub fn parse_years(s: &str) -> Option<(Option<i32>, Option<i32>)> {
    let s = s.trim();
    if s.is_empty() {
        return Some((None, None));
    }
    let parts: Vec<&str> = s.split(['–', '-', '—']).map(str::trim).collect();
    let year = |p: &str| p.parse::<i32>().ok().filter(|_| p.len() == 4);
    let (a, b) = match parts.as_slice() {
        [a] => (year(a)?, year(a)?),
        [a, b] => (year(a)?, year(b)?),
        _ => return None,
    };
    years_ok(Some(a), Some(b)).then_some((Some(a), Some(b)))
}

/// A plan's years as strata writes them: `2026–2029`, `2025`, or nothing.
pub fn years_text(start: Option<i32>, end: Option<i32>) -> String {
    match (start, end) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) | (None, Some(a)) => a.to_string(),
        _ => String::new(),
    }
}

/// The most decimals an indicator's figures are written with.
pub const MAX_DECIMALS: u8 = 6;

pub fn text_fits(s: &str) -> Result<(), TooLong> {
    let chars = s.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(TooLong {
            chars,
            limit: MAX_TEXT_CHARS,
        });
    }
    Ok(())
}

/// Every language of a text fits; the first that does not, with how long.
pub fn texts_fit(t: &Text) -> Result<(), (Lang, TooLong)> {
    for l in Lang::ALL {
        if let Some(s) = t.get(l) {
            text_fits(s).map_err(|e| (l, e))?;
        }
    }
    Ok(())
}

/// Plan codes: lower-case letters, digits, `-`, `_`, `.`; at most 64.
pub fn plan_code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

/// Item and period codes: no spaces, no `:` (it separates plan and item), at most 64.
pub fn item_code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.chars().count() <= 64
        && !code
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ':')
}

/// A text in the one form strata compares texts in: Unicode NFC, so that
/// `ä` typed and `a` + combining diaeresis (as macOS and some PDF copies
/// write it) are the same. What is stored stays what was typed.
pub fn comparable(s: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    // Nearly every text is NFC already (all that is typed on Windows and
    // Linux): then there is nothing to compose, only to copy.
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// As [`comparable`], and case-insensitive: the form search compares in.
pub fn folded(s: &str) -> String {
    comparable(s).to_lowercase()
}

/// Period codes follow the rule of item codes.
pub fn period_code_ok(code: &str) -> bool {
    item_code_ok(code)
}

/// `YYYY-MM-DD` with a real month and day.
pub fn date_ok(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in(y, m),
        _ => false,
    }
}

/// The day a `YYYY-MM-DD` date is, counted from 1 March of year 0 (for
/// differences between dates); `None` for a date that is not one.
pub fn day_number(s: &str) -> Option<i64> {
    if !date_ok(s) {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: i64 = s[5..7].parse().ok()?;
    let d: i64 = s[8..10].parse().ok()?;
    // Days from civil (H. Hinnant): months counted from March.
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    Some(y * 365 + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1)
}

fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, in UTC.
pub fn timestamp_ok(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    date_ok(&s[..10])
        && num(11..13).is_some_and(|h| h < 24)
        && num(14..16).is_some_and(|m| m < 60)
        && num(17..19).is_some_and(|x| x < 60)
}

/// Reads a number as a person writes it: a decimal comma or point, spaces
/// and no-break spaces between digit groups, an optional `%`.
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            '−' => '-',
            c => c,
        })
        .collect();
    cleaned.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Two numbers written with anything between them: "70 / 29", "3 × 4".
pub fn parse_two(s: &str) -> Option<(f64, f64)> {
    let parts: Vec<&str> = s
        .split(['/', '×', 'x', '*', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [a, b] => Some((parse_number(a)?, parse_number(b)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_between_dates_count_leap_days_and_year_ends() {
        let d = |s| day_number(s).unwrap();
        assert_eq!(d("2026-01-01") - d("2025-12-31"), 1);
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2, "2024 is a leap year");
        assert_eq!(d("2100-03-01") - d("2100-02-28"), 1, "2100 is not");
        assert_eq!(d("2027-01-01") - d("2026-01-01"), 365);
        assert_eq!(day_number("2026-02-30"), None);
    }

    #[test]
    fn composed_and_decomposed_compare_the_same() {
        let typed = "Hyvä hygieniataso";
        let decomposed = "Hyva\u{308} hygieniataso";
        assert_ne!(typed, decomposed);
        assert_eq!(comparable(typed), comparable(decomposed));
        assert_eq!(folded("ÄLDRE"), folded("a\u{308}ldre"));
    }

    #[test]
    fn texts_up_to_the_limit_fit() {
        assert_eq!(text_fits(&"ä".repeat(MAX_TEXT_CHARS)), Ok(()));
        let long = "ä".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            text_fits(&long),
            Err(TooLong {
                chars: MAX_TEXT_CHARS + 1,
                limit: MAX_TEXT_CHARS
            })
        );
        let t = Text::new(Some("ok"), Some(&long), None);
        assert_eq!(texts_fit(&t).map_err(|(l, _)| l), Err(Lang::Sv));
    }

    #[test]
    fn dates_and_timestamps() {
        assert!(date_ok("2024-02-29"));
        assert!(!date_ok("2025-02-29"));
        assert!(!date_ok("2025-13-01"));
        assert!(!date_ok("2025-1-01"));
        assert!(timestamp_ok("2025-12-31T23:59:59Z"));
        assert!(!timestamp_ok("2025-12-31T24:00:00Z"));
        assert!(!timestamp_ok("2025-12-31 10:00:00"));
    }

    #[test]
    fn codes() {
        assert!(plan_code_ok("strategy-2026"));
        assert!(!plan_code_ok("Strategy"));
        assert!(!plan_code_ok(""));
        assert!(item_code_ok("1.2"));
        assert!(item_code_ok("R1"));
        assert!(!item_code_ok("1 2"));
        assert!(!item_code_ok("a:b"));
    }
}
