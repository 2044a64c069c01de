//! `chorus serve`: runs until SIGTERM or SIGINT, then drains requests and exits 0.

use anyhow::Context;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, ServeArgs};
use crate::server;

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let config = Config::from(args);
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on --addr {}", config.addr))?;
    let shutdown = CancellationToken::new();
    let database = config.database.clone();
    let running = server::launch(config, listener, shutdown.clone()).await?;

    tracing::info!(addr = %running.local_addr, database = %database, "Chorus is listening");
    println!("Chorus is listening on {}", running.base_url);
    println!("Database: {database}");
    if let Some(link) = &running.setup_link {
        println!(
            "No owner exists yet. Create the first owner account here (the link works once, within 24 hours):\n  {link}"
        );
    }
    if let Some(login) = &running.demo_login {
        println!(
            "Demo organization ready: {}admin/demo\n  staff login: {}  password: {}",
            running.base_url, login.email, login.password
        );
    }

    tokio::spawn(async move {
        wait_for_signal().await;
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

async fn wait_for_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(
            tokio::signal::unix::SignalKind::terminate(),
        ) {
            Ok(signal) => signal,
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM; only Ctrl-C stops Chorus");
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
