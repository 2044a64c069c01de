//! Limits that hold for the whole deployment: hits counted in the database (`rate_hits`) in
//! buckets of ten seconds, so a window slides by a bucket at a time and survives a restart.
//! Checkout starts (`checkouts.rs`) and API calls per token count here.

use std::time::Duration;

use crate::auth::token::keyed_digest;
use crate::domain::time::Timestamp;
use crate::store::{Hit, Store, StoreError};

/// The length of a bucket: a refused caller is told to come back after one.
pub const BUCKET: Duration = Duration::from_secs(10);
/// Buckets older than this are deleted by housekeeping (longer than any window).
pub const HITS_KEPT: Duration = Duration::from_secs(60 * 60);
/// The window of the API's calls per token.
const API_WINDOW: Duration = Duration::from_secs(60);

/// Which bucket an instant falls in.
pub fn bucket(at: Timestamp) -> i64 {
    at.unix_micros().div_euclid(BUCKET.as_micros() as i64)
}

/// The first bucket of the window of length `window` that ends at `at`'s bucket.
pub fn window_start(at: Timestamp, window: Duration) -> i64 {
    bucket(at) - (window.as_micros() / BUCKET.as_micros()) as i64 + 1
}

/// Deletes the counts older than any window (housekeeping).
pub async fn forget_old_hits(store: &Store, now: Timestamp) -> Result<u64, StoreError> {
    store.forget_hits(bucket(now.minus(HITS_KEPT))).await
}

/// What is left of a token's calls in the current minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub limit: i64,
    pub remaining: i64,
    /// Seconds until the oldest bucket of the window leaves it.
    pub reset: u64,
    /// Whether this call is within the limit (a refused call is not counted).
    pub allowed: bool,
}

/// Counts one API call made with `token` (its digest under `secret` is the key, so a copy of
/// the database names no token), allowing `limit` a minute.
pub async fn api_call(
    store: &Store,
    secret: &[u8],
    token: &str,
    limit: u32,
    now: Timestamp,
) -> Result<Allowance, StoreError> {
    let key = keyed_digest(secret, &[b"api-token", token.as_bytes()]);
    let hit = Hit {
        key: &key,
        bucket: bucket(now),
        since: window_start(now, API_WINDOW),
        limit: i64::from(limit),
    };
    let counted = store.count_hit(&hit).await?;
    let elapsed = now.unix_micros().rem_euclid(BUCKET.as_micros() as i64) / 1_000_000;
    let reset = BUCKET
        .as_secs()
        .saturating_sub(elapsed.unsigned_abs())
        .max(1);
    Ok(Allowance {
        limit: hit.limit,
        remaining: (hit.limit - counted.unwrap_or(hit.limit)).max(0),
        reset,
        allowed: counted.is_some(),
    })
}
