//! The start of a gift, once the web layer has read the donate form and checked its token:
//! what the organization offers donors, the guards that stop card testing before the payment
//! provider sees it (a limit of checkouts per campaign and minute, a tenth of it per address,
//! and a proof of work once an address has started several checkouts or while the
//! organization's payments fail suspiciously often), and the checkout itself with Stripe or
//! the local test provider. The gift is recorded from the provider's signed events, never here.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use super::card_testing::{Alert, CardTestingWatch};
use super::rate_limits::{bucket, window_start, BUCKET};
use crate::auth::sealed::Sealer;
use crate::auth::token::keyed_digest;
use crate::auth::token::random_token;
use crate::domain::checkout::CheckoutRequest;
use crate::domain::donation::{DonationOptions, DEFAULT_OPTIONS};
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::payment::{secret_key_context, Provider};
use crate::domain::supporter;
use crate::domain::time::Timestamp;
use crate::metrics::Metrics;
use crate::store::{Hit, NewCheckout, PaymentSettings, Store, StoreError};
use crate::stripe_api::StripeApi;

/// Checkouts from one address in [`CHECKOUTS_PER_ADDRESS_WINDOW`] before a proof of work is
/// needed (a venue's shared address is slowed by a fraction of a second); past that, each
/// doubling of its excess doubles the work (`supporter::proof_of_work_bits`).
pub const CHECKOUTS_PER_ADDRESS: usize = 5;
pub const CHECKOUTS_PER_ADDRESS_WINDOW: Duration = Duration::from_secs(10 * 60);
/// One address's share of a campaign's checkouts per minute.
const SHARE_OF_CAMPAIGN: usize = 10;

/// What an organization offers donors, when it takes gifts online.
pub struct Donations {
    pub settings: PaymentSettings,
    pub provider: Provider,
    pub options: DonationOptions,
}

/// A checkout refused before the provider saw it: the reason (a metric label) and when to
/// try again.
#[derive(Debug, Clone, Copy)]
pub struct Busy {
    pub reason: &'static str,
    pub retry_after: Duration,
}

/// Why a checkout did not start.
#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    /// The organization's payment settings lack the provider's secret key.
    #[error("the payment provider is not set up")]
    Unavailable,
    /// The provider refused or could not be reached.
    #[error("the payment provider did not start a checkout: {0}")]
    Provider(String),
    #[error(transparent)]
    Sealed(#[from] crate::auth::sealed::SealError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One checked gift, ready for the provider.
pub struct NewGift<'a> {
    pub org: OrgId,
    pub campaign: CampaignId,
    pub donations: &'a Donations,
    pub request: &'a CheckoutRequest,
    /// The form's idempotency key: the provider starts one checkout however often it is sent.
    pub idempotency_key: &'a str,
    pub at: Timestamp,
}

pub struct Checkouts {
    store: Store,
    stripe: StripeApi,
    payment_keys: Arc<Sealer>,
    metrics: Arc<Metrics>,
    /// Card testing alerts per organization.
    card_testing: CardTestingWatch,
    /// Checkouts started per campaign in a minute: past it, starts are refused for a moment;
    /// one address may start a tenth of them. Counted in the database for the whole
    /// deployment (`Store::count_hits`), keyed by digests under `secret`.
    checkout_rate: usize,
    secret: Vec<u8>,
}

impl Checkouts {
    /// `checkout_rate`: checkouts per campaign and minute (`--checkout-rate`); `secret` keys
    /// the digests the limits count by (no address is stored).
    pub fn new(
        store: Store,
        stripe: StripeApi,
        payment_keys: Arc<Sealer>,
        metrics: Arc<Metrics>,
        checkout_rate: usize,
        secret: Vec<u8>,
    ) -> Self {
        Self {
            store,
            stripe,
            payment_keys,
            metrics,
            card_testing: CardTestingWatch::default(),
            checkout_rate,
            secret,
        }
    }

    fn address_key(&self, address: IpAddr) -> Vec<u8> {
        keyed_digest(
            &self.secret,
            &[b"checkouts of", address.to_string().as_bytes()],
        )
    }

