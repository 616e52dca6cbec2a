//! The one write of a text: any translated text of a plan, in one language,
//! addressed by a [`TextAt`]. One `BEGIN IMMEDIATE` transaction reads the
//! stored text, refuses with [`StoreError::Conflict`] if it is no longer what
//! the editor started from, writes it (a follow-up's comment and further
//! actions as a new follow-up row, so that the history keeps the old one),
//! bumps the version of the item or plan, and writes one change-log row named
//! by [`Field::log_field`]. Setting what is stored changes nothing and logs
//! nothing; `None` or `""` clears the language.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};

use super::sql::cols;
use super::summary::FollowUpChange;
use super::write::NewFollowUp;
use super::write::{current_of, Log};
use super::{classify_at, Result, Store, StoreError};
use crate::domain::{Field, Lang, TextAt};

/// One language of one text to write.
#[derive(Clone, Copy, Debug)]
pub struct TextWrite<'a> {
    pub text: &'a TextAt,
    pub lang: Lang,
    /// The new text; `None` or `""` clears it.
    pub value: Option<&'a str>,
    /// The text as the editor found it: if the stored one differs now,
    /// another strata changed it meanwhile and the write is refused with
    /// [`StoreError::Conflict`]. `None`: no check.
    pub expect: Option<Option<&'a str>>,
    pub user: &'a str,
    pub at: &'a str,
}

impl<'a> TextWrite<'a> {
    /// A write without the optimistic check.
    pub fn new(
        text: &'a TextAt,
        lang: Lang,
        value: Option<&'a str>,
        user: &'a str,
        at: &'a str,
    ) -> TextWrite<'a> {
        TextWrite {
            text,
            lang,
            value,
            expect: None,
            user,
            at,
        }
    }

    /// The same write, refused if the stored text is no longer `expect`.
    pub fn expecting(self, expect: Option<Option<&'a str>>) -> TextWrite<'a> {
        TextWrite { expect, ..self }
    }
}

impl Store {
    /// Writes one language of one text (see the module documentation).
    /// Returns the old value, so that undo is the same call with it.
    ///
    /// Refused with `UnknownPlan`, `UnknownItem`, `UnknownPeriod` (a label or
    /// follow-up of a period the plan lacks), `UnknownIndicator` or
    /// `UnknownControl` (none at the index), `NotARisk` (a control text of an
    /// item without a risk), `TextTooLong`, or `NoTitle` (a title cleared in
    /// its last language).
    pub fn set_text(&mut self, w: &TextWrite<'_>) -> Result<Option<String>> {
        if let Some(v) = w.value {
            crate::domain::rules::text_fits(v)?;
        }
        let path = self.path.clone();
        let tx = self.begin()?;
        let old = write_text(&tx, w).map_err(|e| e.at(&path))?;
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }

    /// Keeps a text the user chose to throw away in a conflict in the change
    /// log, as `<field>-discarded`, so that no typed word is lost.
    pub fn log_discarded(
        &mut self,
        text: &TextAt,
        lang: Lang,
        discarded: &str,
        user: &str,
        at: &str,
    ) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let field = text.field();
        Log {
            at,
            user,
            plan: text.plan(),
        }
        .write(
            &tx,
            text.item_code(),
            field.log_period(),
            &format!("{}-discarded", field.log_field()),
            Some(lang),
            None,
            Some(discarded),
        )
        .map_err(e)?;
        tx.commit().map_err(e)
    }
}

/// An error of the text write before the file's path is known.
enum Failed {
    Sql(rusqlite::Error),
    Store(StoreError),
}

impl From<rusqlite::Error> for Failed {
    fn from(e: rusqlite::Error) -> Failed {
        Failed::Sql(e)
    }
}

impl From<StoreError> for Failed {
    fn from(e: StoreError) -> Failed {
        Failed::Store(e)
    }
}

impl Failed {
    fn at(self, path: &std::path::Path) -> StoreError {
        match self {
            Failed::Sql(e) => classify_at(path, e),
            Failed::Store(e) => e,
        }
    }
}

/// Where a text is stored.
enum Place {
    /// A language column `<col>_<lang>` of the row `id` of `table`.
    Column {
        table: &'static str,
        id: i64,
        col: &'static str,
    },
    /// A row of `plan_level` or `status_label` (made when first written).
    Keyed {
        table: &'static str,
        key_col: &'static str,
        key: Value,
        col: &'static str,
    },
    /// The comment or further actions of the item's current follow-up.
    FollowUp {
        item_id: i64,
        period_id: i64,
        actions: bool,
    },
}

