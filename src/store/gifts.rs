//! Gifts built from the payment provider's events. Every change is a merge that gives the same
//! row whatever the order and however often an event is applied (see migration 0008), so
//! Stripe's repeated and out-of-order deliveries need no special handling. An event about a
//! payment not seen yet waits, kept, and is applied on a later pass.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::FromRow;

use super::change::lock_org;
use super::db::{query, query_as, query_scalar, Tx};
use super::rollups::{
    counted_hour, refresh_gift_hours, refresh_gift_hours_changed_at, HOUR_MICROS,
};
use super::{Store, StoreResult};
use crate::domain::gift::ReceivedGift;
use crate::domain::ids::OrgId;
use crate::domain::money::{Currency, Money};
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
    /// `stripe`, or `offline` for gifts staff recorded.
    pub provider: String,
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
    pub subscription_ref: Option<String>,
    /// The value in the reporting currency, fixed at the rate of `rate_day`.
    pub reporting_minor: Option<i64>,
    pub reporting_currency: Option<String>,
    pub rate_day: Option<String>,
    pub rate_note: Option<String>,
    /// The day paid (received, for an offline gift).
    pub paid_on: Option<String>,
    /// How an offline gift arrived, and staff's note.
    pub method: Option<String>,
    pub note: Option<String>,
}

/// What a gift (`g`) lost in closed disputes, as a SQL expression.
macro_rules! lost_in_disputes {
    () => {
        "CAST(COALESCE((SELECT SUM(d.amount_minor) FROM gift_disputes d \
           WHERE d.gift_id = g.id AND d.status = 'lost'), 0) AS BIGINT)"
    };
}
pub(super) use lost_in_disputes;

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

/// A gift's payment time (`paid_at`, and its UTC day `paid_on`) merged with a new one: the
/// earliest time any event reports it paid, so deliveries in any order give the same row; fixed
/// once the gift is valued, since its value was taken at the rate of that day.
macro_rules! merge_paid_time {
    ($new_at:literal, $new_on:literal) => {
        concat!(
            "paid_at = CASE WHEN ",
            paid_earlier!($new_at),
            " THEN ",
            $new_at,
            " ELSE gifts.paid_at END, paid_on = CASE WHEN ",
            paid_earlier!($new_at),
            " THEN ",
            $new_on,
            " ELSE gifts.paid_on END"
        )
    };
}

/// Whether `$new_at` is an earlier payment time for an unvalued gift (see `merge_paid_time!`).
macro_rules! paid_earlier {
    ($new_at:literal) => {
        concat!(
            "(",
            $new_at,
            " IS NOT NULL AND gifts.reporting_minor IS NULL \
               AND (gifts.paid_at IS NULL OR ",
            $new_at,
            " < gifts.paid_at))"
        )
    };
}

/// What one event says about a payment.
struct GiftFacts<'a> {
    payment_ref: &'a str,
    checkout_ref: Option<&'a str>,
    charge_ref: Option<&'a str>,
    /// A month of a monthly gift: its attribution is the subscription's.
    subscription_ref: Option<&'a str>,
    attribution: Option<&'a Attribution>,
    amount: Option<Money>,
    status: &'static str,
}

/// What one event says about a monthly gift.
struct SubscriptionFacts<'a> {
    subscription_ref: &'a str,
    checkout_ref: Option<&'a str>,
    campaign: Option<i64>,
    attribution: Option<&'a Attribution>,
    amount: Option<Money>,
    /// `active` or `ended`.
    status: &'static str,
}

/// A campaign's id from its slug in an event's metadata.
async fn campaign_of(
    tx: &mut Tx,
    org: OrgId,
    attribution: Option<&Attribution>,
) -> StoreResult<Option<i64>> {
    let Some(slug) = attribution.and_then(|a| a.campaign.as_deref()) else {
        return Ok(None);
    };
    query_scalar::<i64>("SELECT id FROM campaigns WHERE org_id = $1 AND slug = $2")
        .bind(org.0)
        .bind(slug)
        .fetch_optional(tx)
        .await
}

