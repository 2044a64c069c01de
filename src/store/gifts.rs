//! Gifts built from the payment provider's events. Every change is a merge that gives the same
//! row whatever the order and however often an event is applied (see migration 0008), so
//! Stripe's repeated and out-of-order deliveries need no special handling. An event about a
//! payment not seen yet waits, kept, and is applied on a later pass.

use sqlx::FromRow;

use super::pool::{with_reader, with_writer};
use super::{Store, StoreResult};
use crate::domain::ids::OrgId;
use crate::domain::money::Money;
use crate::domain::stripe_event::{Attribution, CheckoutMode, ParsedEvent, StripeEvent};
use crate::domain::time::Timestamp;

/// What applying an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Applied (or nothing to do): the event is marked processed.
    Done,
    /// About a payment not seen yet, or a kind not handled yet (monthly giving): kept, and
    /// tried again on a later pass.
    Waiting,
}

/// A kept event not yet applied.
#[derive(Debug, Clone, FromRow)]
pub struct PendingEvent {
    pub id: i64,
    pub org_id: i64,
    pub payload: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct GiftRow {
    pub id: i64,
    pub payment_ref: String,
    pub checkout_ref: Option<String>,
    pub charge_ref: Option<String>,
    pub campaign_id: Option<i64>,
    pub touchpoint_code: Option<String>,
    pub engagement_id: Option<i64>,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub status: String,
    pub refunded_minor: i64,
    /// Lost in closed disputes.
    pub lost_minor: i64,
    /// Disputes not closed yet.
    pub open_disputes: i64,
}

/// The rank of a status inside SQL: a status only moves up.
macro_rules! status_rank {
    ($column:literal) => {
        concat!(
            "(CASE ",
            $column,
            " WHEN 'succeeded' THEN 2 WHEN 'failed' THEN 1 ELSE 0 END)"
        )
    };
}

/// What one event says about a payment.
struct GiftFacts<'a> {
    payment_ref: &'a str,
    checkout_ref: Option<&'a str>,
    charge_ref: Option<&'a str>,
    attribution: Option<&'a Attribution>,
    amount: Option<Money>,
    status: &'static str,
}

macro_rules! merge_gift {
    ($tx:expr, $org:expr, $facts:expr, $now:expr) => {{
        let facts: &GiftFacts<'_> = $facts;
        let campaign: Option<i64> = match facts.attribution.and_then(|a| a.campaign.as_deref()) {
            Some(slug) => {
                sqlx::query_scalar("SELECT id FROM campaigns WHERE org_id = $1 AND slug = $2")
                    .bind($org.0)
                    .bind(slug)
                    .fetch_optional(&mut *$tx)
                    .await?
            }
            None => None,
        };
        sqlx::query(concat!(
            "INSERT INTO gifts (org_id, provider, payment_ref, checkout_ref, charge_ref, campaign_id, \
               touchpoint_code, engagement_id, amount_minor, currency, status, created_at, updated_at) \
             VALUES ($1, 'stripe', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) \
             ON CONFLICT (org_id, provider, payment_ref) DO UPDATE SET \
               checkout_ref = COALESCE(gifts.checkout_ref, excluded.checkout_ref), \
               charge_ref = COALESCE(gifts.charge_ref, excluded.charge_ref), \
               campaign_id = COALESCE(gifts.campaign_id, excluded.campaign_id), \
               touchpoint_code = COALESCE(gifts.touchpoint_code, excluded.touchpoint_code), \
               engagement_id = COALESCE(gifts.engagement_id, excluded.engagement_id), \
               amount_minor = COALESCE(gifts.amount_minor, excluded.amount_minor), \
               currency = COALESCE(gifts.currency, excluded.currency), \
               status = CASE WHEN ",
            status_rank!("excluded.status"),
            " > ",
            status_rank!("gifts.status"),
            " THEN excluded.status ELSE gifts.status END, \
               updated_at = excluded.updated_at"
        ))
        .bind($org.0)
        .bind(facts.payment_ref)
        .bind(facts.checkout_ref)
        .bind(facts.charge_ref)
        .bind(campaign)
        .bind(facts.attribution.and_then(|a| a.touchpoint.as_deref()))
        .bind(facts.attribution.and_then(|a| a.engagement))
        .bind(facts.amount.map(|m| m.minor))
        .bind(facts.amount.map(|m| m.currency.code()))
        .bind(facts.status)
        .bind($now.unix_micros())
        .execute(&mut *$tx)
        .await?;
    }};
}

