//! Accepting an invitation link: joins the organization, creating an account if needed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::{check_new_password, hash_password, render, render_with, Layout};
use crate::auth::{password, token};
use crate::clock;
use crate::domain::email::Email;
use crate::domain::language::Language;
use crate::i18n;
use crate::store::{InviteInfo, InviteUser, StoreError, User};
use crate::web::session::{self, staff_language_of, PlainForm};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/invite/{token}", get(form).post(accept))
}

#[derive(Template)]
#[template(path = "pages/invite.html")]
struct InvitePage {
    layout: Layout,
    token: String,
    org_name: String,
    role_label: String,
    email: String,
    existing_account: bool,
    errors: Vec<String>,
}

fn invite_gone() -> AppError {
    AppError::Forbidden(
        "This invitation has been used or has expired. Ask the person who invited you for a new one."
            .into(),
    )
}

/// The invitation behind `token`, and the account its email already has, if any.
async fn load(state: &AppState, token: &str) -> Result<(InviteInfo, Option<User>), AppError> {
    let invite = state
        .store
        .invite_by_token_hash(&token::digest(token), clock::now())
        .await?
        .ok_or_else(invite_gone)?;
    let email = Email::parse(&invite.email).map_err(|e| AppError::Internal(e.to_string()))?;
    let existing = state.store.user_by_email(&email).await?;
    Ok((invite, existing))
}

fn page(
    language: Language,
    token: String,
    invite: &InviteInfo,
    existing: bool,
    errors: Vec<String>,
) -> InvitePage {
    InvitePage {
        layout: Layout::public(language, &i18n::staff(language, "invite-accept")),
        token,
        org_name: invite.org.name.clone(),
        role_label: i18n::staff(language, &format!("role-{}", invite.role.as_str())),
        email: invite.email.clone(),
        existing_account: existing,
        errors,
    }
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (invite, existing) = load(&state, &token).await?;
    let language = staff_language_of(&headers);
    render(&page(
        language,
        token,
        &invite,
        existing.is_some(),
        Vec::new(),
    ))
}

#[derive(Deserialize)]
pub struct AcceptForm {
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn accept(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    PlainForm(form): PlainForm<AcceptForm>,
) -> Result<Response, AppError> {
    let (invite, existing) = load(&state, &token).await?;
    let language = staff_language_of(&headers);
    let user = match &existing {
        Some(user) => {
            let ok = password::verify_off_runtime(form.password, user.password_hash.clone()).await;
            if !ok || user.disabled_at.is_some() {
                let errors = vec![i18n::staff(language, "invite-wrong-password")];
                let page = page(language, token, &invite, true, errors);
                return render_with(StatusCode::UNAUTHORIZED, &page);
            }
            InviteUser::Existing(user.id)
        }
        None => match check_new_password(&form.password, &form.password_confirm) {
            Ok(password) => InviteUser::New {
                password_hash: hash_password(password).await?,
            },
            Err(message) => {
                let page = page(language, token, &invite, false, vec![message]);
                return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
        },
    };
    match state
        .store
        .accept_invite(&token::digest(&token), user, clock::now())
        .await
    {
        Ok((_, user_id)) => {
            tracing::info!(org = %invite.org.slug, user = %user_id, "invitation accepted");
            session::start(&state, user_id, &format!("/admin/{}", invite.org.slug)).await
        }
        Err(StoreError::NotFound) => Err(invite_gone()),
        Err(err) if err.is_conflict_on("memberships") => Err(AppError::Conflict(format!(
            "You are already a member of {}.",
            invite.org.name
        ))),
        Err(err) => Err(err.into()),
    }
}
