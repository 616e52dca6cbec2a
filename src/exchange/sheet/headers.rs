//! The columns of a plan's sheet and the header texts that name them, in
//! Finnish, Swedish and English: `Otsikko (sv)`, `title_sv`, `Rubrik på
//! svenska` and `titel sv` are all the Swedish title. Case, spacing, `_` and
//! brackets do not matter. A status, comment or further-actions column may
//! name its follow-up period too: `Tila 2025`, `comment_sv 2026-H1`.

use crate::domain::rules::{comparable, period_code_ok};
use crate::domain::Lang;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The plan's code (or, when it is not a code, its title).
    Plan,
    PlanTitle,
    Period,
    Code,
    Parent,
    /// The level as a number (1 = top) or the level's name.
    Level,
    Depth,
    Title,
    Description,
    Owner,
    FollowUp,
    Status,
    Comment,
    Actions,
    RecordedBy,
    RecordedAt,
    /// Read and left out: what strata works out itself (`rollup`,
    /// `status_text`), or what a map file says to leave out.
    Ignored,
}

impl Field {
    /// Every field, in the order the exporter writes them.
    pub const ALL: [Field; 17] = [
        Field::Plan,
        Field::PlanTitle,
        Field::Period,
        Field::Code,
        Field::Parent,
        Field::Level,
        Field::Depth,
        Field::Title,
        Field::Description,
        Field::Owner,
        Field::FollowUp,
        Field::Status,
        Field::Comment,
        Field::Actions,
        Field::RecordedBy,
        Field::RecordedAt,
        Field::Ignored,
    ];

    /// The stable English key: a map file's target, the catalogs' key.
    pub fn key(self) -> &'static str {
        match self {
            Field::Plan => "plan",
            Field::PlanTitle => "plan_title",
            Field::Period => "period",
            Field::Code => "code",
            Field::Parent => "parent",
            Field::Level => "level",
            Field::Depth => "depth",
            Field::Title => "title",
            Field::Description => "description",
            Field::Owner => "owner",
            Field::FollowUp => "follow_up",
            Field::Status => "status",
            Field::Comment => "comment",
            Field::Actions => "actions",
            Field::RecordedBy => "recorded_by",
            Field::RecordedAt => "recorded_at",
            Field::Ignored => "ignored",
        }
    }

    /// A text with a value per language.
    pub fn translated(self) -> bool {
        matches!(
            self,
            Field::PlanTitle
                | Field::Level
                | Field::Title
                | Field::Description
                | Field::Owner
                | Field::FollowUp
                | Field::Comment
                | Field::Actions
        )
    }

    /// Part of a follow-up: its header may name the period.
    pub fn per_period(self) -> bool {
        matches!(self, Field::Status | Field::Comment | Field::Actions)
    }
}

/// A column as strata reads it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    pub field: Field,
    /// The language of a text; none: the sheet's language.
    pub lang: Option<Lang>,
    /// The follow-up period a status or comment column names.
    pub period: Option<String>,
}