struct Ids<'a> {
    tx: &'a Transaction<'a>,
    text: &'a TextAt,
    plan_id: i64,
    item_id: Option<i64>,
}

impl Ids<'_> {
    fn item(&self) -> i64 {
        self.item_id.unwrap_or_default()
    }

    fn period(&self, code: &str) -> std::result::Result<i64, Failed> {
        self.tx
            .query_row(
                "SELECT id FROM period WHERE plan_id = ?1 AND code = ?2",
                params![self.plan_id, code],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                Failed::Store(StoreError::UnknownPeriod {
                    plan: self.text.plan().to_owned(),
                    code: code.to_owned(),
                })
            })
    }

    /// The id of the item's row of `table` (`indicator`, `control`) at
    /// `index`, in the order a load gives them.
    fn nth(&self, table: &str, index: usize) -> std::result::Result<i64, Failed> {
        let code = self.text.item_code().unwrap_or_default();
        if table == "control" {
            let risk: bool = self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM risk WHERE item_id = ?1)",
                [self.item()],
                |r| r.get(0),
            )?;
            if !risk {
                return Err(StoreError::NotARisk(code.to_owned()).into());
            }
        }
        self.tx
            .query_row(
                &format!(
                    "SELECT id FROM {table} WHERE item_id = ?1
                     ORDER BY position, id LIMIT 1 OFFSET ?2"
                ),
                params![self.item(), index as i64],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                let code = code.to_owned();
                Failed::Store(if table == "control" {
                    StoreError::UnknownControl { code, index }
                } else {
                    StoreError::UnknownIndicator { code, index }
                })
            })
    }

    fn place(&self) -> std::result::Result<Place, Failed> {
        let field = self.text.field();
        // The column prefix: the last part of the field's key.
        let col = field.key().rsplit('.').next().unwrap_or_default();
        let column = |table, id| Place::Column { table, id, col };
        Ok(match field {
            Field::PlanTitle | Field::PlanDescription | Field::PlanOrganisation => {
                column("plan", self.plan_id)
            }
            Field::Level(depth) => Place::Keyed {
                table: "plan_level",
                key_col: "depth",
                key: Value::Integer(*depth as i64),
                col: "name",
            },
            Field::StatusLabel(s) => Place::Keyed {
                table: "status_label",
                key_col: "status",
                key: Value::Text(s.key().to_owned()),
                col: "label",
            },
            Field::PeriodLabel(code) => Place::Column {
                table: "period",
                id: self.period(code)?,
                col: "label",
            },
            Field::Title
            | Field::LevelName
            | Field::Description
            | Field::Owner
            | Field::FollowUp => column("item", self.item()),
            Field::Comment { period } | Field::Actions { period } => {
                let period_id = self.period(period)?;
                if super::period::is_closed(self.tx, period_id)? {
                    return Err(StoreError::PeriodClosed {
                        plan: self.text.plan().to_owned(),
                        code: period.clone(),
                    }
                    .into());
                }
                Place::FollowUp {
                    item_id: self.item(),
                    period_id,
                    actions: matches!(field, Field::Actions { .. }),
                }
            }
            Field::IndicatorName(i)
            | Field::IndicatorUnit(i)
            | Field::IndicatorSource(i)
            | Field::IndicatorDescription(i) => column("indicator", self.nth("indicator", *i)?),
            Field::ControlWhat(i)
            | Field::ControlHow(i)
            | Field::ControlFrequency(i)
            | Field::ControlPerformer(i)
            | Field::ControlResponsible(i) => column("control", self.nth("control", *i)?),
        })
    }
}

