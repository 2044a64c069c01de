//! Calendar dates and local times as people enter them, checked with the IANA time zone database.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use thiserror::Error;

use super::time::Timestamp;
use super::validation::{with_value, Explain, Problem, Said};

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DateError {
    #[error("{field}: '{value}' is not a date (write it as YYYY-MM-DD)")]
    NotADate { field: &'static str, value: String },
    #[error("{field}: '{value}' is not a date and time (write it as YYYY-MM-DDTHH:MM)")]
    NotADateTime { field: &'static str, value: String },
    #[error("the end ({end}) is before the start ({start})")]
    EndBeforeStart { start: String, end: String },
    #[error(
        "unknown time zone '{0}'; use an IANA name such as Europe/Berlin or America/Mexico_City"
    )]
    UnknownTimeZone(String),
}

impl Explain for DateError {
    fn explain(&self) -> Problem {
        let english = self.to_string();
        match self {
            DateError::NotADate { field, value } => {
                with_value("problem-not-a-date", field, value, english)
            }
            DateError::NotADateTime { field, value } => {
                with_value("problem-not-a-date-time", field, value, english)
            }
            DateError::EndBeforeStart { start, end } => Problem::new(
                "problem-end-before-start",
                vec![
                    ("start", Said::Text(start.clone())),
                    ("end", Said::Text(end.clone())),
                ],
                english,
            ),
            DateError::UnknownTimeZone(zone) => Problem::new(
                "problem-time-zone",
                vec![("value", Said::Text(zone.clone()))],
                english,
            ),
        }
    }
}

fn shown(value: &str) -> String {
    value.trim().chars().take(40).collect()
}

/// Parses `YYYY-MM-DD`; blank is `None`.
pub fn optional_date(field: &'static str, input: &str) -> Result<Option<Date>, DateError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    input
        .parse::<Date>()
        .map(Some)
        .map_err(|_| DateError::NotADate {
            field,
            value: shown(input),
        })
}

/// Checks that an optional end is not before an optional start.
pub fn ordered(start: Option<Date>, end: Option<Date>) -> Result<(), DateError> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => Err(DateError::EndBeforeStart {
            start: start.to_string(),
            end: end.to_string(),
        }),
        _ => Ok(()),
    }
}

/// An IANA time zone name that the bundled database knows.
/// The IANA names of the time zones the bundled database knows, sorted (for a list staff choose
/// from: `Europe/Berlin`, `America/Mexico_City`, …), without the legacy aliases.
pub fn time_zone_names() -> &'static [String] {
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|name| name.to_string())
            .filter(|name| {
                name.contains('/') && !name.starts_with("Etc/") && !name.starts_with("SystemV/")
            })
            .collect();
        names.sort();
        names
    });
    &NAMES
}

pub fn time_zone(input: &str) -> Result<(String, TimeZone), DateError> {
    let name = input.trim();
    TimeZone::get(name)
        .map(|tz| (name.to_owned(), tz))
        .map_err(|_| DateError::UnknownTimeZone(shown(name)))
}

/// A local wall-clock time (`YYYY-MM-DDTHH:MM`, as `<input type=datetime-local>` sends it) in
/// `tz`, with the instant it denotes.
pub fn local_time(
    field: &'static str,
    input: &str,
    tz: &TimeZone,
) -> Result<(DateTime, Timestamp), DateError> {
    let input = input.trim();
    let err = || DateError::NotADateTime {
        field,
        value: shown(input),
    };
    let local: DateTime = input.parse().map_err(|_| err())?;
    let zoned = local.to_zoned(tz.clone()).map_err(|_| err())?;
    let micros = zoned.timestamp().as_microsecond();
    Ok((local, Timestamp::from_unix_micros(micros)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_choose_time_zones_by_their_iana_names() {
        let names = time_zone_names();
        assert!(names.len() > 300, "{}", names.len());
        assert!(
            names.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted, once each"
        );
        for zone in ["Europe/Berlin", "America/Mexico_City", "Asia/Tokyo"] {
            assert!(names.iter().any(|n| n == zone), "{zone}");
            assert!(time_zone(zone).is_ok(), "{zone} is accepted as typed");
        }
        assert!(!names.iter().any(|n| n.starts_with("Etc/")));
    }

    #[test]
    fn dates_and_order() {
        let start = optional_date("Start", "2026-05-01").expect("valid");
        let end = optional_date("End", "2026-04-30").expect("valid");
        assert_eq!(optional_date("Start", " "), Ok(None));
        assert!(matches!(
            optional_date("Start", "01/05/2026"),
            Err(DateError::NotADate { .. })
        ));
        assert!(matches!(
            optional_date("Start", "2026-02-30"),
            Err(DateError::NotADate { .. })
        ));
        assert!(matches!(
            ordered(start, end),
            Err(DateError::EndBeforeStart { .. })
        ));
        assert!(ordered(end, start).is_ok());
        assert!(ordered(None, end).is_ok());
    }

    #[test]
    fn zones_and_local_times() {
        let (name, tz) = time_zone("America/Mexico_City").expect("known");
        assert_eq!(name, "America/Mexico_City");
        assert!(matches!(
            time_zone("Mars/Olympus"),
            Err(DateError::UnknownTimeZone(_))
        ));
        let (berlin_name, berlin) = time_zone("Europe/Berlin").expect("known");
        assert_eq!(berlin_name, "Europe/Berlin");
        let (_, at) = local_time("Start", "2026-06-20T20:30", &berlin).expect("valid");
        // 20:30 CEST (UTC+2) is 18:30 UTC.
        assert_eq!(at.to_utc_string(), "2026-06-20 18:30:00 UTC");
        assert!(local_time("Start", "tomorrow", &tz).is_err());
    }
}
