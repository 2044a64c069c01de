//! Gifts on the public pages: the donate form, the start of a checkout with the organization's
//! payment provider (Stripe Checkout, or the local test provider), and the thank-you page the
//! provider sends the donor back to. The gift itself is recorded from the provider's signed
//! webhook events, never from the donor's browser.
//!
//! Card testing is stopped before the provider sees it: a minimum gift per currency (checked
//! here), and the guards of `app::checkouts`.

use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::actions::{language_of, touchpoint, view_of};
use super::forms::{check_token, fresh_token, private_page, TokenRefusal, FORGED_FORM};
use super::not_found;
use super::views::{CampaignView, DonateFormState};
use crate::app::checkouts::{CheckoutError, Checkouts, Donations, NewGift};
use crate::clock;
use crate::domain::checkout::{CheckoutRequest, GiftSource};
use crate::domain::donation::{check_gift, Frequency, GiftProblem};
use crate::domain::language::Language;
use crate::domain::money::Currency;
use crate::domain::supporter;
use crate::i18n;
use crate::web::{client, AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{org}/{campaign}/donate", get(donate_form).post(donate))
        .route("/{org}/{campaign}/gift", get(gift_thanks))
}

#[derive(Deserialize, Default)]
pub struct DonateQuery {
    lang: Option<String>,
    tp: Option<String>,
    currency: Option<String>,
}

/// The donate form as sent.
#[derive(Deserialize)]
struct DonateSubmission {
    token: String,
    #[serde(default)]
    website: String,
    lang: Option<String>,
    tp: Option<String>,
    #[serde(default)]
    pow: String,
    #[serde(default)]
    currency: String,
    /// A preset's value (major units).
    #[serde(default)]
    amount: String,
    /// A typed amount: wins over a preset.
    #[serde(default)]
    other_amount: String,
    #[serde(default)]
    frequency: String,
    #[serde(default)]
    cover_fee: String,
}

async fn donations(state: &AppState, view: &CampaignView) -> Result<Option<Donations>, AppError> {
    Ok(state.checkouts.donations(view.org_id()).await?)
}

fn unavailable(view: &CampaignView, lang: Language) -> Result<Response, AppError> {
    let html = view.render_message(lang, "donate-heading", "error-gift-unavailable")?;
    Ok(private_page(StatusCode::SERVICE_UNAVAILABLE, html))
}

/// `GET /{org}/{campaign}/donate`.
pub async fn donate_form(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    Query(query): Query<DonateQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(view) = view_of(&state, org, campaign).await? else {
        return Ok(not_found(&headers, None));
    };
    let lang = language_of(&view, query.lang.as_deref(), &headers);
    if !view.open() {
        let html = view.render_message(lang, "campaign-ended", "error-ended")?;
        return Ok(private_page(StatusCode::CONFLICT, html));
    }
    let Some(donations) = donations(&state, &view).await? else {
        return unavailable(&view, lang);
    };
    let chosen = query
        .currency
        .as_deref()
        .and_then(|c| Currency::parse(c).ok())
        .and_then(|c| donations.options.option(c));
    let option = chosen.unwrap_or(&donations.options.currencies[0]);
    let route = touchpoint(&state, &view, query.tp.as_deref()).await?;
    let token = fresh_token(&state, view.campaign_id());
    let html = view.render_donate_form(
        lang,
        &DonateFormState {
            token: &token,
            touchpoint: route.as_deref().map(|r| r.code.as_str()),
            options: &donations.options,
            option,
            fee_basis_points: donations.settings.fee_basis_points,
            amount: "",
            other_amount: "",
            monthly: false,
            cover_fee: false,
            problems: Vec::new(),
            pow_bits: supporter::PROOF_OF_WORK_BITS,
        },
    )?;
    Ok(private_page(StatusCode::OK, html))
}

