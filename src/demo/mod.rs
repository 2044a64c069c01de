//! `chorus serve --demo`: a fictional organization with sample data, so every screen has
//! something to show. Every name here is invented; later parts of Chorus add their own data.

use crate::auth::{password, token};
use crate::domain::audit::Actor;
use crate::domain::email::Email;
use crate::domain::org::{OrgName, OrgSlug};
use crate::domain::password::NewPassword;
use crate::domain::role::Role;
use crate::domain::time::Timestamp;
use crate::store::{Store, StoreError};

pub const DEMO_SLUG: &str = "demo";
pub const DEMO_ORG_NAME: &str = "Safe Passage Alliance (demo)";
pub const DEMO_LOGIN_EMAIL: &str = "owner@demo.chorus.example";

/// Invented staff of the demo organization (`.example` addresses never deliver mail).
const DEMO_STAFF: &[(&str, Role)] = &[
    ("campaigns@demo.chorus.example", Role::CampaignManager),
    ("tour@demo.chorus.example", Role::AmbassadorTeam),
    ("board@demo.chorus.example", Role::Viewer),
];

/// The staff login printed at start.
#[derive(Clone)]
pub struct DemoLogin {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for DemoLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoLogin")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// Creates the demo organization if missing; the owner's password is new at every start.
pub async fn seed(store: &Store, now: Timestamp) -> Result<DemoLogin, StoreError> {
    let login_password = token::random_token()[..20].to_owned();
    let login_hash = hash(&login_password)?;
    let owner_email = demo_email(DEMO_LOGIN_EMAIL)?;
    let owner = match store.user_by_email(&owner_email).await? {
        Some(user) => {
            store.set_password_hash(user.id, &login_hash).await?;
            user
        }
        None => store.create_user(&owner_email, &login_hash, now).await?,
    };
    if store.org_by_slug(DEMO_SLUG).await?.is_none() {
        let slug = OrgSlug::parse(DEMO_SLUG).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let name = OrgName::parse(DEMO_ORG_NAME).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let actor = Actor {
            user_id: None,
            label: "demo".into(),
        };
        let org = store.create_org(&slug, &name, &actor, now).await?;
        store
            .add_member(org.id, &owner, Role::Owner, &actor, now)
            .await?;
        for (email, role) in DEMO_STAFF {
            let email = demo_email(email)?;
            let user = match store.user_by_email(&email).await? {
                Some(user) => user,
                None => {
                    store
                        .create_user(&email, &hash(&token::random_token())?, now)
                        .await?
                }
            };
            store.add_member(org.id, &user, *role, &actor, now).await?;
        }
    }
    Ok(DemoLogin {
        email: DEMO_LOGIN_EMAIL.to_owned(),
        password: login_password,
    })
}

fn demo_email(raw: &str) -> Result<Email, StoreError> {
    Email::parse(raw).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn hash(secret: &str) -> Result<String, StoreError> {
    NewPassword::parse(secret)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
        .and_then(|p| password::hash(&p).map_err(|e| StoreError::Corrupt(e.to_string())))
}
