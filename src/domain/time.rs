//! Instants as Unix microseconds: sorts the same in SQLite and PostgreSQL and needs no time zone.

use std::time::Duration;

/// An instant in UTC, microseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_unix_micros(micros: i64) -> Self {
        Self(micros)
    }

    pub const fn unix_micros(self) -> i64 {
        self.0
    }

    /// Whole seconds since the Unix epoch (rounded down), as Stripe and RFC 6238 count time.
    pub const fn unix_seconds(self) -> i64 {
        self.0.div_euclid(1_000_000)
    }

    /// This instant moved forward by `duration` (saturating, never wrapping).
    pub fn plus(self, duration: Duration) -> Self {
        let micros = i64::try_from(duration.as_micros()).unwrap_or(i64::MAX);
        Self(self.0.saturating_add(micros))
    }

    /// This instant moved back by `duration` (saturating).
    pub fn minus(self, duration: Duration) -> Self {
        let micros = i64::try_from(duration.as_micros()).unwrap_or(i64::MAX);
        Self(self.0.saturating_sub(micros))
    }

    /// The day this instant falls on in UTC (a gift's day picks its exchange rate).
    pub fn utc_date(self) -> jiff::civil::Date {
        jiff::Timestamp::from_microsecond(self.0)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
    }

    /// The first instant of `date` in UTC (a gift received on a day, without a time).
    pub fn start_of_utc_date(date: jiff::civil::Date) -> Self {
        let micros = date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_or(0, |zoned| zoned.timestamp().as_microsecond());
        Self(micros)
    }

    /// `YYYY-MM-DD HH:MM:SS UTC`, for staff screens and logs.
    pub fn to_utc_string(self) -> String {
        let format =
            time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1000)
            .ok()
            .and_then(|t| t.format(&format).ok())
            .unwrap_or_else(|| format!("@{}µs", self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_starts_at_midnight_utc_and_is_its_own_day() {
        let day = jiff::civil::date(2024, 10, 4);
        let start = Timestamp::start_of_utc_date(day);
        assert_eq!(start.unix_micros(), 1_728_000_000_000_000);
        assert_eq!(start.utc_date(), day);
        assert_eq!(
            start.minus(Duration::from_micros(1)).utc_date(),
            day.yesterday().expect("a day")
        );
    }

    #[test]
    fn formats_as_utc() {
        let t = Timestamp::from_unix_micros(1_764_000_000_000_000);
        assert_eq!(t.to_utc_string(), "2025-11-24 16:00:00 UTC");
        assert_eq!(t.utc_date().to_string(), "2025-11-24");
    }

    #[test]
    fn arithmetic_saturates() {
        let t = Timestamp::from_unix_micros(i64::MAX - 1);
        assert_eq!(t.plus(Duration::from_secs(10)).unix_micros(), i64::MAX);
        assert_eq!(
            Timestamp::from_unix_micros(5)
                .minus(Duration::from_micros(2))
                .unix_micros(),
            3
        );
    }
}
