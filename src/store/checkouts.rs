//! Checkouts started from donate forms: what was asked and where it came from, kept so that the
//! test provider's page can show and complete its own, and so that starts can be counted.

use sqlx::FromRow;

use super::db::{query, query_as};
use super::{Store, StoreResult};
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::time::Timestamp;

/// A checkout about to be handed to the provider.
#[derive(Debug, Clone)]
pub struct NewCheckout<'a> {
    pub provider: &'a str,
    pub session_ref: &'a str,
    pub campaign: CampaignId,
    pub touchpoint: Option<&'a str>,
    pub engagement: Option<i64>,
    /// `once` or `monthly`.
    pub frequency: &'a str,
    pub gift_minor: i64,
    pub fee_cover_minor: i64,
    pub currency: &'a str,
    pub language: &'a str,
    pub success_url: &'a str,
    pub cancel_url: &'a str,
}

#[derive(Debug, Clone, FromRow)]
pub struct CheckoutRow {
    pub org_id: i64,
    pub provider: String,
    pub session_ref: String,
    pub campaign_id: i64,
    pub touchpoint_code: Option<String>,
    pub engagement_id: Option<i64>,
    pub frequency: String,
    pub gift_minor: i64,
    pub fee_cover_minor: i64,
    pub currency: String,
    pub language: String,
    pub success_url: String,
    pub cancel_url: String,
    pub completed_at: Option<i64>,
}

impl Store {
    /// Keeps a started checkout; the same session again (Stripe answers a retried request with
    /// the session it made) changes nothing.
    pub async fn record_checkout(
        &self,
        org: OrgId,
        checkout: &NewCheckout<'_>,
        now: Timestamp,
    ) -> StoreResult<()> {
        query(
                "INSERT INTO checkout_sessions (org_id, provider, session_ref, campaign_id, \
                   touchpoint_code, engagement_id, frequency, gift_minor, fee_cover_minor, currency, \
                   language, success_url, cancel_url, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                 ON CONFLICT (org_id, provider, session_ref) DO NOTHING",
            )
            .bind(org.0)
            .bind(checkout.provider)
            .bind(checkout.session_ref)
            .bind(checkout.campaign.0)
            .bind(checkout.touchpoint)
            .bind(checkout.engagement)
            .bind(checkout.frequency)
            .bind(checkout.gift_minor)
            .bind(checkout.fee_cover_minor)
            .bind(checkout.currency)
            .bind(checkout.language)
            .bind(checkout.success_url)
            .bind(checkout.cancel_url)
            .bind(now.unix_micros())
            .execute(self.writer())
            .await
            .map(|_| ())?;
        Ok(())
    }

    /// A checkout of `provider` by its reference (unguessable: it is the donor's key).
    pub async fn checkout(
        &self,
        provider: &str,
        session_ref: &str,
    ) -> StoreResult<Option<CheckoutRow>> {
        query_as(
            "SELECT org_id, provider, session_ref, campaign_id, touchpoint_code, engagement_id, \
                   frequency, gift_minor, fee_cover_minor, currency, language, success_url, \
                   cancel_url, completed_at \
                 FROM checkout_sessions WHERE session_ref = $1 AND provider = $2",
        )
        .bind(session_ref)
        .bind(provider)
        .fetch_optional(self.reader())
        .await
    }

    /// Marks a checkout completed; `false` when it already was (a second click pays nothing).
    pub async fn complete_checkout(
        &self,
        provider: &str,
        session_ref: &str,
        now: Timestamp,
    ) -> StoreResult<bool> {
        let changed = query(
            "UPDATE checkout_sessions SET completed_at = $3 \
                 WHERE session_ref = $1 AND provider = $2 AND completed_at IS NULL",
        )
        .bind(session_ref)
        .bind(provider)
        .bind(now.unix_micros())
        .execute(self.writer())
        .await
        .map(|r| r.rows_affected())?;
        Ok(changed == 1)
    }
}
