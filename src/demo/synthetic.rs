//! Synthetic activity for the demo's five-stop tour, labelled as such everywhere it shows
//! (supporters are "Synthetic supporter N" at `synthetic.chorus.example`, gifts are
//! `synthetic-N` with a note): visits around each concert through its venue QR code and on the
//! campaign page, pledges and sign-ups from some of those visitors, gifts at each stop, and
//! impressions for the social posts. The same generator fills the report benchmark's
//! 10 million visits; a seed makes it repeatable.
//!
//! Everything goes through the store's own write paths (batched visits with their sketches,
//! the action writer's batches, offline gifts), so the rollups are kept as in production.

use crate::domain::audit::Actor;
use crate::domain::email::Email;
use crate::domain::ids::OrgId;
use crate::domain::impressions::{ImpressionRow, Platform};
use crate::domain::language::Language;
use crate::domain::money::{Currency, Money};
use crate::domain::offline::{Method, OfflineGift};
use crate::domain::supporter::{ActionInput, ActionKind};
use crate::domain::time::Timestamp;
use crate::domain::touchpoint::Channel;
use crate::domain::visit::DeviceClass;
use crate::store::{
    NewAction, NewOfflineGift, NewVisit, Store, StoreError, StoreResult, VisitSource,
};

/// How much activity to make.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub visits: usize,
    pub actions: usize,
    pub gifts: usize,
    /// The share of pledges confirmed by email (each confirmation is its own transaction).
    pub confirmed: f64,
}

/// The demo's: enough for every report to have something to show, quick to make at start.
pub const DEMO: Scale = Scale {
    visits: 6_000,
    actions: 600,
    gifts: 120,
    confirmed: 0.6,
};

const VISITS_PER_BATCH: usize = 10_000;
const ACTIONS_PER_BATCH: usize = 256;
const MESSAGES: [&str; 5] = [
    "Safe roads for everyone.",
    "For my grandmother, who walked.",
    "Count me in!",
    "Nobody should have to risk their life to be safe.",
    "Thank you for singing this.",
];

/// A stop of the tour as the generator needs it.
struct Stop {
    engagement: i64,
    touchpoint: i64,
    code: String,
    starts_at: i64,
    language: Language,
}