/// A header's words, and the language the word itself is in (which is the
/// language of the text under it, unless the header says another).
const WORDS: &[(&str, Field, Option<Lang>)] = {
    use Field::*;
    const FI: Option<Lang> = Some(Lang::Fi);
    const SV: Option<Lang> = Some(Lang::Sv);
    const NO: Option<Lang> = None;
    &[
        ("plan", Plan, NO),
        ("plan code", Plan, NO),
        ("suunnitelma", Plan, FI),
        ("suunnitelman tunnus", Plan, FI),
        ("suunnitelman koodi", Plan, FI),
        ("planens kod", Plan, SV),
        ("plankod", Plan, SV),
        ("plan title", PlanTitle, NO),
        ("plan name", PlanTitle, NO),
        ("suunnitelman nimi", PlanTitle, FI),
        ("suunnitelman otsikko", PlanTitle, FI),
        ("planens namn", PlanTitle, SV),
        ("planens titel", PlanTitle, SV),
        ("planens rubrik", PlanTitle, SV),
        ("period", Period, NO),
        ("follow-up period", Period, NO),
        ("kausi", Period, FI),
        ("seurantakausi", Period, FI),
        ("uppföljningsperiod", Period, SV),
        ("code", Code, NO),
        ("item code", Code, NO),
        ("no", Code, NO),
        ("number", Code, NO),
        ("id", Code, NO),
        ("#", Code, NO),
        ("koodi", Code, FI),
        ("tunnus", Code, FI),
        ("numero", Code, FI),
        ("nro", Code, FI),
        ("kod", Code, SV),
        ("nr", Code, SV),
        ("nummer", Code, SV),
        ("parent", Parent, NO),
        ("parent code", Parent, NO),
        ("yläkohta", Parent, FI),
        ("yläkohdan koodi", Parent, FI),
        ("ylätaso", Parent, FI),
        ("överordnad", Parent, SV),
        ("överordnad kod", Parent, SV),
        ("level", Level, NO),
        ("level name", Level, NO),
        ("type", Level, NO),
        ("taso", Level, FI),
        ("tason nimi", Level, FI),
        ("tyyppi", Level, FI),
        ("nivå", Level, SV),
        ("nivåns namn", Level, SV),
        ("typ", Level, SV),
        ("depth", Depth, NO),
        ("syvyys", Depth, FI),
        ("tasonumero", Depth, FI),
        ("djup", Depth, SV),
        ("nivånummer", Depth, SV),
        ("title", Title, NO),
        ("name", Title, NO),
        ("otsikko", Title, FI),
        ("nimi", Title, FI),
        ("nimike", Title, FI),
        ("rubrik", Title, SV),
        ("titel", Title, SV),
        ("namn", Title, SV),
        ("benämning", Title, SV),
        ("description", Description, NO),
        ("kuvaus", Description, FI),
        ("selite", Description, FI),
        ("beskrivning", Description, SV),
        ("owner", Owner, NO),
        ("responsible", Owner, NO),
        ("vastuutaho", Owner, FI),
        ("omistaja", Owner, FI),
        ("vastuuhenkilö", Owner, FI),
        ("vastuu", Owner, FI),
        ("vastaa", Owner, FI),
        ("ansvarig", Owner, SV),
        ("ägare", Owner, SV),
        ("ansvar", Owner, SV),
        ("ansvarar", Owner, SV),
        ("follow-up", FollowUp, NO),
        ("follow up", FollowUp, NO),
        ("followup", FollowUp, NO),
        ("monitoring", FollowUp, NO),
        ("seuranta", FollowUp, FI),
        ("seurantatapa", FollowUp, FI),
        ("uppföljning", FollowUp, SV),
        ("uppföljningssätt", FollowUp, SV),
        ("status", Status, NO),
        ("state", Status, NO),
        ("traffic light", Status, NO),
        ("tila", Status, FI),
        ("tilanne", Status, FI),
        ("liikennevalo", Status, FI),
        ("läge", Status, SV),
        ("trafikljus", Status, SV),
        ("comment", Comment, NO),
        ("comments", Comment, NO),
        ("kommentti", Comment, FI),
        ("kommentit", Comment, FI),
        ("kommentar", Comment, SV),
        ("kommentarer", Comment, SV),
        ("actions", Actions, NO),
        ("further actions", Actions, NO),
        ("next steps", Actions, NO),
        ("jatkotoimenpiteet", Actions, FI),
        ("jatkotoimet", Actions, FI),
        ("fortsatta åtgärder", Actions, SV),
        ("vidare åtgärder", Actions, SV),
        ("recorded by", RecordedBy, NO),
        ("kirjaaja", RecordedBy, FI),
        ("registrerad av", RecordedBy, SV),
        ("recorded at", RecordedAt, NO),
        ("kirjattu", RecordedAt, FI),
        ("registrerad", RecordedAt, SV),
        // What strata works out itself: the CSV export writes them.
        ("status text", Ignored, NO),
        ("rollup", Ignored, NO),
    ]
};

/// The words that say a language after a header's word.
const LANGS: &[(&str, Lang)] = &[
    ("fi", Lang::Fi),
    ("suomi", Lang::Fi),
    ("suomeksi", Lang::Fi),
    ("finska", Lang::Fi),
    ("finnish", Lang::Fi),
    ("sv", Lang::Sv),
    ("ruotsi", Lang::Sv),
    ("ruotsiksi", Lang::Sv),
    ("svenska", Lang::Sv),
    ("swedish", Lang::Sv),
    ("en", Lang::En),
    ("englanti", Lang::En),
    ("englanniksi", Lang::En),
    ("engelska", Lang::En),
    ("english", Lang::En),
];

/// Little words between: `Rubrik på svenska`, `Title in English`.
const FILLER: &[&str] = &["på", "in"];

/// A header as compared: lower case, one normal form, split into words at
/// spaces, `_`, brackets and punctuation; a word's closing `.` dropped
/// (`Nro.`).
pub fn words(header: &str) -> Vec<String> {
    split(header)
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect()
}

