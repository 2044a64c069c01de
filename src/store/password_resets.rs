//! One-time links that set a forgotten password: stored by their token's digest, usable once
//! within their validity, and at most one sent per account every few minutes.

use super::db::{query, query_scalar};
use super::{Store, StoreError, StoreResult};
use crate::domain::email::Email;
use crate::domain::ids::UserId;
use crate::domain::time::Timestamp;

/// What became of a request for a reset link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetRequest {
    /// A link for this account was stored: send it.
    Created(UserId),
    /// No account has that email (the answer to the visitor reads the same).
    NoAccount,
    /// A link went to this account moments ago: none more, so that the form cannot flood a
    /// mailbox.
    TooSoon,
}

/// How long after a link was sent no other is sent to the same account.
const BETWEEN_LINKS_MICROS: i64 = 5 * 60 * 1_000_000;

impl Store {
    /// Stores a reset link for the account of `email`, unless one went to it in the last five
    /// minutes.
    pub async fn create_password_reset(
        &self,
        email: &Email,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<ResetRequest> {
        let mut tx = self.write().await?;
        let user: Option<i64> =
            query_scalar("SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL")
                .bind(email.as_str())
                .fetch_optional(&mut tx)
                .await?;
        let Some(user) = user else {
            return Ok(ResetRequest::NoAccount);
        };
        let recent: Option<i32> = query_scalar(
            "SELECT 1 FROM password_resets WHERE user_id = $1 AND created_at > $2 LIMIT 1",
        )
        .bind(user)
        .bind(now.unix_micros() - BETWEEN_LINKS_MICROS)
        .fetch_optional(&mut tx)
        .await?;
        if recent.is_some() {
            return Ok(ResetRequest::TooSoon);
        }
        query(
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user)
        .bind(now.unix_micros())
        .bind(expires_at.unix_micros())
        .execute(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(ResetRequest::Created(UserId(user)))
    }

    /// Whether a reset link can still be used.
    pub async fn password_reset_usable(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<bool> {
        let found: Option<i32> = query_scalar(
            "SELECT 1 FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.unix_micros())
        .fetch_optional(self.reader())
        .await?;
        Ok(found.is_some())
    }

    /// Deletes links past their expiry (used or not): nothing reads them after.
    pub async fn delete_expired_password_resets(&self, now: Timestamp) -> StoreResult<u64> {
        let done = query("DELETE FROM password_resets WHERE expires_at <= $1")
            .bind(now.unix_micros())
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(done)
    }

    /// Uses a reset link: sets the account's password, makes every other link of the account
    /// useless, and ends its sessions (whoever knew the old password is signed out), in one
    /// transaction. An unusable link is `NotFound`.
    pub async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> StoreResult<UserId> {
        let mut tx = self.write().await?;
        let user: Option<i64> = query_scalar(
            "UPDATE password_resets SET used_at = $2 \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
        )
        .bind(token_hash)
        .bind(now.unix_micros())
        .fetch_optional(&mut tx)
        .await?;
        let user = user.ok_or(StoreError::NotFound)?;
        query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user)
            .execute(&mut tx)
            .await?;
        query("UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
            .bind(user)
            .bind(now.unix_micros())
            .execute(&mut tx)
            .await?;
        query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(UserId(user))
    }
}
