//! What the benchmark clients share: the demo campaign and the installation's form secret, read
//! from Chorus's own database, so that they sign pledge forms exactly as its pages do.

use chorus::clock;
use chorus::config::DatabaseUrl;
use chorus::domain::ids::{CampaignId, OrgId};
use chorus::domain::supporter;
use chorus::domain::time::Timestamp;
use chorus::store::{ActionFilter, Store};

/// The demo campaign `open-roads` and the secret its forms are signed with.
pub struct DemoForms {
    pub org_id: i64,
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
            org_id: org.id.0,
            campaign_id: campaign.id.0,
            secret,
        })
    }

    /// The path of the confirmation link Chorus emails to `email`'s pledge on the campaign
    /// `campaign_id` of the demo organization, as its confirmation email carries it, read
    /// through `store` (a store on the server's database: see [`DemoForms::open`]).
    #[allow(dead_code)] // Used by live_load and stadium_load; pledge_bodies shares this module.
    pub async fn confirmation_path(
        &self,
        store: &Store,
        campaign_id: i64,
        email: &str,
    ) -> anyhow::Result<String> {
        let filter = ActionFilter {
            text: Some(email.to_string()),
            limit: 1,
            ..ActionFilter::default()
        };
        let found = store
            .campaign_actions(OrgId(self.org_id), CampaignId(campaign_id), &filter)
            .await?;
        let action = found
            .first()
            .ok_or_else(|| anyhow::anyhow!("no pledge by {email}"))?;
        let expires =
            Timestamp::from_unix_micros(action.created_at + supporter::CONFIRMATION_WINDOW_MICROS);
        let signature = supporter::confirmation_signature(&self.secret, action.id, expires);
        Ok(format!(
            "/confirm/{}.{}.{signature}",
            action.id,
            expires.unix_micros()
        ))
    }

    /// A store on the server's database, for [`DemoForms::confirmation_path`].
    #[allow(dead_code)]
    pub async fn open(database: &str) -> anyhow::Result<Store> {
        let url = DatabaseUrl::parse(database).map_err(anyhow::Error::msg)?;
        Ok(Store::open(&url).await?)
    }
}
