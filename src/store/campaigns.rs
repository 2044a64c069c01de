//! Campaigns, their content per language, and the ambassadors involved.

use jiff::civil::Date;
use serde_json::{json, Value};
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::campaign::{CampaignContent, CampaignKind, CampaignSettings, CampaignStatus};
pub use crate::domain::ids::CampaignId;
use crate::domain::ids::{AmbassadorId, OrgId};
use crate::domain::language::Language;
use crate::domain::money::{Currency, Money};
use crate::domain::time::Timestamp;

/// A stored campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub id: CampaignId,
    pub org_id: OrgId,
    pub status: CampaignStatus,
    pub settings: CampaignSettings,
    pub hero_image_id: Option<i64>,
    pub updated_at: Timestamp,
    pub archived: bool,
    /// Whether its public transparency page is on.
    pub transparency_public: bool,
}

macro_rules! campaign_columns {
    () => {
        "id, org_id, slug, theme, kind, status, goal_currency, goal_minor, goal_actions, \
         starts_on, ends_on, default_language, hero_image_id, updated_at, archived_at, \
         transparency_public"
    };
}

#[derive(FromRow)]
struct CampaignRow {
    id: i64,
    org_id: i64,
    slug: String,
    theme: String,
    kind: String,
    status: String,
    goal_currency: Option<String>,
    goal_minor: Option<i64>,
    goal_actions: Option<i64>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    default_language: String,
    hero_image_id: Option<i64>,
    updated_at: i64,
    archived_at: Option<i64>,
    transparency_public: bool,
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

/// Reads a stored `YYYY-MM-DD`.
pub(super) fn stored_date(raw: Option<String>) -> StoreResult<Option<Date>> {
    raw.map(|d| d.parse::<Date>().map_err(corrupt)).transpose()
}

pub(super) fn stored_language(raw: &str) -> StoreResult<Language> {
    Language::parse(raw).map_err(corrupt)
}

impl TryFrom<CampaignRow> for Campaign {
    type Error = StoreError;

