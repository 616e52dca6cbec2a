//! The values a source revised after their period was reported or closed,
//! for `strata diff`, `strata round` and the app's views of both.

use crate::domain::{Lang, Plan};
use crate::i18n::tf;

/// One flagged value.
#[derive(Clone, Debug, PartialEq)]
pub struct RevisedValue {
    pub code: String,
    pub indicator: String,
    pub period: String,
    pub reported: Option<f64>,
    pub source: Option<f64>,
    pub deleted: bool,
    /// When the fetch found it, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// The line a reader is shown: "2 Helhetssyn särskilt boende, 2025:
    /// 67 % → 68 % (found 2.12.2026)".
    pub text: String,
    /// The same, short, for a list line: "2, 2025: 62 % → 64 %".
    pub short: String,
}

/// The flagged values of `plan` in `periods`, in plan order.
pub fn revisions(plan: &Plan, periods: &[&str], lang: Lang) -> Vec<RevisedValue> {
    let mut out = Vec::new();
    for (_, it) in plan.walk() {
        for ind in &it.indicators {
            let unit = super::Shown::line(&ind.unit, lang).text;
            let fig = |x| super::item::figure(lang, x, &unit, ind.decimals);
            for v in &ind.values {
                let Some(r) = v.fetched.as_ref().and_then(|f| f.revised.as_ref()) else {
                    continue;
                };
                if !periods.contains(&v.period.as_str()) {
                    continue;
                }
                let name = super::Shown::line(&ind.name, lang).marked();
                let label = super::item::period_label(plan, &v.period, lang);
                let date = crate::i18n::date(lang, r.at.get(..10).unwrap_or(&r.at));
                let text = if r.deleted {
                    tf(
                        lang,
                        "revised.line_deleted",
                        &[
                            ("code", &it.code),
                            ("indicator", &name),
                            ("period", &label),
                            ("reported", &fig(r.reported)),
                            ("date", &date),
                        ],
                    )
                } else {
                    tf(
                        lang,
                        "revised.line",
                        &[
                            ("code", &it.code),
                            ("indicator", &name),
                            ("period", &label),
                            ("reported", &fig(r.reported)),
                            ("now", &fig(r.source)),
                            ("date", &date),
                        ],
                    )
                };
                let short = if r.deleted {
                    tf(
                        lang,
                        "revised.short_deleted",
                        &[
                            ("code", &it.code),
                            ("period", &label),
                            ("reported", &fig(r.reported)),
                        ],
                    )
                } else {
                    tf(
                        lang,
                        "revised.short",
                        &[
                            ("code", &it.code),
                            ("period", &label),
                            ("reported", &fig(r.reported)),
                            ("now", &fig(r.source)),
                        ],
                    )
                };
                out.push(RevisedValue {
                    short,
                    code: it.code.clone(),
                    indicator: name,
                    period: v.period.clone(),
                    reported: r.reported,
                    source: r.source,
                    deleted: r.deleted,
                    at: r.at.clone(),
                    text,
                });
            }
        }
    }
    out
}
