//! Where a text of a plan lives: [`Field`] names which text, [`TextAt`] adds
//! the plan and the item. One address for every surface (the editor, the
//! translation and missing-translations views, undo, the command line) and
//! for the store's one text write.

use super::lang::Text;
use super::plan::{Item, Plan};
use super::status::Status;

/// Which text of a plan or an item. Indexes are 0-based positions in the
/// plan's `levels`, the item's `indicators` and its risk's `controls`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    PlanTitle,
    PlanDescription,
    PlanOrganisation,
    /// The name of the level at this depth (`levels[depth]`).
    Level(usize),
    /// The document's own wording for a status.
    StatusLabel(Status),
    /// The label of the period with this code.
    PeriodLabel(String),
    Title,
    /// The item's own level name (`item.level`).
    LevelName,
    Description,
    Owner,
    FollowUp,
    /// The comment of the current follow-up of the period.
    Comment {
        period: String,
    },
    /// The further actions of the current follow-up of the period.
    Actions {
        period: String,
    },
    IndicatorName(usize),
    IndicatorUnit(usize),
    IndicatorSource(usize),
    IndicatorDescription(usize),
    ControlWhat(usize),
    ControlHow(usize),
    ControlFrequency(usize),
    ControlPerformer(usize),
    ControlResponsible(usize),
}

impl Field {
    /// A stable name of the kind of text, without its index or period:
    /// `"title"`, `"comment"`, `"indicator.name"`, `"plan.level"`. The
    /// catalogs name each one under `missing.field.<key>`.
    pub fn key(&self) -> &'static str {
        match self {
            Field::PlanTitle => "plan.title",
            Field::PlanDescription => "plan.description",
            Field::PlanOrganisation => "plan.organisation",
            Field::Level(_) => "plan.level",
            Field::StatusLabel(_) => "plan.status_label",
            Field::PeriodLabel(_) => "period.label",
            Field::Title => "title",
            Field::LevelName => "level",
            Field::Description => "description",
            Field::Owner => "owner",
            Field::FollowUp => "follow_up",
            Field::Comment { .. } => "comment",
            Field::Actions { .. } => "actions",
            Field::IndicatorName(_) => "indicator.name",
            Field::IndicatorUnit(_) => "indicator.unit",
            Field::IndicatorSource(_) => "indicator.source",
            Field::IndicatorDescription(_) => "indicator.description",
            Field::ControlWhat(_) => "control.what",
            Field::ControlHow(_) => "control.how",
            Field::ControlFrequency(_) => "control.frequency",
            Field::ControlPerformer(_) => "control.performer",
            Field::ControlResponsible(_) => "control.responsible",
        }
    }

    /// The 1-based number a surface shows for an indexed field (level,
    /// indicator, control), if it has one.
    pub fn number(&self) -> Option<usize> {
        match self {
            Field::Level(i)
            | Field::IndicatorName(i)
            | Field::IndicatorUnit(i)
            | Field::IndicatorSource(i)
            | Field::IndicatorDescription(i)
            | Field::ControlWhat(i)
            | Field::ControlHow(i)
            | Field::ControlFrequency(i)
            | Field::ControlPerformer(i)
            | Field::ControlResponsible(i) => Some(i + 1),
            _ => None,
        }
    }

    /// The follow-up period of a comment or further actions.
    pub fn period(&self) -> Option<&str> {
        match self {
            Field::Comment { period } | Field::Actions { period } => Some(period),
            Field::PeriodLabel(code) => Some(code),
            _ => None,
        }
    }
}

