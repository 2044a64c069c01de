//! A batch of submissions written on SQLite row by row, on the action writer's own rusqlite
//! connection, with statements prepared once and kept.
//!
//! Through sqlx each value was bound and each returned row handed from SQLite's thread to the
//! writer one message at a time, and a multi-row statement was parsed anew for every batch
//! size: that was most of a batch's time, not SQLite's work. Here SQLite runs on the writer's
//! own thread (`spawn_writer_thread`), and a batch is one transaction as before.
//!
//! SQLite has one writer at a time. The writer pool's one connection is the permit: it is held
//! while the batch is written, so the batch never races Chorus's other writes for SQLite's lock.

use std::sync::PoisonError;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use sqlx::SqlitePool;

use super::{
    consent_key, recorded, BatchConsents, BatchPlan, ConsentKey, NewAction, Outcome, Recorded,
    BUMP_COUNT,
};
use crate::domain::supporter::{consent_version, email_domain, ActionStatus};
use crate::store::checkpoint::Checkpointer;
use crate::store::pool::ActionConnection;
use crate::store::rollups::BUMP_ACTION_HOUR;
use crate::store::StoreResult;

/// Records the batch in one transaction, committed (on disk) before this returns; `consents`
/// gets the consent wordings' ids it used. It blocks its thread while SQLite works, as SQLite's
/// own calls do.
pub(super) async fn record<'a>(
    writer: &SqlitePool,
    actions: &ActionConnection,
    checkpointer: &Checkpointer,
    plan: &BatchPlan<'a>,
    consents: &mut BatchConsents<'_, 'a>,
) -> StoreResult<Vec<Recorded>> {
    // Never idle long enough for a RESTART checkpoint to find a pause by itself.
    checkpointer.let_through().await;
    let _permit = writer.acquire().await?;
    // A panic while writing rolled its transaction back: the connection is usable.
    let mut connection = actions.lock().unwrap_or_else(PoisonError::into_inner);
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let written = write_rows(&tx, plan, consents)?;
    let outcome = plan.outcome(written)?;
    let mut bump_count = tx.prepare_cached(BUMP_COUNT)?;
    for (&(campaign, kind), &n) in &outcome.added {
        bump_count.execute(params![campaign, kind.as_str(), "pending", n])?;
    }
    drop(bump_count);
    let mut bump_hour = tx.prepare_cached(BUMP_ACTION_HOUR)?;
    for (key, &n) in &outcome.hours {
        bump_hour.execute(params![
            key.org,
            key.campaign,
            key.touchpoint,
            key.engagement,
            key.hour,
            key.kind,
            "pending",
            n
        ])?;
    }
    drop(bump_hour);
    tx.commit()?;
    Ok(outcome.results)
}

const NEW_SUPPORTER: &str =
    "INSERT INTO supporters (org_id, email, email_key, name, country, created_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (org_id, email_key) DO NOTHING";

const NEW_ACTION: &str =
    "INSERT INTO actions (org_id, campaign_id, supporter_id, kind, status, held, show_name, message, \
       language, touchpoint_id, engagement_id, consent_id, idempotency_key, address_tag, email_domain, created_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
     ON CONFLICT DO NOTHING";

