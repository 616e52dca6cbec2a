//! The two facts about the outside world a write records: who and when.
//!
//! "When" can be set, so that what depends on the date (the last 30 days,
//! the default period, a report's date) is tested: `STRATA_NOW`
//! (`YYYY-MM-DDTHH:MM:SSZ`) for a whole process, [`set_now`] for the thread
//! a test runs on.

use std::cell::Cell;
use std::time::{SystemTime, UNIX_EPOCH};

thread_local! {
    static NOW: Cell<Option<i64>> = const { Cell::new(None) };
}

/// Sets this thread's clock to `at` (`YYYY-MM-DDTHH:MM:SSZ`); `None` goes
/// back to the system clock. For tests.
pub fn set_now(at: Option<&str>) {
    NOW.with(|n| n.set(at.and_then(parse_utc)));
}

/// Seconds since the epoch: this thread's set clock, else `STRATA_NOW`, else
/// the system clock.
pub fn now_secs() -> i64 {
    if let Some(s) = NOW.with(Cell::get) {
        return s;
    }
    if let Some(s) = std::env::var("STRATA_NOW").ok().and_then(|v| parse_utc(&v)) {
        return s;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `YYYY-MM-DDTHH:MM:SSZ` (or a bare `YYYY-MM-DD`, midnight) as seconds
/// since the epoch.
pub fn parse_utc(s: &str) -> Option<i64> {
    let date = s.get(..10)?;
    if !crate::domain::rules::date_ok(date) {
        return None;
    }
    let time = match s.len() {
        10 => 0,
        _ if crate::domain::rules::timestamp_ok(s) => {
            let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().ok();
            n(11..13)? * 3600 + n(14..16)? * 60 + n(17..19)?
        }
        _ => return None,
    };
    let n = |r: std::ops::Range<usize>| date[r].parse::<i64>().ok();
    Some(days_from_civil(n(0..4)?, n(5..7)?, n(8..10)?) * 86_400 + time)
}

/// A civil date to days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The OS user who makes a change: `USER` (or `LOGNAME`), else the name of
/// the process's user id in `/etc/passwd`, else the id itself.
pub fn os_user() -> String {
    if let Some(u) = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    {
        return u;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) {
            let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
            return user_of(&passwd, uid).unwrap_or_else(|| format!("uid {uid}"));
        }
    }
    "unknown".to_owned()
}

/// The name of `uid` in a passwd file.
fn user_of(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 2 && f[2].parse() == Ok(uid)).then(|| f[0].to_owned())
    })
}

/// Now, in UTC, as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    format_utc(now_secs())
}

/// Today, in UTC, as `YYYY-MM-DD`.
pub fn today() -> String {
    now_utc()[..10].to_owned()
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_come_from_passwd() {
        let passwd = "root:x:0:0:root:/root:/bin/sh\nanna:x:1000:1000::/home/anna:/bin/sh\n";
        assert_eq!(user_of(passwd, 1000).as_deref(), Some("anna"));
        assert_eq!(user_of(passwd, 7), None);
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_795_398_245), "2026-11-23T01:44:05Z");
        for s in [0, 951_782_400, 1_795_398_245, -86_400] {
            assert_eq!(parse_utc(&format_utc(s)), Some(s));
        }
        assert_eq!(parse_utc("2026-02-30T00:00:00Z"), None);
        assert_eq!(
            parse_utc("2026-01-02"),
            Some(parse_utc("2026-01-02T00:00:00Z").unwrap())
        );
    }

    #[test]
    fn a_test_sets_its_threads_clock() {
        set_now(Some("2026-05-01T12:00:00Z"));
        assert_eq!(now_utc(), "2026-05-01T12:00:00Z");
        assert_eq!(today(), "2026-05-01");
        set_now(None);
        assert_ne!(now_utc(), "2026-05-01T12:00:00Z");
    }
}
