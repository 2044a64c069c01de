//! HTTP: the router, middleware, extractors and handlers. The only layer that knows HTTP.

pub mod api;
pub mod assets;
pub mod client;
pub mod compression;
pub mod connections;
pub mod error;
pub mod health;
pub mod metrics;
pub mod pages;
pub mod paths;
pub mod policy;
pub mod public;
pub mod security;
pub mod serve;
pub mod session;
pub mod state;
pub mod test_checkout;
pub mod webhooks;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{middleware, Router};
use tower_http::timeout::TimeoutLayer;

pub use error::AppError;
pub use state::AppState;

/// Request bodies above this are refused (OWASP ASVS 2.2.1); CSV imports will get their own cap.
pub(super) const MAX_BODY_BYTES: usize = 64 * 1024;
/// A request still running after this is answered 408, so shutdown never waits forever.
pub(super) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Uploads (images, spreadsheets) may exceed the default body limit.
pub(crate) fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(crate::domain::image::MAX_UPLOAD_BYTES + 64 * 1024)
}

/// Every route of Chorus: each part of the web layer contributes its own.
pub fn router(state: AppState) -> Router {
    assets::prepare();
    Router::new()
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(metrics::export))
        .route("/static/{*file}", get(assets::serve))
        .merge(pages::routes())
        .merge(
            api::v1::routes().route_layer(middleware::from_fn_with_state(
                state.clone(),
                api::token_rate,
            )),
        )
        .merge(public::routes())
        .merge(webhooks::routes())
        .merge(test_checkout::routes())
        .fallback(pages::home::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            policy::every_request,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .with_state(state)
}