    /// Checkouts `address` started in the last [`CHECKOUTS_PER_ADDRESS_WINDOW`]: what its
    /// proof of work depends on ([`Checkouts::work_bits`], [`Checkouts::needs_work`]).
    pub async fn recent_from(&self, address: IpAddr, now: Timestamp) -> Result<usize, StoreError> {
        let since = window_start(now, CHECKOUTS_PER_ADDRESS_WINDOW);
        let hits = self
            .store
            .hits_since(&self.address_key(address), since)
            .await?;
        Ok(usize::try_from(hits).unwrap_or(0))
    }

    /// What `org` offers donors; None when it takes no gifts online.
    pub async fn donations(&self, org: OrgId) -> Result<Option<Donations>, StoreError> {
        let Some(settings) = self.store.payment_settings(org).await? else {
            return Ok(None);
        };
        let Ok(provider) = Provider::parse(&settings.provider) else {
            return Ok(None);
        };
        // Settings saved before the options existed offer the defaults.
        let text = if settings.donation_options.trim().is_empty() {
            DEFAULT_OPTIONS
        } else {
            settings.donation_options.as_str()
        };
        let options = DonationOptions::parse(text)
            .map_err(|_| StoreError::Corrupt("stored donation options do not parse".into()))?;
        Ok(Some(Donations {
            settings,
            provider,
            options,
        }))
    }

    /// The proof of work the next form of an address that started `recent` checkouts carries:
    /// more, the more it started.
    pub fn work_bits(recent: usize) -> u32 {
        supporter::proof_of_work_bits(recent, CHECKOUTS_PER_ADDRESS)
    }

    /// Whether the form of an address that started `recent` checkouts must carry its proof of
    /// work: past a few, or while `org`'s payments fail like card testing (a bot pays in CPU).
    pub async fn needs_work(&self, org: OrgId, recent: usize) -> Result<bool, StoreError> {
        Ok(recent >= CHECKOUTS_PER_ADDRESS || self.card_testing_alert(org).await?.is_some())
    }

    /// The card testing alert of `org`, if its recent payments fail suspiciously often.
    pub async fn card_testing_alert(&self, org: OrgId) -> Result<Option<Alert>, StoreError> {
        self.card_testing.alert(&self.store, org).await
    }

    /// Counts one checkout start, for every process of the deployment at once. One address
    /// may start a tenth of the campaign's checkouts a minute; past that it waits, and the rest
    /// stay for everyone else, so only many addresses together fill the guard. A refused start
    /// is not counted.
    pub async fn admit(
        &self,
        campaign: CampaignId,
        address: IpAddr,
        now: Timestamp,
    ) -> Result<Result<(), Busy>, StoreError> {
        let campaign_id = campaign.0.to_be_bytes();
        let address_text = address.to_string();
        let share_key = keyed_digest(
            &self.secret,
            &[b"checkouts on", &campaign_id, address_text.as_bytes()],
        );
        let campaign_key = keyed_digest(&self.secret, &[b"checkouts on", &campaign_id]);
        let address_key = self.address_key(address);
        let minute = window_start(now, Duration::from_secs(60));
        let per_campaign = self.checkout_rate as i64;
        let hits = [
            Hit {
                key: &share_key,
                bucket: bucket(now),
                since: minute,
                limit: (per_campaign / SHARE_OF_CAMPAIGN as i64).max(1),
            },
            Hit {
                key: &campaign_key,
                bucket: bucket(now),
                since: minute,
                limit: per_campaign,
            },
            // Only counted: how many an address started decides its proof of work.
            Hit {
                key: &address_key,
                bucket: bucket(now),
                since: bucket(now),
                limit: i64::MAX,
            },
        ];
        let refused = self.store.count_hits(&hits).await?;
        Ok(match refused {
            None => Ok(()),
            Some(which) => Err(Busy {
                reason: if which == 0 {
                    "address_rate"
                } else {
                    "campaign_rate"
                },
                retry_after: BUCKET,
            }),
        })
    }