/// Merges what one event says into the gift's row; the hour the gift was counted under before
/// goes into `moved_hours`, to be recomputed too if the gift moves.
async fn merge_gift(
    tx: &mut Tx,
    org: OrgId,
    facts: &GiftFacts<'_>,
    paid_at: Timestamp,
    now: Timestamp,
    moved_hours: &mut BTreeSet<i64>,
) -> StoreResult<()> {
    let campaign = campaign_of(tx, org, facts.attribution).await?;
    moved_hours.extend(counted_hour(tx, org, "stripe", facts.payment_ref).await?);
    // A month of a monthly gift takes what is known of its subscription.
    let inherited: Option<(Option<i64>, Option<String>, Option<i64>)> = match facts.subscription_ref
    {
        Some(subscription) => {
            query_as(
                "SELECT campaign_id, touchpoint_code, engagement_id FROM gift_subscriptions \
                 WHERE org_id = $1 AND provider = 'stripe' AND subscription_ref = $2",
            )
            .bind(org.0)
            .bind(subscription)
            .fetch_optional(&mut *tx)
            .await?
        }
        None => None,
    };
    let (inherited_campaign, inherited_touchpoint, inherited_engagement) =
        inherited.unwrap_or_default();
    let paid = facts.status == "succeeded";
    query(concat!(
        "INSERT INTO gifts (org_id, provider, payment_ref, checkout_ref, charge_ref, campaign_id, \
           touchpoint_code, engagement_id, amount_minor, currency, status, created_at, updated_at, \
           subscription_ref, paid_on, paid_at) \
         VALUES ($1, 'stripe', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14) \
         ON CONFLICT (org_id, provider, payment_ref) DO UPDATE SET \
           checkout_ref = COALESCE(gifts.checkout_ref, excluded.checkout_ref), \
           charge_ref = COALESCE(gifts.charge_ref, excluded.charge_ref), \
           campaign_id = COALESCE(gifts.campaign_id, excluded.campaign_id), \
           touchpoint_code = COALESCE(gifts.touchpoint_code, excluded.touchpoint_code), \
           engagement_id = COALESCE(gifts.engagement_id, excluded.engagement_id), \
           amount_minor = COALESCE(gifts.amount_minor, excluded.amount_minor), \
           currency = COALESCE(gifts.currency, excluded.currency), \
           subscription_ref = COALESCE(gifts.subscription_ref, excluded.subscription_ref), ",
        merge_paid_time!("excluded.paid_at", "excluded.paid_on"),
        ", status = CASE WHEN ",
        status_rank!("excluded.status"),
        " > ",
        status_rank!("gifts.status"),
        " THEN excluded.status ELSE gifts.status END, \
           updated_at = excluded.updated_at"
    ))
    .bind(org.0)
    .bind(facts.payment_ref)
    .bind(facts.checkout_ref)
    .bind(facts.charge_ref)
    .bind(campaign.or(inherited_campaign))
    .bind(
        facts
            .attribution
            .and_then(|a| a.touchpoint.clone())
            .or(inherited_touchpoint),
    )
    .bind(
        facts
            .attribution
            .and_then(|a| a.engagement)
            .or(inherited_engagement),
    )
    .bind(facts.amount.map(|m| m.minor))
    .bind(facts.amount.map(|m| m.currency.code()))
    .bind(facts.status)
    .bind(now.unix_micros())
    .bind(facts.subscription_ref)
    .bind(paid.then(|| paid_at.utc_date().to_string()))
    .bind(paid.then(|| paid_at.unix_micros()))
    .execute(tx)
    .await?;
    Ok(())
}

