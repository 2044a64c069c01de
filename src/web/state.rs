//! What every handler can reach: the store, the settings, metrics and limiters. No globals.

use crate::auth::sealed::Sealer;
use std::ops::Deref;
use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::public::links::Directory;
use super::public::PublicPages;
use crate::app::checkouts::Checkouts;
use crate::app::intake::{Intake, IntakeParts};
use crate::app::live::LiveFeeds;
use crate::app::sign_in::LoginThrottle;
use crate::app::tallies::Tallies;
use crate::app::visits::VisitRecorder;
use crate::config::Config;
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::store::{ActionWriter, NewVisit, Store};
use crate::stripe_api::StripeApi;

/// How many uploaded images are decoded at once: two keeps the memory of the worst case
/// (24 megapixels each) near 300 MB, and uploads are rare staff actions.
const IMAGE_PREPARATIONS: usize = 2;

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
    pub login_throttle: LoginThrottle,
    pub public_pages: PublicPages,
    pub directory: Directory,
    pub visits: VisitRecorder,
    /// Shared with the payment processor, which moves the counts when gifts arrive.
    pub tallies: Arc<Tallies>,
    /// The venue screens' feeds, one per watched campaign.
    pub live: Arc<LiveFeeds>,
    /// Pledges and sign-ups: guards, writers, confirmation emails.
    pub intake: Arc<Intake>,
    /// Staff email (password reset links); the intake sends supporters' through its clone.
    pub mailer: Mailer,
    /// Signs form tokens and confirmation links (made once, kept in the database).
    pub form_secret: Vec<u8>,
    /// Seals organizations' payment keys at rest (its key is a server secret).
    pub payment_keys: Arc<Sealer>,
    /// Woken when a webhook event is kept, so the processor applies it at once.
    pub payment_events_kept: Arc<tokio::sync::Notify>,
    /// Gifts: donation offers, card-testing guards, checkouts with the provider.
    pub checkouts: Checkouts,
    /// Cancelled at shutdown: long-lived responses (live counters) end so the server can stop.
    pub shutdown: CancellationToken,
    /// Uploaded images being decoded at once (each may take a hundred megabytes or more).
    pub image_preparations: Arc<tokio::sync::Semaphore>,
    /// Seals under the key kept outside the database (`auth::master_key`).
    pub outside_key: Arc<Sealer>,
}

/// The secrets the server signs and seals with.
pub struct Keys {
    /// Signs form tokens, device cookies and sign-in code pages (kept in the database, shared
    /// by every process).
    pub form_secret: Vec<u8>,
    /// Seals organizations' payment-provider keys.
    pub payment_keys: Sealer,
    /// Seals what a copy of the database must not reveal (day secrets, staff members' TOTP
    /// secrets) under the key kept outside it.
    pub outside_key: Arc<Sealer>,
}

/// What the server runs beside the request handlers, handed back by [`AppState::new`].
pub struct Background {
    pub visit_queue: mpsc::Receiver<NewVisit>,
    /// Ends once the state is dropped and every submitted action is answered.
    pub action_writer: JoinHandle<()>,
}

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// The state, and the background work it feeds.
    pub fn new(
        store: Store,
        config: Arc<Config>,
        base_url: Url,
        mailer: Mailer,
        keys: Keys,
        shutdown: CancellationToken,
    ) -> (Self, Background) {
        let Keys {
            form_secret,
            payment_keys,
            outside_key,
        } = keys;
        let metrics = Arc::new(Metrics::new());
        let (visits, visit_queue) =
            VisitRecorder::new(store.clone(), outside_key.clone(), metrics.clone());
        let (actions, action_writer) = ActionWriter::start(store.clone());
        let intake = Arc::new(Intake::new(IntakeParts {
            store: store.clone(),
            actions,
            visits: visits.clone(),
            metrics: metrics.clone(),
            mailer: mailer.clone(),
            base_url: base_url.clone(),
            secret: form_secret.clone(),
            campaign_rate: config.campaign_rate as usize,
        }));
        let payment_keys = Arc::new(payment_keys);
        let checkouts = Checkouts::new(
            store.clone(),
            StripeApi::new(config.stripe_api_url.clone()),
            payment_keys.clone(),
            metrics.clone(),
            config.checkout_rate as usize,
            form_secret.clone(),
        );
        let tallies = Arc::<Tallies>::default();
        let live = Arc::new(LiveFeeds::new(
            store.clone(),
            tallies.clone(),
            shutdown.clone(),
        ));
        let login_throttle = LoginThrottle::new(store.clone(), form_secret.clone());
        let shared = Shared {
            store,
            config,
            base_url,
            metrics,
            login_throttle,
            public_pages: PublicPages::default(),
            directory: Directory::default(),
            visits,
            tallies,
            live,
            intake,
            mailer,
            form_secret,
            payment_keys,
            payment_events_kept: Arc::default(),
            checkouts,
            shutdown,
            image_preparations: Arc::new(tokio::sync::Semaphore::new(IMAGE_PREPARATIONS)),
            outside_key,
        };
        let background = Background {
            visit_queue,
            action_writer,
        };
        (Self(Arc::new(shared)), background)
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
