//! Organizations (tenants).

use serde_json::json;
use sqlx::FromRow;

use super::campaigns::stored_language;
use super::db::{query, query_as};
use super::{Store, StoreError, StoreResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{OrgId, UserId};
use crate::domain::language::{Language, Languages};
use crate::domain::org::{OrgName, OrgSlug};
use crate::domain::role::Role;
use crate::domain::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    /// The language public pages fall back to.
    pub default_language: Language,
    /// The languages it works in (the default among them).
    pub languages: Vec<Language>,
    pub created_at: Timestamp,
    /// Whether its members must sign in with two factors.
    pub requires_two_factor: bool,
}

/// An organization seen from one member, with that member's role.
#[derive(Debug, Clone)]
pub struct OrgMembership {
    pub org: Org,
    pub role: Role,
}

#[derive(FromRow)]
pub(super) struct OrgRow {
    id: i64,
    slug: String,
    name: String,
    default_language: String,
    languages: String,
    created_at: i64,
    requires_two_factor: bool,
}

impl TryFrom<OrgRow> for Org {
    type Error = StoreError;

    fn try_from(row: OrgRow) -> StoreResult<Self> {
        let default_language = stored_language(&row.default_language)?;
        let languages = Languages::parse_stored(default_language, &row.languages)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Self {
            id: OrgId(row.id),
            slug: row.slug,
            name: row.name,
            default_language,
            languages: languages.offered().to_vec(),
            created_at: Timestamp::from_unix_micros(row.created_at),
            requires_two_factor: row.requires_two_factor,
        })
    }
}

#[derive(FromRow)]
struct OrgRoleRow {
    #[sqlx(flatten)]
    org: OrgRow,
    role: String,
}

/// Reads a role column; anything else means the database was edited by hand.
pub(super) fn parse_role(stored: &str) -> StoreResult<Role> {
    Role::parse(stored).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    /// Creates an organization; a taken slug is a conflict on `orgs`.
    pub async fn create_org(
        &self,
        slug: &OrgSlug,
        name: &OrgName,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<Org> {
        let mut tx = self.write().await?;
        let row = query_as::<OrgRow>(
                "INSERT INTO orgs (slug, name, created_at) VALUES ($1, $2, $3) \
                 RETURNING id, slug, name, default_language, languages, created_at, requires_two_factor",
            )
            .bind(slug.as_str())
            .bind(name.as_str())
            .bind(now.unix_micros())
            .fetch_one(&mut tx)
            .await?;
        let org = Org::try_from(row)?;
        let mut change = tx.into_change(self, org.id, actor, now);
        let after = Some(json!({ "slug": org.slug, "name": org.name }));
        change
            .audit(AuditAction::OrgCreated, &org.slug, None, after)
            .await?;
        change.commit().await?;
        Ok(org)
    }

    /// Sets the languages an organization works in and the one its pages fall back to.
    pub async fn set_org_languages(
        &self,
        org: OrgId,
        languages: &Languages,
        actor: &Actor,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut change = self.change(org, actor, now).await?;
        let (slug, default_before, before): (String, String, String) =
            query_as("SELECT slug, default_language, languages FROM orgs WHERE id = $1")
                .bind(org.0)
                .fetch_optional(&mut change)
                .await?
                .ok_or(StoreError::NotFound)?;
        query("UPDATE orgs SET default_language = $2, languages = $3 WHERE id = $1")
            .bind(org.0)
            .bind(languages.default_language().code())
            .bind(languages.stored())
            .execute(&mut change)
            .await?;
        let before = Some(json!({ "default_language": default_before, "languages": before }));
        let after = Some(
            json!({ "default_language": languages.default_language().code(),
                "languages": languages.stored() }),
        );
        change
            .audit(AuditAction::OrgUpdated, &slug, before, after)
            .await?;
        change.publish().await?;
        Ok(())
    }

    pub async fn org_by_slug(&self, slug: &str) -> StoreResult<Option<Org>> {
        let row = query_as::<OrgRow>(
                "SELECT id, slug, name, default_language, languages, created_at, requires_two_factor FROM orgs WHERE slug = $1",
            )
            .bind(slug)
            .fetch_optional(self.reader())
            .await?;
        row.map(Org::try_from).transpose()
    }

    pub async fn org_by_id(&self, id: OrgId) -> StoreResult<Option<Org>> {
        let row = query_as::<OrgRow>(
                "SELECT id, slug, name, default_language, languages, created_at, requires_two_factor FROM orgs WHERE id = $1",
            )
            .bind(id.0)
            .fetch_optional(self.reader())
            .await?;
        row.map(Org::try_from).transpose()
    }

    /// The organizations `user` belongs to, by name.
    pub async fn orgs_of(&self, user: UserId) -> StoreResult<Vec<OrgMembership>> {
        let rows = query_as::<OrgRoleRow>(
                "SELECT o.id, o.slug, o.name, o.default_language, o.languages, o.created_at, o.requires_two_factor, m.role FROM orgs o \
                 JOIN memberships m ON m.org_id = o.id WHERE m.user_id = $1 ORDER BY o.name, o.id",
            )
            .bind(user.0)
            .fetch_all(self.reader())
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(OrgMembership {
                    role: parse_role(&row.role)?,
                    org: Org::try_from(row.org)?,
                })
            })
            .collect()
    }
}
