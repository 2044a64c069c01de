//! `/admin/{org}/members`: who has access, invitations, role changes and removals.

use axum::routing::{get, post};
use axum::Router;
use std::time::Duration;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::saved::{Saved, SavedQuery};
use super::{render_with, Layout};
use crate::auth::token;
use crate::clock;
use crate::domain::email::Email;
use crate::domain::ids::UserId;
use crate::domain::role::{Permission, Role};
use crate::domain::time::Timestamp;
use crate::store::StoreError;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, NoFields, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/members", get(list))
        .route("/admin/{org}/members/invite", post(invite))
        .route("/admin/{org}/members/{user_id}/role", post(change_role))
        .route("/admin/{org}/members/{user_id}/remove", post(remove))
        .route(
            "/admin/{org}/members/invites/{invite_id}/revoke",
            post(revoke_invite),
        )
}

/// How long an invitation link stays valid.
pub const INVITE_VALIDITY: Duration = Duration::from_secs(7 * 24 * 60 * 60);

#[derive(Template)]
#[template(path = "pages/members.html")]
struct MembersPage {
    layout: Layout,
    org_name: String,
    org_slug: String,
    csrf: String,
    can_manage: bool,
    members: Vec<MemberLine>,
    invites: Vec<InviteLine>,
    assignable: Vec<RoleOption>,
    notice: Option<String>,
    invite_link: Option<String>,
    error: Option<String>,
}

struct MemberLine {
    user_id: UserId,
    email: String,
    role_label: String,
    role_value: &'static str,
    since: String,
    editable: bool,
}

/// An invitation waiting for an answer.
struct InviteLine {
    id: i64,
    email: String,
    role_label: String,
    sent: String,
    expires: String,
}

struct RoleOption {
    value: &'static str,
    label: String,
}

/// What the page says above the list after an action.
#[derive(Default)]
struct Outcome {
    notice: Option<String>,
    invite_link: Option<String>,
    error: Option<String>,
}

async fn show(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let can_manage = member.role.allows(Permission::ManageMembers);
    let members = state.store.members(member.org.id).await?;
    let invites = if can_manage {
        state
            .store
            .pending_invites(member.org.id, clock::now())
            .await?
    } else {
        Vec::new()
    };
    let role_name = |role: Role| member.staff.t(&format!("role-{}", role.as_str()));
    render_with(
        status,
        &MembersPage {
            layout: Layout::org(state, member, &member.staff.t("nav-members")).await?,
            org_name: member.org.name.clone(),
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_manage,
            members: members
                .into_iter()
                .map(|m| MemberLine {
                    editable: can_manage && member.role.may_assign(Some(m.role), m.role).is_ok(),
                    user_id: m.user_id,
                    email: m.email,
                    role_label: role_name(m.role),
                    role_value: m.role.as_str(),
                    since: m.since.to_utc_string(),
                })
                .collect(),
            invites: invites
                .into_iter()
                .map(|i| InviteLine {
                    id: i.id,
                    role_label: Role::parse(&i.role).map_or_else(|_| String::new(), role_name),
                    email: i.email,
                    sent: Timestamp::from_unix_micros(i.created_at).to_utc_string(),
                    expires: Timestamp::from_unix_micros(i.expires_at).to_utc_string(),
                })
                .collect(),
            assignable: Role::ALL
                .into_iter()
                .filter(|r| member.role.may_assign(None, *r).is_ok())
                .map(|r| RoleOption {
                    value: r.as_str(),
                    label: role_name(r),
                })
                .collect(),
            notice: outcome.notice,
            invite_link: outcome.invite_link,
            error: outcome.error,
        },
    )
}

pub async fn list(
    State(state): State<AppState>,
    member: OrgStaff,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let outcome = Outcome {
        notice: query.notice(member.staff.language),
        ..Outcome::default()
    };
    show(&state, &member, StatusCode::OK, outcome).await
}

#[derive(Deserialize)]
pub struct InviteForm {
    email: String,
    role: String,
}

