//! What reports read: the hourly rollups summed by day, the stops and touchpoints that place
//! them, imported social impressions, and the visitor sketches of the period; plus the imports
//! of impressions and attendance (a re-import replaces, never adds).

use std::collections::HashMap;

use serde_json::json;
use sqlx::FromRow;

use super::audit::insert_audit;
use super::content_version::bump_content_version;
use super::gifts::lost_in_disputes;
use super::pool::{with_reader, with_writer};
use super::rollups::HOUR_MICROS;
use super::ReceivedGiftRow;
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::OrgId;
use crate::domain::impressions::{AttendanceRow, ImpressionRow};
use crate::domain::reach::Sketch;
use crate::domain::report::{
    ActionCell, CommitmentCell, GiftCell, ImpressionCell, ReportInput, StopInfo, TouchpointInfo,
    VisitCell,
};
use crate::domain::supporter::{ActionKind, ActionStatus};
use crate::domain::time::Timestamp;

const DAY_HOURS: i64 = 24;

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (None if it is not one).
pub fn day_of_date(date: &str) -> Option<i64> {
    let date: jiff::civil::Date = date.get(..10)?.parse().ok()?;
    // A span between two dates is in days unless asked otherwise.
    let span = jiff::civil::date(1970, 1, 1).until(date).ok()?;
    Some(i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_counted_from_the_epoch() {
        assert_eq!(super::day_of_date("1970-01-02"), Some(1));
        assert_eq!(super::day_of_date("2024-10-04"), Some(20_000));
        assert_eq!(super::day_of_date("2024-10-04T20:00"), Some(20_000));
        assert_eq!(super::day_of_date("1969-12-31"), Some(-1));
        assert_eq!(super::day_of_date("soon"), None);
    }
}

#[derive(FromRow)]
struct StopRow {
    id: i64,
    title: String,
    city: String,
    starts_at_local: String,
    starts_at: i64,
    tour_id: Option<i64>,
    ambassador_id: Option<i64>,
    attendance: Option<i64>,
    attendance_source: Option<String>,
}

#[derive(FromRow)]
struct ImpressionStored {
    campaign_id: i64,
    platform: String,
    touchpoint_id: Option<i64>,
    engagement_id: Option<i64>,
    posted_on: String,
    impressions: i64,
    reach: Option<i64>,
}

impl Store {
    /// Everything the reports of `org` over days `[from_day, to_day)` are built from.
    pub async fn report_input(
        &self,
        org: OrgId,
        from_day: i64,
        to_day: i64,
    ) -> StoreResult<ReportInput> {
        let (from_hour, to_hour) = (from_day * DAY_HOURS, to_day * DAY_HOURS);
        let visits: Vec<(i64, i64, i64, i64, i64, i64)> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT campaign_id, touchpoint_id, hour / 24, CAST(SUM(people) AS BIGINT), \
                   CAST(SUM(scans) AS BIGINT), CAST(SUM(links) AS BIGINT) \
                 FROM visit_hours WHERE org_id = $1 AND hour >= $2 AND hour < $3 \
                 GROUP BY campaign_id, touchpoint_id, hour / 24",
            )
            .bind(org.0)
            .bind(from_hour)
            .bind(to_hour)
            .fetch_all(p)
            .await
        })?;
        #[allow(clippy::type_complexity)]
        let actions: Vec<(i64, i64, i64, i64, String, String, i64)> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT campaign_id, touchpoint_id, engagement_id, hour / 24, kind, status, \
                   CAST(SUM(count) AS BIGINT) \
                 FROM action_hours WHERE org_id = $1 AND hour >= $2 AND hour < $3 \
                 GROUP BY campaign_id, touchpoint_id, engagement_id, hour / 24, kind, status",
            )
            .bind(org.0)
            .bind(from_hour)
            .bind(to_hour)
            .fetch_all(p)
            .await
        })?;
        #[allow(clippy::type_complexity)]
        let gifts: Vec<(i64, String, i64, i64, String, String, i64, i64, i64, i64)> = with_reader!(
            self,
            |p| {
                sqlx::query_as(
                    "SELECT campaign_id, touchpoint_code, engagement_id, hour / 24, currency, reporting_currency, \
                       CAST(SUM(gifts) AS BIGINT), CAST(SUM(kept_minor) AS BIGINT), \
                       CAST(SUM(reporting_minor) AS BIGINT), CAST(SUM(unvalued) AS BIGINT) \
                     FROM gift_hours WHERE org_id = $1 AND hour >= $2 AND hour < $3 \
                     GROUP BY campaign_id, touchpoint_code, engagement_id, hour / 24, currency, reporting_currency",
                )
                .bind(org.0)
                .bind(from_hour)
                .bind(to_hour)
                .fetch_all(p)
                .await
            }
        )?;
        let impressions: Vec<ImpressionStored> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT campaign_id, platform, touchpoint_id, engagement_id, posted_on, impressions, reach \
                 FROM impressions WHERE org_id = $1",
            )
            .bind(org.0)
            .fetch_all(p)
            .await
        })?;
        let touchpoints: Vec<(i64, String, i64, Option<i64>, String)> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT id, code, campaign_id, engagement_id, channel FROM touchpoints WHERE org_id = $1",
            )
            .bind(org.0)
            .fetch_all(p)
            .await
        })?;
        let stops: Vec<StopRow> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT e.id, e.title, e.city, e.starts_at_local, e.starts_at, e.tour_id, \
                   t.ambassador_id, e.attendance, e.attendance_source \
                 FROM engagements e LEFT JOIN tours t ON t.id = e.tour_id \
                 WHERE e.org_id = $1 AND e.archived_at IS NULL",
            )
            .bind(org.0)
            .fetch_all(p)
            .await
        })?;
        let links: Vec<(i64, i64)> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT l.engagement_id, l.campaign_id FROM engagement_campaigns l \
                 JOIN engagements e ON e.id = l.engagement_id WHERE e.org_id = $1",
            )
            .bind(org.0)
            .fetch_all(p)
            .await
        })?;
        let stored_sketches: Vec<(i64, i64, Vec<u8>)> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT campaign_id, touchpoint_id, sketch FROM visit_sketches \
                 WHERE org_id = $1 AND hour >= $2 AND hour < $3",
            )
            .bind(org.0)
            .bind(from_hour)
            .bind(to_hour)
            .fetch_all(p)
            .await
        })?;
        let commitments: Vec<(i64, Option<i64>, String, String, i64)> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT campaign_id, engagement_id, announced_on, currency, amount_minor \
                 FROM commitments WHERE org_id = $1 AND status = 'open'",
            )
            .bind(org.0)
            .fetch_all(p)
            .await
        })?;
        let reporting_currency = self.reporting_currency(org).await?;

        let mut sketches: HashMap<(i64, i64), Sketch> = HashMap::new();
        for (campaign, touchpoint, bytes) in &stored_sketches {
            if let Some(sketch) = Sketch::decode(bytes) {
                sketches
                    .entry((*campaign, *touchpoint))
                    .or_default()
                    .merge(&sketch);
            }
        }
        let mut campaigns_of: HashMap<i64, std::collections::BTreeSet<i64>> = HashMap::new();
        for (engagement, campaign) in links {
            campaigns_of.entry(engagement).or_default().insert(campaign);
        }
        let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("{what} '{value}'"));
        Ok(ReportInput {
            visits: visits
                .into_iter()
                .map(
                    |(campaign, touchpoint, day, people, scans, links)| VisitCell {
                        campaign,
                        touchpoint,
                        day,
                        people,
                        scans,
                        links,
                    },
                )
                .collect(),
            actions: actions
                .into_iter()
                .map(
                    |(campaign, touchpoint, engagement, day, kind, status, count)| {
                        Ok(ActionCell {
                            campaign,
                            touchpoint,
                            engagement,
                            day,
                            kind: ActionKind::parse(&kind)
                                .ok_or_else(|| corrupt("action kind", &kind))?,
                            status: ActionStatus::parse(&status)
                                .ok_or_else(|| corrupt("action status", &status))?,
                            count,
                        })
                    },
                )
                .collect::<StoreResult<_>>()?,
            gifts: gifts
                .into_iter()
                .map(
                    |(
                        campaign,
                        touchpoint_code,
                        engagement,
                        day,
                        currency,
                        reporting_currency,
                        gifts,
                        kept_minor,
                        reporting_minor,
                        unvalued,
                    )| GiftCell {
                        campaign,
                        touchpoint_code,
                        engagement,
                        day,
                        currency,
                        reporting_currency,
                        gifts,
                        kept_minor,
                        reporting_minor,
                        unvalued,
                    },
                )
                .collect(),
            impressions: impressions
                .into_iter()
                .map(|i| {
                    Ok(ImpressionCell {
                        day: day_of_date(&i.posted_on)
                            .ok_or_else(|| corrupt("post date", &i.posted_on))?,
                        campaign: i.campaign_id,
                        platform: i.platform,
                        touchpoint: i.touchpoint_id,
                        engagement: i.engagement_id,
                        impressions: i.impressions,
                        reach: i.reach,
                    })
                })
                .collect::<StoreResult<_>>()?,
            commitments: commitments
                .into_iter()
                .map(
                    |(campaign, engagement, announced_on, currency, amount_minor)| {
                        Ok(CommitmentCell {
                            day: day_of_date(&announced_on)
                                .ok_or_else(|| corrupt("announcement date", &announced_on))?,
                            campaign,
                            engagement,
                            currency,
                            amount_minor,
                        })
                    },
                )
                .collect::<StoreResult<_>>()?,
            touchpoints: touchpoints
                .into_iter()
                .map(|(id, code, campaign, engagement, channel)| TouchpointInfo {
                    id,
                    code,
                    campaign,
                    engagement,
                    channel,
                })
                .collect(),
            stops: stops
                .into_iter()
                .map(|s| StopInfo {
                    date: s.starts_at_local.get(..10).unwrap_or_default().to_string(),
                    day: s.starts_at.div_euclid(HOUR_MICROS * DAY_HOURS),
                    campaigns: campaigns_of.remove(&s.id).unwrap_or_default(),
                    id: s.id,
                    title: s.title,
                    city: s.city,
                    tour: s.tour_id,
                    ambassador: s.ambassador_id,
                    attendance: s.attendance,
                    attendance_source: s.attendance_source,
                })
                .collect(),
            sketches: sketches
                .into_iter()
                .map(|((campaign, touchpoint), sketch)| (campaign, touchpoint, sketch))
                .collect(),
            reporting_currency,
        })
    }

    /// Replaces the impressions of the posts in `rows` (by platform and post) in one
    /// transaction, audited; returns how many rows were written.
    pub async fn import_impressions(
        &self,
        org: OrgId,
        rows: &[ImpressionRow],
        source_file: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<usize> {
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            for row in rows {
                sqlx::query(
                    "INSERT INTO impressions (org_id, campaign_id, platform, post_ref, posted_on, touchpoint_id, \
                       engagement_id, impressions, reach, source_file, imported_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (org_id, platform, post_ref) DO UPDATE SET campaign_id = excluded.campaign_id, \
                       posted_on = excluded.posted_on, touchpoint_id = excluded.touchpoint_id, \
                       engagement_id = excluded.engagement_id, impressions = excluded.impressions, \
                       reach = excluded.reach, source_file = excluded.source_file, imported_at = excluded.imported_at",
                )
                .bind(org.0)
                .bind(row.campaign.0)
                .bind(row.platform.as_str())
                .bind(&row.post_ref)
                .bind(row.posted_on.to_string())
                .bind(row.touchpoint)
                .bind(row.engagement)
                .bind(row.impressions)
                .bind(row.reach)
                .bind(source_file)
                .bind(now.unix_micros())
                .execute(&mut *tx)
                .await?;
            }
            insert_audit!(
                &mut *tx,
                org,
                actor,
                AuditAction::ImpressionsImported,
                source_file,
                None,
                Some(json!({ "rows": rows.len() })),
                now
            )
            .await?;
            tx.commit().await?;
            Ok(rows.len())
        })
    }

    /// Sets the attendance of engagements (each row replaces what was there), in one
    /// transaction, audited.
    pub async fn import_attendance(
        &self,
        org: OrgId,
        rows: &[AttendanceRow],
        source_file: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<usize> {
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            for row in rows {
                let changed = sqlx::query(
                    "UPDATE engagements SET attendance = $3, attendance_source = $4 \
                     WHERE org_id = $1 AND id = $2",
                )
                .bind(org.0)
                .bind(row.engagement)
                .bind(row.attendance)
                .bind(row.source.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed == 0 {
                    return Err(StoreError::NotFound);
                }
            }
            bump_content_version!(&mut *tx).await?;
            insert_audit!(
                &mut *tx,
                org,
                actor,
                AuditAction::AttendanceImported,
                source_file,
                None,
                Some(json!({ "rows": rows.len() })),
                now
            )
            .await?;
            tx.commit().await?;
            Ok(rows.len())
        })
    }
}

