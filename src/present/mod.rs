//! What a reader is shown of the data, worked out once for every surface:
//! the detail pane, `strata show` and the reports format the same facts
//! (texts in the reader's language with their fallbacks, status words, an
//! indicator's rule and lights, a risk's score and band) each in their own
//! layout. No terminal, no SQL: the domain and the catalogs only.

pub mod diff;
pub mod item;
pub mod revised;
pub mod round;

pub use item::{item_detail, ItemDetail, Shown};
