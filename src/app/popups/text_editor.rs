//! The text editor over the tree, and the questions around it: throw a
//! change away, quit with a change.

use super::*;

pub const HINTS: &[Action] = &[Action::Save, Action::Cancel];

impl Model {
    pub(in crate::app) fn open_editor(&mut self, action: Action) -> Option<Command> {
        // An item, and a file that may be written; otherwise says why not.
        self.writable_item()?;
        let field = if action == Action::Comment {
            // A closed period is refused before anything is typed.
            let period = self.open_period()?;
            Field::Comment { period }
        } else {
            Field::Title
        };
        let (ps, Some(item)) = self.selected_item()? else {
            return None;
        };
        let current = field
            .of_item(item)
            .and_then(|t| t.get(self.lang))
            .unwrap_or("")
            .to_owned();
        let at = TextAt::item(&ps.plan.code, &item.code, field)?;
        let editor = Editor::new(editor::Target::Text(at), self.lang, &current);
        self.overlay = Overlay::Editor(Box::new(editor));
        None
    }
    pub(in crate::app) fn editor_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        mut ed: Box<Editor>,
    ) -> Option<Command> {
        match action {
            Some(Action::Quit) if !ed.changed() => Some(Command::Quit),
            Some(Action::Quit) => {
                self.overlay = Overlay::ConfirmQuit(ed);
                None
            }
            Some(Action::Save) => self.save_key(ed),
            Some(Action::Cancel) => {
                if ed.changed() {
                    self.overlay = Overlay::ConfirmDiscard(ed);
                } else {
                    self.after_editor();
                }
                None
            }
            _ => {
                ed.input(*key);
                self.overlay = Overlay::Editor(ed);
                None
            }
        }
    }
    /// Ctrl-S: a new period asks about copying statuses first; an unchanged
    /// text is not written; anything else goes to the app to save.
    pub(in crate::app) fn save_key(&mut self, ed: Box<Editor>) -> Option<Command> {
        if let editor::Target::NewPeriod { plan } = &ed.target {
            let code = ed.text().trim().to_owned();
            if code.is_empty() {
                self.overlay = Overlay::Editor(ed);
                return None;
            }
            // A mistyped or taken code is refused before any other
            // question; the editor keeps what was typed.
            let taken = self
                .plans
                .iter()
                .find(|p| p.plan.code == *plan)
                .is_some_and(|p| {
                    p.plan.periods.iter().any(|x| {
                        crate::domain::rules::comparable(&x.code)
                            == crate::domain::rules::comparable(&code)
                    })
                });
            if !crate::domain::rules::period_code_ok(&code) || taken {
                let e = if taken {
                    StoreError::PeriodExists {
                        plan: plan.clone(),
                        code: code.clone(),
                    }
                } else {
                    StoreError::BadCode(code.clone())
                };
                self.error(crate::messages::store_error(self.lang, &e));
                self.overlay = Overlay::Editor(ed);
                return None;
            }
            let plan = plan.clone();
            self.overlay = Overlay::Ask(Box::new(Question {
                text: {
                    let [(_, yes), (_, no)] = self.keymap.answers(self.lang);
                    tf(
                        self.lang,
                        "ask.copy",
                        &[("period", &code), ("yes", &yes), ("no", &no)],
                    )
                },
                yes: Command::AddPeriod {
                    plan: plan.clone(),
                    code: code.clone(),
                    copy: true,
                },
                no: Some(Command::AddPeriod {
                    plan,
                    code,
                    copy: false,
                }),
            }));
            return None;
        }
        let new = matches!(
            ed.target,
            editor::Target::NewItem { .. } | editor::Target::NewPlan
        );
        if !ed.changed() && !new {
            self.info(t(self.lang, "msg.unchanged").to_owned());
            return None;
        }
        Some(Command::Save(ed))
    }
    pub(in crate::app) fn confirm_discard_key(
        &mut self,
        action: Option<Action>,
        ed: Box<Editor>,
    ) -> Option<Command> {
        match action {
            Some(Action::Yes) => {
                self.info(t(self.lang, "msg.discarded").to_owned());
                self.after_editor();
            }
            Some(Action::No | Action::Cancel) => self.overlay = Overlay::Editor(ed),
            Some(Action::Quit) => self.overlay = Overlay::ConfirmQuit(ed),
            _ => self.overlay = Overlay::ConfirmDiscard(ed),
        }
        None
    }
    pub(in crate::app) fn confirm_quit_key(
        &mut self,
        action: Option<Action>,
        ed: Box<Editor>,
    ) -> Option<Command> {
        match action {
            Some(Action::Yes) => return Some(Command::Quit),
            Some(Action::No | Action::Cancel) => self.overlay = Overlay::Editor(ed),
            _ => self.overlay = Overlay::ConfirmQuit(ed),
        }
        None
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, ed: &crate::app::editor::Editor) {
    let multi = ed.target.multi_line();
    let h = if multi {
        area.height.saturating_sub(4).min(16)
    } else {
        3
    };
    let mut r = centered(area, area.width.saturating_sub(4).min(90), h);
    use crate::app::editor::Target;
    use crate::domain::Field;
    // A comment of a period: the previous period's comment under it, for
    // reference (a round starts from what was written last time).
    if let Some((label, text)) = previous_comment(m, &ed.target, ed.lang) {
        let below = (area.height.saturating_sub(r.height + 2) / 2).clamp(3, 10);
        let total = r.height + below;
        let top = area.y + area.height.saturating_sub(total) / 2;
        r.y = top;
        let reference = Rect {
            x: r.x,
            y: r.y + r.height,
            width: r.width,
            height: below.min(area.y + area.height - (r.y + r.height)),
        };
        let title = tf(m.lang, "editor.previous", &[("period", &label)]);
        f.render_widget(Clear, reference);
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .style(style::dim(m))
                .block(boxed(title)),
            reference,
        );
    }
    let (what, item, period) = match &ed.target {
        Target::Text(at) => {
            let item = at.item_code().unwrap_or(at.plan()).to_owned();
            match at.field() {
                Field::Comment { period } => {
                    let label = m
                        .plans
                        .iter()
                        .find(|p| p.plan.code == at.plan())
                        .map(|p| period_label(&p.plan, period, m.lang))
                        .unwrap_or_else(|| period.clone());
                    ("editor.comment", item, label)
                }
                Field::Title => ("editor.title", item, String::new()),
                f => ("editor.text", item, crate::messages::field_label(m.lang, f)),
            }
        }
        Target::NewItem { .. } => ("editor.new_item", ed.target.address(), String::new()),
        Target::NewPlan => ("editor.new_plan", String::new(), String::new()),
        Target::NewPeriod { plan } => ("editor.new_period", plan.clone(), String::new()),
        Target::Figure { item, .. } => ("editor.text", item.clone(), String::new()),
        Target::Code { item, .. } => ("editor.code", item.clone(), String::new()),
        Target::PlanCode { plan } => ("editor.plan_code", plan.clone(), String::new()),
        Target::Contact { id } => (
            match id {
                Some(_) => "editor.contact",
                None => "editor.new_contact",
            },
            id.clone().unwrap_or_default(),
            String::new(),
        ),
        Target::PeriodDate { plan, code, which } => (
            match which {
                crate::app::periods::DateField::Start => "editor.period_start",
                crate::app::periods::DateField::End => "editor.period_end",
                crate::app::periods::DateField::Deadline => "editor.period_deadline",
            },
            plan.clone(),
            code.clone(),
        ),
    };
    let title = tf(
        m.lang,
        what,
        &[
            ("item", &item),
            ("lang", &ed.lang.code().to_uppercase()),
            ("period", &period),
        ],
    );
    let title = match &ed.target {
        Target::Figure { kind, .. } => figure_title(m, kind, true),
        _ => title,
    };
    // A title too long for the box's border is shown whole, wrapped, on
    // the rows just above it.
    if crate::display::width(&title) + 4 > r.width as usize {
        let lines = crate::display::wrap(&title, r.width as usize);
        let n = (lines.len() as u16).min(r.y.saturating_sub(area.y));
        let above = Rect {
            x: r.x,
            y: r.y - n,
            width: r.width,
            height: n,
        };
        f.render_widget(Clear, above);
        f.render_widget(
            Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
                .style(style::header()),
            above,
        );
    }
    let mut area_widget = ed.area.clone();
    area_widget.set_block(boxed(title));
    area_widget.set_cursor_line_style(ratatui::style::Style::default());
    f.render_widget(Clear, r);
    f.render_widget(&area_widget, r);
}

/// For the comment of a period: the label of the period before it and the
/// item's comment there (in the editor's language, else any), when it has
/// one.
fn previous_comment(
    m: &Model,
    target: &crate::app::editor::Target,
    lang: Lang,
) -> Option<(String, String)> {
    let crate::app::editor::Target::Text(at) = target else {
        return None;
    };
    let crate::domain::Field::Comment { period } = at.field() else {
        return None;
    };
    let ps = m.plans.iter().find(|p| p.plan.code == at.plan())?;
    let i = ps.plan.periods.iter().position(|p| p.code == *period)?;
    let prev = &ps.plan.periods.get(i.checked_sub(1)?)?.code;
    let (key, rows) = m.history.as_ref()?;
    if key.plan != at.plan() || key.item.as_deref() != at.item_code() {
        return None;
    }
    let a = rows.iter().rev().find(|a| a.period == *prev)?;
    let shown = a.comment.resolve(lang)?;
    let mut text = sanitize(shown.text, true).into_owned();
    if shown.fallback {
        text = format!("[{}] {text}", shown.lang.code());
    }
    Some((period_label(&ps.plan, prev, m.lang), text))
}
