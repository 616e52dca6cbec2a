fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[args.len() - 1];
    let bytes = std::fs::read(path).unwrap();
    match strata::exchange::parse(path, &bytes) {
        Ok(doc) => {
            for p in &doc.plans {
                let all = p.walk();
                let ind: usize = all.iter().map(|(_, i)| i.indicators.len()).sum();
                let risks = all.iter().filter(|(_, i)| i.risk.is_some()).count();
                let ass: usize = all.iter().map(|(_, i)| i.assessments.len()).sum();
                let depth = all.iter().map(|(d, _)| d + 1).max().unwrap_or(0);
                println!("OK {}: {} items (depth {}), {} indicators, {} risks, {} assessments, {} periods",
                    p.code, all.len(), depth, ind, risks, ass, p.periods.len());
                for (d, it) in all {
                    for l in strata::domain::Lang::ALL {
                        if it.title.get(l).is_none() { println!("  missing {l} title: {}", it.code); }
                    }
                    let _ = d;
                }
            }
        }
        Err(e) => { eprintln!("ERROR {e:?}"); std::process::exit(1); }
    }
}
