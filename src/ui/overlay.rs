//! What is drawn over the main screen: help, pickers, search, editor, questions.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::style;
use crate::app::{period_label, Model, Overlay};
use crate::display::{sanitize, truncate, width};
use crate::domain::Status;
use crate::i18n::{t, tf};
use crate::keymap::{Action, Mode};

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn boxed<'a>(title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), style::bold()))
}

pub fn draw(f: &mut Frame, m: &Model, area: Rect) {
    match &m.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help(f, m, area, *scroll),
        Overlay::StatusPicker { choice } => status_picker(f, m, area, *choice),
        Overlay::PeriodPicker { choice } => period_picker(f, m, area, *choice),
        Overlay::Search { query, .. } => search_bar(f, m, area, query),
        Overlay::Editor(ed) => editor(f, m, area, ed),
        Overlay::ConfirmDiscard(ed) => {
            editor(f, m, area, ed);
            question(f, m, area, "confirm.discard");
        }
        Overlay::ConfirmQuit(ed) => {
            editor(f, m, area, ed);
            question(f, m, area, "confirm.quit");
        }
        Overlay::Conflict(c) => conflict(f, m, area, c),
        Overlay::Translations { row, col } => super::translations::draw(f, m, area, *row, *col),
        Overlay::History(h) => super::history::draw(f, m, area, h),
        Overlay::Figures { choice } => figures(f, m, area, *choice),
        Overlay::Missing { lacking, choice } => super::missing::draw(f, m, area, *lacking, *choice),
        Overlay::Ask(q) => ask(f, area, &sanitize(&q.text, false), t(m.lang, "ask.title")),
    }
}

/// What a figure is, for the list (`editor` false) or the editor's title.
pub fn figure_title(m: &Model, kind: &crate::app::editor::FigureKind, editor: bool) -> String {
    use crate::app::editor::FigureKind;
    let Some((ps, Some(it))) = m.selected_item() else {
        return String::new();
    };
    let name = |i: usize| {
        it.indicators
            .get(i)
            .and_then(|ind| ind.name.resolve(m.lang))
            .map(|s| sanitize(s.text, false).into_owned())
            .unwrap_or_default()
    };
    match (kind, editor) {
        (FigureKind::Value { index, period }, false) => tf(
            m.lang,
            "figures.value",
            &[
                ("period", &period_label(&ps.plan, period, m.lang)),
                ("name", &name(*index)),
            ],
        ),
        (FigureKind::Value { index, period }, true) => tf(
            m.lang,
            "figures.value_editor",
            &[
                ("period", &period_label(&ps.plan, period, m.lang)),
                ("name", &name(*index)),
            ],
        ),
        (FigureKind::Thresholds { index }, false) => {
            tf(m.lang, "figures.thresholds", &[("name", &name(*index))])
        }
        (FigureKind::Thresholds { index }, true) => tf(
            m.lang,
            "figures.thresholds_editor",
            &[("name", &name(*index))],
        ),
        (FigureKind::Risk, false) => t(m.lang, "figures.risk").to_owned(),
        (FigureKind::Risk, true) => t(m.lang, "figures.risk_editor").to_owned(),
    }
}

fn figures(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((_, Some(it))) = m.selected_item() else {
        return;
    };
    let rows = m.figure_rows();
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let line = Line::from(format!(" {}", figure_title(m, k, false)));
            if i == choice {
                line.style(style::selected())
            } else {
                line
            }
        })
        .collect();
    let title = tf(
        m.lang,
        "figures.title",
        &[("item", &sanitize(&it.code, false))],
    );
    let w = lines
        .iter()
        .map(|l| l.width())
        .chain([width(&title) + 4])
        .max()
        .unwrap_or(20)
        .min(area.width.saturating_sub(4) as usize) as u16
        + 2;
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    let scroll = choice.saturating_sub(h.saturating_sub(3) as usize);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(boxed(title))
            .scroll((scroll as u16, 0)),
        r,
    );
}

