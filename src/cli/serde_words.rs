//! serde_json's import errors in the display language: the kinds a person
//! can act on (an unknown or missing field, a value of the wrong type, a
//! file that ends too early, broken JSON) as a catalog sentence, with the
//! names from the file kept as they are.

use crate::domain::Lang;
use crate::i18n::{t, tf};

/// What serde calls a kind of JSON value (`a string`, `f64`, `sequence`,
/// strata's own `an object of languages`), in words of the language, with
/// the value from the file after it when serde quotes one.
fn kind(lang: Lang, english: &str) -> String {
    let english = english.trim();
    let (name, quoted) = match english.split_once([' ', '`']) {
        Some((n, rest)) if rest.starts_with('"') || rest.starts_with('`') => {
            (n, format!(" {}", rest.trim_matches('`')))
        }
        _ => (english, String::new()),
    };
    let key = match name.trim_start_matches("a ").trim_start_matches("an ") {
        "object of languages" => "json.languages",
        "string" | "str" | "char" => "json.string",
        "integer" | "floating point" | "number" | "f64" | "f32" | "u8" | "u16" | "u32" | "u64"
        | "i32" | "i64" | "usize" => "json.number",
        "sequence" | "array" | "tuple" => "json.list",
        "map" | "object" => "json.object",
        s if s.starts_with("struct") => "json.object",
        "boolean" | "bool" => "json.boolean",
        "null" | "unit" | "unit value" => "json.null",
        _ => return english.to_owned(),
    };
    format!("{}{quoted}", t(lang, key))
}

/// The names between backticks in serde's message: `colour`, `code` …
fn ticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// serde_json's message (without its line and column) as a sentence in
/// `lang`; a message of a kind not known here is kept as it is.
pub fn message(lang: Lang, m: &str) -> String {
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let names = ticked(rest);
        let (field, expected) = names.split_first().map_or(("", &[][..]), |(f, e)| (*f, e));
        return tf(
            lang,
            "json.unknown_field",
            &[("field", &field), ("expected", &expected.join(", "))],
        );
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let names = ticked(rest);
        let (value, expected) = names.split_first().map_or(("", &[][..]), |(f, e)| (*f, e));
        return tf(
            lang,
            "json.unknown_variant",
            &[("value", &value), ("expected", &expected.join(", "))],
        );
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        let names = ticked(rest);
        return tf(
            lang,
            "json.missing_field",
            &[("field", &names.first().copied().unwrap_or(rest))],
        );
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = found.split('`').next().unwrap_or(found);
            return tf(
                lang,
                "json.invalid_type",
                &[
                    ("found", &kind(lang, found)),
                    ("expected", &kind(lang, expected)),
                ],
            );
        }
    }
    if m.starts_with("invalid value: ") || m.starts_with("invalid length ") {
        return tf(lang, "json.invalid_value", &[("reason", &m)]);
    }
    if m.starts_with("EOF while parsing") {
        return t(lang, "json.eof").to_owned();
    }
    if m.starts_with("duplicate field ") {
        let names = ticked(m);
        return tf(
            lang,
            "json.duplicate_field",
            &[("field", &names.first().copied().unwrap_or(m))],
        );
    }
    if m.starts_with("expected")
        || m.starts_with("trailing")
        || m.starts_with("key must be")
        || m.starts_with("control character")
        || m.starts_with("invalid")
        || m.starts_with("lone leading surrogate")
        || m.starts_with("number out of range")
    {
        return tf(lang, "json.syntax", &[("reason", &m)]);
    }
    m.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serdes_kinds_read_in_finnish_and_swedish() {
        let m = "unknown field `colour`, expected one of `code`, `title`";
        assert_eq!(
            message(Lang::Fi, m),
            "tuntematon kenttä ”colour” (mahdolliset: code, title)"
        );
        assert_eq!(
            message(Lang::Sv, "invalid type: integer `5`, expected a string"),
            "ett tal där en text ska stå"
        );
        assert_eq!(
            message(Lang::Fi, "EOF while parsing an object"),
            "tiedosto loppuu kesken (sulje auki jäänyt sulkumerkki tai lainausmerkki)"
        );
        assert_eq!(
            message(Lang::Sv, "missing field `title`"),
            "fältet ”title” saknas"
        );
        // Unknown kinds are kept as they are.
        assert_eq!(message(Lang::Fi, "something new"), "something new");
    }
}
