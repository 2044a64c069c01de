//! Prometheus metrics: requests by route and status, latency, database pool, refused logins,
//! visits, supporters' actions, mail and payments. Counted by the web layer and the
//! application processes alike; exported over HTTP by `web/metrics.rs`.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

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
    /// Records the database pool's size, read just before an export.
    pub fn set_pool(&self, connections: u32, idle: u32) {
        self.db_connections.set(i64::from(connections));
        self.db_idle.set(i64::from(idle));
    }

    /// Every metric in the OpenMetrics text format.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut body = String::new();
        prometheus_client::encoding::text::encode(&mut body, &self.registry)?;
        Ok(body)
    }

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
