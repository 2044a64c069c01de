//! What every handler can reach: the store, the settings, metrics and limiters. No globals.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use url::Url;

use super::metrics::Metrics;
use super::public::links::Directory;
use super::public::PublicPages;
use super::visits::VisitRecorder;
use crate::auth::rate_limit::RateLimiter;
use crate::config::Config;
use crate::store::{NewVisit, Store};

/// Failed logins allowed per account in [`LOGIN_WINDOW`] (ASVS 6.3.1 asks ≤ 100 per hour).
pub const LOGIN_FAILURES_PER_ACCOUNT: usize = 10;
/// Login attempts allowed per client address in [`LOGIN_WINDOW`].
pub const LOGIN_ATTEMPTS_PER_ADDRESS: usize = 50;
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The shared state, behind one `Arc`: axum clones the state for every extractor and middleware
/// of every request, so a clone must be one reference count, not one per field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub store: Store,
    pub config: Arc<Config>,
    /// The public URL: `--base-url`, or the address actually bound.
    pub base_url: Url,
    pub metrics: Arc<Metrics>,
    pub login_failures: RateLimiter,
    pub login_attempts: RateLimiter,
    pub public_pages: PublicPages,
    pub directory: Directory,
    pub visits: VisitRecorder,
}

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
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
        let shared = Shared {
            store,
            config,
            base_url,
            metrics,
            login_failures: RateLimiter::new(LOGIN_FAILURES_PER_ACCOUNT, LOGIN_WINDOW),
            login_attempts: RateLimiter::new(LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW),
            public_pages: PublicPages::default(),
            directory: Directory::default(),
            visits,
        };
        (Self(Arc::new(shared)), queue)
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
