//! Fills a database for the report benchmark (`bench/report.sh`): the demo organization
//! (without its own synthetic activity) and then VISITS visits, ACTIONS actions and GIFTS gifts
//! over its five-stop tour through the store's own write paths (batched visits with their
//! sketches, the action writer's batches, offline gifts), then values the gifts and publishes
//! the tour campaign's transparency page, which renders the campaign report.
//!
//!   cargo run --release --example report_data -- DATABASE_URL VISITS ACTIONS GIFTS

use std::time::Instant;

use chorus::auth::sealed::Sealer;
use chorus::clock;
use chorus::config::DatabaseUrl;
use chorus::demo::{self, synthetic};
use chorus::domain::audit::Actor;
use chorus::store::Store;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, database, visits, actions, gifts] = args.as_slice() else {
        anyhow::bail!("usage: report_data DATABASE_URL VISITS ACTIONS GIFTS");
    };
    let url = DatabaseUrl::parse(database).map_err(anyhow::Error::msg)?;
    let store = Store::open(&url).await?;
    let started = Instant::now();
    let key = store
        .server_secret("payment-keys", &rand_key(), clock::now())
        .await?;
    let key: [u8; 32] = key
        .try_into()
        .map_err(|_| anyhow::anyhow!("the payment-keys secret is not 32 bytes"))?;
    demo::seed(&store, &Sealer::new(&key), false, clock::now()).await?;
    let org = store
        .org_by_slug(demo::DEMO_SLUG)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo organization"))?;
    let scale = synthetic::Scale {
        visits: visits.parse()?,
        actions: actions.parse()?,
        gifts: gifts.parse()?,
        confirmed: 0.0,
    };
    synthetic::fill(&store, org.id, scale, 7, clock::now(), |step| {
        eprint!("\r{step}          ");
    })
    .await?;
    eprintln!();
    let valued = chorus::app::payments::fix_gift_values(&store).await?;
    let campaign = store
        .campaign_by_slug(org.id, "open-roads")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo campaign open-roads"))?;
    store
        .set_transparency(
            org.id,
            campaign.id,
            true,
            &Actor::command_line(),
            clock::now(),
        )
        .await?;
    eprintln!(
        "filled in {:.1} s ({valued} gifts valued); {} visits stored",
        started.elapsed().as_secs_f64(),
        store.count_visits().await?
    );
    store.close().await;
    Ok(())
}

/// A new random key, used only if the database has none yet.
fn rand_key() -> [u8; 32] {
    use ring::rand::SecureRandom;
    let mut key = [0u8; 32];
    // The system's generator does not fail on Linux; a zero key would only seal nothing here.
    let _ = ring::rand::SystemRandom::new().fill(&mut key);
    key
}
