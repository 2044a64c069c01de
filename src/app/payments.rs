//! Payment events become gifts. A provider's delivery is checked against the organization's
//! signing secrets and kept once per event id (`keep_delivery`); the kept events are applied to
//! the gifts, in any order and however often delivered (the store merges), and each new
//! received gift is valued in its organization's reporting currency at the rate of its day.
//! Runs in the background of every server (`spawn_processor`); tests and tools call the passes
//! directly.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use jiff::civil::Date;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use serde::Deserialize;

use super::tallies::Tallies;
use crate::auth::sealed::{SealError, Sealer};
use crate::clock;
use crate::domain::exchange::{RateTable, ECB_BASE};
use crate::domain::ids::OrgId;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::webhook_secrets_context;
use crate::domain::{stripe_event, stripe_signature};
use crate::store::{
    Applied, GiftValue, PaymentSettings, ReceivedEvent, Store, StoreError, StoreResult, UnratedGift,
};

/// Kept events are applied at least this often (an event about a payment not seen yet waits
/// for a later pass), and at once when a new one is kept.
const PROCESS_EVERY: Duration = Duration::from_secs(5);

/// Why a delivery could not be looked at (as opposed to refused: see [`keep_delivery`]).
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The signing secrets do not open with this server's key.
    #[error("the webhook signing secrets do not open: {0}")]
    Sealed(#[from] SealError),
}

/// The webhook signing secrets in force for `org` (two while one is rolled), opened.
pub fn webhook_secrets(
    keys: &Sealer,
    org: OrgId,
    settings: &PaymentSettings,
) -> Result<Vec<String>, SealError> {
    let Some(sealed) = &settings.webhook_secrets_sealed else {
        return Ok(Vec::new());
    };
    let opened = keys.open(sealed, &webhook_secrets_context(org))?;
    Ok(String::from_utf8_lossy(&opened)
        .lines()
        .map(str::to_owned)
        .collect())
}

/// What a delivery's body must hold to be kept.
#[derive(Deserialize)]
struct EventHead {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    /// Always present in Stripe's deliveries; optional so that a minimal event still keeps.
    created: Option<i64>,
}

/// Checks one delivery's signature against the organization's signing secrets and keeps it:
/// `Ok(true)` the first time its event id arrives (the processor is woken through `kept`),
/// `Ok(false)` for a repeat, `Err(reason)` when refused (nothing kept). The test provider's
/// checkout page delivers through here too.
pub async fn keep_delivery(
    store: &Store,
    keys: &Sealer,
    kept: &Notify,
    org: OrgId,
    signature: Option<&str>,
    body: &[u8],
) -> Result<Result<bool, String>, DeliveryError> {
    let settings = store.payment_settings(org).await?;
    let secrets = match &settings {
        Some(settings) => webhook_secrets(keys, org, settings)?,
        None => Vec::new(),
    };
    if secrets.is_empty() {
        return Ok(Err(
            "This organization has no webhook signing secret set in Chorus.".into(),
        ));
    }
    let Some(header) = signature else {
        return Ok(Err("The Stripe-Signature header is missing.".into()));
    };
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let now_secs = clock::now().unix_seconds();
    if let Err(err) = stripe_signature::verify(header, body, &secrets, now_secs) {
        return Ok(Err(format!("Signature refused: {err}.")));
    }
    let Ok(payload) = std::str::from_utf8(body) else {
        return Ok(Err("The body is not UTF-8 JSON.".into()));
    };
    let head: EventHead = match serde_json::from_str(payload) {
        Ok(head) => head,
        Err(err) => return Ok(Err(format!("The body is not a Stripe event: {err}."))),
    };
    let event = ReceivedEvent {
        provider: "stripe",
        event_id: &head.id,
        event_type: &head.event_type,
        created: head.created,
        payload,
    };
    let first = store
        .record_payment_event(org, &event, clock::now())
        .await?;
    if first {
        kept.notify_one();
    } else {
        tracing::info!(org = org.0, event = %head.id, "a Stripe event delivered again");
    }
    Ok(Ok(first))
}

