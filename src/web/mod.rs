//! HTTP: the router, middleware, extractors and handlers. The only layer that knows HTTP.

pub mod api;
pub mod assets;
pub mod client;
pub mod connections;
pub mod error;
pub mod health;
pub mod metrics;
pub mod pages;
pub mod policy;
pub mod public;
pub mod security;
pub mod serve;
pub mod session;
pub mod state;
pub mod test_checkout;
pub mod visits;
pub mod webhooks;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::timeout::TimeoutLayer;

pub use error::AppError;
pub use state::AppState;

/// Request bodies above this are refused (OWASP ASVS 2.2.1); CSV imports will get their own cap.
pub(super) const MAX_BODY_BYTES: usize = 64 * 1024;
/// A request still running after this is answered 408, so shutdown never waits forever.
pub(super) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Every route of Chorus, laid out like its URLs.
pub fn router(state: AppState) -> Router {
    use api::v1;
    use axum::routing::put;
    use pages::{
        account, ambassadors, audit, auth, campaigns, home, invite, live, members, money, payments,
        reconciliation, reports, setup, supporters, touchpoints, tours,
    };
    let upload_limit = DefaultBodyLimit::max(crate::domain::image::MAX_UPLOAD_BYTES + 64 * 1024);
    Router::new()
        .route("/", get(home::landing))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(metrics::export))
        .route("/static/{*file}", get(assets::serve))
        .route("/admin", get(home::choose_org))
        .route("/admin/login", get(auth::login_form).post(auth::login))
        .route("/admin/login/code", post(auth::login_code))
        .route("/admin/account", get(account::show))
        .route(
            "/admin/account/two-factor/begin",
            post(account::begin_two_factor),
        )
        .route(
            "/admin/account/two-factor/confirm",
            post(account::confirm_two_factor),
        )
        .route(
            "/admin/account/two-factor/disable",
            post(account::disable_two_factor),
        )
        .route("/admin/account/password", post(account::change_password))
        .route("/admin/account/email", post(account::change_email))
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
        .route("/admin/{org}/settings", post(home::save_settings))
        .route(
            "/admin/{org}/settings/two-factor",
            post(home::require_two_factor),
        )
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
        .route(
            "/admin/{org}/payments",
            get(payments::show).post(payments::save),
        )
        .route(
            "/webhooks/stripe/{org}",
            post(webhooks::stripe).layer(DefaultBodyLimit::max(webhooks::MAX_EVENT_BYTES)),
        )
        .route(
            "/admin/{org}/campaigns",
            get(campaigns::list).post(campaigns::create),
        )
        .route(
            "/admin/{org}/campaigns/{id}",
            get(campaigns::edit).post(campaigns::update),
        )
        .route(
            "/admin/{org}/campaigns/{id}/status",
            post(campaigns::set_status),
        )
        .route(
            "/admin/{org}/campaigns/{id}/transparency",
            post(campaigns::set_transparency),
        )
        .route(
            "/admin/{org}/campaigns/{id}/archive",
            post(campaigns::archive),
        )
        .route(
            "/admin/{org}/campaigns/{id}/content/{lang}",
            post(campaigns::put_content),
        )
        .route(
            "/admin/{org}/campaigns/{id}/ambassadors",
            post(campaigns::set_ambassadors),
        )
        .route(
            "/admin/{org}/campaigns/{id}/hero",
            post(campaigns::upload_hero).layer(upload_limit),
        )
        .route("/admin/{org}/campaigns/{id}/actions", get(supporters::list))
        .route("/admin/{org}/campaigns/{id}/live", get(live::page))
        .route(
            "/admin/{org}/campaigns/{id}/live/moderate",
            post(live::moderate),
        )
        .route(
            "/admin/{org}/campaigns/{id}/live/threshold",
            post(live::set_threshold),
        )
        .route(
            "/admin/{org}/campaigns/{id}/actions.csv",
            get(supporters::export),
        )
        .route(
            "/admin/{org}/campaigns/{id}/actions/moderate",
            post(supporters::moderate),
        )
        .route(
            "/admin/{org}/campaigns/{id}/actions/invalidate",
            post(supporters::invalidate),
        )
        .route(
            "/admin/{org}/ambassadors",
            get(ambassadors::list).post(ambassadors::create),
        )
        .route(
            "/admin/{org}/ambassadors/{id}",
            get(ambassadors::edit).post(ambassadors::rename),
        )
        .route(
            "/admin/{org}/ambassadors/{id}/archive",
            post(ambassadors::archive),
        )
        .route(
            "/admin/{org}/ambassadors/{id}/bio/{lang}",
            post(ambassadors::put_bio),
        )
        .route(
            "/admin/{org}/ambassadors/{id}/appointments",
            post(ambassadors::add_appointment),
        )
        .route(
            "/admin/{org}/ambassadors/{id}/appointments/{appointment}/remove",
            post(ambassadors::remove_appointment),
        )
        .route(
            "/admin/{org}/ambassadors/{id}/channels",
            post(ambassadors::put_channel),
        )
        .route(
            "/admin/{org}/ambassadors/{id}/photo",
            post(ambassadors::upload_photo).layer(upload_limit),
        )
        .route(
            "/admin/{org}/tours",
            get(tours::list).post(tours::create_tour),
        )
        .route(
            "/admin/{org}/tours/{id}",
            get(tours::edit_tour).post(tours::update_tour),
        )
        .route("/admin/{org}/tours/{id}/archive", post(tours::archive_tour))
        .route("/admin/{org}/engagements", post(tours::create_engagement))
        .route(
            "/admin/{org}/engagements/{id}",
            get(tours::edit_engagement).post(tours::update_engagement),
        )
        .route(
            "/admin/{org}/engagements/{id}/campaigns",
            post(tours::set_engagement_campaigns),
        )
        .route(
            "/admin/{org}/engagements/{id}/archive",
            post(tours::archive_engagement),
        )
        .route("/api/v1/orgs/{org}/reports", get(v1::reports::show))
        .route(
            "/api/v1/orgs/{org}/campaigns",
            get(v1::campaigns::list).post(v1::campaigns::create),
        )
        .route(
            "/api/v1/orgs/{org}/campaigns/{id}",
            get(v1::campaigns::show).put(v1::campaigns::update),
        )
        .route(
            "/api/v1/orgs/{org}/campaigns/{id}/content/{lang}",
            put(v1::campaigns::put_content),
        )
        .route(
            "/api/v1/orgs/{org}/campaigns/{id}/status",
            put(v1::campaigns::set_status),
        )
        .route(
            "/api/v1/orgs/{org}/campaigns/{id}/ambassadors",
            put(v1::campaigns::set_ambassadors),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors",
            get(v1::program::ambassadors).post(v1::program::create_ambassador),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}",
            get(v1::program::ambassador).put(v1::program::rename_ambassador),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}/bio/{lang}",
            put(v1::program::put_bio),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}/appointments",
            post(v1::program::add_appointment),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}/channels",
            post(v1::program::put_channel),
        )
        .route(
            "/api/v1/orgs/{org}/tours/{id}",
            get(v1::program::tour).put(v1::program::update_tour),
        )
        .route(
            "/api/v1/orgs/{org}/{kind}/{id}/archived",
            put(v1::program::set_archived),
        )
        .route(
            "/api/v1/orgs/{org}/tours",
            get(v1::program::tours).post(v1::program::create_tour),
        )
        .route(
            "/api/v1/orgs/{org}/engagements",
            get(v1::program::engagements).post(v1::program::create_engagement),
        )
        .route(
            "/api/v1/orgs/{org}/engagements/{id}",
            get(v1::program::engagement).put(v1::program::update_engagement),
        )
        .route(
            "/api/v1/orgs/{org}/engagements/{id}/campaigns",
            put(v1::program::set_engagement_campaigns),
        )
        .route(
            "/admin/{org}/touchpoints",
            get(touchpoints::list).post(touchpoints::create),
        )
        .route(
            "/admin/{org}/touchpoints/tour",
            post(touchpoints::create_for_tour),
        )
        .route(
            "/admin/{org}/touchpoints/repoint",
            post(touchpoints::repoint),
        )
        .route(
            "/admin/{org}/touchpoints/repoints/{id}/undo",
            post(touchpoints::undo),
        )
        .route("/admin/{org}/touchpoints/{id}", get(touchpoints::show))
        .route(
            "/admin/{org}/touchpoints/{id}/retire",
            post(touchpoints::retire),
        )
        .route(
            "/admin/{org}/touchpoints/{id}/poster",
            get(touchpoints::poster),
        )
        .route("/admin/{org}/reconciliation", get(reconciliation::show))
        .route(
            "/admin/{org}/reconciliation/import",
            post(reconciliation::import).layer(upload_limit),
        )
        .route("/admin/{org}/reports", get(reports::show))
        .route("/admin/{org}/reports.pdf", get(reports::pdf))
        .route("/admin/{org}/reports/method/{figure}", get(reports::method))
        .route("/admin/{org}/reports/{table}", get(reports::export))
        .route(
            "/admin/{org}/reports/impressions",
            post(reports::import_impressions).layer(upload_limit),
        )
        .route(
            "/admin/{org}/reports/attendance",
            post(reports::import_attendance).layer(upload_limit),
        )
        .route("/admin/{org}/money", get(money::show))
        .route("/admin/{org}/money/gifts", post(money::record_gift))
        .route(
            "/admin/{org}/money/import",
            post(money::import_gifts).layer(upload_limit),
        )
        .route(
            "/admin/{org}/money/commitments",
            post(money::record_commitment),
        )
        .route(
            "/admin/{org}/money/commitments/{id}",
            post(money::settle_commitment),
        )
        .route("/t/{code}", get(public::links::follow))
        .route("/t/{code}/q", get(public::links::scan))
        .route("/t/{code}/qr.svg", get(public::links::qr_svg_image))
        .route("/t/{code}/qr.png", get(public::links::qr_png_image))
        .route("/media/{id}", get(public::media))
        .route("/{org}", get(public::org_page))
        .route("/{org}/{campaign}", get(public::campaign_page))
        .route(
            "/{org}/{campaign}/pledge",
            get(public::actions::pledge_form).post(public::actions::pledge),
        )
        .route(
            "/{org}/{campaign}/subscribe",
            get(public::actions::subscribe_form).post(public::actions::subscribe),
        )
        .route("/{org}/{campaign}/thanks", get(public::actions::thanks))
        .route(
            "/{org}/{campaign}/donate",
            get(public::donate::donate_form).post(public::donate::donate),
        )
        .route("/{org}/{campaign}/gift", get(public::donate::gift_thanks))
        .route(
            "/pay/test/{session}",
            get(test_checkout::show).post(test_checkout::finish),
        )
        .route("/{org}/{campaign}/counts", get(public::actions::counts))
        .route("/{org}/{campaign}/live", get(public::live::page))
        .route(
            "/{org}/{campaign}/transparency",
            get(public::transparency::page),
        )
        .route("/{org}/{campaign}/live/events", get(public::live::events))
        .route("/confirm/{token}", get(public::actions::confirm))
        .fallback(home::not_found)
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
