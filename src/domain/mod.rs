//! Pure domain types and rules: no SQL, no terminal.

pub mod change;
pub mod contact;
pub mod field;
pub mod indicator;
pub mod lang;
pub mod outline;
pub mod plan;
pub mod risk;
pub mod rows;
pub mod rules;
pub mod series;
pub mod status;
pub mod summary;
pub mod translation;

pub use contact::{Contact, ItemContact, Role};
pub use field::{Field, TextAt};
pub use indicator::{disagrees, Direction, Light, Thresholds};
pub use lang::{Lang, Shown, Text};
pub use outline::{Outline, Rollups};
pub use plan::{
    counts_under, Assessment, Closed, Control, Indicator, IndicatorValue, Item, Period, Plan, Risk,
    Rolled, Said,
};
pub use series::{Fetched, Series, Source};
pub use status::{Counts, Status};
pub use summary::{Listed, Roll, Summary};
