//! Hourly rollups (migration 0012) that reports read instead of raw rows: visits and actions
//! are added to them in the transactions that write the rows; a gift's hour is recomputed from
//! the gifts in every transaction that changes one (a gift changes in too many ways — status,
//! refunds, disputes, attribution, its value — for increments to stay right).
//!
//! Each function runs inside the caller's open transaction, whichever backend it is.

use std::collections::{BTreeMap, BTreeSet};

use super::change::lock_org;
use super::db::{query, query_scalar, Tx};
use super::gifts::lost_in_disputes;
use super::visits::NewVisit;
use super::visits::VisitSource;
use super::StoreResult;
use crate::domain::ids::OrgId;
use crate::domain::time::Timestamp;
use crate::domain::visit::DeviceClass;

/// Microseconds in an hour: `hour` keys are `at / HOUR_MICROS`.
pub const HOUR_MICROS: i64 = 3_600_000_000;

/// Adds a batch of visits to `visit_hours`: one row per (organization, campaign, touchpoint or
/// 0, hour) with its counts, summed before the statement (an upsert may not touch a row twice).
pub(super) async fn add_visit_hours(tx: &mut Tx, visits: &[NewVisit]) -> StoreResult<()> {
    let mut hours: BTreeMap<(i64, i64, i64, i64), [i64; 4]> = BTreeMap::new();
    for v in visits {
        let key = (
            v.org_id.0,
            v.campaign_id.0,
            v.touchpoint_id.unwrap_or(0),
            v.at.unix_micros().div_euclid(HOUR_MICROS),
        );
        let counts = hours.entry(key).or_default();
        if v.device == DeviceClass::Bot {
            counts[3] += 1;
        } else {
            counts[0] += 1;
            match v.source {
                VisitSource::Scan => counts[1] += 1,
                VisitSource::Link => counts[2] += 1,
                VisitSource::Page => {}
            }
        }
    }
    let rows: Vec<_> = hours.into_iter().collect();
    for chunk in rows.chunks(500) {
        let mut upsert = query(
                "INSERT INTO visit_hours (org_id, campaign_id, touchpoint_id, hour, people, scans, links, bots) ",
            );
        upsert.push_values(chunk, |mut row, ((org, campaign, touchpoint, hour), c)| {
            row.push_bind(*org)
                .push_bind(*campaign)
                .push_bind(*touchpoint)
                .push_bind(*hour)
                .push_bind(c[0])
                .push_bind(c[1])
                .push_bind(c[2])
                .push_bind(c[3]);
        });
        upsert.push(
                " ON CONFLICT (org_id, campaign_id, touchpoint_id, hour) DO UPDATE SET \
                 people = visit_hours.people + excluded.people, scans = visit_hours.scans + excluded.scans, \
                 links = visit_hours.links + excluded.links, bots = visit_hours.bots + excluded.bots",
            );
        upsert.execute(&mut *tx).await?;
    }
    Ok(())
}

/// Adds `$8` actions to one `action_hours` key ($1–$7: [`ActionHourKey`] and the status). Run
/// by [`bump_action_hour`] and by the SQLite action writer's own connection.
pub(super) const BUMP_ACTION_HOUR: &str =
    "INSERT INTO action_hours (org_id, campaign_id, touchpoint_id, engagement_id, hour, kind, status, count) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (org_id, campaign_id, touchpoint_id, engagement_id, hour, kind, status) \
     DO UPDATE SET count = action_hours.count + excluded.count";

/// Adds `delta` actions to one `action_hours` key.
pub(super) async fn bump_action_hour(
    tx: &mut Tx,
    key: &ActionHourKey,
    status: &str,
    delta: i64,
) -> StoreResult<()> {
    query(BUMP_ACTION_HOUR)
        .bind(key.org)
        .bind(key.campaign)
        .bind(key.touchpoint)
        .bind(key.engagement)
        .bind(key.hour)
        .bind(key.kind)
        .bind(status)
        .bind(delta)
        .execute(tx)
        .await?;
    Ok(())
}

/// Where an action counts in `action_hours` (0: no touchpoint, no engagement).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionHourKey {
    pub org: i64,
    pub campaign: i64,
    pub touchpoint: i64,
    pub engagement: i64,
    pub hour: i64,
    pub kind: &'static str,
}

impl ActionHourKey {
    pub fn new(
        org: i64,
        campaign: i64,
        touchpoint: Option<i64>,
        engagement: Option<i64>,
        created_at_micros: i64,
        kind: &'static str,
    ) -> Self {
        Self {
            org,
            campaign,
            touchpoint: touchpoint.unwrap_or(0),
            engagement: engagement.unwrap_or(0),
            hour: created_at_micros.div_euclid(HOUR_MICROS),
            kind,
        }
    }
}

