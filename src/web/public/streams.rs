//! What the public event streams (a campaign's live counter, the venue screen) share, so that
//! they survive a venue's network: a heartbeat the page's script sees every few seconds (a
//! silent connection is then a stalled one, and the script replaces it), a one-second `retry`,
//! and event ids that let a client coming back skip what it already shows — an event is sent
//! only when what it says changed.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Duration;

use axum::http::HeaderMap;
use axum::response::sse::Event;
use serde::Deserialize;

/// A stream with nothing to say sends a heartbeat this often; the script gives up on a
/// connection after ten silent seconds.
pub const PING_EVERY: Duration = Duration::from_secs(4);
/// How long a browser waits before reconnecting by itself.
const RETRY: Duration = Duration::from_secs(1);

/// The heartbeat: with a data line, or browsers would not deliver it to the script.
pub fn ping() -> Event {
    Event::default().event("ping").data("1")
}

/// The id of an event that says `data`: the same data, the same id, in every process.
pub fn event_id(data: &str) -> String {
    let mut hasher = DefaultHasher::new();
    data.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// An event named `name` saying `data`, with its id.
pub fn event(name: &'static str, id: &str, data: &str) -> Event {
    Event::default().event(name).id(id).retry(RETRY).data(data)
}

#[derive(Deserialize, Default)]
struct LastQuery {
    last: Option<String>,
}

/// The id of the last event the client has: `Last-Event-ID`, which a browser sends when it
/// reconnects by itself, or `?last=`, which the page's script sends when it reconnects.
pub fn last_event_id(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    let from_header = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    from_header.or_else(|| {
        serde_urlencoded::from_str::<LastQuery>(query.unwrap_or_default())
            .unwrap_or_default()
            .last
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_data_and_the_client_says_which_it_has() {
        assert_eq!(event_id(r#"{"pledges":3}"#), event_id(r#"{"pledges":3}"#));
        assert_ne!(event_id(r#"{"pledges":3}"#), event_id(r#"{"pledges":4}"#));
        let mut headers = HeaderMap::new();
        assert_eq!(
            last_event_id(&headers, Some("last=abc&x=1")),
            Some("abc".into())
        );
        assert_eq!(last_event_id(&headers, None), None);
        headers.insert("last-event-id", "def".parse().expect("value"));
        assert_eq!(
            last_event_id(&headers, Some("last=abc")),
            Some("def".into())
        );
    }
}
