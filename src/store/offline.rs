//! Money outside the payment provider: offline gifts (stored as gifts of the provider
//! `offline`, so every total counts them like any received gift) and commitments and ticket
//! levies (their own table: promised money is never added to money received). Paying a
//! commitment records its money as an offline gift in the same transaction.

use serde_json::json;
use sqlx::FromRow;

use super::audit::insert_audit;
use super::pool::{with_reader, with_writer};
use super::rollups::{refresh_gift_hours_changed_at, HOUR_MICROS};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::offline::{Commitment, CommitmentKind, CommitmentStatus, Method, OfflineGift};
use crate::domain::time::Timestamp;

/// The provider name offline gifts are stored under.
pub const OFFLINE_PROVIDER: &str = "offline";

/// An offline gift with its campaign found.
#[derive(Debug, Clone)]
pub struct NewOfflineGift<'a> {
    pub gift: &'a OfflineGift,
    pub campaign: CampaignId,
}

#[derive(Debug, Clone, FromRow)]
pub struct CommitmentRow {
    pub id: i64,
    pub kind: String,
    pub party: String,
    pub campaign_id: i64,
    pub engagement_id: Option<i64>,
    pub amount_minor: i64,
    pub currency: String,
    pub per_ticket_minor: Option<i64>,
    pub tickets: Option<i64>,
    pub announced_on: String,
    pub due_on: Option<String>,
    pub status: String,
    pub note: String,
    pub gift_id: Option<i64>,
}

/// Writes one offline gift: a new reference adds a gift, a known one replaces it (its value in
/// the reporting currency is made again when amount, currency or day changed). It is placed in
/// time at the start of the day it was received (UTC); the hour a replaced gift was counted
/// under goes into `$moved_hours`.
macro_rules! upsert_offline_gift {
    ($tx:expr, $org:expr, $reference:expr, $campaign:expr, $engagement:expr, $touchpoint:expr,
     $method:expr, $amount:expr, $received_on:expr, $note:expr, $now:expr, $moved_hours:expr) => {{
        let amount: crate::domain::money::Money = $amount;
        let received_on: jiff::civil::Date = $received_on;
        let reference: String = $reference.to_string();
        let counted_at: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT paid_at FROM gifts WHERE org_id = $1 AND provider = $2 AND payment_ref = $3",
        )
        .bind($org.0)
        .bind(OFFLINE_PROVIDER)
        .bind(&reference)
        .fetch_optional(&mut *$tx)
        .await?;
        $moved_hours.extend(counted_at.flatten().map(|at| at.div_euclid(HOUR_MICROS)));
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO gifts (org_id, provider, payment_ref, campaign_id, engagement_id, \
               touchpoint_code, method, amount_minor, currency, status, paid_on, note, \
               created_at, updated_at, paid_at) \
             VALUES ($1, $12, $2, $3, $4, $5, $6, $7, $8, 'succeeded', $9, $10, $11, $11, $13) \
             ON CONFLICT (org_id, provider, payment_ref) DO UPDATE SET \
               campaign_id = excluded.campaign_id, engagement_id = excluded.engagement_id, \
               touchpoint_code = excluded.touchpoint_code, method = excluded.method, \
               note = excluded.note, updated_at = excluded.updated_at, \
               reporting_minor = CASE WHEN gifts.amount_minor = excluded.amount_minor \
                 AND gifts.currency = excluded.currency AND gifts.paid_on = excluded.paid_on \
                 THEN gifts.reporting_minor ELSE NULL END, \
               amount_minor = excluded.amount_minor, currency = excluded.currency, \
               paid_on = excluded.paid_on, paid_at = excluded.paid_at \
             RETURNING id",
        )
        .bind($org.0)
        .bind(reference)
        .bind($campaign)
        .bind($engagement)
        .bind($touchpoint)
        .bind($method)
        .bind(amount.minor)
        .bind(amount.currency.code())
        .bind(received_on.to_string())
        .bind($note)
        .bind($now.unix_micros())
        .bind(OFFLINE_PROVIDER)
        .bind(Timestamp::start_of_utc_date(received_on).unix_micros())
        .fetch_one(&mut *$tx)
    }};
}

impl Store {
    /// Records offline gifts in one transaction (all or none), audited as one change.
    pub async fn record_offline_gifts(
        &self,
        org: OrgId,
        gifts: &[NewOfflineGift<'_>],
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<usize> {
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            let mut moved_hours = std::collections::BTreeSet::new();
            for new in gifts {
                let gift = new.gift;
                let _: i64 = upsert_offline_gift!(
                    tx,
                    org,
                    &gift.reference,
                    new.campaign.0,
                    gift.engagement,
                    gift.touchpoint.as_deref(),
                    gift.method.as_str(),
                    gift.amount,
                    gift.received_on,
                    &gift.note,
                    now,
                    moved_hours
                )
                .await?;
            }
            let references: Vec<&str> = gifts.iter().map(|g| g.gift.reference.as_str()).collect();
            insert_audit!(
                &mut *tx,
                org,
                actor,
                AuditAction::OfflineGiftsRecorded,
                "gifts",
                None,
                Some(json!({ "count": gifts.len(), "references": references })),
                now
            )
            .await?;
            refresh_gift_hours_changed_at!(tx, org.0, now, moved_hours);
            tx.commit().await?;
            Ok(gifts.len())
        })
    }