/// The gift a refund or dispute is about: by payment intent, else by charge.
macro_rules! find_gift {
    ($tx:expr, $org:expr, $payment:expr, $charge:expr) => {{
        let payment: Option<&str> = $payment;
        let charge: &str = $charge;
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM gifts WHERE org_id = $1 AND provider = 'stripe' \
             AND (payment_ref = $2 OR charge_ref = $3) ORDER BY id LIMIT 1",
        )
        .bind($org.0)
        .bind(payment.unwrap_or(""))
        .bind(charge)
        .fetch_optional(&mut *$tx)
        .await?;
        if let Some(id) = found {
            sqlx::query("UPDATE gifts SET charge_ref = COALESCE(charge_ref, $2) WHERE id = $1")
                .bind(id)
                .bind(charge)
                .execute(&mut *$tx)
                .await?;
        }
        found
    }};
}

impl Store {
    /// Kept events not applied yet, oldest first, after the event row `after` (for paging).
    pub async fn pending_payment_events(
        &self,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<PendingEvent>> {
        Ok(with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT id, org_id, payload FROM payment_events \
                 WHERE processed_at IS NULL AND id > $1 ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(limit)
            .fetch_all(p)
            .await
        })?)
    }

    /// Applies one kept event to the gifts, and marks it processed when done, in one
    /// transaction.
    pub async fn apply_payment_event(
        &self,
        event_row: i64,
        org: OrgId,
        parsed: &ParsedEvent,
        now: Timestamp,
    ) -> StoreResult<Applied> {
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            let applied = match &parsed.event {
                StripeEvent::CheckoutCompleted {
                    mode: CheckoutMode::Payment,
                    session,
                    paid,
                    amount,
                    payment_intent,
                    attribution,
                    ..
                } => {
                    let facts = GiftFacts {
                        payment_ref: payment_intent.as_deref().unwrap_or(session),
                        checkout_ref: Some(session),
                        charge_ref: None,
                        attribution: Some(attribution),
                        amount: *amount,
                        status: if *paid { "succeeded" } else { "pending" },
                    };
                    merge_gift!(tx, org, &facts, now);
                    Applied::Done
                }
                StripeEvent::CheckoutSettled {
                    session,
                    payment_intent: Some(payment_intent),
                } => {
                    let facts = GiftFacts {
                        payment_ref: payment_intent,
                        checkout_ref: Some(session),
                        charge_ref: None,
                        attribution: None,
                        amount: None,
                        status: "succeeded",
                    };
                    merge_gift!(tx, org, &facts, now);
                    Applied::Done
                }
                StripeEvent::CheckoutSettled {
                    session,
                    payment_intent: None,
                }
                | StripeEvent::CheckoutFailed { session } => {
                    let status = if matches!(parsed.event, StripeEvent::CheckoutFailed { .. }) {
                        "failed"
                    } else {
                        "succeeded"
                    };
                    let changed = sqlx::query(concat!(
                        "UPDATE gifts SET status = CASE WHEN ",
                        status_rank!("$3"),
                        " > ",
                        status_rank!("status"),
                        " THEN $3 ELSE status END, updated_at = $4 \
                         WHERE org_id = $1 AND provider = 'stripe' AND checkout_ref = $2"
                    ))
                    .bind(org.0)
                    .bind(session)
                    .bind(status)
                    .bind(now.unix_micros())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if changed == 0 {
                        Applied::Waiting
                    } else {
                        Applied::Done
                    }
                }
                StripeEvent::PaymentSucceeded {
                    payment_intent,
                    amount,
                    attribution,
                } => {
                    let facts = GiftFacts {
                        payment_ref: payment_intent,
                        checkout_ref: None,
                        charge_ref: None,
                        attribution: Some(attribution),
                        amount: Some(*amount),
                        status: "succeeded",
                    };
                    merge_gift!(tx, org, &facts, now);
                    Applied::Done
                }
                StripeEvent::PaymentFailed { payment_intent } => {
                    let facts = GiftFacts {
                        payment_ref: payment_intent,
                        checkout_ref: None,
                        charge_ref: None,
                        attribution: None,
                        amount: None,
                        status: "failed",
                    };
                    merge_gift!(tx, org, &facts, now);
                    Applied::Done
                }
                StripeEvent::Refunded {
                    charge,
                    payment_intent,
                    refunded,
                } => match find_gift!(tx, org, payment_intent.as_deref(), charge) {
                    Some(gift) => {
                        // Stripe's total refunded so far: the largest seen is the truth.
                        sqlx::query(
                            "UPDATE gifts SET refunded_minor = CASE WHEN refunded_minor < $2 \
                             THEN $2 ELSE refunded_minor END, updated_at = $3 WHERE id = $1",
                        )
                        .bind(gift)
                        .bind(refunded.minor)
                        .bind(now.unix_micros())
                        .execute(&mut *tx)
                        .await?;
                        Applied::Done
                    }
                    None => Applied::Waiting,
                },
                StripeEvent::DisputeOpened {
                    dispute,
                    charge,
                    payment_intent,
                    amount,
                }
                | StripeEvent::DisputeClosed {
                    dispute,
                    charge,
                    payment_intent,
                    amount,
                    ..
                } => match find_gift!(tx, org, payment_intent.as_deref(), charge) {
                    Some(gift) => {
                        let status = match parsed.event {
                            StripeEvent::DisputeClosed { won: true, .. } => "won",
                            StripeEvent::DisputeClosed { won: false, .. } => "lost",
                            _ => "open",
                        };
                        // A closed dispute outranks an open one, whichever arrives first.
                        sqlx::query(
                            "INSERT INTO gift_disputes (org_id, dispute_ref, gift_id, amount_minor, status) \
                             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, dispute_ref) DO UPDATE SET \
                             status = CASE WHEN gift_disputes.status = 'open' THEN excluded.status \
                             ELSE gift_disputes.status END",
                        )
                        .bind(org.0)
                        .bind(dispute)
                        .bind(gift)
                        .bind(amount.minor)
                        .bind(status)
                        .execute(&mut *tx)
                        .await?;
                        Applied::Done
                    }
                    None => Applied::Waiting,
                },
                // Monthly giving (subscriptions and their invoices) is handled next.
                StripeEvent::CheckoutCompleted {
                    mode: CheckoutMode::Subscription,
                    ..
                }
                | StripeEvent::InvoicePaid { .. }
                | StripeEvent::InvoiceFailed { .. }
                | StripeEvent::SubscriptionEnded { .. } => Applied::Waiting,
                StripeEvent::Ignored => Applied::Done,
            };
            if applied == Applied::Done {
                sqlx::query("UPDATE payment_events SET processed_at = $2 WHERE id = $1")
                    .bind(event_row)
                    .bind(now.unix_micros())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(applied)
        })
    }

    /// An organization's gifts, newest first.
    pub async fn gifts(&self, org: OrgId) -> StoreResult<Vec<GiftRow>> {
        Ok(with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT g.id, g.payment_ref, g.checkout_ref, g.charge_ref, g.campaign_id, \
                   g.touchpoint_code, g.engagement_id, g.amount_minor, g.currency, g.status, \
                   g.refunded_minor, \
                   CAST(COALESCE((SELECT SUM(d.amount_minor) FROM gift_disputes d \
                     WHERE d.gift_id = g.id AND d.status = 'lost'), 0) AS BIGINT) AS lost_minor, \
                   (SELECT COUNT(*) FROM gift_disputes d \
                     WHERE d.gift_id = g.id AND d.status = 'open') AS open_disputes \
                 FROM gifts g WHERE g.org_id = $1 ORDER BY g.id DESC",
            )
            .bind(org.0)
            .fetch_all(p)
            .await
        })?)
    }
}
