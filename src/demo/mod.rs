//! `chorus serve --demo`: a fictional organization with sample data, so every screen has
//! something to show. Every name here is invented; later parts of Chorus add their own data.

mod content;
pub mod synthetic;

use crate::auth::sealed::Sealer;
use crate::auth::{password, token};
use crate::domain::ambassador::{AppointmentInput, ChannelInput};
use crate::domain::audit::Actor;
use crate::domain::campaign::{CampaignInput, CampaignStatus, ContentInput};
use crate::domain::donation::{DEFAULT_FEE_BASIS_POINTS, DEFAULT_OPTIONS};
use crate::domain::email::Email;
use crate::domain::engagement::{EngagementInput, TourInput};
use crate::domain::entry::Entry;
use crate::domain::ids::OrgId;
use crate::domain::language::Language;
use crate::domain::org::{OrgName, OrgSlug};
use crate::domain::password::NewPassword;
use crate::domain::payment::{webhook_secrets_context, Provider};
use crate::domain::role::Role;
use crate::domain::time::Timestamp;
use crate::domain::touchpoint::{Channel, Code, TouchpointSettings};
use crate::store::{PaymentSettings, Store, StoreError};

pub const DEMO_SLUG: &str = "demo";
pub const DEMO_ORG_NAME: &str = "Safe Passage Alliance (demo)";
pub const DEMO_LOGIN_EMAIL: &str = "owner@demo.chorus.example";

/// Invented staff of the demo organization (`.example` addresses never deliver mail).
const DEMO_STAFF: &[(&str, Role)] = &[
    ("campaigns@demo.chorus.example", Role::CampaignManager),
    ("tour@demo.chorus.example", Role::AmbassadorTeam),
    ("board@demo.chorus.example", Role::Viewer),
];

/// The staff login printed at start.
#[derive(Clone)]
pub struct DemoLogin {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for DemoLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoLogin")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// Creates the demo organization if missing (with its tour's synthetic activity unless told
/// not to); the owner's password is new at every start.
pub async fn seed(
    store: &Store,
    sealer: &Sealer,
    with_activity: bool,
    now: Timestamp,
) -> Result<DemoLogin, StoreError> {
    let login_password = token::random_token()[..20].to_owned();
    let login_hash = hash(&login_password)?;
    let owner_email = demo_email(DEMO_LOGIN_EMAIL)?;
    let owner = match store.user_by_email(&owner_email).await? {
        Some(user) => {
            store.set_password_hash(user.id, &login_hash).await?;
            user
        }
        None => store.create_user(&owner_email, &login_hash, now).await?,
    };
    if store.org_by_slug(DEMO_SLUG).await?.is_none() {
        let slug = OrgSlug::parse(DEMO_SLUG).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let name = OrgName::parse(DEMO_ORG_NAME).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let actor = Actor {
            user_id: None,
            label: "demo".into(),
        };
        let org = store.create_org(&slug, &name, &actor, now).await?;
        store
            .add_member(org.id, &owner, Role::Owner, &actor, now)
            .await?;
        for (email, role) in DEMO_STAFF {
            let email = demo_email(email)?;
            let user = match store.user_by_email(&email).await? {
                Some(user) => user,
                None => {
                    store
                        .create_user(&email, &hash(&token::random_token())?, now)
                        .await?
                }
            };
            store.add_member(org.id, &user, *role, &actor, now).await?;
        }
        seed_program(store, org.id, &actor, now).await?;
        if with_activity {
            synthetic::fill(store, org.id, synthetic::DEMO, 2026, now, |_| {}).await?;
        }
    }
    if let Some(org) = store.org_by_slug(DEMO_SLUG).await? {
        if store.payment_settings(org.id).await?.is_none() {
            seed_payments(store, sealer, org.id, now).await?;
        }
    }
    Ok(DemoLogin {
        email: DEMO_LOGIN_EMAIL.to_owned(),
        password: login_password,
    })
}

/// The test payments provider, so that the demo takes gifts without a Stripe account: its own
/// signing secret, sealed like any organization's.
async fn seed_payments(
    store: &Store,
    sealer: &Sealer,
    org: OrgId,
    now: Timestamp,
) -> Result<(), StoreError> {
    let secret = format!("whsec_chorus_test_{}", token::random_token());
    let sealed = sealer
        .seal(secret.as_bytes(), &webhook_secrets_context(org))
        .map_err(invalid)?;
    let settings = PaymentSettings {
        provider: Provider::Test.as_str().to_owned(),
        publishable_key: String::new(),
        secret_key_sealed: None,
        webhook_secrets_sealed: Some(sealed),
        donation_options: DEFAULT_OPTIONS.to_owned(),
        fee_basis_points: i32::from(DEFAULT_FEE_BASIS_POINTS),
        reporting_currency: "EUR".to_owned(),
    };
    let actor = Actor {
        user_id: None,
        label: "demo".into(),
    };
    store
        .save_payment_settings(org, &actor, &settings, now)
        .await
}

fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("demo data: {e}"))
}

