//! What reports read: the hourly rollups summed by day, the stops and touchpoints that place
//! them, imported social impressions, and the visitor sketches of the period; plus the imports
//! of impressions and attendance (a re-import replaces, never adds).

use std::collections::{BTreeSet, HashMap};

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, Query, Tx};
use super::gifts::lost_in_disputes;
use super::payments::reporting_currency_in;
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

/// The hours `[from, to)` a report covers.
#[derive(Clone, Copy)]
struct Hours {
    from: i64,
    to: i64,
}

impl Hours {
    /// Binds `$1` the organization, `$2`–`$3` the hours.
    fn bind<'q, R>(self, org: OrgId, statement: Query<'q, R>) -> Query<'q, R> {
        statement.bind(org.0).bind(self.from).bind(self.to)
    }
}

impl Store {
    /// Everything the reports of `org` over days `[from_day, to_day)` are built from, read in
    /// one transaction: every figure comes from the same state of the database.
    pub async fn report_input(
        &self,
        org: OrgId,
        from_day: i64,
        to_day: i64,
    ) -> StoreResult<ReportInput> {
        let hours = Hours {
            from: from_day * DAY_HOURS,
            to: to_day * DAY_HOURS,
        };
        let mut tx = self.read().await?;
        let input = ReportInput {
            visits: visit_cells(&mut tx, org, hours).await?,
            actions: action_cells(&mut tx, org, hours).await?,
            gifts: gift_cells(&mut tx, org, hours).await?,
            impressions: impression_cells(&mut tx, org).await?,
            commitments: commitment_cells(&mut tx, org).await?,
            touchpoints: touchpoints(&mut tx, org).await?,
            stops: stops(&mut tx, org).await?,
            sketches: sketches(&mut tx, org, hours).await?,
            reporting_currency: reporting_currency_in(&mut tx, org).await?,
        };
        tx.commit().await?;
        Ok(input)
    }
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

#[derive(FromRow)]
struct VisitCellRow {
    campaign: i64,
    touchpoint: i64,
    day: i64,
    people: i64,
    scans: i64,
    links: i64,
}

const VISIT_CELLS: &str =
    "SELECT campaign_id AS campaign, touchpoint_id AS touchpoint, hour / 24 AS day, \
     CAST(SUM(people) AS BIGINT) AS people, CAST(SUM(scans) AS BIGINT) AS scans, \
     CAST(SUM(links) AS BIGINT) AS links \
     FROM visit_hours WHERE org_id = $1 AND hour >= $2 AND hour < $3 \
     GROUP BY campaign_id, touchpoint_id, hour / 24";

async fn visit_cells(tx: &mut Tx, org: OrgId, hours: Hours) -> StoreResult<Vec<VisitCell>> {
    let rows: Vec<VisitCellRow> = hours.bind(org, query_as(VISIT_CELLS)).fetch_all(tx).await?;
    Ok(rows
        .into_iter()
        .map(|r| VisitCell {
            campaign: r.campaign,
            touchpoint: r.touchpoint,
            day: r.day,
            people: r.people,
            scans: r.scans,
            links: r.links,
        })
        .collect())
}

#[derive(FromRow)]
struct ActionCellRow {
    campaign: i64,
    touchpoint: i64,
    engagement: i64,
    day: i64,
    kind: String,
    status: String,
    count: i64,
}

const ACTION_CELLS: &str =
    "SELECT campaign_id AS campaign, touchpoint_id AS touchpoint, engagement_id AS engagement, \
     hour / 24 AS day, kind, status, CAST(SUM(count) AS BIGINT) AS count \
     FROM action_hours WHERE org_id = $1 AND hour >= $2 AND hour < $3 \
     GROUP BY campaign_id, touchpoint_id, engagement_id, hour / 24, kind, status";

async fn action_cells(tx: &mut Tx, org: OrgId, hours: Hours) -> StoreResult<Vec<ActionCell>> {
    let rows: Vec<ActionCellRow> = hours
        .bind(org, query_as(ACTION_CELLS))
        .fetch_all(tx)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ActionCell {
                campaign: r.campaign,
                touchpoint: r.touchpoint,
                engagement: r.engagement,
                day: r.day,
                kind: ActionKind::parse(&r.kind).ok_or_else(|| corrupt("action kind", &r.kind))?,
                status: ActionStatus::parse(&r.status)
                    .ok_or_else(|| corrupt("action status", &r.status))?,
                count: r.count,
            })
        })
        .collect()
}