/// Applies the kept events to the gifts until shutdown; progress bars follow through the live
/// counts (`tallies`), not the content version, so a burst of gifts does not re-render every
/// public page once per gift.
pub fn spawn_processor(
    store: Store,
    kept: Arc<Notify>,
    tallies: Arc<Tallies>,
    shutdown: CancellationToken,
) {
    tokio::spawn(async move {
        loop {
            let applied = process_pending(&store).await.unwrap_or_else(|err| {
                tracing::warn!(error = %err, "payment events not applied; trying again");
                0
            });
            let valued = fix_gift_values(&store).await.unwrap_or_else(|err| {
                tracing::warn!(error = %err, "gift values not fixed; trying again");
                0
            });
            if applied + valued > 0 {
                tallies.money_moved();
            }
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = kept.notified() => {}
                () = tokio::time::sleep(PROCESS_EVERY) => {}
            }
        }
    });
}

/// One pass over every kept event not applied yet; returns how many were applied. An event
/// Chorus cannot read stays kept (it is genuine: signed by the provider) and is logged.
pub async fn process_pending(store: &Store) -> StoreResult<usize> {
    let mut applied = 0;
    let mut after = 0;
    loop {
        let page = store.pending_payment_events(after, 200).await?;
        let Some(last) = page.last() else {
            return Ok(applied);
        };
        after = last.id;
        for event in page {
            let parsed = match stripe_event::parse(&event.payload) {
                Ok(parsed) => parsed,
                Err(err) => {
                    tracing::warn!(row = event.id, error = %err, "a kept payment event cannot be read");
                    continue;
                }
            };
            let outcome = store
                .apply_payment_event(event.id, OrgId(event.org_id), &parsed, clock::now())
                .await?;
            if outcome == Applied::Done {
                applied += 1;
            }
        }
    }
}

/// Gifts read and valued per transaction.
const VALUED_PER_PAGE: i64 = 500;

/// Fixes each new received gift's value in its organization's reporting currency at the rate
/// of the gift's day (or the latest earlier day with a rate, which the note states). A gift
/// whose day has no rate yet keeps waiting, and is valued once rates are imported; a value once
/// fixed never changes. Every waiting gift is looked at, page by page, so gifts still waiting
/// for a rate never hold up the ones after them. Returns how many were valued.
pub async fn fix_gift_values(store: &Store) -> StoreResult<usize> {
    fix_gift_values_in_pages(store, VALUED_PER_PAGE).await
}

/// [`fix_gift_values`] with pages of `page_size` gifts (tests use small pages).
pub async fn fix_gift_values_in_pages(store: &Store, page_size: i64) -> StoreResult<usize> {
    let mut after = 0;
    let mut valued = 0;
    loop {
        let page = store.unrated_gifts(after, page_size).await?;
        let Some(last) = page.last().map(|g| g.id) else {
            return Ok(valued);
        };
        after = last;
        let full = page.len() as i64 == page_size;
        valued += value_gifts(store, page).await?;
        if !full {
            return Ok(valued);
        }
    }
}

/// Values one page of waiting gifts in one transaction; returns how many had a rate.
async fn value_gifts(store: &Store, unrated: Vec<UnratedGift>) -> StoreResult<usize> {
    let base = Currency::parse(ECB_BASE).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut tables: HashMap<i64, RateTable> = HashMap::new();
    let mut values = Vec::new();
    for gift in unrated {
        let (Ok(currency), Ok(reporting), Ok(day)) = (
            Currency::parse(&gift.currency),
            Currency::parse(&gift.reporting_currency),
            gift.paid_on.parse::<Date>(),
        ) else {
            tracing::warn!(gift = gift.id, "a gift's currency or day cannot be read");
            continue;
        };
        let amount = Money {
            minor: gift.amount_minor,
            currency,
        };
        if currency == reporting {
            values.push(GiftValue {
                gift: gift.id,
                value: amount,
                rate_day: gift.paid_on.clone(),
                note: "same currency".into(),
            });
            continue;
        }
        let table = match tables.entry(gift.org_id) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => entry.insert(store.rate_table(OrgId(gift.org_id), base).await?),
        };
        let Ok(converted) = table.convert(amount, reporting, day) else {
            continue;
        };
        let note = format!(
            "{} {} and {} {} per {}",
            converted.from_rate,
            currency.code(),
            converted.to_rate,
            reporting.code(),
            base.code()
        );
        values.push(GiftValue {
            gift: gift.id,
            value: converted.amount,
            rate_day: converted.rate_day.to_string(),
            note,
        });
    }
    // One transaction for the pass (each hour's rollup recomputed once, not once per gift).
    store.fix_gift_values(&values).await?;
    Ok(values.len())
}
