//! Reading indicator values from the public sources: Kolada (Sweden) and
//! Sotkanet (Finland), over HTTPS or from a saved answer. Parsing the
//! answers is pure ([`kolada`], [`sotkanet`]); [`http`] is the network.

pub mod http;
pub mod kolada;
pub mod sotkanet;

use crate::domain::series::Observation;
use crate::domain::{Series, Source};

/// Why a source could not be read. Nothing is written when any is met.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No connection: the name did not resolve or nothing answered.
    Offline { source: Source, detail: String },
    /// No answer within the time allowed.
    Timeout { source: Source, seconds: u64 },
    /// The source answered with an HTTP error.
    Status {
        source: Source,
        code: u16,
        url: String,
    },
    /// The answer is not what the source's documentation describes.
    Malformed { source: Source, detail: String },
    /// A saved answer that is neither Kolada's nor Sotkanet's.
    UnknownFile { detail: String },
}

impl FetchError {
    pub fn source(&self) -> Option<Source> {
        match self {
            FetchError::Offline { source, .. }
            | FetchError::Timeout { source, .. }
            | FetchError::Status { source, .. }
            | FetchError::Malformed { source, .. } => Some(*source),
            FetchError::UnknownFile { .. } => None,
        }
    }
}

/// The years of a plan that a yearly source can fill: its periods whose
/// code is a year (`2025`), in order.
pub fn years<'a>(period_codes: impl IntoIterator<Item = &'a str>) -> Vec<i32> {
    period_codes
        .into_iter()
        .filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|c| c.parse().ok())
        .collect()
}

/// Reads the linked series for `years` from their sources, every request
/// before anything is written. Series of one source and the same id and
/// area share requests (the genders come together).
pub fn fetch(
    client: &http::Client,
    series: &[Series],
    years: &[i32],
) -> Result<Vec<Observation>, FetchError> {
    let mut observations = Vec::new();
    let mut done: Vec<(Source, &str, &str)> = Vec::new();
    for s in series {
        let key = (s.source, s.id.as_str(), s.area.as_str());
        if done.contains(&key) || years.is_empty() {
            continue;
        }
        done.push(key);
        match s.source {
            Source::Kolada => {
                // At most 25 years to a request, as the API allows.
                for chunk in years.chunks(kolada::MAX_IDS) {
                    let mut url = Some(kolada::url(&client.kolada, s, chunk));
                    let mut pages = 0;
                    while let Some(u) = url.take() {
                        pages += 1;
                        if pages > kolada::MAX_PAGES {
                            return Err(FetchError::Malformed {
                                source: Source::Kolada,
                                detail: format!("more than {} pages", kolada::MAX_PAGES),
                            });
                        }
                        let body = client.get(Source::Kolada, &u)?;
                        let page = kolada::parse(&body)?;
                        observations.extend(page.observations);
                        url = page.next_url.filter(|n| !n.is_empty());
                    }
                }
            }
            Source::Sotkanet => {
                let u = sotkanet::url(&client.sotkanet, s, years);
                let body = client.get(Source::Sotkanet, &u)?;
                observations.extend(sotkanet::parse_json(&body)?);
            }
        }
    }
    Ok(observations)
}

/// Reads a saved answer: Kolada's JSON, Sotkanet's JSON, or Sotkanet's
/// `;`-separated CSV (with or without its byte-order mark).
pub fn read_file(bytes: &[u8]) -> Result<Vec<Observation>, FetchError> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let start = text.trim_start();
    if start.starts_with('{') {
        Ok(kolada::parse(text)?.observations)
    } else if start.starts_with('[') {
        sotkanet::parse_json(text)
    } else if start.contains(';') {
        sotkanet::parse_csv(text)
    } else {
        Err(FetchError::UnknownFile {
            detail: start.chars().take(40).collect(),
        })
    }
}