/// A report's figures counted again from the raw rows (visits, actions, gifts), for the page
/// that shows the records behind a figure and for checking the rollups.
#[derive(Debug, Default)]
pub struct RawFigures {
    pub visits: i64,
    pub scans: i64,
    pub links: i64,
    /// Distinct (day, visitor id) pairs: what the sketches estimate.
    pub visitor_days: i64,
    /// Actions by (kind, status).
    pub actions: Vec<(String, String, i64)>,
    pub gifts: Vec<ReceivedGiftRow>,
}

/// Which raw rows a [`RawFigures`] counts: one campaign, optionally one stop (a record's own
/// engagement, else its touchpoint's), over `[from, to)`.
#[derive(Debug, Clone, Copy)]
pub struct RawScope {
    pub org: OrgId,
    pub campaign: i64,
    pub engagement: Option<i64>,
    pub from: Timestamp,
    pub to: Timestamp,
}

impl Store {
    /// Counts a report's figures from the raw rows: slow on purpose (a scan), never on a
    /// dashboard's path.
    pub async fn raw_figures(&self, scope: RawScope) -> StoreResult<RawFigures> {
        let (org, campaign, engagement) = (scope.org.0, scope.campaign, scope.engagement);
        let (from, to) = (scope.from.unix_micros(), scope.to.unix_micros());
        let (visits, scans, links): (i64, i64, i64) = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT COUNT(*), \
                   CAST(COALESCE(SUM(CASE WHEN v.source = 'scan' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                   CAST(COALESCE(SUM(CASE WHEN v.source = 'link' THEN 1 ELSE 0 END), 0) AS BIGINT) \
                 FROM visits v LEFT JOIN touchpoints t ON t.id = v.touchpoint_id \
                 WHERE v.org_id = $1 AND v.campaign_id = $2 AND v.device <> 'bot' \
                   AND ($3 IS NULL OR t.engagement_id = $3) AND v.at >= $4 AND v.at < $5",
            )
            .bind(org)
            .bind(campaign)
            .bind(engagement)
            .bind(from)
            .bind(to)
            .fetch_one(p)
            .await
        })?;
        let visitor_days: i64 = with_reader!(self, |p| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM (SELECT DISTINCT v.at / 86400000000 AS day, v.visitor_id \
                   FROM visits v LEFT JOIN touchpoints t ON t.id = v.touchpoint_id \
                   WHERE v.org_id = $1 AND v.campaign_id = $2 AND v.device <> 'bot' \
                     AND ($3 IS NULL OR t.engagement_id = $3) AND v.at >= $4 AND v.at < $5) AS days",
            )
            .bind(org)
            .bind(campaign)
            .bind(engagement)
            .bind(from)
            .bind(to)
            .fetch_one(p)
            .await
        })?;
        let actions: Vec<(String, String, i64)> = with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT a.kind, a.status, COUNT(*) FROM actions a \
                 LEFT JOIN touchpoints t ON t.id = a.touchpoint_id \
                 WHERE a.org_id = $1 AND a.campaign_id = $2 \
                   AND ($3 IS NULL OR COALESCE(a.engagement_id, t.engagement_id) = $3) \
                   AND a.created_at >= $4 AND a.created_at < $5 \
                 GROUP BY a.kind, a.status ORDER BY a.kind, a.status",
            )
            .bind(org)
            .bind(campaign)
            .bind(engagement)
            .bind(from)
            .bind(to)
            .fetch_all(p)
            .await
        })?;
        let gifts: Vec<ReceivedGiftRow> = with_reader!(self, |p| {
            sqlx::query_as(concat!(
                "SELECT g.amount_minor, g.currency, g.refunded_minor, ",
                lost_in_disputes!(),
                " AS lost_minor, g.reporting_minor, g.reporting_currency, \
                   COALESCE(g.subscription_ref, g.payment_ref) AS donor_key \
                 FROM gifts g LEFT JOIN touchpoints t ON t.org_id = g.org_id AND t.code = g.touchpoint_code \
                 WHERE g.org_id = $1 AND g.campaign_id = $2 AND g.status = 'succeeded' \
                   AND g.amount_minor IS NOT NULL AND g.currency IS NOT NULL \
                   AND ($3 IS NULL OR COALESCE(g.engagement_id, t.engagement_id) = $3) \
                   AND g.paid_at >= $4 AND g.paid_at < $5"
            ))
            .bind(org)
            .bind(campaign)
            .bind(engagement)
            .bind(from)
            .bind(to)
            .fetch_all(p)
            .await
        })?;
        Ok(RawFigures {
            visits,
            scans,
            links,
            visitor_days,
            actions,
            gifts,
        })
    }
}
