//! Prometheus metrics: requests by route and status, latency, database pool, refused logins.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use super::{client, AppError, AppState};
use crate::auth::token::constant_time_eq;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: &'static str,
}

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

type HistogramFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: HistogramFamily,
    db_connections: Gauge,
    db_idle: Gauge,
    /// Logins refused for a wrong password or unknown account.
    pub login_failures: Counter,
    /// Logins refused by the rate limiter before any password was checked.
    pub login_throttled: Counter,
    /// Visits queued for writing, written, and dropped (queue full or storage failing).
    pub visits_queued: Counter,
    pub visits_written: Counter,
    pub visits_dropped: Counter,
    /// Supporters' submissions refused (honeypot, token, rate limit), by reason.
    actions_rejected: Family<ReasonLabels, Counter>,
    /// New actions committed, and those among them held because their address was busy.
    pub actions_recorded: Counter,
    pub actions_held: Counter,
    /// Confirmation emails sent, and those the SMTP server refused or could not take.
    pub mail_sent: Counter,
    pub mail_failed: Counter,
    /// Payment webhook deliveries refused (signature, secret not set, not an event).
    pub webhooks_refused: Counter,
    checkouts_refused: Family<ReasonLabels, Counter>,
    pub checkouts_started: Counter,
}

fn latency_histogram() -> Histogram {
    // 0.1 ms .. ~3.3 s
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("chorus");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = HistogramFamily::new_with_constructor(latency_histogram);
        let db_connections = Gauge::default();
        let db_idle = Gauge::default();
        let login_failures = Counter::default();
        let login_throttled = Counter::default();
        let visits_queued = Counter::default();
        let visits_written = Counter::default();
        let visits_dropped = Counter::default();
        let actions_rejected = Family::<ReasonLabels, Counter>::default();
        let actions_recorded = Counter::default();
        let actions_held = Counter::default();
        let mail_sent = Counter::default();
        let mail_failed = Counter::default();
        let webhooks_refused = Counter::default();
        let checkouts_refused = Family::<ReasonLabels, Counter>::default();
        let checkouts_started = Counter::default();
        registry.register(
            "checkouts_refused",
            "Donate forms refused before the payment provider saw them, by reason",
            checkouts_refused.clone(),
        );
        registry.register(
            "checkouts_started",
            "Checkouts handed to the payment provider",
            checkouts_started.clone(),
        );
        registry.register(
            "actions_rejected",
            "Supporters' submissions refused, by reason",
            actions_rejected.clone(),
        );
        registry.register(
            "actions_recorded",
            "New supporters' actions committed",
            actions_recorded.clone(),
        );
        registry.register(
            "actions_held",
            "New actions from a busy address, kept and held for email confirmation",
            actions_held.clone(),
        );
        registry.register(
            "mail_sent",
            "Emails accepted by the SMTP server",
            mail_sent.clone(),
        );
        registry.register(
            "mail_failed",
            "Emails the SMTP server refused or could not take",
            mail_failed.clone(),
        );
        registry.register(
            "webhooks_refused",
            "Payment webhook deliveries refused (bad signature, no secret set, not an event)",
            webhooks_refused.clone(),
        );
        registry.register(
            "http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route",
            latency.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Open database connections",
            db_connections.clone(),
        );
        registry.register("db_pool_idle", "Idle database connections", db_idle.clone());
        registry.register(
            "login_failures",
            "Logins refused for wrong credentials",
            login_failures.clone(),
        );
        registry.register(
            "login_throttled",
            "Logins refused by the rate limiter",
            login_throttled.clone(),
        );
        registry.register(
            "visits_queued",
            "Visits queued for writing",
            visits_queued.clone(),
        );
        registry.register(
            "visits_written",
            "Visits written to the database",
            visits_written.clone(),
        );
        registry.register(
            "visits_dropped",
            "Visits lost: queue full or storage failing",
            visits_dropped.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            db_connections,
            db_idle,
            login_failures,
            login_throttled,
            visits_queued,
            visits_written,
            visits_dropped,
            actions_rejected,
            actions_recorded,
            actions_held,
            mail_sent,
            mail_failed,
            webhooks_refused,
            checkouts_refused,
            checkouts_started,
        }
    }

    /// Counts one donate form refused before a checkout started.
    pub fn checkout_refused(&self, reason: &'static str) {
        self.checkouts_refused
            .get_or_create(&ReasonLabels { reason })
            .inc();
    }

    /// Counts one refused submission.
    pub fn action_rejected(&self, reason: &'static str) {
        self.actions_rejected
            .get_or_create(&ReasonLabels { reason })
            .inc();
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Counts and times one answered request under its method and route template.
    pub fn observe(&self, method: &'static str, route: &'static str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route,
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels { route })
            .observe(seconds);
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
    state
        .metrics
        .db_connections
        .set(i64::from(stats.connections));
    state.metrics.db_idle.set(i64::from(stats.idle));
    let mut body = String::new();
    prometheus_client::encoding::text::encode(&mut body, &state.metrics.registry)
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
