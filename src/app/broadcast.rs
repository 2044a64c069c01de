//! What one process changes, heard by the others sharing its PostgreSQL database: counts,
//! money and venue screens move everywhere within a moment, whichever process a balancer sent
//! the change to. PostgreSQL's LISTEN/NOTIFY carries short signals ("campaign 7's counts
//! moved"); each process re-reads what it shows from the database, so a signal never carries a
//! figure that could be stale. A lost listening connection is followed by a catch-up read of
//! everything followed here, and the live streams' periodic re-reads stay as the safety net.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::tallies::{Signal, Tallies};
use crate::auth::token;
use crate::domain::ids::{CampaignId, OrgId};
use crate::store::{Heard, Store, MAX_PAYLOAD};

/// How long a listener that could not connect waits before trying again.
const RETRY: Duration = Duration::from_secs(1);

/// Starts telling and hearing, on PostgreSQL; on SQLite (one process) does nothing.
pub fn spawn(store: Store, tallies: Arc<Tallies>, shutdown: CancellationToken) {
    if store.backend_name() != "postgres" {
        return;
    }
    // Each process knows its own signals apart from the others' by this name.
    let origin: Arc<str> = Arc::from(&token::random_token()[..12]);
    let outbox = tallies.open_outbox();
    tokio::spawn(tell(
        store.clone(),
        origin.clone(),
        outbox,
        shutdown.clone(),
    ));
    tokio::spawn(hear(store, tallies, origin, shutdown));
}

/// Sends this process's signals, the ones that queue up while a notification is on its way
/// gathered into the next (a burst of confirmations on one campaign is one signal).
async fn tell(
    store: Store,
    origin: Arc<str>,
    mut outbox: mpsc::UnboundedReceiver<Signal>,
    shutdown: CancellationToken,
) {
    loop {
        let first = tokio::select! {
            signal = outbox.recv() => signal,
            () = shutdown.cancelled() => None,
        };
        let Some(first) = first else { return };
        let mut batch = HashSet::from([first]);
        while let Ok(more) = outbox.try_recv() {
            batch.insert(more);
        }
        for payload in payloads(&origin, batch) {
            if let Err(err) = store.notify(&payload).await {
                tracing::warn!(%err, "could not tell the other processes of a change");
            }
        }
    }
}

/// `"{origin} c:{org}:{campaign} m s"`, split to fit PostgreSQL's payload limit.
fn payloads(origin: &str, signals: impl IntoIterator<Item = Signal>) -> Vec<String> {
    let mut payloads = Vec::new();
    let mut current = origin.to_owned();
    for signal in signals {
        let word = match signal {
            Signal::Counts { org, campaign } => format!("c:{}:{}", org.0, campaign.0),
            Signal::Money => "m".to_owned(),
            Signal::Screens => "s".to_owned(),
        };
        if current.len() + 1 + word.len() > MAX_PAYLOAD {
            payloads.push(std::mem::replace(&mut current, origin.to_owned()));
        }
        current.push(' ');
        current.push_str(&word);
    }
    if current.len() > origin.len() {
        payloads.push(current);
    }
    payloads
}

/// The signals of another process's payload (none of this process's own).
fn read_payload(payload: &str, own: &str) -> Vec<Signal> {
    let mut words = payload.split(' ');
    if words.next() == Some(own) {
        return Vec::new();
    }
    words
        .filter_map(|word| match word {
            "m" => Some(Signal::Money),
            "s" => Some(Signal::Screens),
            _ => {
                let (org, campaign) = word.strip_prefix("c:")?.split_once(':')?;
                Some(Signal::Counts {
                    org: OrgId(org.parse().ok()?),
                    campaign: CampaignId(campaign.parse().ok()?),
                })
            }
        })
        .collect()
}

/// Listens for the other processes' signals and moves this process's tallies.
async fn hear(store: Store, tallies: Arc<Tallies>, origin: Arc<str>, shutdown: CancellationToken) {
    while !shutdown.is_cancelled() {
        let mut listener = match store.listen().await {
            Ok(Some(listener)) => listener,
            Ok(None) => return,
            Err(err) => {
                tracing::warn!(%err, "cannot listen for other processes' changes; retrying");
                tokio::select! {
                    () = tokio::time::sleep(RETRY) => continue,
                    () = shutdown.cancelled() => return,
                }
            }
        };
        // Whatever was said before this connection listened is caught up by reading.
        catch_up(&store, &tallies).await;
        loop {
            let heard = tokio::select! {
                heard = listener.next() => heard,
                () = shutdown.cancelled() => return,
            };
            match heard {
                Ok(Heard::Said(payload)) => {
                    for signal in read_payload(&payload, &origin) {
                        apply(&store, &tallies, signal).await;
                    }
                }
                Ok(Heard::Lost) => catch_up(&store, &tallies).await,
                Err(err) => {
                    tracing::warn!(%err, "lost the connection that listens for other processes");
                    break;
                }
            }
        }
    }
}

async fn apply(store: &Store, tallies: &Tallies, signal: Signal) {
    match signal {
        Signal::Counts { org, campaign } if tallies.follows(campaign) => {
            recount(store, tallies, org, campaign).await;
        }
        Signal::Counts { .. } => tallies.counts_moved_here(),
        Signal::Money => tallies.money_moved_here(),
        Signal::Screens => tallies.screens_moved_here(),
    }
}

async fn recount(store: &Store, tallies: &Tallies, org: OrgId, campaign: CampaignId) {
    match store.action_counts(org, campaign).await {
        Ok(counts) => tallies.publish_here(campaign, counts),
        Err(err) => tracing::warn!(%err, "could not re-read a campaign's counts"),
    }
}

/// Everything followed here, re-read: for after a time nobody listened.
async fn catch_up(store: &Store, tallies: &Tallies) {
    tallies.money_moved_here();
    for (org, campaign) in tallies.followed() {
        recount(store, tallies, org, campaign).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_travel_and_a_process_ignores_its_own() {
        let sent = [
            Signal::Counts {
                org: OrgId(3),
                campaign: CampaignId(71),
            },
            Signal::Money,
            Signal::Screens,
        ];
        let payloads = payloads("abc", sent);
        assert_eq!(payloads, ["abc c:3:71 m s"]);
        assert_eq!(read_payload(&payloads[0], "xyz"), sent);
        assert!(read_payload(&payloads[0], "abc").is_empty());
        assert!(
            read_payload("xyz c:3 q c:a:1", "abc").is_empty(),
            "unreadable words"
        );
    }

    #[test]
    fn a_long_batch_is_split_under_the_payload_limit() {
        let many = (0..2_000).map(|n| Signal::Counts {
            org: OrgId(1),
            campaign: CampaignId(1_000_000 + n),
        });
        let payloads = payloads("abc", many);
        assert!(payloads.len() > 1);
        assert!(payloads.iter().all(|p| p.len() <= MAX_PAYLOAD));
        let heard: usize = payloads.iter().map(|p| read_payload(p, "x").len()).sum();
        assert_eq!(heard, 2_000);
    }
}
