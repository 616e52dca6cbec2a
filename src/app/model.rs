//! The model's core: rows of the tree, the selection, scrolling, messages,
//! and fresh plans put in place.

use super::*;

impl Model {
    /// A model of plans, each with the period it shows.
    pub fn new(plans: Vec<(Plan, Option<String>)>, lang: Lang, keymap: Keymap) -> Model {
        let plans = plans
            .into_iter()
            .map(|(p, period)| (Fresh::Whole(p), period))
            .collect();
        Model::of(plans, lang, keymap)
    }

    /// A model of plans as read, whole or in part.
    pub fn of(plans: Vec<(Fresh, Option<String>)>, lang: Lang, keymap: Keymap) -> Model {
        let plans: Vec<PlanState> = plans
            .into_iter()
            .map(|(p, period)| PlanState::of(p, period))
            .collect();
        // Plans start open one level: the manager sees every top-level item.
        let expanded: HashSet<NodeKey> = plans
            .iter()
            .map(|p| NodeKey {
                plan: p.plan.code.clone(),
                item: None,
            })
            .collect();
        let mut m = Model {
            lang,
            plans,
            expanded,
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
            detail_scroll: 0,
            height: 24,
            overlay: Overlay::None,
            message: None,
            read_only: false,
            color: true,
            keymap,
            query: String::new(),
            hits: Vec::new(),
            hit_fields: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            history: None,
            moving: None,
            translations_return: None,
            filter: None,
            contacts: Vec::new(),
            tree_share: None,
            cols: 0,
            mouse: true,
            reading_whole: false,
            reveal_pending: None,
            owners: None,
            untranslated: HashMap::new(),
            land_on_hit: false,
        };
        m.rebuild();
        m
    }

    /// Rebuilds the visible rows, keeping the selected node selected.
    pub fn rebuild(&mut self) {
        let selected = self.selected_key();
        self.rebuild_keeping(selected);
    }

    /// Rebuilds the visible rows and selects `selected` again (taken before
    /// the plans changed, while the rows' paths were still right); where it
    /// is gone, the cursor stays in the same place, within the rows.
    fn rebuild_keeping(&mut self, selected: Option<NodeKey>) {
        self.rows = self.build_rows();
        if let Some(i) = selected.and_then(|k| self.find_row(&k)) {
            self.cursor = i;
        }
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view();
    }

