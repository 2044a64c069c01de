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
use crate::auth::rate_limit::RateLimiter;
use crate::auth::sealed::Sealer;
use crate::auth::token::random_token;
use crate::domain::checkout::CheckoutRequest;
use crate::domain::donation::{DonationOptions, DEFAULT_OPTIONS};
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::payment::{secret_key_context, Provider};
use crate::domain::supporter;
use crate::domain::time::Timestamp;
use crate::metrics::Metrics;
use crate::store::{NewCheckout, PaymentSettings, Store, StoreError};
use crate::stripe_api::StripeApi;

/// Checkouts from one address in [`CHECKOUTS_PER_ADDRESS_WINDOW`] before a proof of work is
/// needed (a venue's shared address is slowed by a fraction of a second); past that, each
/// doubling of its excess doubles the work (`supporter::proof_of_work_bits`).
pub const CHECKOUTS_PER_ADDRESS: usize = 5;
pub const CHECKOUTS_PER_ADDRESS_WINDOW: Duration = Duration::from_secs(10 * 60);
/// The checkouts of one address remembered: enough to reach the most work it is asked for.
const ADDRESS_HISTORY: usize = 256;
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
    /// Checkouts per campaign and address: a tenth of the campaign's limit.
    shares: RateLimiter,
    /// Checkouts started per campaign in a minute: past it, starts are refused for a moment.
    starts: RateLimiter,
    /// Checkouts started per address: past it, a solved proof of work is required.
    starts_per_address: RateLimiter,
}

impl Checkouts {
    /// `checkout_rate`: checkouts per campaign and minute (`--checkout-rate`).
    pub fn new(
        store: Store,
        stripe: StripeApi,
        payment_keys: Arc<Sealer>,
        metrics: Arc<Metrics>,
        checkout_rate: usize,
    ) -> Self {
        Self {
            store,
            stripe,
            payment_keys,
            metrics,
            card_testing: CardTestingWatch::default(),
            shares: RateLimiter::new(
                (checkout_rate / SHARE_OF_CAMPAIGN).max(1),
                Duration::from_secs(60),
            ),
            starts: RateLimiter::new(checkout_rate, Duration::from_secs(60)),
            starts_per_address: RateLimiter::new(
                CHECKOUTS_PER_ADDRESS * ADDRESS_HISTORY,
                CHECKOUTS_PER_ADDRESS_WINDOW,
            ),
        }
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

    /// The proof of work `address`'s next form carries: more, the more checkouts it started.
    pub fn work_bits(&self, address: IpAddr, now: Timestamp) -> u32 {
        let recent = self.starts_per_address.recent(&address.to_string(), now);
        supporter::proof_of_work_bits(recent, CHECKOUTS_PER_ADDRESS)
    }

    /// Whether `address`'s form must carry its proof of work: past a few checkouts from it, or
    /// while `org`'s payments fail like card testing (a bot pays in CPU).
    pub async fn needs_work(
        &self,
        org: OrgId,
        address: IpAddr,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let busy =
            self.starts_per_address.recent(&address.to_string(), now) >= CHECKOUTS_PER_ADDRESS;
        Ok(busy || self.card_testing_alert(org).await?.is_some())
    }

    /// The card testing alert of `org`, if its recent payments fail suspiciously often.
    pub async fn card_testing_alert(&self, org: OrgId) -> Result<Option<Alert>, StoreError> {
        self.card_testing.alert(&self.store, org).await
    }

    /// Counts one checkout start. One address may start a tenth of the campaign's checkouts a
    /// minute; past that it waits, and the rest stay for everyone else, so only many addresses
    /// together fill the guard.
    pub fn admit(&self, campaign: CampaignId, address: IpAddr, now: Timestamp) -> Result<(), Busy> {
        let campaign_key = campaign.0.to_string();
        let address_key = address.to_string();
        let share_key = format!("{campaign_key} {address_key}");
        let limits = [
            (&self.shares, share_key.as_str(), "address_rate"),
            (&self.starts, campaign_key.as_str(), "campaign_rate"),
        ];
        for (limiter, key, reason) in limits {
            if let Err(retry) = limiter.check(key, now) {
                return Err(Busy {
                    reason,
                    retry_after: retry.0,
                });
            }
        }
        self.starts.record(&campaign_key, now);
        self.shares.record(&share_key, now);
        self.starts_per_address.record(&address_key, now);
        Ok(())
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
