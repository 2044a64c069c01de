//! Visits, written in batches, the daily secrets of the visitor id, and the counts staff read.

use sqlx::FromRow;

use super::db::{query, query_as, query_scalar};
use super::rollups::add_visit_hours;
use super::{Store, StoreResult};
use crate::domain::ids::{CampaignId, EngagementId, OrgId};
use crate::domain::language::Language;
use crate::domain::reach::Sketch;
use crate::domain::time::Timestamp;
use crate::domain::visit::{secret_expired, utc_day, DeviceClass};

/// How a visit arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitSource {
    /// The QR code's URL.
    Scan,
    /// The short link, typed or clicked.
    Link,
    /// The campaign page opened directly.
    Page,
}

impl VisitSource {
    pub fn as_str(self) -> &'static str {
        match self {
            VisitSource::Scan => "scan",
            VisitSource::Link => "link",
            VisitSource::Page => "page",
        }
    }
}

/// One visit to record. Nothing in it identifies the visitor beyond one day.
#[derive(Debug, Clone)]
pub struct NewVisit {
    pub org_id: OrgId,
    pub touchpoint_id: Option<i64>,
    pub campaign_id: CampaignId,
    pub at: Timestamp,
    pub language: Language,
    pub source: VisitSource,
    pub device: DeviceClass,
    pub referrer_host: Option<String>,
    /// Empty for bots (they are counted, never identified).
    pub visitor_id: String,
}

/// The non-bot visitor ids of a batch by (organization, touchpoint or 0, campaign, hour).
fn sketch_groups(
    visits: &[NewVisit],
) -> std::collections::BTreeMap<(i64, i64, i64, i64), Vec<&str>> {
    let mut groups: std::collections::BTreeMap<(i64, i64, i64, i64), Vec<&str>> =
        std::collections::BTreeMap::new();
    for v in visits
        .iter()
        .filter(|v| v.device != DeviceClass::Bot && !v.visitor_id.is_empty())
    {
        let key = (
            v.org_id.0,
            v.touchpoint_id.unwrap_or(0),
            v.campaign_id.0,
            v.at.unix_micros().div_euclid(3_600_000_000),
        );
        groups.entry(key).or_default().push(&v.visitor_id);
    }
    groups
}

/// Rows per INSERT statement (10 parameters each, well under both backends' limits).
const ROWS_PER_STATEMENT: usize = 500;

#[derive(FromRow, Clone, Copy)]
struct PeriodRow {
    period: i64,
    people: i64,
    unique_visitors: i64,
    scans: i64,
    links: i64,
    bots: i64,
}

impl PeriodRow {
    fn labelled(self, day: String) -> DailyVisits {
        DailyVisits {
            day,
            people: self.people,
            unique_visitors: self.unique_visitors,
            scans: self.scans,
            links: self.links,
            bots: self.bots,
        }
    }
}

/// Visit counts of one period (a day or an hour, labelled in `day`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyVisits {
    pub day: String,
    pub people: i64,
    pub unique_visitors: i64,
    pub scans: i64,
    pub links: i64,
    pub bots: i64,
}

/// Counts by one dimension (language, device, referrer host).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Breakdown {
    pub key: String,
    pub visits: i64,
}

/// Which visits a count covers.
#[derive(Debug, Clone, Copy)]
pub enum VisitScope {
    Organization,
    Touchpoint(i64),
    Campaign(CampaignId),
    /// Visits through the touchpoints of one engagement.
    Engagement(EngagementId),
}

impl VisitScope {
    /// The three optional filters every visit query takes as $2, $3 and $4.
    fn filters(self) -> (Option<i64>, Option<i64>, Option<i64>) {
        match self {
            VisitScope::Organization => (None, None, None),
            VisitScope::Touchpoint(id) => (Some(id), None, None),
            VisitScope::Campaign(id) => (None, Some(id.0), None),
            VisitScope::Engagement(id) => (None, None, Some(id.0)),
        }
    }
}

/// The filter clause matching [`VisitScope::filters`].
macro_rules! scope_filter {
    () => {
        "org_id = $1 AND ($2 IS NULL OR touchpoint_id = $2) AND ($3 IS NULL OR campaign_id = $3) \
         AND ($4 IS NULL OR touchpoint_id IN (SELECT id FROM touchpoints WHERE engagement_id = $4))"
    };
}

/// Counts over one period (a UTC day or hour) for one scope.
macro_rules! period_counts {
    ($bucket:literal) => {
        concat!(
            "SELECT at / ", $bucket, " AS period, \
               SUM(CASE WHEN device <> 'bot' THEN 1 ELSE 0 END) AS people, \
               COUNT(DISTINCT CASE WHEN device <> 'bot' THEN visitor_id END) AS unique_visitors, \
               SUM(CASE WHEN device <> 'bot' AND source = 'scan' THEN 1 ELSE 0 END) AS scans, \
               SUM(CASE WHEN device <> 'bot' AND source = 'link' THEN 1 ELSE 0 END) AS links, \
               SUM(CASE WHEN device = 'bot' THEN 1 ELSE 0 END) AS bots \
             FROM visits WHERE ", scope_filter!(), " AND at >= $5 GROUP BY at / ", $bucket, " ORDER BY period DESC"
        )
    };
}

