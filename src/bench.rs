//! A reproducible large plan for benchmarks: 10 areas × 10 goals × 100
//! measures (10,000 measures), ten yearly periods, and ten assessment rows per
//! measure (100,000 rows of history), with texts in all three languages.

use crate::domain::{
    Assessment, Direction, Indicator, IndicatorValue, Item, Period, Plan, Status, Text,
};

/// A small deterministic generator (xorshift), so the plan is the same on
/// every machine without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: [(&str, &str, &str); 8] = [
    ("palvelut", "tjänster", "services"),
    ("hyvinvointi", "välfärd", "wellbeing"),
    ("asukkaat", "invånare", "residents"),
    ("henkilöstö", "personal", "staff"),
    ("digitalisaatio", "digitalisering", "digitalisation"),
    ("saavutettavuus", "tillgänglighet", "accessibility"),
    ("yhteistyö", "samarbete", "cooperation"),
    ("turvallisuus", "trygghet", "safety"),
];

fn text(rng: &mut Rng, prefix: (&str, &str, &str), n: usize) -> Text {
    let w = WORDS[rng.below(WORDS.len() as u64) as usize];
    let v = WORDS[rng.below(WORDS.len() as u64) as usize];
    Text::new(
        Some(&format!("{} {n}: {} ja {}", prefix.0, w.0, v.0)),
        Some(&format!("{} {n}: {} och {}", prefix.1, w.1, v.1)),
        Some(&format!("{} {n}: {} and {}", prefix.2, w.2, v.2)),
    )
}

/// The plan `large`, the same every time: 10,000 measures.
pub fn large_plan() -> Plan {
    large_plan_of(10_000)
}

/// The plan `large` with about `measures` measures (10 areas × 10 goals ×
/// `measures / 100`, at least one each), the same every time for a size;
/// 10,000 gives exactly [`large_plan`].
pub fn large_plan_of(measures: usize) -> Plan {
    let per_goal = measures.div_ceil(100).max(1);
    let mut rng = Rng(0x5eed_5747_a7a0_0001);
    let periods: Vec<Period> = (2016..2026)
        .map(|y| Period {
            code: y.to_string(),
            label: Text::same(&y.to_string()),
            start: Some(format!("{y}-01-01")),
            end: Some(format!("{y}-12-31")),
            ..Period::default()
        })
        .collect();
    let statuses = [
        Status::OnTrack,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Done,
    ];
    let mut items = Vec::new();
    for a in 1..=10 {
        let mut goals = Vec::new();
        for g in 1..=10 {
            let mut measures = Vec::new();
            for m in 1..=per_goal {
                let assessments = periods
                    .iter()
                    .map(|p| Assessment {
                        period: p.code.clone(),
                        status: statuses[rng.below(5) as usize],
                        comment: text(&mut rng, ("Kommentti", "Kommentar", "Comment"), m),
                        actions: Text::default(),
                        by: "bench".into(),
                        at: format!("{}-12-31T12:00:00Z", p.code),
                        carried_from: None,
                    })
                    .collect();
                measures.push(Item {
                    code: format!("{a}.{g}.{m}"),
                    title: text(&mut rng, ("Toimenpide", "Åtgärd", "Measure"), m),
                    owner: Text::same("Programme office"),
                    assessments,
                    ..Item::default()
                });
            }
            let indicators = vec![Indicator {
                decimals: None,
                name: text(&mut rng, ("Mittari", "Indikator", "Indicator"), g),
                description: Text::default(),
                unit: Text::same("%"),
                source: Text::same("Kolada"),
                direction: Direction::Higher,
                green: 80.0,
                yellow: 60.0,
                series: None,
                values: periods
                    .iter()
                    .map(|p| IndicatorValue {
                        period: p.code.clone(),
                        value: Some(40.0 + rng.below(600) as f64 / 10.0),
                        note: Text::default(),
                        fetched: None,
                    })
                    .collect(),
            }];
            goals.push(Item {
                code: format!("{a}.{g}"),
                title: text(&mut rng, ("Tavoite", "Mål", "Goal"), g),
                indicators,
                children: measures,
                ..Item::default()
            });
        }
        items.push(Item {
            code: a.to_string(),
            title: text(&mut rng, ("Alue", "Område", "Area"), a),
            children: goals,
            ..Item::default()
        });
    }
    Plan {
        code: "large".into(),
        title: Text::new(
            Some("Suuri suunnitelma"),
            Some("Stor plan"),
            Some("Large plan"),
        ),
        levels: vec![
            Text::new(Some("Alue"), Some("Område"), Some("Area")),
            Text::new(Some("Tavoite"), Some("Mål"), Some("Goal")),
            Text::new(Some("Toimenpide"), Some("Åtgärd"), Some("Measure")),
        ],
        periods,
        items,
        ..Plan::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_is_kept_and_the_same_size_is_the_same_plan() {
        let count = |p: &Plan| p.walk().iter().filter(|(d, _)| *d == 2).count();
        assert_eq!(count(&large_plan_of(2_000)), 2_000);
        assert_eq!(count(&large_plan_of(150)), 200, "at least two per goal");
        assert_eq!(large_plan_of(2_000), large_plan_of(2_000));
        assert_eq!(large_plan_of(10_000), large_plan());
    }

    #[test]
    fn large_plan_has_the_promised_size_and_is_valid() {
        let p = large_plan();
        let all = p.walk();
        let measures = all.iter().filter(|(d, _)| *d == 2).count();
        let rows: usize = all.iter().map(|(_, i)| i.assessments.len()).sum();
        assert_eq!(measures, 10_000);
        assert_eq!(rows, 100_000);
        let doc = crate::exchange::Document::new(vec![p]);
        let json = doc.to_json();
        crate::exchange::parse("large.json", json.as_bytes()).unwrap();
        assert_eq!(large_plan(), doc.plans[0], "reproducible");
    }
}
