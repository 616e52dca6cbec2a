//! What the views list: the rows of the translation, figures and missing-translations views.

use super::*;

impl Model {
    /// The texts the translation view shows: for an item its own fields,
    /// then the comment of the period shown; for a plan its title,
    /// description, organisation and the names of its levels.
    pub fn translation_rows(&self) -> Vec<(TextRow, crate::domain::Text)> {
        match self.selected_item() {
            Some((ps, Some(it))) => {
                let mut rows = vec![
                    (TextRow::Item("title"), it.title.clone()),
                    (TextRow::Item("description"), it.description.clone()),
                    (TextRow::Item("owner"), it.owner.clone()),
                    (TextRow::Item("follow_up"), it.follow_up.clone()),
                ];
                if let Some(p) = &ps.period {
                    let current = it.current(p);
                    let comment = current.map(|a| a.comment.clone()).unwrap_or_default();
                    let actions = current.map(|a| a.actions.clone()).unwrap_or_default();
                    rows.push((TextRow::Comment, comment));
                    rows.push((TextRow::Actions, actions));
                }
                for (i, ind) in it.indicators.iter().enumerate() {
                    for (f, t) in [
                        ("name", &ind.name),
                        ("description", &ind.description),
                        ("unit", &ind.unit),
                        ("source", &ind.source),
                    ] {
                        rows.push((TextRow::Indicator(i, f), t.clone()));
                    }
                }
                for (i, c) in it.risk.iter().flat_map(|r| r.controls.iter()).enumerate() {
                    for (f, t) in [
                        ("what", &c.what),
                        ("how", &c.how),
                        ("frequency", &c.frequency),
                        ("performer", &c.performer),
                        ("responsible", &c.responsible),
                    ] {
                        rows.push((TextRow::Control(i, f), t.clone()));
                    }
                }
                rows
            }
            Some((ps, None)) => {
                let plan = &ps.plan;
                let mut rows = vec![
                    (TextRow::Plan("title"), plan.title.clone()),
                    (TextRow::Plan("description"), plan.description.clone()),
                    (TextRow::Plan("organisation"), plan.organisation.clone()),
                ];
                let depth = plan.walk().iter().map(|(d, _)| d + 1).max().unwrap_or(0);
                let levels = plan.levels.len().max(depth).max(3);
                for d in 0..levels {
                    let name = plan.levels.get(d).cloned().unwrap_or_default();
                    rows.push((TextRow::Level(d), name));
                }
                for (i, p) in plan.periods.iter().enumerate() {
                    rows.push((TextRow::PeriodLabel(i), p.label.clone()));
                }
                for st in Status::ALL
                    .into_iter()
                    .filter(|&s| s != Status::NotAssessed)
                {
                    let words = plan.status_labels.get(&st).cloned().unwrap_or_default();
                    rows.push((TextRow::StatusLabel(st), words));
                }
                rows
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
