//! What the benchmark clients share: the demo campaign and the installation's form secret, read
//! from Chorus's own database, so that they sign pledge forms exactly as its pages do.

use chorus::clock;
use chorus::config::DatabaseUrl;
use chorus::store::Store;

/// The demo campaign `open-roads` and the secret its forms are signed with.
pub struct DemoForms {
    pub campaign_id: i64,
    pub secret: Vec<u8>,
}

impl DemoForms {
    /// Reads them from the database at `database` (the server must have started with `--demo`).
    pub async fn read(database: &str) -> anyhow::Result<Self> {
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
        Ok(Self {
            campaign_id: campaign.id.0,
            secret,
        })
    }
}
