//! Languages and translated text, with the fallback rule.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A language strata speaks, for its own interface and for the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fi,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fi" | "fin" | "suomi" | "finnish" => Some(Lang::Fi),
            "sv" | "swe" | "svenska" | "swedish" => Some(Lang::Sv),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a POSIX locale string asks for: `fi_FI.UTF-8` is Finnish,
    /// `sv_*` Swedish, anything else English.
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        if l.starts_with("fi") {
            Lang::Fi
        } else if l.starts_with("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    /// The order in which texts are looked up when shown in this language.
    ///
    /// The rule: the display language first; then the other national language of
    /// Finland (Finnish for Swedish, Swedish for Finnish); English last. A reader of
    /// English falls back to Finnish, then Swedish.
    pub fn fallback_order(self) -> [Lang; 3] {
        match self {
            Lang::Fi => [Lang::Fi, Lang::Sv, Lang::En],
            Lang::Sv => [Lang::Sv, Lang::Fi, Lang::En],
            Lang::En => [Lang::En, Lang::Fi, Lang::Sv],
        }
    }

    /// The next language when cycling fi → sv → en → fi.
    pub fn next(self) -> Lang {
        match self {
            Lang::Fi => Lang::Sv,
            Lang::Sv => Lang::En,
            Lang::En => Lang::Fi,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A user-visible text of the data, with a value per language. A missing or empty
/// value means "not written in that language".
///
/// Read from the exchange format only as an object of languages
/// (`{"fi": "…", "sv": "…"}`): an array, a number or a bare string where a
/// text belongs is refused, rather than read by position.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Languages;
        impl<'de> serde::de::Visitor<'de> for Languages {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text: an object of languages, e.g. {\"fi\": \"…\", \"sv\": \"…\"}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                use serde::de::Error;
                const KEYS: &[&str] = &["fi", "sv", "en"];
                let mut t = Text::default();
                let mut seen = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == key) else {
                        return Err(A::Error::unknown_field(&key, KEYS));
                    };
                    if seen.contains(&lang) {
                        return Err(A::Error::duplicate_field(lang.code()));
                    }
                    seen.push(lang);
                    let value: Option<String> = map.next_value()?;
                    t.set(lang, value);
                }
                Ok(t)
            }
        }
        d.deserialize_map(Languages)
    }
}

/// A text as it is shown in one language: where it came from, and whether it is a
/// fallback from another language (which the surfaces mark visibly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub lang: Lang,
    pub fallback: bool,
}

impl Text {
    pub fn new(fi: Option<&str>, sv: Option<&str>, en: Option<&str>) -> Text {
        let own = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_owned);
        Text {
            fi: own(fi),
            sv: own(sv),
            en: own(en),
        }
    }

    /// The same text in every language (codes, names of people).
    pub fn same(s: &str) -> Text {
        Text::new(Some(s), Some(s), Some(s))
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        let v = match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        };
        v.as_deref().filter(|s| !s.is_empty())
    }

    pub fn set(&mut self, lang: Lang, value: Option<String>) {
        let value = value.filter(|s| !s.is_empty());
        match lang {
            Lang::Fi => self.fi = value,
            Lang::Sv => self.sv = value,
            Lang::En => self.en = value,
        }
    }

    pub fn is_empty(&self) -> bool {
        Lang::ALL.iter().all(|&l| self.get(l).is_none())
    }

    /// The text to show in `lang`, following [`Lang::fallback_order`].
    pub fn resolve(&self, lang: Lang) -> Option<Shown<'_>> {
        lang.fallback_order().into_iter().find_map(|l| {
            self.get(l).map(|text| Shown {
                text,
                lang: l,
                fallback: l != lang,
            })
        })
    }

    /// The languages this text lacks, if it has a value in at least one.
    pub fn missing(&self) -> Vec<Lang> {
        if self.is_empty() {
            return Vec::new();
        }
        Lang::ALL
            .into_iter()
            .filter(|&l| self.get(l).is_none())
            .collect()
    }

    /// Empty strings become missing values, so that "" and absent mean the same.
    pub fn normalized(mut self) -> Text {
        for l in Lang::ALL {
            let v = self.get(l).map(str::to_owned);
            self.set(l, v);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_language_is_not_a_fallback() {
        let t = Text::new(Some("Tavoite"), Some("Mål"), Some("Goal"));
        let s = t.resolve(Lang::Sv).unwrap();
        assert_eq!((s.text, s.lang, s.fallback), ("Mål", Lang::Sv, false));
    }

    #[test]
    fn swedish_falls_back_to_finnish_before_english() {
        let t = Text::new(Some("Tavoite"), None, Some("Goal"));
        let s = t.resolve(Lang::Sv).unwrap();
        assert_eq!((s.text, s.lang, s.fallback), ("Tavoite", Lang::Fi, true));
    }

    #[test]
    fn english_falls_back_to_finnish_then_swedish() {
        let t = Text::new(None, Some("Mål"), None);
        let s = t.resolve(Lang::En).unwrap();
        assert_eq!((s.text, s.lang, s.fallback), ("Mål", Lang::Sv, true));
        let t = Text::new(Some("Tavoite"), Some("Mål"), None);
        assert_eq!(t.resolve(Lang::En).unwrap().lang, Lang::Fi);
    }

    #[test]
    fn empty_string_counts_as_missing() {
        let t = Text::new(Some(""), Some("Mål"), None);
        assert_eq!(t.resolve(Lang::Fi).unwrap().lang, Lang::Sv);
        assert_eq!(t.missing(), vec![Lang::Fi, Lang::En]);
        assert!(Text::default().resolve(Lang::Fi).is_none());
        assert!(Text::default().missing().is_empty());
    }

    #[test]
    fn locale_maps_to_language() {
        assert_eq!(Lang::from_locale("fi_FI.UTF-8"), Lang::Fi);
        assert_eq!(Lang::from_locale("sv_SE.UTF-8"), Lang::Sv);
        assert_eq!(Lang::from_locale("sv_FI"), Lang::Sv);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn cycling_visits_every_language() {
        assert_eq!(Lang::Fi.next().next().next(), Lang::Fi);
        assert_eq!(Lang::Fi.next(), Lang::Sv);
    }
}