/// A monthly gift, merged: attribution and amount are kept once known, and an ended
/// subscription stays ended whatever arrives after.
async fn merge_subscription(
    tx: &mut Tx,
    org: OrgId,
    facts: &SubscriptionFacts<'_>,
    now: Timestamp,
) -> StoreResult<()> {
    query(
        "INSERT INTO gift_subscriptions (org_id, provider, subscription_ref, checkout_ref, \
           campaign_id, touchpoint_code, engagement_id, amount_minor, currency, status, \
           created_at, updated_at) \
         VALUES ($1, 'stripe', $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
         ON CONFLICT (org_id, provider, subscription_ref) DO UPDATE SET \
           checkout_ref = COALESCE(gift_subscriptions.checkout_ref, excluded.checkout_ref), \
           campaign_id = COALESCE(gift_subscriptions.campaign_id, excluded.campaign_id), \
           touchpoint_code = COALESCE(gift_subscriptions.touchpoint_code, excluded.touchpoint_code), \
           engagement_id = COALESCE(gift_subscriptions.engagement_id, excluded.engagement_id), \
           amount_minor = COALESCE(gift_subscriptions.amount_minor, excluded.amount_minor), \
           currency = COALESCE(gift_subscriptions.currency, excluded.currency), \
           status = CASE WHEN gift_subscriptions.status = 'ended' THEN 'ended' \
             ELSE excluded.status END, \
           updated_at = excluded.updated_at",
    )
    .bind(org.0)
    .bind(facts.subscription_ref)
    .bind(facts.checkout_ref)
    .bind(facts.campaign)
    .bind(facts.attribution.and_then(|a| a.touchpoint.as_deref()))
    .bind(facts.attribution.and_then(|a| a.engagement))
    .bind(facts.amount.map(|m| m.minor))
    .bind(facts.amount.map(|m| m.currency.code()))
    .bind(facts.status)
    .bind(now.unix_micros())
    .execute(tx)
    .await?;
    Ok(())
}

/// The gift a refund or dispute is about: by payment intent, else by charge (recorded on the
/// gift once found).
async fn find_gift(
    tx: &mut Tx,
    org: OrgId,
    payment: Option<&str>,
    charge: &str,
) -> StoreResult<Option<i64>> {
    let found: Option<i64> = query_scalar(
        "SELECT id FROM gifts WHERE org_id = $1 AND provider = 'stripe' \
         AND (payment_ref = $2 OR charge_ref = $3) ORDER BY id LIMIT 1",
    )
    .bind(org.0)
    .bind(payment.unwrap_or(""))
    .bind(charge)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = found {
        query("UPDATE gifts SET charge_ref = COALESCE(charge_ref, $2) WHERE id = $1")
            .bind(id)
            .bind(charge)
            .execute(tx)
            .await?;
    }
    Ok(found)
}

/// A checkout settled or failed without naming its payment: its gifts by checkout, if seen.
async fn settle_checkout(
    tx: &mut Tx,
    org: OrgId,
    session: &str,
    status: &'static str,
    paid_at: Timestamp,
    now: Timestamp,
    moved_hours: &mut BTreeSet<i64>,
) -> StoreResult<Applied> {
    let counted_at: Vec<i64> = query_scalar(
        "SELECT paid_at FROM gifts WHERE org_id = $1 AND provider = 'stripe' \
         AND checkout_ref = $2 AND paid_at IS NOT NULL",
    )
    .bind(org.0)
    .bind(session)
    .fetch_all(&mut *tx)
    .await?;
    moved_hours.extend(counted_at.iter().map(|at| at.div_euclid(HOUR_MICROS)));
    let paid = status == "succeeded";
    let changed = query(concat!(
        "UPDATE gifts SET status = CASE WHEN ",
        status_rank!("$3"),
        " > ",
        status_rank!("status"),
        " THEN $3 ELSE status END, updated_at = $4, ",
        merge_paid_time!("$5", "$6"),
        " WHERE org_id = $1 AND provider = 'stripe' AND checkout_ref = $2"
    ))
    .bind(org.0)
    .bind(session)
    .bind(status)
    .bind(now.unix_micros())
    .bind(paid.then(|| paid_at.unix_micros()))
    .bind(paid.then(|| paid_at.utc_date().to_string()))
    .execute(tx)
    .await?
    .rows_affected();
    Ok(if changed == 0 {
        Applied::Waiting
    } else {
        Applied::Done
    })
}