#[derive(FromRow)]
struct GiftCellRow {
    campaign: i64,
    touchpoint_code: String,
    engagement: i64,
    day: i64,
    currency: String,
    reporting_currency: String,
    gifts: i64,
    kept_minor: i64,
    reporting_minor: i64,
    unvalued: i64,
}

const GIFT_CELLS: &str =
    "SELECT campaign_id AS campaign, touchpoint_code, engagement_id AS engagement, \
     hour / 24 AS day, currency, reporting_currency, CAST(SUM(gifts) AS BIGINT) AS gifts, \
     CAST(SUM(kept_minor) AS BIGINT) AS kept_minor, \
     CAST(SUM(reporting_minor) AS BIGINT) AS reporting_minor, \
     CAST(SUM(unvalued) AS BIGINT) AS unvalued \
     FROM gift_hours WHERE org_id = $1 AND hour >= $2 AND hour < $3 \
     GROUP BY campaign_id, touchpoint_code, engagement_id, hour / 24, currency, reporting_currency";

async fn gift_cells(tx: &mut Tx, org: OrgId, hours: Hours) -> StoreResult<Vec<GiftCell>> {
    let rows: Vec<GiftCellRow> = hours.bind(org, query_as(GIFT_CELLS)).fetch_all(tx).await?;
    Ok(rows
        .into_iter()
        .map(|r| GiftCell {
            campaign: r.campaign,
            touchpoint_code: r.touchpoint_code,
            engagement: r.engagement,
            day: r.day,
            currency: r.currency,
            reporting_currency: r.reporting_currency,
            gifts: r.gifts,
            kept_minor: r.kept_minor,
            reporting_minor: r.reporting_minor,
            unvalued: r.unvalued,
        })
        .collect())
}

#[derive(FromRow)]
struct ImpressionRowStored {
    campaign_id: i64,
    platform: String,
    touchpoint_id: Option<i64>,
    engagement_id: Option<i64>,
    posted_on: String,
    impressions: i64,
    reach: Option<i64>,
}

async fn impression_cells(tx: &mut Tx, org: OrgId) -> StoreResult<Vec<ImpressionCell>> {
    let rows: Vec<ImpressionRowStored> = query_as(
        "SELECT campaign_id, platform, touchpoint_id, engagement_id, posted_on, impressions, reach \
         FROM impressions WHERE org_id = $1",
    )
    .bind(org.0)
    .fetch_all(tx)
    .await?;
    rows.into_iter()
        .map(|i| {
            Ok(ImpressionCell {
                day: day_of_date(&i.posted_on).ok_or_else(|| corrupt("post date", &i.posted_on))?,
                campaign: i.campaign_id,
                platform: i.platform,
                touchpoint: i.touchpoint_id,
                engagement: i.engagement_id,
                impressions: i.impressions,
                reach: i.reach,
            })
        })
        .collect()
}

#[derive(FromRow)]
struct CommitmentCellRow {
    campaign_id: i64,
    engagement_id: Option<i64>,
    announced_on: String,
    currency: String,
    amount_minor: i64,
}

/// Open commitments: promised money, shown beside money received and never added to it.
async fn commitment_cells(tx: &mut Tx, org: OrgId) -> StoreResult<Vec<CommitmentCell>> {
    let rows: Vec<CommitmentCellRow> = query_as(
        "SELECT campaign_id, engagement_id, announced_on, currency, amount_minor \
         FROM commitments WHERE org_id = $1 AND status = 'open'",
    )
    .bind(org.0)
    .fetch_all(tx)
    .await?;
    rows.into_iter()
        .map(|c| {
            Ok(CommitmentCell {
                day: day_of_date(&c.announced_on)
                    .ok_or_else(|| corrupt("announcement date", &c.announced_on))?,
                campaign: c.campaign_id,
                engagement: c.engagement_id,
                currency: c.currency,
                amount_minor: c.amount_minor,
            })
        })
        .collect()
}