/// Both versions of a text that another strata changed meanwhile.
fn conflict(f: &mut Frame, m: &Model, area: Rect, c: &crate::app::Conflict) {
    let r = centered(
        area,
        area.width.saturating_sub(4).min(90),
        area.height.saturating_sub(2),
    );
    let empty = t(m.lang, "conflict.empty");
    let theirs = c.theirs.as_deref().map(|s| sanitize(s, true).into_owned());
    let mine = sanitize(&c.editor.text(), true).into_owned();
    let mut lines = vec![Line::from(Span::styled(
        tf(
            m.lang,
            "conflict.theirs",
            &[
                ("user", &sanitize(&c.by, false)),
                ("at", &crate::i18n::date_time(m.lang, &c.at)),
            ],
        ),
        style::bold(),
    ))];
    lines.extend(
        theirs
            .as_deref()
            .unwrap_or(empty)
            .split('\n')
            .map(|l| Line::from(l.to_owned())),
    );
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        t(m.lang, "conflict.yours").to_owned(),
        style::bold(),
    )));
    let mine = if mine.is_empty() {
        empty.to_owned()
    } else {
        mine
    };
    lines.extend(mine.split('\n').map(|l| Line::from(l.to_owned())));
    lines.push(Line::default());
    let choices: Vec<String> = super::hints(m)
        .into_iter()
        .map(|(k, label)| format!("{k} = {label}"))
        .collect();
    lines.push(Line::from(Span::styled(choices.join(" · "), style::bold())));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(boxed(t(m.lang, "conflict.title").to_owned())),
        r,
    );
}

/// Every key of every mode, with what it does, in the display language (the
/// answers to questions as that language has them).
pub fn help_lines(m: &Model) -> Vec<Line<'static>> {
    let line = |keys: &str, what: &str| {
        let pad = 18usize.saturating_sub(width(keys)).max(1);
        Line::from(format!("  {keys}{}{what}", " ".repeat(pad)))
    };
    let mut lines = Vec::new();
    // The keys of every mode last, after those of each mode.
    let modes = Mode::ALL
        .into_iter()
        .filter(|&m| m != Mode::Global)
        .chain([Mode::Global]);
    for mode in modes {
        lines.push(Line::from(Span::styled(
            t(m.lang, &format!("mode.{}", mode.key())).to_owned(),
            style::bold(),
        )));
        if mode == Mode::Picker {
            if let Some(picks) = super::picks(m) {
                lines.push(line(&picks, t(m.lang, "help.pick")));
            }
        }
        for (action, keys) in m.keymap.bindings_in(mode, m.lang) {
            if Action::PICKS.contains(&action) {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            let what = match (mode, action) {
                (Mode::Browse, Action::Cancel) => "help.cancel_move".to_owned(),
                _ => format!("help.{}", action.name()),
            };
            lines.push(line(&keys.join(", "), t(m.lang, &what)));
        }
        if mode == Mode::Editor {
            lines.push(line("Enter", t(m.lang, "help.newline")));
        }
        lines.push(Line::default());
    }
    lines
}

fn help(f: &mut Frame, m: &Model, area: Rect, scroll: usize) {
    let r = centered(area, 76, area.height.saturating_sub(2));
    let lines = help_lines(m);
    let max = lines
        .len()
        .saturating_sub(r.height.saturating_sub(2) as usize);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(boxed(t(m.lang, "help.title").to_owned()))
            .scroll((scroll.min(max) as u16, 0)),
        r,
    );
}

