//! The signed-in staff member's own account: two-factor sign-in (set up with any authenticator
//! app, turn off) and the password. Every change asks for the password again, and for a code
//! when two-factor sign-in is on (OWASP ASVS 6.2.3, re-authentication).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use super::{check_new_password, hash_password, redirect_with_notice, render_with, Layout};
use crate::auth::login_throttle::Attempt;
use crate::auth::{password, token};
use crate::clock;
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::qr;
use crate::domain::time::Timestamp;
use crate::domain::totp;
use crate::web::session::{staff_language_of, CsrfForm, Staff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/account", get(show))
        .route("/admin/account/two-factor/begin", post(begin_two_factor))
        .route(
            "/admin/account/two-factor/confirm",
            post(confirm_two_factor),
        )
        .route(
            "/admin/account/two-factor/disable",
            post(disable_two_factor),
        )
        .route("/admin/account/password", post(change_password))
        .route("/admin/account/email", post(change_email))
        .route("/admin/account/language", post(change_language))
}

const ACCOUNT: &str = "/admin/account";

#[derive(Template)]
#[template(path = "pages/account.html")]
struct AccountPage {
    layout: Layout,
    csrf: String,
    email: String,
    two_factor: bool,
    codes_left: i64,
    notice: Option<String>,
    errors: Vec<String>,
    enrolment: Option<Enrolment>,
    recovery_codes: Vec<String>,
    /// The staff interface's languages: (code, name in itself, chosen by this account).
    staff_languages: Vec<(&'static str, &'static str, bool)>,
    /// Whether the account chose a language (else it follows the browser).
    language_chosen: bool,
}

/// A secret offered for enrolment, not yet confirmed by a code.
struct Enrolment {
    qr_svg: String,
    secret_text: String,
    /// The secret sealed for this account, carried by the confirmation form.
    pending: String,
}

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// What the account page shows beyond the account's state.
#[derive(Default)]
struct Shown {
    notice: Option<String>,
    errors: Vec<String>,
    enrolment: Option<Enrolment>,
    recovery_codes: Vec<String>,
}

async fn page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    shown: Shown,
) -> Result<Response, AppError> {
    let two_factor = state.store.two_factor(staff.user_id).await?.is_some();
    render_with(
        status,
        &AccountPage {
            layout: Layout::staff(state, staff, &staff.t("account-title")).await?,
            csrf: staff.csrf_token.clone(),
            email: staff.email.clone(),
            two_factor,
            codes_left: state.store.recovery_codes_left(staff.user_id).await?,
            notice: shown.notice,
            errors: shown.errors,
            enrolment: shown.enrolment,
            recovery_codes: shown.recovery_codes,
            staff_languages: Language::STAFF
                .into_iter()
                .map(|l| {
                    let chosen = staff.language_chosen && l == staff.language;
                    (l.code(), l.native_name(), chosen)
                })
                .collect(),
            language_chosen: staff.language_chosen,
        },
    )
}

/// `GET /admin/account`.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    page(
        &state,
        &staff,
        StatusCode::OK,
        Shown {
            notice: query.notice,
            ..Shown::default()
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct ReauthForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

/// `POST /admin/account/two-factor/begin`: after the password, a new secret to scan.
pub async fn begin_two_factor(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<ReauthForm>,
) -> Result<Response, AppError> {
    if let Err(problem) = reauthenticate(&state, &staff, &form).await? {
        return refuse(&state, &staff, problem).await;
    }
    let mut secret = [0u8; totp::SECRET_LEN];
    token::fill_random(&mut secret);
    let enrolment = enrolment(&state, &staff, &secret)?;
    page(
        &state,
        &staff,
        StatusCode::OK,
        Shown {
            enrolment: Some(enrolment),
            ..Shown::default()
        },
    )
    .await
}

fn enrolment(state: &AppState, staff: &Staff, secret: &[u8]) -> Result<Enrolment, AppError> {
    let link = totp::enrolment_link(secret, "Chorus", &staff.email);
    let sealed = state
        .outside_key
        .seal(secret, &pending_context(staff.user_id))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Enrolment {
        qr_svg: qr::svg(&link, 240).map_err(|e| AppError::Internal(e.to_string()))?,
        secret_text: totp::base32(secret),
        pending: hex::encode(sealed),
    })
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    pending: String,
    #[serde(default)]
    code: String,
}