#[derive(FromRow)]
struct TouchpointInfoRow {
    id: i64,
    code: String,
    campaign_id: i64,
    engagement_id: Option<i64>,
    channel: String,
}

async fn touchpoints(tx: &mut Tx, org: OrgId) -> StoreResult<Vec<TouchpointInfo>> {
    let rows: Vec<TouchpointInfoRow> = query_as(
        "SELECT id, code, campaign_id, engagement_id, channel FROM touchpoints WHERE org_id = $1",
    )
    .bind(org.0)
    .fetch_all(tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|t| TouchpointInfo {
            id: t.id,
            code: t.code,
            campaign: t.campaign_id,
            engagement: t.engagement_id,
            channel: t.channel,
        })
        .collect())
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
struct StopCampaignRow {
    engagement_id: i64,
    campaign_id: i64,
}

/// The stops not archived, each with the campaigns it is linked to.
async fn stops(tx: &mut Tx, org: OrgId) -> StoreResult<Vec<StopInfo>> {
    let stops: Vec<StopRow> = query_as(
        "SELECT e.id, e.title, e.city, e.starts_at_local, e.starts_at, e.tour_id, \
           t.ambassador_id, e.attendance, e.attendance_source \
         FROM engagements e LEFT JOIN tours t ON t.id = e.tour_id \
         WHERE e.org_id = $1 AND e.archived_at IS NULL",
    )
    .bind(org.0)
    .fetch_all(&mut *tx)
    .await?;
    let links: Vec<StopCampaignRow> = query_as(
        "SELECT l.engagement_id, l.campaign_id FROM engagement_campaigns l \
         JOIN engagements e ON e.id = l.engagement_id WHERE e.org_id = $1",
    )
    .bind(org.0)
    .fetch_all(tx)
    .await?;
    let mut campaigns_of: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for link in links {
        campaigns_of
            .entry(link.engagement_id)
            .or_default()
            .insert(link.campaign_id);
    }
    Ok(stops
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
        .collect())
}

#[derive(FromRow)]
struct SketchRow {
    campaign_id: i64,
    touchpoint_id: i64,
    sketch: Vec<u8>,
}

const SKETCHES: &str = "SELECT campaign_id, touchpoint_id, sketch FROM visit_sketches \
     WHERE org_id = $1 AND hour >= $2 AND hour < $3";

/// The visitor sketches of the period, merged per (campaign, touchpoint).
async fn sketches(tx: &mut Tx, org: OrgId, hours: Hours) -> StoreResult<Vec<(i64, i64, Sketch)>> {
    let rows: Vec<SketchRow> = hours.bind(org, query_as(SKETCHES)).fetch_all(tx).await?;
    let mut merged: HashMap<(i64, i64), Sketch> = HashMap::new();
    for row in &rows {
        if let Some(sketch) = Sketch::decode(&row.sketch) {
            merged
                .entry((row.campaign_id, row.touchpoint_id))
                .or_default()
                .merge(&sketch);
        }
    }
    Ok(merged
        .into_iter()
        .map(|((campaign, touchpoint), sketch)| (campaign, touchpoint, sketch))
        .collect())
}

