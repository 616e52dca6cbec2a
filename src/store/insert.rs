//! Inserting a whole plan, or an item with everything attached to it, inside
//! a transaction the caller holds (import, add_plan, restore after delete).

use rusqlite::{params, Transaction};

use super::sql::{cols, vals};
use crate::domain::{Item, Lang, Plan};

pub(super) fn insert_plan(
    tx: &Transaction<'_>,
    plan: &Plan,
    position: i64,
) -> rusqlite::Result<()> {
    let [t1, t2, t3] = vals(&plan.title);
    let [d1, d2, d3] = vals(&plan.description);
    let [o1, o2, o3] = vals(&plan.organisation);
    tx.execute(
        &format!(
            "INSERT INTO plan (code, position, {}, {}, {}, source_language, start_year, end_year, example)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            cols("title"),
            cols("description"),
            cols("organisation")
        ),
        params![
            plan.code,
            position,
            t1,
            t2,
            t3,
            d1,
            d2,
            d3,
            o1,
            o2,
            o3,
            plan.source_language.map(Lang::code),
            plan.start_year,
            plan.end_year,
            plan.example
        ],
    )?;
    let plan_id = tx.last_insert_rowid();
    for (depth, l) in plan.levels.iter().enumerate() {
        let [a, b, c] = vals(l);
        tx.execute(
            &format!(
                "INSERT INTO plan_level (plan_id, depth, {}) VALUES (?1, ?2, ?3, ?4, ?5)",
                cols("name")
            ),
            params![plan_id, depth as i64, a, b, c],
        )?;
    }
    for (s, l) in &plan.status_labels {
        let [a, b, c] = vals(l);
        tx.execute(
            &format!(
                "INSERT INTO status_label (plan_id, status, {}) VALUES (?1, ?2, ?3, ?4, ?5)",
                cols("label")
            ),
            params![plan_id, s.key(), a, b, c],
        )?;
    }
    let mut period_ids = std::collections::HashMap::new();
    for (pos, p) in plan.periods.iter().enumerate() {
        let [a, b, c] = vals(&p.label);
        tx.execute(
            &format!(
                "INSERT INTO period (plan_id, code, position, {}, start_date, end_date,
                                     deadline, closed_at, closed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                cols("label")
            ),
            params![
                plan_id,
                p.code,
                pos as i64,
                a,
                b,
                c,
                p.start,
                p.end,
                p.deadline,
                p.closed.as_ref().map(|x| &x.at),
                p.closed.as_ref().map(|x| &x.by)
            ],
        )?;
        period_ids.insert(p.code.as_str(), tx.last_insert_rowid());
    }
    let ctx = ItemCtx {
        tx,
        plan_id,
        periods: &period_ids,
    };
    for (pos, item) in plan.items.iter().enumerate() {
        ctx.insert(item, None, pos)?;
    }
    Ok(())
}

pub(super) struct ItemCtx<'a> {
    pub tx: &'a Transaction<'a>,
    pub plan_id: i64,
    pub periods: &'a std::collections::HashMap<&'a str, i64>,
}