/// `POST /admin/{org}/members/invite`: creates a one-time link that the inviter passes on.
pub async fn invite(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    let failed = |message: String| Outcome {
        error: Some(message),
        ..Outcome::default()
    };
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(e) => {
            let outcome = failed(format!("Email: {e}."));
            return show(&state, &member, StatusCode::UNPROCESSABLE_ENTITY, outcome).await;
        }
    };
    let role = match Role::parse(&form.role) {
        Ok(role) => role,
        Err(e) => {
            let outcome = failed(format!("Role: {e}."));
            return show(&state, &member, StatusCode::UNPROCESSABLE_ENTITY, outcome).await;
        }
    };
    let link_token = token::random_token();
    let now = clock::now();
    let created = state
        .store
        .create_invite(
            member.org.id,
            &email,
            role,
            member.role,
            &member.actor(),
            &token::digest(&link_token),
            now,
            now.plus(INVITE_VALIDITY),
        )
        .await;
    match created {
        Ok(()) => {
            let outcome = Outcome {
                notice: Some(crate::i18n::staff_with(
                    member.staff.language,
                    "members-invited",
                    &[
                        ("email", email.as_str()),
                        ("role", &member.staff.t(&format!("role-{}", role.as_str()))),
                    ],
                )),
                invite_link: Some(state.link(&format!("/admin/invite/{link_token}"))),
                error: None,
            };
            show(&state, &member, StatusCode::OK, outcome).await
        }
        Err(err) if err.is_conflict_on("memberships") => {
            let outcome = failed(format!(
                "{email} is already a member of {}.",
                member.org.name
            ));
            show(&state, &member, StatusCode::CONFLICT, outcome).await
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

#[derive(Deserialize)]
pub struct MemberPath {
    user_id: i64,
}

fn back_to_members(member: &OrgStaff) -> Response {
    Saved::Access.redirect(&format!("/admin/{}/members", member.org.slug))
}

/// Member ids from the path are always looked up inside the session's organization,
/// so an id from another organization is simply not found.
fn member_id(
    path: Result<Path<MemberPath>, axum::extract::rejection::PathRejection>,
) -> Result<UserId, AppError> {
    path.map(|Path(p)| UserId(p.user_id))
        .map_err(|_| AppError::NotFound)
}

/// `POST /admin/{org}/members/{user_id}/role`.
pub async fn change_role(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    path: Result<Path<MemberPath>, axum::extract::rejection::PathRejection>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<Response, AppError> {
    let target = member_id(path)?;
    let role = Role::parse(&form.role).map_err(|e| AppError::BadRequest(format!("{e}.")))?;
    let changed = state
        .store
        .change_role(
            member.org.id,
            target,
            role,
            member.role,
            &member.actor(),
            clock::now(),
        )
        .await;
    finish(&state, &member, changed.map(|_| ())).await
}

/// `POST /admin/{org}/members/{user_id}/remove`.
pub async fn remove(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    path: Result<Path<MemberPath>, axum::extract::rejection::PathRejection>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    let target = member_id(path)?;
    let removed = state
        .store
        .remove_member(
            member.org.id,
            target,
            member.role,
            &member.actor(),
            clock::now(),
        )
        .await;
    finish(&state, &member, removed).await
}

#[derive(Deserialize)]
pub struct InvitePath {
    invite_id: i64,
}

/// `POST /admin/{org}/members/invites/{invite_id}/revoke`: the invitation's link stops working.
pub async fn revoke_invite(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    path: Result<Path<InvitePath>, axum::extract::rejection::PathRejection>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    let Ok(Path(InvitePath { invite_id })) = path else {
        return Err(AppError::NotFound);
    };
    let revoked = state
        .store
        .revoke_invite(member.org.id, invite_id, &member.actor(), clock::now())
        .await;
    let outcome = match revoked {
        Ok(()) => Outcome {
            notice: Some(member.staff.t("members-revoked")),
            ..Outcome::default()
        },
        Err(StoreError::NotFound) => Outcome {
            error: Some("That invitation was already accepted, revoked or expired.".into()),
            ..Outcome::default()
        },
        Err(err) => return Err(err.into()),
    };
    show(&state, &member, StatusCode::OK, outcome).await
}

/// Back to the list on success; the list with the reason when a membership rule refused.
async fn finish(
    state: &AppState,
    member: &OrgStaff,
    result: Result<(), StoreError>,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(back_to_members(member)),
        Err(StoreError::Rule(rule)) => {
            let err = AppError::from(StoreError::Rule(rule));
            let status = err.status();
            let outcome = Outcome {
                error: Some(err.to_string()),
                ..Outcome::default()
            };
            show(state, member, status, outcome).await
        }
        Err(err) => Err(err.into()),
    }
}
