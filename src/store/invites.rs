//! One-time links: the first-owner setup link and invitations to join an organization.

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar};
use super::orgs::{parse_role, Org, OrgRow};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::email::Email;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::org::{OrgName, OrgSlug};
use crate::domain::role::Role;
use crate::domain::time::Timestamp;

/// A pending invitation, as its link shows it.
#[derive(Debug, Clone)]
pub struct InviteInfo {
    pub org: Org,
    pub email: String,
    pub role: Role,
}

/// An invitation not yet accepted and not yet expired, as the members page lists it.
#[derive(Debug, Clone, FromRow)]
pub struct PendingInvite {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Who accepts an invitation: an account that exists (its password was checked) or a new one.
pub enum InviteUser {
    Existing(UserId),
    New { password_hash: String },
}

#[derive(FromRow)]
struct InviteRow {
    org_id: i64,
    email: String,
    role: String,
}

impl Store {
    /// Stores a new first-owner link, replacing any unused earlier one.
    pub async fn create_setup_token(
        &self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        query("DELETE FROM setup_tokens WHERE used_at IS NULL")
            .execute(&mut tx)
            .await?;
        query("INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(now.unix_micros())
            .bind(expires_at.unix_micros())
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the first-owner link is still usable: unused, unexpired, and no owner exists yet.
    pub async fn setup_token_usable(&self, token_hash: &str, now: Timestamp) -> StoreResult<bool> {
        let found: Option<i32> = query_scalar(
                "SELECT 1 FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
                 AND NOT EXISTS (SELECT 1 FROM memberships WHERE role = 'owner')",
            )
            .bind(token_hash)
            .bind(now.unix_micros())
            .fetch_optional(self.reader())
            .await?;
        Ok(found.is_some())
    }

    /// Uses the first-owner link: creates the organization, the account and its owner membership
    /// in one transaction. An unusable link is `NotFound`.
    pub async fn complete_setup(
        &self,
        token_hash: &str,
        slug: &OrgSlug,
        name: &OrgName,
        email: &Email,
        password_hash: &str,
        now: Timestamp,
    ) -> StoreResult<(Org, UserId)> {
        let mut tx = self.write().await?;
        let used = query(
                "UPDATE setup_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
                 AND NOT EXISTS (SELECT 1 FROM memberships WHERE role = 'owner')",
            )
            .bind(token_hash)
            .bind(now.unix_micros())
            .execute(&mut tx)
            .await?;
        if used.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let user_id: i64 = query_scalar(
            "INSERT INTO users (email, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(email.as_str())
        .bind(password_hash)
        .bind(now.unix_micros())
        .fetch_one(&mut tx)
        .await?;
        let org = Org::try_from(
                query_as::<OrgRow>(
                    "INSERT INTO orgs (slug, name, created_at) VALUES ($1, $2, $3) \
                     RETURNING id, slug, name, default_language, languages, created_at, requires_two_factor",
                )
                .bind(slug.as_str())
                .bind(name.as_str())
                .bind(now.unix_micros())
                .fetch_one(&mut tx)
                .await?,
            )?;
        query("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)")
                .bind(org.id.0)
                .bind(user_id)
                .bind(now.unix_micros())
                .execute(&mut tx)
                .await?;
        let actor = Actor::staff(UserId(user_id), email.as_str());
        let mut change = tx.into_change(self, org.id, &actor, now);
        let org_after = Some(json!({ "slug": org.slug, "name": org.name }));
        change
            .audit(AuditAction::OrgCreated, &org.slug, None, org_after)
            .await?;
        let member_after = Some(json!({ "email": email.as_str(), "role": "owner" }));
        change
            .audit(AuditAction::MemberAdded, email.as_str(), None, member_after)
            .await?;
        change.commit().await?;
        Ok((org, UserId(user_id)))
    }

    /// Records an invitation to `org`. The actor's role must allow granting `role`;
    /// an email that is already a member is a conflict on `memberships`.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_invite(
        &self,
        org: OrgId,
        email: &Email,
        role: Role,
        actor_role: Role,
        actor: &Actor,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<()> {
        actor_role.may_assign(None, role)?;
        let mut change = self.change(org, actor, now).await?;
        change.lock_org().await?;
        let already: Option<i32> = query_scalar(
                "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND u.email = $2",
            )
            .bind(org.0)
            .bind(email.as_str())
            .fetch_optional(&mut change)
            .await?;
        if already.is_some() {
            return Err(StoreError::Conflict {
                constraint: "memberships: already a member".into(),
            });
        }
        query(
                "INSERT INTO invites (token_hash, org_id, email, role, invited_by, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(token_hash)
            .bind(org.0)
            .bind(email.as_str())
            .bind(role.as_str())
            .bind(actor.user_id.map(|u| u.0))
            .bind(now.unix_micros())
            .bind(expires_at.unix_micros())
            .execute(&mut change)
            .await?;
        let after = Some(json!({ "email": email.as_str(), "role": role.as_str() }));
        change
            .audit(AuditAction::MemberInvited, email.as_str(), None, after)
            .await?;
        change.commit().await?;
        Ok(())
    }

    /// The invitations of `org` still waiting for an answer, newest first.
    pub async fn pending_invites(
        &self,
        org: OrgId,
        now: Timestamp,
    ) -> StoreResult<Vec<PendingInvite>> {
        query_as::<PendingInvite>(
            "SELECT id, email, role, created_at, expires_at FROM invites \
             WHERE org_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at DESC",
        )
        .bind(org.0)
        .bind(now.unix_micros())
        .fetch_all(self.reader())
        .await
    }

    /// Revokes a pending invitation of `org`: its link stops working at once. `NotFound` when
    /// there is no such pending invitation (accepted, expired, revoked, or another org's).
    pub async fn revoke_invite(
        &self,
        org: OrgId,
        invite: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let email: Option<String> = query_scalar(
            "DELETE FROM invites WHERE id = $1 AND org_id = $2 AND accepted_at IS NULL \
             AND expires_at > $3 RETURNING email",
        )
        .bind(invite)
        .bind(org.0)
        .bind(now.unix_micros())
        .fetch_optional(&mut change)
        .await?;
        let email = email.ok_or(StoreError::NotFound)?;
        let before = Some(json!({ "email": email }));
        change
            .audit(AuditAction::InviteRevoked, &email, before, None)
            .await?;
        change.commit().await?;
        Ok(())
    }

    /// A pending invitation by its link's token digest: unaccepted and unexpired, else None.
    pub async fn invite_by_token_hash(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<InviteInfo>> {
        let row = query_as::<InviteRow>(
            "SELECT org_id, email, role FROM invites \
                 WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.unix_micros())
        .fetch_optional(self.reader())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let org = query_as::<OrgRow>(
                "SELECT id, slug, name, default_language, languages, created_at, requires_two_factor FROM orgs WHERE id = $1",
            )
            .bind(row.org_id)
            .fetch_one(self.reader())
            .await?;
        Ok(Some(InviteInfo {
            org: Org::try_from(org)?,
            email: row.email,
            role: parse_role(&row.role)?,
        }))
    }

    /// Accepts an invitation once: marks it used, creates the account if new, adds the membership.
    pub async fn accept_invite(
        &self,
        token_hash: &str,
        user: InviteUser,
        now: Timestamp,
    ) -> StoreResult<(OrgId, UserId)> {
        let mut tx = self.write().await?;
        let invite = query_as::<InviteRow>(
            "UPDATE invites SET accepted_at = $2 \
                 WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 \
                 RETURNING org_id, email, role",
        )
        .bind(token_hash)
        .bind(now.unix_micros())
        .fetch_optional(&mut tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let role = parse_role(&invite.role)?;
        let user_id = match &user {
                InviteUser::Existing(id) => id.0,
                InviteUser::New { password_hash } => {
                    query_scalar(
                        "INSERT INTO users (email, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
                    )
                    .bind(&invite.email)
                    .bind(password_hash)
                    .bind(now.unix_micros())
                    .fetch_one(&mut tx)
                    .await?
                }
            };
        query(
            "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(invite.org_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(now.unix_micros())
        .execute(&mut tx)
        .await?;
        let org = OrgId(invite.org_id);
        let actor = Actor::staff(UserId(user_id), &invite.email);
        let mut change = tx.into_change(self, org, &actor, now);
        let after = Some(json!({ "email": invite.email, "role": role.as_str() }));
        change
            .audit(AuditAction::MemberJoined, &invite.email, None, after)
            .await?;
        change.commit().await?;
        Ok((org, UserId(user_id)))
    }
}
