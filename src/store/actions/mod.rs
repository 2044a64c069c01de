//! Supporters' actions: recorded many to a transaction (group commit), confirmed, moderated and
//! counted. The counts live in `action_counts`, changed in the same transactions as the actions.

mod batch_postgres;
mod batch_sqlite;
mod consent_ids;

pub(super) use consent_ids::{BatchConsents, ConsentIds};

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use serde_json::json;
use sqlx::FromRow;

use super::db::{query, query_as, query_scalar, Tx};
use super::pool::Pool;
use super::rollups::{bump_action_hour, recount_action_hours, ActionHourKey};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::language::Language;
use crate::domain::supporter::{email_key, ActionInput, ActionKind, ActionStatus};
use crate::domain::time::Timestamp;

/// One submission to record.
#[derive(Debug, Clone)]
pub struct NewAction {
    pub org_id: OrgId,
    pub campaign_id: CampaignId,
    pub kind: ActionKind,
    pub input: ActionInput,
    pub language: Language,
    pub touchpoint_id: Option<i64>,
    pub engagement_id: Option<i64>,
    /// The consent wording exactly as shown with the form.
    pub consent_text: String,
    pub idempotency_key: String,
    /// Keyed hash of the sender's address under the day's secret (never the address).
    pub address_tag: String,
    /// Came from a busy address: kept, and waits for its email confirmation like any other.
    pub held: bool,
    pub at: Timestamp,
}

/// What recording a submission did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new action, pending its confirmation.
    New,
    /// The same form sent again (same idempotency key): nothing new.
    Repeat,
    /// This person already did this on this campaign: counted once.
    AlreadyActed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub action_id: i64,
    pub outcome: Outcome,
    pub status: ActionStatus,
}

/// Counts of one campaign (or of an organization's campaigns).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ActionCounts {
    /// Confirmed pledges: the one signature count the public sees, on the campaign page, its
    /// live counter, the venue screen and the thank-you page alike.
    pub pledges: i64,
    pub pledges_unconfirmed: i64,
    pub subscribers: i64,
    pub subscribers_unconfirmed: i64,
}

impl ActionCounts {
    fn add(&mut self, kind: &str, status: &str, count: i64) {
        let slot = match (ActionKind::parse(kind), ActionStatus::parse(status)) {
            (Some(ActionKind::Pledge), Some(ActionStatus::Confirmed)) => &mut self.pledges,
            (Some(ActionKind::Pledge), Some(ActionStatus::Pending)) => {
                &mut self.pledges_unconfirmed
            }
            (Some(ActionKind::Subscription), Some(ActionStatus::Confirmed)) => {
                &mut self.subscribers
            }
            (Some(ActionKind::Subscription), Some(ActionStatus::Pending)) => {
                &mut self.subscribers_unconfirmed
            }
            _ => return,
        };
        *slot += count;
    }
}

/// A confirmed (or already confirmed) action, with what the thank-you page needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub org_id: OrgId,
    pub campaign_id: CampaignId,
    pub org_slug: String,
    pub campaign_slug: String,
    /// The language the supporter used.
    pub language: String,
    pub kind: ActionKind,
    /// False when the link was followed before: nothing changed.
    pub newly: bool,
    /// Its place among the campaign's confirmed actions of its kind, in the order they were
    /// confirmed: "you are supporter no. 289".
    pub number: i64,
}

/// What the confirmation email needs about an action.
#[derive(Debug, Clone, FromRow)]
pub struct PendingMail {
    pub action_id: i64,
    pub email: String,
    pub name: String,
    pub language: String,
    pub kind: String,
    pub created_at: i64,
}

/// One action as staff see it.
#[derive(Debug, Clone, FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub held: bool,
    pub name: String,
    pub email: String,
    pub country: String,
    pub message: String,
    pub show_name: bool,
    pub language: String,
    pub touchpoint_code: Option<String>,
    pub engagement_id: Option<i64>,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    pub consent_version: String,
    pub consent_text: String,
}

/// Which actions a staff list shows.
#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    pub status: Option<ActionStatus>,
    /// Part of a name or email, any case.
    pub text: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Which actions staff mark as spam at once.
