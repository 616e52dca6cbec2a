//! `strata text PLAN[:CODE] FIELD [TEXT]`: any text of a plan in the display
//! language, read or written through the store's one text write, with the
//! same rules and change-log row as an edit in the app.

use super::{CliError, Ctx};
use crate::domain::{Field, Lang, TextAt};
use crate::i18n::tf;
use crate::store::{StoreError, TextWrite};

pub fn run(
    ctx: &Ctx,
    address: &str,
    field: &str,
    value: Option<String>,
    clear: bool,
    period: Option<&str>,
) -> Result<(), CliError> {
    let (plan, item) = match address.split_once(':') {
        Some((p, c)) if !p.is_empty() && !c.is_empty() => (p, Some(c)),
        None if !address.is_empty() => (address, None),
        _ => return Err(CliError::BadAddress(address.to_owned())),
    };
    let lang = ctx.lang();
    let mut store = ctx.open()?;
    // A comment or further actions belong to a period: the one asked for,
    // else the plan's default.
    let period = match period {
        Some(p) => Some(p.to_owned()),
        None => store.default_period(plan, &crate::clock::today())?,
    };
    let name = Field::parse(field, item.is_some(), period.as_deref())
        .ok_or_else(|| CliError::BadField(field.to_owned()))?;
    let at = TextAt::new(plan, item, name).ok_or_else(|| CliError::BadField(field.to_owned()))?;
    let words = format!(
        "{} · {}",
        at.address(),
        crate::messages::field_label(lang, at.field())
    );
    if value.is_none() && !clear {
        // Read: the text in every language, as stored.
        let loaded = store.load_plan(plan)?;
        if let Some(code) = item {
            if loaded.find(code).is_none() {
                return Err(StoreError::UnknownItem {
                    plan: plan.to_owned(),
                    code: code.to_owned(),
                }
                .into());
            }
        }
        let text = match (at.read(&loaded), at.field()) {
            (Some(t), _) => t.clone(),
            // Not written yet: empty in every language.
            (None, Field::Comment { .. } | Field::Actions { .. } | Field::Level(_))
            | (None, Field::StatusLabel(_))
                if !matches!(no_such_text(&loaded, &at), StoreError::UnknownPeriod { .. }) =>
            {
                Default::default()
            }
            (None, _) => return Err(no_such_text(&loaded, &at).into()),
        };
        println!("{words}");
        for l in Lang::ALL {
            let v = text.get(l).map_or_else(
                || "–".to_owned(),
                |s| crate::display::sanitize(s, true).into_owned(),
            );
            println!("  {}  {v}", l.code());
        }
        return Ok(());
    }
    if ctx.mode == crate::store::Mode::ReadWrite {
        store.require_sound()?;
    }
    let user = crate::clock::os_user();
    let now = crate::clock::now_utc();
    let value = value.filter(|_| !clear);
    if let Some(v) = &value {
        crate::domain::rules::text_fits(v)
            .map_err(|e| CliError::Option("TEXT", StoreError::from(e)))?;
    }
    let old = store.set_text(&TextWrite::new(&at, lang, value.as_deref(), &user, &now))?;
    let new = value.as_deref().filter(|v| !v.is_empty());
    let key = match (old.as_deref() == new, new) {
        (true, _) => "text.unchanged",
        (false, None) => "text.cleared",
        (false, Some(_)) => "text.saved",
    };
    println!(
        "{}",
        tf(lang, key, &[("what", &words), ("lang", &lang.code())])
    );
    Ok(())
}

/// Why a plan has no text at an address: no such indicator, control moment
/// or period (a follow-up not yet written, or a level not yet named, is an
/// empty text, not an error).
fn no_such_text(plan: &crate::domain::Plan, at: &TextAt) -> StoreError {
    let code = at.item_code().unwrap_or_default().to_owned();
    let item = plan.find(&code).map(|(it, _)| it);
    match at.field() {
        Field::PeriodLabel(p) | Field::Comment { period: p } | Field::Actions { period: p }
            if plan.period(p).is_none() =>
        {
            StoreError::UnknownPeriod {
                plan: plan.code.clone(),
                code: p.clone(),
            }
        }
        Field::ControlWhat(_)
        | Field::ControlHow(_)
        | Field::ControlFrequency(_)
        | Field::ControlPerformer(_)
        | Field::ControlResponsible(_)
            if item.is_some_and(|it| it.risk.is_none()) =>
        {
            StoreError::NotARisk(code)
        }
        f if f.key().starts_with("control.") => StoreError::UnknownControl {
            code,
            index: f.number().unwrap_or(1) - 1,
        },
        f => StoreError::UnknownIndicator {
            code,
            index: f.number().unwrap_or(1) - 1,
        },
    }
}