impl Field {
    /// An item's own text by its column name: `title`, `level`,
    /// `description`, `owner`, `follow_up`.
    pub fn item_text(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "level" => Field::LevelName,
            "description" => Field::Description,
            "owner" => Field::Owner,
            "follow_up" => Field::FollowUp,
            _ => return None,
        })
    }

    /// A plan's own text: `title`, `description`, `organisation`.
    pub fn plan_text(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::PlanTitle,
            "description" => Field::PlanDescription,
            "organisation" => Field::PlanOrganisation,
            _ => return None,
        })
    }

    /// A text of the indicator at `index` (0-based): `name`,
    /// `description`, `unit`, `source`.
    pub fn indicator(index: usize, name: &str) -> Option<Field> {
        Some(match name {
            "name" => Field::IndicatorName(index),
            "description" => Field::IndicatorDescription(index),
            "unit" => Field::IndicatorUnit(index),
            "source" => Field::IndicatorSource(index),
            _ => return None,
        })
    }

    /// A text of the control moment at `index` (0-based): `what`, `how`,
    /// `frequency`, `performer`, `responsible`.
    pub fn control(index: usize, name: &str) -> Option<Field> {
        Some(match name {
            "what" => Field::ControlWhat(index),
            "how" => Field::ControlHow(index),
            "frequency" => Field::ControlFrequency(index),
            "performer" => Field::ControlPerformer(index),
            "responsible" => Field::ControlResponsible(index),
            _ => return None,
        })
    }

    /// Whether the text belongs to an item (and not to the plan itself).
    pub fn on_item(&self) -> bool {
        !matches!(
            self,
            Field::PlanTitle
                | Field::PlanDescription
                | Field::PlanOrganisation
                | Field::Level(_)
                | Field::StatusLabel(_)
                | Field::PeriodLabel(_)
        )
    }

    /// The name the change log gives this text: `title`, `comment` (its
    /// period in a column of its own), `indicator.2.unit`, `control.1.what`,
    /// `plan.title`, `level.1`, `period.2025`, `status_label.at_risk`.
    /// Indexes are written 1-based, as surfaces show them.
    pub fn log_field(&self) -> String {
        match self {
            Field::PlanTitle => "plan.title".into(),
            Field::PlanDescription => "plan.description".into(),
            Field::PlanOrganisation => "plan.organisation".into(),
            Field::Level(d) => format!("level.{}", d + 1),
            Field::StatusLabel(s) => format!("status_label.{}", s.key()),
            Field::PeriodLabel(code) => format!("period.{code}"),
            // An indicator's or a control's text: its number in the middle.
            _ => match (self.number(), self.key().split_once('.')) {
                (Some(n), Some((kind, col))) => format!("{kind}.{n}.{col}"),
                _ => self.key().to_owned(),
            },
        }
    }

    /// A text named as the change log names it ([`Field::log_field`]), the
    /// inverse of it: `title`, `indicator.2.unit`, `level.1`, `period.2025`,
    /// `status_label.at_risk`; `comment` and `actions` take `period`. For a
    /// plan (`on_item` false) `title`, `description` and `organisation` are
    /// its own, as are `plan.title` and the rest.
    pub fn parse(name: &str, on_item: bool, period: Option<&str>) -> Option<Field> {
        let parts: Vec<&str> = name.split('.').collect();
        let index = |n: &str| n.parse::<usize>().ok().filter(|&n| n > 0).map(|n| n - 1);
        let field = match (on_item, parts.as_slice()) {
            (true, ["comment"]) => Field::Comment {
                period: period?.to_owned(),
            },
            (true, ["actions"]) => Field::Actions {
                period: period?.to_owned(),
            },
            (true, [one]) => Field::item_text(one)?,
            (true, ["indicator", n, col]) => Field::indicator(index(n)?, col)?,
            (true, ["control", n, col]) => Field::control(index(n)?, col)?,
            (false, [one]) | (false, ["plan", one]) => Field::plan_text(one)?,
            (false, ["level", n]) => Field::Level(index(n)?),
            (false, ["period", code @ ..]) if !code.is_empty() => {
                Field::PeriodLabel(code.join("."))
            }
            (false, ["status_label", key]) => Field::StatusLabel(Status::parse(key)?),
            _ => return None,
        };
        Some(field)
    }

    /// The period the change log files the text under: that of a comment
    /// or further actions, which belong to a follow-up of a period.
    pub fn log_period(&self) -> Option<&str> {
        match self {
            Field::Comment { period } | Field::Actions { period } => Some(period),
            _ => None,
        }
    }

    /// Titles: a text that must keep at least one language (an item's, a
    /// plan's, an indicator's name, what a control moment checks).
    pub fn required(&self) -> bool {
        matches!(
            self,
            Field::Title | Field::PlanTitle | Field::IndicatorName(_) | Field::ControlWhat(_)
        )
    }

    /// Texts with paragraphs (comments, descriptions, how a measure is
    /// followed up); titles, names, labels and units are one line.
    pub fn multi_line(&self) -> bool {
        matches!(
            self,
            Field::Comment { .. }
                | Field::Actions { .. }
                | Field::Description
                | Field::Owner
                | Field::FollowUp
                | Field::PlanDescription
                | Field::IndicatorDescription(_)
                | Field::ControlWhat(_)
                | Field::ControlHow(_)
        )
    }

    /// The text in a loaded item; `None` where the item has no such place
    /// (no indicator or control at that index, no follow-up in the period).
    pub fn of_item<'a>(&self, it: &'a Item) -> Option<&'a Text> {
        let control = |i: &usize| it.risk.as_ref().and_then(|r| r.controls.get(*i));
        Some(match self {
            Field::Title => &it.title,
            Field::LevelName => &it.level,
            Field::Description => &it.description,
            Field::Owner => &it.owner,
            Field::FollowUp => &it.follow_up,
            Field::Comment { period } => &it.current(period)?.comment,
            Field::Actions { period } => &it.current(period)?.actions,
            Field::IndicatorName(i) => &it.indicators.get(*i)?.name,
            Field::IndicatorUnit(i) => &it.indicators.get(*i)?.unit,
            Field::IndicatorSource(i) => &it.indicators.get(*i)?.source,
            Field::IndicatorDescription(i) => &it.indicators.get(*i)?.description,
            Field::ControlWhat(i) => &control(i)?.what,
            Field::ControlHow(i) => &control(i)?.how,
            Field::ControlFrequency(i) => &control(i)?.frequency,
            Field::ControlPerformer(i) => &control(i)?.performer,
            Field::ControlResponsible(i) => &control(i)?.responsible,
            _ => return None,
        })
    }

    /// One of the plan's own texts; `None` for an item's text, a level,
    /// status wording or period the plan does not have.
    pub fn of_plan<'a>(&self, plan: &'a Plan) -> Option<&'a Text> {
        Some(match self {
            Field::PlanTitle => &plan.title,
            Field::PlanDescription => &plan.description,
            Field::PlanOrganisation => &plan.organisation,
            Field::Level(d) => plan.levels.get(*d)?,
            Field::StatusLabel(s) => plan.status_labels.get(s)?,
            Field::PeriodLabel(code) => &plan.period(code)?.label,
            _ => return None,
        })
    }
}