/// Writes the plan's fresh submissions; returns what writing each did.
fn write_rows<'a>(
    connection: &rusqlite::Connection,
    plan: &BatchPlan<'a>,
    consents: &mut BatchConsents<'_, 'a>,
) -> StoreResult<Vec<(usize, Recorded)>> {
    // One row per (organization, email key), made or found. No RETURNING and no DO UPDATE:
    // either would make SQLite keep a statement journal and a result table for each row.
    let mut new_supporter = connection.prepare_cached(NEW_SUPPORTER)?;
    let mut known_supporter = connection
        .prepare_cached("SELECT id FROM supporters WHERE org_id = ?1 AND email_key = ?2")?;
    // A form recorded before, or a person who already acted on this campaign (before, or
    // earlier in this batch), conflicts and is skipped: counted once.
    let mut new_action = connection.prepare_cached(NEW_ACTION)?;
    let mut written = Vec::with_capacity(plan.fresh.len());
    for (i, a, key) in plan.fresh() {
        let made = new_supporter.execute(params![
            a.org_id.0,
            a.input.email.as_str(),
            key,
            a.input.name.as_str(),
            a.input.country.as_str(),
            a.at.unix_micros()
        ])?;
        let supporter_id: i64 = if made == 1 {
            connection.last_insert_rowid()
        } else {
            known_supporter.query_row(params![a.org_id.0, key], |row| row.get(0))?
        };
        let consent_key = consent_key(a);
        let consent_id = match consents.get(consent_key) {
            Some(id) => id,
            None => {
                let id = consent_id(connection, consent_key)?;
                consents.insert(consent_key, id);
                id
            }
        };
        let inserted = new_action.execute(params![
            a.org_id.0,
            a.campaign_id.0,
            supporter_id,
            a.kind.as_str(),
            ActionStatus::Pending.as_str(),
            a.held,
            a.input.show_name,
            a.input.message.as_str(),
            a.language.code(),
            a.touchpoint_id,
            a.engagement_id,
            consent_id,
            a.idempotency_key.as_str(),
            a.address_tag.as_str(),
            email_domain(&a.input.email),
            a.at.unix_micros()
        ])?;
        let outcome = if inserted == 1 {
            Recorded {
                action_id: connection.last_insert_rowid(),
                outcome: Outcome::New,
                status: ActionStatus::Pending,
            }
        } else {
            earlier_action(connection, a, supporter_id)?
        };
        written.push((i, outcome));
    }
    Ok(written)
}

/// The id of a consent wording, stored the first time it is seen.
fn consent_id(
    connection: &rusqlite::Connection,
    (kind, language, text): ConsentKey<'_>,
) -> StoreResult<i64> {
    let version = consent_version(text);
    connection
        .prepare_cached(
            "INSERT INTO consent_texts (kind, language, version, text) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (kind, language, version) DO NOTHING",
        )?
        .execute(params![kind.as_str(), language.code(), version, text])?;
    Ok(connection
        .prepare_cached(
            "SELECT id FROM consent_texts WHERE kind = ?1 AND language = ?2 AND version = ?3",
        )?
        .query_row(params![kind.as_str(), language.code(), version], |row| {
            row.get(0)
        })?)
}

/// The action a skipped submission met: the same form sent before (a repeat), or this person's
/// earlier action on the campaign.
fn earlier_action(
    connection: &rusqlite::Connection,
    a: &NewAction,
    supporter_id: i64,
) -> StoreResult<Recorded> {
    let resent: Option<(i64, String)> = connection
        .prepare_cached(
            "SELECT id, status FROM actions WHERE org_id = ?1 AND idempotency_key = ?2",
        )?
        .query_row(params![a.org_id.0, a.idempotency_key.as_str()], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    if let Some((id, status)) = resent {
        return recorded(id, Outcome::Repeat, &status);
    }
    let (id, status): (i64, String) = connection
        .prepare_cached(
            "SELECT id, status FROM actions WHERE campaign_id = ?1 AND kind = ?2 AND supporter_id = ?3",
        )?
        .query_row(
            params![a.campaign_id.0, a.kind.as_str(), supporter_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
    recorded(id, Outcome::AlreadyActed, &status)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operations SQLite runs for `sql` on a database with all of Chorus's migrations.
    fn program_of(sql: &str) -> Vec<String> {
        let connection = rusqlite::Connection::open_in_memory().expect("open");
        for migration in crate::store::pool::SQLITE_MIGRATIONS.iter() {
            connection.execute_batch(&migration.sql).expect("migrate");
        }
        let mut explain = connection
            .prepare(&format!("EXPLAIN {sql}"))
            .expect("explain");
        let unbound = vec![rusqlite::types::Null; explain.parameter_count()];
        let operations = explain
            .query_map(rusqlite::params_from_iter(unbound), |row| {
                row.get::<_, String>(1)
            })
            .expect("run")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows");
        operations
    }

    /// A CHECK with an IN list of three or more values makes SQLite build and drop a temporary
    /// b-tree (with its own page cache) for every row written (migration 0013 says what that
    /// cost); the rows written for each pledge must need none.
    #[test]
    fn writing_a_pledge_builds_no_temporary_btree() {
        for sql in [NEW_SUPPORTER, NEW_ACTION] {
            let program = program_of(sql);
            assert!(
                program.iter().any(|op| op == "Insert"),
                "{sql}: {program:?}"
            );
            let temporary = program.iter().filter(|op| *op == "OpenEphemeral").count();
            assert_eq!(temporary, 0, "{sql}");
        }
    }
}
