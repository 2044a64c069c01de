//! Making a campaign live: the checklist of `domain::go_live` over what the store holds, which
//! the staff page shows and both the page and the API enforce.

use crate::domain::campaign::{CampaignContent, CampaignStatus};
use crate::domain::go_live::{Check, Readiness};
use crate::domain::language::Language;
use crate::i18n;
use crate::store::{Campaign, Org, Store, StoreResult};

/// What `campaign`, with its text `contents`, has and lacks before it goes live.
pub async fn checklist(
    store: &Store,
    org: &Org,
    campaign: &Campaign,
    contents: &[(Language, CampaignContent)],
) -> StoreResult<Vec<Check>> {
    let takes_gifts = store.payment_settings(org.id).await?.is_some();
    Ok(Readiness {
        kind: campaign.settings.kind,
        languages: &org.languages,
        contents,
        has_money_goal: campaign.settings.goal_money.is_some(),
        has_hero_image: campaign.hero_image_id.is_some(),
        takes_gifts,
    }
    .checklist())
}

/// Why `campaign` may not move to `to`: each required line of its checklist not met, as a
/// sentence in the staff interface's `language`; empty when it may (only a draft going live
/// is checked).
pub async fn refusals(
    store: &Store,
    org: &Org,
    campaign: &Campaign,
    to: CampaignStatus,
    language: Language,
) -> StoreResult<Vec<String>> {
    if campaign.status != CampaignStatus::Draft || to != CampaignStatus::Live {
        return Ok(Vec::new());
    }
    let contents = store
        .campaign_contents(campaign.org_id, campaign.id)
        .await?;
    Ok(checklist(store, org, campaign, &contents)
        .await?
        .into_iter()
        .filter(|check| check.required && !check.met)
        .map(|check| {
            let need = i18n::go_live_need(language, check.need);
            i18n::staff_with(language, "go-live-refused", &[("need", &need)])
        })
        .collect())
}
