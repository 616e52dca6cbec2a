//! clap's own words in the display language: its parse errors (by error
//! kind, with the argument and value they are about) and the bits it puts
//! in help and usage (`[OPTIONS]`, `[default: …]`, `[possible values: …]`).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::domain::Lang;
use crate::i18n::{t, tf};

/// clap's fixed English in help and usage text, in the display language.
pub fn localize(lang: Lang, text: &str) -> String {
    let mut s = text.to_owned();
    for (en, key) in [
        ("[OPTIONS]", "clap.options"),
        ("[COMMAND]", "clap.command"),
        ("<COMMAND>", "clap.command_required"),
        ("[default: ", "clap.default"),
        ("[possible values: ", "clap.possible"),
        ("[env: ", "clap.env"),
        ("For more information, try '--help'.", "clap.more"),
    ] {
        s = s.replace(en, t(lang, key));
    }
    s
}

fn value(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A parse error as one sentence in the display language (with clap's
/// English in brackets only where no catalog sentence fits).
pub fn message(lang: Lang, e: &clap::Error) -> String {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let val = value(e, ContextKind::InvalidValue).unwrap_or_default();
    let suggestion = value(e, ContextKind::SuggestedArg)
        .or_else(|| value(e, ContextKind::SuggestedSubcommand))
        .map(|s| tf(lang, "clap.did_you_mean", &[("suggestion", &s)]))
        .unwrap_or_default();
    let sentence = match e.kind() {
        ErrorKind::UnknownArgument => tf(lang, "clap.unknown_argument", &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => {
            let sub = value(e, ContextKind::InvalidSubcommand).unwrap_or(arg);
            tf(lang, "clap.unknown_command", &[("command", &sub)])
        }
        ErrorKind::InvalidValue if val.is_empty() => {
            tf(lang, "clap.value_missing", &[("arg", &arg)])
        }
        ErrorKind::InvalidValue => tf(
            lang,
            "clap.invalid_value",
            &[
                ("arg", &arg),
                ("value", &val),
                (
                    "valid",
                    &value(e, ContextKind::ValidValue).unwrap_or_default(),
                ),
            ],
        ),
        ErrorKind::MissingRequiredArgument => tf(lang, "clap.missing_required", &[("args", &arg)]),
        ErrorKind::MissingSubcommand => t(lang, "clap.missing_command").to_owned(),
        ErrorKind::ArgumentConflict => tf(
            lang,
            "clap.conflict",
            &[
                ("arg", &arg),
                (
                    "other",
                    &value(e, ContextKind::PriorArg).unwrap_or_default(),
                ),
            ],
        ),
        // A language that is not one: say which are.
        ErrorKind::ValueValidation if arg.contains("<LANG>") => {
            tf(lang, "clap.bad_lang", &[("arg", &arg), ("value", &val)])
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!(
                "{}{why}",
                tf(lang, "clap.not_readable", &[("arg", &arg), ("value", &val)])
            )
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            tf(lang, "clap.values_count", &[("arg", &arg)])
        }
        _ => {
            let english = e.kind().as_str().unwrap_or("?").to_owned();
            tf(lang, "clap.other", &[("reason", &english)])
        }
    };
    format!("{sentence}{suggestion}")
}

/// The usage line of a rendered clap error, in the display language.
pub fn usage(lang: Lang, rendered: &str) -> Option<String> {
    let word = t(lang, "cli.usage");
    rendered
        .lines()
        .find(|l| l.starts_with("Usage:") || l.starts_with(&format!("{word}:")))
        .map(|l| localize(lang, &l.replacen("Usage:", &format!("{word}:"), 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_bits_read_in_the_language() {
        let s = localize(
            Lang::Fi,
            "Käyttö: strata [OPTIONS] [COMMAND] [default: text]",
        );
        assert_eq!(s, "Käyttö: strata [VALITSIMET] [KOMENTO] [oletus: text]");
        let s = localize(Lang::Sv, "[possible values: text, json]");
        assert_eq!(s, "[möjliga värden: text, json]");
    }
}
