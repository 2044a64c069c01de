//! Money outside the payment provider: offline gifts (stored as gifts of the provider
//! `offline`, so every total counts them like any received gift) and commitments and ticket
//! levies (their own table: promised money is never added to money received). Paying a
//! commitment records its money as an offline gift in the same transaction.

use std::collections::BTreeSet;

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar, Tx};
use super::rollups::{counted_hour, refresh_gift_hours_changed_at};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::money::{Currency, Money};
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

/// One offline gift to write, from the import or from a paid commitment.
struct OfflineUpsert<'a> {
    org: OrgId,
    reference: String,
    campaign: i64,
    engagement: Option<i64>,
    touchpoint: Option<&'a str>,
    method: Method,
    amount: Money,
    received_on: jiff::civil::Date,
    note: String,
}

/// Writes one offline gift: a new reference adds a gift, a known one replaces it (its value in
/// the reporting currency is made again when amount, currency or day changed). It is placed in
/// time at the start of the day it was received (UTC); the hour a replaced gift was counted
/// under goes into `moved_hours`.
async fn upsert_offline_gift(
    tx: &mut Tx,
    gift: OfflineUpsert<'_>,
    now: Timestamp,
    moved_hours: &mut BTreeSet<i64>,
) -> StoreResult<i64> {
    moved_hours.extend(counted_hour(tx, gift.org, OFFLINE_PROVIDER, &gift.reference).await?);
    query_scalar::<i64>(
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
    .bind(gift.org.0)
    .bind(gift.reference)
    .bind(gift.campaign)
    .bind(gift.engagement)
    .bind(gift.touchpoint)
    .bind(gift.method.as_str())
    .bind(gift.amount.minor)
    .bind(gift.amount.currency.code())
    .bind(gift.received_on.to_string())
    .bind(gift.note)
    .bind(now.unix_micros())
    .bind(OFFLINE_PROVIDER)
    .bind(Timestamp::start_of_utc_date(gift.received_on).unix_micros())
    .fetch_one(tx)
    .await
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
        let mut change = self.change(org, actor, now).await?;
        let mut moved_hours = BTreeSet::new();
        for new in gifts {
            let gift = new.gift;
            let upsert = OfflineUpsert {
                org,
                reference: gift.reference.clone(),
                campaign: new.campaign.0,
                engagement: gift.engagement,
                touchpoint: gift.touchpoint.as_deref(),
                method: gift.method,
                amount: gift.amount,
                received_on: gift.received_on,
                note: gift.note.clone(),
            };
            upsert_offline_gift(change.tx(), upsert, now, &mut moved_hours).await?;
        }
        let references: Vec<&str> = gifts.iter().map(|g| g.gift.reference.as_str()).collect();
        change
            .audit(
                AuditAction::OfflineGiftsRecorded,
                "gifts",
                None,
                Some(json!({ "count": gifts.len(), "references": references })),
            )
            .await?;
        refresh_gift_hours_changed_at(change.tx(), org.0, now, moved_hours).await?;
        change.commit().await?;
        Ok(gifts.len())
    }

    pub async fn record_commitment(
        &self,
        org: OrgId,
        campaign: CampaignId,
        commitment: &Commitment,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<i64> {
        let mut change = self.change(org, actor, now).await?;
        let id: i64 = query_scalar(
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
        .fetch_one(&mut change)
        .await?;
        change
            .audit(
                AuditAction::CommitmentRecorded,
                &format!("commitment {id}"),
                None,
                Some(
                    json!({ "kind": commitment.kind.as_str(), "party": commitment.party,
                    "amount": commitment.amount.display() }),
                ),
            )
            .await?;
        change.commit().await?;
        Ok(id)
    }

    /// An organization's commitments and levies, open ones first.
    pub async fn commitments(&self, org: OrgId) -> StoreResult<Vec<CommitmentRow>> {
        query_as(
            "SELECT id, kind, party, campaign_id, engagement_id, amount_minor, currency, \
                   per_ticket_minor, tickets, announced_on, due_on, status, note, gift_id \
                 FROM commitments WHERE org_id = $1 \
                 ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, announced_on DESC, id DESC",
        )
        .bind(org.0)
        .fetch_all(self.reader())
        .await
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
        let mut change = self.change(org, actor, now).await?;
        let mut moved_hours = BTreeSet::new();
        let row: Option<CommitmentRow> = query_as(
            "SELECT id, kind, party, campaign_id, engagement_id, amount_minor, currency, \
                   per_ticket_minor, tickets, announced_on, due_on, status, note, gift_id \
                 FROM commitments WHERE org_id = $1 AND id = $2 AND status = 'open'",
        )
        .bind(org.0)
        .bind(id)
        .fetch_optional(&mut change)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound);
        };
        let gift_id: Option<i64> = match status {
            CommitmentStatus::Paid => {
                let currency = Currency::parse(&row.currency)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let kind = if row.kind == CommitmentKind::TicketLevy.as_str() {
                    "Ticket levy"
                } else {
                    "Commitment"
                };
                let upsert = OfflineUpsert {
                    org,
                    reference: format!("commitment-{id}"),
                    campaign: row.campaign_id,
                    engagement: row.engagement_id,
                    touchpoint: None,
                    method: Method::BankTransfer,
                    amount: Money {
                        minor: row.amount_minor,
                        currency,
                    },
                    received_on: paid_on,
                    note: format!("{kind} paid by {}", row.party),
                };
                let gift = upsert_offline_gift(change.tx(), upsert, now, &mut moved_hours).await?;
                Some(gift)
            }
            _ => None,
        };
        query(
            "UPDATE commitments SET status = $3, gift_id = $4, updated_at = $5 \
                 WHERE org_id = $1 AND id = $2",
        )
        .bind(org.0)
        .bind(id)
        .bind(status.as_str())
        .bind(gift_id)
        .bind(now.unix_micros())
        .execute(&mut change)
        .await?;
        change
            .audit(
                AuditAction::CommitmentStatusChanged,
                &format!("commitment {id}"),
                Some(json!({ "status": row.status })),
                Some(json!({ "status": status.as_str(), "gift": gift_id })),
            )
            .await?;
        refresh_gift_hours_changed_at(change.tx(), org.0, now, moved_hours).await?;
        change.commit().await?;
        Ok(())
    }
}
