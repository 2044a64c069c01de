//! What every handler can reach: the store, the settings, metrics and limiters. No globals.

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::metrics::Metrics;
use super::public::links::Directory;
use super::public::PublicPages;
use super::visits::VisitRecorder;
use crate::auth::rate_limit::RateLimiter;
use crate::config::Config;
use crate::store::NewVisit;
use crate::store::Store;
use tokio::sync::mpsc;

/// Failed logins allowed per account in [`LOGIN_WINDOW`] (ASVS 6.3.1 asks ≤ 100 per hour).
pub const LOGIN_FAILURES_PER_ACCOUNT: usize = 10;
/// Login attempts allowed per client address in [`LOGIN_WINDOW`].
pub const LOGIN_ATTEMPTS_PER_ADDRESS: usize = 50;
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    /// The public URL: `--base-url`, or the address actually bound.
    pub base_url: Arc<Url>,
    pub metrics: Arc<Metrics>,
    pub login_failures: Arc<RateLimiter>,
    pub login_attempts: Arc<RateLimiter>,
    pub public_pages: Arc<PublicPages>,
    pub directory: Arc<Directory>,
    pub visits: VisitRecorder,
}

impl AppState {
    /// The state and the queue of visits its recorder fills (for the writer task).
    pub fn new(
        store: Store,
        config: Arc<Config>,
        base_url: Url,
    ) -> (Self, mpsc::Receiver<NewVisit>) {
        let metrics = Arc::new(Metrics::new());
        let (visits, queue) = VisitRecorder::new(store.clone(), metrics.clone());
        let state = Self {
            store,
            config,
            base_url: Arc::new(base_url),
            metrics,
            login_failures: Arc::new(RateLimiter::new(LOGIN_FAILURES_PER_ACCOUNT, LOGIN_WINDOW)),
            login_attempts: Arc::new(RateLimiter::new(LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW)),
            public_pages: Arc::new(PublicPages::default()),
            directory: Arc::new(Directory::default()),
            visits,
        };
        (state, queue)
    }

    /// Whether cookies get the `Secure` flag and the `__Host-` prefix (the public URL is https).
    pub fn https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// An absolute link to `path` (which starts with `/`) on the public URL.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.as_str().trim_end_matches('/'), path)
    }
}