#[derive(Debug, Clone)]
pub enum SpamSelection {
    Actions(Vec<i64>),
    /// Tags of one address under the secrets still kept (today's and yesterday's).
    AddressTags(Vec<String>),
    EmailDomain(String),
    Window {
        from: Timestamp,
        to: Timestamp,
    },
}

impl SpamSelection {
    fn describe(&self) -> serde_json::Value {
        match self {
            SpamSelection::Actions(ids) => json!({ "actions": ids }),
            SpamSelection::AddressTags(_) => json!({ "address": "given by staff (not stored)" }),
            SpamSelection::EmailDomain(d) => json!({ "email_domain": d }),
            SpamSelection::Window { from, to } => {
                json!({ "from": from.to_utc_string(), "to": to.to_utc_string() })
            }
        }
    }
}

/// An action being confirmed, with what its confirmation page and counts need.
#[derive(FromRow)]
struct ConfirmingRow {
    org_id: i64,
    campaign_id: i64,
    kind: String,
    status: String,
    language: String,
    org_slug: String,
    campaign_slug: String,
    touchpoint_id: Option<i64>,
    engagement_id: Option<i64>,
    created_at: i64,
    confirmed_at: Option<i64>,
}

/// The action columns a staff list reads, joined with the supporter and consent.
macro_rules! action_rows {
    () => {
        "SELECT a.id, a.kind, a.status, a.held, s.name, s.email, s.country, a.message, a.show_name, \
                a.language, t.code AS touchpoint_code, a.engagement_id, a.created_at, a.confirmed_at, \
                c.version AS consent_version, c.text AS consent_text \
         FROM actions a JOIN supporters s ON s.id = a.supporter_id \
         JOIN consent_texts c ON c.id = a.consent_id \
         LEFT JOIN touchpoints t ON t.id = a.touchpoint_id \
         WHERE a.org_id = $1 AND a.campaign_id = $2 AND ($3 IS NULL OR a.status = $3) \
           AND ($4 IS NULL OR LOWER(s.email) LIKE $4 ESCAPE '\\' OR LOWER(s.name) LIKE $4 ESCAPE '\\')"
    };
}

/// Adds `$4` to one (campaign, kind, status) count. Run by [`bump_count`] and by the
/// SQLite action writer's own connection.
const BUMP_COUNT: &str =
    "INSERT INTO action_counts (campaign_id, kind, status, count) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (campaign_id, kind, status) DO UPDATE SET count = action_counts.count + excluded.count";

/// Adds `delta` to one (campaign, kind, status) count, in the caller's transaction.
async fn bump_count(
    tx: &mut Tx,
    campaign: i64,
    kind: &str,
    status: &str,
    delta: i64,
) -> StoreResult<()> {
    query(BUMP_COUNT)
        .bind(campaign)
        .bind(kind)
        .bind(status)
        .bind(delta)
        .execute(tx)
        .await?;
    Ok(())
}

/// Recounts a campaign's actions from the rows, in the caller's transaction (after moderation).
async fn recount(tx: &mut Tx, campaign: i64) -> StoreResult<()> {
    recount_action_hours(tx, campaign).await?;
    query("DELETE FROM action_counts WHERE campaign_id = $1")
        .bind(campaign)
        .execute(&mut *tx)
        .await?;
    query(
        "INSERT INTO action_counts (campaign_id, kind, status, count) \
         SELECT campaign_id, kind, status, COUNT(*) FROM actions WHERE campaign_id = $1 \
         GROUP BY campaign_id, kind, status",
    )
    .bind(campaign)
    .execute(tx)
    .await?;
    Ok(())
}

/// A batch ready to write: which submissions are new to it, and which repeat a form sent
/// earlier in the same batch (answered like its first).
pub(super) struct BatchPlan<'a> {
    batch: &'a [NewAction],
    /// The first submission of each form, ordered by (organization, email key): two batches
    /// written at once on PostgreSQL lock the same supporters in the same order, never crosswise.
    fresh: Vec<usize>,
    /// (repeat, first) pairs within the batch.
    repeats: Vec<(usize, usize)>,
    /// Each submission's normalized email (one supporter per organization and key).
    email_keys: Vec<String>,
}

