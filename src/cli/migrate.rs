//! `chorus migrate`: applies migrations and exits (they also run at every `serve`).

use anyhow::Context;

use crate::config::DatabaseArgs;
use crate::store::Store;

pub async fn run(args: DatabaseArgs) -> anyhow::Result<()> {
    let url = args.resolve();
    let store = Store::open(&url)
        .await
        .with_context(|| format!("cannot migrate {url}"))?;
    store.close().await;
    println!("Migrations applied to {url}");
    Ok(())
}
