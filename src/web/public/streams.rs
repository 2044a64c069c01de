//! What the public event streams (a campaign's live counter, the venue screen) share, so that
//! they survive a venue's network: a heartbeat the page's script sees every few seconds (a
//! silent connection is then a stalled one, and the script replaces it), a one-second `retry`,
//! and event ids that let a client coming back skip what it already shows — an event is sent
//! only when what it says changed.

use std::convert::Infallible;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Duration;

use axum::http::HeaderMap;
use axum::response::sse::{Event, Sse};
use futures_util::Stream;
use serde::Deserialize;

/// A stream with nothing to say sends a heartbeat this often; the script gives up on a
/// connection after ten silent seconds.
const PING_EVERY: Duration = Duration::from_secs(4);
/// How long a browser waits before reconnecting by itself.
const RETRY: Duration = Duration::from_secs(1);

/// The heartbeat: with a data line, or browsers would not deliver it to the script.
fn ping() -> Event {
    Event::default().event("ping").data("1")
}

/// The id of an event that says `data`: the same data, the same id, in every process.
fn event_id(data: &str) -> String {
    let mut hasher = DefaultHasher::new();
    data.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// What one client of a stream shows, and when it is owed a heartbeat.
pub struct Shown {
    /// The id of what it shows (from its last connection, then what was sent).
    id: Option<String>,
    ping_at: tokio::time::Instant,
}

impl Shown {
    /// A client that came with the id of what it shows (see [`last_event_id`]).
    pub fn new(id: Option<String>) -> Self {
        Self {
            id,
            ping_at: tokio::time::Instant::now() + PING_EVERY,
        }
    }

    /// When the client is owed a heartbeat if nothing changes before.
    pub fn ping_at(&self) -> tokio::time::Instant {
        self.ping_at
    }

    /// What to send after the stream woke: an event `name` saying `data` when that differs
    /// from what the client shows, a heartbeat when the stream woke with nothing (`None`), and
    /// nothing when the data is what the client already shows.
    pub fn answer(&mut self, name: &'static str, data: Option<&str>) -> Option<Event> {
        self.ping_at = tokio::time::Instant::now() + PING_EVERY;
        let Some(data) = data else {
            return Some(ping());
        };
        let id = event_id(data);
        if self.id.as_deref() == Some(id.as_str()) {
            return None;
        }
        let event = Event::default().event(name).id(&id).retry(RETRY).data(data);
        self.id = Some(id);
        Some(event)
    }
}

/// One client's stream: what it says next.
pub trait EventSource: Send + 'static {
    /// The next event to send; None when the stream ends (at shutdown).
    fn next(&mut self) -> impl Future<Output = Option<Event>> + Send;
}

/// The response that sends `source`'s events until it ends.
pub fn sse<S: EventSource>(source: S) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    Sse::new(futures_util::stream::unfold(
        source,
        |mut source| async move {
            let event = source.next().await?;
            Some((Ok(event), source))
        },
    ))
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

    #[tokio::test]
    async fn only_what_changed_is_sent_and_silence_is_a_heartbeat() {
        let data = r#"{"pledges":3}"#;
        let mut resumed = Shown::new(Some(event_id(data)));
        assert!(
            resumed.answer("counts", Some(data)).is_none(),
            "already shown"
        );
        assert!(resumed.answer("counts", None).is_some(), "a heartbeat");
        let mut fresh = Shown::new(None);
        assert!(fresh.answer("counts", Some(data)).is_some());
        assert!(fresh.answer("counts", Some(data)).is_none(), "unchanged");
        assert!(fresh.answer("counts", Some(r#"{"pledges":4}"#)).is_some());
    }

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
