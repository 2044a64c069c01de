//! API tokens: made, listed, revoked (one or all), and found by digest when presented.

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar};
use super::orgs::parse_role;
use super::{Store, StoreError, StoreResult};
use crate::domain::api_token::{parse_scopes, scopes_text, Scope, TokenKind};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{OrgId, UserId};
use crate::domain::role::Role;
use crate::domain::time::Timestamp;

/// A token as its organization's list shows it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub kind: TokenKind,
    pub scopes: Vec<Scope>,
    /// Its first characters, to tell it apart.
    pub shown: String,
    pub created_by: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// Whether a listed token still works, and since or until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Revoked(Timestamp),
    Expired(Timestamp),
    Expires(Timestamp),
    NeverExpires,
}

impl ApiToken {
    /// Where the token stands at `now`.
    pub fn validity(&self, now: Timestamp) -> Validity {
        match (self.revoked_at, self.expires_at) {
            (Some(at), _) => Validity::Revoked(at),
            (None, Some(at)) if at <= now => Validity::Expired(at),
            (None, Some(at)) => Validity::Expires(at),
            (None, None) => Validity::NeverExpires,
        }
    }
}

/// A token to store: its digest and what it may do.
pub struct NewApiToken<'a> {
    pub name: &'a str,
    pub kind: TokenKind,
    pub scopes: &'a [Scope],
    pub digest: &'a str,
    pub shown: &'a str,
    pub created_by: UserId,
    pub expires_at: Option<Timestamp>,
}

/// A presented token's holder: its organization, what it may do, and its creator as they are
/// now (a token does no more than its creator's current role allows).
#[derive(Debug, Clone)]
pub struct TokenHolder {
    pub id: i64,
    pub org_id: OrgId,
    pub name: String,
    pub shown: String,
    pub kind: TokenKind,
    pub scopes: Vec<Scope>,
    pub user_id: UserId,
    pub email: String,
    /// The creator's role in the token's organization; `None` once they left it.
    pub role: Option<Role>,
    pub user_disabled: bool,
    pub last_used_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
    pub revoked: bool,
}

#[derive(FromRow)]
struct TokenRow {
    id: i64,
    name: String,
    kind: String,
    scopes: String,
    shown: String,
    email: String,
    created_at: i64,
    last_used_at: Option<i64>,
    expires_at: Option<i64>,
    revoked_at: Option<i64>,
}

#[derive(FromRow)]
struct HolderRow {
    id: i64,
    org_id: i64,
    name: String,
    kind: String,
    scopes: String,
    shown: String,
    created_by: i64,
    email: String,
    role: Option<String>,
    disabled_at: Option<i64>,
    last_used_at: Option<i64>,
    expires_at: Option<i64>,
    revoked_at: Option<i64>,
}

fn stored_kind(text: &str) -> StoreResult<TokenKind> {
    TokenKind::parse(text).ok_or_else(|| StoreError::Corrupt(format!("token kind '{text}'")))
}

