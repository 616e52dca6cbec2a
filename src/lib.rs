//! strata: plans, follow-ups and traffic lights in one SQLite file.

pub mod app;
pub mod bench;
pub mod cli;
pub mod clock;
pub mod config;
pub mod display;
pub mod domain;
pub mod exchange;
pub mod i18n;
pub mod keymap;
pub mod messages;
pub mod present;
pub mod report;
pub mod source;
pub mod store;
pub mod terminal;
pub mod ui;
