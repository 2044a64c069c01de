//! What every staff write does around its statements: one write transaction, the organization's
//! row lock where a rule reads several rows, the audit row, and, when the public pages show what
//! changed, the content-version bump that invalidates their caches, all committed together.

use super::db::{query, query_scalar, On, Tx};
use super::{Store, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::OrgId;
use crate::domain::time::Timestamp;

/// Takes `org`'s row lock until `tx` ends: writers that read several of its rows, then write,
/// run one after the other across every process (PostgreSQL; SQLite has one writer).
pub(super) async fn lock_org(tx: &mut Tx, org: OrgId) -> StoreResult<()> {
    query("UPDATE orgs SET name = name WHERE id = $1")
        .bind(org.0)
        .execute(tx)
        .await?;
    Ok(())
}

/// A staff write in progress; dropped without committing, it rolls back.
pub(super) struct Change<'s> {
    store: &'s Store,
    tx: Tx,
    org: OrgId,
    actor: &'s Actor,
    now: Timestamp,
}

impl Store {
    /// Begins a change by `actor` to organization `org`.
    pub(super) async fn change<'s>(
        &'s self,
        org: OrgId,
        actor: &'s Actor,
        now: Timestamp,
    ) -> StoreResult<Change<'s>> {
        Ok(self.write().await?.into_change(self, org, actor, now))
    }
}

impl Tx {
    /// Makes this transaction a change to `org`, for writes that learn the organization in it.
    pub(super) fn into_change<'s>(
        self,
        store: &'s Store,
        org: OrgId,
        actor: &'s Actor,
        now: Timestamp,
    ) -> Change<'s> {
        Change {
            store,
            tx: self,
            org,
            actor,
            now,
        }
    }
}

impl<'a> From<&'a mut Change<'_>> for On<'a> {
    fn from(change: &'a mut Change<'_>) -> Self {
        On::from(&mut change.tx)
    }
}

impl Change<'_> {
    /// The transaction, for helpers that take one.
    pub(super) fn tx(&mut self) -> &mut Tx {
        &mut self.tx
    }

    /// Takes the organization's row lock, so that concurrent changes whose rule reads several
    /// rows (the last owner, a unique slot) run one after the other. SQLite has one writer.
    pub(super) async fn lock_org(&mut self) -> StoreResult<()> {
        lock_org(&mut self.tx, self.org).await
    }

    /// Appends the audit row; it commits with the change or not at all.
    pub(super) async fn audit(
        &mut self,
        action: AuditAction,
        subject: &str,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> StoreResult<()> {
        query(
            "INSERT INTO audit_log (org_id, actor_user_id, actor, action, subject, before_json, after_json, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(self.org.0)
        .bind(self.actor.user_id.map(|user| user.0))
        .bind(&self.actor.label)
        .bind(action.as_str())
        .bind(subject)
        .bind(before.map(|v| v.to_string()))
        .bind(after.map(|v| v.to_string()))
        .bind(self.now.unix_micros())
        .execute(&mut self.tx)
        .await?;
        Ok(())
    }

    /// Commits a change the public pages do not show.
    pub(super) async fn commit(self) -> StoreResult<()> {
        self.tx.commit().await
    }

    /// Commits a change to what public pages show: the content version moves in the same
    /// transaction, so every process's page cache sees the edit on its next request.
    pub(super) async fn publish(mut self) -> StoreResult<()> {
        let version = bump_content_version(&mut self.tx).await?;
        self.tx.commit().await?;
        self.store.committed_content_version(version);
        Ok(())
    }
}

/// Increments the content version inside `tx` and yields the new value.
pub(super) async fn bump_content_version(tx: &mut Tx) -> StoreResult<i64> {
    query_scalar::<i64>(
        "UPDATE content_version SET version = version + 1 WHERE id = 1 RETURNING version",
    )
    .fetch_one(tx)
    .await
}
