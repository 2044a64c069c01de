//! Payments: an organization's provider settings (keys arrive and leave sealed: this layer never
//! sees them in clear) and the provider's webhook events, kept once per event id.

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar, On};
use super::{Store, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::OrgId;
use crate::domain::time::Timestamp;

/// An organization's payment settings as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct PaymentSettings {
    /// `stripe`, or `test` (the local test provider of the demo and of development).
    pub provider: String,
    pub publishable_key: String,
    pub secret_key_sealed: Option<Vec<u8>>,
    pub webhook_secrets_sealed: Option<Vec<u8>>,
    /// The donate form's currencies and amounts, as `domain::donation` reads them.
    pub donation_options: String,
    /// What "cover the fee" adds, in hundredths of a percent.
    pub fee_basis_points: i32,
    /// The ISO code reports and progress bars convert gifts into.
    pub reporting_currency: String,
}

/// A genuine webhook delivery: what is kept of it.
#[derive(Debug, Clone)]
pub struct ReceivedEvent<'a> {
    pub provider: &'a str,
    pub event_id: &'a str,
    pub event_type: &'a str,
    /// When the provider created the event (Unix seconds, as Stripe sends it).
    pub created: Option<i64>,
    /// The body exactly as received.
    pub payload: &'a str,
}

#[derive(Debug, Clone, FromRow)]
pub struct PaymentEventRow {
    pub event_id: String,
    #[sqlx(rename = "type")]
    pub event_type: String,
    pub created: Option<i64>,
    pub received_at: i64,
    pub deliveries: i32,
    pub processed_at: Option<i64>,
}

const SETTINGS: &str =
    "SELECT provider, publishable_key, secret_key_sealed, webhook_secrets_sealed, \
       donation_options, fee_basis_points, reporting_currency \
     FROM payment_settings WHERE org_id = $1";

/// The currency `org` reports in (euros until set), read on `on`.
pub(super) async fn reporting_currency_in<'a>(
    on: impl Into<On<'a>>,
    org: OrgId,
) -> StoreResult<String> {
    let settings: Option<PaymentSettings> =
        query_as(SETTINGS).bind(org.0).fetch_optional(on).await?;
    Ok(settings.map_or_else(|| "EUR".to_string(), |s| s.reporting_currency))
}

impl Store {
    pub async fn payment_settings(&self, org: OrgId) -> StoreResult<Option<PaymentSettings>> {
        query_as(SETTINGS)
            .bind(org.0)
            .fetch_optional(self.reader())
            .await
    }

    /// The currency reports and progress bars convert gifts into (euros until set).
    pub async fn reporting_currency(&self, org: OrgId) -> StoreResult<String> {
        reporting_currency_in(self.reader(), org).await
    }

    /// Replaces the settings; the audit log says what changed, never a key.
    pub async fn save_payment_settings(
        &self,
        org: OrgId,
        actor: &Actor,
        settings: &PaymentSettings,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let before: Option<PaymentSettings> = query_as(SETTINGS)
            .bind(org.0)
            .fetch_optional(&mut change)
            .await?;
        query(
            "INSERT INTO payment_settings (org_id, provider, publishable_key, secret_key_sealed, \
                   webhook_secrets_sealed, donation_options, fee_basis_points, reporting_currency, \
                   updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (org_id) DO UPDATE SET provider = excluded.provider, \
                   publishable_key = excluded.publishable_key, \
                   secret_key_sealed = excluded.secret_key_sealed, \
                   webhook_secrets_sealed = excluded.webhook_secrets_sealed, \
                   donation_options = excluded.donation_options, \
                   fee_basis_points = excluded.fee_basis_points, \
                   reporting_currency = excluded.reporting_currency, \
                   updated_at = excluded.updated_at",
        )
        .bind(org.0)
        .bind(&settings.provider)
        .bind(&settings.publishable_key)
        .bind(settings.secret_key_sealed.as_deref())
        .bind(settings.webhook_secrets_sealed.as_deref())
        .bind(&settings.donation_options)
        .bind(settings.fee_basis_points)
        .bind(&settings.reporting_currency)
        .bind(now.unix_micros())
        .execute(&mut change)
        .await?;
        let summary = |s: &PaymentSettings| {
            json!({ "provider": s.provider, "publishable_key": s.publishable_key,
                    "donation_options": s.donation_options, "fee_basis_points": s.fee_basis_points,
                    "reporting_currency": s.reporting_currency })
        };
        let mut after = summary(settings);
        let previous = before.as_ref();
        after["secret_key_changed"] =
            json!(previous.map(|b| &b.secret_key_sealed) != Some(&settings.secret_key_sealed));
        after["webhook_secrets_changed"] = json!(
            previous.map(|b| &b.webhook_secrets_sealed) != Some(&settings.webhook_secrets_sealed)
        );
        change
            .audit(
                AuditAction::PaymentSettingsChanged,
                "payments",
                before.as_ref().map(summary),
                Some(after),
            )
            .await?;
        // Campaign pages offer "Donate" once an organization takes gifts.
        change.publish().await?;
        Ok(())
    }

    /// Keeps a delivery; `true` the first time this event id arrives, `false` for a repeat
    /// (counted, nothing else changes).
    pub async fn record_payment_event(
        &self,
        org: OrgId,
        event: &ReceivedEvent<'_>,
        now: Timestamp,
    ) -> StoreResult<bool> {
        let deliveries: i32 = query_scalar(
                "INSERT INTO payment_events (org_id, provider, event_id, type, created, payload, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (org_id, provider, event_id) \
                 DO UPDATE SET deliveries = payment_events.deliveries + 1 \
                 RETURNING deliveries",
            )
            .bind(org.0)
            .bind(event.provider)
            .bind(event.event_id)
            .bind(event.event_type)
            .bind(event.created)
            .bind(event.payload)
            .bind(now.unix_micros())
            .fetch_one(self.writer())
            .await?;
        Ok(deliveries == 1)
    }

    /// The latest events of an organization, newest first.
    pub async fn payment_events(
        &self,
        org: OrgId,
        limit: i64,
    ) -> StoreResult<Vec<PaymentEventRow>> {
        query_as(
            "SELECT event_id, type, created, received_at, deliveries, processed_at \
                 FROM payment_events WHERE org_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2",
        )
        .bind(org.0)
        .bind(limit)
        .fetch_all(self.reader())
        .await
    }
}
