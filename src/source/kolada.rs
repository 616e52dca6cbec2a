//! Kolada's API, version 3: `/v3/data/kpi/{kpi}/municipality/{m}/year/{years}`
//! (`/v3/oudata/kpi/{kpi}/ou/{ou}/year/{years}` for an organisational unit),
//! paged with `next_url`, each value with `gender`, `value` (may be null),
//! `status`, `count` and `isdeleted`.

use serde::Deserialize;

use super::FetchError;
use crate::domain::series::Observation;
use crate::domain::{Series, Source};

/// The most ids or years the API takes in one request.
pub const MAX_IDS: usize = 25;
/// A guard against an answer that pages for ever.
pub const MAX_PAGES: usize = 200;
pub const BASE: &str = "https://api.kolada.se/v3";

#[derive(Deserialize)]
struct Page {
    values: Vec<Entry>,
    #[serde(default)]
    next_url: Option<String>,
}

#[derive(Deserialize)]
struct Entry {
    kpi: String,
    period: i32,
    #[serde(default)]
    municipality: Option<String>,
    #[serde(default)]
    ou: Option<String>,
    values: Vec<Value>,
}

#[derive(Deserialize)]
struct Value {
    gender: String,
    value: Option<f64>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    isdeleted: bool,
}

/// One page of an answer.
pub struct Parsed {
    pub observations: Vec<Observation>,
    pub next_url: Option<String>,
}

pub fn url(base: &str, s: &Series, years: &[i32]) -> String {
    let years: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let (kind, area) = if s.is_unit() {
        ("oudata", "ou")
    } else {
        ("data", "municipality")
    };
    format!(
        "{}/{kind}/kpi/{}/{area}/{}/year/{}",
        base.trim_end_matches('/'),
        s.id,
        s.area,
        years.join(",")
    )
}

pub fn parse(body: &str) -> Result<Parsed, FetchError> {
    let page: Page = serde_json::from_str(body).map_err(|e| FetchError::Malformed {
        source: Source::Kolada,
        detail: e.to_string(),
    })?;
    let mut observations = Vec::new();
    for entry in page.values {
        let Some(area) = entry.municipality.or(entry.ou) else {
            return Err(FetchError::Malformed {
                source: Source::Kolada,
                detail: format!("{} {}: no municipality or ou", entry.kpi, entry.period),
            });
        };
        for v in entry.values {
            if v.value.is_some_and(|x| !x.is_finite()) {
                continue;
            }
            observations.push(Observation {
                series: Series {
                    source: Source::Kolada,
                    id: entry.kpi.to_ascii_uppercase(),
                    area: area.to_ascii_uppercase(),
                    gender: v.gender.to_ascii_uppercase(),
                },
                year: entry.period,
                value: v.value,
                flags: v.status.unwrap_or_default(),
                deleted: v.isdeleted,
            });
        }
    }
    Ok(Parsed {
        observations,
        next_url: page.next_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_gives_one_observation_per_gender_and_its_next_address() {
        let body = r#"{"count":2,"values":[
            {"kpi":"N00945","period":2024,"municipality":"2417","values":[
                {"gender":"T","value":67.0,"status":"","count":1,"isdeleted":false},
                {"gender":"K","value":null,"status":"Saknas","count":0,"isdeleted":false}]}],
            "next_url":"https://api.kolada.se/v3/data/kpi/N00945/municipality/2417/year/2024?page=2"}"#;
        let p = parse(body).unwrap();
        assert_eq!(p.observations.len(), 2);
        assert_eq!(p.observations[0].series.to_string(), "kolada:N00945:2417:T");
        assert_eq!(p.observations[0].value, Some(67.0));
        assert_eq!(p.observations[1].value, None);
        assert_eq!(p.observations[1].flags, "Saknas");
        assert!(p.next_url.unwrap().ends_with("page=2"));
        assert!(matches!(
            parse("{\"values\": [1]}"),
            Err(FetchError::Malformed { .. })
        ));
    }

    #[test]
    fn the_address_names_the_unit_or_the_municipality() {
        let s = Series::parse("kolada:N00945:2417").unwrap();
        assert_eq!(
            url("https://api.kolada.se/v3/", &s, &[2024, 2025]),
            "https://api.kolada.se/v3/data/kpi/N00945/municipality/2417/year/2024,2025"
        );
        let u = Series::parse("kolada:U23471:V15E144001101").unwrap();
        assert_eq!(
            url("https://api.kolada.se/v3", &u, &[2025]),
            "https://api.kolada.se/v3/oudata/kpi/U23471/ou/V15E144001101/year/2025"
        );
    }
}