/// The ambassador, her tour and engagements, and three campaigns in five languages.
async fn seed_program(
    store: &Store,
    org: OrgId,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), StoreError> {
    let amara = store
        .create_ambassador(org, "Amara Solène", actor, now)
        .await?;
    for language in Language::ALL {
        store
            .put_ambassador_bio(
                org,
                amara.id,
                language,
                content::biography(language),
                actor,
                now,
            )
            .await?;
    }
    for (title, from, until) in [
        ("Regional goodwill ambassador", "2025-03-01", "2026-01-31"),
        ("Global goodwill ambassador", "2026-02-01", ""),
    ] {
        let appointment = AppointmentInput {
            title: title.into(),
            starts_on: from.into(),
            ends_on: until.into(),
        };
        store
            .add_appointment(
                org,
                amara.id,
                &appointment.validate().map_err(invalid)?,
                actor,
                now,
            )
            .await?;
    }
    for (platform, handle, counts) in [
        (
            "instagram",
            "@amarasolene",
            [("2025-09-01", "7,400,000"), ("2026-03-01", "8,250,000")],
        ),
        (
            "youtube",
            "@AmaraSoleneMusic",
            [("2025-09-01", "3,100,000"), ("2026-03-01", "3,480,000")],
        ),
        (
            "tiktok",
            "@amara.solene",
            [("2025-09-01", "5,900,000"), ("2026-03-01", "7,050,000")],
        ),
        (
            "x",
            "@amarasolene",
            [("2025-09-01", "1,200,000"), ("2026-03-01", "1,260,000")],
        ),
    ] {
        for (day, followers) in counts {
            let channel = ChannelInput {
                platform: platform.into(),
                handle: handle.into(),
                followers: followers.into(),
                recorded_on: day.into(),
            };
            store
                .put_channel(
                    org,
                    amara.id,
                    &channel.validate().map_err(invalid)?,
                    actor,
                    now,
                )
                .await?;
        }
    }

    let mut campaign_ids = Vec::new();
    for (slug, theme, kind, currency, goal, actions, texts, live) in [
        (
            "safe-migration",
            "Safe migration",
            "awareness",
            "",
            "",
            "100000",
            content::safe_migration as fn(Language) -> content::Text,
            true,
        ),
        (
            "open-roads",
            "Open Roads tour fund",
            "fundraising",
            "EUR",
            "500000",
            "",
            content::tour_fund,
            true,
        ),
        (
            "flood-appeal",
            "Flood emergency",
            "emergency_appeal",
            "USD",
            "250000",
            "",
            content::emergency,
            false,
        ),
    ] {
        let input = CampaignInput {
            slug: slug.into(),
            theme: theme.into(),
            kind: kind.into(),
            goal_currency: currency.into(),
            goal_amount: goal.into(),
            goal_actions: actions.into(),
            starts_on: "2026-03-01".into(),
            // Open-ended, as a standing appeal is: a demo never closes by the calendar.
            ends_on: Entry::Empty,
            default_language: "en".into(),
        };
        let campaign = store
            .create_campaign(org, &input.validate().map_err(invalid)?, actor, now)
            .await?;
        for language in Language::ALL {
            let (title, summary, story, cta) = texts(language);
            let text = ContentInput {
                title: title.into(),
                summary: summary.into(),
                story: story.into(),
                call_to_action: cta.into(),
            };
            store
                .put_campaign_content(
                    org,
                    campaign.id,
                    language,
                    &text.validate().map_err(invalid)?,
                    actor,
                    now,
                )
                .await?;
        }
        store
            .set_campaign_ambassadors(org, campaign.id, &[amara.id], actor, now)
            .await?;
        if live {
            store
                .set_campaign_status(org, campaign.id, CampaignStatus::Live, actor, now)
                .await?;
        }
        campaign_ids.push(campaign.id);
    }

    let tour = TourInput {
        name: "Open Roads World Tour".into(),
        ambassador_id: Entry::Given(amara.id.0),
        starts_on: "2026-05-02".into(),
        ends_on: "2026-06-20".into(),
    };
    let tour = store
        .save_tour(org, None, &tour.validate().map_err(invalid)?, actor, now)
        .await?;
    let stops = [
        (
            "concert",
            "Open Roads: New York",
            "Riverside Arena",
            "New York",
            "US",
            "America/New_York",
            "2026-05-02T20:00",
            "21000",
            "20450",
        ),
        (
            "concert",
            "Open Roads: Mexico City",
            "Foro Luz",
            "Mexico City",
            "MX",
            "America/Mexico_City",
            "2026-05-16T21:00",
            "23000",
            "22870",
        ),
        (
            "concert",
            "Open Roads: Barcelona",
            "Palau del Port",
            "Barcelona",
            "ES",
            "Europe/Madrid",
            "2026-05-30T21:30",
            "18000",
            "17640",
        ),
        (
            "concert",
            "Open Roads: London",
            "Thames Hall",
            "London",
            "GB",
            "Europe/London",
            "2026-06-06T19:30",
            "21500",
            "21010",
        ),
        (
            "concert",
            "Open Roads: Berlin",
            "Spreeufer Halle",
            "Berlin",
            "DE",
            "Europe/Berlin",
            "2026-06-20T20:30",
            "19500",
            "19230",
        ),
    ];
    let mut stop_ids = Vec::new();
    for (kind, title, venue, city, country, zone, at, capacity, attendance) in stops {
        let stop = EngagementInput {
            tour_id: Entry::Given(tour.0),
            kind: kind.into(),
            title: title.into(),
            venue: venue.into(),
            city: city.into(),
            country: country.into(),
            time_zone: zone.into(),
            starts_at: at.into(),
            capacity: capacity.into(),
            attendance: attendance.into(),
            attendance_source: "ticket scanner".into(),
        };
        let id = store
            .save_engagement(org, None, &stop.validate().map_err(invalid)?, actor, now)
            .await?;
        store
            .set_engagement_campaigns(org, id, &campaign_ids[..2], actor, now)
            .await?;
        stop_ids.push(id);
    }
    for (kind, title, venue, city, country, zone, at) in [
        (
            "meeting",
            "Meeting with the agency's Director General",
            "Agency headquarters",
            "Geneva",
            "CH",
            "Europe/Zurich",
            "2026-02-03T10:00",
        ),
        (
            "council_session",
            "Council session: song and appointment as global ambassador",
            "Council chamber",
            "Geneva",
            "CH",
            "Europe/Zurich",
            "2026-02-05T15:00",
        ),
    ] {
        let event = EngagementInput {
            kind: kind.into(),
            title: title.into(),
            venue: venue.into(),
            city: city.into(),
            country: country.into(),
            time_zone: zone.into(),
            starts_at: at.into(),
            ..Default::default()
        };
        let id = store
            .save_engagement(org, None, &event.validate().map_err(invalid)?, actor, now)
            .await?;
        store
            .set_engagement_campaigns(org, id, &campaign_ids[..1], actor, now)
            .await?;
        store
            .set_engagement_words(org, id, &content::event_words(kind), actor, now)
            .await?;
    }

    // One venue QR code per stop (sending people to the tour fund), and a few social posts.
    for (n, stop) in stop_ids.iter().enumerate() {
        let settings = TouchpointSettings {
            campaign_id: campaign_ids[1].0,
            engagement_id: Some(stop.0),
            channel: Channel::VenueQr,
            label: "Venue screens and posters".into(),
        };
        store
            .create_touchpoint(org, &demo_code(n)?, &settings, actor, now)
            .await?;
    }
    let posts = [
        (Channel::InstagramPost, "Instagram post: tour announcement"),
        (
            Channel::YouTubeDescription,
            "YouTube: live video description",
        ),
        (Channel::Newsletter, "Newsletter, March"),
    ];
    for (n, (channel, label)) in posts.into_iter().enumerate() {
        let settings = TouchpointSettings {
            campaign_id: campaign_ids[0].0,
            engagement_id: None,
            channel,
            label: label.into(),
        };
        store
            .create_touchpoint(org, &demo_code(10 + n)?, &settings, actor, now)
            .await?;
    }
    Ok(())
}

/// Fixed, readable demo codes (`DEMQ222`, `DEMQ223`, …) so the demo's links stay the same.
fn demo_code(n: usize) -> Result<Code, StoreError> {
    let digits = b"23456789";
    let pick = |i: usize| char::from(digits[i % 8]);
    Code::parse(&format!("DEMQ{}{}{}", pick(n / 64), pick(n / 8), pick(n))).map_err(invalid)
}

fn demo_email(raw: &str) -> Result<Email, StoreError> {
    Email::parse(raw).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn hash(secret: &str) -> Result<String, StoreError> {
    NewPassword::parse(secret)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
        .and_then(|p| password::hash(&p).map_err(|e| StoreError::Corrupt(e.to_string())))
}
