//! The venue screen's data: what supporters may show (only once approved by staff), gifts
//! above the organization's threshold, money raised from the rollups, and moderation.

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar};
use super::{Store, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::money::{Currency, Money};
use crate::domain::time::Timestamp;

/// What staff decide about a supporter's name and message on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveDecision {
    Approve,
    Reject,
}

impl LiveDecision {
    fn as_str(self) -> &'static str {
        match self {
            LiveDecision::Approve => "approved",
            LiveDecision::Reject => "rejected",
        }
    }
}

/// A supporter's action that has something to show (a name they agreed to show, a message).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct LiveCandidate {
    pub id: i64,
    pub name: String,
    pub show_name: bool,
    pub message: String,
    pub shown_live: String,
    pub created_at: i64,
}

/// One line of the screen's feed, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEntry {
    Supporter {
        at: i64,
        /// None: the supporter did not agree to show their name.
        name: Option<String>,
        message: String,
    },
    Gift {
        at: i64,
        amount: Money,
    },
}

impl LiveEntry {
    pub fn at(&self) -> i64 {
        match self {
            LiveEntry::Supporter { at, .. } | LiveEntry::Gift { at, .. } => *at,
        }
    }
}

/// Where a supporter's name and message stand for the screen: waiting for staff, or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStanding {
    Waiting,
    Approved,
}

impl LiveStanding {
    fn as_str(self) -> &'static str {
        match self {
            LiveStanding::Waiting => "waiting",
            LiveStanding::Approved => "approved",
        }
    }
}

impl Store {
    /// The newest approved supporters and gifts at or above the threshold, merged, newest first.
    pub async fn live_entries(
        &self,
        org: OrgId,
        campaign: CampaignId,
        limit: i64,
    ) -> StoreResult<Vec<LiveEntry>> {
        let approved = self
            .live_candidates(org, campaign, LiveStanding::Approved, limit)
            .await?;
        let threshold = self.live_gift_threshold(org).await?;
        let gifts: Vec<(i64, String, i64)> = match threshold {
            Some(minimum) => {
                query_as(
                    "SELECT g.amount_minor, g.currency, g.created_at FROM gifts g \
                     WHERE g.org_id = $1 AND g.campaign_id = $2 AND g.status = 'succeeded' \
                       AND g.reporting_minor >= $3 AND g.amount_minor IS NOT NULL \
                     ORDER BY g.created_at DESC LIMIT $4",
                )
                .bind(org.0)
                .bind(campaign.0)
                .bind(minimum)
                .bind(limit)
                .fetch_all(self.reader())
                .await?
            }
            None => Vec::new(),
        };
        let mut entries: Vec<LiveEntry> = approved
            .into_iter()
            .map(|c| LiveEntry::Supporter {
                at: c.created_at,
                name: c.show_name.then_some(c.name),
                message: c.message,
            })
            .chain(gifts.into_iter().filter_map(|(minor, code, at)| {
                Currency::parse(&code).ok().map(|currency| LiveEntry::Gift {
                    at,
                    amount: Money { minor, currency },
                })
            }))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.at()));
        entries.truncate(usize::try_from(limit).unwrap_or(0));
        Ok(entries)
    }

    /// Actions with something to show (a name its supporter agreed to show, a message), not
    /// spam or expired, standing as asked; newest first.
    pub async fn live_candidates(
        &self,
        org: OrgId,
        campaign: CampaignId,
        standing: LiveStanding,
        limit: i64,
    ) -> StoreResult<Vec<LiveCandidate>> {
        query_as(
                "SELECT a.id, s.name, a.show_name, a.message, a.shown_live, a.created_at \
                 FROM actions a JOIN supporters s ON s.id = a.supporter_id \
                 WHERE a.org_id = $1 AND a.campaign_id = $2 AND a.status IN ('pending', 'confirmed') \
                   AND (a.show_name OR a.message <> '') AND a.shown_live = $3 \
                 ORDER BY a.created_at DESC, a.id DESC LIMIT $4",
            )
            .bind(org.0)
            .bind(campaign.0)
            .bind(standing.as_str())
            .bind(limit)
            .fetch_all(self.reader())
            .await
    }

    /// Approves or rejects supporters for the screen (only this campaign's), audited; returns
    /// how many changed.
    pub async fn moderate_live(
        &self,
        org: OrgId,
        campaign: CampaignId,
        ids: &[i64],
        decision: LiveDecision,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<u64> {
        let mut change = self.change(org, actor, now).await?;
        let mut changed = 0;
        for id in ids {
            changed += query(
                    "UPDATE actions SET shown_live = $4 WHERE id = $1 AND org_id = $2 AND campaign_id = $3",
                )
                .bind(id)
                .bind(org.0)
                .bind(campaign.0)
                .bind(decision.as_str())
                .execute(&mut change)
                .await?
                .rows_affected();
        }
        change
            .audit(
                AuditAction::LiveMessagesModerated,
                &format!("campaign {}", campaign.0),
                None,
                Some(json!({ "actions": ids, "decision": decision.as_str(), "changed": changed })),
            )
            .await?;
        change.commit().await?;
        Ok(changed)
    }

    /// The gift (in the reporting currency's minor units) from which gifts appear on the
    /// screen by themselves; None: never.
    pub async fn live_gift_threshold(&self, org: OrgId) -> StoreResult<Option<i64>> {
        query_scalar("SELECT live_gift_threshold_minor FROM orgs WHERE id = $1")
            .bind(org.0)
            .fetch_one(self.reader())
            .await
    }

    pub async fn set_live_gift_threshold(
        &self,
        org: OrgId,
        threshold: Option<i64>,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let before: Option<i64> =
            query_scalar("SELECT live_gift_threshold_minor FROM orgs WHERE id = $1")
                .bind(org.0)
                .fetch_one(&mut change)
                .await?;
        query("UPDATE orgs SET live_gift_threshold_minor = $2 WHERE id = $1")
            .bind(org.0)
            .bind(threshold)
            .execute(&mut change)
            .await?;
        change
            .audit(
                AuditAction::LiveSettingsChanged,
                "live gift threshold",
                Some(json!({ "threshold_minor": before })),
                Some(json!({ "threshold_minor": threshold })),
            )
            .await?;
        change.commit().await?;
        Ok(())
    }

    /// Money kept toward a goal in `goal` (gifts in that currency as themselves, others at
    /// their value when the reporting currency is `goal`), and the gifts counted, from the
    /// hourly rollups: cheap enough for every screen refresh.
    pub async fn campaign_raised(
        &self,
        org: OrgId,
        campaign: CampaignId,
        goal: Currency,
    ) -> StoreResult<(i64, i64)> {
        let row: (i64, i64) = query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN currency = $2 THEN kept_minor \
                     WHEN reporting_currency = $2 THEN reporting_minor ELSE 0 END), 0) AS BIGINT), \
                   CAST(COALESCE(SUM(gifts), 0) AS BIGINT) \
                 FROM gift_hours h JOIN campaigns c ON c.id = h.campaign_id \
                 WHERE h.campaign_id = $1 AND c.org_id = $3",
        )
        .bind(campaign.0)
        .bind(goal.code())
        .bind(org.0)
        .fetch_one(self.reader())
        .await?;
        Ok(row)
    }
}
