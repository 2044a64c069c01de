//! Imports of reach figures placed in the organization: a post's short link becomes its
//! touchpoint (and that touchpoint's stop); an attendance row's engagement must be the
//! organization's own. Shared by `/admin` and `chorus import`.

use std::collections::HashMap;

use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::impressions::{AttendanceRow, ImpressionRow, Platform, SocialPost};
use crate::domain::spreadsheet::{row_problem, RowProblem};
use crate::store::{Store, StoreResult};

/// The posts as rows to store in `campaign`. A short link that is not one of the
/// organization's codes is left unattributed (posts link to many things).
pub async fn place_posts(
    store: &Store,
    org: OrgId,
    campaign: CampaignId,
    platform: Platform,
    posts: &[SocialPost],
) -> StoreResult<Vec<ImpressionRow>> {
    let touchpoints: HashMap<String, (i64, Option<i64>)> = store
        .touchpoints(org)
        .await?
        .into_iter()
        .map(|t| (t.code, (t.id, t.engagement_id.map(|e| e.0))))
        .collect();
    Ok(posts
        .iter()
        .map(|post| {
            let placed = post
                .short_code
                .as_ref()
                .and_then(|code| touchpoints.get(code))
                .copied();
            ImpressionRow {
                campaign,
                platform,
                post_ref: post.post_ref.clone(),
                posted_on: post.posted_on,
                touchpoint: placed.map(|(id, _)| id),
                engagement: placed.and_then(|(_, engagement)| engagement),
                impressions: post.impressions,
                reach: post.reach,
            }
        })
        .collect())
}

/// Every row whose engagement is not one of the organization's.
pub async fn foreign_engagements(
    store: &Store,
    org: OrgId,
    rows: &[AttendanceRow],
) -> StoreResult<Vec<RowProblem>> {
    let known: std::collections::HashSet<i64> = store
        .engagements(org, None)
        .await?
        .into_iter()
        .map(|e| e.id.0)
        .collect();
    Ok(rows
        .iter()
        .filter(|r| !known.contains(&r.engagement))
        .map(|r| {
            row_problem(
                r.line,
                "engagement",
                format!(
                    "there is no event {} in this organization (its number is in the address of its page)",
                    r.engagement
                ),
            )
        })
        .collect())
}
