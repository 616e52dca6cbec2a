//! The mouse, as gitui and lazygit read it: a click on a tree row selects it
//! (a click on the selected branch opens or closes it), the wheel scrolls the
//! pane it is over; over an overlay the wheel moves its list as j and k do.
//! Off with `mouse = false` in the config.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::*;

/// How many rows a turn of the wheel moves.
const WHEEL: usize = 3;

impl Model {
    pub fn mouse(&mut self, m: &MouseEvent) -> Option<Command> {
        let in_tree = m.column < crate::ui::tree_width(self, self.cols);
        // The body starts under the header line.
        let row = (m.row as usize).checked_sub(1);
        if self.overlay != Overlay::None {
            // The wheel moves an overlay's list as its own down and up keys.
            let action = match m.kind {
                MouseEventKind::ScrollDown => Action::Down,
                MouseEventKind::ScrollUp => Action::Up,
                _ => return None,
            };
            let key = self
                .keymap
                .keys_in(self.overlay.mode(), self.lang, action)
                .first()
                .map(|k| k.event())?;
            return self.key(&key);
        }
        match m.kind {
            MouseEventKind::ScrollDown if in_tree => {
                self.move_to(self.cursor + WHEEL);
                None
            }
            MouseEventKind::ScrollUp if in_tree => {
                self.move_to(self.cursor.saturating_sub(WHEEL));
                None
            }
            MouseEventKind::ScrollDown => {
                self.detail_scroll += WHEEL;
                None
            }
            MouseEventKind::ScrollUp => {
                self.detail_scroll = self.detail_scroll.saturating_sub(WHEEL);
                None
            }
            MouseEventKind::Down(MouseButton::Left) if in_tree => {
                let i = self.offset + row?;
                if i >= self.rows.len() || row? >= self.tree_height() {
                    return None;
                }
                if i == self.cursor {
                    // The selected row again: open or close its branch.
                    let row = self.selected()?.clone();
                    if row.has_children {
                        let key = self.row_key(&row);
                        if row.expanded {
                            self.expanded.remove(&key);
                        } else {
                            self.expanded.insert(key);
                        }
                        self.rebuild();
                    }
                    return None;
                }
                self.move_to(i);
                None
            }
            _ => None,
        }
    }
}
