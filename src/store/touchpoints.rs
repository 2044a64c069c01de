//! Touchpoints: short codes, their current target, re-pointing a group at once, and undo.

use serde_json::json;
use sqlx::FromRow;

use super::campaigns::stored_language;
use super::db::{query, query_as, query_scalar};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::campaign::{CampaignError, CampaignStatus};
use crate::domain::ids::{AmbassadorId, CampaignId, EngagementId, OrgId, TourId};
use crate::domain::language::Language;
use crate::domain::time::Timestamp;
use crate::domain::touchpoint::{Channel, Code, TouchpointSettings};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touchpoint {
    pub id: i64,
    pub code: String,
    pub campaign_id: CampaignId,
    pub engagement_id: Option<EngagementId>,
    pub channel: Channel,
    pub label: String,
    pub created_at: Timestamp,
    pub retired: bool,
}

/// How often one code was used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeVisits {
    /// Visits by people (bots and link previews apart).
    pub people: i64,
    /// Of those, the ones from scanning the QR code.
    pub scans: i64,
}

/// What the redirect needs about one code, for the in-memory directory.
#[derive(Debug, Clone)]
pub struct TouchpointRoute {
    pub touchpoint_id: i64,
    pub code: String,
    pub org_id: OrgId,
    pub org_slug: String,
    pub campaign_id: CampaignId,
    pub campaign_slug: String,
    /// The engagement (tour stop, meeting) the code was made for: actions made through the code
    /// are attributed to it.
    pub engagement_id: Option<i64>,
    /// Languages the target campaign has text in (the redirect picks among them).
    pub languages: Vec<Language>,
    pub default_language: Language,
    /// Retired codes, and codes whose campaign is not public, show the friendly 404.
    pub live: bool,
}

/// One group re-point, for the list with its undo button.
#[derive(Debug, Clone)]
pub struct Repoint {
    pub id: i64,
    pub target_campaign_id: CampaignId,
    pub touchpoints: i64,
    pub actor: String,
    pub at: Timestamp,
    pub undone: bool,
}

macro_rules! touchpoint_columns {
    () => {
        "id, code, campaign_id, engagement_id, channel, label, created_at, retired_at"
    };
}

#[derive(FromRow)]
struct TouchpointRow {
    id: i64,
    code: String,
    campaign_id: i64,
    engagement_id: Option<i64>,
    channel: String,
    label: String,
    created_at: i64,
    retired_at: Option<i64>,
}

impl TryFrom<TouchpointRow> for Touchpoint {
    type Error = StoreError;
    fn try_from(r: TouchpointRow) -> StoreResult<Self> {
        Ok(Touchpoint {
            id: r.id,
            code: r.code,
            campaign_id: CampaignId(r.campaign_id),
            engagement_id: r.engagement_id.map(EngagementId),
            channel: Channel::parse(&r.channel).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            label: r.label,
            created_at: Timestamp::from_unix_micros(r.created_at),
            retired: r.retired_at.is_some(),
        })
    }
}

#[derive(FromRow)]
struct RouteRow {
    id: i64,
    code: String,
    engagement_id: Option<i64>,
    org_id: i64,
    org_slug: String,
    org_language: String,
    campaign_id: i64,
    campaign_slug: String,
    campaign_language: String,
    status: String,
    retired: bool,
}

#[derive(FromRow)]
struct RepointRow {
    id: i64,
    target_campaign_id: i64,
    touchpoints: i64,
    actor: String,
    at: i64,
    undone_at: Option<i64>,
}

