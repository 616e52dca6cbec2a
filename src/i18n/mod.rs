//! The interface's own words: fi/sv/en catalogs from `assets/i18n/`, embedded
//! in the binary; plurals, numbers and dates as each language writes them.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use crate::domain::Lang;

const SOURCES: [(Lang, &str); 3] = [
    (Lang::Fi, include_str!("../../assets/i18n/fi.toml")),
    (Lang::Sv, include_str!("../../assets/i18n/sv.toml")),
    (Lang::En, include_str!("../../assets/i18n/en.toml")),
];

type Catalog = HashMap<String, String>;

fn flatten(prefix: &str, table: &toml::Table, out: &mut Catalog) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            // Catalogs hold only strings; anything else is left out and
            // the completeness test names the key.
            _ => {}
        }
    }
}

/// Parses one catalog; a broken catalog is a build defect that the tests catch.
pub fn parse_catalog(src: &str) -> Result<Catalog, toml::de::Error> {
    let table: toml::Table = toml::from_str(src)?;
    let mut out = Catalog::new();
    flatten("", &table, &mut out);
    Ok(out)
}

/// Each language's catalog, parsed the first time it is asked for: a
/// command in one language parses one.
fn catalog(lang: Lang) -> &'static Catalog {
    static CATALOGS: [OnceLock<Catalog>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = lang as usize;
    CATALOGS[i].get_or_init(|| parse_catalog(SOURCES[i].1).unwrap_or_default())
}

/// Every key of a language's catalog (for the completeness test).
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let mut k: Vec<_> = catalog(lang).keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// The text of `key` in `lang`. A missing key shows itself, so that it is
/// noticed; the catalog test keeps that from shipping.
pub fn t(lang: Lang, key: &str) -> &'static str {
    match catalog(lang).get(key) {
        Some(s) => s.as_str(),
        None => catalog(Lang::En)
            .get(key)
            .map(String::as_str)
            .unwrap_or("⟨missing text⟩"),
    }
}

/// The text of `key`, if the catalog has it (for keys made from data that
/// may have no entry, such as a change-log field).
pub fn try_t(lang: Lang, key: &str) -> Option<&'static str> {
    catalog(lang).get(key).map(String::as_str)
}

/// The text of `key` with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill(t(lang, key), args)
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut s = template.to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), &value.to_string());
    }
    s
}

/// `key.one` or `key.other` by the language's plural rule, with `{n}` filled.
/// Finnish, Swedish and English all use the singular for exactly one.
pub fn plural(lang: Lang, key: &str, n: usize) -> String {
    let form = if n == 1 { "one" } else { "other" };
    fill(
        t(lang, &format!("{key}.{form}")),
        &[("n", &integer(lang, n as i64))],
    )
}

/// A whole number with the language's digit grouping: `10 000` in fi and sv
/// (with a no-break space), `10,000` in en.
pub fn integer(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::En => ",",
        Lang::Fi | Lang::Sv => "\u{a0}",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A decimal number as the language writes it: `6,1` in fi and sv, `6.1` in
/// en; no trailing zeros, at most `max_decimals`.
pub fn number(lang: Lang, x: f64, max_decimals: usize) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let s = format!("{:.*}", max_decimals, x.abs());
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = integer(lang, int.parse::<i64>().unwrap_or(0));
    if !frac.is_empty() {
        out.push(if lang == Lang::En { '.' } else { ',' });
        out.push_str(frac);
    }
    if x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '−');
    }
    out
}

/// A number with exactly `decimals` decimals when given (`14,0`, `1,60`),
/// else as [`number`] writes it (up to two).
pub fn number_as(lang: Lang, x: f64, decimals: Option<u8>) -> String {
    let Some(d) = decimals else {
        return number(lang, x, 2);
    };
    if !x.is_finite() {
        return "–".to_owned();
    }
    let s = format!("{:.*}", usize::from(d), x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = integer(lang, int.parse::<i64>().unwrap_or(0));
    if !frac.is_empty() {
        out.push(if lang == Lang::En { '.' } else { ',' });
        out.push_str(frac);
    }
    if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '−');
    }
    out
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date (`YYYY-MM-DD…`) as the language writes it: `23.11.2026` in fi,
/// `2026-11-23` in sv, `23 Nov 2026` in en. Anything unparsable is returned as is.
pub fn date(lang: Lang, iso: &str) -> String {
    let parts = (
        iso.get(0..4).and_then(|s| s.parse::<u32>().ok()),
        iso.get(5..7).and_then(|s| s.parse::<u32>().ok()),
        iso.get(8..10).and_then(|s| s.parse::<u32>().ok()),
    );
    let (Some(y), Some(m @ 1..=12), Some(d)) = parts else {
        return iso.to_owned();
    };
    match lang {
        Lang::Fi => format!("{d}.{m}.{y}"),
        Lang::Sv => format!("{y}-{m:02}-{d:02}"),
        Lang::En => format!("{d} {} {y}", MONTHS_EN[m as usize - 1]),
    }
}

