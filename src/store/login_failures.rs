//! Failed sign-ins per counter, shared by every process of a deployment. The counters' keys
//! and rules are `auth::login_throttle`'s; this keeps their counts.

use super::db::{query, query_as};
use super::{Store, StoreResult};
use crate::domain::time::Timestamp;

#[derive(sqlx::FromRow)]
struct FailureRow {
    failures: i64,
    last_at: i64,
}

impl Store {
    /// Each key's failures and when the last one was (None: none kept).
    pub async fn login_failures(
        &self,
        keys: &[&[u8]],
    ) -> StoreResult<Vec<Option<(i64, Timestamp)>>> {
        let mut found = Vec::with_capacity(keys.len());
        for key in keys {
            let row: Option<FailureRow> =
                query_as("SELECT failures, last_at FROM login_failures WHERE key = $1")
                    .bind(*key)
                    .fetch_optional(self.reader())
                    .await?;
            found.push(row.map(|r| (r.failures, Timestamp::from_unix_micros(r.last_at))));
        }
        Ok(found)
    }

    /// One more failure on each key at `now`; a count whose last failure is before
    /// `forgotten_before` starts again from one.
    pub async fn add_login_failure(
        &self,
        keys: &[&[u8]],
        now: Timestamp,
        forgotten_before: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        for key in keys {
            query(
                "INSERT INTO login_failures (key, failures, last_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (key) DO UPDATE SET \
                 failures = CASE WHEN login_failures.last_at < $3 THEN 1 ELSE login_failures.failures + 1 END, \
                 last_at = $2",
            )
            .bind(*key)
            .bind(now.unix_micros())
            .bind(forgotten_before.unix_micros())
            .execute(&mut tx)
            .await?;
        }
        tx.commit().await
    }

    pub async fn clear_login_failures(&self, key: &[u8]) -> StoreResult<()> {
        query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    /// Deletes the counts whose last failure is before `before` (housekeeping).
    pub async fn forget_login_failures(&self, before: Timestamp) -> StoreResult<u64> {
        Ok(query("DELETE FROM login_failures WHERE last_at < $1")
            .bind(before.unix_micros())
            .execute(self.writer())
            .await?
            .rows_affected())
    }
}