/// One text of a plan: the plan, the item for an item's text, and which
/// text. Made only through [`TextAt::new`], so an item's text always names
/// its item and a plan's own text never does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextAt {
    plan: String,
    item: Option<String>,
    field: Field,
}

impl TextAt {
    /// The address of `field`; `None` when an item's text is given no item.
    /// A plan's own text drops the item it is given (the plan row of a view
    /// may be reached from an item).
    pub fn new(plan: &str, item: Option<&str>, field: Field) -> Option<TextAt> {
        let item = match (field.on_item(), item) {
            (true, None) => return None,
            (true, Some(i)) => Some(i.to_owned()),
            (false, _) => None,
        };
        Some(TextAt {
            plan: plan.to_owned(),
            item,
            field,
        })
    }

    /// An item's text.
    pub fn item(plan: &str, item: &str, field: Field) -> Option<TextAt> {
        TextAt::new(plan, Some(item), field)
    }

    /// One of the plan's own texts.
    pub fn plan_text(plan: &str, field: Field) -> Option<TextAt> {
        TextAt::new(plan, None, field)
    }

    pub fn plan(&self) -> &str {
        &self.plan
    }

    pub fn item_code(&self) -> Option<&str> {
        self.item.as_deref()
    }

    pub fn field(&self) -> &Field {
        &self.field
    }