fn status_picker(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((ps, Some(item))) = m.selected_item() else {
        return;
    };
    let period = ps
        .period
        .as_deref()
        .map(|p| period_label(&ps.plan, p, m.lang))
        .unwrap_or_default();
    let mut lines = Vec::new();
    for (i, s) in Status::ALL.iter().enumerate() {
        let mut text = format!(
            " {}  {} {}",
            s.digit(),
            s.symbol(),
            t(m.lang, &format!("status.{}", s.key()))
        );
        if let Some(own) = ps.plan.status_labels.get(s).and_then(|l| l.resolve(m.lang)) {
            text.push_str(&format!(" ({})", sanitize(own.text, false)));
        }
        let mut line = Line::from(Span::styled(text, style::status(m, *s)));
        if i == choice {
            line = line.style(style::selected());
        }
        lines.push(line);
    }
    let title = tf(
        m.lang,
        "picker.status",
        &[("item", &item.code), ("period", &period)],
    );
    let w = lines
        .iter()
        .map(|l| l.width())
        .chain([width(&title) + 4])
        .max()
        .unwrap_or(20) as u16
        + 4;
    let r = centered(area, w, Status::ALL.len() as u16 + 2);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(boxed(title)), r);
}

fn period_picker(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((ps, _)) = m.selected_item() else {
        return;
    };
    let lines: Vec<Line> = ps
        .plan
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let current = ps.period.as_deref() == Some(p.code.as_str());
            let text = format!(
                " {} {}",
                if current { "•" } else { " " },
                period_label(&ps.plan, &p.code, m.lang)
            );
            let line = Line::from(text);
            if i == choice {
                line.style(style::selected())
            } else {
                line
            }
        })
        .collect();
    let title = t(m.lang, "picker.period").to_owned();
    let w = lines
        .iter()
        .map(|l| l.width())
        .chain([width(&title) + 4])
        .max()
        .unwrap_or(20) as u16
        + 4;
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    let scroll = choice.saturating_sub(h.saturating_sub(3) as usize);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(boxed(title))
            .scroll((scroll as u16, 0)),
        r,
    );
}

fn search_bar(f: &mut Frame, m: &Model, area: Rect, query: &str) {
    let r = Rect {
        x: area.x,
        y: area.y + area.height.saturating_sub(2),
        width: area.width,
        height: 1,
    };
    let count = if query.is_empty() {
        String::new()
    } else {
        format!(
            "  ({})",
            crate::i18n::plural(m.lang, "search.hits", m.hits.len())
        )
    };
    let text = format!("/{}{count}", sanitize(query, false));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(truncate(&text, r.width as usize).into_owned()).style(style::bold()),
        r,
    );
    let cursor_x = r.x + (1 + width(query)).min(r.width.saturating_sub(1) as usize) as u16;
    f.set_cursor_position((cursor_x, r.y));
}

fn editor(f: &mut Frame, m: &Model, area: Rect, ed: &crate::app::editor::Editor) {
    let multi = ed.target.multi_line();
    let h = if multi {
        area.height.saturating_sub(4).min(16)
    } else {
        3
    };
    let r = centered(area, area.width.saturating_sub(4).min(90), h);
    use crate::app::editor::Target;
    use crate::domain::Field;
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
    let mut area_widget = ed.area.clone();
    area_widget.set_block(boxed(title));
    area_widget.set_cursor_line_style(ratatui::style::Style::default());
    f.render_widget(Clear, r);
    f.render_widget(&area_widget, r);
}

fn question(f: &mut Frame, m: &Model, area: Rect, key: &str) {
    let [(_, yes), (_, no)] = m.keymap.answers(m.lang);
    let text = tf(m.lang, key, &[("yes", &yes), ("no", &no)]);
    ask(f, area, &text, t(m.lang, "confirm.title"));
}

/// A question in a box, wrapped to fit.
fn ask(f: &mut Frame, area: Rect, text: &str, title: &str) {
    let inner = (width(text) + 2)
        .min(76)
        .min(area.width.saturating_sub(6) as usize)
        .max(10);
    let lines = crate::display::wrap(text, inner);
    let r = centered(area, inner as u16 + 4, lines.len() as u16 + 2);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .block(boxed(title.to_owned())),
        r,
    );
}
