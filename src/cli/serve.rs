//! `chorus serve`: runs until SIGTERM or SIGINT, then drains requests and exits 0.

use anyhow::Context;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, ServeArgs};
use crate::server;

/// Prints to standard output, ignoring a closed stdout (a supervisor may not read it): the
/// server must not die over an announcement.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    // Listen for signals before anything is printed, so a SIGTERM sent as soon as the address
    // appears is handled gracefully rather than killing the process.
    let signals = Signals::install()?;
    let config = Config::from(args);
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on --addr {}", config.addr))?;
    let shutdown = CancellationToken::new();
    let database = config.database.clone();
    let smtp = config.smtp_url.clone();
    let running = server::launch(config, listener, shutdown.clone()).await?;

    tracing::info!(addr = %running.local_addr, database = %database, "Chorus is listening");
    say!("Chorus is listening on {}", running.base_url);
    say!("Database: {database}");
    match &smtp {
        Some(url) => say!("Email: confirmation messages are sent through {url:?}"),
        None => say!(
            "Email: no --smtp-url given, so no confirmation email is sent; staff see each confirmation link in /admin"
        ),
    }
    if let Some(link) = &running.setup_link {
        say!(
            "No owner exists yet. Create the first owner account here (the link works once, within 24 hours):\n  {link}"
        );
    }
    if let Some(login) = &running.demo_login {
        say!(
            "Demo organization ready: {}admin/demo\n  staff login: {}  password: {}",
            running.base_url,
            login.email,
            login.password
        );
    }

    tokio::spawn(async move {
        signals.wait().await;
        tracing::info!("shutting down: finishing requests in flight");
        shutdown.cancel();
    });
    running
        .wait()
        .await
        .context("the server stopped with an error")?;
    tracing::info!("stopped");
    Ok(())
}

/// SIGTERM and SIGINT (Ctrl-C), registered up front.
struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    fn install() -> anyhow::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Self {
                terminate: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
                interrupt: signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {})
        }
    }

    async fn wait(mut self) {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.terminate.recv() => {},
                _ = self.interrupt.recv() => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
