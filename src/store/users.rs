//! Staff accounts and their memberships in organizations.

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar};
use super::orgs::parse_role;
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::email::Email;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::language::Language;
use crate::domain::role::{keeps_an_owner, Role};
use crate::domain::time::Timestamp;

#[derive(Clone)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub password_hash: String,
    pub created_at: Timestamp,
    pub disabled_at: Option<Timestamp>,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("disabled_at", &self.disabled_at)
            .finish_non_exhaustive()
    }
}

/// A member of an organization, as the member list shows them.
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: UserId,
    pub email: String,
    pub role: Role,
    pub since: Timestamp,
}

#[derive(FromRow)]
struct UserRow {
    id: i64,
    email: String,
    password_hash: String,
    created_at: i64,
    disabled_at: Option<i64>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: UserId(row.id),
            email: row.email,
            password_hash: row.password_hash,
            created_at: Timestamp::from_unix_micros(row.created_at),
            disabled_at: row.disabled_at.map(Timestamp::from_unix_micros),
        }
    }
}

#[derive(FromRow)]
struct MemberRow {
    user_id: i64,
    email: String,
    role: String,
    created_at: i64,
}

/// A member's email and role, with the organization's owner count for the last-owner rule.
#[derive(FromRow)]
struct MemberChangeRow {
    email: String,
    role: String,
    owners: i64,
}

const MEMBER_CHANGE_SQL: &str = "SELECT u.email, m.role, \
     (SELECT COUNT(*) FROM memberships o WHERE o.org_id = $1 AND o.role = 'owner') AS owners \
     FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND m.user_id = $2";

impl Store {
    /// Creates an account; a taken email is a conflict on `users`.
    pub async fn create_user(
        &self,
        email: &Email,
        password_hash: &str,
        now: Timestamp,
    ) -> StoreResult<User> {
        let row = query_as::<UserRow>(
            "INSERT INTO users (email, password_hash, created_at) VALUES ($1, $2, $3) \
                 RETURNING id, email, password_hash, created_at, disabled_at",
        )
        .bind(email.as_str())
        .bind(password_hash)
        .bind(now.unix_micros())
        .fetch_one(self.writer())
        .await?;
        Ok(User::from(row))
    }

    pub async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
        let row = query_as::<UserRow>(
            "SELECT id, email, password_hash, created_at, disabled_at FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(User::from))
    }

    pub async fn user_by_id(&self, id: UserId) -> StoreResult<Option<User>> {
        let row = query_as::<UserRow>(
            "SELECT id, email, password_hash, created_at, disabled_at FROM users WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(User::from))
    }

    /// Changes the account's sign-in email; false when another account has it.
    pub async fn set_email(&self, user: UserId, email: &Email) -> StoreResult<bool> {
        if self.user_by_email(email).await?.is_some() {
            return Ok(false);
        }
        query("UPDATE users SET email = $2 WHERE id = $1")
            .bind(user.0)
            .bind(email.as_str())
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(true)
    }

    /// Sets the staff interface's language for the account (`None`: follow the browser).
    pub async fn set_interface_language(
        &self,
        user: UserId,
        language: Option<Language>,
    ) -> StoreResult<()> {
        let done = query("UPDATE users SET interface_language = $1 WHERE id = $2")
            .bind(language.map(Language::code))
            .bind(user.0)
            .execute(self.writer())
            .await?;
        account_found(done.rows_affected())
    }

    /// Replaces a password hash (e.g. the demo login, reset at every `--demo` start).
    pub async fn set_password_hash(&self, user: UserId, password_hash: &str) -> StoreResult<()> {
        let done = query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.0)
            .execute(self.writer())
            .await?;
        account_found(done.rows_affected())
    }

    /// Whether any organization has an owner (if none, the server offers the first-owner link).
    pub async fn any_owner_exists(&self) -> StoreResult<bool> {
        let found: Option<i32> =
            query_scalar("SELECT 1 FROM memberships WHERE role = 'owner' LIMIT 1")
                .fetch_optional(self.reader())
                .await?;
        Ok(found.is_some())
    }

