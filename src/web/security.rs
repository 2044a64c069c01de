//! Security headers on every response, and refusal of cross-site writes (CSRF, first line).
//! The second line is the per-session token every staff form carries (see `session::CsrfForm`).

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::response::{IntoResponse, Response};

use super::{AppError, AppState};

const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self' https://checkout.stripe.com; \
    frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The headers every response carries, built at compile time (this runs on every request).
const FIXED_HEADERS: [(HeaderName, HeaderValue); 6] = [
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    ),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    ),
    (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    ),
];

/// Sets the security headers (OWASP ASVS 3.4) on a response, and `no-store` on staff pages.
/// A stylesheet or a script is never shown as a document, so the headers that govern documents
/// (the policy, framing, referrer, opener, permissions) do nothing on it; it gets `nosniff`
/// alone, which spares each phone's first view some 900 bytes (BENCHMARKS.md, "First view").
pub fn add_headers(headers: &mut HeaderMap, staff_page: bool, https: bool) {
    let subresource = headers.get(header::CONTENT_TYPE).is_some_and(|t| {
        t.as_bytes().starts_with(b"text/css") || t.as_bytes().starts_with(b"text/javascript")
    });
    headers.reserve(FIXED_HEADERS.len() + 2);
    if subresource {
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
    } else {
        for (name, value) in FIXED_HEADERS {
            headers.insert(name, value);
        }
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if staff_page {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// Whether to refuse a state-changing request that a browser marks as coming from another site.
/// Signed webhooks are exempt: they are not sent by browsers and carry their own proof.
pub fn is_cross_site_write<B>(request: &Request<B>, state: &AppState) -> bool {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || request.uri().path().starts_with("/webhooks/") {
        return false;
    }
    // A call with an API token carries its credential itself: no cookie a browser would send
    // on another site's behalf, so nothing to forge (its token is checked by the API).
    if request.uri().path().starts_with("/api/")
        && request.headers().contains_key(header::AUTHORIZATION)
    {
        return false;
    }
    let refused = is_cross_site(request.headers(), state);
    if refused {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site write");
    }
    refused
}

/// The answer to a refused cross-site write.
pub fn cross_site_refusal() -> Response {
    AppError::Forbidden(
        "This form was sent from another website, so Chorus refused it. Open the page in Chorus and send it again."
            .into(),
    )
    .into_response()
}

/// `Sec-Fetch-Site` when the browser sends it, else `Origin` compared with our public URL
/// or the request's own host.
fn is_cross_site(headers: &HeaderMap, state: &AppState) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let ours = state.base_url.origin().ascii_serialization();
    if origin == ours {
        return false;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    !(host.is_some() && origin_host == host)
}
