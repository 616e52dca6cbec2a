//! Incremental search: as typed, n/N, and back to where it began.

use super::*;

impl Model {
    /// The plans have been read whole for a search begun on plans held in
    /// part: the search goes on as if just typed, and one confirmed
    /// meanwhile lands on its first hit.
    pub(super) fn whole_arrived(&mut self) {
        if matches!(self.overlay, Overlay::Search { .. }) {
            self.search_typed();
        } else if std::mem::take(&mut self.land_on_hit) && !self.query.is_empty() {
            if self.hits.is_empty() {
                self.error(tf(self.lang, "msg.no_hits", &[("query", &self.query)]));
            } else {
                self.jump_hit(true);
            }
        }
    }

    pub(super) fn jump_hit(&mut self, forward: bool) {
        if self.hits.is_empty() {
            let key = if self.query.is_empty() {
                "msg.no_search"
            } else {
                "msg.no_hits"
            };
            self.error(tf(self.lang, key, &[("query", &self.query)]));
            return;
        }
        let current = self.selected_key();
        let pos = current
            .as_ref()
            .and_then(|k| self.hits.iter().position(|h| h == k));
        let n = self.hits.len();
        let next = match (pos, forward) {
            (Some(p), true) => (p + 1) % n,
            (Some(p), false) => (p + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let key = self.hits[next].clone();
        self.reveal(&key);
        let mut text = tf(
            self.lang,
            "msg.hit",
            &[("n", &(next + 1)), ("total", &n), ("query", &self.query)],
        );
        if let Some(w) = self.hit_where(next) {
            text = format!("{text} · {w}");
        }
        self.info(text);
    }

    /// The tree as it was when the search began.
    pub(super) fn go_back(&mut self, origin: &SearchOrigin) {
        self.expanded = origin.expanded.clone();
        self.rows = self.build_rows();
        let i = origin
            .key
            .as_ref()
            .and_then(|k| self.find_row(k))
            .unwrap_or(0);
        self.cursor = usize::MAX;
        self.move_to(i);
    }

    /// Every node whose title (in any language) or code matches, in tree
    /// order, then every other item with a match in another of its texts
    /// (see [`search::field_hit`]), with where that lies; and the index of
    /// the first title hit at or after `origin` (wrapping to the first),
    /// else of the first other hit.
    pub(super) fn search_hits(
        &mut self,
        q: &str,
        origin: Option<&NodeKey>,
    ) -> (Vec<NodeKey>, Option<usize>) {
        let (mut hits, first) = self.title_hits(q, origin);
        let needle = crate::domain::rules::folded(q.trim());
        let mut fields = vec![None; hits.len()];
        if !needle.is_empty() {
            // Looked up once per item: the title hits of a short query may
            // be most of a large plan.
            let titled: HashSet<NodeKey> = hits.iter().cloned().collect();
            for ps in &self.plans {
                for (_, it) in ps.plan.walk() {
                    let key = NodeKey {
                        plan: ps.plan.code.clone(),
                        item: Some(it.code.clone()),
                    };
                    if titled.contains(&key) {
                        continue;
                    }
                    if let Some(f) = search::field_hit(it, &needle) {
                        hits.push(key);
                        fields.push(Some(f));
                    }
                }
            }
        }
        let first = first.or((!hits.is_empty()).then_some(0));
        self.hit_fields = fields;
        (hits, first)
    }

    /// Where the hit `i` lies when it is not in the title: "indicator (sv)".
    pub fn hit_where(&self, i: usize) -> Option<String> {
        let (key, lang) = self.hit_fields.get(i).copied().flatten()?;
        Some(format!("{} ({})", t(self.lang, key), lang.code()))
    }

    fn title_hits(&self, q: &str, origin: Option<&NodeKey>) -> (Vec<NodeKey>, Option<usize>) {
        let needle = crate::domain::rules::folded(q.trim());
        let mut hits = Vec::new();
        let mut first = None;
        if needle.is_empty() {
            return (hits, first);
        }
        let mut passed = origin.is_none();
        for ps in &self.plans {
            let plan = &ps.plan;
            let mut visit = |key: NodeKey, matches: bool| {
                if !passed && Some(&key) == origin {
                    passed = true;
                }
                if matches {
                    if passed && first.is_none() {
                        first = Some(hits.len());
                    }
                    hits.push(key);
                }
            };
            visit(
                NodeKey {
                    plan: plan.code.clone(),
                    item: None,
                },
                search::text_matches(&plan.title, &needle),
            );
            for (_, it) in plan.walk() {
                let m = search::text_matches(&it.title, &needle)
                    || crate::domain::rules::folded(&it.code) == needle;
                visit(
                    NodeKey {
                        plan: plan.code.clone(),
                        item: Some(it.code.clone()),
                    },
                    m,
                );
            }
        }
        if first.is_none() && !hits.is_empty() {
            first = Some(0);
        }
        (hits, first)
    }
}