/// The words as written (a period keeps its case: `2026-H1`).
fn split(header: &str) -> Vec<String> {
    comparable(header)
        .split(|c: char| c.is_whitespace() || "_()[]{}:,;*".contains(c))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A header as one comparable string: `  Otsikko  (SV) ` is `otsikko sv`.
pub fn normal(header: &str) -> String {
    words(header).join(" ")
}

/// The column a header names and the language its word is in; `None` for a
/// header strata does not know.
pub fn column(header: &str) -> Option<(Column, Option<Lang>)> {
    let written = split(header);
    let w: Vec<String> = written.iter().map(|x| x.to_lowercase()).collect();
    for k in (1..=w.len()).rev() {
        let base = w[..k].join(" ");
        let Some(&(_, field, implied)) = WORDS.iter().find(|(word, _, _)| *word == base) else {
            continue;
        };
        let mut col = Column {
            field,
            lang: None,
            period: None,
        };
        let mut ok = true;
        for (rest, as_written) in w[k..].iter().zip(&written[k..]) {
            if FILLER.contains(&rest.as_str()) {
                continue;
            }
            if let Some(&(_, l)) = LANGS.iter().find(|(x, _)| x == rest) {
                if !field.translated() || col.lang.is_some() {
                    ok = false;
                }
                col.lang = Some(l);
            } else if field.per_period() && col.period.is_none() && period_code_ok(as_written) {
                col.period = Some(as_written.clone());
            } else {
                ok = false;
            }
        }
        if ok {
            return Some((col, implied.filter(|_| field.translated())));
        }
    }
    None
}

/// A map file's target: `title.sv`, `status.2025`, `owner`, or `-` (leave
/// the column out).
pub fn target(s: &str) -> Option<Column> {
    let s = s.trim();
    if s.is_empty() || s == "-" || s.eq_ignore_ascii_case("ignore") {
        return Some(Column {
            field: Field::Ignored,
            lang: None,
            period: None,
        });
    }
    let (key, rest) = s.split_once('.').unwrap_or((s, ""));
    let field = Field::ALL
        .into_iter()
        .find(|f| f.key() == key.trim().to_lowercase().replace(['-', ' '], "_"))?;
    let mut col = Column {
        field,
        lang: None,
        period: None,
    };
    for part in rest.split('.').filter(|p| !p.is_empty()) {
        match Lang::parse(part) {
            Some(l) if field.translated() && col.lang.is_none() => col.lang = Some(l),
            None if field.per_period() && col.period.is_none() && period_code_ok(part) => {
                col.period = Some(part.to_owned())
            }
            _ => return None,
        }
    }
    Some(col)
}

/// The letter Excel gives a column: `A` for 0, `Z` for 25, `AA` for 26.
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(h: &str) -> Option<(Field, Option<Lang>, Option<String>)> {
        column(h).map(|(c, implied)| (c.field, c.lang.or(implied), c.period))
    }

    #[test]
    fn headers_in_three_languages_and_many_spellings() {
        use Field::*;
        assert_eq!(col("Koodi"), Some((Code, None, None)));
        assert_eq!(col("  KOD "), Some((Code, None, None)));
        assert_eq!(col("Nro."), Some((Code, None, None)));
        assert_eq!(col("Otsikko"), Some((Title, Some(Lang::Fi), None)));
        assert_eq!(col("Otsikko (sv)"), Some((Title, Some(Lang::Sv), None)));
        assert_eq!(col("title_sv"), Some((Title, Some(Lang::Sv), None)));
        assert_eq!(col("Rubrik sv"), Some((Title, Some(Lang::Sv), None)));
        assert_eq!(col("Rubrik på finska"), Some((Title, Some(Lang::Fi), None)));
        assert_eq!(col("Title in English"), Some((Title, Some(Lang::En), None)));
        assert_eq!(col("title"), Some((Title, None, None)));
        assert_eq!(col("Vastuutaho"), Some((Owner, Some(Lang::Fi), None)));
        assert_eq!(col("Ägare"), Some((Owner, Some(Lang::Sv), None)));
        assert_eq!(col("follow_up"), Some((FollowUp, None, None)));
        assert_eq!(
            col("Follow-up (fi)"),
            Some((FollowUp, Some(Lang::Fi), None))
        );
        assert_eq!(col("Uppföljning"), Some((FollowUp, Some(Lang::Sv), None)));
        assert_eq!(col("Tila"), Some((Status, None, None)));
        assert_eq!(col("Tila 2025"), Some((Status, None, Some("2025".into()))));
        assert_eq!(
            col("Kommentti (sv) 2026-H1"),
            Some((Comment, Some(Lang::Sv), Some("2026-H1".into())))
        );
        assert_eq!(
            col("Fortsatta åtgärder"),
            Some((Actions, Some(Lang::Sv), None))
        );
        assert_eq!(col("status_text"), Some((Ignored, None, None)));
        assert_eq!(col("Budjetti"), None);
        // A language only after a text, a period only after a follow-up.
        assert_eq!(col("Koodi sv"), None);
        assert_eq!(col("Otsikko 2025"), None);
    }

    #[test]
    fn map_targets() {
        let t = |s| target(s).map(|c| (c.field, c.lang, c.period));
        assert_eq!(t("title.sv"), Some((Field::Title, Some(Lang::Sv), None)));
        assert_eq!(t("follow_up"), Some((Field::FollowUp, None, None)));
        assert_eq!(
            t("status.2025"),
            Some((Field::Status, None, Some("2025".into())))
        );
        assert_eq!(t("-"), Some((Field::Ignored, None, None)));
        assert_eq!(t("titel.sv"), None);
        assert_eq!(t("code.sv"), None);
    }

    #[test]
    fn column_letters_as_excel_writes_them() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(2), "C");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }
}
