//! The composition root: opens the store, prepares first-start links and demo data, and serves
//! HTTP until shutdown. `launch` is the seam the integration tests use with port 0.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::app::broadcast;
use crate::app::payments;
use crate::app::rate_limits;
use crate::app::visits;
use crate::auth::login_throttle::FORGET_AFTER;
use crate::auth::master_key;
use crate::auth::sealed::{Sealer, KEY_LEN};
use crate::auth::token;
use crate::clock;
use crate::config::{Config, SecretKeySource};
use crate::demo::{self, DemoLogin};
use crate::domain::supporter;
use crate::domain::time::Timestamp;
use crate::mail::Mailer;
use crate::store::{Store, StoreError};
use crate::web::state::Keys;
use crate::web::{self, session, AppState};
use argon2::password_hash::rand_core::{OsRng, RngCore};

/// How long the first-owner link printed at start stays valid.
pub const SETUP_LINK_VALIDITY: Duration = Duration::from_secs(24 * 60 * 60);
/// How often expired sessions, visitor-id secrets and unconfirmed actions are swept.
const SWEEP_EVERY: Duration = Duration::from_secs(10 * 60);

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("cannot open the database {location}")]
    Store {
        location: String,
        #[source]
        source: StoreError,
    },
    #[error("cannot prepare the demo organization")]
    Demo(#[source] StoreError),
    #[error("cannot create the first-owner link")]
    SetupLink(#[source] StoreError),
    #[error("cannot derive a base URL from the listening address; set --base-url")]
    BaseUrl(#[source] url::ParseError),
    #[error("cannot set up email")]
    Mail(#[source] crate::mail::MailError),
    #[error("cannot read or create the signing secret")]
    Secret(#[source] StoreError),
    #[error("cannot read the listening address")]
    Address(#[source] std::io::Error),
    #[error(
        "cannot load the key kept outside the database (it seals day secrets and sign-in secrets)"
    )]
    Key(#[source] crate::auth::master_key::MasterKeyError),
}

/// A server that is accepting connections.
pub struct RunningServer {
    pub local_addr: SocketAddr,
    pub base_url: Url,
    /// Printed at first start while no owner exists: opens the first-owner form.
    pub setup_link: Option<String>,
    pub demo_login: Option<DemoLogin>,
    pub store: Store,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Waits until the server has stopped (after `shutdown` is cancelled) and the store is closed.
    pub async fn wait(self) -> std::io::Result<()> {
        let result = match self.task.await {
            Ok(result) => result,
            Err(join) => Err(std::io::Error::other(join)),
        };
        self.store.close().await;
        result
    }
}

/// Opens the store named by `config`, then serves on `listener` until `shutdown` is cancelled:
/// new connections stop, requests in flight finish (each within the request timeout).
pub async fn launch(
    config: Config,
    listener: TcpListener,
    shutdown: CancellationToken,
) -> Result<RunningServer, LaunchError> {
    let store = Store::open(&config.database)
        .await
        .map_err(|source| LaunchError::Store {
            location: config.database.to_string(),
            source,
        })?;
    let local_addr = listener.local_addr().map_err(LaunchError::Address)?;
    let base_url = match &config.base_url {
        Some(url) => url.clone(),
        None => default_base_url(local_addr).map_err(LaunchError::BaseUrl)?,
    };

    let mailer =
        Mailer::new(config.smtp_url.as_ref(), &config.mail_from).map_err(LaunchError::Mail)?;
    let mut fresh = [0u8; 32];
    OsRng.fill_bytes(&mut fresh);
    let form_secret = store
        .server_secret("forms", &fresh, clock::now())
        .await
        .map_err(LaunchError::Secret)?;
    OsRng.fill_bytes(&mut fresh);
    let payment_key: [u8; KEY_LEN] = store
        .server_secret("payment-keys", &fresh, clock::now())
        .await
        .map_err(LaunchError::Secret)?
        .try_into()
        .map_err(|_| {
            LaunchError::Secret(StoreError::Corrupt(
                "the payment-keys secret is not 32 bytes".into(),
            ))
        })?;
    let sealer = Sealer::new(&payment_key);
    let demo_login = if config.demo {
        Some(
            demo::seed(&store, &sealer, !config.demo_empty, clock::now())
                .await
                .map_err(LaunchError::Demo)?,
        )
    } else {
        None
    };
    let setup_link = first_owner_link(&store, &base_url)
        .await
        .map_err(LaunchError::SetupLink)?;
    let master_key = match &config.secret_key {
        SecretKeySource::File(path) => master_key::load_or_create(path),
        SecretKeySource::Value(hex) => master_key::parse(hex, "CHORUS_SECRET_KEY"),
    }
    .map_err(LaunchError::Key)?;
    let keys = Keys {
        form_secret,
        payment_keys: sealer,
        outside_key: Arc::new(Sealer::new(&master_key)),
    };
    let (state, background) = AppState::new(
        store.clone(),
        Arc::new(config),
        base_url.clone(),
        mailer,
        keys,
        shutdown.clone(),
    );
    let sealed = state
        .visits
        .seal_plain_secrets()
        .await
        .map_err(LaunchError::Secret)?;
    if sealed > 0 {
        tracing::info!(sealed, "day secrets stored before sealing are now sealed");
    }
    let stop_writer = CancellationToken::new();
    let visit_writer = visits::spawn_writer(
        store.clone(),
        background.visit_queue,
        stop_writer.clone(),
        state.metrics.clone(),
    );
    let action_writer = background.action_writer;
    payments::spawn_processor(
        store.clone(),
        state.payment_events_kept.clone(),
        state.tallies.clone(),
        shutdown.clone(),
    );
    broadcast::spawn(store.clone(), state.tallies.clone(), shutdown.clone());
    let app = web::router(state.clone());
    spawn_housekeeping(store.clone(), shutdown.clone());
    let task = tokio::spawn(async move {
        let served = web::serve::serve(listener, app, state, shutdown).await;
        // Requests have finished (the router and its state are gone, so the action writer ends
        // once it has answered the last submission): write the queued visits too.
        if let Err(err) = action_writer.await {
            tracing::error!(error = %err, "the action writer failed");
        }
        stop_writer.cancel();
        if let Err(err) = visit_writer.await {
            tracing::error!(error = %err, "the visit writer failed");
        }
        served
    });
    Ok(RunningServer {
        local_addr,
        base_url,
        setup_link,
        demo_login,
        store,
        task,
    })
}

fn default_base_url(addr: SocketAddr) -> Result<Url, url::ParseError> {
    let host = match addr {
        _ if addr.ip().is_unspecified() => "127.0.0.1".to_owned(),
        SocketAddr::V4(v4) => v4.ip().to_string(),
        SocketAddr::V6(v6) => format!("[{}]", v6.ip()),
    };
    Url::parse(&format!("http://{host}:{}", addr.port()))
}

/// A one-time first-owner link, created only while no organization has an owner.
async fn first_owner_link(store: &Store, base_url: &Url) -> Result<Option<String>, StoreError> {
    if store.any_owner_exists().await? {
        return Ok(None);
    }
    let secret = token::random_token();
    let now = clock::now();
    store
        .create_setup_token(&token::digest(&secret), now, now.plus(SETUP_LINK_VALIDITY))
        .await?;
    let base = base_url.as_str().trim_end_matches('/');
    Ok(Some(format!("{base}/admin/setup/{secret}")))
}

fn spawn_housekeeping(store: Store, shutdown: CancellationToken) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SWEEP_EVERY);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => break,
                _ = tick.tick() => {
                    let now = clock::now();
                    let idle_cutoff = now.minus(session::IDLE_TIMEOUT);
                    if let Err(err) = store.delete_expired_sessions(idle_cutoff, now).await {
                        tracing::warn!(error = %err, "could not sweep expired sessions");
                    }
                    if let Err(err) = store.delete_expired_password_resets(now).await {
                        tracing::warn!(error = %err, "could not sweep expired password links");
                    }
                    // A day's secret goes 48 hours after the day ends: past that, no visitor id
                    // can be recomputed or tested against a guessed address.
                    if let Err(err) = store.delete_expired_secrets(now).await {
                        tracing::warn!(error = %err, "could not delete expired visitor-id secrets");
                    }
                    let unconfirmed_before = Timestamp::from_unix_micros(
                        now.unix_micros() - supporter::CONFIRMATION_WINDOW_MICROS,
                    );
                    if let Err(err) = store.expire_unconfirmed(unconfirmed_before).await {
                        tracing::warn!(error = %err, "could not expire unconfirmed actions");
                    }
                    if let Err(err) = store.forget_login_failures(now.minus(FORGET_AFTER)).await {
                        tracing::warn!(error = %err, "could not forget old sign-in failures");
                    }
                    if let Err(err) = rate_limits::forget_old_hits(&store, now).await {
                        tracing::warn!(error = %err, "could not forget old checkout counts");
                    }
                }
            }
        }
    });
}
