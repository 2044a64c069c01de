//! Ambassadors: name, photo, biographies per language, appointments and social channels.

use jiff::civil::Date;
use serde_json::json;
use sqlx::FromRow;

use super::campaigns::{stored_date, stored_language};
use super::db::{query, query_as, query_scalar, Tx};
use super::{Store, StoreError, StoreResult};
use crate::domain::ambassador::{Appointment, Channel, Platform};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{AmbassadorId, OrgId};
use crate::domain::language::Language;
use crate::domain::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambassador {
    pub id: AmbassadorId,
    pub org_id: OrgId,
    pub name: String,
    pub photo_id: Option<i64>,
    pub archived: bool,
}

#[derive(Debug, Clone)]
pub struct AppointmentRow {
    pub id: i64,
    pub appointment: Appointment,
}

/// A channel with its follower counts over time, oldest first.
#[derive(Debug, Clone)]
pub struct ChannelRow {
    pub id: i64,
    pub platform: Platform,
    pub handle: String,
    pub followers: Vec<(Date, i64)>,
}

/// Everything known about one ambassador.
#[derive(Debug, Clone)]
pub struct AmbassadorProfile {
    pub ambassador: Ambassador,
    pub bios: Vec<(Language, String)>,
    pub appointments: Vec<AppointmentRow>,
    pub channels: Vec<ChannelRow>,
}

#[derive(FromRow)]
struct AmbassadorDbRow {
    id: i64,
    org_id: i64,
    name: String,
    photo_id: Option<i64>,
    archived_at: Option<i64>,
}

impl From<AmbassadorDbRow> for Ambassador {
    fn from(r: AmbassadorDbRow) -> Self {
        Self {
            id: AmbassadorId(r.id),
            org_id: OrgId(r.org_id),
            name: r.name,
            photo_id: r.photo_id,
            archived: r.archived_at.is_some(),
        }
    }
}

/// Checks that the ambassador belongs to the organization and yields its name (for the audit).
async fn ambassador_name(tx: &mut Tx, org: OrgId, id: AmbassadorId) -> StoreResult<Option<String>> {
    query_scalar::<String>("SELECT name FROM ambassadors WHERE id = $1 AND org_id = $2")
        .bind(id.0)
        .bind(org.0)
        .fetch_optional(tx)
        .await
}

