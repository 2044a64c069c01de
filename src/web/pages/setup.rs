//! The first-owner link printed at first start: creates the organization and its owner.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::{check_new_password, hash_password, render, render_with, Layout};
use crate::auth::token;
use crate::clock;
use crate::domain::email::Email;
use crate::domain::org::{OrgName, OrgSlug};
use crate::i18n;
use crate::store::StoreError;
use crate::web::session::{self, staff_language_of, PlainForm};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/setup/{token}", get(form).post(create_owner))
}

#[derive(Template)]
#[template(path = "pages/setup.html")]
struct SetupPage {
    layout: Layout,
    token: String,
    errors: Vec<String>,
    org_name: String,
    org_slug: String,
    email: String,
}

fn link_used_or_expired() -> AppError {
    AppError::Forbidden(
        "This setup link has been used or has expired. Restart `chorus serve` to print a new one \
         (only while no owner exists), or ask an owner to invite you."
            .into(),
    )
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let language = staff_language_of(&headers);
    if !state
        .store
        .setup_token_usable(&token::digest(&token), clock::now())
        .await?
    {
        return Err(link_used_or_expired());
    }
    render(&SetupPage {
        layout: Layout::public(language, &i18n::staff(language, "setup-heading")),
        token,
        errors: Vec::new(),
        org_name: String::new(),
        org_slug: String::new(),
        email: String::new(),
    })
}

#[derive(Deserialize)]
pub struct SetupForm {
    org_name: String,
    org_slug: String,
    email: String,
    password: String,
    password_confirm: String,
}

pub async fn create_owner(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    PlainForm(form): PlainForm<SetupForm>,
) -> Result<Response, AppError> {
    let language = staff_language_of(&headers);
    let token_hash = token::digest(&token);
    if !state
        .store
        .setup_token_usable(&token_hash, clock::now())
        .await?
    {
        return Err(link_used_or_expired());
    }
    let name = OrgName::parse(&form.org_name).map_err(|e| format!("Organization name: {e}."));
    let slug = OrgSlug::parse(&form.org_slug).map_err(|e| format!("Short name: {e}."));
    let email = Email::parse(&form.email).map_err(|e| format!("Email: {e}."));
    let password = check_new_password(&form.password, &form.password_confirm);
    let show_again = |errors: Vec<String>| {
        render_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetupPage {
                layout: Layout::public(language, &i18n::staff(language, "setup-heading")),
                token: token.clone(),
                errors,
                org_name: form.org_name.clone(),
                org_slug: form.org_slug.clone(),
                email: form.email.clone(),
            },
        )
    };
    let (name, slug, email, password) = match (name, slug, email, password) {
        (Ok(n), Ok(s), Ok(e), Ok(p)) => (n, s, e, p),
        (n, s, e, p) => {
            let errors = [n.err(), s.err(), e.err(), p.err()]
                .into_iter()
                .flatten()
                .collect();
            return show_again(errors);
        }
    };
    let hash = hash_password(password).await?;
    match state
        .store
        .complete_setup(&token_hash, &slug, &name, &email, &hash, clock::now())
        .await
    {
        Ok((org, user)) => {
            tracing::info!(org = %org.slug, user = %user, "first owner created");
            session::start(&state, user, &format!("/admin/{}", org.slug)).await
        }
        Err(StoreError::NotFound) => Err(link_used_or_expired()),
        Err(err) if err.is_conflict_on("orgs") => {
            show_again(vec![format!("Short name: '{slug}' is already taken.")])
        }
        Err(err) if err.is_conflict_on("users") => show_again(vec![
            "Email: an account with this email already exists; log in with it instead.".into(),
        ]),
        Err(err) => Err(err.into()),
    }
}