impl Store {
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
        let mut change = self.change(org, actor, now).await?;
        for row in rows {
            query(
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
                .execute(&mut change)
                .await?;
        }
        change
            .audit(
                AuditAction::ImpressionsImported,
                source_file,
                None,
                Some(json!({ "rows": rows.len() })),
            )
            .await?;
        change.commit().await?;
        Ok(rows.len())
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
        let mut change = self.change(org, actor, now).await?;
        for row in rows {
            let changed = query(
                "UPDATE engagements SET attendance = $3, attendance_source = $4 \
                     WHERE org_id = $1 AND id = $2",
            )
            .bind(org.0)
            .bind(row.engagement)
            .bind(row.attendance)
            .bind(row.source.as_str())
            .execute(&mut change)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
        }
        change
            .audit(
                AuditAction::AttendanceImported,
                source_file,
                None,
                Some(json!({ "rows": rows.len() })),
            )
            .await?;
        change.publish().await?;
        Ok(rows.len())
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

impl RawScope {
    /// Binds the scope as `$1` organization, `$2` campaign, `$3` stop or null, `$4`–`$5` the
    /// period.
    fn bind<'q, R>(&self, statement: Query<'q, R>) -> Query<'q, R> {
        statement
            .bind(self.org.0)
            .bind(self.campaign)
            .bind(self.engagement)
            .bind(self.from.unix_micros())
            .bind(self.to.unix_micros())
    }
}

impl Store {
    /// Counts a report's figures from the raw rows: slow on purpose (a scan), never on a
    /// dashboard's path.
    pub async fn raw_figures(&self, scope: RawScope) -> StoreResult<RawFigures> {
        let mut tx = self.read().await?;
        let (visits, scans, links): (i64, i64, i64) = scope
            .bind(query_as(
                "SELECT COUNT(*), \
                   CAST(COALESCE(SUM(CASE WHEN v.source = 'scan' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                   CAST(COALESCE(SUM(CASE WHEN v.source = 'link' THEN 1 ELSE 0 END), 0) AS BIGINT) \
                 FROM visits v LEFT JOIN touchpoints t ON t.id = v.touchpoint_id \
                 WHERE v.org_id = $1 AND v.campaign_id = $2 AND v.device <> 'bot' \
                   AND ($3 IS NULL OR t.engagement_id = $3) AND v.at >= $4 AND v.at < $5",
            ))
            .fetch_one(&mut tx)
            .await?;
        let (visitor_days,): (i64,) = scope
            .bind(query_as(
                "SELECT COUNT(*) FROM (SELECT DISTINCT v.at / 86400000000 AS day, v.visitor_id \
                   FROM visits v LEFT JOIN touchpoints t ON t.id = v.touchpoint_id \
                   WHERE v.org_id = $1 AND v.campaign_id = $2 AND v.device <> 'bot' \
                     AND ($3 IS NULL OR t.engagement_id = $3) AND v.at >= $4 AND v.at < $5) AS days",
            ))
            .fetch_one(&mut tx)
            .await?;
        let actions: Vec<(String, String, i64)> = scope
            .bind(query_as(
                "SELECT a.kind, a.status, COUNT(*) FROM actions a \
                 LEFT JOIN touchpoints t ON t.id = a.touchpoint_id \
                 WHERE a.org_id = $1 AND a.campaign_id = $2 \
                   AND ($3 IS NULL OR COALESCE(a.engagement_id, t.engagement_id) = $3) \
                   AND a.created_at >= $4 AND a.created_at < $5 \
                 GROUP BY a.kind, a.status ORDER BY a.kind, a.status",
            ))
            .fetch_all(&mut tx)
            .await?;
        let gifts: Vec<ReceivedGiftRow> = scope
            .bind(query_as(concat!(
                "SELECT g.amount_minor, g.currency, g.refunded_minor, ",
                lost_in_disputes!(),
                " AS lost_minor, g.reporting_minor, g.reporting_currency, \
                   COALESCE(g.subscription_ref, g.payment_ref) AS donor_key \
                 FROM gifts g LEFT JOIN touchpoints t ON t.org_id = g.org_id AND t.code = g.touchpoint_code \
                 WHERE g.org_id = $1 AND g.campaign_id = $2 AND g.status = 'succeeded' \
                   AND g.amount_minor IS NOT NULL AND g.currency IS NOT NULL \
                   AND ($3 IS NULL OR COALESCE(g.engagement_id, t.engagement_id) = $3) \
                   AND g.paid_at >= $4 AND g.paid_at < $5"
            )))
            .fetch_all(&mut tx)
            .await?;
        tx.commit().await?;
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
