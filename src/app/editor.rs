//! The text editor: multi-line for comments, one line for titles, any Unicode,
//! cursor by character and word (ratatui-textarea's keys: Ctrl/Alt-arrows,
//! Alt-f/Alt-b, Home/End …).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::{Lang, TextAt};

/// What is being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Any translated text of a plan, in one language: an item's title or
    /// comment, an indicator's unit, a level name, a period label …
    Text(TextAt),
    /// The title of a new item under `parent` (None: top level), after the
    /// sibling `after` (None: last).
    NewItem {
        plan: String,
        parent: Option<String>,
        after: Option<String>,
    },
    /// The title of a new plan.
    NewPlan,
    /// The code of an item (its address in `PLAN:CODE`).
    Code { plan: String, item: String },
    /// A plan's code and years, as a form: `code; 2026–2029`.
    PlanCode { plan: String },
    /// A figure of an item: an indicator's value or thresholds, or its risk.
    Figure {
        plan: String,
        item: String,
        kind: FigureKind,
    },
    /// The code of a new follow-up period of a plan.
    NewPeriod { plan: String },
    /// A contact person's one-line form (`None`: a new person).
    Contact { id: Option<String> },
    /// A date of a period: its first or last day, or its deadline.
    PeriodDate {
        plan: String,
        code: String,
        which: crate::app::periods::DateField,
    },
}

/// Which figure of an item is edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// The value of the indicator at this index in a period.
    Value { index: usize, period: String },
    /// The green threshold and the yellow edge of the indicator.
    Thresholds { index: usize },
    /// Probability and consequence of the item's risk.
    Risk,
    /// The note on the value of the indicator at this index in a period
    /// (the source's remark, or why there is no value), in one language.
    Note { index: usize, period: String },
    /// The control moment at this index of the item's risk (Enter edits
    /// what it checks).
    Control { index: usize },
    /// A new indicator: its one-line form, `name; unit; ≥ green / yellow`.
    NewIndicator,
    /// A risk for an item that has none: `probability × consequence`.
    NewRisk,
    /// A new control moment of the item's risk: what it checks.
    NewControl,
    /// The Kolada or Sotkanet series the indicator at this index is
    /// fetched from (`kolada:N00945:2417`; empty unlinks it).
    Series { index: usize },
}

impl Target {
    /// `PLAN:CODE` of the item (`PLAN` for a plan's own text).
    pub fn address(&self) -> String {
        match self {
            Target::Text(at) => at.address(),
            Target::Figure { plan, item, .. } | Target::Code { plan, item } => {
                format!("{plan}:{item}")
            }
            Target::NewItem {
                plan,
                parent: Some(p),
                ..
            } => format!("{plan}:{p}"),
            Target::NewItem { plan, .. }
            | Target::PlanCode { plan }
            | Target::NewPeriod { plan }
            | Target::PeriodDate { plan, .. } => plan.clone(),
            Target::NewPlan | Target::Contact { .. } => String::new(),
        }
    }

    /// Comments and descriptions have paragraphs; titles, codes and names
    /// are one line.
    pub fn multi_line(&self) -> bool {
        matches!(self, Target::Text(at) if at.field().multi_line())
    }
}

#[derive(Clone, Debug)]
pub struct Editor {
    pub target: Target,
    pub lang: Lang,
    original: String,
    pub area: TextArea<'static>,
    /// For a figure: exactly what was stored when the editor opened (the
    /// text shows it rounded), for the check against a colleague's change.
    pub base_figure: Option<super::FigureValue>,
}

impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        self.target == other.target && self.lang == other.lang && self.text() == other.text()
    }
}

impl Editor {
    pub fn new(target: Target, lang: Lang, text: &str) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let mut area = TextArea::new(lines);
        // Comments are long paragraphs: wrap them at words to read them whole.
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            target,
            lang,
            original: text.to_owned(),
            area,
            base_figure: None,
        }
    }

    /// A key for the text. Enter is a new line only where the text may have
    /// several lines.
    pub fn input(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Enter && !self.target.multi_line() {
            return;
        }
        self.area.input(key);
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// The text as it was when the editor opened (or as the other user left
    /// it, after a conflict the user chose to go on editing from).
    pub fn original(&self) -> &str {
        &self.original
    }

    /// After a conflict: the stored text is now `theirs`; the next save is
    /// checked against it.
    pub fn rebase(&mut self, theirs: &str) {
        self.original = theirs.to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn typing_changes_and_enter_is_a_new_line_in_comments() {
        let comment = crate::domain::Field::Comment {
            period: "2025".into(),
        };
        let t = Target::Text(TextAt::item("p", "1", comment).unwrap());
        let mut e = Editor::new(t, Lang::Sv, "Rad");
        assert!(!e.changed());
        e.input(key(KeyCode::Enter));
        for c in "två ä".chars() {
            e.input(key(KeyCode::Char(c)));
        }
        assert_eq!(e.text(), "Rad\ntvå ä");
        assert!(e.changed());
    }

    #[test]
    fn titles_stay_on_one_line() {
        let t = Target::Text(TextAt::item("p", "1", crate::domain::Field::Title).unwrap());
        let mut e = Editor::new(t, Lang::Fi, "Otsikko");
        e.input(key(KeyCode::Enter));
        assert_eq!(e.text(), "Otsikko");
    }
}