/// The form again with what is wrong, in the donor's language.
fn refuse(
    view: &CampaignView,
    lang: Language,
    donations: &Donations,
    fields: &DonateSubmission,
    token: &str,
    problems: Vec<String>,
    pow_bits: u32,
) -> Result<Response, AppError> {
    let option = Currency::parse(&fields.currency)
        .ok()
        .and_then(|c| donations.options.option(c))
        .unwrap_or(&donations.options.currencies[0]);
    let html = view.render_donate_form(
        lang,
        &DonateFormState {
            token,
            touchpoint: fields.tp.as_deref(),
            options: &donations.options,
            option,
            fee_basis_points: donations.settings.fee_basis_points,
            amount: &fields.amount,
            other_amount: &fields.other_amount,
            monthly: fields.frequency == "monthly",
            cover_fee: !fields.cover_fee.is_empty(),
            problems,
            pow_bits,
        },
    )?;
    Ok(private_page(StatusCode::UNPROCESSABLE_ENTITY, html))
}

/// The donor's words for a problem with the gift.
fn gift_problem_text(lang: Language, problem: &GiftProblem) -> String {
    match problem {
        GiftProblem::Currency(_) => i18n::text(lang, "error-gift-currency"),
        GiftProblem::NotAnAmount(_) => i18n::text(lang, "error-gift-amount"),
        GiftProblem::BelowMinimum(least) => i18n::text_with(
            lang,
            "error-gift-minimum",
            &[("amount", &i18n::price(lang, *least))],
        ),
        GiftProblem::TooLarge(most) => i18n::text_with(
            lang,
            "error-gift-maximum",
            &[("amount", &i18n::price(lang, *most))],
        ),
    }
}

