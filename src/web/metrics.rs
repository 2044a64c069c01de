//! The HTTP side of the metrics (`crate::metrics`): a request's labels, and `GET /metrics`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;

use super::{client, AppError, AppState};
use crate::auth::token::constant_time_eq;

/// Route templates as `'static` labels. Only templates (never raw paths) are interned, and the
/// router has a fixed set of them, so this holds a few dozen strings for the process's life and
/// keeps every request free of label allocations.
fn interned(route: &str) -> &'static str {
    static ROUTES: std::sync::Mutex<Option<std::collections::HashSet<&'static str>>> =
        std::sync::Mutex::new(None);
    let mut routes = ROUTES.lock().unwrap_or_else(|e| e.into_inner());
    let routes = routes.get_or_insert_with(Default::default);
    if let Some(known) = routes.get(route) {
        return known;
    }
    let leaked: &'static str = Box::leak(route.to_owned().into_boxed_str());
    routes.insert(leaked);
    leaked
}

pub fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

/// A request's method and route template as metric labels (never the raw path, which would put
/// ids and tokens into labels).
pub fn labels(request: &Request) -> (&'static str, &'static str) {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| interned(p.as_str()));
    (method_label(request.method()), route)
}

/// `GET /metrics`: Prometheus text. Open to a client on this machine; from elsewhere only with
/// the bearer token set by `--metrics-token` (OWASP ASVS 13.4.5: metrics are not public).
pub async fn export(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if !from_this_machine(peer, &headers, &state.config.trusted_proxies)
        && !bearer_matches(&headers, state.config.metrics_token.as_deref())
    {
        return Err(AppError::Forbidden(
            "Metrics are available from this machine, or with the metrics token.".into(),
        ));
    }
    let stats = state.store.pool_stats();
    state.metrics.set_pool(stats.connections, stats.idle);
    let body = state
        .metrics
        .encode()
        .map_err(|e| AppError::Internal(format!("metrics encoding: {e}")))?;
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    Ok(response)
}

/// Whether the client itself is on this machine. A reverse proxy on this machine connects from
/// loopback for every client on the internet, so the address that counts is the one resolved
/// through the trusted proxies; a forwarded request from a proxy not configured as trusted, or
/// forwarded in headers Chorus does not read (`Forwarded`, `X-Real-IP`), is from elsewhere.
fn from_this_machine(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpNet]) -> bool {
    if headers.contains_key("forwarded") || headers.contains_key("x-real-ip") {
        return false;
    }
    let peer_trusted = trusted.iter().any(|net| net.contains(&peer.ip()));
    if headers.contains_key("x-forwarded-for") && !peer_trusted {
        return false;
    }
    client::address(peer, headers, trusted).is_loopback()
}

fn bearer_matches(headers: &HeaderMap, expected: Option<&str>) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    matches!((given, expected), (Some(given), Some(expected)) if constant_time_eq(given, expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(header: &str, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::HeaderName::from_bytes(header.as_bytes()).expect("name"),
            HeaderValue::from_str(value).expect("value"),
        );
        headers
    }

    #[test]
    fn a_proxy_on_this_machine_does_not_make_its_clients_local() {
        let loopback: SocketAddr = "127.0.0.1:40000".parse().expect("addr");
        let remote: SocketAddr = "198.51.100.7:40000".parse().expect("addr");
        let trusted: Vec<IpNet> = vec!["127.0.0.1/32".parse().expect("net")];
        let none = HeaderMap::new();
        assert!(from_this_machine(loopback, &none, &trusted));
        assert!(from_this_machine(loopback, &none, &[]));
        assert!(!from_this_machine(remote, &none, &trusted));
        let internet = with("x-forwarded-for", "203.0.113.9");
        assert!(
            !from_this_machine(loopback, &internet, &trusted),
            "trusted proxy"
        );
        assert!(
            !from_this_machine(loopback, &internet, &[]),
            "unknown proxy"
        );
        let local = with("x-forwarded-for", "127.0.0.1");
        assert!(from_this_machine(loopback, &local, &trusted));
        assert!(!from_this_machine(loopback, &local, &[]), "not believed");
        for header in ["forwarded", "x-real-ip"] {
            let other = with(header, "for=203.0.113.9");
            assert!(!from_this_machine(loopback, &other, &trusted), "{header}");
        }
    }
}
