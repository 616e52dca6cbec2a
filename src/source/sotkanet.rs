//! Sotkanet's API, version 1.1: `/rest/1.1/json?indicator=…&years=…&genders=…`
//! (each year its own `years=`), an array of `{indicator, region, year,
//! gender, value}`; and the `;`-separated CSV its download writes, with a
//! byte-order mark.

use serde::Deserialize;

use super::FetchError;
use crate::domain::series::Observation;
use crate::domain::{Series, Source};

pub const BASE: &str = "https://sotkanet.fi/rest/1.1";

#[derive(Deserialize)]
struct Row {
    indicator: i64,
    region: i64,
    year: i32,
    gender: String,
    #[serde(default)]
    value: Option<f64>,
}

pub fn url(base: &str, s: &Series, years: &[i32]) -> String {
    let mut u = format!("{}/json?indicator={}", base.trim_end_matches('/'), s.id);
    for y in years {
        u.push_str(&format!("&years={y}"));
    }
    for g in Source::Sotkanet.genders() {
        u.push_str(&format!("&genders={g}"));
    }
    u
}

fn observation(
    indicator: &str,
    region: &str,
    year: i32,
    gender: &str,
    value: Option<f64>,
) -> Observation {
    Observation {
        series: Series {
            source: Source::Sotkanet,
            id: indicator.to_owned(),
            area: region.to_owned(),
            gender: gender.to_ascii_lowercase(),
        },
        year,
        value: value.filter(|v| v.is_finite()),
        flags: String::new(),
        deleted: false,
    }
}

pub fn parse_json(body: &str) -> Result<Vec<Observation>, FetchError> {
    let rows: Vec<Row> = serde_json::from_str(body).map_err(|e| FetchError::Malformed {
        source: Source::Sotkanet,
        detail: e.to_string(),
    })?;
    Ok(rows
        .into_iter()
        .map(|r| {
            observation(
                &r.indicator.to_string(),
                &r.region.to_string(),
                r.year,
                &r.gender,
                r.value,
            )
        })
        .collect())
}

/// The CSV of a Sotkanet download: `;` between fields, perhaps a byte-order
/// mark, headers as the API writes them
/// (`indicator;region;year;gender;primary value;absolute value`) or in
/// Finnish (`indikaattori;alue;vuosi;sukupuoli;arvo`), decimals with `.` or
/// `,`.
pub fn parse_csv(body: &str) -> Result<Vec<Observation>, FetchError> {
    let body = body.trim_start_matches('\u{feff}');
    let bad = |detail: String| FetchError::Malformed {
        source: Source::Sotkanet,
        detail,
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| bad(e.to_string()))?
        .iter()
        .map(|h| h.trim().trim_matches('"').to_lowercase())
        .collect();
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&h.as_str()))
            .ok_or_else(|| bad(format!("no column {}", names[0])))
    };
    let (ci, cr, cy, cg, cv) = (
        col(&["indicator", "indikaattori", "indikator"])?,
        col(&["region", "alue", "område"])?,
        col(&["year", "vuosi", "år"])?,
        col(&["gender", "sukupuoli", "kön"])?,
        col(&["primary value", "value", "arvo", "värde"])?,
    );
    let mut out = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        let line = n + 2;
        let f = |i: usize| rec.get(i).unwrap_or("").trim();
        let year: i32 = f(cy)
            .parse()
            .map_err(|_| bad(format!("line {line}: year `{}`", f(cy))))?;
        let value = match f(cv) {
            "" | "-" | ".." => None,
            v => Some(
                v.replace(',', ".")
                    .replace(['\u{a0}', ' '], "")
                    .parse::<f64>()
                    .map_err(|_| bad(format!("line {line}: value `{v}`")))?,
            ),
        };
        out.push(observation(f(ci), f(cr), year, f(cg), value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_csv_give_the_same_observations() {
        let json = r#"[{"indicator":127,"region":52,"year":2023,"gender":"total","value":9646},
                       {"indicator":127,"region":52,"year":2024,"gender":"total","value":null}]"#;
        let a = parse_json(json).unwrap();
        assert_eq!(a[0].series.to_string(), "sotkanet:127:52:total");
        assert_eq!(a[0].value, Some(9646.0));
        assert_eq!(a[1].value, None);
        let csv = "\u{feff}indicator;region;year;gender;primary value;absolute value\n127;52;2023;total;9646;9646\n127;52;2024;total;;\n";
        assert_eq!(parse_csv(csv).unwrap(), a);
        let fi = "\u{feff}Indikaattori;Alue;Vuosi;Sukupuoli;Arvo\n127;52;2023;total;12,5\n";
        assert_eq!(parse_csv(fi).unwrap()[0].value, Some(12.5));
        assert!(parse_csv("a;b\n1;2\n").is_err());
    }

    #[test]
    fn each_year_and_gender_is_its_own_parameter() {
        let s = Series::parse("sotkanet:127:52").unwrap();
        assert_eq!(
            url("https://sotkanet.fi/rest/1.1", &s, &[2023, 2024]),
            "https://sotkanet.fi/rest/1.1/json?indicator=127&years=2023&years=2024&genders=total&genders=female&genders=male"
        );
    }
}