fn write_text(
    tx: &Transaction<'_>,
    w: &TextWrite<'_>,
) -> std::result::Result<Option<String>, Failed> {
    let text = w.text;
    let plan_id: i64 = tx
        .query_row("SELECT id FROM plan WHERE code = ?1", [text.plan()], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| StoreError::UnknownPlan(text.plan().to_owned()))?;
    let item_id = match text.item_code() {
        None => None,
        Some(code) => Some(
            tx.query_row(
                "SELECT id FROM item WHERE plan_id = ?1 AND code = ?2",
                params![plan_id, code],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownItem {
                plan: text.plan().to_owned(),
                code: code.to_owned(),
            })?,
        ),
    };
    let ids = Ids {
        tx,
        text,
        plan_id,
        item_id,
    };
    let place = ids.place()?;
    let lang = w.lang;
    let l = lang.code();
    // The text in every language, where a title must keep one of them.
    let mut whole = None;
    let old: Option<String> = match &place {
        Place::Column { table, id, col } => {
            let t = tx.query_row(
                &format!("SELECT {} FROM {table} WHERE id = ?1", cols(col)),
                [id],
                |r| super::sql::text(r, 0),
            )?;
            let old = t.get(lang).map(str::to_owned);
            whole = Some(t);
            old
        }
        Place::Keyed {
            table,
            key_col,
            key,
            col,
        } => tx
            .query_row(
                &format!("SELECT {col}_{l} FROM {table} WHERE plan_id = ?1 AND {key_col} = ?2"),
                params![plan_id, key],
                |r| r.get(0),
            )
            .optional()?
            .flatten(),
        Place::FollowUp {
            item_id,
            period_id,
            actions,
        } => {
            let now = current_of(tx, *item_id, *period_id)?;
            let t = if *actions { now.actions } else { now.comment };
            t.get(lang).map(str::to_owned)
        }
    };
    let old = old.filter(|s| !s.is_empty());
    if let Some(expected) = w.expect {
        if old.as_deref() != expected.filter(|x| !x.is_empty()) {
            return Err(conflict(tx, w, old)?.into());
        }
    }
    let value = w.value.filter(|v| !v.is_empty());
    if old.as_deref() == value {
        return Ok(old);
    }
    if value.is_none() && text.field().required() {
        let others = whole.is_none_or(|t| {
            Lang::ALL
                .into_iter()
                .any(|o| o != lang && t.get(o).is_some())
        });
        if !others {
            return Err(StoreError::NoTitle.into());
        }
    }
    match &place {
        Place::Column { table, id, col } => {
            let bump = match *table {
                "plan" => ", version = version + 1",
                _ => "",
            };
            tx.execute(
                &format!("UPDATE {table} SET {col}_{l} = ?1{bump} WHERE id = ?2"),
                params![value, id],
            )?;
        }
        Place::Keyed {
            table,
            key_col,
            key,
            col,
        } => {
            match key {
                // Levels are read by depth into a list: no gaps above this one.
                Value::Integer(depth) => {
                    for d in 0..=*depth {
                        tx.execute(
                            "INSERT OR IGNORE INTO plan_level (plan_id, depth) VALUES (?1, ?2)",
                            params![plan_id, d],
                        )?;
                    }
                }
                _ => {
                    tx.execute(
                        &format!(
                            "INSERT OR IGNORE INTO {table} (plan_id, {key_col}) VALUES (?1, ?2)"
                        ),
                        params![plan_id, key],
                    )?;
                }
            }
            tx.execute(
                &format!("UPDATE {table} SET {col}_{l} = ?3 WHERE plan_id = ?1 AND {key_col} = ?2"),
                params![plan_id, key, value],
            )?;
        }
        Place::FollowUp {
            item_id,
            period_id,
            actions,
        } => {
            let change = FollowUpChange::begin(tx, *item_id, *period_id)?;
            let now = current_of(tx, *item_id, *period_id)?;
            let (mut comment, mut acts) = (now.comment, now.actions);
            let t = if *actions { &mut acts } else { &mut comment };
            t.set(lang, value.map(str::to_owned));
            // A comment written in the period confirms a status carried over.
            NewFollowUp {
                item_id: *item_id,
                period_id: *period_id,
                status: now.status,
                comment: &comment,
                actions: &acts,
                author: w.user,
                at: w.at,
                carried_from: None,
            }
            .append(tx)?;
            change.done(tx)?;
        }
    }
    if let Some(id) = item_id {
        tx.execute("UPDATE item SET version = version + 1 WHERE id = ?1", [id])?;
    }
    let field = text.field();
    Log {
        at: w.at,
        user: w.user,
        plan: text.plan(),
    }
    .write(
        tx,
        text.item_code(),
        field.log_period(),
        &field.log_field(),
        Some(lang),
        old.as_deref(),
        value,
    )?;
    Ok(old)
}

/// The refusal of a write whose text another strata changed meanwhile: the
/// stored text, and who changed it last and when (the latest change-log row
/// of the text in that language; empty when there is none).
fn conflict(
    tx: &Transaction<'_>,
    w: &TextWrite<'_>,
    theirs: Option<String>,
) -> rusqlite::Result<StoreError> {
    let field = w.text.field();
    let logged: Option<(String, String)> = tx
        .query_row(
            "SELECT user, at FROM change_log
             WHERE plan_code = ?1 AND item_code IS ?2 AND field = ?3 AND lang = ?4
               AND period_code IS ?5
             ORDER BY id DESC LIMIT 1",
            params![
                w.text.plan(),
                w.text.item_code(),
                field.log_field(),
                w.lang.code(),
                field.log_period()
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (by, at) = logged.unwrap_or_default();
    Ok(StoreError::Conflict { theirs, by, at })
}
