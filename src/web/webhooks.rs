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
use serde_json::json;

use crate::app::payments;
use crate::domain::ids::OrgId;
use crate::web::api::ApiError;
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

/// [`app::payments::keep_delivery`] with this server's store, key and processor.
pub async fn receive(
    state: &AppState,
    org: OrgId,
    signature: Option<&str>,
    body: &[u8],
) -> Result<Result<bool, String>, AppError> {
    let kept = &state.payment_events_kept;
    Ok(payments::keep_delivery(
        &state.store,
        &state.payment_keys,
        kept,
        org,
        signature,
        body,
    )
    .await?)
}
