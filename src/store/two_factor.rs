//! Staff two-factor sign-in: a user's sealed TOTP secret and last step used, recovery codes
//! (digests), and setting whether an organization requires it (read with the organization,
//! `Org::requires_two_factor`). The codes themselves are checked in `domain::totp`; here each
//! step and each recovery code is spent at most once, atomically.

use serde_json::json;

use super::db::{query, query_as, query_scalar};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{OrgId, UserId};
use crate::domain::time::Timestamp;

/// A user's enrolled second factor.
pub struct TwoFactor {
    /// Sealed under the key kept outside the database.
    pub secret_sealed: Vec<u8>,
    pub last_step: Option<i64>,
}

impl Store {
    pub async fn two_factor(&self, user: UserId) -> StoreResult<Option<TwoFactor>> {
        let row: Option<(Option<Vec<u8>>, Option<i64>)> =
            query_as("SELECT totp_secret_sealed, totp_last_step FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_optional(self.reader())
                .await?;
        Ok(row.and_then(|(secret, last_step)| {
            secret.map(|secret_sealed| TwoFactor {
                secret_sealed,
                last_step,
            })
        }))
    }

    /// Turns two-factor sign-in on with `secret_sealed`, the step of the code that confirmed it,
    /// and fresh recovery codes (their digests) in place of any earlier ones.
    pub async fn enable_two_factor(
        &self,
        user: UserId,
        secret_sealed: &[u8],
        confirmed_step: i64,
        recovery_digests: &[String],
    ) -> StoreResult<()> {
        {
            let mut tx = self.write().await?;
            query("UPDATE users SET totp_secret_sealed = $2, totp_last_step = $3 WHERE id = $1")
                .bind(user.0)
                .bind(secret_sealed)
                .bind(confirmed_step)
                .execute(&mut tx)
                .await?;
            query("DELETE FROM recovery_codes WHERE user_id = $1")
                .bind(user.0)
                .execute(&mut tx)
                .await?;
            for digest in recovery_digests {
                query("INSERT INTO recovery_codes (user_id, code_digest) VALUES ($1, $2)")
                    .bind(user.0)
                    .bind(digest)
                    .execute(&mut tx)
                    .await?;
            }
            tx.commit().await
        }?;
        Ok(())
    }

    pub async fn disable_two_factor(&self, user: UserId) -> StoreResult<()> {
        {
            let mut tx = self.write().await?;
            query(
                "UPDATE users SET totp_secret_sealed = NULL, totp_last_step = NULL WHERE id = $1",
            )
            .bind(user.0)
            .execute(&mut tx)
            .await?;
            query("DELETE FROM recovery_codes WHERE user_id = $1")
                .bind(user.0)
                .execute(&mut tx)
                .await?;
            tx.commit().await
        }?;
        Ok(())
    }

    /// Spends `step`: true when it is later than the last step used (so each code works once,
    /// even when two requests race).
    pub async fn spend_totp_step(&self, user: UserId, step: i64) -> StoreResult<bool> {
        let done = query(
            "UPDATE users SET totp_last_step = $2 WHERE id = $1 \
                 AND totp_secret_sealed IS NOT NULL \
                 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        )
        .bind(user.0)
        .bind(step)
        .execute(self.writer())
        .await
        .map(|done| done.rows_affected())?;
        Ok(done == 1)
    }

    /// Spends the recovery code with `digest`: true the first time only.
    pub async fn spend_recovery_code(
        &self,
        user: UserId,
        digest: &str,
        now: Timestamp,
    ) -> StoreResult<bool> {
        let done = query(
            "UPDATE recovery_codes SET used_at = $3 \
                 WHERE user_id = $1 AND code_digest = $2 AND used_at IS NULL",
        )
        .bind(user.0)
        .bind(digest)
        .bind(now.unix_micros())
        .execute(self.writer())
        .await
        .map(|done| done.rows_affected())?;
        Ok(done == 1)
    }

    /// Recovery codes not yet used.
    pub async fn recovery_codes_left(&self, user: UserId) -> StoreResult<i64> {
        query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
            .bind(user.0)
            .fetch_one(self.reader())
            .await
    }

    pub async fn set_org_requires_two_factor(
        &self,
        org: OrgId,
        required: bool,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let (slug, before): (String, bool) =
            query_as("SELECT slug, requires_two_factor FROM orgs WHERE id = $1")
                .bind(org.0)
                .fetch_optional(&mut change)
                .await?
                .ok_or(StoreError::NotFound)?;
        query("UPDATE orgs SET requires_two_factor = $2 WHERE id = $1")
            .bind(org.0)
            .bind(required)
            .execute(&mut change)
            .await?;
        change
            .audit(
                AuditAction::OrgUpdated,
                &slug,
                Some(json!({ "requires_two_factor": before })),
                Some(json!({ "requires_two_factor": required })),
            )
            .await?;
        change.commit().await?;
        Ok(())
    }
}
