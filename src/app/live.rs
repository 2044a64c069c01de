//! The venue screens' feeds: one per watched campaign, which reads the store and builds the
//! snapshot once however many screens and phones follow it — after every committed action (the
//! campaign's tally), after money or moderation changes (here or, heard through
//! `app/broadcast.rs`, in another process), and every two seconds as the safety net. The web
//! layer forwards the shared snapshot to each connection.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use super::tallies::Tallies;
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::money::Money;
use crate::store::{LiveEntry, Store, StoreError};

/// How many supporters and gifts the screen lists.
const SHOWN: i64 = 8;
/// A feed re-reads at least this often (a missed signal), and at most every
/// [`MIN_REBUILD`] however busy the campaign.
const POLL: Duration = Duration::from_secs(2);
const MIN_REBUILD: Duration = Duration::from_millis(200);

/// The campaign a feed follows, with the goals its progress bar measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiveCampaign {
    pub org: OrgId,
    pub campaign: CampaignId,
    pub goal_money: Option<Money>,
    pub goal_actions: Option<i64>,
}

/// One line of the feed, as the screen's script reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryJson {
    /// None: a supporter who did not agree to show their name.
    pub name: Option<String>,
    pub message: String,
    pub gift: Option<MoneyJson>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MoneyJson {
    pub minor: i64,
    pub currency: &'static str,
    pub units: u8,
}

impl From<Money> for MoneyJson {
    fn from(m: Money) -> Self {
        Self {
            minor: m.minor,
            currency: m.currency.code(),
            units: m.currency.minor_units(),
        }
    }
}

/// What every screen of a campaign shows: language-neutral (each screen formats numbers and
/// money in its own language).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub people: i64,
    pub goal_people: Option<i64>,
    pub raised: Option<MoneyJson>,
    pub goal_money: Option<MoneyJson>,
    /// Toward the money goal if there is one, else the actions goal: 0–100.
    pub progress: Option<u8>,
    pub entries: Vec<EntryJson>,
}

/// A snapshot and its JSON, made once for every follower.
pub type Shared = Arc<(Snapshot, String)>;

fn percent(value: i64, goal: i64) -> u8 {
    if goal <= 0 {
        return 0;
    }
    u8::try_from((value.max(0).saturating_mul(100) / goal).min(100)).unwrap_or(100)
}

async fn snapshot(store: &Store, live: &LiveCampaign) -> Result<Snapshot, StoreError> {
    let counts = store.action_counts(live.org, live.campaign).await?;
    // Confirmed signatures, as the campaign page counts them: one number, one meaning.
    let people = counts.pledges;
    let raised = match live.goal_money {
        Some(goal) => {
            let (minor, _) = store
                .campaign_raised(live.org, live.campaign, goal.currency)
                .await?;
            Some(Money {
                minor,
                currency: goal.currency,
            })
        }
        None => None,
    };
    let progress = match (raised, live.goal_money, live.goal_actions) {
        (Some(raised), Some(goal), _) => Some(percent(raised.minor, goal.minor)),
        (_, None, Some(goal)) => Some(percent(people, goal)),
        _ => None,
    };
    let entries = store
        .live_entries(live.org, live.campaign, SHOWN)
        .await?
        .into_iter()
        .map(|entry| match entry {
            LiveEntry::Supporter { name, message, .. } => EntryJson {
                name,
                message,
                gift: None,
            },
            LiveEntry::Gift { amount, .. } => EntryJson {
                name: None,
                message: String::new(),
                gift: Some(amount.into()),
            },
        })
        .collect();
    Ok(Snapshot {
        people,
        goal_people: live.goal_actions,
        raised: raised.map(Into::into),
        goal_money: live.goal_money.map(Into::into),
        progress,
        entries,
    })
}

fn shared(snapshot: Snapshot) -> Shared {
    let json = serde_json::to_string(&snapshot).unwrap_or_default();
    Arc::new((snapshot, json))
}

type Feed = watch::Sender<Shared>;

/// The feeds of the campaigns being watched in this process.
pub struct LiveFeeds {
    store: Store,
    tallies: Arc<Tallies>,
    /// Cancelled at shutdown: every feed ends.
    shutdown: CancellationToken,
    feeds: Mutex<HashMap<CampaignId, Feed>>,
}

impl LiveFeeds {
    pub fn new(store: Store, tallies: Arc<Tallies>, shutdown: CancellationToken) -> Self {
        Self {
            store,
            tallies,
            shutdown,
            feeds: Mutex::default(),
        }
    }

    /// Follows a campaign's feed, starting it if nobody watched it yet.
    pub async fn follow(
        self: &Arc<Self>,
        live: LiveCampaign,
    ) -> Result<watch::Receiver<Shared>, StoreError> {
        if let Some(feed) = self.lock().get(&live.campaign) {
            return Ok(feed.subscribe());
        }
        let first = shared(snapshot(&self.store, &live).await?);
        let mut feeds = self.lock();
        // Another request may have started it meanwhile.
        if let Some(feed) = feeds.get(&live.campaign) {
            return Ok(feed.subscribe());
        }
        let (sender, receiver) = watch::channel(first);
        feeds.insert(live.campaign, sender.clone());
        tokio::spawn(self.clone().run(live, sender));
        Ok(receiver)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<CampaignId, Feed>> {
        self.feeds.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Campaigns with a running feed (for `/metrics` and tests).
    pub fn watched(&self) -> usize {
        self.lock().len()
    }

    /// Keeps one campaign's snapshot current until nobody follows it.
    async fn run(self: Arc<Self>, live: LiveCampaign, sender: Feed) {
        let counts = self
            .store
            .action_counts(live.org, live.campaign)
            .await
            .unwrap_or_default();
        let mut tally = self.tallies.subscribe(live.org, live.campaign, counts);
        let mut screens = self.tallies.follow_screens();
        loop {
            let woke = tokio::select! {
                changed = tally.changed() => changed.is_ok(),
                changed = screens.changed() => changed.is_ok(),
                () = tokio::time::sleep(POLL) => true,
                () = self.shutdown.cancelled() => false,
            };
            {
                let mut feeds = self.lock();
                if !woke || sender.receiver_count() == 0 {
                    feeds.remove(&live.campaign);
                    return;
                }
            }
            match snapshot(&self.store, &live).await {
                Ok(fresh) => {
                    sender.send_if_modified(|current| {
                        if current.0 == fresh {
                            return false;
                        }
                        *current = shared(fresh);
                        true
                    });
                }
                Err(err) => tracing::warn!(%err, "live tally: could not read the campaign"),
            }
            tokio::time::sleep(MIN_REBUILD).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn progress_is_a_whole_percent_within_bounds() {
        assert_eq!(percent(50, 200), 25);
        assert_eq!(percent(999, 100), 100);
        assert_eq!(percent(-5, 100), 0);
        assert_eq!(percent(5, 0), 0);
    }
}
