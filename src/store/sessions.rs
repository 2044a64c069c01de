//! Staff sessions, kept server-side so that they can expire and be revoked.

use sqlx::FromRow;

use super::db::{query, query_as};
use super::{Store, StoreResult};
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::time::Timestamp;

/// A session to create; the cookie holds the token, the database only its digest.
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: UserId,
    pub csrf_token: &'a str,
    pub expires_at: Timestamp,
}

/// A live session with the account it belongs to.
#[derive(Clone)]
pub struct SessionInfo {
    pub id: i64,
    pub user_id: UserId,
    pub email: String,
    pub csrf_token: String,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
    pub user_disabled: bool,
    /// Failed sign-ins to the account between its previous sign-in and this session's.
    pub failed_logins_before: i64,
    pub last_failed_login_before: Option<Timestamp>,
    /// The staff interface's language the account chose (`None`: the browser's).
    pub interface_language: Option<Language>,
}

#[derive(FromRow)]
struct SessionRow {
    id: i64,
    user_id: i64,
    email: String,
    csrf_token: String,
    last_seen_at: i64,
    expires_at: i64,
    disabled_at: Option<i64>,
    failed_logins_before: i64,
    last_failed_login_before: Option<i64>,
    interface_language: Option<String>,
}

impl Store {
    /// Starts a session; the account's failed sign-ins since its last one move to the session
    /// (to be shown there) in the same transaction.
    pub async fn create_session(&self, new: NewSession<'_>, now: Timestamp) -> StoreResult<()> {
        {
            let mut tx = self.write().await?;
            query(
                "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, \
                 expires_at, failed_logins_before, last_failed_login_before) \
                 SELECT $1, $2, $3, $4, $4, $5, failed_logins, last_failed_login_at \
                 FROM users WHERE id = $2",
            )
            .bind(new.token_hash)
            .bind(new.user_id.0)
            .bind(new.csrf_token)
            .bind(now.unix_micros())
            .bind(new.expires_at.unix_micros())
            .execute(&mut tx)
            .await?;
            query("UPDATE users SET failed_logins = 0, last_failed_login_at = NULL WHERE id = $1")
                .bind(new.user_id.0)
                .execute(&mut tx)
                .await?;
            tx.commit().await
        }?;
        Ok(())
    }

    /// Counts a failed sign-in to the account with `email` (nothing when there is none).
    pub async fn record_failed_login(&self, email: &str, now: Timestamp) -> StoreResult<()> {
        query(
            "UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = $2 \
                 WHERE email = $1",
        )
        .bind(email)
        .bind(now.unix_micros())
        .execute(self.writer())
        .await
        .map(|done| done.rows_affected())?;
        Ok(())
    }

    pub async fn session_by_token_hash(
        &self,
        token_hash: &str,
    ) -> StoreResult<Option<SessionInfo>> {
        let row = query_as::<SessionRow>(
            "SELECT s.id, s.user_id, u.email, s.csrf_token, s.last_seen_at, s.expires_at, \
                 u.disabled_at, s.failed_logins_before, s.last_failed_login_before, \
                 u.interface_language \
                 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|row| SessionInfo {
            id: row.id,
            user_id: UserId(row.user_id),
            email: row.email,
            csrf_token: row.csrf_token,
            last_seen_at: Timestamp::from_unix_micros(row.last_seen_at),
            expires_at: Timestamp::from_unix_micros(row.expires_at),
            user_disabled: row.disabled_at.is_some(),
            failed_logins_before: row.failed_logins_before,
            last_failed_login_before: row
                .last_failed_login_before
                .map(Timestamp::from_unix_micros),
            interface_language: row
                .interface_language
                .and_then(|code| Language::parse(&code).ok()),
        }))
    }

    /// Records activity, which keeps the session from expiring for idleness.
    pub async fn touch_session(&self, id: i64, now: Timestamp) -> StoreResult<()> {
        query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
            .bind(now.unix_micros())
            .bind(id)
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(())
    }

    pub async fn delete_session(&self, id: i64) -> StoreResult<()> {
        query("DELETE FROM sessions WHERE id = $1")
            .bind(id)
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(())
    }

    /// Ends every session of `user` but `keep` (after a password change).
    pub async fn delete_other_sessions(&self, user: UserId, keep: i64) -> StoreResult<u64> {
        let done = query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
            .bind(user.0)
            .bind(keep)
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(done)
    }

    /// Ends every session of `user` ("log out everywhere"); returns how many there were.
    pub async fn delete_sessions_of(&self, user: UserId) -> StoreResult<u64> {
        let done = query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(done)
    }

    /// Deletes sessions past their absolute expiry or idle since before `idle_cutoff`.
    pub async fn delete_expired_sessions(
        &self,
        idle_cutoff: Timestamp,
        now: Timestamp,
    ) -> StoreResult<u64> {
        let done = query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2")
            .bind(now.unix_micros())
            .bind(idle_cutoff.unix_micros())
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(done)
    }
}