impl ItemCtx<'_> {
    fn period(&self, code: &str) -> rusqlite::Result<i64> {
        self.periods
            .get(code)
            .copied()
            .ok_or(rusqlite::Error::QueryReturnedNoRows)
    }

    pub fn insert(&self, item: &Item, parent: Option<i64>, pos: usize) -> rusqlite::Result<()> {
        let tx = self.tx;
        let mut v: Vec<Option<&str>> = Vec::with_capacity(15);
        for t in [
            &item.level,
            &item.title,
            &item.description,
            &item.owner,
            &item.follow_up,
        ] {
            v.extend(vals(t));
        }
        let mut st = tx.prepare_cached(&format!(
            "INSERT INTO item (plan_id, parent_id, position, code, {}, {}, {}, {}, {})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            cols("level"),
            cols("title"),
            cols("description"),
            cols("owner"),
            cols("follow_up")
        ))?;
        st.execute(params![
            self.plan_id,
            parent,
            pos as i64,
            item.code,
            v[0],
            v[1],
            v[2],
            v[3],
            v[4],
            v[5],
            v[6],
            v[7],
            v[8],
            v[9],
            v[10],
            v[11],
            v[12],
            v[13],
            v[14]
        ])?;
        let id = tx.last_insert_rowid();
        super::contact::link_all(tx, id, &item.contacts)?;
        for a in &item.assessments {
            super::write::NewFollowUp {
                item_id: id,
                period_id: self.period(&a.period)?,
                status: a.status,
                comment: &a.comment,
                actions: &a.actions,
                author: &a.by,
                at: &a.at,
                carried_from: a.carried_from.as_deref(),
            }
            .append(tx)?;
        }
        self.figures(id, &item.indicators, item.risk.as_ref())?;
        for (cpos, child) in item.children.iter().enumerate() {
            self.insert(child, Some(id), cpos)?;
        }
        Ok(())
    }

    /// Inserts an item's indicators (with their values) and its risk (with
    /// its control moments) under the item with row id `id`.
    pub fn figures(
        &self,
        id: i64,
        indicators: &[crate::domain::Indicator],
        risk: Option<&crate::domain::Risk>,
    ) -> rusqlite::Result<()> {
        let tx = self.tx;
        for (ipos, ind) in indicators.iter().enumerate() {
            let mut v: Vec<Option<&str>> = Vec::with_capacity(12);
            for t in [&ind.name, &ind.description, &ind.unit, &ind.source] {
                v.extend(vals(t));
            }
            tx.prepare_cached(&format!(
                "INSERT INTO indicator (item_id, position, {}, {}, {}, {}, direction, green, yellow, decimals, series)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                cols("name"),
                cols("description"),
                cols("unit"),
                cols("source")
            ))?
            .execute(params![
                id,
                ipos as i64,
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                v[7],
                v[8],
                v[9],
                v[10],
                v[11],
                match ind.direction {
                    crate::domain::Direction::Higher => "higher",
                    crate::domain::Direction::Lower => "lower",
                },
                ind.green,
                ind.yellow,
                ind.decimals,
                ind.series.as_ref().map(|s| s.to_string())
            ])?;
            let ind_id = tx.last_insert_rowid();
            for val in &ind.values {
                let [n1, n2, n3] = vals(&val.note);
                let [f1, f2, f3, f4, f5, f6, f7, f8] =
                    super::provenance::values(val.fetched.as_ref());
                tx.prepare_cached(&format!(
                    "INSERT INTO indicator_value (indicator_id, period_id, value, {}, {})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                    cols("note"),
                    super::provenance::columns("")
                ))?
                .execute(params![
                    ind_id,
                    self.period(&val.period)?,
                    val.value,
                    n1,
                    n2,
                    n3,
                    f1,
                    f2,
                    f3,
                    f4,
                    f5,
                    f6,
                    f7,
                    f8
                ])?;
            }
        }
        if let Some(r) = risk {
            tx.execute(
                "INSERT INTO risk (item_id, probability, consequence) VALUES (?1, ?2, ?3)",
                params![id, r.probability, r.consequence],
            )?;
            for (cpos, c) in r.controls.iter().enumerate() {
                let mut v: Vec<Option<&str>> = Vec::with_capacity(15);
                for t in [&c.what, &c.how, &c.frequency, &c.performer, &c.responsible] {
                    v.extend(vals(t));
                }
                tx.prepare_cached(&format!(
                    "INSERT INTO control (item_id, position, {}, {}, {}, {}, {})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                    cols("what"),
                    cols("how"),
                    cols("frequency"),
                    cols("performer"),
                    cols("responsible")
                ))?
                .execute(rusqlite::params_from_iter(
                    [Some(id.to_string()), Some(cpos.to_string())]
                        .into_iter()
                        .chain(v.iter().map(|s| s.map(str::to_owned))),
                ))?;
            }
        }
        Ok(())
    }
}
