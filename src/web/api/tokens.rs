//! API tokens presented with a call: `Authorization: Bearer chorus_…`, checked against the
//! store, the organization in the path, the scope the route needs and the role of the member
//! who made the token.

use axum::http::request::Parts;
use axum::http::{header, HeaderMap};

use crate::auth::token::digest;
use crate::clock;
use crate::domain::api_token::{well_formed, Scope};
use crate::domain::audit::Actor;
use crate::domain::time::Timestamp;
use crate::store::{Org, TokenHolder};
use crate::web::session::org_in_path;
use crate::web::{AppError, AppState};

/// How often a token's "last used" is written: at most once a minute, not on every call.
const TOUCH_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// The bearer token of a call, if it sends one; another kind of `Authorization` is refused.
pub fn bearer(headers: &HeaderMap) -> Result<Option<&str>, AppError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().unwrap_or_default();
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => Ok(Some(token.trim())),
        _ => Err(AppError::Unauthorized(
            "Authorization: send `Bearer` and an API token (chorus_…).".into(),
        )),
    }
}

/// The organization and the audit actor of a call made with `token`, if the token may do what
/// `scope` allows in the organization of the path.
pub async fn holder_allowed(
    parts: &mut Parts,
    state: &AppState,
    token: &str,
    scope: Scope,
) -> Result<(Org, Actor), AppError> {
    if !well_formed(token) {
        return Err(AppError::Unauthorized(
            "This is not a Chorus API token (one reads chorus_ and 36 letters and digits); check it was copied whole.".into(),
        ));
    }
    let holder = state
        .store
        .api_token_holder(&digest(token))
        .await?
        .ok_or_else(|| AppError::Unauthorized("This API token is not known.".into()))?;
    let now = clock::now();
    let role = usable(&holder, now)?;
    let org = org_in_path(parts, state).await?;
    if org.id != holder.org_id {
        // As for members: another organization's existence is not revealed.
        return Err(AppError::NotFound);
    }
    if !holder.scopes.contains(&scope) {
        return Err(AppError::Forbidden(format!(
            "This token's scopes ({}) do not include {}.",
            crate::domain::api_token::scopes_text(&holder.scopes),
            scope.as_str()
        )));
    }
    if !role.allows(scope.permission()) {
        return Err(AppError::Forbidden(format!(
            "The role of the member who made this token ({}) no longer allows {}.",
            role.label(),
            scope.as_str()
        )));
    }
    if holder
        .last_used_at
        .is_none_or(|last| last.plus(TOUCH_EVERY) <= now)
    {
        state.store.touch_api_token(holder.id, now).await?;
    }
    let actor = Actor {
        user_id: Some(holder.user_id),
        label: format!(
            "{} with API token {} ({}…)",
            holder.email, holder.name, holder.shown
        ),
    };
    Ok((org, actor))
}

/// The role the token acts with, or why it can no longer be used.
fn usable(holder: &TokenHolder, now: Timestamp) -> Result<crate::domain::role::Role, AppError> {
    if holder.revoked {
        return Err(AppError::Unauthorized("This API token was revoked.".into()));
    }
    if let Some(expired) = holder.expires_at.filter(|at| *at <= now) {
        return Err(AppError::Unauthorized(format!(
            "This API token expired on {}.",
            expired.to_utc_string()
        )));
    }
    match holder.role {
        Some(role) if !holder.user_disabled => Ok(role),
        _ => Err(AppError::Unauthorized(
            "The member who made this API token no longer has access to its organization.".into(),
        )),
    }
}
