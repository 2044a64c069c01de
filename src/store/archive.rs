//! Archiving and restoring: campaigns, ambassadors, tours and engagements leave lists and public
//! pages but keep their history (reports and the audit log still name them).

use serde_json::json;

use super::db::query_scalar;
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{AmbassadorId, CampaignId, EngagementId, OrgId, TourId};
use crate::domain::time::Timestamp;

/// Something that can be archived, by id.
#[derive(Debug, Clone, Copy)]
pub enum Archivable {
    Campaign(CampaignId),
    Ambassador(AmbassadorId),
    Tour(TourId),
    Engagement(EngagementId),
}

impl Archivable {
    /// The statement that sets `archived_at` ($3) on one row ($1) of the organization ($2),
    /// yielding the name the audit log shows; and the audit action.
    fn archive_statement(self) -> (&'static str, i64, AuditAction) {
        match self {
            Archivable::Campaign(id) => (
                "UPDATE campaigns SET archived_at = $3 WHERE id = $1 AND org_id = $2 RETURNING slug",
                id.0,
                AuditAction::CampaignArchived,
            ),
            Archivable::Ambassador(id) => (
                "UPDATE ambassadors SET archived_at = $3 WHERE id = $1 AND org_id = $2 RETURNING name",
                id.0,
                AuditAction::AmbassadorArchived,
            ),
            Archivable::Tour(id) => (
                "UPDATE tours SET archived_at = $3 WHERE id = $1 AND org_id = $2 RETURNING name",
                id.0,
                AuditAction::TourArchived,
            ),
            Archivable::Engagement(id) => (
                "UPDATE engagements SET archived_at = $3 WHERE id = $1 AND org_id = $2 RETURNING title",
                id.0,
                AuditAction::EngagementArchived,
            ),
        }
    }
}

impl Store {
    /// Archives (`archived`) or restores one item of `org`; another organization's id is NotFound.
    pub async fn set_archived(
        &self,
        org: OrgId,
        item: Archivable,
        archived: bool,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let at = archived.then_some(now.unix_micros());
        let mut change = self.change(org, actor, now).await?;
        let (statement, id, action) = item.archive_statement();
        let name = query_scalar::<String>(statement)
            .bind(id)
            .bind(org.0)
            .bind(at)
            .fetch_optional(&mut change)
            .await?;
        let name = name.ok_or(StoreError::NotFound)?;
        let after = Some(json!({ "archived": archived }));
        change.audit(action, &name, None, after).await?;
        change.publish().await?;
        Ok(())
    }
}