impl Store {
    /// Creates a touchpoint with `code`. The campaign and engagement must belong to `org`
    /// (else NotFound); a code already taken is a conflict on `touchpoints`.
    pub async fn create_touchpoint(
        &self,
        org: OrgId,
        code: &Code,
        s: &TouchpointSettings,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<Touchpoint> {
        let mut change = self.change(org, actor, now).await?;
        let owned: Option<i64> = query_scalar(
                "SELECT id FROM campaigns WHERE id = $1 AND org_id = $2 \
                 AND ($3 IS NULL OR EXISTS (SELECT 1 FROM engagements WHERE id = $3 AND org_id = $2))",
            )
            .bind(s.campaign_id)
            .bind(org.0)
            .bind(s.engagement_id)
            .fetch_optional(&mut change)
            .await?;
        owned.ok_or(StoreError::NotFound)?;
        let row = query_as::<TouchpointRow>(concat!(
                "INSERT INTO touchpoints (org_id, code, campaign_id, engagement_id, channel, label, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
                touchpoint_columns!()
            ))
            .bind(org.0)
            .bind(code.as_str())
            .bind(s.campaign_id)
            .bind(s.engagement_id)
            .bind(s.channel.as_str())
            .bind(&s.label)
            .bind(now.unix_micros())
            .fetch_one(&mut change)
            .await?;
        query(
            "INSERT INTO touchpoint_targets (touchpoint_id, campaign_id, at) VALUES ($1, $2, $3)",
        )
        .bind(row.id)
        .bind(s.campaign_id)
        .bind(now.unix_micros())
        .execute(&mut change)
        .await?;
        let after = json!({ "code": code.as_str(), "campaign": s.campaign_id, "engagement": s.engagement_id,
                "channel": s.channel.as_str(), "label": s.label });
        change
            .audit(
                AuditAction::TouchpointCreated,
                code.as_str(),
                None,
                Some(after),
            )
            .await?;
        change.publish().await?;
        Touchpoint::try_from(row)
    }

    /// The organization's touchpoints, newest first.
    pub async fn touchpoints(&self, org: OrgId) -> StoreResult<Vec<Touchpoint>> {
        let rows = query_as::<TouchpointRow>(concat!(
            "SELECT ",
            touchpoint_columns!(),
            " FROM touchpoints WHERE org_id = $1 ORDER BY id DESC"
        ))
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(Touchpoint::try_from).collect()
    }

    /// Each code's visits by people and QR scans since it was made (from the hourly rollup),
    /// by touchpoint id; a code never visited is absent.
    pub async fn touchpoint_visits(
        &self,
        org: OrgId,
    ) -> StoreResult<std::collections::HashMap<i64, CodeVisits>> {
        let rows = query_as::<(i64, i64, i64)>(
            "SELECT touchpoint_id, CAST(SUM(people) AS BIGINT), CAST(SUM(scans) AS BIGINT) \
             FROM visit_hours WHERE org_id = $1 AND touchpoint_id <> 0 GROUP BY touchpoint_id",
        )
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, people, scans)| (id, CodeVisits { people, scans }))
            .collect())
    }

    pub async fn touchpoint(&self, org: OrgId, id: i64) -> StoreResult<Option<Touchpoint>> {
        let row = query_as::<TouchpointRow>(concat!(
            "SELECT ",
            touchpoint_columns!(),
            " FROM touchpoints WHERE id = $1 AND org_id = $2"
        ))
        .bind(id)
        .bind(org.0)
        .fetch_optional(self.reader())
        .await?;
        row.map(Touchpoint::try_from).transpose()
    }

    /// A touchpoint by code, with its organization (for the command line).
    pub async fn touchpoint_by_code(
        &self,
        code: &Code,
    ) -> StoreResult<Option<(OrgId, Touchpoint)>> {
        let row: Option<(i64,)> = query_as("SELECT org_id FROM touchpoints WHERE code = $1")
            .bind(code.as_str())
            .fetch_optional(self.reader())
            .await?;
        let Some((org,)) = row else { return Ok(None) };
        let row = query_as::<TouchpointRow>(concat!(
            "SELECT ",
            touchpoint_columns!(),
            " FROM touchpoints WHERE code = $1"
        ))
        .bind(code.as_str())
        .fetch_one(self.reader())
        .await?;
        Ok(Some((OrgId(org), Touchpoint::try_from(row)?)))
    }

    /// Every code with its current target, for the redirect's in-memory directory.
    pub async fn touchpoint_routes(&self) -> StoreResult<Vec<TouchpointRoute>> {
        let rows = query_as::<RouteRow>(
                "SELECT t.id, t.code, t.engagement_id, o.id AS org_id, o.slug AS org_slug, o.default_language AS org_language, \
                 c.id AS campaign_id, c.slug AS campaign_slug, c.default_language AS campaign_language, c.status, \
                 (t.retired_at IS NOT NULL OR c.archived_at IS NOT NULL) AS retired \
                 FROM touchpoints t JOIN campaigns c ON c.id = t.campaign_id JOIN orgs o ON o.id = t.org_id",
            )
            .fetch_all(self.reader())
            .await?;
        let languages: Vec<(i64, String)> = query_as(
            "SELECT DISTINCT cc.campaign_id, cc.language FROM campaign_content cc \
                 JOIN touchpoints t ON t.campaign_id = cc.campaign_id",
        )
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                let mut langs: Vec<Language> = languages
                    .iter()
                    .filter(|(c, _)| *c == r.campaign_id)
                    .map(|(_, l)| stored_language(l))
                    .collect::<StoreResult<_>>()?;
                langs.sort();
                let campaign_language = stored_language(&r.campaign_language)?;
                let org_language = stored_language(&r.org_language)?;
                let default_language = [campaign_language, org_language]
                    .into_iter()
                    .find(|l| langs.contains(l))
                    .or(langs.first().copied())
                    .unwrap_or(campaign_language);
                Ok(TouchpointRoute {
                    touchpoint_id: r.id,
                    code: r.code,
                    org_id: OrgId(r.org_id),
                    org_slug: r.org_slug,
                    campaign_id: CampaignId(r.campaign_id),
                    campaign_slug: r.campaign_slug,
                    engagement_id: r.engagement_id,
                    languages: langs,
                    default_language,
                    live: !r.retired && r.status != "draft",
                })
            })
            .collect()
    }

    /// Ids of the organization's touchpoints for one tour's engagements.
    pub async fn touchpoints_of_tour(&self, org: OrgId, tour: TourId) -> StoreResult<Vec<i64>> {
        query_scalar(
            "SELECT t.id FROM touchpoints t JOIN engagements e ON e.id = t.engagement_id \
                 WHERE t.org_id = $1 AND e.tour_id = $2 AND t.retired_at IS NULL ORDER BY t.id",
        )
        .bind(org.0)
        .bind(tour.0)
        .fetch_all(self.reader())
        .await
    }

    /// Ids of the touchpoints of an ambassador: their tours' engagements and their campaigns.
    pub async fn touchpoints_of_ambassador(
        &self,
        org: OrgId,
        ambassador: AmbassadorId,
    ) -> StoreResult<Vec<i64>> {
        query_scalar(
                "SELECT t.id FROM touchpoints t WHERE t.org_id = $1 AND t.retired_at IS NULL AND ( \
                 t.engagement_id IN (SELECT e.id FROM engagements e JOIN tours r ON r.id = e.tour_id WHERE r.ambassador_id = $2) \
                 OR t.campaign_id IN (SELECT campaign_id FROM campaign_ambassadors WHERE ambassador_id = $2)) ORDER BY t.id",
            )
            .bind(org.0)
            .bind(ambassador.0)
            .fetch_all(self.reader())
            .await
    }

    /// Points every touchpoint in `ids` (all of `org`, else NotFound) at `campaign`, as one
    /// action that [`Store::undo_repoint`] reverses. Returns the action's id. A draft campaign
    /// is refused ([`CampaignError::DraftTarget`]): the codes are out in the world.
    pub async fn repoint(
        &self,
        org: OrgId,
        ids: &[i64],
        campaign: CampaignId,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<i64> {
        let mut change = self.change(org, actor, now).await?;
        let (theme, status): (String, String) =
            query_as("SELECT theme, status FROM campaigns WHERE id = $1 AND org_id = $2")
                .bind(campaign.0)
                .bind(org.0)
                .fetch_optional(&mut change)
                .await?
                .ok_or(StoreError::NotFound)?;
        if status == CampaignStatus::Draft.as_str() {
            return Err(CampaignError::DraftTarget(theme).into());
        }
        let repoint: i64 = query_scalar(
                "INSERT INTO repoints (org_id, target_campaign_id, actor, at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(org.0)
            .bind(campaign.0)
            .bind(&actor.label)
            .bind(now.unix_micros())
            .fetch_one(&mut change)
            .await?;
        let mut codes = Vec::with_capacity(ids.len());
        for id in ids {
            let (code, previous): (String, i64) =
                query_as("SELECT code, campaign_id FROM touchpoints WHERE id = $1 AND org_id = $2")
                    .bind(id)
                    .bind(org.0)
                    .fetch_optional(&mut change)
                    .await?
                    .ok_or(StoreError::NotFound)?;
            query("UPDATE touchpoints SET campaign_id = $2 WHERE id = $1")
                .bind(id)
                .bind(campaign.0)
                .execute(&mut change)
                .await?;
            query(
                    "INSERT INTO touchpoint_targets (touchpoint_id, campaign_id, previous_campaign_id, repoint_id, at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(campaign.0)
                .bind(previous)
                .bind(repoint)
                .bind(now.unix_micros())
                .execute(&mut change)
                .await?;
            codes.push(code);
        }
        let after = json!({ "campaign": theme, "touchpoints": codes, "repoint": repoint });
        change
            .audit(AuditAction::TouchpointsRepointed, &theme, None, Some(after))
            .await?;
        change.publish().await?;
        Ok(repoint)
    }

    /// Reverses one group re-point: each of its touchpoints goes back to the target it had before.
    pub async fn undo_repoint(
        &self,
        org: OrgId,
        repoint: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let done = query("UPDATE repoints SET undone_at = $3 WHERE id = $1 AND org_id = $2 AND undone_at IS NULL")
                .bind(repoint)
                .bind(org.0)
                .bind(now.unix_micros())
                .execute(&mut change)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let moves: Vec<(i64, i64, i64)> = query_as(
                "SELECT touchpoint_id, campaign_id, previous_campaign_id FROM touchpoint_targets WHERE repoint_id = $1",
            )
            .bind(repoint)
            .fetch_all(&mut change)
            .await?;
        let mut codes = Vec::new();
        for (touchpoint, target, previous) in moves {
            let code: String = query_scalar(
                "UPDATE touchpoints SET campaign_id = $2 WHERE id = $1 RETURNING code",
            )
            .bind(touchpoint)
            .bind(previous)
            .fetch_one(&mut change)
            .await?;
            query(
                    "INSERT INTO touchpoint_targets (touchpoint_id, campaign_id, previous_campaign_id, at) VALUES ($1, $2, $3, $4)",
                )
                .bind(touchpoint)
                .bind(previous)
                .bind(target)
                .bind(now.unix_micros())
                .execute(&mut change)
                .await?;
            codes.push(code);
        }
        let after = json!({ "undone_repoint": repoint, "touchpoints": codes });
        change
            .audit(
                AuditAction::TouchpointsRepointUndone,
                &format!("re-point {repoint}"),
                None,
                Some(after),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }

    /// The organization's group re-points, newest first.
    pub async fn repoints(&self, org: OrgId) -> StoreResult<Vec<Repoint>> {
        let rows: Vec<RepointRow> = query_as(
            "SELECT r.id, r.target_campaign_id, \
               (SELECT COUNT(*) FROM touchpoint_targets t WHERE t.repoint_id = r.id) AS touchpoints, \
               r.actor, r.at, r.undone_at FROM repoints r WHERE r.org_id = $1 ORDER BY r.id DESC",
        )
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| Repoint {
                id: row.id,
                target_campaign_id: CampaignId(row.target_campaign_id),
                touchpoints: row.touchpoints,
                actor: row.actor,
                at: Timestamp::from_unix_micros(row.at),
                undone: row.undone_at.is_some(),
            })
            .collect())
    }

    /// A touchpoint's targets over time, oldest first: (campaign, since).
    pub async fn touchpoint_targets(
        &self,
        org: OrgId,
        id: i64,
    ) -> StoreResult<Vec<(CampaignId, Timestamp)>> {
        let rows: Vec<(i64, i64)> = query_as(
            "SELECT g.campaign_id, g.at FROM touchpoint_targets g \
                 JOIN touchpoints t ON t.id = g.touchpoint_id \
                 WHERE g.touchpoint_id = $1 AND t.org_id = $2 ORDER BY g.id",
        )
        .bind(id)
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(c, at)| (CampaignId(c), Timestamp::from_unix_micros(at)))
            .collect())
    }

    /// Retires (the code then shows the friendly 404) or revives a touchpoint.
    pub async fn set_touchpoint_retired(
        &self,
        org: OrgId,
        id: i64,
        retired: bool,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let code: String = query_scalar(
            "UPDATE touchpoints SET retired_at = $3 WHERE id = $1 AND org_id = $2 RETURNING code",
        )
        .bind(id)
        .bind(org.0)
        .bind(retired.then_some(now.unix_micros()))
        .fetch_optional(&mut change)
        .await?
        .ok_or(StoreError::NotFound)?;
        change
            .audit(
                AuditAction::TouchpointRetired,
                &code,
                None,
                Some(json!({ "retired": retired })),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }
}