/// Recomputes a campaign's `action_hours` from its actions (after moderation or expiry, which
/// move many actions at once).
pub(super) async fn recount_action_hours(tx: &mut Tx, campaign: i64) -> StoreResult<()> {
    query("DELETE FROM action_hours WHERE campaign_id = $1")
        .bind(campaign)
        .execute(&mut *tx)
        .await?;
    query(
            "INSERT INTO action_hours (org_id, campaign_id, touchpoint_id, engagement_id, hour, kind, status, count) \
             SELECT org_id, campaign_id, COALESCE(touchpoint_id, 0), COALESCE(engagement_id, 0), \
               created_at / 3600000000, kind, status, COUNT(*) FROM actions WHERE campaign_id = $1 \
             GROUP BY org_id, campaign_id, COALESCE(touchpoint_id, 0), COALESCE(engagement_id, 0), \
               created_at / 3600000000, kind, status",
        )
        .bind(campaign)
        .execute(tx)
        .await?;
    Ok(())
}

/// Recomputes the `gift_hours` of `org` for each hour in `hours` from the gifts paid in that
/// hour (recomputing a gift's hour covers a change of campaign or attribution too; a change of
/// its payment time needs the hour it left as well). `gifts` counts the gifts with money kept:
/// one refunded in full or lost in a dispute stays out of the count (its money already does).
pub(super) async fn refresh_gift_hours(
    tx: &mut Tx,
    org: i64,
    hours: BTreeSet<i64>,
) -> StoreResult<()> {
    if !hours.is_empty() {
        // One refresher per organization at a time: taken after this transaction's own
        // changes, so whichever refreshes last reads every committed change (PostgreSQL;
        // SQLite has one writer anyway).
        lock_org(tx, OrgId(org)).await?;
    }
    for hour in hours {
        query("DELETE FROM gift_hours WHERE org_id = $1 AND hour = $2")
            .bind(org)
            .bind(hour)
            .execute(&mut *tx)
            .await?;
        query(concat!(
                "INSERT INTO gift_hours (org_id, campaign_id, touchpoint_code, engagement_id, hour, currency, \
                   reporting_currency, gifts, kept_minor, reporting_minor, unvalued) \
                 SELECT org_id, campaign_id, touchpoint_code, engagement_id, $2, currency, reporting_currency, \
                   CAST(SUM(CASE WHEN kept > 0 THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(kept) AS BIGINT), \
                   CAST(SUM(CASE WHEN reporting_minor IS NULL OR amount_minor = 0 THEN 0 \
                     ELSE (2 * reporting_minor * kept + amount_minor) / (2 * amount_minor) END) AS BIGINT), \
                   CAST(SUM(CASE WHEN reporting_minor IS NULL THEN 1 ELSE 0 END) AS BIGINT) \
                 FROM (SELECT r.*, CASE WHEN r.owed > 0 THEN r.owed ELSE 0 END AS kept FROM \
                       (SELECT g.org_id, g.campaign_id, COALESCE(g.touchpoint_code, '') AS touchpoint_code, \
                         COALESCE(g.engagement_id, 0) AS engagement_id, g.currency, \
                         COALESCE(g.reporting_currency, '') AS reporting_currency, g.amount_minor, g.reporting_minor, \
                         g.amount_minor - g.refunded_minor - ",
                lost_in_disputes!(),
                " AS owed \
                       FROM gifts g WHERE g.org_id = $1 AND g.paid_at >= $3 AND g.paid_at < $4 \
                         AND g.status = 'succeeded' AND g.campaign_id IS NOT NULL \
                         AND g.amount_minor IS NOT NULL AND g.currency IS NOT NULL) AS r) AS received \
                 GROUP BY org_id, campaign_id, touchpoint_code, engagement_id, currency, reporting_currency"
            ))
            .bind(org)
            .bind(hour)
            .bind(hour * HOUR_MICROS)
            .bind((hour + 1) * HOUR_MICROS)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The hour a gift (`provider`, `payment_ref`) is counted under now, if it exists and was paid:
/// a change that moves the gift recomputes that hour too.
pub(super) async fn counted_hour(
    tx: &mut Tx,
    org: OrgId,
    provider: &str,
    payment_ref: &str,
) -> StoreResult<Option<i64>> {
    let paid_at: Option<Option<i64>> = query_scalar(
        "SELECT paid_at FROM gifts WHERE org_id = $1 AND provider = $2 AND payment_ref = $3",
    )
    .bind(org.0)
    .bind(provider)
    .bind(payment_ref)
    .fetch_optional(tx)
    .await?;
    Ok(paid_at.flatten().map(|at| at.div_euclid(HOUR_MICROS)))
}

/// The hours of `org`'s gifts changed at `now` (every change to a gift sets `updated_at`),
/// and `moved_hours` (where changed gifts were counted before), recomputed.
pub(super) async fn refresh_gift_hours_changed_at(
    tx: &mut Tx,
    org: i64,
    now: Timestamp,
    moved_hours: impl IntoIterator<Item = i64>,
) -> StoreResult<()> {
    let hours: Vec<i64> = query_scalar(
        "SELECT DISTINCT paid_at / 3600000000 FROM gifts \
             WHERE org_id = $1 AND updated_at = $2 AND paid_at IS NOT NULL",
    )
    .bind(org)
    .bind(now.unix_micros())
    .fetch_all(&mut *tx)
    .await?;
    let mut hours: BTreeSet<i64> = hours.into_iter().collect();
    hours.extend(moved_hours);
    refresh_gift_hours(tx, org, hours).await
}