    /// The role of `user` in `org`, or None if not a member.
    pub async fn role_in(&self, org: OrgId, user: UserId) -> StoreResult<Option<Role>> {
        let role: Option<String> =
            query_scalar("SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2")
                .bind(org.0)
                .bind(user.0)
                .fetch_optional(self.reader())
                .await?;
        role.as_deref().map(parse_role).transpose()
    }

    /// Everyone in `org`, by email.
    pub async fn members(&self, org: OrgId) -> StoreResult<Vec<Member>> {
        let rows = query_as::<MemberRow>(
            "SELECT m.user_id, u.email, m.role, m.created_at FROM memberships m \
                 JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 ORDER BY u.email",
        )
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Member {
                    user_id: UserId(row.user_id),
                    email: row.email,
                    role: parse_role(&row.role)?,
                    since: Timestamp::from_unix_micros(row.created_at),
                })
            })
            .collect()
    }

    /// Adds an existing account to `org` (command line and demo); already a member is a conflict.
    pub async fn add_member(
        &self,
        org: OrgId,
        user: &User,
        role: Role,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        query(
            "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(org.0)
        .bind(user.id.0)
        .bind(role.as_str())
        .bind(now.unix_micros())
        .execute(&mut change)
        .await?;
        let after = Some(json!({ "email": user.email, "role": role.as_str() }));
        change
            .audit(AuditAction::MemberAdded, &user.email, None, after)
            .await?;
        change.commit().await?;
        Ok(())
    }

    /// Changes a member's role, applying the owner rules to the state inside the transaction.
    /// Returns the previous role.
    pub async fn change_role(
        &self,
        org: OrgId,
        member: UserId,
        to: Role,
        actor_role: Role,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<Role> {
        let mut change = self.change(org, actor, now).await?;
        change.lock_org().await?;
        let current = query_as::<MemberChangeRow>(MEMBER_CHANGE_SQL)
            .bind(org.0)
            .bind(member.0)
            .fetch_optional(&mut change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let from = parse_role(&current.role)?;
        actor_role.may_assign(Some(from), to)?;
        keeps_an_owner(usize::try_from(current.owners).unwrap_or(0), from, Some(to))?;
        query("UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3")
            .bind(to.as_str())
            .bind(org.0)
            .bind(member.0)
            .execute(&mut change)
            .await?;
        let before = Some(json!({ "role": from.as_str() }));
        let after = Some(json!({ "role": to.as_str() }));
        change
            .audit(
                AuditAction::MemberRoleChanged,
                &current.email,
                before,
                after,
            )
            .await?;
        change.commit().await?;
        Ok(from)
    }

    /// Removes a member from `org` (the account stays, with its other memberships).
    pub async fn remove_member(
        &self,
        org: OrgId,
        member: UserId,
        actor_role: Role,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        change.lock_org().await?;
        let current = query_as::<MemberChangeRow>(MEMBER_CHANGE_SQL)
            .bind(org.0)
            .bind(member.0)
            .fetch_optional(&mut change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let from = parse_role(&current.role)?;
        if from == Role::Owner {
            actor_role.may_assign(Some(from), Role::Viewer)?;
        }
        keeps_an_owner(usize::try_from(current.owners).unwrap_or(0), from, None)?;
        query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
            .bind(org.0)
            .bind(member.0)
            .execute(&mut change)
            .await?;
        let before = Some(json!({ "email": current.email, "role": from.as_str() }));
        change
            .audit(AuditAction::MemberRemoved, &current.email, before, None)
            .await?;
        change.commit().await?;
        Ok(())
    }
}

/// An update of one account: NotFound when it changed no row (no such account).
fn account_found(rows: u64) -> StoreResult<()> {
    match rows {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}