impl Store {
    /// Writes a batch of visits in one transaction.
    pub async fn insert_visits(&self, visits: &[NewVisit]) -> StoreResult<()> {
        if visits.is_empty() {
            return Ok(());
        }
        let mut tx = self.write().await?;
        for chunk in visits.chunks(ROWS_PER_STATEMENT) {
            let mut insert = query(
                    "INSERT INTO visits (org_id, touchpoint_id, campaign_id, at, language, source, device, referrer_host, visitor_id) ",
                );
            insert.push_values(chunk, |mut row, v| {
                row.push_bind(v.org_id.0)
                    .push_bind(v.touchpoint_id)
                    .push_bind(v.campaign_id.0)
                    .push_bind(v.at.unix_micros())
                    .push_bind(v.language.code())
                    .push_bind(v.source.as_str())
                    .push_bind(v.device.as_str())
                    .push_bind(v.referrer_host.clone())
                    .push_bind(v.visitor_id.clone());
            });
            insert.execute(&mut tx).await?;
        }
        add_visit_hours(&mut tx, visits).await?;
        // Each hour's sketch is taken with its row lock (the upsert locks the row it meets), so
        // processes writing the same hour wait for each other instead of overwriting each
        // other's visitors; groups come in key order, so two writers never wait on each other.
        let empty = Sketch::default().encode();
        for ((org, touchpoint, campaign, hour), ids) in sketch_groups(visits) {
            let stored: Vec<u8> = query_scalar(
                    "INSERT INTO visit_sketches (org_id, touchpoint_id, campaign_id, hour, sketch) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (org_id, touchpoint_id, campaign_id, hour) DO UPDATE SET sketch = visit_sketches.sketch \
                     RETURNING sketch",
                )
                .bind(org)
                .bind(touchpoint)
                .bind(campaign)
                .bind(hour)
                .bind(empty.as_slice())
                .fetch_one(&mut tx)
                .await?;
            let mut sketch = Sketch::decode(&stored).unwrap_or_default();
            for id in ids {
                sketch.insert(id);
            }
            query(
                "UPDATE visit_sketches SET sketch = $5 \
                     WHERE org_id = $1 AND touchpoint_id = $2 AND campaign_id = $3 AND hour = $4",
            )
            .bind(org)
            .bind(touchpoint)
            .bind(campaign)
            .bind(hour)
            .bind(sketch.encode())
            .execute(&mut tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The secret of `day`, created at random (`fresh`) by whichever process asks first.
    pub async fn day_secret(
        &self,
        day: &str,
        fresh: &[u8],
        now: Timestamp,
    ) -> StoreResult<Vec<u8>> {
        query("INSERT INTO day_secrets (day, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING")
                .bind(day)
                .bind(fresh)
                .bind(now.unix_micros())
                .execute(self.writer())
                .await?;
        query_scalar("SELECT secret FROM day_secrets WHERE day = $1")
            .bind(day)
            .fetch_one(self.writer())
            .await
    }

    /// The day secrets still kept (at most the last three days'), newest first, with their day
    /// (sealed: the web layer opens them).
    pub async fn kept_day_secrets(&self) -> StoreResult<Vec<(String, Vec<u8>)>> {
        query_as("SELECT day, secret FROM day_secrets ORDER BY day DESC")
            .fetch_all(self.reader())
            .await
    }

    /// Replaces the stored form of `day`'s secret (sealing one written before secrets were).
    pub async fn replace_day_secret(&self, day: &str, secret: &[u8]) -> StoreResult<()> {
        query("UPDATE day_secrets SET secret = $2 WHERE day = $1")
            .bind(day)
            .bind(secret)
            .execute(self.writer())
            .await
            .map(|done| done.rows_affected())?;
        Ok(())
    }

    /// Deletes the secrets whose day ended more than 48 hours before `now`; returns how many.
    pub async fn delete_expired_secrets(&self, now: Timestamp) -> StoreResult<u64> {
        let days: Vec<String> = query_scalar("SELECT day FROM day_secrets")
            .fetch_all(self.reader())
            .await?;
        let mut deleted = 0;
        for day in days.iter().filter(|d| secret_expired(d, now)) {
            deleted += query("DELETE FROM day_secrets WHERE day = $1")
                .bind(day)
                .execute(self.writer())
                .await
                .map(|done| done.rows_affected())?;
        }
        Ok(deleted)
    }

    /// The days whose secret still exists.
    pub async fn secret_days(&self) -> StoreResult<Vec<String>> {
        query_scalar("SELECT day FROM day_secrets ORDER BY day")
            .fetch_all(self.reader())
            .await
    }

    /// Visits per UTC day, newest first. People exclude bots; unique visitors are exact within
    /// each day (the visitor id changes every day, by design).
    pub async fn daily_visits(
        &self,
        org: OrgId,
        scope: VisitScope,
    ) -> StoreResult<Vec<DailyVisits>> {
        let rows = self
            .period_rows(
                org,
                scope,
                period_counts!("86400000000"),
                Timestamp::from_unix_micros(0),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                r.labelled(utc_day(Timestamp::from_unix_micros(
                    r.period * 86_400_000_000,
                )))
            })
            .collect())
    }

    /// Visits per UTC hour since `since`, newest first (unique visitors: distinct daily ids).
    pub async fn hourly_visits(
        &self,
        org: OrgId,
        scope: VisitScope,
        since: Timestamp,
    ) -> StoreResult<Vec<DailyVisits>> {
        let rows = self
            .period_rows(org, scope, period_counts!("3600000000"), since)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let start = Timestamp::from_unix_micros(r.period * 3_600_000_000).to_utc_string();
                r.labelled(start.get(..13).map(|h| format!("{h}:00")).unwrap_or(start))
            })
            .collect())
    }

    async fn period_rows(
        &self,
        org: OrgId,
        scope: VisitScope,
        query: &'static str,
        since: Timestamp,
    ) -> StoreResult<Vec<PeriodRow>> {
        let (touchpoint, campaign, engagement) = scope.filters();
        query_as::<PeriodRow>(query)
            .bind(org.0)
            .bind(touchpoint)
            .bind(campaign)
            .bind(engagement)
            .bind(since.unix_micros())
            .fetch_all(self.reader())
            .await
    }

    /// Visits by people (for devices: by everyone) in a scope, grouped by `dimension`.
    pub async fn visit_breakdown(
        &self,
        org: OrgId,
        scope: VisitScope,
        dimension: Dimension,
    ) -> StoreResult<Vec<Breakdown>> {
        let (touchpoint, campaign, engagement) = scope.filters();
        let query = match dimension {
            Dimension::Language => concat!("SELECT language AS key, COUNT(*) AS visits FROM visits WHERE ", scope_filter!(),
                " AND device <> 'bot' GROUP BY language ORDER BY visits DESC, key"),
            Dimension::Device => concat!("SELECT device AS key, COUNT(*) AS visits FROM visits WHERE ", scope_filter!(),
                " GROUP BY device ORDER BY visits DESC, key"),
            Dimension::Channel => concat!(
                "SELECT COALESCE((SELECT t.channel FROM touchpoints t WHERE t.id = visits.touchpoint_id), 'direct') AS key, \
                 COUNT(*) AS visits FROM visits WHERE ",
                scope_filter!(),
                " AND device <> 'bot' GROUP BY 1 ORDER BY visits DESC, key"
            ),
            Dimension::Referrer => concat!("SELECT COALESCE(referrer_host, '') AS key, COUNT(*) AS visits FROM visits WHERE ",
                scope_filter!(), " AND device <> 'bot' GROUP BY COALESCE(referrer_host, '') ORDER BY visits DESC, key LIMIT 20"),
        };
        query_as::<Breakdown>(query)
            .bind(org.0)
            .bind(touchpoint)
            .bind(campaign)
            .bind(engagement)
            .fetch_all(self.reader())
            .await
    }

    /// Distinct daily visitors in a scope over `[from, to)`, merged from the hourly sketches:
    /// (estimate, relative standard error). Across days this counts visitor-days.
    pub async fn estimated_unique_visitors(
        &self,
        org: OrgId,
        scope: VisitScope,
        from: Timestamp,
        to: Timestamp,
    ) -> StoreResult<(f64, f64)> {
        let (touchpoint, campaign, engagement) = scope.filters();
        let sketches: Vec<Vec<u8>> = query_scalar(
                "SELECT sketch FROM visit_sketches WHERE org_id = $1 AND ($2 IS NULL OR touchpoint_id = $2) \
                 AND ($3 IS NULL OR campaign_id = $3) \
                 AND ($4 IS NULL OR touchpoint_id IN (SELECT id FROM touchpoints WHERE engagement_id = $4)) \
                 AND hour >= $5 AND hour < $6",
            )
            .bind(org.0)
            .bind(touchpoint)
            .bind(campaign)
            .bind(engagement)
            .bind(from.unix_micros().div_euclid(3_600_000_000))
            .bind(to.unix_micros().div_euclid(3_600_000_000))
            .fetch_all(self.reader())
            .await?;
        let mut total = Sketch::new();
        for stored in &sketches {
            if let Some(sketch) = Sketch::decode(stored) {
                total.merge(&sketch);
            }
        }
        Ok((total.estimate(), crate::domain::reach::standard_error()))
    }

    /// All visits ever recorded (for tests and the benchmark's loss check).
    pub async fn count_visits(&self) -> StoreResult<i64> {
        query_scalar("SELECT COUNT(*) FROM visits")
            .fetch_one(self.reader())
            .await
    }
}

/// What a visit breakdown groups by.
#[derive(Debug, Clone, Copy)]
pub enum Dimension {
    Language,
    /// The touchpoint's channel (venue QR, stage screen, a post…), or `direct`.
    Channel,
    Device,
    Referrer,
}
