//! Making codes: one under a fresh random code, or one for each stop of a tour that has none
//! yet. The staff pages and the API both make them through here.

use argon2::password_hash::rand_core::{OsRng, RngCore};

use crate::domain::audit::Actor;
use crate::domain::entry::Entry;
use crate::domain::ids::{OrgId, TourId};
use crate::domain::time::Timestamp;
use crate::domain::touchpoint::{Code, TouchpointInput, TouchpointSettings};
use crate::domain::validation::Invalid;
use crate::store::{Engagement, Store, StoreError, StoreResult, Touchpoint};

/// How many fresh codes are drawn before a collision is given up on (each draw has over 40
/// bits: a second collision in a row does not happen).
const DRAWS: usize = 8;

/// Creates a touchpoint under a fresh random code, drawing again on the rare collision.
pub async fn create_with_new_code(
    store: &Store,
    org: OrgId,
    settings: &TouchpointSettings,
    actor: &Actor,
    now: Timestamp,
) -> StoreResult<Touchpoint> {
    let mut last = None;
    for _ in 0..DRAWS {
        let mut random = [0u8; 32];
        OsRng.fill_bytes(&mut random);
        let Some(code) = Code::from_random(&random) else {
            continue;
        };
        match store
            .create_touchpoint(org, &code, settings, actor, now)
            .await
        {
            Err(err) if err.is_conflict_on("touchpoints") => last = Some(err),
            made => return made,
        }
    }
    Err(last.unwrap_or(StoreError::Conflict {
        constraint: "touchpoints_code".into(),
    }))
}

/// What came of making a code for each stop of a tour.
pub enum StopCodes {
    /// The codes made, and the stops that already had one (of this campaign and channel).
    Made {
        created: Vec<Touchpoint>,
        kept: Vec<Engagement>,
    },
    Refused(Invalid),
}

/// One code of `campaign` and `channel` for each stop of `tour` that has none yet, labelled
/// with the stop's city and day: running it again after adding stops makes codes for the new
/// stops only. NotFound if the tour or the campaign is not the organization's.
pub async fn codes_for_stops(
    store: &Store,
    org: OrgId,
    tour: TourId,
    campaign: &Entry<i64>,
    channel: &str,
    actor: &Actor,
    now: Timestamp,
) -> StoreResult<StopCodes> {
    store.tour(org, tour).await?.ok_or(StoreError::NotFound)?;
    let stops = store.engagements(org, Some(tour)).await?;
    let existing = store.touchpoints(org).await?;
    let wanted = campaign.read("Campaign").ok().flatten();
    let has_code = |stop: &Engagement| {
        existing.iter().any(|t| {
            !t.retired
                && t.engagement_id == Some(stop.id)
                && wanted == Some(t.campaign_id.0)
                && t.channel.as_str() == channel.trim()
        })
    };
    let (mut created, mut kept) = (Vec::new(), Vec::new());
    for stop in stops {
        if has_code(&stop) {
            kept.push(stop);
            continue;
        }
        let input = TouchpointInput {
            campaign_id: campaign.clone(),
            engagement_id: Entry::Given(stop.id.0),
            channel: channel.to_owned(),
            label: format!(
                "{}, {}",
                stop.settings.city,
                stop.settings.starts_at_local.strftime("%Y-%m-%d")
            ),
        };
        let settings = match input.validate() {
            Ok(settings) => settings,
            Err(invalid) => return Ok(StopCodes::Refused(invalid)),
        };
        created.push(create_with_new_code(store, org, &settings, actor, now).await?);
    }
    Ok(StopCodes::Made { created, kept })
}
