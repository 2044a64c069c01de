//! A batch of submissions written on PostgreSQL with a handful of statements for the whole
//! batch, not per submission: each statement is a round trip.

use std::collections::HashMap;

use sqlx::PgConnection;

use super::{consent_key, recorded, BatchPlan, ConsentKey, Outcome, Recorded};
use crate::domain::supporter::{consent_version, email_domain, ActionStatus};
use crate::store::{StoreError, StoreResult};

/// Writes the plan's fresh submissions in the open transaction `tx`; returns what writing each
/// did. Forms recorded by an earlier batch are not looked up first: the action insert skips them
/// (a unique index), and only the few skipped rows are looked up, each by its index.
pub(super) async fn write_rows(
    tx: &mut PgConnection,
    plan: &BatchPlan<'_>,
) -> StoreResult<Vec<(usize, Recorded)>> {
    if plan.fresh.is_empty() {
        return Ok(Vec::new());
    }
    // Supporters: one row per (organization, email key), made or found.
    let mut seen = std::collections::HashSet::new();
    let people: Vec<_> = plan
        .fresh()
        .filter(|(_, a, key)| seen.insert((a.org_id.0, *key)))
        .collect();
    let mut upsert = sqlx::QueryBuilder::new(
        "INSERT INTO supporters (org_id, email, email_key, name, country, created_at) ",
    );
    upsert.push_values(&people, |mut row, (_, a, key)| {
        row.push_bind(a.org_id.0)
            .push_bind(a.input.email.as_str())
            .push_bind(*key)
            .push_bind(a.input.name.as_str())
            .push_bind(a.input.country.as_str())
            .push_bind(a.at.unix_micros());
    });
    upsert.push(
        " ON CONFLICT (org_id, email_key) DO UPDATE SET email_key = excluded.email_key \
         RETURNING org_id, email_key, id",
    );
    let supporters: HashMap<(i64, String), i64> = upsert
        .build_query_as::<(i64, String, i64)>()
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(org, key, id)| ((org, key), id))
        .collect();
    // Consent wordings: few distinct ones per batch.
    let mut consents: HashMap<ConsentKey, i64> = HashMap::new();
    let mut rows = Vec::with_capacity(plan.fresh.len());
    for (i, a, key) in plan.fresh() {
        let supporter = supporters
            .get(&(a.org_id.0, key.to_owned()))
            .copied()
            .ok_or_else(|| StoreError::Corrupt("a supporter row was not returned".into()))?;
        let consent_key = consent_key(a);
        let consent = match consents.get(&consent_key) {
            Some(id) => *id,
            None => {
                let (kind, language, text) = consent_key;
                let version = consent_version(text);
                sqlx::query(
                    "INSERT INTO consent_texts (kind, language, version, text) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (kind, language, version) DO NOTHING",
                )
                .bind(kind.as_str())
                .bind(language.code())
                .bind(&version)
                .bind(text)
                .execute(&mut *tx)
                .await?;
                let id: i64 = sqlx::query_scalar(
                    "SELECT id FROM consent_texts WHERE kind = $1 AND language = $2 AND version = $3",
                )
                .bind(kind.as_str())
                .bind(language.code())
                .bind(&version)
                .fetch_one(&mut *tx)
                .await?;
                consents.insert(consent_key, id);
                id
            }
        };
        rows.push((i, supporter, consent));
    }
    let mut insert = sqlx::QueryBuilder::new(
        "INSERT INTO actions (org_id, campaign_id, supporter_id, kind, status, held, show_name, message, \
           language, touchpoint_id, engagement_id, consent_id, idempotency_key, address_tag, email_domain, created_at) ",
    );
    insert.push_values(&rows, |mut row, &(i, supporter, consent)| {
        let a = &plan.batch[i];
        row.push_bind(a.org_id.0)
            .push_bind(a.campaign_id.0)
            .push_bind(supporter)
            .push_bind(a.kind.as_str())
            .push_bind(ActionStatus::Pending.as_str())
            .push_bind(a.held)
            .push_bind(a.input.show_name)
            .push_bind(a.input.message.as_str())
            .push_bind(a.language.code())
            .push_bind(a.touchpoint_id)
            .push_bind(a.engagement_id)
            .push_bind(consent)
            .push_bind(a.idempotency_key.as_str())
            .push_bind(a.address_tag.as_str())
            .push_bind(email_domain(&a.input.email))
            .push_bind(a.at.unix_micros());
    });
    // A form recorded before, or a person who already acted on this campaign (before, or
    // earlier in this batch), conflicts and is skipped: counted once.
    insert.push(" ON CONFLICT DO NOTHING RETURNING org_id, idempotency_key, id");
    let inserted: HashMap<(i64, String), i64> = insert
        .build_query_as::<(i64, String, i64)>()
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(org, key, id)| ((org, key), id))
        .collect();
    let mut written = Vec::with_capacity(rows.len());
    for (i, supporter, _) in rows {
        let a = &plan.batch[i];
        if let Some(id) = inserted.get(&(a.org_id.0, a.idempotency_key.clone())) {
            let new = Recorded {
                action_id: *id,
                outcome: Outcome::New,
                status: ActionStatus::Pending,
            };
            written.push((i, new));
            continue;
        }
        let resent: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM actions WHERE org_id = $1 AND idempotency_key = $2",
        )
        .bind(a.org_id.0)
        .bind(a.idempotency_key.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((id, status)) = resent {
            written.push((i, recorded(id, Outcome::Repeat, &status)?));
            continue;
        }
        let (id, status): (i64, String) = sqlx::query_as(
            "SELECT id, status FROM actions WHERE campaign_id = $1 AND kind = $2 AND supporter_id = $3",
        )
        .bind(a.campaign_id.0)
        .bind(a.kind.as_str())
        .bind(supporter)
        .fetch_one(&mut *tx)
        .await?;
        written.push((i, recorded(id, Outcome::AlreadyActed, &status)?));
    }
    Ok(written)
}
