//! The change log as the domain sees it: who changed what, when, old → new.

use super::lang::Lang;

/// One row of the change log: one change of one field (in one language,
/// for a text) by one user at one time.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    pub at: String,
    pub user: String,
    pub plan: String,
    pub item: Option<String>,
    pub period: Option<String>,
    pub field: String,
    pub lang: Option<Lang>,
    pub old: Option<String>,
    pub new: Option<String>,
}
