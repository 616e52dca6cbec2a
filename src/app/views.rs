//! What the views list: the rows of the translation, figures and missing-translations views.

use super::*;

impl Model {
    /// The texts the translation view shows: for an item its own fields,
    /// the comment and further actions of the period shown, then the texts
    /// of its indicators and control moments; for a plan its title,
    /// description, organisation, the names of its levels, the labels of
    /// its periods and its wording for the statuses.
    pub fn translation_rows(&self) -> Vec<(Field, crate::domain::Text)> {
        match self.selected_item() {
            Some((ps, Some(it))) => {
                let mut fields = vec![
                    Field::Title,
                    Field::Description,
                    Field::Owner,
                    Field::FollowUp,
                ];
                if let Some(p) = &ps.period {
                    fields.push(Field::Comment { period: p.clone() });
                    fields.push(Field::Actions { period: p.clone() });
                }
                for i in 0..it.indicators.len() {
                    fields.extend([
                        Field::IndicatorName(i),
                        Field::IndicatorDescription(i),
                        Field::IndicatorUnit(i),
                        Field::IndicatorSource(i),
                    ]);
                }
                for i in 0..it.risk.as_ref().map_or(0, |r| r.controls.len()) {
                    fields.extend([
                        Field::ControlWhat(i),
                        Field::ControlHow(i),
                        Field::ControlFrequency(i),
                        Field::ControlPerformer(i),
                        Field::ControlResponsible(i),
                    ]);
                }
                fields
                    .into_iter()
                    .map(|f| {
                        let text = f.of_item(it).cloned().unwrap_or_default();
                        (f, text)
                    })
                    .collect()
            }
            Some((ps, None)) => {
                let plan = &ps.plan;
                let mut fields = vec![
                    Field::PlanTitle,
                    Field::PlanDescription,
                    Field::PlanOrganisation,
                ];
                let depth = plan.walk().iter().map(|(d, _)| d + 1).max().unwrap_or(0);
                let levels = plan.levels.len().max(depth).max(3);
                fields.extend((0..levels).map(Field::Level));
                fields.extend(
                    plan.periods
                        .iter()
                        .map(|p| Field::PeriodLabel(p.code.clone())),
                );
                fields.extend(
                    Status::ALL
                        .into_iter()
                        .filter(|&s| s != Status::NotAssessed)
                        .map(Field::StatusLabel),
                );
                fields
                    .into_iter()
                    .map(|f| {
                        let text = f.of_plan(plan).cloned().unwrap_or_default();
                        (f, text)
                    })
                    .collect()
            }
            None => Vec::new(),
        }
    }

    /// The figures of the selected item that can be edited, in order: for
    /// each indicator its value in the period shown and its thresholds, then
    /// the risk.
    pub fn figure_rows(&self) -> Vec<editor::FigureKind> {
        let Some((ps, Some(it))) = self.selected_item() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for index in 0..it.indicators.len() {
            if let Some(period) = &ps.period {
                rows.push(editor::FigureKind::Value {
                    index,
                    period: period.clone(),
                });
            }
            rows.push(editor::FigureKind::Thresholds { index });
        }
        if it.risk.is_some() {
            rows.push(editor::FigureKind::Risk);
        }
        rows
    }

    /// The texts the missing-translations view lists: (plan code, what is
    /// missing), in the plans' order, those lacking `lacking` (or any).
    pub fn missing_rows(
        &self,
        lacking: Option<Lang>,
    ) -> Vec<(String, crate::domain::translation::Missing)> {
        let mut out = Vec::new();
        for ps in &self.plans {
            for m in crate::domain::translation::missing_translations(&ps.plan) {
                if lacking.is_none_or(|l| m.lacks.contains(&l)) {
                    out.push((ps.plan.code.clone(), m));
                }
            }
        }
        out
    }
}
