//! Counting visits without slowing the redirect: each visit is turned into an anonymous record
//! on the request (device class, referrer host, daily visitor id), queued in memory, and written in
//! batches by one background task. The web layer hands over what it read of the request
//! ([`VisitContext`]); nothing here knows HTTP. A full queue drops the record (counted in `/metrics`), never
//! the redirect; a graceful shutdown writes what is queued.

use std::net::IpAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::auth::sealed::Sealer;
use crate::clock;
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::language::Language;
use crate::domain::time::Timestamp;
use crate::domain::visit::{
    classify, day_number, is_prefetch, referrer_host, utc_day, DeviceClass, VisitorKey,
};
use crate::metrics::Metrics;
use crate::store::{spawn_writer_thread, NewVisit, Store, StoreError, VisitSource};

/// Visits held in memory at most; past this they are dropped (and counted).
pub const QUEUE_CAPACITY: usize = 65_536;
/// How long the writer waits to gather a batch: visits are written at most about this old.
const BATCH_WINDOW: Duration = Duration::from_millis(200);
/// A day secret as it was stored before secrets were sealed (sealed ones are longer: a nonce
/// and a tag around it).
const PLAIN_SECRET_LEN: usize = 32;

/// What a day secret is sealed for: its day, so one cannot stand in for another.
fn secret_context(day: &str) -> String {
    format!("day-secret {day}")
}

/// Visits written in one transaction at most: each commit is well under a second old.
const MAX_BATCH: usize = 5_000;

/// Where a visit came from, as the handler knows it.
pub struct VisitContext<'a> {
    pub org_id: OrgId,
    pub touchpoint_id: Option<i64>,
    pub campaign_id: CampaignId,
    pub language: Language,
    pub source: VisitSource,
    pub client_ip: IpAddr,
    pub headers: VisitHeaders<'a>,
    pub own_host: &'a str,
}

/// The request headers a visit's record is made from.
#[derive(Debug, Clone, Copy, Default)]
pub struct VisitHeaders<'a> {
    pub user_agent: Option<&'a str>,
    pub accept_language: Option<&'a str>,
    pub referer: Option<&'a str>,
    /// `Purpose` and `Sec-Purpose`: a browser's prefetch says so there.
    pub purpose: Option<&'a str>,
    pub sec_purpose: Option<&'a str>,
}

/// The secret of the current UTC day, shared by every process through the database, and the
/// visitor-id key made from it.
struct DaySecret {
    day: i64,
    secret: Arc<[u8]>,
    key: VisitorKey,
}

#[derive(Clone)]
pub struct VisitRecorder {
    sender: mpsc::Sender<NewVisit>,
    store: Store,
    /// Seals the day secrets under the key kept outside the database (`auth::master_key`).
    sealer: Arc<Sealer>,
    secret: Arc<RwLock<Option<Arc<DaySecret>>>>,
    metrics: Arc<Metrics>,
}

impl VisitRecorder {
    /// A recorder and the receiving end its writer task consumes.
    pub fn new(
        store: Store,
        sealer: Arc<Sealer>,
        metrics: Arc<Metrics>,
    ) -> (Self, mpsc::Receiver<NewVisit>) {
        let (sender, receiver) = mpsc::channel(QUEUE_CAPACITY);
        let recorder = Self {
            sender,
            store,
            sealer,
            secret: Arc::new(RwLock::new(None)),
            metrics,
        };
        (recorder, receiver)
    }

    /// The visitor-id secret of `now`'s UTC day (made on first use, shared through the database).
    pub async fn day_secret(&self, now: Timestamp) -> Result<Arc<[u8]>, StoreError> {
        Ok(self.today(now).await?.secret.clone())
    }

