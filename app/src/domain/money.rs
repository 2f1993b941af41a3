//! Money is integer minor units (fen) end to end; only display formats it.

/// Formats minor units as yuan with two decimals: `1250` → `¥12.50`.
pub fn format_cny(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}¥{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_two_decimals() {
        assert_eq!(format_cny(0), "¥0.00");
        assert_eq!(format_cny(5), "¥0.05");
        assert_eq!(format_cny(1250), "¥12.50");
        assert_eq!(format_cny(123456), "¥1234.56");
        assert_eq!(format_cny(-199), "-¥1.99");
    }
}