/// Stripe's total refunded so far: the largest seen is the truth.
async fn record_refund(tx: &mut Tx, gift: i64, refunded: Money, now: Timestamp) -> StoreResult<()> {
    query(
        "UPDATE gifts SET refunded_minor = CASE WHEN refunded_minor < $2 \
         THEN $2 ELSE refunded_minor END, updated_at = $3 WHERE id = $1",
    )
    .bind(gift)
    .bind(refunded.minor)
    .bind(now.unix_micros())
    .execute(tx)
    .await?;
    Ok(())
}

/// A dispute on a gift: a closed dispute outranks an open one, whichever arrives first.
async fn record_dispute(
    tx: &mut Tx,
    org: OrgId,
    gift: i64,
    dispute: &str,
    amount: Money,
    status: &str,
    now: Timestamp,
) -> StoreResult<()> {
    query(
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
    query("UPDATE gifts SET updated_at = $2 WHERE id = $1")
        .bind(gift)
        .bind(now.unix_micros())
        .execute(tx)
        .await?;
    Ok(())
}

/// A monthly gift's checkout completed: the subscription, and the months already recorded,
/// take its attribution.
async fn start_subscription(
    tx: &mut Tx,
    org: OrgId,
    session: &str,
    subscription: &str,
    amount: Option<Money>,
    attribution: &Attribution,
    now: Timestamp,
) -> StoreResult<()> {
    let campaign = campaign_of(tx, org, Some(attribution)).await?;
    let facts = SubscriptionFacts {
        subscription_ref: subscription,
        checkout_ref: Some(session),
        campaign,
        attribution: Some(attribution),
        amount,
        status: "active",
    };
    merge_subscription(tx, org, &facts, now).await?;
    query(
        "UPDATE gifts SET campaign_id = COALESCE(campaign_id, $3), \
           touchpoint_code = COALESCE(touchpoint_code, $4), \
           engagement_id = COALESCE(engagement_id, $5), \
           checkout_ref = COALESCE(checkout_ref, $6), updated_at = $7 \
         WHERE org_id = $1 AND provider = 'stripe' AND subscription_ref = $2",
    )
    .bind(org.0)
    .bind(subscription)
    .bind(campaign)
    .bind(attribution.touchpoint.as_deref())
    .bind(attribution.engagement)
    .bind(session)
    .bind(now.unix_micros())
    .execute(tx)
    .await?;
    Ok(())
}

impl Store {
    /// Kept events not applied yet, oldest first, after the event row `after` (for paging).
    pub async fn pending_payment_events(
        &self,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<PendingEvent>> {
        query_as(
            "SELECT id, org_id, payload FROM payment_events \
                 WHERE processed_at IS NULL AND id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(self.reader())
        .await
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
        // When the payment was made places the gift in time and picks its exchange rate:
        // Stripe's own time, the same however late or often the event is delivered.
        let paid_at = parsed.paid_at.map_or(now, |secs| {
            Timestamp::from_unix_micros(secs.saturating_mul(1_000_000))
        });
        let mut tx = self.write().await?;
        // Processes applying kept events at once take turns per organization (the merges
        // below read a gift and write it back), and one that comes second to an event finds it
        // applied. SQLite has one writer anyway.
        lock_org(&mut tx, org).await?;
        let processed: Option<i64> =
            query_scalar("SELECT processed_at FROM payment_events WHERE id = $1")
                .bind(event_row)
                .fetch_one(&mut tx)
                .await?;
        if processed.is_some() {
            return Ok(Applied::Done);
        }
        let mut moved_hours = BTreeSet::new();
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
                    subscription_ref: None,
                    attribution: Some(attribution),
                    amount: *amount,
                    status: if *paid { "succeeded" } else { "pending" },
                };
                merge_gift(&mut tx, org, &facts, paid_at, now, &mut moved_hours).await?;
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
                    subscription_ref: None,
                    attribution: None,
                    amount: None,
                    status: "succeeded",
                };
                merge_gift(&mut tx, org, &facts, paid_at, now, &mut moved_hours).await?;
                Applied::Done
            }
            StripeEvent::CheckoutSettled {
                session,
                payment_intent: None,
            } => {
                let (status, hours) = ("succeeded", &mut moved_hours);
                settle_checkout(&mut tx, org, session, status, paid_at, now, hours).await?
            }
            StripeEvent::CheckoutFailed { session } => {
                let (status, hours) = ("failed", &mut moved_hours);
                settle_checkout(&mut tx, org, session, status, paid_at, now, hours).await?
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
                    subscription_ref: None,
                    attribution: Some(attribution),
                    amount: Some(*amount),
                    status: "succeeded",
                };
                merge_gift(&mut tx, org, &facts, paid_at, now, &mut moved_hours).await?;
                Applied::Done
            }
            StripeEvent::PaymentFailed { payment_intent } => {
                let facts = GiftFacts {
                    payment_ref: payment_intent,
                    checkout_ref: None,
                    charge_ref: None,
                    subscription_ref: None,
                    attribution: None,
                    amount: None,
                    status: "failed",
                };
                merge_gift(&mut tx, org, &facts, paid_at, now, &mut moved_hours).await?;
                Applied::Done
            }
            StripeEvent::Refunded {
                charge,
                payment_intent,
                refunded,
            } => match find_gift(&mut tx, org, payment_intent.as_deref(), charge).await? {
                Some(gift) => {
                    record_refund(&mut tx, gift, *refunded, now).await?;
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
            } => match find_gift(&mut tx, org, payment_intent.as_deref(), charge).await? {
                Some(gift) => {
                    let status = match parsed.event {
                        StripeEvent::DisputeClosed { won: true, .. } => "won",
                        StripeEvent::DisputeClosed { won: false, .. } => "lost",
                        _ => "open",
                    };
                    record_dispute(&mut tx, org, gift, dispute, *amount, status, now).await?;
                    Applied::Done
                }
                None => Applied::Waiting,
            },
            StripeEvent::CheckoutCompleted {
                mode: CheckoutMode::Subscription,
                session,
                subscription: Some(subscription),
                amount,
                attribution,
                ..
            } => {
                start_subscription(
                    &mut tx,
                    org,
                    session,
                    subscription,
                    *amount,
                    attribution,
                    now,
                )
                .await?;
                Applied::Done
            }
            StripeEvent::InvoicePaid {
                invoice,
                subscription,
                amount,
                ..
            } => {
                let facts = GiftFacts {
                    payment_ref: invoice,
                    checkout_ref: None,
                    charge_ref: None,
                    subscription_ref: subscription.as_deref(),
                    attribution: None,
                    amount: Some(*amount),
                    status: "succeeded",
                };
                merge_gift(&mut tx, org, &facts, paid_at, now, &mut moved_hours).await?;
                Applied::Done
            }
            StripeEvent::InvoiceFailed {
                invoice,
                subscription,
            } => {
                let facts = GiftFacts {
                    payment_ref: invoice,
                    checkout_ref: None,
                    charge_ref: None,
                    subscription_ref: subscription.as_deref(),
                    attribution: None,
                    amount: None,
                    status: "failed",
                };
                merge_gift(&mut tx, org, &facts, paid_at, now, &mut moved_hours).await?;
                Applied::Done
            }
            StripeEvent::SubscriptionEnded { subscription } => {
                let facts = SubscriptionFacts {
                    subscription_ref: subscription,
                    checkout_ref: None,
                    campaign: None,
                    attribution: None,
                    amount: None,
                    status: "ended",
                };
                merge_subscription(&mut tx, org, &facts, now).await?;
                Applied::Done
            }
            // A subscription checkout without its subscription: nothing to keep.
            StripeEvent::CheckoutCompleted {
                mode: CheckoutMode::Subscription,
                subscription: None,
                ..
            }
            | StripeEvent::Ignored => Applied::Done,
        };
        refresh_gift_hours_changed_at(&mut tx, org.0, now, moved_hours).await?;
        if applied == Applied::Done {
            query("UPDATE payment_events SET processed_at = $2 WHERE id = $1")
                .bind(event_row)
                .bind(now.unix_micros())
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await?;
        Ok(applied)
    }

    /// An organization's gifts, newest first.
    pub async fn gifts(&self, org: OrgId) -> StoreResult<Vec<GiftRow>> {
        query_as(
                concat!(
                "SELECT g.id, g.provider, g.payment_ref, g.checkout_ref, g.charge_ref, g.campaign_id, \
                   g.touchpoint_code, g.engagement_id, g.amount_minor, g.currency, g.status, \
                   g.refunded_minor, ",
                lost_in_disputes!(),
                " AS lost_minor, \
                   (SELECT COUNT(*) FROM gift_disputes d \
                     WHERE d.gift_id = g.id AND d.status = 'open') AS open_disputes, \
                   g.subscription_ref, g.reporting_minor, g.reporting_currency, g.rate_day, g.rate_note, \
                   g.paid_on, g.method, g.note \
                 FROM gifts g WHERE g.org_id = $1 ORDER BY g.id DESC"),
            )
            .bind(org.0)
            .fetch_all(self.reader())
            .await
    }
}

