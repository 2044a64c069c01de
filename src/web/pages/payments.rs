//! `/admin/{org}/payments`: the organization's payment provider and its keys (owners and
//! admins). Keys are checked, sealed before they reach the store, and never shown again: the
//! page says only whether each is set and how it ends. Also the gifts and the latest webhook
//! deliveries.

use axum::routing::get;
use axum::Router;
use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{redirect_with_notice, render_with, Layout};
use crate::app::payments::webhook_secrets;
use crate::auth::token::random_token;
use crate::clock;
use crate::domain::donation::{
    parse_fee_percent, percent_text, DonationOptions, DEFAULT_FEE_BASIS_POINTS, DEFAULT_OPTIONS,
};
use crate::domain::money::{Currency, Money};
use crate::domain::payment::{
    check_publishable_key, check_secret_key, check_webhook_secrets, secret_key_context,
    webhook_secrets_context, KeyError, Provider,
};
use crate::domain::time::Timestamp;
use crate::store::{GiftRow, PaymentEventRow, PaymentSettings};
use crate::web::session::CsrfForm;
use crate::web::session::{grants, Allowed};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/{org}/payments", get(show).post(save))
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct SettingsForm {
    provider: String,
    #[serde(default)]
    publishable_key: String,
    /// Empty keeps the key already set.
    #[serde(default)]
    secret_key: String,
    /// One per line; empty keeps the ones already set.
    #[serde(default)]
    webhook_secrets: String,
    #[serde(default)]
    donation_options: String,
    #[serde(default)]
    fee_percent: String,
    #[serde(default)]
    reporting_currency: String,
}

struct EventLine {
    row: PaymentEventRow,
    received: String,
}

/// A gift as staff read it: amounts in the gift's currency, formatted.
struct GiftLine {
    payment_ref: String,
    status: String,
    amount: String,
    refunded: String,
    lost: String,
    open_disputes: i64,
    campaign: String,
    monthly: bool,
    /// In the reporting currency, with the rate's day; or why not yet.
    reporting: String,
}

impl GiftLine {
    fn of(row: GiftRow, campaigns: &HashMap<i64, String>) -> Self {
        let currency = row
            .currency
            .as_deref()
            .and_then(|c| Currency::parse(c).ok());
        let money = |minor: i64| match currency {
            Some(currency) => Money { minor, currency }.display(),
            None => "—".to_owned(),
        };
        let reporting = match (row.reporting_minor, row.reporting_currency.as_deref()) {
            (Some(minor), Some(code)) => match Currency::parse(code) {
                Ok(currency) => format!(
                    "{} ({}; {})",
                    Money { minor, currency }.display(),
                    row.rate_day.as_deref().unwrap_or_default(),
                    row.rate_note.as_deref().unwrap_or_default()
                ),
                Err(_) => String::new(),
            },
            _ if row.status == "succeeded" => "no rate for its day yet".to_owned(),
            _ => String::new(),
        };
        Self {
            monthly: row.subscription_ref.is_some(),
            reporting,
            amount: row.amount_minor.map_or_else(|| "—".to_owned(), money),
            refunded: if row.refunded_minor > 0 {
                money(row.refunded_minor)
            } else {
                String::new()
            },
            lost: if row.lost_minor > 0 {
                money(row.lost_minor)
            } else {
                String::new()
            },
            campaign: row
                .campaign_id
                .and_then(|id| campaigns.get(&id).cloned())
                .unwrap_or_default(),
            payment_ref: row.payment_ref,
            status: row.status,
            open_disputes: row.open_disputes,
        }
    }
}

#[derive(Template)]
#[template(path = "pages/payments.html")]
struct PaymentsPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    providers: Vec<&'static str>,
    provider: String,
    publishable_key: String,
    /// "ends in …" of the key set, if any.
    secret_key_hint: Option<String>,
    webhook_secret_count: usize,
    webhook_url: String,
    donation_options: String,
    fee_percent: String,
    reporting_currency: String,
    /// Monthly gifts: (active, ended).
    monthly: (usize, usize),
    /// Set while failed payments are a suspicious share of the recent ones.
    card_testing: Option<String>,
    events: Vec<EventLine>,
    gifts: Vec<GiftLine>,
    notice: Option<String>,
    errors: Vec<String>,
}

