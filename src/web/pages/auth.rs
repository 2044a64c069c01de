//! Logging in and out of the staff area.

use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::account::{second_factor, SecondFactor};
use super::{render, render_with, Layout};
use crate::auth::login_throttle::Attempt;
use crate::auth::password;
use crate::clock;
use crate::domain::email::Email;
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::time::Timestamp;
use crate::web::client;
use crate::web::session::{self, staff_language_of, CsrfForm, NoFields, PlainForm, Staff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/login", get(login_form).post(login))
        .route("/admin/login/code", post(login_code))
        .route("/admin/logout", post(logout))
        .route("/admin/logout-everywhere", post(logout_everywhere))
}

#[derive(Template)]
#[template(path = "pages/login.html")]
struct LoginPage {
    layout: Layout,
    /// What just happened, said once: signed out, or a new password set.
    done: Option<String>,
    error: Option<String>,
    email: String,
    next: String,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
    done: Option<String>,
}

/// The sentence for `?done=` (fixed sentences, so a link cannot put words on the page).
fn done_sentence(done: Option<&str>, language: Language) -> Option<String> {
    let key = match done? {
        "logged-out" => "login-done-logged-out",
        "logged-out-everywhere" => "login-done-logged-out-everywhere",
        "password-set" => "login-done-password-set",
        _ => return None,
    };
    Some(crate::i18n::staff(language, key))
}

/// Only paths inside the staff area may follow a login (no open redirect, ASVS 3.7.2), and
/// only as a path a `Location` header can carry: the characters RFC 3986 allows in a path and
/// query, percent-escapes whole. Anything else (control characters, spaces, non-ASCII, a
/// fragment) leads to `/admin`.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with("/admin")
                && !path.contains("//")
                && !path.starts_with("/admin/login")
                && is_plain_path(path) =>
        {
            path.to_owned()
        }
        _ => "/admin".to_owned(),
    }
}

/// Whether `path` holds only RFC 3986 path-and-query characters, each `%` starting an escape.
fn is_plain_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.iter().enumerate().all(|(at, &byte)| match byte {
        b'%' => bytes
            .get(at + 1..at + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)),
        b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+'
        | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'?' => true,
        _ => byte.is_ascii_alphanumeric(),
    })
}

