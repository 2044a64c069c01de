//! The one place that reads the wall clock; everything below it takes `now` as an argument
//! so that expiry rules can be tested without waiting.

use crate::domain::time::Timestamp;

/// Current time as a [`Timestamp`].
#[allow(clippy::disallowed_methods)] // the one sanctioned clock read
pub fn now() -> Timestamp {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp::from_unix_micros(i64::try_from(since_epoch.as_micros()).unwrap_or(i64::MAX))
}