    pub(super) fn build_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (pi, ps) in self.plans.iter().enumerate() {
            let plans = std::slice::from_ref(&ps.plan);
            let one = match &self.filter {
                Some(f) => tree::build_filtered(plans, &|it| ps.keeps(f, it, self.lang)),
                None => tree::build_rows(plans, &self.expanded),
            };
            rows.extend(one.into_iter().map(|mut r| {
                r.plan = pi;
                r
            }));
        }
        rows
    }

    pub fn find_row(&self, key: &NodeKey) -> Option<usize> {
        self.rows.iter().position(|r| self.row_key(r) == *key)
    }

    pub fn row_key(&self, row: &Row) -> NodeKey {
        tree::key_of(&self.plans[row.plan].plan, row)
    }

    pub fn selected(&self) -> Option<&Row> {
        self.rows.get(self.cursor)
    }

    pub fn selected_key(&self) -> Option<NodeKey> {
        self.selected().map(|r| self.row_key(r))
    }

    /// The selected plan and item (None when the plan row itself is selected).
    pub fn selected_item(&self) -> Option<(&PlanState, Option<&Item>)> {
        let r = self.selected()?;
        let ps = &self.plans[r.plan];
        Some((ps, tree::item_at(&ps.plan, &r.path)))
    }

    /// How many tree rows fit on the screen.
    pub fn tree_height(&self) -> usize {
        (self.height as usize).saturating_sub(3).max(1)
    }

    /// Keeps the cursor on screen. When it leaves the screen, the tree jumps
    /// to put it in the middle, rather than creeping one row per key: a
    /// creeping tree repaints every row on every key (costly over SSH).
    pub(super) fn scroll_into_view(&mut self) {
        let h = self.tree_height();
        if self.cursor < self.offset || self.cursor >= self.offset + h {
            self.offset = self.cursor.saturating_sub(h / 2);
        }
        let max_offset = self.rows.len().saturating_sub(h);
        self.offset = self.offset.min(max_offset);
    }

    pub(super) fn move_to(&mut self, i: usize) {
        let i = i.min(self.rows.len().saturating_sub(1));
        if i != self.cursor {
            self.detail_scroll = 0;
        }
        self.cursor = i;
        self.scroll_into_view();
    }

    pub fn resize(&mut self, height: u16) {
        self.height = height;
        self.scroll_into_view();
    }

    /// The whole terminal's size: the width is where the mouse finds the
    /// tree pane's edge.
    pub fn resize_to(&mut self, width: u16, height: u16) {
        self.cols = width;
        self.resize(height);
    }

    pub(super) fn info(&mut self, text: String) {
        self.message = Some(Message {
            kind: MessageKind::Info,
            text,
        });
    }

    pub(super) fn error(&mut self, text: String) {
        self.message = Some(Message {
            kind: MessageKind::Error,
            text,
        });
    }

    /// Opens the path to a node and selects it.
    pub fn reveal(&mut self, key: &NodeKey) {
        let ancestors = match self.plans.iter().find(|p| p.plan.code == key.plan) {
            Some(ps) => tree::ancestors(std::slice::from_ref(&ps.plan), key),
            None => Vec::new(),
        };
        self.expanded.extend(ancestors);
        self.rows = self.build_rows();
        match self.find_row(key) {
            Some(i) => self.move_to(i),
            // Not held yet: the app reads what leads to it.
            None if self
                .plans
                .iter()
                .any(|p| p.plan.code == key.plan && !p.is_whole()) =>
            {
                self.reveal_pending = Some(key.clone());
            }
            None => {}
        }
    }

    /// After an editor closes: back to the translation view if it was
    /// opened from there.
    pub fn after_editor(&mut self) {
        if let Some((row, col)) = self.translations_return.take() {
            if self.overlay == Overlay::None {
                self.overlay = Overlay::Translations { row, col };
            }
        }
    }

    pub(super) fn parent_row(&self, i: usize) -> Option<usize> {
        let depth = self.rows.get(i)?.depth();
        if depth == 0 {
            return None;
        }
        (0..i).rev().find(|&j| self.rows[j].depth() < depth)
    }

    /// Shows a plan in another period: the app has read it for that period.
    pub fn set_period(&mut self, plan: Fresh, period: String) {
        let label = match &plan {
            Fresh::Whole(p) => period_label(p, &period, self.lang),
            Fresh::Part(p) => period_label(&p.plan, &period, self.lang),
        };
        self.put_plan(plan, Some(period));
        self.info(tf(self.lang, "msg.period", &[("period", &label)]));
    }

    /// Puts a freshly read plan in place of the one with its code, keeping
    /// the selection.
    pub fn put_plan(&mut self, plan: Fresh, period: Option<String>) {
        let Some(i) = self.plans.iter().position(|p| p.plan.code == plan.code()) else {
            return;
        };
        // The selection by node, taken before the rows' paths go stale.
        let selected = self.selected_key();
        self.plans[i] = PlanState::of(plan, period);
        self.history = None;
        self.rebuild_keeping(selected);
        self.search_again();
    }

    /// The hits of the kept search, in the plans as they are now.
    fn search_again(&mut self) {
        if !self.query.is_empty() {
            self.hits = self.search_hits(&self.query.clone(), None).0;
        }
    }

    /// The period each plan shows now, by plan code.
    pub fn periods(&self) -> HashMap<String, Option<String>> {
        self.plans
            .iter()
            .map(|p| (p.plan.code.clone(), p.period.clone()))
            .collect()
    }

    /// Replaces the plans with fresh ones from the store, keeping what is
    /// open and the selection.
    pub fn replace_plans(&mut self, plans: Vec<(Fresh, Option<String>)>) {
        let selected = self.selected_key();
        let had_plans: HashSet<String> = self.plans.iter().map(|p| p.plan.code.clone()).collect();
        self.history = None;
        self.plans = plans
            .into_iter()
            .map(|(p, period)| {
                if !had_plans.contains(p.code()) {
                    self.expanded.insert(NodeKey {
                        plan: p.code().to_owned(),
                        item: None,
                    });
                }
                PlanState::of(p, period)
            })
            .collect();
        self.rebuild_keeping(selected);
        self.search_again();
    }
}
