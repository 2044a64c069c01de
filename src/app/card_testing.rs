//! Watches each organization's recent payments for card testing (bots trying stolen cards with
//! small gifts): when failures rise past the domain's threshold, staff see an alert on the
//! payments page and every donate form asks for a proof of work until the share falls again.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::clock;
use crate::domain::donation::card_testing_suspected;
use crate::domain::ids::OrgId;
use crate::store::{Store, StoreResult};

/// The window of payments watched.
pub const WATCHED: Duration = Duration::from_secs(60 * 60);
/// How long one reading of the store answers (donate forms are read far more often).
const FRESH_FOR: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alert {
    pub failed: i64,
    pub total: i64,
}

impl fmt::Display for Alert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Possible card testing: {} of the {} payments of the last hour failed. Every donate \
             form now asks the browser for a proof of work; check the failed payments with your \
             provider and consider raising the minimum gift.",
            self.failed, self.total
        )
    }
}

#[derive(Default)]
pub struct CardTestingWatch {
    readings: Mutex<HashMap<OrgId, (Instant, Option<Alert>)>>,
}

impl CardTestingWatch {
    /// The organization's alert, if its recent payments look like card testing.
    pub async fn alert(&self, store: &Store, org: OrgId) -> StoreResult<Option<Alert>> {
        if let Some((at, alert)) = self.lock().get(&org) {
            if at.elapsed() < FRESH_FOR {
                return Ok(*alert);
            }
        }
        let since = clock::now().minus(WATCHED);
        let (succeeded, failed) = store.payment_outcomes_since(org, since).await?;
        let alert = card_testing_suspected(succeeded, failed).then_some(Alert {
            failed,
            total: succeeded + failed,
        });
        let previous = self.lock().insert(org, (Instant::now(), alert));
        if alert.is_some() && previous.is_none_or(|(_, before)| before.is_none()) {
            tracing::warn!(
                org = org.0,
                failed,
                total = succeeded + failed,
                "possible card testing"
            );
        }
        Ok(alert)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<OrgId, (Instant, Option<Alert>)>> {
        self.readings.lock().unwrap_or_else(|e| e.into_inner())
    }
}
