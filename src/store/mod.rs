//! Storage: one `Store` over SQLite or PostgreSQL, each query written once.
//!
//! One file per aggregate adds its methods to [`Store`]. Methods take `now` as an argument
//! (no clock in here) and return [`StoreError`].

mod actions;
mod ambassadors;
mod api_tokens;
mod archive;
mod audit;
mod campaigns;
mod change;
mod checkouts;
mod checkpoint;
mod content_version;
mod db;
mod exchange_rates;
mod gifts;
mod group_commit;
mod images;
mod invites;
mod live;
mod login_failures;
mod notifications;
mod offline;
mod orgs;
mod password_resets;
mod payments;
mod pool;
mod rate_hits;
mod reconciliation;
mod reports;
mod rollups;
mod sessions;
#[cfg(test)]
pub(crate) mod testing;
mod touchpoints;
mod tours;
mod two_factor;
mod users;
mod visits;
mod writer_thread;

pub use actions::{
    ActionCounts, ActionFilter, ActionRow, Confirmation, NewAction, Outcome, PendingMail, Recorded,
    SpamSelection,
};
pub use ambassadors::{Ambassador, AmbassadorProfile, AppointmentRow, ChannelRow};
pub use api_tokens::{ApiToken, NewApiToken, TokenHolder, Validity};
pub use archive::Archivable;
pub use audit::AuditEntry;
pub use campaigns::{Campaign, CampaignId};
pub use checkouts::{CheckoutRow, NewCheckout};
pub use gifts::{
    Applied, GiftRow, GiftValue, PendingEvent, ReceivedGiftRow, SubscriptionRow, UnratedGift,
};
pub use group_commit::ActionWriter;
pub use images::StoredImage;
pub use invites::{InviteInfo, InviteUser, PendingInvite};
pub use live::{LiveCandidate, LiveDecision, LiveEntry, LiveStanding};
pub use notifications::{Heard, Listener, MAX_PAYLOAD};
pub use offline::{CommitmentRow, NewOfflineGift, OFFLINE_PROVIDER};
pub use orgs::{Org, OrgMembership};
pub use password_resets::ResetRequest;
pub use payments::{PaymentEventRow, PaymentSettings, ReceivedEvent};
pub use pool::{DbHealth, PoolStats};
pub use rate_hits::Hit;
pub use reports::{day_of_date, RawFigures, RawScope};
pub use sessions::{NewSession, SessionInfo};
pub use touchpoints::{CodeVisits, Repoint, Touchpoint, TouchpointRoute};
pub use tours::{Engagement, Tour};
pub use two_factor::TwoFactor;
pub use users::{Member, User};
pub use visits::{Breakdown, DailyVisits, Dimension, NewVisit, VisitScope, VisitSource};
pub use writer_thread::spawn_writer_thread;

use crate::config::DatabaseUrl;
use crate::domain::campaign::CampaignError;
use crate::domain::role::MembershipRuleError;
use pool::Pool;

/// The one storage interface; cheap to clone (it holds connection pools).
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    /// SQLite only: this process's copy of the content version (one process owns a SQLite
    /// database, and every write goes through it). PostgreSQL reads the table instead.
    content_version: std::sync::Arc<std::sync::atomic::AtomicI64>,
    /// PostgreSQL only: shares one read of the content version among the requests waiting.
    version_reads: std::sync::Arc<content_version::SharedReads>,
    /// Consent wordings' ids, once committed (the action writers look them up here first).
    consent_ids: std::sync::Arc<actions::ConsentIds>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique or foreign key was violated; `constraint` names it (table first).
    #[error("conflicts with existing data ({constraint})")]
    Conflict { constraint: String },
    /// A domain rule refused the change once the current state was read in the transaction.
    #[error(transparent)]
    Rule(#[from] MembershipRuleError),
    /// A campaign status move the rules refuse.
    #[error(transparent)]
    CampaignRule(#[from] CampaignError),
    /// The database could not be reached or failed a statement: sqlx's error, or rusqlite's
    /// from the SQLite action writer (`actions/batch_sqlite.rs`).
    #[error("database unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("database migration failed")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("the action writer has stopped")]
    WriterStopped,
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("cannot prepare the data folder {path}")]
    DataFolder {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl StoreError {
    /// Whether this is a conflict on a constraint of `table` (both backends name the table first).
    pub fn is_conflict_on(&self, table: &str) -> bool {
        matches!(self, StoreError::Conflict { constraint } if constraint.starts_with(table))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

impl Store {
    /// Opens the database (creating a SQLite file and its folder if needed) and runs migrations.
    pub async fn open(url: &DatabaseUrl) -> StoreResult<Self> {
        let store = Self {
            pool: Pool::connect(url).await?,
            content_version: Default::default(),
            version_reads: Default::default(),
            consent_ids: Default::default(),
        };
        store.migrate().await?;
        store.load_content_version().await?;
        Ok(store)
    }

    /// Applies the embedded migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> StoreResult<()> {
        self.pool.migrate().await
    }

    pub fn backend_name(&self) -> &'static str {
        self.pool.backend_name()
    }

    /// Checks the database answers, and reports the durability settings in force.
    pub async fn health(&self) -> StoreResult<DbHealth> {
        self.pool.health().await
    }

    /// How many batches of writes are worth running at once on this backend.
    pub fn concurrent_writers(&self) -> usize {
        self.pool.concurrent_writers()
    }

    pub fn pool_stats(&self) -> PoolStats {
        self.pool.stats()
    }

    /// Closes every connection; SQLite checkpoints its WAL when the last one closes.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
