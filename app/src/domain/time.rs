//! Times as people in the brand's market read them.

/// Unix seconds as `YYYY-MM-DD HH:MM` in China Standard Time (UTC+8, no
/// daylight saving), the brands' and distributors' own clock.
pub fn china_time(unix: i64) -> String {
    let local = unix + 8 * 3600;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// The day of unix second `unix` in China Standard Time as `yyyymmdd`, the
/// day order numbers count in.
pub fn china_day(unix: i64) -> i64 {
    let (y, m, d) = civil_from_days((unix + 8 * 3600).div_euclid(86_400));
    y * 10_000 + m * 100 + d
}

/// Day number `day` (days since 1970-01-01 in China time, as
/// `(unix + 8 h) / 1 day` counts them) as `MM-DD`, a chart's axis label.
pub fn month_day(day: i64) -> String {
    let (_, m, d) = civil_from_days(day);
    format!("{m:02}-{d:02}")
}

/// The day number (days since 1970-01-01, China time) of unix second `unix`.
pub fn china_day_number(unix: i64) -> i64 {
    (unix + 8 * 3600).div_euclid(86_400)
}

/// The unix second a day `YYYY-MM-DD` starts at in China (its midnight), for
/// date filters; `None` for anything but a real day of 1900–2100.
pub fn china_day_start(date: &str) -> Option<i64> {
    let date = crate::domain::layout::date(date.trim())?;
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Some(days_from_civil(y, m, d) * 86_400 - 8 * 3600)
}

/// A proleptic Gregorian date to days since 1970-01-01 (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_days_are_labelled_by_their_china_date() {
        assert_eq!(month_day(china_day_number(1_796_054_399)), "11-30");
        assert_eq!(month_day(china_day_number(1_796_054_400)), "12-01");
    }

    #[test]
    fn the_day_turns_at_midnight_in_china() {
        // 2026-11-30 15:59:59 UTC is 23:59:59 in Beijing; a second later it is 1 December.
        assert_eq!(china_day(1_796_054_399), 20261130);
        assert_eq!(china_day(1_796_054_400), 20261201);
    }

    #[test]
    fn a_day_starts_at_midnight_in_china() {
        assert_eq!(china_day_start("2026-12-01"), Some(1_796_054_400));
        assert_eq!(china_day(china_day_start("2024-02-29").unwrap()), 20240229);
        assert_eq!(
            china_day(china_day_start("2024-03-01").unwrap() - 1),
            20240229
        );
        assert_eq!(china_day_start("2026-02-30"), None);
        assert_eq!(china_day_start("yesterday"), None);
    }

    #[test]
    fn times_read_in_china_standard_time() {
        assert_eq!(china_time(0), "1970-01-01 08:00");
        // 2026-11-23 17:31:13 UTC
        assert_eq!(china_time(1_795_455_073), "2026-11-24 01:31");
        assert_eq!(china_time(951_782_400), "2000-02-29 08:00");
        assert_eq!(china_time(1_709_181_240), "2024-02-29 12:34");
    }
}
