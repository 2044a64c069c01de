//! The audit log: one row per staff change, written in the change's own transaction.

use sqlx::FromRow;

use super::db::query_as;
use super::{Store, StoreResult};
use crate::domain::ids::{OrgId, UserId};
use crate::domain::time::Timestamp;

/// One audit record as staff read it.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_user_id: Option<UserId>,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub at: Timestamp,
}

#[derive(FromRow)]
struct AuditRow {
    id: i64,
    actor_user_id: Option<i64>,
    actor: String,
    action: String,
    subject: String,
    before_json: Option<String>,
    after_json: Option<String>,
    at: i64,
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        Self {
            id: row.id,
            actor_user_id: row.actor_user_id.map(UserId),
            actor: row.actor,
            action: row.action,
            subject: row.subject,
            before: row.before_json,
            after: row.after_json,
            at: Timestamp::from_unix_micros(row.at),
        }
    }
}

impl Store {
    /// The newest `limit` audit records of one organization, newest first.
    pub async fn audit_entries(&self, org: OrgId, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        let rows = query_as::<AuditRow>(
            "SELECT id, actor_user_id, actor, action, subject, before_json, after_json, at \
                 FROM audit_log WHERE org_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(org.0)
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }
}
