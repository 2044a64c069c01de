//! `POST /webhooks/stripe/{org}`: Stripe's events for one organization. The signature is checked
//! exactly as Stripe specifies (`domain::stripe_signature`) against the organization's signing
//! secrets; a genuine delivery is stored once per event id, durably, before Stripe gets its 200,
//! and processed from the store by `app::payments` (so a slow step never makes Stripe retry). Anything else gets
//! 400 with the reason (JSON), is logged, counted in `/metrics`, and changes nothing.

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;
use serde_json::json;

use crate::clock;
use crate::domain::ids::OrgId;
use crate::domain::stripe_signature;
use crate::store::ReceivedEvent;
use crate::web::api::ApiError;
use crate::web::pages::payments::webhook_secrets;
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/webhooks/stripe/{org}",
        post(stripe).layer(DefaultBodyLimit::max(MAX_EVENT_BYTES)),
    )
}

/// Stripe's events are small, but an invoice with many lines can pass the general 64 KB cap.
pub const MAX_EVENT_BYTES: usize = 1024 * 1024;

/// The part of an event needed to keep it.
#[derive(Deserialize)]
struct EventHead {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    /// Always present in Stripe's deliveries; optional so that a minimal event still keeps.
    created: Option<i64>,
}

pub async fn stripe(
    State(state): State<AppState>,
    Path(org_slug): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(org) = state.store.org_by_slug(&org_slug).await? else {
        return Err(ApiError(AppError::NotFound));
    };
    let signature = headers
        .get("stripe-signature")
        .and_then(|h| h.to_str().ok());
    match receive(&state, org.id, signature, &body).await? {
        Ok(first) => {
            let reply = json!({ "received": true, "duplicate": !first });
            Ok((StatusCode::OK, axum::Json(reply)).into_response())
        }
        Err(reason) => {
            tracing::warn!(org = %org_slug, %reason, "refused a Stripe webhook delivery");
            state.metrics.webhooks_refused.inc();
            Err(ApiError(AppError::BadRequest(reason)))
        }
    }
}

/// Checks one delivery's signature against the organization's signing secrets and keeps it:
/// `Ok(true)` the first time its event id arrives, `Ok(false)` for a repeat, `Err(reason)` when
/// refused (nothing kept). The test provider's checkout page delivers through here too.
pub async fn receive(
    state: &AppState,
    org: OrgId,
    signature: Option<&str>,
    body: &[u8],
) -> Result<Result<bool, String>, AppError> {
    let settings = state.store.payment_settings(org).await?;
    let secrets = match &settings {
        Some(settings) => webhook_secrets(state, org, settings)?,
        None => Vec::new(),
    };
    if secrets.is_empty() {
        return Ok(Err(
            "This organization has no webhook signing secret set in Chorus.".into(),
        ));
    }
    let Some(header) = signature else {
        return Ok(Err("The Stripe-Signature header is missing.".into()));
    };
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let now_secs = clock::now().unix_seconds();
    if let Err(err) = stripe_signature::verify(header, body, &secrets, now_secs) {
        return Ok(Err(format!("Signature refused: {err}.")));
    }
    let Ok(payload) = std::str::from_utf8(body) else {
        return Ok(Err("The body is not UTF-8 JSON.".into()));
    };
    let head: EventHead = match serde_json::from_str(payload) {
        Ok(head) => head,
        Err(err) => return Ok(Err(format!("The body is not a Stripe event: {err}."))),
    };
    let event = ReceivedEvent {
        provider: "stripe",
        event_id: &head.id,
        event_type: &head.event_type,
        created: head.created,
        payload,
    };
    let first = state
        .store
        .record_payment_event(org, &event, clock::now())
        .await?;
    if first {
        state.payment_events_kept.notify_one();
    } else {
        tracing::info!(org = org.0, event = %head.id, "a Stripe event delivered again");
    }
    Ok(Ok(first))
}
