//! The visit figures staff read on a touchpoint, an engagement or a campaign: by day, by hour
//! (last 48 hours), by language, device and referring site, with the counting method's limits.

use crate::clock;
use crate::domain::ids::OrgId;
use crate::domain::language::Language;
use crate::i18n;
use crate::store::{Breakdown, DailyVisits, Dimension, VisitScope};
use crate::web::{AppError, AppState};

/// Rendered by `templates/partials/visits.html`.
pub struct VisitReport {
    pub days: Vec<DailyVisits>,
    pub hours: Vec<DailyVisits>,
    pub languages: String,
    pub channels: String,
    pub devices: String,
    pub referrers: String,
    /// Distinct daily visitors over all days and codes, from the hourly sketches.
    pub estimate: String,
}

fn summary(rows: &[Breakdown]) -> String {
    if rows.is_empty() {
        return "none".into();
    }
    rows.iter()
        .map(|b| {
            format!(
                "{} {}",
                if b.key.is_empty() { "direct" } else { &b.key },
                i18n::number(Language::En, b.visits)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub async fn load(
    state: &AppState,
    org: OrgId,
    scope: VisitScope,
) -> Result<VisitReport, AppError> {
    let since = clock::now().minus(std::time::Duration::from_secs(48 * 3600));
    let breakdown = |d| state.store.visit_breakdown(org, scope, d);
    Ok(VisitReport {
        days: state.store.daily_visits(org, scope).await?,
        hours: state.store.hourly_visits(org, scope, since).await?,
        languages: summary(&breakdown(Dimension::Language).await?),
        channels: summary(&breakdown(Dimension::Channel).await?),
        devices: summary(&breakdown(Dimension::Device).await?),
        referrers: summary(&breakdown(Dimension::Referrer).await?),
        estimate: {
            let (estimate, error) = state
                .store
                .estimated_unique_visitors(
                    org,
                    scope,
                    crate::domain::time::Timestamp::from_unix_micros(0),
                    clock::now().plus(std::time::Duration::from_secs(3600)),
                )
                .await?;
            format!(
                "about {} (HyperLogLog estimate, ±{:.1} % standard error; a person counts once for each day they visit)",
                i18n::number(Language::En, estimate.round() as i64),
                error * 100.0
            )
        },
    })
}
