//! A forgotten password: `/admin/password/forgot` asks for the account's email and sends a
//! one-time link (`app::password_reset`); `/admin/password/reset/{token}` sets a new password
//! through it. Without SMTP the form says to ask for a link from `chorus user reset-link`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use askama::Template;
use serde::Deserialize;

use super::{check_new_password, hash_password, render, render_with, Layout};
use crate::app::password_reset;
use crate::clock;
use crate::domain::email::Email;
use crate::domain::language::Language;
use crate::i18n;
use crate::store::StoreError;
use crate::web::session::{staff_language_of, PlainForm};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/password/forgot", get(forgot_form).post(forgot))
        .route("/admin/password/reset/{token}", get(reset_form).post(reset))
}

#[derive(Template)]
#[template(path = "pages/password_forgot.html")]
struct ForgotPage {
    layout: Layout,
    mail_enabled: bool,
    sent_to: Option<String>,
    error: Option<String>,
    email: String,
}

#[derive(Template)]
#[template(path = "pages/password_reset.html")]
struct ResetPage<'a> {
    layout: Layout,
    token: &'a str,
    usable: bool,
    error: Option<String>,
}

pub async fn forgot_form(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let language = staff_language_of(&headers);
    render(&ForgotPage {
        layout: Layout::public(language, &i18n::staff(language, "forgot-heading")),
        mail_enabled: state.mailer.enabled(),
        sent_to: None,
        error: None,
        email: String::new(),
    })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    email: String,
}

/// `POST /admin/password/forgot`: the same answer whether an account has the address or not.
pub async fn forgot(
    State(state): State<AppState>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<ForgotForm>,
) -> Result<Response, AppError> {
    let language = staff_language_of(&headers);
    let page = |status, sent_to, error| {
        render_with(
            status,
            &ForgotPage {
                layout: Layout::public(language, &i18n::staff(language, "forgot-heading")),
                mail_enabled: state.mailer.enabled(),
                sent_to,
                error,
                email: form.email.clone(),
            },
        )
    };
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(e) => {
            return page(
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(format!("Email: {e}.")),
            )
        }
    };
    if state.mailer.enabled() {
        password_reset::send_link(
            &state.store,
            &state.mailer,
            state.base_url.as_str(),
            &email,
            clock::now(),
        )
        .await?;
    }
    page(StatusCode::OK, Some(email.as_str().to_owned()), None)
}

pub async fn reset_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let usable = password_reset::usable(&state.store, &token, clock::now()).await?;
    reset_page(staff_language_of(&headers), &token, usable, None)
}

/// The new-password form (or, for a dead link, why not), with what was wrong with the last try:
/// 404 for a used or expired link, 422 for a password refused.
fn reset_page(
    language: Language,
    token: &str,
    usable: bool,
    error: Option<String>,
) -> Result<Response, AppError> {
    let status = match (usable, &error) {
        (false, _) => StatusCode::NOT_FOUND,
        (true, Some(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        (true, None) => StatusCode::OK,
    };
    render_with(
        status,
        &ResetPage {
            layout: Layout::public(language, &i18n::staff(language, "reset-heading")),
            token,
            usable,
            error,
        },
    )
}

#[derive(Deserialize)]
pub struct ResetForm {
    password: String,
    password_confirm: String,
}

/// `POST /admin/password/reset/{token}`: the new password, then the sign-in page saying so.
pub async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    PlainForm(form): PlainForm<ResetForm>,
) -> Result<Response, AppError> {
    let language = staff_language_of(&headers);
    let new_password = match check_new_password(&form.password, &form.password_confirm) {
        Ok(password) => password,
        Err(problem) => return reset_page(language, &token, true, Some(problem)),
    };
    let hash = hash_password(new_password).await?;
    match password_reset::complete(&state.store, &token, &hash, clock::now()).await {
        Ok(user) => {
            tracing::info!(%user, "password set through a reset link");
            Ok(Redirect::to("/admin/login?done=password-set").into_response())
        }
        Err(StoreError::NotFound) => reset_page(language, &token, false, None),
        Err(err) => Err(err.into()),
    }
}
