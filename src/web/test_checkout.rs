//! The test payments provider's checkout page, `/pay/test/{session}`: a clearly labelled page
//! where a donor of the demo (or a developer) pays with a pretend card. Its outcome is sent as
//! the webhook events Stripe would send, signed with the organization's signing secret and
//! delivered through the same check and store as Stripe's own, so the rest of Chorus cannot
//! tell them apart. No money moves and no Stripe account is needed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use axum::Router;
use serde::Deserialize;

use crate::app::payments::webhook_secrets;
use crate::auth::token::random_token;
use crate::clock;
use crate::domain::donation::Frequency;
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::language::Language;
use crate::domain::money::{Currency, Money};
use crate::domain::stripe_signature;
use crate::domain::test_checkout::{TestCheckout, TestOutcome};
use crate::i18n;
use crate::store::{CheckoutRow, Org};
use crate::web::public::{not_found, Frame};
use crate::web::webhooks;
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/pay/test/{session}", get(show).post(finish))
}

const PROVIDER: &str = "test";

#[derive(Template)]
#[template(path = "public/test_checkout.html")]
struct TestCheckoutPage<'a> {
    lang: Language,
    frame: Frame<'a>,
    heading: String,
    title: String,
    amount: String,
    monthly: bool,
    session: &'a str,
    cancel_url: &'a str,
    message: Option<&'a str>,
}

impl TestCheckoutPage<'_> {
    fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key)
    }
}

/// A test checkout with what its page and events need.
struct Loaded {
    row: CheckoutRow,
    checkout: TestCheckout,
    org: Org,
    campaign_title: String,
    lang: Language,
}

async fn load(state: &AppState, session: &str) -> Result<Option<Loaded>, AppError> {
    let Some(row) = state.store.checkout(PROVIDER, session).await? else {
        return Ok(None);
    };
    let org = OrgId(row.org_id);
    let (Some(org_row), Some(campaign)) = (
        state.store.org_by_id(org).await?,
        state
            .store
            .campaign(org, CampaignId(row.campaign_id))
            .await?,
    ) else {
        return Ok(None);
    };
    let currency = Currency::parse(&row.currency)
        .map_err(|_| AppError::Internal("a checkout's currency does not parse".into()))?;
    let mut metadata = vec![("campaign", campaign.settings.slug.clone())];
    if let Some(tp) = &row.touchpoint_code {
        metadata.push(("touchpoint", tp.clone()));
    }
    if let Some(engagement) = row.engagement_id {
        metadata.push(("engagement", engagement.to_string()));
    }
    metadata.push(("gift_minor", row.gift_minor.to_string()));
    metadata.push(("fee_cover_minor", row.fee_cover_minor.to_string()));
    let checkout = TestCheckout {
        session_ref: row.session_ref.clone(),
        frequency: if row.frequency == "monthly" {
            Frequency::Monthly
        } else {
            Frequency::Once
        },
        total: Money {
            minor: row.gift_minor + row.fee_cover_minor,
            currency,
        },
        metadata,
    };
    let lang = Language::parse(&row.language).unwrap_or(org_row.default_language);
    // The campaign as the donor saw it: its title in their language, else in any language.
    let contents = state.store.campaign_contents(org, campaign.id).await?;
    let title = contents
        .iter()
        .find(|(language, _)| *language == lang)
        .or(contents.first())
        .map(|(_, content)| content.title.clone())
        .filter(|title| !title.is_empty());
    Ok(Some(Loaded {
        checkout,
        org: org_row,
        campaign_title: title.unwrap_or(campaign.settings.theme),
        lang,
        row,
    }))
}

fn page(loaded: &Loaded, status: StatusCode, message: Option<&str>) -> Result<Response, AppError> {
    let heading = i18n::text(loaded.lang, "donate-heading");
    let html = TestCheckoutPage {
        lang: loaded.lang,
        frame: Frame::new(
            &loaded.org,
            format!(
                "{} · {}",
                i18n::text(loaded.lang, "test-checkout-title"),
                loaded.org.name
            ),
            Vec::new(),
        ),
        heading,
        title: loaded.campaign_title.clone(),
        amount: i18n::price(loaded.lang, loaded.checkout.total),
        monthly: loaded.checkout.frequency == Frequency::Monthly,
        session: &loaded.row.session_ref,
        cancel_url: &loaded.row.cancel_url,
        message,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

/// Where the donor goes after paying: the checkout's success address, as Stripe fills it in.
fn success_url(row: &CheckoutRow) -> String {
    row.success_url
        .replace("{CHECKOUT_SESSION_ID}", &row.session_ref)
}

/// `GET /pay/test/{session}`.
pub async fn show(
    State(state): State<AppState>,
    Path(session): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(loaded) = load(&state, &session).await? else {
        return Ok(not_found(&headers, None));
    };
    if loaded.row.completed_at.is_some() {
        return Ok(Redirect::to(&success_url(&loaded.row)).into_response());
    }
    page(&loaded, StatusCode::OK, None)
}

#[derive(Deserialize)]
pub struct OutcomeForm {
    outcome: String,
}

/// `POST /pay/test/{session}`: pays (once) or declines, by sending the provider's events.
pub async fn finish(
    State(state): State<AppState>,
    Path(session): Path<String>,
    headers: HeaderMap,
    Form(form): Form<OutcomeForm>,
) -> Result<Response, AppError> {
    let Some(loaded) = load(&state, &session).await? else {
        return Ok(not_found(&headers, None));
    };
    let outcome = match form.outcome.as_str() {
        "paid" => TestOutcome::Paid,
        "declined" => TestOutcome::Declined,
        _ => return Err(AppError::BadRequest("Choose to pay or to decline.".into())),
    };
    let now = clock::now();
    if outcome == TestOutcome::Paid
        && !state
            .store
            .complete_checkout(PROVIDER, &session, now)
            .await?
    {
        // Paid already: a second click pays nothing.
        return Ok(Redirect::to(&success_url(&loaded.row)).into_response());
    }
    deliver(&state, &loaded, outcome, now.unix_seconds()).await?;
    match outcome {
        TestOutcome::Paid => Ok(Redirect::to(&success_url(&loaded.row)).into_response()),
        TestOutcome::Declined => page(
            &loaded,
            StatusCode::PAYMENT_REQUIRED,
            Some(&i18n::text(loaded.lang, "test-checkout-declined")),
        ),
    }
}

/// Signs each event as Stripe does and delivers it through the webhook's own check and store.
async fn deliver(
    state: &AppState,
    loaded: &Loaded,
    outcome: TestOutcome,
    created: i64,
) -> Result<(), AppError> {
    let org = OrgId(loaded.row.org_id);
    let settings = state
        .store
        .payment_settings(org)
        .await?
        .ok_or_else(|| AppError::Internal("the test provider has no settings".into()))?;
    let secrets = webhook_secrets(&state.payment_keys, org, &settings)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let secret = secrets
        .first()
        .ok_or_else(|| AppError::Internal("the test provider has no signing secret".into()))?;
    let events = loaded.checkout.events(outcome, created, || {
        format!("evt_test_chorus_{}", random_token().replace(['-', '_'], ""))
    });
    for body in events {
        let signature = stripe_signature::sign(secret, created, body.as_bytes());
        if let Err(reason) =
            webhooks::receive(state, org, Some(&signature), body.as_bytes()).await?
        {
            return Err(AppError::Internal(format!(
                "a test event was refused: {reason}"
            )));
        }
    }
    Ok(())
}