    fn try_from(row: CampaignRow) -> StoreResult<Self> {
        let goal_money = match (row.goal_currency, row.goal_minor) {
            (Some(code), Some(minor)) => Some(Money {
                minor,
                currency: Currency::parse(&code).map_err(corrupt)?,
            }),
            _ => None,
        };
        Ok(Campaign {
            id: CampaignId(row.id),
            org_id: OrgId(row.org_id),
            status: CampaignStatus::parse(&row.status).map_err(corrupt)?,
            settings: CampaignSettings {
                slug: row.slug,
                theme: row.theme,
                kind: CampaignKind::parse(&row.kind).map_err(corrupt)?,
                goal_money,
                goal_actions: row.goal_actions,
                starts_on: stored_date(row.starts_on)?,
                ends_on: stored_date(row.ends_on)?,
                default_language: stored_language(&row.default_language)?,
            },
            hero_image_id: row.hero_image_id,
            updated_at: Timestamp::from_unix_micros(row.updated_at),
            archived: row.archived_at.is_some(),
            transparency_public: row.transparency_public,
        })
    }
}

/// The audit view of a campaign's settings.
fn settings_json(s: &CampaignSettings) -> Value {
    json!({
        "slug": s.slug,
        "theme": s.theme,
        "kind": s.kind.as_str(),
        "goal": s.goal_money.map(|m| m.display()),
        "goal_actions": s.goal_actions,
        "starts_on": s.starts_on.map(|d| d.to_string()),
        "ends_on": s.ends_on.map(|d| d.to_string()),
        "default_language": s.default_language.code(),
    })
}

#[derive(FromRow)]
struct ContentRow {
    language: String,
    title: String,
    summary: String,
    story: String,
    call_to_action: String,
}

impl Store {
    /// Creates a draft campaign; a slug taken in the organization is a conflict on `campaigns`.
    pub async fn create_campaign(
        &self,
        org: OrgId,
        s: &CampaignSettings,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<Campaign> {
        let mut change = self.change(org, actor, now).await?;
        let row = query_as::<CampaignRow>(concat!(
            "INSERT INTO campaigns (org_id, slug, theme, kind, status, goal_currency, goal_minor, \
                 goal_actions, starts_on, ends_on, default_language, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11, $11) RETURNING ",
            campaign_columns!()
        ))
        .bind(org.0)
        .bind(&s.slug)
        .bind(&s.theme)
        .bind(s.kind.as_str())
        .bind(s.goal_money.map(|m| m.currency.code()))
        .bind(s.goal_money.map(|m| m.minor))
        .bind(s.goal_actions)
        .bind(s.starts_on.map(|d| d.to_string()))
        .bind(s.ends_on.map(|d| d.to_string()))
        .bind(s.default_language.code())
        .bind(now.unix_micros())
        .fetch_one(&mut change)
        .await?;
        let campaign = Campaign::try_from(row)?;
        change
            .audit(
                AuditAction::CampaignCreated,
                &s.slug,
                None,
                Some(settings_json(s)),
            )
            .await?;
        change.publish().await?;
        Ok(campaign)
    }

    /// Replaces a campaign's settings (not its status, see [`Store::set_campaign_status`]).
    pub async fn update_campaign(
        &self,
        org: OrgId,
        id: CampaignId,
        s: &CampaignSettings,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<Campaign> {
        let mut change = self.change(org, actor, now).await?;
        let before = query_as::<CampaignRow>(concat!(
            "SELECT ",
            campaign_columns!(),
            " FROM campaigns WHERE id = $1 AND org_id = $2"
        ))
        .bind(id.0)
        .bind(org.0)
        .fetch_optional(&mut change)
        .await?
        .ok_or(StoreError::NotFound)?;
        let before = Campaign::try_from(before)?;
        let row = query_as::<CampaignRow>(concat!(
                "UPDATE campaigns SET slug = $3, theme = $4, kind = $5, goal_currency = $6, goal_minor = $7, \
                 goal_actions = $8, starts_on = $9, ends_on = $10, default_language = $11, updated_at = $12 \
                 WHERE id = $1 AND org_id = $2 RETURNING ",
                campaign_columns!()
            ))
            .bind(id.0)
            .bind(org.0)
            .bind(&s.slug)
            .bind(&s.theme)
            .bind(s.kind.as_str())
            .bind(s.goal_money.map(|m| m.currency.code()))
            .bind(s.goal_money.map(|m| m.minor))
            .bind(s.goal_actions)
            .bind(s.starts_on.map(|d| d.to_string()))
            .bind(s.ends_on.map(|d| d.to_string()))
            .bind(s.default_language.code())
            .bind(now.unix_micros())
            .fetch_one(&mut change)
            .await?;
        let campaign = Campaign::try_from(row)?;
        change
            .audit(
                AuditAction::CampaignUpdated,
                &s.slug,
                Some(settings_json(&before.settings)),
                Some(settings_json(s)),
            )
            .await?;
        change.publish().await?;
        Ok(campaign)
    }

    /// Moves a campaign draft → live → closed (or reopens it), refusing other moves.
    /// Turns the campaign's public transparency page on or off, audited.
    pub async fn set_transparency(
        &self,
        org: OrgId,
        id: CampaignId,
        public: bool,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let slug: String = query_scalar(
            "UPDATE campaigns SET transparency_public = $3, updated_at = $4 \
                 WHERE id = $1 AND org_id = $2 RETURNING slug",
        )
        .bind(id.0)
        .bind(org.0)
        .bind(public)
        .bind(now.unix_micros())
        .fetch_optional(&mut change)
        .await?
        .ok_or(StoreError::NotFound)?;
        change
            .audit(
                AuditAction::CampaignTransparencyChanged,
                &slug,
                None,
                Some(json!({ "transparency_public": public })),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }

    pub async fn set_campaign_status(
        &self,
        org: OrgId,
        id: CampaignId,
        to: CampaignStatus,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let (slug, status): (String, String) =
            query_as("SELECT slug, status FROM campaigns WHERE id = $1 AND org_id = $2")
                .bind(id.0)
                .bind(org.0)
                .fetch_optional(&mut change)
                .await?
                .ok_or(StoreError::NotFound)?;
        let from = CampaignStatus::parse(&status).map_err(corrupt)?;
        from.check_transition(to)?;
        query("UPDATE campaigns SET status = $3, updated_at = $4 WHERE id = $1 AND org_id = $2")
            .bind(id.0)
            .bind(org.0)
            .bind(to.as_str())
            .bind(now.unix_micros())
            .execute(&mut change)
            .await?;
        change
            .audit(
                AuditAction::CampaignStatusChanged,
                &slug,
                Some(json!({ "status": from.as_str() })),
                Some(json!({ "status": to.as_str() })),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }

    /// The organization's campaigns, newest first; archived ones only when asked.
    pub async fn campaigns(&self, org: OrgId, with_archived: bool) -> StoreResult<Vec<Campaign>> {
        let rows = query_as::<CampaignRow>(concat!(
            "SELECT ",
            campaign_columns!(),
            " FROM campaigns WHERE org_id = $1 \
                 AND ($2 OR archived_at IS NULL) ORDER BY id DESC"
        ))
        .bind(org.0)
        .bind(with_archived)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(Campaign::try_from).collect()
    }

    pub async fn campaign(&self, org: OrgId, id: CampaignId) -> StoreResult<Option<Campaign>> {
        let row = query_as::<CampaignRow>(concat!(
            "SELECT ",
            campaign_columns!(),
            " FROM campaigns WHERE id = $1 AND org_id = $2"
        ))
        .bind(id.0)
        .bind(org.0)
        .fetch_optional(self.reader())
        .await?;
        row.map(Campaign::try_from).transpose()
    }

    pub async fn campaign_by_slug(&self, org: OrgId, slug: &str) -> StoreResult<Option<Campaign>> {
        let row = query_as::<CampaignRow>(concat!(
            "SELECT ",
            campaign_columns!(),
            " FROM campaigns WHERE org_id = $1 AND slug = $2"
        ))
        .bind(org.0)
        .bind(slug)
        .fetch_optional(self.reader())
        .await?;
        row.map(Campaign::try_from).transpose()
    }

    /// Writes the page text of one language (creating or replacing it).
    pub async fn put_campaign_content(
        &self,
        org: OrgId,
        id: CampaignId,
        language: Language,
        content: &CampaignContent,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let slug: String = query_scalar(
            "UPDATE campaigns SET updated_at = $3 WHERE id = $1 AND org_id = $2 RETURNING slug",
        )
        .bind(id.0)
        .bind(org.0)
        .bind(now.unix_micros())
        .fetch_optional(&mut change)
        .await?
        .ok_or(StoreError::NotFound)?;
        query(
                "INSERT INTO campaign_content (campaign_id, language, title, summary, story, call_to_action, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (campaign_id, language) DO UPDATE SET title = excluded.title, \
                 summary = excluded.summary, story = excluded.story, \
                 call_to_action = excluded.call_to_action, updated_at = excluded.updated_at",
            )
            .bind(id.0)
            .bind(language.code())
            .bind(&content.title)
            .bind(&content.summary)
            .bind(&content.story)
            .bind(&content.call_to_action)
            .bind(now.unix_micros())
            .execute(&mut change)
            .await?;
        let subject = format!("{slug} ({})", language.code());
        let after = json!({ "title": content.title, "summary": content.summary,
                "call_to_action": content.call_to_action, "story_chars": content.story.chars().count() });
        change
            .audit(
                AuditAction::CampaignContentChanged,
                &subject,
                None,
                Some(after),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }

    /// The page text of a campaign in every language it has.
    pub async fn campaign_contents(
        &self,
        org: OrgId,
        id: CampaignId,
    ) -> StoreResult<Vec<(Language, CampaignContent)>> {
        let rows = query_as::<ContentRow>(
            "SELECT t.language, t.title, t.summary, t.story, t.call_to_action \
                 FROM campaign_content t JOIN campaigns c ON c.id = t.campaign_id \
                 WHERE t.campaign_id = $1 AND c.org_id = $2 ORDER BY t.language",
        )
        .bind(id.0)
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok((
                    stored_language(&r.language)?,
                    CampaignContent {
                        title: r.title,
                        summary: r.summary,
                        story: r.story,
                        call_to_action: r.call_to_action,
                    },
                ))
            })
            .collect()
    }

    /// Sets which ambassadors take part; ids outside the organization are refused (NotFound).
    pub async fn set_campaign_ambassadors(
        &self,
        org: OrgId,
        id: CampaignId,
        ambassadors: &[AmbassadorId],
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let slug: String = query_scalar(
            "UPDATE campaigns SET updated_at = $3 WHERE id = $1 AND org_id = $2 RETURNING slug",
        )
        .bind(id.0)
        .bind(org.0)
        .bind(now.unix_micros())
        .fetch_optional(&mut change)
        .await?
        .ok_or(StoreError::NotFound)?;
        query("DELETE FROM campaign_ambassadors WHERE campaign_id = $1")
            .bind(id.0)
            .execute(&mut change)
            .await?;
        for ambassador in ambassadors {
            let added = query(
                "INSERT INTO campaign_ambassadors (campaign_id, ambassador_id) \
                     SELECT $1, id FROM ambassadors WHERE id = $2 AND org_id = $3",
            )
            .bind(id.0)
            .bind(ambassador.0)
            .bind(org.0)
            .execute(&mut change)
            .await?;
            if added.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
        }
        let ids: Vec<i64> = ambassadors.iter().map(|a| a.0).collect();
        change
            .audit(
                AuditAction::CampaignAmbassadorsChanged,
                &slug,
                None,
                Some(json!({ "ambassadors": ids })),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }

    /// Ids of the ambassadors taking part in a campaign.
    pub async fn campaign_ambassador_ids(
        &self,
        org: OrgId,
        id: CampaignId,
    ) -> StoreResult<Vec<AmbassadorId>> {
        let ids: Vec<i64> = query_scalar(
            "SELECT a.ambassador_id FROM campaign_ambassadors a \
                 JOIN campaigns c ON c.id = a.campaign_id \
                 WHERE a.campaign_id = $1 AND c.org_id = $2 ORDER BY a.ambassador_id",
        )
        .bind(id.0)
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        Ok(ids.into_iter().map(AmbassadorId).collect())
    }

    /// Points a campaign at an uploaded hero image of the same organization.
    pub async fn set_campaign_hero(
        &self,
        org: OrgId,
        id: CampaignId,
        image: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let slug: String = query_scalar(
                "UPDATE campaigns SET hero_image_id = $3, updated_at = $4 WHERE id = $1 AND org_id = $2 \
                 AND EXISTS (SELECT 1 FROM images WHERE id = $3 AND org_id = $2) RETURNING slug",
            )
            .bind(id.0)
            .bind(org.0)
            .bind(image)
            .bind(now.unix_micros())
            .fetch_optional(&mut change)
            .await?
            .ok_or(StoreError::NotFound)?;
        change
            .audit(
                AuditAction::CampaignImageChanged,
                &slug,
                None,
                Some(json!({ "image": image })),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }
}