/// A timestamp (`YYYY-MM-DDTHH:MM:SSZ`) as date and time, in UTC.
pub fn date_time(lang: Lang, iso: &str) -> String {
    match iso.get(11..16) {
        Some(hm) if iso.len() >= 16 => {
            let hm = if lang == Lang::Fi {
                hm.replace(':', ".")
            } else {
                hm.to_owned()
            };
            format!("{} {hm}", date(lang, iso))
        }
        _ => date(lang, iso),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_language() {
        for (lang, src) in SOURCES {
            parse_catalog(src).unwrap_or_else(|e| panic!("{lang} catalog: {e}"));
        }
        let en = keys(Lang::En);
        assert!(en.len() > 50);
        for lang in Lang::ALL {
            let k = keys(lang);
            let missing: Vec<_> = en.iter().filter(|x| !k.contains(x)).collect();
            let extra: Vec<_> = k.iter().filter(|x| !en.contains(x)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
            for key in k {
                assert!(!t(lang, key).trim().is_empty(), "{lang} {key} is empty");
            }
        }
    }

    /// The help overlay is 76 columns wide: two borders, 20 for the keys.
    #[test]
    fn every_help_line_fits_the_help_overlay() {
        for lang in Lang::ALL {
            for key in keys(lang).into_iter().filter(|k| k.starts_with("help.")) {
                let w = crate::display::width(t(lang, key));
                assert!(w <= 54, "{lang} {key} is {w} columns: {}", t(lang, key));
            }
        }
    }

    /// Keys made at run time from data (`status.<key>`, `label.<field>` …)
    /// exist too.
    #[test]
    fn keys_made_from_data_exist() {
        use crate::domain::{risk::Band, Light, Status};
        let mut want: Vec<String> = Status::ALL
            .iter()
            .map(|s| format!("status.{}", s.key()))
            .collect();
        want.extend(
            [Light::Green, Light::Yellow, Light::Red, Light::NoData]
                .iter()
                .map(|l| format!("light.{}", l.key())),
        );
        want.extend(
            [
                Band::NoAction,
                Band::Watch,
                Band::ControlPlan,
                Band::PlanAndAction,
            ]
            .iter()
            .map(|b| format!("band.{}", b.key())),
        );
        want.extend(
            [
                "title",
                "level",
                "description",
                "owner",
                "follow_up",
                "organisation",
                "comment",
            ]
            .iter()
            .map(|f| format!("label.{f}")),
        );
        for mode in crate::keymap::Mode::ALL {
            want.push(format!("mode.{}", mode.key()));
        }
        let km = crate::keymap::Keymap::defaults();
        for mode in crate::keymap::Mode::ALL {
            for (a, _) in km.bindings(mode) {
                // The five picks are shown as one: `1–5 pick`.
                let name = if crate::keymap::Action::PICKS.contains(&a) {
                    "pick"
                } else {
                    a.name()
                };
                want.push(format!("action.{name}"));
                want.push(format!("help.{name}"));
            }
        }
        for lang in Lang::ALL {
            let k = keys(lang);
            for w in &want {
                assert!(k.contains(&w.as_str()), "{lang} lacks {w}");
            }
        }
    }

    /// Every catalog key written out in the source (`t(lang, "msg.saved")`,
    /// `tf(…, "input.bad_date", …)`) exists in every language: a typo would
    /// otherwise show "⟨missing text⟩" only when a user meets it.
    #[test]
    fn every_key_the_source_names_is_in_every_catalog() {
        fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    sources(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push((
                        p.display().to_string(),
                        std::fs::read_to_string(&p).unwrap(),
                    ));
                }
            }
        }
        // A plural is a table: `count.items.one`, `.other`.
        let in_every_catalog = |path: &str, lit: &str| {
            for lang in Lang::ALL {
                let c = catalog(lang);
                assert!(
                    c.contains_key(lit) || c.contains_key(&format!("{lit}.other")),
                    "{path} names {lit}, which the {lang} catalog lacks"
                );
            }
        };
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut named = 0;
        for (path, text) in &files {
            // The program's own code, not its tests, on one line.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join(" ");
            // Any literal shaped like a key of a section only the interface
            // uses (`"msg.nothing_to_undo"` chosen before it is looked up);
            // sections such as `indicator` or `status` share their names
            // with change-log fields and are checked at the calls below.
            const UI: [&str; 14] = [
                "msg",
                "err",
                "input",
                "hint",
                "editor",
                "ask",
                "confirm",
                "help",
                "action",
                "label",
                "mode",
                "translations",
                "missing",
                "figures",
            ];
            for lit in code.split('"').skip(1).step_by(2) {
                let parts: Vec<&str> = lit.split('.').collect();
                let keyish = parts.len() >= 2
                    && UI.contains(&parts[0])
                    && parts.iter().all(|p| {
                        !p.is_empty()
                            && p.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    });
                if keyish {
                    named += 1;
                    in_every_catalog(path, lit);
                }
            }
            // Calls of the catalog: `t(lang, "key"`, `tf(self.lang, "key"`,
            // `plural(lang, "key"`, `try_t(lang, "key"`.
            for call in ["t(", "tf(", "plural(", "try_t("] {
                let mut from = 0;
                while let Some(i) = code[from..].find(call) {
                    let start = from + i;
                    from = start + call.len();
                    let before = code[..start].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &code[from..];
                    let Some(comma) = rest.find(',') else {
                        continue;
                    };
                    let lang_arg = &rest[..comma];
                    if !lang_arg
                        .chars()
                        .all(|c| c.is_alphanumeric() || "_. *&".contains(c))
                    {
                        continue;
                    }
                    let after = rest[comma + 1..].trim_start();
                    let Some(lit) = after.strip_prefix('"').and_then(|r| r.split('"').next())
                    else {
                        continue;
                    };
                    named += 1;
                    in_every_catalog(path, lit);
                }
            }
        }
        assert!(named > 150, "only {named} keys found: the scan is broken");
    }

    #[test]
    fn placeholders_match_across_languages() {
        let holes = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(a, _)| a.to_owned()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for key in keys(Lang::En) {
            let want = holes(t(Lang::En, key));
            for lang in [Lang::Fi, Lang::Sv] {
                assert_eq!(holes(t(lang, key)), want, "{lang} {key}");
            }
        }
    }

    #[test]
    fn numbers_use_each_languages_separators() {
        assert_eq!(number(Lang::Fi, 6.1, 2), "6,1");
        assert_eq!(number(Lang::Sv, 6.10, 2), "6,1");
        assert_eq!(number(Lang::En, 6.1, 2), "6.1");
        assert_eq!(number(Lang::En, 70.0, 2), "70");
        assert_eq!(number(Lang::Fi, 12345.5, 1), "12\u{a0}345,5");
        assert_eq!(number(Lang::En, 12345.5, 1), "12,345.5");
        assert_eq!(number(Lang::Sv, -0.25, 2), "−0,25");
        assert_eq!(integer(Lang::En, 1_000_000), "1,000,000");
        assert_eq!(integer(Lang::Fi, 999), "999");
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        assert_eq!(date(Lang::Fi, "2026-11-03"), "3.11.2026");
        assert_eq!(date(Lang::Sv, "2026-11-03"), "2026-11-03");
        assert_eq!(date(Lang::En, "2026-11-03"), "3 Nov 2026");
        assert_eq!(
            date_time(Lang::Fi, "2026-11-03T09:05:00Z"),
            "3.11.2026 09.05"
        );
        assert_eq!(date(Lang::En, "garbage"), "garbage");
    }

    #[test]
    fn plurals_pick_the_right_form() {
        assert_eq!(plural(Lang::En, "count.items", 1), "1 item");
        assert_eq!(plural(Lang::En, "count.items", 2), "2 items");
        assert_eq!(plural(Lang::Fi, "count.items", 1), "1 kohta");
        assert_eq!(plural(Lang::Fi, "count.items", 3), "3 kohtaa");
        assert_eq!(plural(Lang::Sv, "count.items", 0), "0 punkter");
    }
}
