//! The search bar: type to search, Enter keeps the hits, Esc goes back.

use super::*;

pub const HINTS: &[Action] = &[Action::Confirm, Action::Cancel];

impl Model {
    pub(in crate::app) fn search_input(&mut self, key: &KeyEvent, action: Option<Action>) {
        let Overlay::Search { query, origin } = &mut self.overlay else {
            return;
        };
        let origin = origin.clone();
        match action {
            Some(Action::Confirm) => {
                let q = query.clone();
                self.overlay = Overlay::None;
                self.query = q;
                if self.reading_whole {
                    // The hits come with the plans: land on the first then.
                    self.land_on_hit = true;
                } else if self.hits.is_empty() && !self.query.is_empty() {
                    self.error(tf(self.lang, "msg.no_hits", &[("query", &self.query)]));
                }
                return;
            }
            Some(Action::Cancel) => {
                self.overlay = Overlay::None;
                self.query.clear();
                self.hits.clear();
                self.go_back(&origin);
                return;
            }
            _ => {}
        }
        match key.code {
            KeyCode::Backspace => {
                query.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => query.push(c),
            _ => return,
        }
        self.search_typed();
    }

    /// The search as typed so far: its hits, and the first of them shown
    /// with only the path to it opened. While the plans are still being
    /// read whole there are none yet.
    pub(in crate::app) fn search_typed(&mut self) {
        let Overlay::Search { query, origin } = &self.overlay else {
            return;
        };
        let (q, origin) = (query.clone(), origin.clone());
        if self.reading_whole {
            self.hits.clear();
            self.query = q;
            return;
        }
        let (hits, first) = self.search_hits(&q, origin.key.as_ref());
        self.hits = hits;
        self.query = q;
        // Incremental: show the first hit at or after where the search began,
        // with only the path to it opened.
        match first {
            Some(i) => {
                self.expanded = origin.expanded.clone();
                let hit = self.hits[i].clone();
                self.reveal(&hit);
            }
            None => self.go_back(&origin),
        }
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, query: &str) {
    let r = Rect {
        x: area.x,
        y: area.y + area.height.saturating_sub(2),
        width: area.width,
        height: 1,
    };
    let count = if query.is_empty() {
        String::new()
    } else if m.reading_whole {
        format!("  ({})", t(m.lang, "search.reading"))
    } else {
        // Where the selected hit lies, when not in its title.
        let at = m
            .selected_key()
            .and_then(|k| m.hits.iter().position(|h| *h == k))
            .and_then(|i| m.hit_where(i))
            .map(|w| format!(" · {w}"))
            .unwrap_or_default();
        format!(
            "  ({}){at}",
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