impl Store {
    pub async fn create_ambassador(
        &self,
        org: OrgId,
        name: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<Ambassador> {
        let mut change = self.change(org, actor, now).await?;
        let row = query_as::<AmbassadorDbRow>(
            "INSERT INTO ambassadors (org_id, name, created_at) VALUES ($1, $2, $3) \
                 RETURNING id, org_id, name, photo_id, archived_at",
        )
        .bind(org.0)
        .bind(name)
        .bind(now.unix_micros())
        .fetch_one(&mut change)
        .await?;
        change
            .audit(
                AuditAction::AmbassadorCreated,
                name,
                None,
                Some(json!({ "name": name })),
            )
            .await?;
        change.publish().await?;
        Ok(Ambassador::from(row))
    }

    /// Applies one change to an ambassador of `org` and audits it as `ambassador.updated`
    /// (or `ambassador.archived`) with the given after-state.
    async fn change_ambassador(
        &self,
        org: OrgId,
        id: AmbassadorId,
        edit: AmbassadorChange<'_>,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<Option<i64>> {
        let mut change = self.change(org, actor, now).await?;
        let name = ambassador_name(change.tx(), org, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut new_id = None;
        let (action, after) = match &edit {
            AmbassadorChange::Rename(new_name) => {
                query("UPDATE ambassadors SET name = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(*new_name)
                    .execute(&mut change)
                    .await?;
                (AuditAction::AmbassadorUpdated, json!({ "name": new_name }))
            }
            AmbassadorChange::Photo(image) => {
                let done = query(
                    "UPDATE ambassadors SET photo_id = $2 WHERE id = $1 \
                         AND EXISTS (SELECT 1 FROM images WHERE id = $2 AND org_id = $3)",
                )
                .bind(id.0)
                .bind(*image)
                .bind(org.0)
                .execute(&mut change)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                (AuditAction::AmbassadorUpdated, json!({ "photo": image }))
            }
            AmbassadorChange::Bio(language, bio) => {
                query(
                        "INSERT INTO ambassador_bios (ambassador_id, language, bio) VALUES ($1, $2, $3) \
                         ON CONFLICT (ambassador_id, language) DO UPDATE SET bio = excluded.bio",
                    )
                    .bind(id.0)
                    .bind(language.code())
                    .bind(*bio)
                    .execute(&mut change)
                    .await?;
                (
                    AuditAction::AmbassadorUpdated,
                    json!({ "bio": language.code() }),
                )
            }
            AmbassadorChange::AddAppointment(a) => {
                let appointment_id: i64 = query_scalar(
                    "INSERT INTO appointments (ambassador_id, title, starts_on, ends_on) \
                         VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(id.0)
                .bind(&a.title)
                .bind(a.starts_on.to_string())
                .bind(a.ends_on.map(|d| d.to_string()))
                .fetch_one(&mut change)
                .await?;
                new_id = Some(appointment_id);
                (
                    AuditAction::AmbassadorUpdated,
                    json!({ "appointment": a.title,
                        "from": a.starts_on.to_string(), "until": a.ends_on.map(|d| d.to_string()) }),
                )
            }
            AmbassadorChange::RemoveAppointment(appointment) => {
                let done = query("DELETE FROM appointments WHERE id = $1 AND ambassador_id = $2")
                    .bind(*appointment)
                    .bind(id.0)
                    .execute(&mut change)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                (
                    AuditAction::AmbassadorUpdated,
                    json!({ "removed_appointment": appointment }),
                )
            }
            AmbassadorChange::Channel(c) => {
                let channel_id: i64 = query_scalar(
                        "INSERT INTO channels (ambassador_id, platform, handle) VALUES ($1, $2, $3) \
                         ON CONFLICT (ambassador_id, platform, handle) DO UPDATE SET handle = excluded.handle \
                         RETURNING id",
                    )
                    .bind(id.0)
                    .bind(c.platform.as_str())
                    .bind(&c.handle)
                    .fetch_one(&mut change)
                    .await?;
                if let Some((day, followers)) = c.followers {
                    query(
                            "INSERT INTO channel_followers (channel_id, recorded_on, followers) VALUES ($1, $2, $3) \
                             ON CONFLICT (channel_id, recorded_on) DO UPDATE SET followers = excluded.followers",
                        )
                        .bind(channel_id)
                        .bind(day.to_string())
                        .bind(followers)
                        .execute(&mut change)
                        .await?;
                }
                new_id = Some(channel_id);
                (
                    AuditAction::AmbassadorUpdated,
                    json!({ "channel": c.platform.as_str(), "handle": c.handle,
                        "followers": c.followers.map(|(d, n)| json!({ "on": d.to_string(), "count": n })) }),
                )
            }
        };
        change.audit(action, &name, None, Some(after)).await?;
        change.publish().await?;
        Ok(new_id)
    }

    pub async fn rename_ambassador(
        &self,
        org: OrgId,
        id: AmbassadorId,
        name: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        self.change_ambassador(org, id, AmbassadorChange::Rename(name), actor, now)
            .await
            .map(drop)
    }

    pub async fn set_ambassador_photo(
        &self,
        org: OrgId,
        id: AmbassadorId,
        image: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        self.change_ambassador(org, id, AmbassadorChange::Photo(image), actor, now)
            .await
            .map(drop)
    }

    pub async fn put_ambassador_bio(
        &self,
        org: OrgId,
        id: AmbassadorId,
        language: Language,
        bio: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        self.change_ambassador(org, id, AmbassadorChange::Bio(language, bio), actor, now)
            .await
            .map(drop)
    }

    /// Adds an appointment; returns its id.
    pub async fn add_appointment(
        &self,
        org: OrgId,
        id: AmbassadorId,
        a: &Appointment,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<i64> {
        self.change_ambassador(org, id, AmbassadorChange::AddAppointment(a), actor, now)
            .await?
            .ok_or(StoreError::NotFound)
    }

    pub async fn remove_appointment(
        &self,
        org: OrgId,
        id: AmbassadorId,
        appointment: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        self.change_ambassador(
            org,
            id,
            AmbassadorChange::RemoveAppointment(appointment),
            actor,
            now,
        )
        .await
        .map(drop)
    }

    /// Adds a channel (or finds the same one) and records its follower count if given; returns its id.
    pub async fn put_channel(
        &self,
        org: OrgId,
        id: AmbassadorId,
        c: &Channel,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<i64> {
        self.change_ambassador(org, id, AmbassadorChange::Channel(c), actor, now)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// The organization's ambassadors by name; archived ones only when asked.
    pub async fn ambassadors(
        &self,
        org: OrgId,
        with_archived: bool,
    ) -> StoreResult<Vec<Ambassador>> {
        let rows = query_as::<AmbassadorDbRow>(
            "SELECT id, org_id, name, photo_id, archived_at FROM ambassadors \
                 WHERE org_id = $1 AND ($2 OR archived_at IS NULL) ORDER BY name, id",
        )
        .bind(org.0)
        .bind(with_archived)
        .fetch_all(self.reader())
        .await?;
        Ok(rows.into_iter().map(Ambassador::from).collect())
    }

    pub async fn ambassador_profile(
        &self,
        org: OrgId,
        id: AmbassadorId,
    ) -> StoreResult<Option<AmbassadorProfile>> {
        // One read transaction: the profile's parts come from one state of the database.
        let mut tx = self.read().await?;
        let row = query_as::<AmbassadorDbRow>(
                "SELECT id, org_id, name, photo_id, archived_at FROM ambassadors WHERE id = $1 AND org_id = $2",
            )
            .bind(id.0)
            .bind(org.0)
            .fetch_optional(&mut tx)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let bios: Vec<(String, String)> = query_as(
            "SELECT language, bio FROM ambassador_bios WHERE ambassador_id = $1 ORDER BY language",
        )
        .bind(id.0)
        .fetch_all(&mut tx)
        .await?;
        let appointments: Vec<(i64, String, String, Option<String>)> = query_as(
                "SELECT id, title, starts_on, ends_on FROM appointments WHERE ambassador_id = $1 ORDER BY starts_on, id",
            )
            .bind(id.0)
            .fetch_all(&mut tx)
            .await?;
        let channels: Vec<(i64, String, String)> = query_as("SELECT id, platform, handle FROM channels WHERE ambassador_id = $1 ORDER BY platform, handle")
                .bind(id.0)
                .fetch_all(&mut tx)
                .await?;
        let counts: Vec<(i64, String, i64)> = query_as(
                "SELECT f.channel_id, f.recorded_on, f.followers FROM channel_followers f \
                 JOIN channels c ON c.id = f.channel_id WHERE c.ambassador_id = $1 ORDER BY f.recorded_on",
            )
            .bind(id.0)
            .fetch_all(&mut tx)
            .await?;
        tx.commit().await?;
        let corrupt = |e: String| StoreError::Corrupt(e);
        Ok(Some(AmbassadorProfile {
            ambassador: Ambassador::from(row),
            bios: bios
                .into_iter()
                .map(|(lang, bio)| Ok((stored_language(&lang)?, bio)))
                .collect::<StoreResult<_>>()?,
            appointments: appointments
                .into_iter()
                .map(|(id, title, from, until)| {
                    Ok(AppointmentRow {
                        id,
                        appointment: Appointment {
                            title,
                            starts_on: stored_date(Some(from))?
                                .ok_or_else(|| corrupt("appointment date".into()))?,
                            ends_on: stored_date(until)?,
                        },
                    })
                })
                .collect::<StoreResult<_>>()?,
            channels: channels
                .into_iter()
                .map(|(channel_id, platform, handle)| {
                    let followers = counts
                        .iter()
                        .filter(|(c, _, _)| *c == channel_id)
                        .map(|(_, day, n)| {
                            Ok((
                                stored_date(Some(day.clone()))?
                                    .ok_or_else(|| corrupt("count date".into()))?,
                                *n,
                            ))
                        })
                        .collect::<StoreResult<_>>()?;
                    Ok(ChannelRow {
                        id: channel_id,
                        platform: Platform::parse(&platform).map_err(|e| corrupt(e.to_string()))?,
                        handle,
                        followers,
                    })
                })
                .collect::<StoreResult<_>>()?,
        }))
    }
}

/// One edit of an ambassador, applied by `change_ambassador`.
enum AmbassadorChange<'a> {
    Rename(&'a str),
    Photo(i64),
    Bio(Language, &'a str),
    AddAppointment(&'a Appointment),
    RemoveAppointment(i64),
    Channel(&'a Channel),
}
