//! The five reference plans, embedded in the binary.

use super::{parse, Document, InputError};

/// (file name, contents), in the order of the source documents.
pub const FILES: [(&str, &str); 5] = [
    (
        "languages-2025.json",
        include_str!("../../assets/plans/languages-2025.json"),
    ),
    (
        "strategy-2026.json",
        include_str!("../../assets/plans/strategy-2026.json"),
    ),
    (
        "internal-control-2025.json",
        include_str!("../../assets/plans/internal-control-2025.json"),
    ),
    (
        "operations-2026.json",
        include_str!("../../assets/plans/operations-2026.json"),
    ),
    (
        "integration-2022.json",
        include_str!("../../assets/plans/integration-2022.json"),
    ),
];

/// All reference plans as one document.
pub fn document() -> Result<Document, InputError> {
    let mut plans = Vec::new();
    for (name, text) in FILES {
        plans.extend(parse(name, text.as_bytes())?.plans);
    }
    Ok(Document::new(plans))
}
