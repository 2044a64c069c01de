//! What every handler can reach: the store, the settings, metrics and limiters. No globals.

use crate::auth::sealed::Sealer;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::metrics::Metrics;
use super::public::links::Directory;
use super::public::PublicPages;
use super::visits::VisitRecorder;
use crate::app::card_testing::CardTestingWatch;
use crate::app::tallies::Tallies;
use crate::auth::login_throttle::LoginThrottle;
use crate::auth::rate_limit::RateLimiter;
use crate::config::Config;
use crate::mail::Mailer;
use crate::store::{ActionWriter, NewVisit, Store};
use crate::stripe_api::StripeApi;

/// Submissions from one address in [`BUSY_WINDOW`] past which new ones are held (kept, and
/// flagged for staff), never refused: a stadium's Wi-Fi is one address for thousands of people.
pub const BUSY_ADDRESS_THRESHOLD: usize = 20;
pub const BUSY_WINDOW: Duration = Duration::from_secs(10 * 60);
/// Checkouts from one address in [`CHECKOUTS_PER_ADDRESS_WINDOW`] before a proof of work is
/// needed (a venue's shared address is slowed by a fraction of a second); past that, each
/// doubling of its excess doubles the work (`supporter::proof_of_work_bits`).
pub const CHECKOUTS_PER_ADDRESS: usize = 5;
pub const CHECKOUTS_PER_ADDRESS_WINDOW: Duration = Duration::from_secs(10 * 60);
/// The submissions of one address remembered: enough to reach the most work it is asked for.
const ADDRESS_HISTORY: usize = 256;
/// One address's share of a campaign's checkouts or submissions per minute.
const SHARE_OF_CAMPAIGN: usize = 10;

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
    pub live: crate::web::public::live::LiveFeeds,
    pub actions: ActionWriter,
    pub mailer: Mailer,
    /// Signs form tokens and confirmation links (made once, kept in the database).
    pub form_secret: Vec<u8>,
    /// Seals organizations' payment keys at rest (its key is a server secret).
    pub payment_keys: Sealer,
    /// Woken when a webhook event is kept, so the processor applies it at once.
    pub payment_events_kept: Arc<tokio::sync::Notify>,
    pub busy_addresses: RateLimiter,
    pub campaign_submissions: RateLimiter,
    /// Submissions per campaign and address: a tenth of the campaign's flood guard.
    pub submission_shares: RateLimiter,
    /// Checkouts per campaign and address: a tenth of the campaign's limit.
    pub checkout_shares: RateLimiter,
    /// Checkouts started per campaign in a minute: past it, starts are refused for a moment.
    pub checkout_starts: RateLimiter,
    /// Checkouts started per address: past it, a solved proof of work is required.
    pub checkout_starts_per_address: RateLimiter,
    /// Card testing alerts per organization.
    pub card_testing: CardTestingWatch,
    pub stripe: StripeApi,
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
        let campaign_rate = config.campaign_rate as usize;
        let checkout_rate = config.checkout_rate as usize;
        let stripe = StripeApi::new(config.stripe_api_url.clone());
        let shared = Shared {
            store,
            config,
            base_url,
            metrics,
            login_throttle: LoginThrottle::default(),
            public_pages: PublicPages::default(),
            directory: Directory::default(),
            visits,
            tallies: Arc::default(),
            live: Default::default(),
            actions,
            mailer,
            form_secret,
            payment_keys,
            payment_events_kept: Arc::default(),
            busy_addresses: RateLimiter::new(BUSY_ADDRESS_THRESHOLD, BUSY_WINDOW),
            // A flood guard per campaign (`--campaign-rate`), not a limit on a crowd.
            campaign_submissions: RateLimiter::new(campaign_rate, Duration::from_secs(60)),
            submission_shares: RateLimiter::new(
                (campaign_rate / SHARE_OF_CAMPAIGN).max(1),
                Duration::from_secs(60),
            ),
            checkout_shares: RateLimiter::new(
                (checkout_rate / SHARE_OF_CAMPAIGN).max(1),
                Duration::from_secs(60),
            ),
            checkout_starts: RateLimiter::new(checkout_rate, Duration::from_secs(60)),
            checkout_starts_per_address: RateLimiter::new(
                CHECKOUTS_PER_ADDRESS * ADDRESS_HISTORY,
                CHECKOUTS_PER_ADDRESS_WINDOW,
            ),
            card_testing: CardTestingWatch::default(),
            stripe,
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
