//! Live counts of confirmed actions and received money: every change is published here after
//! its commit, to the campaign's server-sent-event listeners and to the public page cache (which
//! re-renders a page whose counts moved, at most every few seconds).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tokio::sync::watch;

use crate::domain::ids::CampaignId;
use crate::store::ActionCounts;

pub struct Tallies {
    /// Moves whenever any count changes in this process.
    version: AtomicU64,
    listeners: Mutex<HashMap<CampaignId, watch::Sender<ActionCounts>>>,
    /// Moves when money or what venue screens may show changes (any campaign): screens re-read.
    screens: watch::Sender<u64>,
}

impl Default for Tallies {
    fn default() -> Self {
        Self {
            version: AtomicU64::new(0),
            listeners: Mutex::default(),
            screens: watch::channel(0).0,
        }
    }
}

impl Tallies {
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Announces that received money changed (gifts applied or valued): pages showing progress
    /// bars reload, at most every few seconds, as they do for counts.
    pub fn money_moved(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
        self.screens_moved();
    }

    /// Announces that what venue screens show changed (moderation, money).
    pub fn screens_moved(&self) {
        self.screens.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Follows [`Tallies::screens_moved`].
    pub fn follow_screens(&self) -> watch::Receiver<u64> {
        self.screens.subscribe()
    }

    /// Announces a campaign's counts after a committed change.
    pub fn publish(&self, campaign: CampaignId, counts: ActionCounts) {
        self.version.fetch_add(1, Ordering::AcqRel);
        let listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = listeners.get(&campaign) {
            sender.send_if_modified(|current| {
                let changed = *current != counts;
                *current = counts;
                changed
            });
        }
    }

    /// Follows a campaign's counts, starting from `current` (read from the store by the caller).
    pub fn subscribe(
        &self,
        campaign: CampaignId,
        current: ActionCounts,
    ) -> watch::Receiver<ActionCounts> {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        // Campaigns nobody watches any more are forgotten.
        listeners.retain(|_, sender| sender.receiver_count() > 0);
        match listeners.get(&campaign) {
            Some(sender) => {
                sender.send_if_modified(|known| {
                    let changed = *known != current;
                    *known = current;
                    changed
                });
                sender.subscribe()
            }
            None => {
                let (sender, receiver) = watch::channel(current);
                listeners.insert(campaign, sender);
                receiver
            }
        }
    }
}