    /// Starts the checkout with the organization's provider and keeps it (to attribute the
    /// gift when the provider's events arrive); yields where the donor goes next.
    pub async fn start(&self, gift: NewGift<'_>) -> Result<String, CheckoutError> {
        let donations = gift.donations;
        let request = gift.request;
        let (session_ref, next) = match donations.provider {
            Provider::Stripe => {
                let sealed = donations
                    .settings
                    .secret_key_sealed
                    .as_ref()
                    .ok_or(CheckoutError::Unavailable)?;
                let key = self
                    .payment_keys
                    .open(sealed, &secret_key_context(gift.org))?;
                let key = String::from_utf8_lossy(&key).into_owned();
                let session = self
                    .stripe
                    .create_checkout_session(&key, gift.idempotency_key, request)
                    .await
                    .map_err(|err| CheckoutError::Provider(err.to_string()))?;
                (session.id, session.url)
            }
            Provider::Test => {
                let session = format!("cs_test_chorus_{}", random_token().replace(['-', '_'], ""));
                let next = format!("/pay/test/{session}");
                (session, next)
            }
        };
        let amount = request.gift;
        let checkout = NewCheckout {
            provider: donations.provider.as_str(),
            session_ref: &session_ref,
            campaign: gift.campaign,
            touchpoint: request.source.touchpoint.as_deref(),
            engagement: request.source.engagement,
            frequency: amount.frequency.as_str(),
            gift_minor: amount.gift.minor,
            fee_cover_minor: amount.fee_cover_minor,
            currency: amount.gift.currency.code(),
            language: request.language.code(),
            success_url: &request.success_url,
            cancel_url: &request.cancel_url,
        };
        self.store
            .record_checkout(gift.org, &checkout, gift.at)
            .await?;
        self.metrics.checkouts_started.inc();
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};

    use super::*;
    use crate::app::rate_limits::{forget_old_hits, HITS_KEPT};
    use crate::store::testing::Backends;

    fn process(store: &Store, checkout_rate: usize) -> Checkouts {
        Checkouts::new(
            store.clone(),
            StripeApi::new("http://127.0.0.1:9".parse().expect("url")),
            Arc::new(Sealer::new(&[7; 32])),
            Arc::new(Metrics::new()),
            checkout_rate,
            b"secret".to_vec(),
        )
    }

    fn address(n: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(198, 51, 100, n))
    }

    /// Two processes on one database admitting at once never start more than the campaign's
    /// limit between them, one address gets its share and no more, and a new process (a
    /// restart) still knows what was started.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn limits_hold_across_processes_and_restarts() {
        let backends = Backends::open("checkout_limits").await;
        let now = Timestamp::from_unix_micros(1_800_000_000_000_000);
        for store in &backends.stores {
            let (one, two) = (Arc::new(process(store, 40)), Arc::new(process(store, 40)));
            let campaign = CampaignId(1);
            // 40 addresses, 2 starts each, split over both processes at once: 40 admitted.
            let mut tries = Vec::new();
            for n in 0..80u8 {
                let checkouts = if n % 2 == 0 { one.clone() } else { two.clone() };
                tries.push(tokio::spawn(async move {
                    checkouts.admit(campaign, address(n / 2), now).await
                }));
            }
            let mut admitted = 0;
            for attempt in tries {
                if attempt.await.expect("task").expect("store").is_ok() {
                    admitted += 1;
                }
            }
            assert_eq!(
                admitted, 40,
                "the campaign's limit, for both processes together"
            );
            let restarted = process(store, 40);
            let refused = restarted
                .admit(CampaignId(1), address(200), now)
                .await
                .expect("store");
            assert_eq!(refused.map_err(|b| b.reason), Err("campaign_rate"));
            // One address: its share (a tenth) of another campaign, then refused.
            for n in 0..4 {
                let start = restarted.admit(CampaignId(2), address(250), now).await;
                assert!(start.expect("store").is_ok(), "{n}");
            }
            let fifth = restarted.admit(CampaignId(2), address(250), now).await;
            assert_eq!(
                fifth.expect("store").map_err(|b| b.reason),
                Err("address_rate")
            );
            // A minute later the windows have moved on; the address's history has not.
            let later = now.plus(Duration::from_secs(61));
            let again = restarted.admit(CampaignId(2), address(250), later).await;
            assert!(again.expect("store").is_ok());
            assert_eq!(
                one.recent_from(address(250), later).await.expect("recent"),
                5,
                "refused starts are not counted"
            );
            let forgotten = forget_old_hits(store, later.plus(HITS_KEPT).plus(BUCKET)).await;
            assert!(forgotten.expect("forget") > 0);
            assert_eq!(
                one.recent_from(address(250), later).await.expect("recent"),
                0
            );
        }
        backends.close().await;
    }
}
