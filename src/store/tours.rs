//! Tours and engagements, and which campaigns each engagement supports.

use jiff::civil::DateTime;
use serde_json::json;
use sqlx::FromRow;

use super::campaigns::{stored_date, stored_language};
use super::change::Change;
use super::db::{query, query_as, query_scalar};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::engagement::{
    EngagementKind, EngagementSettings, EngagementWords, TourSettings,
};
use crate::domain::ids::{CampaignId, EngagementId, OrgId, TourId};
use crate::domain::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tour {
    pub id: TourId,
    pub settings: TourSettings,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engagement {
    pub id: EngagementId,
    pub settings: EngagementSettings,
    /// Its title and venue in the organization's other languages.
    pub words: Vec<EngagementWords>,
    pub archived: bool,
}

#[derive(FromRow)]
struct TourRow {
    id: i64,
    name: String,
    ambassador_id: Option<i64>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    archived_at: Option<i64>,
}

impl TryFrom<TourRow> for Tour {
    type Error = StoreError;
    fn try_from(r: TourRow) -> StoreResult<Self> {
        Ok(Tour {
            id: TourId(r.id),
            settings: TourSettings {
                name: r.name,
                ambassador_id: r.ambassador_id,
                starts_on: stored_date(r.starts_on)?,
                ends_on: stored_date(r.ends_on)?,
            },
            archived: r.archived_at.is_some(),
        })
    }
}

macro_rules! engagement_columns {
    () => {
        "e.id, e.tour_id, e.kind, e.title, e.venue, e.city, e.country, e.time_zone, e.starts_at_local, \
         e.starts_at, e.capacity, e.attendance, e.attendance_source, e.archived_at"
    };
}

#[derive(FromRow)]
struct EngagementRow {
    id: i64,
    tour_id: Option<i64>,
    kind: String,
    title: String,
    venue: String,
    city: String,
    country: String,
    time_zone: String,
    starts_at_local: String,
    starts_at: i64,
    capacity: Option<i64>,
    attendance: Option<i64>,
    attendance_source: Option<String>,
    archived_at: Option<i64>,
}

impl TryFrom<EngagementRow> for Engagement {
    type Error = StoreError;
    fn try_from(r: EngagementRow) -> StoreResult<Self> {
        let corrupt = |e: String| StoreError::Corrupt(e);
        Ok(Engagement {
            id: EngagementId(r.id),
            settings: EngagementSettings {
                tour_id: r.tour_id,
                kind: EngagementKind::parse(&r.kind).map_err(|e| corrupt(e.to_string()))?,
                title: r.title,
                venue: r.venue,
                city: r.city,
                country: r.country,
                time_zone: r.time_zone,
                starts_at_local: r
                    .starts_at_local
                    .parse::<DateTime>()
                    .map_err(|e| corrupt(e.to_string()))?,
                starts_at: Timestamp::from_unix_micros(r.starts_at),
                capacity: r.capacity,
                attendance: r.attendance,
                attendance_source: r.attendance_source,
            },
            words: Vec::new(),
            archived: r.archived_at.is_some(),
        })
    }
}

#[derive(FromRow)]
struct WordsRow {
    engagement_id: i64,
    language: String,
    title: String,
    venue: String,
    city: String,
}

/// The campaigns the stops of tour `$1` in organization `$2` support.
const TOUR_CAMPAIGNS: &str = "SELECT DISTINCT ec.campaign_id FROM engagement_campaigns ec \
     JOIN engagements e ON e.id = ec.engagement_id \
     WHERE e.tour_id = $1 AND e.org_id = $2 AND e.archived_at IS NULL ORDER BY ec.campaign_id";

/// Adds an engagement of the organization (its tour already checked to be the organization's).
async fn insert_engagement(
    change: &mut Change<'_>,
    org: OrgId,
    s: &EngagementSettings,
    now: Timestamp,
) -> StoreResult<EngagementId> {
    let id: i64 = query_scalar(
        "INSERT INTO engagements (org_id, tour_id, kind, title, venue, city, country, time_zone, \
         starts_at_local, starts_at, capacity, attendance, attendance_source, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(org.0)
    .bind(s.tour_id)
    .bind(s.kind.as_str())
    .bind(&s.title)
    .bind(&s.venue)
    .bind(&s.city)
    .bind(&s.country)
    .bind(&s.time_zone)
    .bind(s.starts_at_local.to_string())
    .bind(s.starts_at.unix_micros())
    .bind(s.capacity)
    .bind(s.attendance)
    .bind(&s.attendance_source)
    .bind(now.unix_micros())
    .fetch_one(change)
    .await?;
    Ok(EngagementId(id))
}

/// Links an engagement to campaigns of the organization; NotFound for any other campaign.
async fn link_campaigns(
    change: &mut Change<'_>,
    org: OrgId,
    id: EngagementId,
    campaigns: &[CampaignId],
) -> StoreResult<()> {
    for campaign in campaigns {
        let added = query(
            "INSERT INTO engagement_campaigns (engagement_id, campaign_id) \
                 SELECT $1, id FROM campaigns WHERE id = $2 AND org_id = $3",
        )
        .bind(id.0)
        .bind(campaign.0)
        .bind(org.0)
        .execute(&mut *change)
        .await?;
        if added.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
    }
    Ok(())
}

/// The title of the organization's engagement `id` (the subject of its audit records), or
/// NotFound when the organization has no such engagement.
async fn engagement_title(
    change: &mut Change<'_>,
    org: OrgId,
    id: EngagementId,
) -> StoreResult<String> {
    query_scalar("SELECT title FROM engagements WHERE id = $1 AND org_id = $2")
        .bind(id.0)
        .bind(org.0)
        .fetch_optional(change)
        .await?
        .ok_or(StoreError::NotFound)
}

fn tour_json(s: &TourSettings) -> serde_json::Value {
    json!({ "name": s.name, "ambassador": s.ambassador_id,
        "starts_on": s.starts_on.map(|d| d.to_string()), "ends_on": s.ends_on.map(|d| d.to_string()) })
}

fn engagement_json(s: &EngagementSettings) -> serde_json::Value {
    json!({ "kind": s.kind.as_str(), "title": s.title, "venue": s.venue, "city": s.city,
        "country": s.country, "time_zone": s.time_zone, "starts_at": s.starts_at_local.to_string(),
        "capacity": s.capacity, "attendance": s.attendance, "attendance_source": s.attendance_source,
        "tour": s.tour_id })
}

impl Store {
    /// Creates (`id` None) or replaces a tour. The ambassador must belong to the organization.
    pub async fn save_tour(
        &self,
        org: OrgId,
        id: Option<TourId>,
        s: &TourSettings,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<TourId> {
        let mut change = self.change(org, actor, now).await?;
        if let Some(ambassador) = s.ambassador_id {
            let owned: Option<i64> =
                query_scalar("SELECT id FROM ambassadors WHERE id = $1 AND org_id = $2")
                    .bind(ambassador)
                    .bind(org.0)
                    .fetch_optional(&mut change)
                    .await?;
            owned.ok_or(StoreError::NotFound)?;
        }
        let (tour, action) = match id {
            None => {
                let new_id: i64 = query_scalar(
                        "INSERT INTO tours (org_id, name, ambassador_id, starts_on, ends_on, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(org.0)
                    .bind(&s.name)
                    .bind(s.ambassador_id)
                    .bind(s.starts_on.map(|d| d.to_string()))
                    .bind(s.ends_on.map(|d| d.to_string()))
                    .bind(now.unix_micros())
                    .fetch_one(&mut change)
                    .await?;
                (TourId(new_id), AuditAction::TourCreated)
            }
            Some(tour) => {
                let done = query(
                    "UPDATE tours SET name = $3, ambassador_id = $4, starts_on = $5, ends_on = $6 \
                         WHERE id = $1 AND org_id = $2",
                )
                .bind(tour.0)
                .bind(org.0)
                .bind(&s.name)
                .bind(s.ambassador_id)
                .bind(s.starts_on.map(|d| d.to_string()))
                .bind(s.ends_on.map(|d| d.to_string()))
                .execute(&mut change)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                (tour, AuditAction::TourUpdated)
            }
        };
        change
            .audit(action, &s.name, None, Some(tour_json(s)))
            .await?;
        change.publish().await?;
        Ok(tour)
    }

    pub async fn tours(&self, org: OrgId, with_archived: bool) -> StoreResult<Vec<Tour>> {
        let rows = query_as::<TourRow>(
            "SELECT id, name, ambassador_id, starts_on, ends_on, archived_at FROM tours \
                 WHERE org_id = $1 AND ($2 OR archived_at IS NULL) ORDER BY starts_on, id",
        )
        .bind(org.0)
        .bind(with_archived)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(Tour::try_from).collect()
    }

    pub async fn tour(&self, org: OrgId, id: TourId) -> StoreResult<Option<Tour>> {
        let row = query_as::<TourRow>(
                "SELECT id, name, ambassador_id, starts_on, ends_on, archived_at FROM tours WHERE id = $1 AND org_id = $2",
            )
            .bind(id.0)
            .bind(org.0)
            .fetch_optional(self.reader())
            .await?;
        row.map(Tour::try_from).transpose()
    }

    /// Creates (`id` None) or replaces an engagement. Its tour must belong to the organization.
    pub async fn save_engagement(
        &self,
        org: OrgId,
        id: Option<EngagementId>,
        s: &EngagementSettings,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<EngagementId> {
        let mut change = self.change(org, actor, now).await?;
        if let Some(tour) = s.tour_id {
            let owned: Option<i64> =
                query_scalar("SELECT id FROM tours WHERE id = $1 AND org_id = $2")
                    .bind(tour)
                    .bind(org.0)
                    .fetch_optional(&mut change)
                    .await?;
            owned.ok_or(StoreError::NotFound)?;
        }
        let (engagement, action) = match id {
            None => (
                insert_engagement(&mut change, org, s, now).await?,
                AuditAction::EngagementCreated,
            ),
            Some(engagement) => {
                let done = query(
                        "UPDATE engagements SET tour_id = $3, kind = $4, title = $5, venue = $6, city = $7, \
                         country = $8, time_zone = $9, starts_at_local = $10, starts_at = $11, capacity = $12, \
                         attendance = $13, attendance_source = $14 WHERE id = $1 AND org_id = $2",
                    )
                    .bind(engagement.0)
                    .bind(org.0)
                    .bind(s.tour_id)
                    .bind(s.kind.as_str())
                    .bind(&s.title)
                    .bind(&s.venue)
                    .bind(&s.city)
                    .bind(&s.country)
                    .bind(&s.time_zone)
                    .bind(s.starts_at_local.to_string())
                    .bind(s.starts_at.unix_micros())
                    .bind(s.capacity)
                    .bind(s.attendance)
                    .bind(&s.attendance_source)
                    .execute(&mut change)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                (engagement, AuditAction::EngagementUpdated)
            }
        };
        change
            .audit(action, &s.title, None, Some(engagement_json(s)))
            .await?;
        change.publish().await?;
        Ok(engagement)
    }

    /// The organization's engagements in time order, optionally of one tour.
    pub async fn engagements(
        &self,
        org: OrgId,
        tour: Option<TourId>,
    ) -> StoreResult<Vec<Engagement>> {
        let rows = query_as::<EngagementRow>(concat!(
                "SELECT ", engagement_columns!(), " FROM engagements e WHERE e.org_id = $1 \
                 AND ($2 IS NULL OR e.tour_id = $2) AND e.archived_at IS NULL ORDER BY e.starts_at, e.id"
            ))
            .bind(org.0)
            .bind(tour.map(|t| t.0))
            .fetch_all(self.reader())
            .await?;
        self.with_words(org, None, rows).await
    }

    pub async fn engagement(
        &self,
        org: OrgId,
        id: EngagementId,
    ) -> StoreResult<Option<Engagement>> {
        let row = query_as::<EngagementRow>(concat!(
            "SELECT ",
            engagement_columns!(),
            " FROM engagements e WHERE e.id = $1 AND e.org_id = $2"
        ))
        .bind(id.0)
        .bind(org.0)
        .fetch_optional(self.reader())
        .await?;
        Ok(self.with_words(org, Some(id), row).await?.pop())
    }

    /// Engagements linked to a campaign, in time order (shown on its public page).
    pub async fn campaign_engagements(
        &self,
        org: OrgId,
        campaign: CampaignId,
    ) -> StoreResult<Vec<Engagement>> {
        let rows = query_as::<EngagementRow>(concat!(
            "SELECT ",
            engagement_columns!(),
            " FROM engagements e \
                 JOIN engagement_campaigns ec ON ec.engagement_id = e.id \
                 WHERE ec.campaign_id = $1 AND e.org_id = $2 AND e.archived_at IS NULL \
                 ORDER BY e.starts_at, e.id"
        ))
        .bind(campaign.0)
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        self.with_words(org, None, rows).await
    }

    /// The engagements of `rows` with their words in other languages, read in one query (of
    /// one engagement's when `only` says which).
    async fn with_words(
        &self,
        org: OrgId,
        only: Option<EngagementId>,
        rows: impl IntoIterator<Item = EngagementRow>,
    ) -> StoreResult<Vec<Engagement>> {
        let mut engagements = rows
            .into_iter()
            .map(Engagement::try_from)
            .collect::<StoreResult<Vec<_>>>()?;
        if engagements.is_empty() {
            return Ok(engagements);
        }
        let words = query_as::<WordsRow>(
            "SELECT t.engagement_id, t.language, t.title, t.venue, t.city FROM engagement_texts t \
                 JOIN engagements e ON e.id = t.engagement_id \
                 WHERE e.org_id = $1 AND ($2 IS NULL OR e.id = $2) ORDER BY t.engagement_id, t.language",
        )
        .bind(org.0)
        .bind(only.map(|e| e.0))
        .fetch_all(self.reader())
        .await?;
        let position: std::collections::HashMap<i64, usize> = engagements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.0, i))
            .collect();
        for row in words {
            if let Some(&i) = position.get(&row.engagement_id) {
                engagements[i].words.push(EngagementWords {
                    language: stored_language(&row.language)?,
                    title: row.title,
                    venue: row.venue,
                    city: row.city,
                });
            }
        }
        Ok(engagements)
    }

    /// The campaigns a tour's stops support: what a new stop of the tour supports too.
    pub async fn tour_campaign_ids(
        &self,
        org: OrgId,
        tour: TourId,
    ) -> StoreResult<Vec<CampaignId>> {
        let ids: Vec<i64> = query_scalar(TOUR_CAMPAIGNS)
            .bind(tour.0)
            .bind(org.0)
            .fetch_all(self.reader())
            .await?;
        Ok(ids.into_iter().map(CampaignId).collect())
    }

    /// Adds a tour's stops, all or none, each supporting the campaigns the tour's stops
    /// support; gives how many. NotFound if the tour is not the organization's.
    pub async fn import_stops(
        &self,
        org: OrgId,
        tour: TourId,
        stops: &[EngagementSettings],
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<usize> {
        let mut change = self.change(org, actor, now).await?;
        let name: String = query_scalar("SELECT name FROM tours WHERE id = $1 AND org_id = $2")
            .bind(tour.0)
            .bind(org.0)
            .fetch_optional(&mut change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let campaigns: Vec<CampaignId> = query_scalar::<i64>(TOUR_CAMPAIGNS)
            .bind(tour.0)
            .bind(org.0)
            .fetch_all(&mut change)
            .await?
            .into_iter()
            .map(CampaignId)
            .collect();
        for stop in stops {
            let stop = EngagementSettings {
                tour_id: Some(tour.0),
                ..stop.clone()
            };
            let id = insert_engagement(&mut change, org, &stop, now).await?;
            link_campaigns(&mut change, org, id, &campaigns).await?;
        }
        let titles: Vec<&str> = stops.iter().map(|s| s.title.as_str()).collect();
        let after = json!({ "count": stops.len(), "stops": titles });
        change
            .audit(AuditAction::StopsImported, &name, None, Some(after))
            .await?;
        change.publish().await?;
        Ok(stops.len())
    }

    /// Replaces an engagement's words in other languages.
    pub async fn set_engagement_words(
        &self,
        org: OrgId,
        id: EngagementId,
        words: &[EngagementWords],
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let title = engagement_title(&mut change, org, id).await?;
        query("DELETE FROM engagement_texts WHERE engagement_id = $1")
            .bind(id.0)
            .execute(&mut change)
            .await?;
        let mut languages = serde_json::Map::new();
        for w in words {
            query(
                "INSERT INTO engagement_texts (engagement_id, language, title, venue, city) \
                     VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id.0)
            .bind(w.language.code())
            .bind(&w.title)
            .bind(&w.venue)
            .bind(&w.city)
            .execute(&mut change)
            .await?;
            languages.insert(
                w.language.code().to_owned(),
                json!({ "title": w.title, "venue": w.venue, "city": w.city }),
            );
        }
        change
            .audit(
                AuditAction::EngagementUpdated,
                &title,
                None,
                Some(json!({ "languages": languages })),
            )
            .await?;
        change.publish().await
    }

    /// Campaign ids an engagement supports.
    pub async fn engagement_campaign_ids(
        &self,
        org: OrgId,
        id: EngagementId,
    ) -> StoreResult<Vec<CampaignId>> {
        let ids: Vec<i64> = query_scalar(
            "SELECT ec.campaign_id FROM engagement_campaigns ec \
                 JOIN engagements e ON e.id = ec.engagement_id \
                 WHERE ec.engagement_id = $1 AND e.org_id = $2 ORDER BY ec.campaign_id",
        )
        .bind(id.0)
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        Ok(ids.into_iter().map(CampaignId).collect())
    }

    /// Sets which campaigns an engagement supports; ids outside the organization are NotFound.
    pub async fn set_engagement_campaigns(
        &self,
        org: OrgId,
        id: EngagementId,
        campaigns: &[CampaignId],
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let title = engagement_title(&mut change, org, id).await?;
        query("DELETE FROM engagement_campaigns WHERE engagement_id = $1")
            .bind(id.0)
            .execute(&mut change)
            .await?;
        link_campaigns(&mut change, org, id, campaigns).await?;
        let ids: Vec<i64> = campaigns.iter().map(|c| c.0).collect();
        change
            .audit(
                AuditAction::EngagementUpdated,
                &title,
                None,
                Some(json!({ "campaigns": ids })),
            )
            .await?;
        change.publish().await?;
        Ok(())
    }
}