/// `POST /{org}/{campaign}/donate`: checks the gift, then starts the provider's checkout and
/// sends the donor there (303).
pub async fn donate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((org, campaign)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(view) = view_of(&state, org, campaign).await? else {
        return Ok(not_found(&headers, None));
    };
    let fields: DonateSubmission = match serde_urlencoded::from_bytes(&body) {
        Ok(fields) => fields,
        Err(err) => {
            state.metrics.checkout_refused("malformed");
            return Err(AppError::Invalid(vec![format!(
                "The form is not valid: {err}."
            )]));
        }
    };
    let lang = language_of(&view, fields.lang.as_deref(), &headers);
    if !view.open() {
        state.metrics.checkout_refused("campaign_closed");
        return Err(AppError::Conflict(i18n::text(lang, "error-ended")));
    }
    let Some(donations) = donations(&state, &view).await? else {
        state.metrics.checkout_refused("unavailable");
        return unavailable(&view, lang);
    };
    let now = clock::now();
    let address = client::address(peer, &headers, &state.config.trusted_proxies);
    let recent = state.checkouts.recent_from(address, now).await?;
    let pow_bits = Checkouts::work_bits(recent);
    let token = match check_token(&state, view.campaign_id(), &fields.token, now) {
        Ok(token) => token,
        Err(TokenRefusal::Forged) => {
            state.metrics.checkout_refused("forged_token");
            return Err(AppError::BadRequest(FORGED_FORM.into()));
        }
        Err(TokenRefusal::Expired { fresh_token }) => {
            state.metrics.checkout_refused("too_old");
            let problems = vec![i18n::text(lang, "error-too-old")];
            return refuse(
                &view,
                lang,
                &donations,
                &fields,
                &fresh_token,
                problems,
                pow_bits,
            );
        }
    };
    if !fields.website.is_empty() {
        state.metrics.checkout_refused("honeypot");
        return Err(AppError::BadRequest(
            "This form was filled in by a program, not a person.".into(),
        ));
    }
    let amount = if fields.other_amount.trim().is_empty() {
        fields.amount.as_str()
    } else {
        fields.other_amount.as_str()
    };
    let frequency = if fields.frequency == "monthly" {
        Frequency::Monthly
    } else {
        Frequency::Once
    };
    let gift = match check_gift(
        &donations.options,
        u16::try_from(donations.settings.fee_basis_points).unwrap_or(0),
        amount,
        &fields.currency,
        frequency,
        !fields.cover_fee.is_empty(),
    ) {
        Ok(gift) => gift,
        Err(problem) => {
            state.metrics.checkout_refused(match problem {
                GiftProblem::BelowMinimum(_) => "below_minimum",
                _ => "invalid_gift",
            });
            let problems = vec![gift_problem_text(lang, &problem)];
            return refuse(
                &view,
                lang,
                &donations,
                &fields,
                &fields.token,
                problems,
                pow_bits,
            );
        }
    };
    // Past a few checkouts from one address, or while payments fail like card testing, the
    // form's proof of work is required (the page's script solves it; a bot pays in CPU), and
    // the more an address sends, the more work each of its forms must carry.
    // A form back sooner than a person reads it (autofill can be) is asked for the work too.
    let needs_work =
        token.sent_quickly(now) || state.checkouts.needs_work(view.org_id(), recent).await?;
    let worked = supporter::proof_of_work_solved(&fields.token, &fields.pow, pow_bits);
    if (needs_work || state.config.proof_of_work) && !worked {
        state.metrics.checkout_refused("proof_of_work");
        let problems = vec![i18n::text(lang, "error-proof-of-work")];
        return refuse(
            &view,
            lang,
            &donations,
            &fields,
            &fields.token,
            problems,
            pow_bits,
        );
    }
    if let Err(busy) = state
        .checkouts
        .admit(view.campaign_id(), address, now)
        .await?
    {
        state.metrics.checkout_refused(busy.reason);
        return Err(AppError::TooManyRequests {
            retry_after: busy.retry_after,
            message: i18n::text(lang, "error-gift-busy"),
        });
    }
    let route = touchpoint(&state, &view, fields.tp.as_deref()).await?;
    let base = format!("/{}/{}", view.org_slug(), view.campaign_slug());
    let request = CheckoutRequest {
        gift,
        source: GiftSource {
            campaign_slug: view.campaign_slug().to_owned(),
            touchpoint: route.as_ref().map(|r| r.code.clone()),
            engagement: route.as_ref().and_then(|r| r.engagement_id),
        },
        description: view.title(lang).to_owned(),
        language: lang,
        success_url: state.link(&format!(
            "{base}/gift?lang={}&session_id={{CHECKOUT_SESSION_ID}}",
            lang.code()
        )),
        cancel_url: state.link(&format!("{base}/donate?lang={}", lang.code())),
    };
    let new_gift = NewGift {
        org: view.org_id(),
        campaign: view.campaign_id(),
        donations: &donations,
        request: &request,
        idempotency_key: &token.idempotency_key,
        at: now,
    };
    match state.checkouts.start(new_gift).await {
        Ok(next) => Ok(Redirect::to(&next).into_response()),
        Err(CheckoutError::Unavailable) => unavailable(&view, lang),
        Err(CheckoutError::Provider(err)) => {
            tracing::warn!(org = view.org_id().0, error = %err, "no Stripe checkout");
            state.metrics.checkout_refused("provider_error");
            let html = view.render_message(lang, "donate-heading", "error-gift-provider")?;
            Ok(private_page(StatusCode::BAD_GATEWAY, html))
        }
        Err(CheckoutError::Sealed(err)) => Err(AppError::Internal(err.to_string())),
        Err(CheckoutError::Store(err)) => Err(err.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct GiftThanksQuery {
    lang: Option<String>,
}

/// `GET /{org}/{campaign}/gift`: where the provider sends the donor after paying. It says
/// thank you and nothing more: the gift counts once the provider's signed event says so.
pub async fn gift_thanks(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    Query(query): Query<GiftThanksQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(view) = view_of(&state, org, campaign).await? else {
        return Ok(not_found(&headers, None));
    };
    let lang = language_of(&view, query.lang.as_deref(), &headers);
    Ok(private_page(
        StatusCode::OK,
        view.render_thanks(
            lang,
            ("gift-thanks-heading", "gift-thanks-text"),
            None,
            &state.base_url,
        )?,
    ))
}