    pub async fn record_commitment(
        &self,
        org: OrgId,
        campaign: CampaignId,
        commitment: &Commitment,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<i64> {
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO commitments (org_id, kind, party, campaign_id, engagement_id, \
                   amount_minor, currency, per_ticket_minor, tickets, announced_on, due_on, \
                   status, note, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $13) \
                 RETURNING id",
            )
            .bind(org.0)
            .bind(commitment.kind.as_str())
            .bind(&commitment.party)
            .bind(campaign.0)
            .bind(commitment.engagement)
            .bind(commitment.amount.minor)
            .bind(commitment.amount.currency.code())
            .bind(commitment.per_ticket.map(|(each, _)| each.minor))
            .bind(commitment.per_ticket.map(|(_, tickets)| tickets))
            .bind(commitment.announced_on.to_string())
            .bind(commitment.due_on.map(|d| d.to_string()))
            .bind(&commitment.note)
            .bind(now.unix_micros())
            .fetch_one(&mut *tx)
            .await?;
            insert_audit!(
                &mut *tx,
                org,
                actor,
                AuditAction::CommitmentRecorded,
                &format!("commitment {id}"),
                None,
                Some(
                    json!({ "kind": commitment.kind.as_str(), "party": commitment.party,
                    "amount": commitment.amount.display() })
                ),
                now
            )
            .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// An organization's commitments and levies, open ones first.
    pub async fn commitments(&self, org: OrgId) -> StoreResult<Vec<CommitmentRow>> {
        Ok(with_reader!(self, |p| {
            sqlx::query_as(
                "SELECT id, kind, party, campaign_id, engagement_id, amount_minor, currency, \
                   per_ticket_minor, tickets, announced_on, due_on, status, note, gift_id \
                 FROM commitments WHERE org_id = $1 \
                 ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, announced_on DESC, id DESC",
            )
            .bind(org.0)
            .fetch_all(p)
            .await
        })?)
    }

    /// Moves an open commitment to paid or cancelled. Paid records its money, received on
    /// `paid_on`, as the offline gift `commitment-{id}` in the same transaction. Anything but
    /// an open commitment of `org` is [`StoreError::NotFound`].
    pub async fn settle_commitment(
        &self,
        org: OrgId,
        id: i64,
        status: CommitmentStatus,
        paid_on: jiff::civil::Date,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            let mut moved_hours = std::collections::BTreeSet::new();
            let row: Option<CommitmentRow> = sqlx::query_as(
                "SELECT id, kind, party, campaign_id, engagement_id, amount_minor, currency, \
                   per_ticket_minor, tickets, announced_on, due_on, status, note, gift_id \
                 FROM commitments WHERE org_id = $1 AND id = $2 AND status = 'open'",
            )
            .bind(org.0)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else {
                return Err(StoreError::NotFound);
            };
            let gift_id: Option<i64> = match status {
                CommitmentStatus::Paid => {
                    let currency = crate::domain::money::Currency::parse(&row.currency)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    let kind = if row.kind == CommitmentKind::TicketLevy.as_str() {
                        "Ticket levy"
                    } else {
                        "Commitment"
                    };
                    let gift: i64 = upsert_offline_gift!(
                        tx,
                        org,
                        format!("commitment-{id}"),
                        row.campaign_id,
                        row.engagement_id,
                        None::<&str>,
                        Method::BankTransfer.as_str(),
                        crate::domain::money::Money {
                            minor: row.amount_minor,
                            currency
                        },
                        paid_on,
                        format!("{kind} paid by {}", row.party),
                        now,
                        moved_hours
                    )
                    .await?;
                    Some(gift)
                }
                _ => None,
            };
            sqlx::query(
                "UPDATE commitments SET status = $3, gift_id = $4, updated_at = $5 \
                 WHERE org_id = $1 AND id = $2",
            )
            .bind(org.0)
            .bind(id)
            .bind(status.as_str())
            .bind(gift_id)
            .bind(now.unix_micros())
            .execute(&mut *tx)
            .await?;
            insert_audit!(
                &mut *tx,
                org,
                actor,
                AuditAction::CommitmentStatusChanged,
                &format!("commitment {id}"),
                Some(json!({ "status": row.status })),
                Some(json!({ "status": status.as_str(), "gift": gift_id })),
                now
            )
            .await?;
            refresh_gift_hours_changed_at!(tx, org.0, now, moved_hours);
            tx.commit().await?;
            Ok(())
        })
    }
}