    /// `PLAN:CODE` for an item's text, `PLAN` for the plan's own.
    pub fn address(&self) -> String {
        match &self.item {
            Some(i) => format!("{}:{i}", self.plan),
            None => self.plan.clone(),
        }
    }

    /// The same place after the item's code changed.
    pub fn renamed(&self, from: &str, to: &str) -> TextAt {
        let mut t = self.clone();
        if t.item.as_deref() == Some(from) {
            t.item = Some(to.to_owned());
        }
        t
    }

    /// The text in a loaded plan, if it has the place.
    pub fn read<'a>(&self, plan: &'a Plan) -> Option<&'a Text> {
        if plan.code != self.plan {
            return None;
        }
        match &self.item {
            Some(code) => self.field.of_item(plan.find(code)?.0),
            None => self.field.of_plan(plan),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    #[test]
    fn an_items_text_needs_its_item_and_a_plans_drops_one() {
        assert_eq!(TextAt::new("p", None, Field::Title), None);
        let t = TextAt::new("p", Some("1.2"), Field::PlanTitle).unwrap();
        assert_eq!(t.item_code(), None);
        assert_eq!(t.address(), "p");
        let t = TextAt::item("p", "1.2", Field::IndicatorUnit(1)).unwrap();
        assert_eq!(t.address(), "p:1.2");
        assert_eq!(t.renamed("1.2", "1.3").address(), "p:1.3");
    }

    #[test]
    fn log_names_are_the_ones_the_history_reads() {
        let cases = [
            (Field::Title, "title"),
            (Field::LevelName, "level"),
            (Field::FollowUp, "follow_up"),
            (
                Field::Comment {
                    period: "2025".into(),
                },
                "comment",
            ),
            (Field::IndicatorUnit(1), "indicator.2.unit"),
            (Field::ControlWhat(0), "control.1.what"),
            (Field::PlanOrganisation, "plan.organisation"),
            (Field::Level(0), "level.1"),
            (Field::PeriodLabel("2025".into()), "period.2025"),
            (Field::StatusLabel(Status::AtRisk), "status_label.at_risk"),
        ];
        for (f, name) in cases {
            assert_eq!(f.log_field(), name, "{f:?}");
        }
        let c = Field::Actions {
            period: "2026".into(),
        };
        assert_eq!(c.log_period(), Some("2026"));
        assert_eq!(Field::PeriodLabel("2026".into()).log_period(), None);
    }

    #[test]
    fn every_log_name_reads_back_as_its_field() {
        let doc = crate::exchange::reference::document().unwrap();
        let mut kinds = 0;
        for plan in &doc.plans {
            for (at, _) in crate::domain::translation::every_text(plan) {
                let f = at.field();
                let back = Field::parse(&f.log_field(), f.on_item(), f.log_period());
                assert_eq!(back.as_ref(), Some(f), "{}", f.log_field());
                kinds += 1;
            }
        }
        assert!(kinds > 100);
        assert_eq!(
            Field::parse("comment", true, None),
            None,
            "a comment needs its period"
        );
        assert_eq!(
            Field::parse("indicator.0.unit", true, None),
            None,
            "1-based"
        );
        assert_eq!(Field::parse("title", false, None), Some(Field::PlanTitle));
        assert_eq!(Field::parse("colour", true, None), None);
    }

    #[test]
    fn read_finds_each_text_in_a_loaded_plan() {
        let doc = crate::exchange::reference::document().unwrap();
        let plan = doc
            .plans
            .iter()
            .find(|p| p.code == "internal-control-2025")
            .unwrap();
        let title = TextAt::item(&plan.code, "1", Field::Title).unwrap();
        assert!(title.read(plan).unwrap().get(Lang::Sv).is_some());
        let what = TextAt::item(&plan.code, "1", Field::ControlWhat(0)).unwrap();
        assert!(what.read(plan).unwrap().get(Lang::Sv).is_some());
        let none = TextAt::item(&plan.code, "1", Field::ControlWhat(99)).unwrap();
        assert_eq!(none.read(plan), None);
        let period = TextAt::plan_text(&plan.code, Field::PeriodLabel("2025".into())).unwrap();
        assert!(period.read(plan).is_some());
    }
}
