//! The one layer every request goes through: refuse cross-site writes, then answer (errors told
//! in the browser's language), compress the
//! answer, then add the security headers and count and time the request. One layer, not three: each layer costs a
//! service clone and a boxed future per request, and this runs on every redirect. Short links,
//! answered before the router (`web::serve`), get the same finish.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::compression::{compress_answer, Coding};
use super::error::told_in;
use super::session::staff_language_of;
use super::{metrics, security, AppState};

pub async fn every_request(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let (method, route) = metrics::labels(&request);
    let path = request.uri().path();
    let staff_page = path.starts_with("/admin") || path.starts_with("/api/");
    let coding = Coding::preferred(request.headers());
    let response = if security::is_cross_site_write(&request, &state) {
        security::cross_site_refusal()
    } else {
        let language = staff_language_of(request.headers());
        told_in(language, next.run(request)).await
    };
    let response = compress_answer(coding, response).await;
    finish(&state, response, staff_page, method, route, started)
}

/// What every answer gets, however it was made: the security headers, and its count and time
/// under its method and route template.
pub fn finish(
    state: &AppState,
    mut response: Response,
    staff_page: bool,
    method: &'static str,
    route: &'static str,
    started: Instant,
) -> Response {
    security::add_headers(response.headers_mut(), staff_page, state.https());
    let status = response.status().as_u16();
    let seconds = started.elapsed().as_secs_f64();
    state.metrics.observe(method, route, status, seconds);
    tracing::debug!(route, status, elapsed_ms = seconds * 1000.0, "request");
    response
}