pub async fn login_form(
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let query: NextQuery =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
    let language = staff_language_of(&headers);
    render(&LoginPage {
        layout: Layout::public(language, &crate::i18n::staff(language, "login-heading")),
        done: done_sentence(query.done.as_deref(), language),
        error: None,
        email: String::new(),
        next: safe_next(query.next.as_deref()),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// `POST /admin/login`: guessers are slowed (`auth::login_throttle`: per address, per account
/// and address, per account from unknown browsers), the account's owner on a browser it signed
/// in on before is not; the same answer and about the same time whether the account exists or
/// not. Failed and held-back attempts are counted for the owner's next sign-in.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<LoginForm>,
) -> Result<Response, AppError> {
    let now = clock::now();
    let account_key = form.email.trim().to_lowercase();
    let client = client::address(peer, &headers, &state.config.trusted_proxies);
    let address_key = client.to_string();
    let attempt = Attempt {
        account: &account_key,
        address: &address_key,
        known_device: session::is_known_device(&state, &headers, &account_key),
    };
    if let Some(retry) = state.login_throttle.admit(&attempt, now).await? {
        state.metrics.login_throttled.inc();
        state.store.record_failed_login(&account_key, now).await?;
        tracing::warn!(client = %client, "login throttled");
        let wait = if retry.0.as_secs() < 90 {
            format!("{} second(s)", retry.0.as_secs().max(1))
        } else {
            format!("{} minute(s)", retry.0.as_secs().div_ceil(60))
        };
        return Err(AppError::TooManyRequests {
            retry_after: retry.0,
            message: format!(
                "Too many failed sign-in attempts from here. For your account's safety, please wait {wait} and try again."
            ),
        });
    }

    let user = match Email::parse(&form.email) {
        Ok(email) => state.store.user_by_email(&email).await?,
        Err(_) => None,
    };
    let stored_hash = user
        .as_ref()
        .filter(|u| u.disabled_at.is_none())
        .map_or_else(
            || password::decoy_hash().to_owned(),
            |u| u.password_hash.clone(),
        );
    let candidate = form.password;
    let matches = password::verify_off_runtime(candidate, stored_hash).await;

    let next = safe_next(form.next.as_deref());
    match user {
        Some(user) if matches && user.disabled_at.is_none() => {
            if state.store.two_factor(user.id).await?.is_some() {
                // The password was right; the session waits for the second factor.
                return code_page(
                    StatusCode::OK,
                    &state,
                    staff_language_of(&headers),
                    user.id,
                    &next,
                    None,
                    now,
                );
            }
            state.login_throttle.succeeded(&attempt).await?;
            tracing::info!(user = %user.id, "login succeeded");
            signed_in(&state, user.id, &account_key, &next).await
        }
        _ => {
            state.login_throttle.failed(&attempt, now).await?;
            state.store.record_failed_login(&account_key, now).await?;
            state.metrics.login_failures.inc();
            tracing::warn!(client = %client, "login failed");
            let language = staff_language_of(&headers);
            render_with(
                StatusCode::UNAUTHORIZED,
                &LoginPage {
                    layout: Layout::public(
                        language,
                        &crate::i18n::staff(language, "login-heading"),
                    ),
                    done: None,
                    error: Some(crate::i18n::staff(language, "login-wrong")),
                    email: form.email.trim().to_owned(),
                    next,
                },
            )
        }
    }
}

/// The session, and the device cookie that spares this browser the account-wide throttle.
async fn signed_in(
    state: &AppState,
    user: UserId,
    account_key: &str,
    next: &str,
) -> Result<Response, AppError> {
    let mut response = session::start(state, user, next).await?;
    response.headers_mut().append(
        axum::http::header::SET_COOKIE,
        session::device_cookie(state, account_key),
    );
    Ok(response)
}

/// How long the code page of a sign-in stays valid after the password.
const CODE_PAGE_LIFETIME_SECS: i64 = 5 * 60;

#[derive(Template)]
#[template(path = "pages/login_code.html")]
struct LoginCodePage {
    layout: Layout,
    error: Option<String>,
    pending: String,
    next: String,
}

/// The page asking for the second factor, carrying a signed note that `user`'s password was
/// right (valid a few minutes).
fn code_page(
    status: StatusCode,
    state: &AppState,
    language: Language,
    user: UserId,
    next: &str,
    error: Option<String>,
    now: Timestamp,
) -> Result<Response, AppError> {
    let expires = (now.unix_seconds() + CODE_PAGE_LIFETIME_SECS).to_string();
    let user_text = user.0.to_string();
    let mac = session::signature(state, "sign-in-code", &[&user_text, &expires]);
    render_with(
        status,
        &LoginCodePage {
            layout: Layout::public(language, &crate::i18n::staff(language, "login-heading")),
            error,
            pending: format!("{user_text}.{expires}.{mac}"),
            next: next.to_owned(),
        },
    )
}

/// The account whose password was right, from a code page's note still valid at `now`.
fn pending_user(state: &AppState, pending: &str, now: Timestamp) -> Option<UserId> {
    let mut parts = pending.splitn(3, '.');
    let (user, expires, mac) = (parts.next()?, parts.next()?, parts.next()?);
    let expected = session::signature(state, "sign-in-code", &[user, expires]);
    let valid = crate::auth::token::constant_time_eq(mac, &expected)
        && expires.parse::<i64>().ok()? >= now.unix_seconds();
    valid.then(|| user.parse().ok().map(UserId)).flatten()
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pending: String,
    #[serde(default)]
    code: String,
    next: Option<String>,
}

/// `POST /admin/login/code`: the second factor, a code from the authenticator app (once, one
/// 30-second step either side) or a recovery code (once); throttled like the password.
pub async fn login_code(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<CodeForm>,
) -> Result<Response, AppError> {
    let now = clock::now();
    let next = safe_next(form.next.as_deref());
    let Some(user) = pending_user(&state, &form.pending, now) else {
        return Err(AppError::BadRequest(
            "This sign-in took too long or was changed; log in again.".into(),
        ));
    };
    let client = client::address(peer, &headers, &state.config.trusted_proxies);
    let address_key = client.to_string();
    let account_key = format!("user {}", user.0);
    let attempt = Attempt {
        account: &account_key,
        address: &address_key,
        known_device: false,
    };
    if let Some(retry) = state.login_throttle.admit(&attempt, now).await? {
        state.metrics.login_throttled.inc();
        return Err(AppError::TooManyRequests {
            retry_after: retry.0,
            message: "Too many wrong codes. For your account's safety, please wait and try again."
                .into(),
        });
    }
    match second_factor(&state, user, &form.code, now).await? {
        SecondFactor::Passed | SecondFactor::NotEnrolled => {
            state.login_throttle.succeeded(&attempt).await?;
            let email = state
                .store
                .user_by_id(user)
                .await?
                .map(|u| u.email)
                .unwrap_or_default();
            tracing::info!(user = %user, "login succeeded with a second factor");
            signed_in(&state, user, &email, &next).await
        }
        SecondFactor::Wrong => {
            state.login_throttle.failed(&attempt, now).await?;
            state.metrics.login_failures.inc();
            tracing::warn!(client = %client, "second factor refused");
            let language = staff_language_of(&headers);
            let error = crate::i18n::staff(language, "login-code-wrong");
            code_page(
                StatusCode::UNAUTHORIZED,
                &state,
                language,
                user,
                &next,
                Some(error),
                now,
            )
        }
    }
}

/// `POST /admin/logout`: ends this session on the server, not just in the browser.
pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    state.store.delete_session(staff.session_id).await?;
    tracing::info!(user = %staff.user_id, "logged out");
    Ok(session::cleared(&state, "/admin/login?done=logged-out"))
}

/// `POST /admin/logout-everywhere`: ends every session of this account.
pub async fn logout_everywhere(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    let ended = state.store.delete_sessions_of(staff.user_id).await?;
    tracing::info!(user = %staff.user_id, sessions = ended, "logged out everywhere");
    Ok(session::cleared(
        &state,
        "/admin/login?done=logged-out-everywhere",
    ))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_inside_the_staff_area() {
        assert_eq!(
            safe_next(Some("/admin/demo/members")),
            "/admin/demo/members"
        );
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/admin//evil.example",
            "javascript:alert(1)",
            "/admin/login",
            "/admin/demo\r\nSet-Cookie: x=1",
            "/admin/demo\u{0}",
            "/admin/demo\t",
            "/admin/demo\u{7f}",
            "/admin/demo members",
            "/admin/démo",
            "/admin/demo#top",
            "/admin/demo%2",
            "/admin/demo%zz",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/admin", "{hostile}");
        }
        assert_eq!(safe_next(None), "/admin");
        assert_eq!(
            safe_next(Some("/admin/demo/reports?from=2026-01-01&q=a%20b")),
            "/admin/demo/reports?from=2026-01-01&q=a%20b"
        );
    }
}
