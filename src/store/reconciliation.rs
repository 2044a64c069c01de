//! The provider's balance history as imported, and Chorus's provider payments as the ledger
//! reconciliation reads them (`domain::reconcile` compares the two).

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as};
use super::gifts::lost_in_disputes;
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::OrgId;
use crate::domain::money::Currency;
use crate::domain::reconcile::{BalanceTransaction, LedgerPayment};
use crate::domain::time::Timestamp;

#[derive(FromRow)]
struct TransactionRow {
    transaction_id: String,
    day: String,
    category: String,
    currency: String,
    gross_minor: i64,
    fee_minor: i64,
    net_minor: i64,
    payment_intent_id: Option<String>,
    charge_id: Option<String>,
    invoice_id: Option<String>,
}

#[derive(FromRow)]
struct PaymentRow {
    payment_ref: String,
    charge_ref: Option<String>,
    paid_on: String,
    currency: String,
    amount_minor: i64,
    refunded_minor: i64,
    lost_minor: i64,
}

fn currency(code: &str) -> StoreResult<Currency> {
    Currency::parse(code).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn day(text: &str) -> StoreResult<jiff::civil::Date> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("a stored day does not parse: {text}")))
}

impl Store {
    /// Keeps the provider's transactions (all or none); one already kept is replaced.
    pub async fn import_balance_transactions(
        &self,
        org: OrgId,
        rows: &[BalanceTransaction],
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<usize> {
        let mut change = self.change(org, actor, now).await?;
        for t in rows {
            query(
                    "INSERT INTO balance_transactions (org_id, transaction_id, day, category, \
                       currency, gross_minor, fee_minor, net_minor, payment_intent_id, charge_id, \
                       invoice_id, imported_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                     ON CONFLICT (org_id, transaction_id) DO UPDATE SET day = excluded.day, \
                       category = excluded.category, currency = excluded.currency, \
                       gross_minor = excluded.gross_minor, fee_minor = excluded.fee_minor, \
                       net_minor = excluded.net_minor, payment_intent_id = excluded.payment_intent_id, \
                       charge_id = excluded.charge_id, invoice_id = excluded.invoice_id, \
                       imported_at = excluded.imported_at",
                )
                .bind(org.0)
                .bind(&t.id)
                .bind(t.day.to_string())
                .bind(&t.category)
                .bind(t.currency.code())
                .bind(t.gross)
                .bind(t.fee)
                .bind(t.net)
                .bind(t.payment_intent.as_deref())
                .bind(t.charge.as_deref())
                .bind(t.invoice.as_deref())
                .bind(now.unix_micros())
                .execute(&mut change)
                .await?;
        }
        let span = match (
            rows.iter().map(|t| t.day).min(),
            rows.iter().map(|t| t.day).max(),
        ) {
            (Some(first), Some(last)) => format!("{first} to {last}"),
            _ => String::new(),
        };
        change
            .audit(
                AuditAction::BalanceTransactionsImported,
                "balance transactions",
                None,
                Some(json!({ "count": rows.len(), "days": span })),
            )
            .await?;
        change.commit().await?;
        Ok(rows.len())
    }

    /// Every imported transaction of the organization.
    pub async fn balance_transactions(&self, org: OrgId) -> StoreResult<Vec<BalanceTransaction>> {
        let rows: Vec<TransactionRow> = query_as(
            "SELECT transaction_id, day, category, currency, gross_minor, fee_minor, net_minor, \
                   payment_intent_id, charge_id, invoice_id \
                 FROM balance_transactions WHERE org_id = $1 ORDER BY day, transaction_id",
        )
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(BalanceTransaction {
                    id: r.transaction_id,
                    day: day(&r.day)?,
                    category: r.category,
                    currency: currency(&r.currency)?,
                    gross: r.gross_minor,
                    fee: r.fee_minor,
                    net: r.net_minor,
                    payment_intent: r.payment_intent_id,
                    charge: r.charge_id,
                    invoice: r.invoice_id,
                })
            })
            .collect()
    }

    /// The organization's received provider payments, with what came off them.
    pub async fn ledger_payments(&self, org: OrgId) -> StoreResult<Vec<LedgerPayment>> {
        let rows: Vec<PaymentRow> = query_as(concat!(
            "SELECT g.payment_ref, g.charge_ref, g.paid_on, g.currency, g.amount_minor, \
                   g.refunded_minor, ",
            lost_in_disputes!(),
            " AS lost_minor FROM gifts g WHERE g.org_id = $1 AND g.provider = 'stripe' \
                   AND g.status = 'succeeded' AND g.amount_minor IS NOT NULL \
                   AND g.currency IS NOT NULL AND g.paid_on IS NOT NULL \
                 ORDER BY g.paid_on, g.id"
        ))
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(LedgerPayment {
                    reference: r.payment_ref,
                    charge: r.charge_ref,
                    day: day(&r.paid_on)?,
                    currency: currency(&r.currency)?,
                    gross: r.amount_minor,
                    refunded: r.refunded_minor,
                    lost: r.lost_minor,
                })
            })
            .collect()
    }
}
