//! Every text missing in a language, across every plan; Enter goes there.

use super::*;

pub const HINTS: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::Filter,
    Action::Confirm,
    Action::Close,
];

impl Model {
    /// The texts the missing-translations view lists: (plan code, what is
    /// missing), in the plans' order, those lacking `lacking` (or any).
    pub fn missing_rows(
        &self,
        lacking: Option<Lang>,
    ) -> Vec<(String, crate::domain::translation::Missing)> {
        let mut out = Vec::new();
        for ps in &self.plans {
            // Of a plan held in part, what the app read for the list.
            let plan = match ps.is_whole() {
                true => &ps.plan,
                false => self.untranslated.get(&ps.plan.code).unwrap_or(&ps.plan),
            };
            for m in crate::domain::translation::missing_translations(plan) {
                if lacking.is_none_or(|l| m.lacks.contains(&l)) {
                    out.push((ps.plan.code.clone(), m));
                }
            }
        }
        out
    }
    pub(in crate::app) fn missing_key(
        &mut self,
        action: Option<Action>,
        lacking: Option<Lang>,
        choice: usize,
    ) -> Option<Command> {
        let page = self.tree_height();
        let rows = self.missing_rows(lacking);
        let last = rows.len().saturating_sub(1);
        let (mut lacking, mut choice) = (lacking, choice);
        match action {
            Some(Action::Down) => choice = (choice + 1).min(last),
            Some(Action::Up) => choice = choice.saturating_sub(1),
            Some(Action::PageDown) => choice = (choice + page).min(last),
            Some(Action::PageUp) => choice = choice.saturating_sub(page),
            Some(Action::Filter) => {
                // The display language first, then the others, then any.
                let order = [
                    Some(self.lang),
                    Some(self.lang.next()),
                    Some(self.lang.next().next()),
                    None,
                ];
                let i = order.iter().position(|l| *l == lacking).unwrap_or(0);
                lacking = order[(i + 1) % order.len()];
                choice = 0;
            }
            Some(Action::Close) => return None,
            Some(Action::Confirm) => {
                let (plan, m) = rows.get(choice)?.clone();
                self.reveal(&NodeKey {
                    plan,
                    item: m.item.clone(),
                });
                // Where the translation view has the text, open it there, on
                // the first language it lacks (a comment of another period on
                // the comment row of the period shown).
                let rows = self.translation_rows();
                let row = rows.iter().position(|(f, _)| {
                    *f == m.field || (f.key() == m.field.key() && f.log_period().is_some())
                });
                if let Some(r) = row {
                    let lang = lacking.or(m.lacks.first().copied()).unwrap_or(self.lang);
                    let col = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
                    self.overlay = Overlay::Translations { row: r, col };
                }
                return None;
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        self.overlay = Overlay::Missing { lacking, choice };
        None
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, lacking: Option<Lang>, choice: usize) {
    let r = panel(area);
    let inner = r.width.saturating_sub(2) as usize;
    let rows = m.missing_rows(lacking);
    let filter = match lacking {
        Some(l) => tf(m.lang, "missing.lacking", &[("lang", &l.code())]),
        None => t(m.lang, "missing.any").to_owned(),
    };
    let title = tf(
        m.lang,
        "missing.title",
        &[
            ("filter", &filter),
            ("n", &plural(m.lang, "count.items", rows.len())),
        ],
    );
    if rows.is_empty() {
        let none = match lacking {
            Some(l) => tf(m.lang, "missing.none_lacking", &[("langs", &l.code())]),
            None => t(m.lang, "missing.none").to_owned(),
        };
        f.render_widget(Clear, r);
        f.render_widget(Paragraph::new(none).block(boxed(title)), r);
        return;
    }
    let addr_w = rows
        .iter()
        .map(|(p, x)| width(p) + x.item.as_ref().map_or(0, |i| width(i) + 1))
        .max()
        .unwrap_or(10)
        .min(inner / 3);
    let mut lines = Vec::new();
    for (plan, miss) in &rows {
        let address = match &miss.item {
            Some(item) => format!("{plan}:{item}"),
            None => plan.clone(),
        };
        let langs: Vec<&str> = miss.lacks.iter().map(|l| l.code()).collect();
        let text = format!(
            "{}  {}  {}",
            pad(&truncate(&address, addr_w), addr_w),
            crate::messages::missing_field(m.lang, &miss.field),
            tf(m.lang, "missing.lacks", &[("langs", &langs.join(", "))])
        );
        lines.push(Line::from(truncate(&text, inner).into_owned()));
    }
    choose(f, r, title, lines, choice);
}
