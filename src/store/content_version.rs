//! One number that grows with every change to what public pages show. Page caches key on it,
//! so an edit shows on the very next request — from any process sharing a PostgreSQL database.

use std::sync::atomic::Ordering;

use super::pool::{with_reader, Pool};
use super::{Store, StoreResult};

/// Increments the content version inside the caller's transaction and yields the new value.
macro_rules! bump_content_version {
    ($conn:expr) => {
        sqlx::query_scalar::<_, i64>(
            "UPDATE content_version SET version = version + 1 WHERE id = 1 RETURNING version",
        )
        .fetch_one($conn)
    };
}
/// Ends a transaction that changed public content: bumps the content version in it, commits,
/// and records the committed version in this process.
macro_rules! commit_content_change {
    ($store:expr, $tx:ident) => {{
        let version = $crate::store::content_version::bump_content_version!(&mut *$tx).await?;
        $tx.commit().await?;
        $store.committed_content_version(version);
    }};
}
pub(super) use {bump_content_version, commit_content_change};

impl Store {
    pub(super) async fn load_content_version(&self) -> StoreResult<()> {
        let version: i64 = with_reader!(self, |p| {
            sqlx::query_scalar("SELECT version FROM content_version WHERE id = 1")
                .fetch_one(p)
                .await
        })?;
        self.content_version.fetch_max(version, Ordering::SeqCst);
        Ok(())
    }

    /// Records a version committed by this process (call after COMMIT returns).
    pub(super) fn committed_content_version(&self, version: i64) {
        self.content_version.fetch_max(version, Ordering::SeqCst);
    }

    /// The current content version: from memory on SQLite, from the database on PostgreSQL
    /// (another process may have committed an edit).
    pub async fn content_version(&self) -> StoreResult<i64> {
        match &self.pool {
            Pool::Sqlite { .. } => Ok(self.content_version.load(Ordering::SeqCst)),
            Pool::Postgres(pool) => {
                let version =
                    sqlx::query_scalar("SELECT version FROM content_version WHERE id = 1")
                        .fetch_one(pool)
                        .await?;
                Ok(version)
            }
        }
    }
}
