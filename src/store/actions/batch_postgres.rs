//! A batch of submissions written on PostgreSQL with a handful of statements for the whole
//! batch, not per submission: each statement is a round trip. Each column goes as one array
//! (`UNNEST`), so the statement text is the same whatever the batch's size: PostgreSQL parses
//! and plans it once per connection, where a `VALUES` list of each size was parsed anew.

use std::collections::HashMap;

use sqlx::PgConnection;

use super::{consent_key, recorded, BatchConsents, BatchPlan, ConsentKey, Outcome, Recorded};
use crate::domain::supporter::{consent_version, email_domain, ActionStatus};
use crate::store::{StoreError, StoreResult};

/// Writes the plan's fresh submissions in the open transaction `tx`; returns what writing each
/// did, and `consents` gets the consent wordings' ids it used. Forms recorded by an earlier
/// batch are not looked up first: the action insert skips them (a unique index), and only the
/// few skipped rows are looked up, each by its index.
pub(super) async fn write_rows<'a>(
    tx: &mut PgConnection,
    plan: &BatchPlan<'a>,
    consents: &mut BatchConsents<'_, 'a>,
) -> StoreResult<Vec<(usize, Recorded)>> {
    if plan.fresh.is_empty() {
        return Ok(Vec::new());
    }
    // Supporters: one row per (organization, email key), made or found.
    let mut seen = std::collections::HashSet::new();
    let people: Vec<_> = plan
        .fresh()
        .filter(|(_, a, key)| seen.insert((a.org_id.0, *key)))
        .map(|(_, a, key)| (a, key))
        .collect();
    let supporters: HashMap<(i64, String), i64> = sqlx::query_as::<_, (i64, String, i64)>(
        "INSERT INTO supporters (org_id, email, email_key, name, country, created_at) \
         SELECT * FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::BIGINT[]) \
         ON CONFLICT (org_id, email_key) DO UPDATE SET email_key = excluded.email_key \
         RETURNING org_id, email_key, id",
    )
    .bind(people.iter().map(|(a, _)| a.org_id.0).collect::<Vec<_>>())
    .bind(people.iter().map(|(a, _)| a.input.email.as_str()).collect::<Vec<_>>())
    .bind(people.iter().map(|(_, key)| *key).collect::<Vec<_>>())
    .bind(people.iter().map(|(a, _)| a.input.name.as_str()).collect::<Vec<_>>())
    .bind(people.iter().map(|(a, _)| a.input.country.as_str()).collect::<Vec<_>>())
    .bind(people.iter().map(|(a, _)| a.at.unix_micros()).collect::<Vec<_>>())
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|(org, key, id)| ((org, key), id))
    .collect();
    // Consent wordings: few distinct ones per batch, and mostly committed before.
    let mut rows = Vec::with_capacity(plan.fresh.len());
    for (i, a, key) in plan.fresh() {
        let supporter = supporters
            .get(&(a.org_id.0, key.to_owned()))
            .copied()
            .ok_or_else(|| StoreError::Corrupt("a supporter row was not returned".into()))?;
        let consent_key = consent_key(a);
        let consent = match consents.get(consent_key) {
            Some(id) => id,
            None => {
                let id = consent_id(&mut *tx, consent_key).await?;
                consents.insert(consent_key, id);
                id
            }
        };
        rows.push((i, supporter, consent));
    }
    // A form recorded before, or a person who already acted on this campaign (before, or
    // earlier in this batch), conflicts and is skipped: counted once.
    let actions: Vec<_> = rows.iter().map(|&(i, ..)| &plan.batch[i]).collect();
    let inserted: HashMap<(i64, String), i64> = sqlx::query_as::<_, (i64, String, i64)>(
        "INSERT INTO actions (org_id, campaign_id, supporter_id, kind, status, held, show_name, message, \
           language, touchpoint_id, engagement_id, consent_id, idempotency_key, address_tag, email_domain, created_at) \
         SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[], $4::TEXT[], $5::TEXT[], $6::BOOLEAN[], \
           $7::BOOLEAN[], $8::TEXT[], $9::TEXT[], $10::BIGINT[], $11::BIGINT[], $12::BIGINT[], $13::TEXT[], \
           $14::TEXT[], $15::TEXT[], $16::BIGINT[]) \
         ON CONFLICT DO NOTHING RETURNING org_id, idempotency_key, id",
    )
    .bind(actions.iter().map(|a| a.org_id.0).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.campaign_id.0).collect::<Vec<_>>())
    .bind(rows.iter().map(|&(_, supporter, _)| supporter).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.kind.as_str()).collect::<Vec<_>>())
    .bind(vec![ActionStatus::Pending.as_str(); actions.len()])
    .bind(actions.iter().map(|a| a.held).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.input.show_name).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.input.message.as_str()).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.language.code()).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.touchpoint_id).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.engagement_id).collect::<Vec<_>>())
    .bind(rows.iter().map(|&(.., consent)| consent).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.idempotency_key.as_str()).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.address_tag.as_str()).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| email_domain(&a.input.email)).collect::<Vec<_>>())
    .bind(actions.iter().map(|a| a.at.unix_micros()).collect::<Vec<_>>())
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

/// The id of a consent wording, stored the first time it is seen.
async fn consent_id(
    tx: &mut PgConnection,
    (kind, language, text): ConsentKey<'_>,
) -> StoreResult<i64> {
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
    Ok(sqlx::query_scalar(
        "SELECT id FROM consent_texts WHERE kind = $1 AND language = $2 AND version = $3",
    )
    .bind(kind.as_str())
    .bind(language.code())
    .bind(&version)
    .fetch_one(&mut *tx)
    .await?)
}
