//! Live counts of confirmed actions and received money: every change is published here after
//! its commit, to the campaign's server-sent-event listeners and to the public page cache (which
//! re-renders a page whose counts moved, at most every few seconds) — and, through the outbox,
//! to the other processes sharing the database (`app/broadcast.rs`), whose own tallies are
//! then moved "here" by what they hear.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use tokio::sync::{mpsc, watch};

use crate::domain::ids::{CampaignId, OrgId};
use crate::store::ActionCounts;

/// A change other processes should hear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    /// A campaign's confirmed counts moved.
    Counts { org: OrgId, campaign: CampaignId },
    /// Received money moved (gifts applied, refunded or valued).
    Money,
    /// What venue screens show moved (moderation, the gift threshold).
    Screens,
}

pub struct Tallies {
    /// Moves whenever any count changes, here or (heard of) elsewhere.
    version: AtomicU64,
    listeners: Mutex<HashMap<CampaignId, (OrgId, watch::Sender<ActionCounts>)>>,
    /// Moves when money or what venue screens may show changes (any campaign): screens re-read.
    screens: watch::Sender<u64>,
    /// Where this process's changes go to be told to the others (PostgreSQL only).
    outbox: OnceLock<mpsc::UnboundedSender<Signal>>,
}

impl Default for Tallies {
    fn default() -> Self {
        Self {
            version: AtomicU64::new(0),
            listeners: Mutex::default(),
            screens: watch::channel(0).0,
            outbox: OnceLock::new(),
        }
    }
}

impl Tallies {
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// From now on, this process's changes are also sent to the returned receiver, for the
    /// other processes (once per process; later calls get a receiver that hears nothing).
    pub fn open_outbox(&self) -> mpsc::UnboundedReceiver<Signal> {
        let (sender, receiver) = mpsc::unbounded_channel();
        let _ = self.outbox.set(sender);
        receiver
    }

    fn tell_others(&self, signal: Signal) {
        if let Some(outbox) = self.outbox.get() {
            let _ = outbox.send(signal);
        }
    }

    /// Announces that received money changed (gifts applied or valued): pages showing progress
    /// bars reload, at most every few seconds, as they do for counts.
    pub fn money_moved(&self) {
        self.money_moved_here();
        self.tell_others(Signal::Money);
    }

    /// [`Tallies::money_moved`] for a change heard from another process.
    pub fn money_moved_here(&self) {
        self.counts_moved_here();
        self.screens_moved_here();
    }

    /// Announces that what venue screens show changed (moderation, money).
    pub fn screens_moved(&self) {
        self.screens_moved_here();
        self.tell_others(Signal::Screens);
    }

    /// [`Tallies::screens_moved`] for a change heard from another process.
    pub fn screens_moved_here(&self) {
        self.screens.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Some campaign's counts moved elsewhere, one nobody here follows live: pages re-read.
    pub fn counts_moved_here(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }

    /// Follows [`Tallies::screens_moved`].
    pub fn follow_screens(&self) -> watch::Receiver<u64> {
        self.screens.subscribe()
    }

    /// Announces a campaign's counts after a committed change.
    pub fn publish(&self, org: OrgId, campaign: CampaignId, counts: ActionCounts) {
        self.publish_here(campaign, counts);
        self.tell_others(Signal::Counts { org, campaign });
    }

    /// The campaigns followed live in this process, with their organizations.
    pub fn followed(&self) -> Vec<(OrgId, CampaignId)> {
        let listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners
            .iter()
            .filter(|(_, (_, sender))| sender.receiver_count() > 0)
            .map(|(campaign, (org, _))| (*org, *campaign))
            .collect()
    }

    /// Whether anyone in this process follows the campaign's counts live.
    pub fn follows(&self, campaign: CampaignId) -> bool {
        let listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners
            .get(&campaign)
            .is_some_and(|(_, sender)| sender.receiver_count() > 0)
    }

    /// [`Tallies::publish`] for counts read after a change heard from another process.
    pub fn publish_here(&self, campaign: CampaignId, counts: ActionCounts) {
        self.counts_moved_here();
        let listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, sender)) = listeners.get(&campaign) {
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
        org: OrgId,
        campaign: CampaignId,
        current: ActionCounts,
    ) -> watch::Receiver<ActionCounts> {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        // Campaigns nobody watches any more are forgotten.
        listeners.retain(|_, (_, sender)| sender.receiver_count() > 0);
        match listeners.get(&campaign) {
            Some((_, sender)) => {
                sender.send_if_modified(|known| {
                    let changed = *known != current;
                    *known = current;
                    changed
                });
                sender.subscribe()
            }
            None => {
                let (sender, receiver) = watch::channel(current);
                listeners.insert(campaign, (org, sender));
                receiver
            }
        }
    }
}