fn stored_scopes(text: &str) -> StoreResult<Vec<Scope>> {
    parse_scopes(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn at(micros: Option<i64>) -> Option<Timestamp> {
    micros.map(Timestamp::from_unix_micros)
}

/// How a token is named in the audit log: its name and first characters.
fn subject(name: &str, shown: &str) -> String {
    format!("{name} ({shown}…)")
}

impl Store {
    pub async fn create_api_token(
        &self,
        org: OrgId,
        token: &NewApiToken<'_>,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<i64> {
        let mut change = self.change(org, actor, now).await?;
        let id: i64 = query_scalar(
            "INSERT INTO api_tokens (org_id, name, kind, scopes, digest, shown, created_by, \
             created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(org.0)
        .bind(token.name)
        .bind(token.kind.as_str())
        .bind(scopes_text(token.scopes))
        .bind(token.digest)
        .bind(token.shown)
        .bind(token.created_by.0)
        .bind(now.unix_micros())
        .bind(token.expires_at.map(Timestamp::unix_micros))
        .fetch_one(&mut change)
        .await?;
        let after = json!({ "name": token.name, "kind": token.kind.as_str(),
            "scopes": scopes_text(token.scopes),
            "expires": token.expires_at.map(|t| t.to_utc_string()) });
        let subject = subject(token.name, token.shown);
        change
            .audit(AuditAction::ApiTokenCreated, &subject, None, Some(after))
            .await?;
        change.commit().await?;
        Ok(id)
    }

    /// The organization's tokens, newest first, revoked ones included.
    pub async fn api_tokens(&self, org: OrgId) -> StoreResult<Vec<ApiToken>> {
        let rows = query_as::<TokenRow>(
            "SELECT t.id, t.name, t.kind, t.scopes, t.shown, u.email, t.created_at, \
             t.last_used_at, t.expires_at, t.revoked_at \
             FROM api_tokens t JOIN users u ON u.id = t.created_by \
             WHERE t.org_id = $1 ORDER BY t.created_at DESC, t.id DESC",
        )
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.id,
                    name: r.name,
                    kind: stored_kind(&r.kind)?,
                    scopes: stored_scopes(&r.scopes)?,
                    shown: r.shown,
                    created_by: r.email,
                    created_at: Timestamp::from_unix_micros(r.created_at),
                    last_used_at: at(r.last_used_at),
                    expires_at: at(r.expires_at),
                    revoked_at: at(r.revoked_at),
                })
            })
            .collect()
    }

    /// Revokes one of the organization's tokens; NotFound if it has no such token still valid.
    pub async fn revoke_api_token(
        &self,
        org: OrgId,
        id: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let revoked: Option<(String, String)> = query_as(
            "UPDATE api_tokens SET revoked_at = $3 \
             WHERE id = $1 AND org_id = $2 AND revoked_at IS NULL RETURNING name, shown",
        )
        .bind(id)
        .bind(org.0)
        .bind(now.unix_micros())
        .fetch_optional(&mut change)
        .await?;
        let (name, shown) = revoked.ok_or(StoreError::NotFound)?;
        change
            .audit(
                AuditAction::ApiTokenRevoked,
                &subject(&name, &shown),
                None,
                None,
            )
            .await?;
        change.commit().await
    }

    /// Revokes every token of the organization still valid (neither revoked nor expired);
    /// gives how many.
    pub async fn revoke_all_api_tokens(
        &self,
        org: OrgId,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<u64> {
        let mut change = self.change(org, actor, now).await?;
        let revoked = query(
            "UPDATE api_tokens SET revoked_at = $2 WHERE org_id = $1 AND revoked_at IS NULL \
             AND (expires_at IS NULL OR expires_at > $2)",
        )
        .bind(org.0)
        .bind(now.unix_micros())
        .execute(&mut change)
        .await?
        .rows_affected();
        let after = json!({ "count": revoked });
        change
            .audit(
                AuditAction::ApiTokensAllRevoked,
                &revoked.to_string(),
                None,
                Some(after),
            )
            .await?;
        change.commit().await?;
        Ok(revoked)
    }

    /// The holder of the token whose digest is `digest`, if one was ever made.
    pub async fn api_token_holder(&self, digest: &str) -> StoreResult<Option<TokenHolder>> {
        let row = query_as::<HolderRow>(
            "SELECT t.id, t.org_id, t.name, t.kind, t.scopes, t.shown, t.created_by, u.email, \
             m.role, u.disabled_at, t.last_used_at, t.expires_at, t.revoked_at \
             FROM api_tokens t JOIN users u ON u.id = t.created_by \
             LEFT JOIN memberships m ON m.org_id = t.org_id AND m.user_id = t.created_by \
             WHERE t.digest = $1",
        )
        .bind(digest)
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| {
            Ok(TokenHolder {
                id: r.id,
                org_id: OrgId(r.org_id),
                name: r.name,
                shown: r.shown,
                kind: stored_kind(&r.kind)?,
                scopes: stored_scopes(&r.scopes)?,
                user_id: UserId(r.created_by),
                email: r.email,
                role: r.role.as_deref().map(parse_role).transpose()?,
                user_disabled: r.disabled_at.is_some(),
                last_used_at: at(r.last_used_at),
                expires_at: at(r.expires_at),
                revoked: r.revoked_at.is_some(),
            })
        })
        .transpose()
    }

    /// Notes that a token was used (its list shows when).
    pub async fn touch_api_token(&self, id: i64, now: Timestamp) -> StoreResult<()> {
        query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now.unix_micros())
            .bind(id)
            .execute(self.writer())
            .await?;
        Ok(())
    }
}