pub async fn show(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    page(&state, &member, StatusCode::OK, query.notice, Vec::new()).await
}

async fn page(
    state: &AppState,
    member: &Allowed<grants::ManageMembers>,
    status: StatusCode,
    notice: Option<String>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let settings = state.store.payment_settings(org).await?;
    let secret_key_hint = match settings.as_ref().and_then(|s| s.secret_key_sealed.as_ref()) {
        Some(sealed) => {
            let key = state
                .payment_keys
                .open(sealed, &secret_key_context(org))
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let key: Vec<char> = String::from_utf8_lossy(&key).chars().collect();
            let tail: String = key[key.len().saturating_sub(4)..].iter().collect();
            Some(format!("…{tail}"))
        }
        None => None,
    };
    let webhook_secret_count = match &settings {
        Some(s) => webhook_secrets(&state.payment_keys, org, s)
            .map_err(|e| AppError::Internal(e.to_string()))?
            .len(),
        None => 0,
    };
    let events = state
        .store
        .payment_events(org, 20)
        .await?
        .into_iter()
        .map(|row| EventLine {
            received: Timestamp::from_unix_micros(row.received_at).to_utc_string(),
            row,
        })
        .collect();
    let campaigns: HashMap<i64, String> = state
        .store
        .campaigns(org, true)
        .await?
        .into_iter()
        .map(|c| (c.id.0, c.settings.theme))
        .collect();
    let gifts = state
        .store
        .gifts(org)
        .await?
        .into_iter()
        .map(|row| GiftLine::of(row, &campaigns))
        .collect();
    render_with(
        status,
        &PaymentsPage {
            layout: Layout::org(state, member, &member.staff.t("nav-payments")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            providers: Provider::ALL.iter().map(|p| p.as_str()).collect(),
            provider: settings
                .as_ref()
                .map_or("stripe".to_owned(), |s| s.provider.clone()),
            publishable_key: settings
                .as_ref()
                .map(|s| s.publishable_key.clone())
                .unwrap_or_default(),
            secret_key_hint,
            webhook_secret_count,
            webhook_url: state.link(&format!("/webhooks/stripe/{}", member.org.slug)),
            donation_options: settings
                .as_ref()
                .map_or(DEFAULT_OPTIONS.to_owned(), |s| s.donation_options.clone()),
            fee_percent: percent_text(
                settings
                    .as_ref()
                    .map_or(i32::from(DEFAULT_FEE_BASIS_POINTS), |s| s.fee_basis_points),
            ),
            reporting_currency: settings
                .as_ref()
                .map_or("EUR".to_owned(), |s| s.reporting_currency.clone()),
            monthly: {
                let subscriptions = state.store.gift_subscriptions(org).await?;
                let active = subscriptions
                    .iter()
                    .filter(|s| s.status == "active")
                    .count();
                (active, subscriptions.len() - active)
            },
            card_testing: state
                .checkouts
                .card_testing_alert(org)
                .await?
                .map(|alert| alert.to_string()),
            events,
            gifts,
            notice,
            errors,
        },
    )
}

/// `POST /admin/{org}/payments`: checks every field, then seals and stores them together.
pub async fn save(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let current = state.store.payment_settings(org).await?;
    let checked = match checked(&form, current.as_ref()) {
        Ok(checked) => checked,
        Err(problems) => {
            let errors = problems;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return page(&state, &member, status, None, errors).await;
        }
    };
    // A new key replaces the one set; an empty field keeps it.
    let seal = |plain: String, context: String| {
        state
            .payment_keys
            .seal(plain.as_bytes(), &context)
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    let secret_key_sealed = match checked.secret_key {
        Some(key) => Some(seal(key, secret_key_context(org))?),
        None => current.as_ref().and_then(|c| c.secret_key_sealed.clone()),
    };
    let webhook_secrets_sealed = match checked.webhook_secrets {
        Some(secrets) => Some(seal(secrets.join("\n"), webhook_secrets_context(org))?),
        None => current
            .as_ref()
            .and_then(|c| c.webhook_secrets_sealed.clone()),
    };
    let settings = PaymentSettings {
        provider: checked.provider.as_str().to_owned(),
        publishable_key: checked.publishable_key,
        secret_key_sealed,
        webhook_secrets_sealed,
        donation_options: checked.donation_options.to_text(),
        fee_basis_points: i32::from(checked.fee_basis_points),
        reporting_currency: checked.reporting_currency.code().to_owned(),
    };
    state
        .store
        .save_payment_settings(org, &member.actor(), &settings, clock::now())
        .await?;
    let path = format!("/admin/{}/payments", member.org.slug);
    Ok(redirect_with_notice(
        &path,
        &member.staff.t("payments-saved"),
    ))
}

/// What the form says, checked; `None` keys keep the ones already set.
struct CheckedSettings {
    provider: Provider,
    publishable_key: String,
    secret_key: Option<String>,
    webhook_secrets: Option<Vec<String>>,
    donation_options: DonationOptions,
    fee_basis_points: u16,
    reporting_currency: Currency,
}

/// The form's settings, or every problem with it. Stripe needs both secrets, new or kept; the
/// test provider makes its own signing secret.
fn checked(
    form: &SettingsForm,
    current: Option<&PaymentSettings>,
) -> Result<CheckedSettings, Vec<String>> {
    let mut problems: Vec<String> = Vec::new();
    let mut key_problem = |e: KeyError| problems.push(format!("{e}."));
    let provider = Provider::parse(&form.provider)
        .map_err(&mut key_problem)
        .ok();
    let stripe = provider == Some(Provider::Stripe);
    let publishable_key = if form.publishable_key.trim().is_empty() && !stripe {
        Ok(String::new())
    } else {
        check_publishable_key(&form.publishable_key)
    }
    .map_err(&mut key_problem)
    .ok();
    let secret_key = (!form.secret_key.trim().is_empty())
        .then(|| {
            check_secret_key(&form.secret_key)
                .map_err(&mut key_problem)
                .ok()
        })
        .flatten();
    let mut webhook_secrets = (!form.webhook_secrets.trim().is_empty())
        .then(|| {
            check_webhook_secrets(&form.webhook_secrets)
                .map_err(&mut key_problem)
                .ok()
        })
        .flatten();
    let has_secret_key = current.is_some_and(|c| c.secret_key_sealed.is_some());
    if stripe && form.secret_key.trim().is_empty() && !has_secret_key {
        key_problem(KeyError::Missing {
            field: "Secret key",
        });
    }
    let has_webhook_secrets = current.is_some_and(|c| c.webhook_secrets_sealed.is_some());
    if stripe && form.webhook_secrets.trim().is_empty() && !has_webhook_secrets {
        key_problem(KeyError::Missing {
            field: "Webhook signing secrets",
        });
    }
    if provider == Some(Provider::Test) && webhook_secrets.is_none() && !has_webhook_secrets {
        webhook_secrets = Some(vec![format!("whsec_chorus_test_{}", random_token())]);
    }
    let donation_options = DonationOptions::parse(&form.donation_options)
        .map_err(|found| {
            problems.extend(found.iter().map(|p| format!("{p}.")));
        })
        .ok();
    let fee_basis_points = parse_fee_percent(&form.fee_percent)
        .map_err(|e| problems.push(format!("{e}.")))
        .ok();
    let reporting_currency = Currency::parse(&form.reporting_currency)
        .map_err(|e| problems.push(format!("Reporting currency: {e}.")))
        .ok();
    match (
        provider,
        publishable_key,
        donation_options,
        fee_basis_points,
        reporting_currency,
    ) {
        (
            Some(provider),
            Some(publishable_key),
            Some(donation_options),
            Some(fee_basis_points),
            Some(reporting_currency),
        ) if problems.is_empty() => Ok(CheckedSettings {
            provider,
            publishable_key,
            secret_key,
            webhook_secrets,
            donation_options,
            fee_basis_points,
            reporting_currency,
        }),
        _ => Err(problems),
    }
}
