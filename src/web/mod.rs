//! HTTP: the router, middleware, extractors and handlers. The only layer that knows HTTP.

pub mod assets;
pub mod error;
pub mod health;
pub mod metrics;
pub mod pages;
pub mod public;
pub mod security;
pub mod session;
pub mod state;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::timeout::TimeoutLayer;

pub use error::AppError;
pub use state::AppState;

/// Request bodies above this are refused (OWASP ASVS 2.2.1); CSV imports will get their own cap.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// A request still running after this is answered 408, so shutdown never waits forever.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Every route of Chorus, laid out like its URLs.
pub fn router(state: AppState) -> Router {
    use pages::{audit, auth, home, invite, members, setup};
    Router::new()
        .route("/", get(home::landing))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(metrics::export))
        .route("/static/{*file}", get(assets::serve))
        .route("/admin", get(home::choose_org))
        .route("/admin/login", get(auth::login_form).post(auth::login))
        .route("/admin/logout", post(auth::logout))
        .route("/admin/logout-everywhere", post(auth::logout_everywhere))
        .route(
            "/admin/setup/{token}",
            get(setup::form).post(setup::create_owner),
        )
        .route(
            "/admin/invite/{token}",
            get(invite::form).post(invite::accept),
        )
        .route("/admin/{org}", get(home::dashboard))
        .route("/admin/{org}/members", get(members::list))
        .route("/admin/{org}/members/invite", post(members::invite))
        .route(
            "/admin/{org}/members/{user_id}/role",
            post(members::change_role),
        )
        .route(
            "/admin/{org}/members/{user_id}/remove",
            post(members::remove),
        )
        .route("/admin/{org}/audit", get(audit::list))
        .route("/media/{id}", get(public::media))
        .route("/{org}", get(public::org_page))
        .route("/{org}/{campaign}", get(public::campaign_page))
        .fallback(home::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::refuse_cross_site_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .with_state(state)
}