impl<'a> BatchPlan<'a> {
    fn new(batch: &'a [NewAction]) -> Self {
        let email_keys: Vec<String> = batch.iter().map(|a| email_key(&a.input.email)).collect();
        let mut first_with_key: HashMap<(i64, &str), usize> = HashMap::new();
        let mut repeats = Vec::new();
        let mut fresh = Vec::new();
        for (i, a) in batch.iter().enumerate() {
            match first_with_key.entry((a.org_id.0, a.idempotency_key.as_str())) {
                Entry::Occupied(first) => repeats.push((i, *first.get())),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                    fresh.push(i);
                }
            }
        }
        fresh.sort_by(|&x, &y| {
            (batch[x].org_id.0, &email_keys[x]).cmp(&(batch[y].org_id.0, &email_keys[y]))
        });
        Self {
            batch,
            fresh,
            repeats,
            email_keys,
        }
    }

    /// The submissions to write, each with its index in the batch and normalized email.
    fn fresh(&self) -> impl Iterator<Item = (usize, &'a NewAction, &str)> + '_ {
        self.fresh
            .iter()
            .map(|&i| (i, &self.batch[i], self.email_keys[i].as_str()))
    }
}

/// A submission's consent wording within a batch: its kind, language and exact text. The
/// stored key is a hash of the text (`consent_version`), computed once per wording, not per row.
type ConsentKey<'a> = (ActionKind, Language, &'a str);

fn consent_key(action: &NewAction) -> ConsentKey<'_> {
    (action.kind, action.language, &action.consent_text)
}

/// What a batch did: its answers, in order, and what it adds to the pending counts.
struct BatchOutcome {
    results: Vec<Recorded>,
    /// New actions by (campaign, kind).
    added: HashMap<(i64, ActionKind), i64>,
    /// New actions by hour rollup key.
    hours: BTreeMap<ActionHourKey, i64>,
}

impl BatchPlan<'_> {
    /// The outcome of the batch from what writing each fresh submission did; a repeat within
    /// the batch is answered like its first.
    fn outcome(&self, written: Vec<(usize, Recorded)>) -> StoreResult<BatchOutcome> {
        let mut added: HashMap<(i64, ActionKind), i64> = HashMap::new();
        let mut hours: BTreeMap<ActionHourKey, i64> = BTreeMap::new();
        let mut results: Vec<Option<Recorded>> = vec![None; self.batch.len()];
        for (i, recorded) in written {
            let a = &self.batch[i];
            if recorded.outcome == Outcome::New {
                *added.entry((a.campaign_id.0, a.kind)).or_default() += 1;
                let hour = ActionHourKey::new(
                    a.org_id.0,
                    a.campaign_id.0,
                    a.touchpoint_id,
                    a.engagement_id,
                    a.at.unix_micros(),
                    a.kind.as_str(),
                );
                *hours.entry(hour).or_default() += 1;
            }
            results[i] = Some(recorded);
        }
        for &(repeat, first) in &self.repeats {
            results[repeat] = results[first].map(|r| Recorded {
                outcome: Outcome::Repeat,
                ..r
            });
        }
        let results = results
            .into_iter()
            .map(|r| r.ok_or_else(|| StoreError::Corrupt("an action without an outcome".into())))
            .collect::<StoreResult<Vec<Recorded>>>()?;
        Ok(BatchOutcome {
            results,
            added,
            hours,
        })
    }
}

fn recorded(action_id: i64, outcome: Outcome, status: &str) -> StoreResult<Recorded> {
    let status = ActionStatus::parse(status)
        .ok_or_else(|| StoreError::Corrupt(format!("action status '{status}'")))?;
    Ok(Recorded {
        action_id,
        outcome,
        status,
    })
}