/// A monthly gift.
#[derive(Debug, Clone, FromRow)]
pub struct SubscriptionRow {
    pub subscription_ref: String,
    pub campaign_id: Option<i64>,
    pub touchpoint_code: Option<String>,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    /// `active` or `ended`.
    pub status: String,
}

/// A received gift without its value in the reporting currency yet.
#[derive(Debug, Clone, FromRow)]
pub struct UnratedGift {
    pub id: i64,
    pub org_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub paid_on: String,
    pub reporting_currency: String,
}

/// A received gift of a campaign, as totals need it.
#[derive(Debug, Clone, FromRow)]
pub struct ReceivedGiftRow {
    pub amount_minor: i64,
    pub currency: String,
    pub refunded_minor: i64,
    pub lost_minor: i64,
    pub reporting_minor: Option<i64>,
    pub reporting_currency: Option<String>,
    pub donor_key: String,
}

/// A gift's value in the reporting currency, with the day of the rate used and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiftValue {
    pub gift: i64,
    pub value: Money,
    pub rate_day: String,
    pub note: String,
}

impl ReceivedGiftRow {
    /// The gift as totals read it; None for a row whose currency no longer parses.
    pub fn received(self) -> Option<ReceivedGift> {
        let currency = Currency::parse(&self.currency).ok()?;
        let reporting = match (self.reporting_minor, self.reporting_currency.as_deref()) {
            (Some(minor), Some(code)) => Currency::parse(code)
                .ok()
                .map(|currency| Money { minor, currency }),
            _ => None,
        };
        Some(ReceivedGift {
            amount: Money {
                minor: self.amount_minor,
                currency,
            },
            refunded_minor: self.refunded_minor,
            lost_minor: self.lost_minor,
            reporting,
            donor_key: self.donor_key,
        })
    }
}