/// A visitor id as Chorus makes them: the same person has another id every day (the day's
/// secret changes), so the same pick on two days is two ids.
fn visitor_id(rng: &mut fastrand::Rng, pool: u64, at: i64) -> String {
    let day = at.div_euclid(86_400_000_000) as u64;
    let person = rng.u64(..pool);
    format!(
        "{:016x}",
        (person ^ day.wrapping_mul(0xbf58_476d_1ce4_e5b9)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    )
}

/// Fills the demo organization's tour campaign with `scale`'s activity; `report` hears what
/// is being made (for a progress line).
pub async fn fill(
    store: &Store,
    org: OrgId,
    scale: Scale,
    seed: u64,
    now: Timestamp,
    report: impl Fn(&str),
) -> StoreResult<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let touchpoints = store.touchpoints(org).await?;
    let engagements = store.engagements(org, None).await?;
    let mut stops: Vec<Stop> = touchpoints
        .iter()
        .filter(|t| t.channel == Channel::VenueQr)
        .filter_map(|t| {
            let engagement = engagements.iter().find(|e| Some(e.id) == t.engagement_id)?;
            let language = match engagement.settings.country.as_str() {
                "MX" | "ES" => Language::Es,
                "DE" | "GB" | "US" => Language::En,
                "FR" => Language::Fr,
                _ => Language::En,
            };
            Some(Stop {
                engagement: engagement.id.0,
                touchpoint: t.id,
                code: t.code.clone(),
                starts_at: engagement.settings.starts_at.unix_micros(),
                language,
            })
        })
        .collect();
    stops.sort_by_key(|s| s.starts_at);
    let Some(campaign) = touchpoints
        .iter()
        .find(|t| t.channel == Channel::VenueQr)
        .map(|t| t.campaign_id)
    else {
        return Err(StoreError::Corrupt(
            "demo data: the tour has no venue codes".into(),
        ));
    };
    let actor = Actor {
        user_id: None,
        label: "synthetic demo data".into(),
    };
    let hour = 3_600_000_000_i64;
    // A time around a stop: most within four hours of the concert, the rest over five days.
    let moment = |rng: &mut fastrand::Rng, stop: &Stop| {
        if rng.f64() < 0.7 {
            stop.starts_at + rng.i64(0..4 * hour)
        } else {
            stop.starts_at + rng.i64(0..120 * hour)
        }
    };

    // Visits: nine in ten through the venue codes, the rest on the campaign page directly.
    let pool = (scale.visits as u64 * 4 / 5).max(1);
    let mut batch = Vec::with_capacity(VISITS_PER_BATCH);
    for n in 0..scale.visits {
        let stop = &stops[n % stops.len()];
        let direct = rng.f64() < 0.1;
        let bot = rng.f64() < 0.02;
        let at = moment(&mut rng, stop);
        batch.push(NewVisit {
            org_id: org,
            touchpoint_id: (!direct).then_some(stop.touchpoint),
            campaign_id: campaign,
            at: Timestamp::from_unix_micros(at),
            language: stop.language,
            source: if direct {
                VisitSource::Page
            } else {
                VisitSource::Scan
            },
            device: if bot {
                DeviceClass::Bot
            } else if rng.f64() < 0.9 {
                DeviceClass::Mobile
            } else {
                DeviceClass::Desktop
            },
            referrer_host: None,
            visitor_id: if bot {
                String::new()
            } else {
                visitor_id(&mut rng, pool, at)
            },
        });
        if batch.len() == VISITS_PER_BATCH || n + 1 == scale.visits {
            store.insert_visits(&batch).await?;
            batch.clear();
            report(&format!("{} of {} visits", n + 1, scale.visits));
        }
    }

    // Pledges (four in five) and sign-ups, a few with a message.
    let mut actions = Vec::with_capacity(ACTIONS_PER_BATCH);
    let mut recorded = Vec::new();
    for n in 0..scale.actions {
        let stop = &stops[n % stops.len()];
        let email = Email::parse(&format!("supporter{n}@synthetic.chorus.example"))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let kind = if n % 5 == 4 {
            ActionKind::Subscription
        } else {
            ActionKind::Pledge
        };
        let message = if rng.f64() < 0.1 {
            MESSAGES[rng.usize(..MESSAGES.len())].to_string()
        } else {
            String::new()
        };
        actions.push(NewAction {
            org_id: org,
            campaign_id: campaign,
            kind,
            input: ActionInput {
                name: format!("Synthetic supporter {n}"),
                email,
                country: "XX".into(),
                message,
                show_name: rng.f64() < 0.3,
            },
            language: stop.language,
            touchpoint_id: (rng.f64() < 0.9).then_some(stop.touchpoint),
            engagement_id: Some(stop.engagement),
            consent_text: "Synthetic demo data: no consent was given by a real person.".into(),
            idempotency_key: format!("synthetic-{seed}-{n}"),
            address_tag: format!("{:016x}", rng.u64(..)),
            held: false,
            at: Timestamp::from_unix_micros(moment(&mut rng, stop) + 5 * 60_000_000),
        });
        if actions.len() == ACTIONS_PER_BATCH || n + 1 == scale.actions {
            for result in store.record_actions(&actions).await {
                let done = result?;
                recorded.push(done.action_id);
            }
            actions.clear();
            report(&format!("{} of {} actions", n + 1, scale.actions));
        }
    }
    let confirmations = (recorded.len() as f64 * scale.confirmed) as usize;
    for id in recorded.iter().take(confirmations) {
        store.confirm_action(*id, now).await?;
    }

    // Gifts at each stop, recorded as they would be entered by staff (offline, at the stop).
    let euro = Currency::parse("EUR").map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let dollar = Currency::parse("USD").map_err(|e| StoreError::Corrupt(e.to_string()))?;
    for (index, stop) in stops.iter().enumerate() {
        let share = scale.gifts / stops.len() + usize::from(index < scale.gifts % stops.len());
        let gifts: Vec<OfflineGift> = (0..share)
            .map(|n| {
                let amount = [1_000, 2_500, 5_000, 10_000][rng.usize(..4)];
                let currency = if rng.f64() < 0.15 { dollar } else { euro };
                OfflineGift {
                    reference: format!("synthetic-{seed}-{index}-{n}"),
                    campaign: String::new(),
                    engagement: Some(stop.engagement),
                    touchpoint: Some(stop.code.clone()),
                    method: Method::Other,
                    amount: Money {
                        minor: amount,
                        currency,
                    },
                    received_on: Timestamp::from_unix_micros(stop.starts_at).utc_date(),
                    note: "Synthetic demo gift".into(),
                }
            })
            .collect();
        let new: Vec<NewOfflineGift<'_>> = gifts
            .iter()
            .map(|gift| NewOfflineGift { gift, campaign })
            .collect();
        for chunk in new.chunks(1_000) {
            store
                .record_offline_gifts(
                    org,
                    chunk,
                    &actor,
                    Timestamp::from_unix_micros(stop.starts_at + 2 * hour),
                )
                .await?;
        }
    }
    report(&format!("{} gifts", scale.gifts));

    // The platforms' own figures for the three social posts of the awareness campaign.
    let posts: Vec<ImpressionRow> = touchpoints
        .iter()
        .filter(|t| t.engagement_id.is_none())
        .enumerate()
        .filter_map(|(n, t)| {
            let platform = match t.channel {
                Channel::InstagramPost => Platform::Instagram,
                Channel::YouTubeDescription => Platform::Youtube,
                _ => return None,
            };
            let first = stops.first()?;
            Some(ImpressionRow {
                campaign: t.campaign_id,
                platform,
                post_ref: format!("synthetic-post-{n}"),
                posted_on: Timestamp::from_unix_micros(first.starts_at).utc_date(),
                touchpoint: Some(t.id),
                engagement: None,
                impressions: 2_400_000 + rng.i64(0..600_000),
                reach: Some(1_100_000 + rng.i64(0..300_000)),
            })
        })
        .collect();
    if !posts.is_empty() {
        store
            .import_impressions(org, &posts, "synthetic demo data", &actor, now)
            .await?;
    }
    Ok(())
}
