//! Archiving and restoring: campaigns, ambassadors, tours and engagements leave lists and public
//! pages but keep their history (reports and the audit log still name them).

use serde_json::json;

use super::audit::insert_audit;
use super::content_version::commit_content_change;
use super::pool::with_writer;
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

/// Sets `archived_at` on one row of the organization and yields its name column for the audit.
macro_rules! archive_row {
    ($conn:expr, $table:literal, $name:literal, $org:expr, $id:expr, $at:expr) => {
        sqlx::query_scalar::<_, String>(concat!(
            "UPDATE ",
            $table,
            " SET archived_at = $3 WHERE id = $1 AND org_id = $2 RETURNING ",
            $name
        ))
        .bind($id)
        .bind($org.0)
        .bind($at)
        .fetch_optional($conn)
    };
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
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            let (name, action) = match item {
                Archivable::Campaign(id) => (
                    archive_row!(&mut *tx, "campaigns", "slug", org, id.0, at).await?,
                    AuditAction::CampaignArchived,
                ),
                Archivable::Ambassador(id) => (
                    archive_row!(&mut *tx, "ambassadors", "name", org, id.0, at).await?,
                    AuditAction::AmbassadorArchived,
                ),
                Archivable::Tour(id) => (
                    archive_row!(&mut *tx, "tours", "name", org, id.0, at).await?,
                    AuditAction::TourArchived,
                ),
                Archivable::Engagement(id) => (
                    archive_row!(&mut *tx, "engagements", "title", org, id.0, at).await?,
                    AuditAction::EngagementArchived,
                ),
            };
            let name = name.ok_or(StoreError::NotFound)?;
            let after = Some(json!({ "archived": archived }));
            insert_audit!(&mut *tx, org, actor, action, &name, None, after, now).await?;
            commit_content_change!(self, tx);
            Ok(())
        })
    }
}
