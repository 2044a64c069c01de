//! Hits on rate limits that hold for the whole deployment, counted per key and time bucket.
//! What a key and a bucket mean is the caller's (`app/checkouts.rs`); this keeps the counts
//! and decides atomically, so processes admitting at once never both take the last place.

use super::db::{query, query_scalar, Tx};
use super::{Store, StoreResult};

/// One hit to count: on `key`, in `bucket`, allowed while the key's hits from `since` (a
/// bucket number, inclusive) on are at most `limit`.
pub struct Hit<'a> {
    pub key: &'a [u8],
    pub bucket: i64,
    pub since: i64,
    pub limit: i64,
}

impl Store {
    /// Counts every hit, in one transaction, unless one passes its limit: then nothing is
    /// counted and the index of the first such hit is returned. Hits lock their key's bucket
    /// in the order given, so callers that give keys in one order never wait on each other.
    pub async fn count_hits(&self, hits: &[Hit<'_>]) -> StoreResult<Option<usize>> {
        let mut tx = self.write().await?;
        for (index, hit) in hits.iter().enumerate() {
            if count_hit(&mut tx, hit).await? > hit.limit {
                return Ok(Some(index));
            }
        }
        tx.commit().await?;
        Ok(None)
    }

    /// Counts one hit unless it passes its limit: the key's hits in its window with this one,
    /// or `None` (and nothing counted) when it would pass.
    pub async fn count_hit(&self, hit: &Hit<'_>) -> StoreResult<Option<i64>> {
        let mut tx = self.write().await?;
        let count = count_hit(&mut tx, hit).await?;
        if count > hit.limit {
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(count))
    }

    /// `key`'s hits from bucket `since` on.
    pub async fn hits_since(&self, key: &[u8], since: i64) -> StoreResult<i64> {
        query_scalar("SELECT CAST(COALESCE(SUM(hits), 0) AS BIGINT) FROM rate_hits WHERE key = $1 AND bucket >= $2")
            .bind(key)
            .bind(since)
            .fetch_one(self.reader())
            .await
    }

    /// Deletes the buckets before `before` (housekeeping).
    pub async fn forget_hits(&self, before: i64) -> StoreResult<u64> {
        Ok(query("DELETE FROM rate_hits WHERE bucket < $1")
            .bind(before)
            .execute(self.writer())
            .await?
            .rows_affected())
    }
}

/// Adds the hit to its bucket (taking the bucket row's lock) and returns the key's hits since.
async fn count_hit(tx: &mut Tx, hit: &Hit<'_>) -> StoreResult<i64> {
    query(
        "INSERT INTO rate_hits (key, bucket, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key, bucket) DO UPDATE SET hits = rate_hits.hits + 1",
    )
    .bind(hit.key)
    .bind(hit.bucket)
    .execute(&mut *tx)
    .await?;
    query_scalar("SELECT CAST(COALESCE(SUM(hits), 0) AS BIGINT) FROM rate_hits WHERE key = $1 AND bucket >= $2")
        .bind(hit.key)
        .bind(hit.since)
        .fetch_one(&mut *tx)
        .await
}