    async fn today(&self, now: Timestamp) -> Result<Arc<DaySecret>, StoreError> {
        let day = day_number(now);
        if let Some(current) = self
            .secret
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            if current.day == day {
                return Ok(current.clone());
            }
        }
        let mut fresh = [0u8; 32];
        OsRng.fill_bytes(&mut fresh);
        let date = utc_day(now);
        let sealed = self.seal(&date, &fresh)?;
        let stored = self.store.day_secret(&date, &sealed, now).await?;
        let secret: Arc<[u8]> = self.open(&date, &stored)?.into();
        let today = Arc::new(DaySecret {
            day,
            key: VisitorKey::new(&secret),
            secret,
        });
        *self.secret.write().unwrap_or_else(|e| e.into_inner()) = Some(today.clone());
        Ok(today)
    }

    /// The day secrets still kept, opened (for matching address tags), newest first.
    pub async fn kept_secrets(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        self.store
            .kept_day_secrets()
            .await?
            .iter()
            .map(|(day, sealed)| self.open(day, sealed))
            .collect()
    }

    /// Seals the day secrets stored before they were sealed (an upgrade): run at start.
    pub async fn seal_plain_secrets(&self) -> Result<u64, StoreError> {
        let mut sealed = 0;
        for (day, secret) in self.store.kept_day_secrets().await? {
            if secret.len() == PLAIN_SECRET_LEN {
                let secret = self.seal(&day, &secret)?;
                self.store.replace_day_secret(&day, &secret).await?;
                sealed += 1;
            }
        }
        Ok(sealed)
    }

    fn seal(&self, day: &str, secret: &[u8]) -> Result<Vec<u8>, StoreError> {
        self.sealer
            .seal(secret, &secret_context(day))
            .map_err(|err| StoreError::Corrupt(err.to_string()))
    }

    fn open(&self, day: &str, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        self.sealer.open(sealed, &secret_context(day)).map_err(|_| {
            StoreError::Corrupt(format!(
                "the day secret of {day} does not open with this server's key \
                     (--secret-key-file / CHORUS_SECRET_KEY): every process of a deployment \
                     needs the same key, and a restored database needs its key restored too"
            ))
        })
    }

    /// Queues one visit. Never fails the request: problems are logged and counted.
    pub async fn record(&self, visit: VisitContext<'_>) {
        let headers = visit.headers;
        let user_agent = headers.user_agent;
        let prefetch = is_prefetch(headers.purpose, headers.sec_purpose);
        let device = if prefetch {
            DeviceClass::Bot
        } else {
            classify(user_agent)
        };
        let now = clock::now();
        let visitor = if device == DeviceClass::Bot {
            String::new()
        } else {
            match self.today(now).await {
                Ok(today) => today.key.visitor_id(
                    visit.org_id.0,
                    visit.client_ip,
                    user_agent.unwrap_or_default(),
                    headers.accept_language.unwrap_or_default(),
                ),
                Err(err) => {
                    tracing::warn!(error = %err, "no day secret; visit counted without a visitor id");
                    String::new()
                }
            }
        };
        let record = NewVisit {
            org_id: visit.org_id,
            touchpoint_id: visit.touchpoint_id,
            campaign_id: visit.campaign_id,
            at: now,
            language: visit.language,
            source: visit.source,
            device,
            referrer_host: referrer_host(headers.referer, visit.own_host),
            visitor_id: visitor,
        };
        let counter = match self.sender.try_send(record) {
            Ok(()) => &self.metrics.visits_queued,
            Err(_) => &self.metrics.visits_dropped,
        };
        counter.inc();
    }
}

/// Writes queued visits in batches until `stop` is cancelled, then writes what is left and ends.
/// On a thread of its own ([`spawn_writer_thread`]): among the request tasks it fell behind at
/// 1,024 connections and most visits were dropped.
pub fn spawn_writer(
    store: Store,
    queue: mpsc::Receiver<NewVisit>,
    stop: CancellationToken,
    metrics: Arc<Metrics>,
) -> JoinHandle<()> {
    spawn_writer_thread("visits", write_until_stopped(store, queue, stop, metrics))
}

async fn write_until_stopped(
    store: Store,
    mut queue: mpsc::Receiver<NewVisit>,
    stop: CancellationToken,
    metrics: Arc<Metrics>,
) {
    let mut batch = Vec::with_capacity(1024);
    loop {
        let stopping = tokio::select! {
            received = queue.recv_many(&mut batch, MAX_BATCH) => received == 0,
            () = stop.cancelled() => true,
        };
        if !stopping {
            // A quiet moment: gather what arrives shortly after, so that a trickle becomes a
            // few batches. Under load the queue is never short and the writer does not wait.
            if batch.len() < 1_000 {
                tokio::time::sleep(BATCH_WINDOW).await;
            }
            while batch.len() < MAX_BATCH && queue.try_recv().map(|v| batch.push(v)).is_ok() {}
        } else {
            while queue.try_recv().map(|v| batch.push(v)).is_ok() {}
        }
        write(&store, &mut batch, &metrics).await;
        if stopping {
            break;
        }
    }
}

/// Writes a batch, retrying briefly; a batch that still fails is dropped and counted.
async fn write(store: &Store, batch: &mut Vec<crate::store::NewVisit>, metrics: &Metrics) {
    if batch.is_empty() {
        return;
    }
    for attempt in 0..3u64 {
        match store.insert_visits(batch).await {
            Ok(()) => {
                metrics.visits_written.inc_by(batch.len() as u64);
                batch.clear();
                return;
            }
            Err(err) => {
                tracing::warn!(error = %err, attempt, visits = batch.len(), "could not write visits");
                tokio::time::sleep(Duration::from_millis(200 * (attempt + 1))).await;
            }
        }
    }
    metrics.visits_dropped.inc_by(batch.len() as u64);
    batch.clear();
}
