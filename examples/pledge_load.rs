//! Load generator for `bench/pledge.sh`: sends valid, distinct pledges to a running Chorus as
//! fast as CONNECTIONS concurrent clients can, for SECONDS, and prints how many were
//! acknowledged (303, i.e. committed) per second and the latency percentiles.
//!
//! Form tokens are signed with the installation's secret, read from its database, and dated a
//! few seconds back (as if each person had read the form first); each has its own idempotency
//! key, so every request is a new person's pledge.
//!
//!   cargo run --release --example pledge_load -- BASE_URL DATABASE_URL CONNECTIONS SECONDS

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus::clock;
use chorus::config::DatabaseUrl;
use chorus::domain::supporter::FormToken;
use chorus::domain::time::Timestamp;
use chorus::store::Store;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, database, connections, seconds] = args.as_slice() else {
        anyhow::bail!("usage: pledge_load BASE_URL DATABASE_URL CONNECTIONS SECONDS");
    };
    let connections: usize = connections.parse()?;
    let duration = Duration::from_secs(seconds.parse()?);
    let url = DatabaseUrl::parse(database).map_err(anyhow::Error::msg)?;
    let store = Store::open(&url).await?;
    let secret = store.server_secret("forms", &[0; 32], clock::now()).await?;
    let org = store
        .org_by_slug("demo")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo organization: start chorus with --demo"))?;
    let campaign = store
        .campaign_by_slug(org.id, "open-roads")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo campaign open-roads"))?;
    store.close().await;

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections)
        .build()?;
    let run = format!("{:x}", clock::now().unix_micros());
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (http, next, secret, run) = (http.clone(), next.clone(), secret.clone(), run.clone());
        let target = format!("{}/demo/open-roads/pledge", base.trim_end_matches('/'));
        clients.spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0usize;
            while started.elapsed() < duration {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let token = FormToken {
                    campaign_id: campaign.id.0,
                    issued_at: Timestamp::from_unix_micros(clock::now().unix_micros() - 5_000_000),
                    idempotency_key: format!("bench-{run}-{n}"),
                }
                .sign(&secret);
                let email = format!("fan{n}.{run}@bench.example");
                let fields = [
                    ("token", token.as_str()),
                    ("name", "Bench Fan"),
                    ("email", email.as_str()),
                    ("country", "Benchland"),
                    ("consent", "on"),
                ];
                let sent = Instant::now();
                match http.post(&target).form(&fields).send().await {
                    Ok(response) if response.status().as_u16() == 303 => {
                        latencies.push(sent.elapsed());
                    }
                    _ => failures += 1,
                }
            }
            (latencies, failures)
        });
    }
    let mut latencies = Vec::new();
    let mut failures = 0;
    while let Some(client) = clients.join_next().await {
        let (mine, failed) = client?;
        latencies.extend(mine);
        failures += failed;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "acknowledged {} in {elapsed:.1} s: {:.0} pledges/s, p50 {:.1} ms, p99 {:.1} ms, failed {failures}",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        at(0.50),
        at(0.99),
    );
    Ok(())
}
