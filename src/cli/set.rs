//! `strata set PLAN:CODE --status S [--comment TEXT] [--period P]`.

use super::{parse_address, CliError, Ctx};
use crate::i18n::tf;
use crate::store::{SetAssessment, StoreError};

pub fn run(
    ctx: &Ctx,
    address: &str,
    status: Option<String>,
    comment: Option<String>,
    period: Option<String>,
    keep: bool,
) -> Result<(), CliError> {
    let (plan, item) = parse_address(address)?;
    let status = match status {
        Some(s) => Some(crate::messages::parse_status(&s).ok_or(CliError::BadStatus(s))?),
        None => None,
    };
    if status.is_none() && comment.is_none() && !keep {
        return Err(CliError::NothingToSet);
    }
    let lang = ctx.lang();
    if let Some(c) = &comment {
        crate::domain::rules::text_fits(c)
            .map_err(|e| CliError::Option("--comment", StoreError::from(e)))?;
    }
    let comment_given = comment.is_some();
    let mut store = ctx.open_for_write()?;
    let user = crate::clock::os_user();
    let at = crate::clock::now_utc();
    let outcome = store.set_assessment(&SetAssessment {
        plan,
        item,
        period: period.as_deref(),
        status,
        comment: comment.map(|c| (lang, c)),
        expect_comment: None,
        user: &user,
        at: &at,
    })?;
    let out = ctx.out;
    let key = if outcome.unchanged {
        "set.unchanged"
    } else if outcome.confirmed && outcome.old_status == outcome.new_status && comment_given {
        "set.comment_saved"
    } else if outcome.confirmed && outcome.old_status == outcome.new_status {
        "set.confirmed"
    } else if outcome.old_status == outcome.new_status {
        "set.comment_saved"
    } else {
        "set.done"
    };
    println!(
        "{}",
        tf(
            lang,
            key,
            &[
                ("address", &format!("{plan}:{item}")),
                ("period", &outcome.period),
                ("old", &out.status(outcome.old_status)),
                ("new", &out.status(outcome.new_status)),
            ]
        )
    );
    Ok(())
}
