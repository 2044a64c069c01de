//! Exchange rates per day for an organization: imported whole, read back as a [`RateTable`].

use serde_json::json;

use super::db::{query, query_as};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::exchange::{Rate, RateTable};
use crate::domain::ids::OrgId;
use crate::domain::money::Currency;
use crate::domain::time::Timestamp;

impl Store {
    /// Stores every rate of `table` in one transaction, replacing the rates of the same day and
    /// currency; returns how many were written. Audited with the days it covered.
    pub async fn import_rates(
        &self,
        org: OrgId,
        table: &RateTable,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<usize> {
        let base = table.base().code();
        let rows: Vec<(String, &str, String)> = table
            .days()
            .flat_map(|(day, rates)| {
                rates
                    .iter()
                    .map(move |(currency, rate)| (day.to_string(), *currency, rate.to_string()))
            })
            .collect();
        let mut change = self.change(org, actor, now).await?;
        for chunk in rows.chunks(500) {
            let mut insert = query(
                "INSERT INTO exchange_rates (org_id, day, base, currency, rate, imported_at) ",
            );
            insert.push_values(chunk, |mut row, (day, currency, rate)| {
                row.push_bind(org.0)
                    .push_bind(day.as_str())
                    .push_bind(base)
                    .push_bind(*currency)
                    .push_bind(rate.as_str())
                    .push_bind(now.unix_micros());
            });
            insert.push(
                " ON CONFLICT (org_id, day, currency) DO UPDATE SET base = excluded.base, \
                     rate = excluded.rate, imported_at = excluded.imported_at",
            );
            insert.execute(&mut change).await?;
        }
        let first = rows.iter().map(|r| r.0.as_str()).min();
        let last = rows.iter().map(|r| r.0.as_str()).max();
        let after = json!({ "rates": rows.len(), "base": base, "from": first, "to": last });
        change
            .audit(
                AuditAction::ExchangeRatesImported,
                "exchange rates",
                None,
                Some(after),
            )
            .await?;
        change.commit().await?;
        Ok(rows.len())
    }

    /// Every rate of the organization against `base`.
    pub async fn rate_table(&self, org: OrgId, base: Currency) -> StoreResult<RateTable> {
        let rows: Vec<(String, String, String)> = query_as(
            "SELECT day, currency, rate FROM exchange_rates WHERE org_id = $1 AND base = $2",
        )
        .bind(org.0)
        .bind(base.code())
        .fetch_all(self.reader())
        .await?;
        let mut table = RateTable::new(base);
        for (day, currency, rate) in rows {
            let corrupt = |what: &str| {
                StoreError::Corrupt(format!("exchange rate {what}: {day} {currency} {rate}"))
            };
            let day = day.parse().map_err(|_| corrupt("day"))?;
            let code = Currency::parse(&currency).map_err(|_| corrupt("currency"))?;
            let rate = Rate::parse(&rate).map_err(|_| corrupt("rate"))?;
            table.insert(day, code, rate);
        }
        Ok(table)
    }
}