/// A LIKE pattern matching `text` anywhere, with LIKE's own wildcards escaped.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    /// Records a batch of submissions in one transaction (one commit, one fsync for all), and
    /// answers for each. If the batch fails as a whole, each is retried alone so that one bad
    /// submission cannot fail the others.
    pub async fn record_actions(&self, batch: &[NewAction]) -> Vec<StoreResult<Recorded>> {
        match self.record_batch(batch).await {
            Ok(results) => results.into_iter().map(Ok).collect(),
            Err(err) if batch.len() == 1 => vec![Err(err)],
            Err(_) => {
                let mut results = Vec::with_capacity(batch.len());
                for action in batch {
                    results.push(
                        self.record_batch(std::slice::from_ref(action))
                            .await
                            .and_then(|mut r| r.pop().ok_or(StoreError::NotFound)),
                    );
                }
                results
            }
        }
    }

    /// One transaction for the batch, written the way each backend does best: SQLite row by
    /// row on the action writer's own connection (`batch_sqlite`), PostgreSQL with a few
    /// statements for the whole batch, as each statement is a round trip (`batch_postgres`).
    async fn record_batch(&self, batch: &[NewAction]) -> StoreResult<Vec<Recorded>> {
        let plan = BatchPlan::new(batch);
        // The consent wordings' ids the batch used, remembered once it has committed.
        let mut consents = self.consent_ids.for_batch();
        match &self.pool {
            Pool::Sqlite {
                writer,
                actions,
                checkpointer,
                ..
            } => {
                let results =
                    batch_sqlite::record(writer, actions, checkpointer, &plan, &mut consents)
                        .await?;
                self.consent_ids.remember(&consents);
                Ok(results)
            }
            Pool::Postgres(pool) => {
                let mut tx = Tx::begin_postgres(pool).await?;
                let written = batch_postgres::write_rows(&mut tx, &plan, &mut consents).await?;
                let outcome = plan.outcome(written)?;
                let mut tx = Tx::Postgres(tx);
                for (&(campaign, kind), &n) in &outcome.added {
                    bump_count(&mut tx, campaign, kind.as_str(), "pending", n).await?;
                }
                for (key, n) in &outcome.hours {
                    bump_action_hour(&mut tx, key, "pending", *n).await?;
                }
                tx.commit().await?;
                self.consent_ids.remember(&consents);
                Ok(outcome.results)
            }
        }
    }

    /// Confirms a pending action (the supporter followed the emailed link). `None`: no such
    /// action, or it can no longer be confirmed (spam, expired).
    pub async fn confirm_action(
        &self,
        action_id: i64,
        now: Timestamp,
    ) -> StoreResult<Option<Confirmation>> {
        let mut tx = self.write().await?;
        let row: Option<ConfirmingRow> = query_as(
            "SELECT a.org_id, a.campaign_id, a.kind, a.status, a.language, o.slug AS org_slug, \
               c.slug AS campaign_slug, a.touchpoint_id, a.engagement_id, a.created_at, \
               a.confirmed_at \
             FROM actions a JOIN orgs o ON o.id = a.org_id JOIN campaigns c ON c.id = a.campaign_id \
             WHERE a.id = $1",
        )
        .bind(action_id)
        .fetch_optional(&mut tx)
        .await?;
        let Some(ConfirmingRow {
            org_id: org,
            campaign_id: campaign,
            kind,
            status,
            language,
            org_slug,
            campaign_slug,
            touchpoint_id: touchpoint,
            engagement_id: engagement,
            created_at,
            confirmed_at,
        }) = row
        else {
            return Ok(None);
        };
        let newly = match ActionStatus::parse(&status) {
            Some(ActionStatus::Pending) => true,
            Some(ActionStatus::Confirmed) => false,
            _ => return Ok(None),
        };
        let kind = ActionKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("action kind '{kind}'")))?;
        if newly {
            query("UPDATE actions SET status = 'confirmed', confirmed_at = $2 WHERE id = $1")
                .bind(action_id)
                .bind(now.unix_micros())
                .execute(&mut tx)
                .await?;
            bump_count(&mut tx, campaign, kind.as_str(), "pending", -1).await?;
            bump_count(&mut tx, campaign, kind.as_str(), "confirmed", 1).await?;
            let hour = ActionHourKey::new(
                org,
                campaign,
                touchpoint,
                engagement,
                created_at,
                kind.as_str(),
            );
            bump_action_hour(&mut tx, &hour, "pending", -1).await?;
            bump_action_hour(&mut tx, &hour, "confirmed", 1).await?;
        }
        let confirmed_at = confirmed_at.unwrap_or(now.unix_micros());
        let number: i64 = query_scalar(
            "SELECT COUNT(*) FROM actions WHERE campaign_id = $1 AND kind = $2 \
               AND status = 'confirmed' \
               AND (confirmed_at < $3 OR (confirmed_at = $3 AND id <= $4))",
        )
        .bind(campaign)
        .bind(kind.as_str())
        .bind(confirmed_at)
        .bind(action_id)
        .fetch_one(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(Some(Confirmation {
            org_id: OrgId(org),
            campaign_id: CampaignId(campaign),
            org_slug,
            campaign_slug,
            language,
            kind,
            newly,
            number,
        }))
    }

    /// The counts of one campaign.
    pub async fn action_counts(
        &self,
        org: OrgId,
        campaign: CampaignId,
    ) -> StoreResult<ActionCounts> {
        let rows: Vec<(String, String, i64)> = query_as(
                "SELECT n.kind, n.status, n.count FROM action_counts n \
                 JOIN campaigns c ON c.id = n.campaign_id WHERE n.campaign_id = $1 AND c.org_id = $2",
            )
            .bind(campaign.0)
            .bind(org.0)
            .fetch_all(self.reader())
            .await?;
        let mut counts = ActionCounts::default();
        for (kind, status, count) in rows {
            counts.add(&kind, &status, count);
        }
        Ok(counts)
    }

    /// The counts of every campaign of an organization, by campaign.
    pub async fn org_action_counts(
        &self,
        org: OrgId,
    ) -> StoreResult<HashMap<CampaignId, ActionCounts>> {
        let rows: Vec<(i64, String, String, i64)> = query_as(
            "SELECT n.campaign_id, n.kind, n.status, n.count FROM action_counts n \
                 JOIN campaigns c ON c.id = n.campaign_id WHERE c.org_id = $1",
        )
        .bind(org.0)
        .fetch_all(self.reader())
        .await?;
        let mut counts: HashMap<CampaignId, ActionCounts> = HashMap::new();
        for (campaign, kind, status, count) in rows {
            counts
                .entry(CampaignId(campaign))
                .or_default()
                .add(&kind, &status, count);
        }
        Ok(counts)
    }

    /// What a confirmation email about `action_id` needs, while it is still pending.
    pub async fn pending_mail(&self, action_id: i64) -> StoreResult<Option<PendingMail>> {
        query_as(
            "SELECT a.id AS action_id, s.email, s.name, a.language, a.kind, a.created_at \
                 FROM actions a JOIN supporters s ON s.id = a.supporter_id \
                 WHERE a.id = $1 AND a.status = 'pending'",
        )
        .bind(action_id)
        .fetch_optional(self.reader())
        .await
    }

    /// A page of a campaign's actions, newest first.
    pub async fn campaign_actions(
        &self,
        org: OrgId,
        campaign: CampaignId,
        filter: &ActionFilter,
    ) -> StoreResult<Vec<ActionRow>> {
        let pattern = filter.text.as_deref().map(contains_pattern);
        query_as(concat!(
            action_rows!(),
            " ORDER BY a.id DESC LIMIT $5 OFFSET $6"
        ))
        .bind(org.0)
        .bind(campaign.0)
        .bind(filter.status.map(ActionStatus::as_str))
        .bind(pattern.as_deref())
        .bind(filter.limit)
        .bind(filter.offset)
        .fetch_all(self.reader())
        .await
    }

    /// A campaign's actions made after action `after`, oldest first, at most `limit`: pages
    /// that stay in place while new actions arrive (they come after).
    pub async fn campaign_actions_after(
        &self,
        org: OrgId,
        campaign: CampaignId,
        filter: &ActionFilter,
        after: Option<i64>,
    ) -> StoreResult<Vec<ActionRow>> {
        let pattern = filter.text.as_deref().map(contains_pattern);
        query_as(concat!(
            action_rows!(),
            " AND a.id > $5 ORDER BY a.id LIMIT $6"
        ))
        .bind(org.0)
        .bind(campaign.0)
        .bind(filter.status.map(ActionStatus::as_str))
        .bind(pattern.as_deref())
        .bind(after.unwrap_or(0))
        .bind(filter.limit)
        .fetch_all(self.reader())
        .await
    }

    /// Marks the selected actions of a campaign as spam; the counts are recomputed from the
    /// rows and the change audited. Returns how many actions changed.
    pub async fn mark_spam(
        &self,
        org: OrgId,
        campaign: CampaignId,
        selection: &SpamSelection,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<u64> {
        let mut change = self.change(org, actor, now).await?;
        let candidates: Vec<(i64, String, String, i64)> = query_as(
            "SELECT id, address_tag, email_domain, created_at FROM actions \
                 WHERE org_id = $1 AND campaign_id = $2 AND status IN ('pending', 'confirmed')",
        )
        .bind(org.0)
        .bind(campaign.0)
        .fetch_all(&mut change)
        .await?;
        let chosen: Vec<i64> = candidates
            .into_iter()
            .filter(|(id, tag, domain, at)| match selection {
                SpamSelection::Actions(ids) => ids.contains(id),
                SpamSelection::AddressTags(tags) => tags.contains(tag),
                SpamSelection::EmailDomain(d) => domain.eq_ignore_ascii_case(d),
                SpamSelection::Window { from, to } => {
                    (from.unix_micros()..to.unix_micros()).contains(at)
                }
            })
            .map(|(id, ..)| id)
            .collect();
        for id in &chosen {
            query("UPDATE actions SET status = 'spam' WHERE id = $1")
                .bind(id)
                .execute(&mut change)
                .await?;
        }
        recount(change.tx(), campaign.0).await?;
        let mut after = selection.describe();
        after["marked"] = json!(chosen.len());
        change
            .audit(
                AuditAction::ActionsMarkedSpam,
                &format!("campaign {}", campaign.0),
                None,
                Some(after),
            )
            .await?;
        change.commit().await?;
        Ok(chosen.len() as u64)
    }

    /// Takes actions out of spam: back to confirmed if they had been confirmed, else pending.
    pub async fn restore_actions(
        &self,
        org: OrgId,
        campaign: CampaignId,
        ids: &[i64],
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<u64> {
        let mut change = self.change(org, actor, now).await?;
        let mut changed = 0;
        for id in ids {
            changed += query(
                    "UPDATE actions SET status = CASE WHEN confirmed_at IS NULL THEN 'pending' ELSE 'confirmed' END \
                     WHERE id = $1 AND org_id = $2 AND campaign_id = $3 AND status = 'spam'",
                )
                .bind(id)
                .bind(org.0)
                .bind(campaign.0)
                .execute(&mut change)
                .await?
                .rows_affected();
        }
        recount(change.tx(), campaign.0).await?;
        change
            .audit(
                AuditAction::ActionsRestored,
                &format!("campaign {}", campaign.0),
                None,
                Some(json!({ "actions": ids, "restored": changed })),
            )
            .await?;
        change.commit().await?;
        Ok(changed)
    }

    /// Expires the actions still unconfirmed `window` after they were made; returns how many.
    pub async fn expire_unconfirmed(&self, older_than: Timestamp) -> StoreResult<u64> {
        let mut tx = self.write().await?;
        let campaigns: Vec<i64> = query_scalar(
            "SELECT DISTINCT campaign_id FROM actions WHERE status = 'pending' AND created_at < $1",
        )
        .bind(older_than.unix_micros())
        .fetch_all(&mut tx)
        .await?;
        let expired = query(
            "UPDATE actions SET status = 'expired' WHERE status = 'pending' AND created_at < $1",
        )
        .bind(older_than.unix_micros())
        .execute(&mut tx)
        .await?
        .rows_affected();
        for campaign in campaigns {
            recount(&mut tx, campaign).await?;
        }
        tx.commit().await?;
        Ok(expired)
    }

    /// A random secret this installation signs with, made on first use and shared by every
    /// process of the installation.
    pub async fn server_secret(
        &self,
        name: &str,
        fresh: &[u8],
        now: Timestamp,
    ) -> StoreResult<Vec<u8>> {
        query(
            "INSERT INTO server_secrets (name, secret, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(fresh)
        .bind(now.unix_micros())
        .execute(self.writer())
        .await?;
        query_scalar("SELECT secret FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(self.writer())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(contains_pattern("Ana"), "%ana%");
        assert_eq!(contains_pattern("100%_x\\"), "%100\\%\\_x\\\\%");
    }
}