/// `POST /admin/account/two-factor/confirm`: the app's first code turns it on; the recovery
/// codes are shown once.
pub async fn confirm_two_factor(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> Result<Response, AppError> {
    let secret = hex::decode(form.pending.trim())
        .ok()
        .and_then(|sealed| {
            state
                .outside_key
                .open(&sealed, &pending_context(staff.user_id))
                .ok()
        })
        .ok_or_else(|| AppError::BadRequest("This set-up form was changed; start again.".into()))?;
    let now_step = totp::step_at(clock::now());
    let Some(step) = totp::accepted_step(&secret, &form.code, now_step, None) else {
        let problem = staff.t("account-code-not-now");
        let enrolment = enrolment(&state, &staff, &secret)?;
        return page(
            &state,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            Shown {
                errors: vec![problem],
                enrolment: Some(enrolment),
                ..Shown::default()
            },
        )
        .await;
    };
    let sealed = state
        .outside_key
        .seal(&secret, &secret_context(staff.user_id))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let codes: Vec<String> = (0..totp::RECOVERY_CODES).map(|_| recovery_code()).collect();
    let digests: Vec<String> = codes
        .iter()
        .map(|code| token::digest(&totp::normalized_recovery_code(code)))
        .collect();
    state
        .store
        .enable_two_factor(staff.user_id, &sealed, step, &digests)
        .await?;
    tracing::info!(user = %staff.user_id, "two-factor sign-in turned on");
    let notice = staff.t("account-two-factor-on");
    page(
        &state,
        &staff,
        StatusCode::OK,
        Shown {
            notice: Some(notice),
            recovery_codes: codes,
            ..Shown::default()
        },
    )
    .await
}

/// `POST /admin/account/two-factor/disable`.
pub async fn disable_two_factor(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<ReauthForm>,
) -> Result<Response, AppError> {
    if let Err(problem) = reauthenticate(&state, &staff, &form).await? {
        return refuse(&state, &staff, problem).await;
    }
    state.store.disable_two_factor(staff.user_id).await?;
    tracing::info!(user = %staff.user_id, "two-factor sign-in turned off");
    Ok(redirect_with_notice(
        ACCOUNT,
        &staff.t("account-two-factor-off"),
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(flatten)]
    reauth: ReauthForm,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /admin/account/password`: a new password; every other session of the account ends.
pub async fn change_password(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, AppError> {
    if let Err(problem) = reauthenticate(&state, &staff, &form.reauth).await? {
        return refuse(&state, &staff, problem).await;
    }
    let new_password = match check_new_password(&form.new_password, &form.confirm) {
        Ok(new_password) => new_password,
        Err(problem) => return refuse(&state, &staff, problem).await,
    };
    let hash = hash_password(new_password).await?;
    state.store.set_password_hash(staff.user_id, &hash).await?;
    state
        .store
        .delete_other_sessions(staff.user_id, staff.session_id)
        .await?;
    tracing::info!(user = %staff.user_id, "password changed");
    Ok(redirect_with_notice(
        ACCOUNT,
        &staff.t("account-password-changed"),
    ))
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(flatten)]
    reauth: ReauthForm,
    #[serde(default)]
    new_email: String,
}

/// `POST /admin/account/email`: a new sign-in email.
pub async fn change_email(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<Response, AppError> {
    if let Err(problem) = reauthenticate(&state, &staff, &form.reauth).await? {
        return refuse(&state, &staff, problem).await;
    }
    let email = match crate::domain::email::Email::parse(&form.new_email) {
        Ok(email) => email,
        Err(problem) => return refuse(&state, &staff, format!("New email: {problem}.")).await,
    };
    if !state.store.set_email(staff.user_id, &email).await? {
        return refuse(&state, &staff, staff.t("account-email-taken")).await;
    }
    tracing::info!(user = %staff.user_id, "sign-in email changed");
    Ok(redirect_with_notice(
        ACCOUNT,
        &staff.t("account-email-changed"),
    ))
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// `POST /admin/account/language`: the staff interface's language for this account (blank:
/// the browser's). The confirmation is said in the language chosen.
pub async fn change_language(
    State(state): State<AppState>,
    staff: Staff,
    headers: axum::http::HeaderMap,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<Response, AppError> {
    let chosen = match form.language.trim() {
        "" => None,
        code => match Language::parse(code) {
            Ok(language) if Language::STAFF.contains(&language) => Some(language),
            _ => {
                let problem = staff.t("account-language-unknown");
                return refuse(&state, &staff, problem).await;
            }
        },
    };
    state
        .store
        .set_interface_language(staff.user_id, chosen)
        .await?;
    let shown_in = chosen.unwrap_or_else(|| staff_language_of(&headers));
    Ok(redirect_with_notice(
        ACCOUNT,
        &crate::i18n::staff(shown_in, "account-language-saved"),
    ))
}

async fn refuse(state: &AppState, staff: &Staff, problem: String) -> Result<Response, AppError> {
    let shown = Shown {
        errors: vec![problem],
        ..Shown::default()
    };
    page(state, staff, StatusCode::UNPROCESSABLE_ENTITY, shown).await
}

/// Checks the password again, and a code when two-factor sign-in is on. The outer error is a
/// server problem; the inner one what to tell the person. Throttled like a sign-in.
async fn reauthenticate(
    state: &AppState,
    staff: &Staff,
    form: &ReauthForm,
) -> Result<Result<(), String>, AppError> {
    let now = clock::now();
    let session_key = format!("session {}", staff.session_id);
    let attempt = Attempt {
        account: &staff.email,
        address: &session_key,
        known_device: true,
    };
    if state.login_throttle.admit(&attempt, now).await?.is_some() {
        return Ok(Err(staff.t("account-too-many")));
    }
    let email = crate::domain::email::Email::parse(&staff.email)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let user = state
        .store
        .user_by_email(&email)
        .await?
        .ok_or(AppError::LoginRequired {
            next: ACCOUNT.into(),
        })?;
    let matches = password::verify_off_runtime(form.password.clone(), user.password_hash).await;
    let second = if matches {
        second_factor(state, staff.user_id, &form.code, now).await?
    } else {
        SecondFactor::Wrong
    };
    match (matches, second) {
        (true, SecondFactor::Passed | SecondFactor::NotEnrolled) => {
            state.login_throttle.succeeded(&attempt).await?;
            Ok(Ok(()))
        }
        (true, SecondFactor::Wrong) => {
            state.login_throttle.failed(&attempt, now).await?;
            Ok(Err(staff.t("account-code-wrong")))
        }
        (false, _) => {
            state.login_throttle.failed(&attempt, now).await?;
            Ok(Err(staff.t("account-password-wrong")))
        }
    }
}

/// The outcome of a second-factor check.
pub enum SecondFactor {
    Passed,
    Wrong,
    NotEnrolled,
}

/// Checks `typed` against the account's unused recovery codes when it has a recovery code's
/// length (each spent once), else against its authenticator secret (a step is spent once).
pub async fn second_factor(
    state: &AppState,
    user: UserId,
    typed: &str,
    now: Timestamp,
) -> Result<SecondFactor, AppError> {
    let Some(enrolled) = state.store.two_factor(user).await? else {
        return Ok(SecondFactor::NotEnrolled);
    };
    // A recovery code is looked up without the secret, so it still opens the account when the
    // secret cannot be (a database restored without its key).
    let recovery = totp::normalized_recovery_code(typed);
    let passed = if recovery.len() == RECOVERY_CODE_LEN {
        state
            .store
            .spend_recovery_code(user, &token::digest(&recovery), now)
            .await?
    } else {
        let secret = state
            .outside_key
            .open(&enrolled.secret_sealed, &secret_context(user))
            .map_err(|e| AppError::Internal(format!("two-factor secret: {e}")))?;
        match totp::accepted_step(&secret, typed, totp::step_at(now), enrolled.last_step) {
            Some(step) => state.store.spend_totp_step(user, step).await?,
            None => false,
        }
    };
    Ok(if passed {
        SecondFactor::Passed
    } else {
        SecondFactor::Wrong
    })
}

/// Characters of a recovery code (without its dash): 50 bits of randomness.
const RECOVERY_CODE_LEN: usize = 10;

/// A recovery code such as `k3f9q-2xm7p`.
fn recovery_code() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz123456789";
    let mut bytes = [0u8; RECOVERY_CODE_LEN];
    token::fill_random(&mut bytes);
    let chars: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// What an account's stored TOTP secret is sealed for.
fn secret_context(user: UserId) -> String {
    format!("totp {user}")
}

/// What a secret offered for enrolment is sealed for (so it cannot be stored as another's).
fn pending_context(user: UserId) -> String {
    format!("totp-pending {user}")
}