impl Store {
    /// Received gifts whose value in the reporting currency is not fixed yet (no rate was known
    /// for their day when they arrived), oldest first.
    pub async fn unrated_gifts(&self, after: i64, limit: i64) -> StoreResult<Vec<UnratedGift>> {
        query_as(
                "SELECT g.id, g.org_id, g.amount_minor, g.currency, g.paid_on, \
                   COALESCE(s.reporting_currency, 'EUR') AS reporting_currency \
                 FROM gifts g LEFT JOIN payment_settings s ON s.org_id = g.org_id \
                 WHERE g.reporting_minor IS NULL AND g.status = 'succeeded' \
                   AND g.amount_minor IS NOT NULL AND g.currency IS NOT NULL AND g.paid_on IS NOT NULL \
                   AND g.id > $2 \
                 ORDER BY g.id LIMIT $1",
            )
            .bind(limit)
            .bind(after)
            .fetch_all(self.reader())
            .await
    }

    /// Fixes gifts' values in the reporting currency, once each (a value already fixed never
    /// changes: re-importing rates later does not rewrite history), in one transaction that
    /// then recomputes each touched hour's rollup once.
    pub async fn fix_gift_values(&self, values: &[GiftValue]) -> StoreResult<()> {
        if values.is_empty() {
            return Ok(());
        }
        let mut tx = self.write().await?;
        let mut touched: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
        for v in values {
            let fixed: Option<(i64, i64)> = query_as(
                "UPDATE gifts SET reporting_minor = $2, reporting_currency = $3, rate_day = $4, \
                       rate_note = $5 WHERE id = $1 AND reporting_minor IS NULL \
                     RETURNING org_id, paid_at / 3600000000",
            )
            .bind(v.gift)
            .bind(v.value.minor)
            .bind(v.value.currency.code())
            .bind(&v.rate_day)
            .bind(&v.note)
            .fetch_optional(&mut tx)
            .await?;
            if let Some((org, hour)) = fixed {
                touched.entry(org).or_default().insert(hour);
            }
        }
        for (org, hours) in touched {
            refresh_gift_hours(&mut tx, org, hours).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// An organization's monthly gifts, newest first.
    pub async fn gift_subscriptions(&self, org: OrgId) -> StoreResult<Vec<SubscriptionRow>> {
        query_as(
                "SELECT subscription_ref, campaign_id, touchpoint_code, amount_minor, currency, status \
                 FROM gift_subscriptions WHERE org_id = $1 ORDER BY created_at DESC, subscription_ref",
            )
            .bind(org.0)
            .fetch_all(self.reader())
            .await
    }

    /// A campaign's received gifts (succeeded), with what came off them.
    pub async fn campaign_received_gifts(
        &self,
        org: OrgId,
        campaign: i64,
    ) -> StoreResult<Vec<ReceivedGiftRow>> {
        query_as(concat!(
            "SELECT g.amount_minor, g.currency, g.refunded_minor, ",
            lost_in_disputes!(),
            " AS lost_minor, g.reporting_minor, g.reporting_currency, \
                   COALESCE(g.subscription_ref, g.payment_ref) AS donor_key \
                 FROM gifts g WHERE g.campaign_id = $1 AND g.org_id = $2 \
                   AND g.status = 'succeeded' \
                   AND g.amount_minor IS NOT NULL AND g.currency IS NOT NULL"
        ))
        .bind(campaign)
        .bind(org.0)
        .fetch_all(self.reader())
        .await
    }

    /// Payments of an organization that succeeded and that failed since `since`: a rising
    /// share of failures is the mark of card testing.
    pub async fn payment_outcomes_since(
        &self,
        org: OrgId,
        since: Timestamp,
    ) -> StoreResult<(i64, i64)> {
        let row: (i64, i64) = query_as(
                "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'succeeded' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                   CAST(COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS BIGINT) \
                 FROM gifts WHERE org_id = $1 AND updated_at >= $2",
            )
            .bind(org.0)
            .bind(since.unix_micros())
            .fetch_one(self.reader())
            .await?;
        Ok(row)
    }
}
