//! Publication dates as calendar days.
//!
//! Stages reason about time in whole days (event windows, relative-date resolution), so the model
//! offers one forgiving parser from whatever `published` holds to a [`Day`].

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// A calendar day.
pub type Day = NaiveDate;

/// Publication time in fractional days since 1970-01-01 (UTC when an offset is given): finer
/// than [`Day`] for ordering and decaying within a day. A bare date counts as its midday.
pub fn published_days(s: &str) -> Option<f64> {
    let s = s.trim();
    let secs = if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        dt.timestamp()
    } else if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        dt.timestamp()
    } else if let Some(dt) = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        dt.and_utc().timestamp()
    } else {
        parse_published(s)?
            .and_hms_opt(12, 0, 0)?
            .and_utc()
            .timestamp()
    };
    Some(secs as f64 / 86_400.0)
}

/// Parse the day out of an ISO-8601 date / date-time, RFC 3339 or RFC 2822 string.
///
/// Returns `None` rather than guessing: a wrong date moves a document into the wrong event.
pub fn parse_published(s: &str) -> Option<Day> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.date());
        }
    }
    // A bare date, possibly followed by a time we could not read.
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_common_forms() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5);
        assert_eq!(parse_published("2024-03-05"), d);
        assert_eq!(parse_published("2024-03-05T10:15:00Z"), d);
        assert_eq!(parse_published("2024-03-05T10:15:00+02:00"), d);
        assert_eq!(parse_published("2024-03-05 10:15"), d);
        assert_eq!(parse_published("Tue, 05 Mar 2024 10:15:00 +0000"), d);
    }

    #[test]
    fn fractional_days() {
        let noon = published_days("1970-01-02").unwrap_or_default();
        assert!((noon - 1.5).abs() < 1e-9);
        let t = published_days("1970-01-02T06:00:00+00:00").unwrap_or_default();
        assert!((t - 1.25).abs() < 1e-9);
        assert_eq!(published_days("soon"), None);
    }

    #[test]
    fn refuses_to_guess() {
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("2024-13-40"), None);
        assert_eq!(parse_published(""), None);
        assert_eq!(parse_published("05/03/2024"), None);
    }
}
