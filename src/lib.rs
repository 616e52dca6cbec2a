//! strata: plans, follow-ups and traffic lights in one SQLite file.

pub mod domain;
pub mod exchange;
