//! Staff sessions in cookies, and the extractors that check them:
//! [`Staff`] (signed in), [`OrgStaff`] (a member of the organization in the path),
//! [`CsrfForm`] (a form that carries the session's CSRF token).

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::{AppError, AppState};
use crate::auth::token;
use crate::clock;
use crate::domain::audit::Actor;
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::role::{Permission, Role};
use crate::domain::time::Timestamp;
use crate::store::{NewSession, Org};

/// A session ends after this long without a request (OWASP ASVS 7.3.1).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// A session ends this long after login, whatever the activity (ASVS 7.3.2).
pub const ABSOLUTE_TIMEOUT: Duration = Duration::from_secs(12 * 60 * 60);
/// Activity is written back at most this often, to keep reads cheap.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

/// The session cookie's name: `__Host-` (no Domain, Path=/, Secure) when served over https.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.https() {
        "__Host-chorus_session"
    } else {
        "chorus_session"
    }
}

fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn set_cookie(state: &AppState, value: &str, max_age: Duration) -> HeaderValue {
    let secure = if state.https() { "; Secure" } else { "" };
    let cookie = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        cookie_name(state),
        max_age.as_secs()
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A browser an account has signed in on keeps this cookie a year: sign-ins from it are not held
/// back by failures from elsewhere (OWASP's device cookie).
const DEVICE_LIFETIME: Duration = Duration::from_secs(365 * 24 * 60 * 60);

fn device_cookie_name(state: &AppState) -> &'static str {
    if state.https() {
        "__Host-chorus_device"
    } else {
        "chorus_device"
    }
}

/// The server's signature (HMAC-SHA-256 under the form secret) of `fields` for `purpose`.
pub fn signature(state: &AppState, purpose: &str, fields: &[&str]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&state.form_secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(purpose.as_bytes());
    for field in fields {
        mac.update(b"\0");
        mac.update(field.as_bytes());
    }
    hex::encode(mac.finalize().into_bytes())
}

/// The signature of device `nonce` for the account `email` (lower case).
fn device_mac(state: &AppState, email: &str, nonce: &str) -> String {
    signature(state, "device", &[email, nonce])
}

/// The device cookie for the account `email`, set at a successful sign-in.
pub fn device_cookie(state: &AppState, email: &str) -> HeaderValue {
    let nonce = token::random_token();
    let value = format!("{nonce}.{}", device_mac(state, email, &nonce));
    let secure = if state.https() { "; Secure" } else { "" };
    let cookie = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        device_cookie_name(state),
        DEVICE_LIFETIME.as_secs()
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether the request carries this account's device cookie.
pub fn is_known_device(state: &AppState, headers: &HeaderMap, email: &str) -> bool {
    read_cookie(headers, device_cookie_name(state))
        .and_then(|value| value.split_once('.'))
        .is_some_and(|(nonce, mac)| token::constant_time_eq(mac, &device_mac(state, email, nonce)))
}

/// Starts a new session for `user` (a fresh id at every login, ASVS 7.2.4) and redirects to `to`.
pub async fn start(state: &AppState, user: UserId, to: &str) -> Result<Response, AppError> {
    let session_token = token::random_token();
    let csrf_token = token::random_token();
    let now = clock::now();
    state
        .store
        .create_session(
            NewSession {
                token_hash: &token::digest(&session_token),
                user_id: user,
                csrf_token: &csrf_token,
                expires_at: now.plus(ABSOLUTE_TIMEOUT),
            },
            now,
        )
        .await?;
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(state, &session_token, ABSOLUTE_TIMEOUT),
    );
    Ok(response)
}

/// A redirect to `then` (the login page, saying why) that also removes the session cookie.
pub fn cleared(state: &AppState, then: &str) -> Response {
    let mut response = Redirect::to(then).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, set_cookie(state, "", Duration::ZERO));
    response
}

/// A signed-in staff member (any organization).
#[derive(Clone)]
pub struct Staff {
    pub session_id: i64,
    pub user_id: UserId,
    pub email: String,
    pub csrf_token: String,
    /// Failed sign-ins to the account between its previous sign-in and this session's.
    pub failed_logins_before: i64,
    pub last_failed_login_before: Option<Timestamp>,
    /// The staff interface's language: the account's choice, else the browser's among
    /// [`Language::STAFF`], else English.
    pub language: Language,
    /// Whether the account chose it (else it follows the browser).
    pub language_chosen: bool,
}

impl Staff {
    pub fn actor(&self) -> Actor {
        Actor::staff(self.user_id, &self.email)
    }

    /// The staff interface's string `key` in this member's language.
    pub fn t(&self, key: &str) -> String {
        crate::i18n::staff(self.language, key)
    }

    /// What to tell the staff member about failed sign-ins to their account, if any.
    pub fn sign_in_warning(&self) -> Option<String> {
        let count = self.failed_logins_before;
        let last = self.last_failed_login_before?;
        (count > 0).then(|| {
            crate::i18n::staff_with(
                self.language,
                "sign-in-warning",
                &[
                    ("count", &count.to_string()),
                    ("last", &last.to_utc_string()),
                ],
            )
        })
    }
}

/// The staff interface's language a browser asks for (`Accept-Language`), English if none of
/// [`Language::STAFF`]: for pages before signing in, and signed-in staff who chose none.
pub fn staff_language_of(headers: &HeaderMap) -> Language {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    crate::domain::language::negotiate(None, accept, &Language::STAFF, Language::En)
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        let login_required = || AppError::LoginRequired {
            next: parts.uri.path().to_owned(),
        };
        let token = read_cookie(&parts.headers, cookie_name(state)).ok_or_else(login_required)?;
        let session = state
            .store
            .session_by_token_hash(&token::digest(token))
            .await?
            .ok_or_else(login_required)?;
        let now = clock::now();
        let idle_expired = session.last_seen_at.plus(IDLE_TIMEOUT) <= now;
        if session.user_disabled || idle_expired || session.expires_at <= now {
            state.store.delete_session(session.id).await?;
            return Err(login_required());
        }
        if session.last_seen_at.plus(TOUCH_EVERY) <= now {
            state.store.touch_session(session.id, now).await?;
        }
        let chosen = session
            .interface_language
            .filter(|l| Language::STAFF.contains(l));
        let language = chosen.unwrap_or_else(|| staff_language_of(&parts.headers));
        super::error::tell_errors_in(language);
        let staff = Staff {
            session_id: session.id,
            user_id: session.user_id,
            email: session.email,
            csrf_token: session.csrf_token,
            failed_logins_before: session.failed_logins_before,
            last_failed_login_before: session.last_failed_login_before,
            language,
            language_chosen: chosen.is_some(),
        };
        parts.extensions.insert(staff.clone());
        Ok(staff)
    }
}

/// A signed-in member of the organization named by the `{org}` path segment.
/// Anyone else gets 404, so the existence of other organizations' data is not revealed.
#[derive(Clone)]
pub struct OrgStaff {
    pub staff: Staff,
    pub org: Org,
    pub role: Role,
}

#[derive(Deserialize)]
struct OrgPath {
    org: String,
}

impl OrgStaff {
    /// Refuses with 403 unless this member's role allows `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.role.allows(permission) {
            Ok(())
        } else {
            let role = self.staff.t(&format!("role-{}", self.role.as_str()));
            Err(AppError::Forbidden(crate::i18n::staff_with(
                self.staff.language,
                "error-role",
                &[("org", &self.org.name), ("role", &role)],
            )))
        }
    }

    pub fn actor(&self) -> Actor {
        self.staff.actor()
    }
}

impl FromRequestParts<AppState> for OrgStaff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let staff = Staff::from_request_parts(parts, state).await?;
        let org = org_in_path(parts, state).await?;
        let role = state
            .store
            .role_in(org.id, staff.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if org.requires_two_factor && state.store.two_factor(staff.user_id).await?.is_none() {
            return Err(AppError::Forbidden(crate::i18n::staff_with(
                staff.language,
                "error-two-factor-required",
                &[("org", &org.name)],
            )));
        }
        Ok(OrgStaff { staff, org, role })
    }
}

/// The organization named by the `{org}` path segment; NotFound when there is none.
pub async fn org_in_path(parts: &mut Parts, state: &AppState) -> Result<Org, AppError> {
    let Path(OrgPath { org: slug }) = Path::<OrgPath>::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    state
        .store
        .org_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// A permission as a type, so that what a handler needs is in its signature:
/// `member: Allowed<EditCampaigns>`.
pub trait Grant {
    const PERMISSION: Permission;
}

/// The permissions as types (see [`Permission`] for what each allows).
pub mod grants {
    use super::{Grant, Permission};

    pub struct View;
    pub struct ManageMembers;
    pub struct ReadAudit;
    pub struct EditCampaigns;
    pub struct EditProgram;
    pub struct Supporters;
    pub struct Repoint;

    impl Grant for View {
        const PERMISSION: Permission = Permission::View;
    }
    impl Grant for ManageMembers {
        const PERMISSION: Permission = Permission::ManageMembers;
    }
    impl Grant for ReadAudit {
        const PERMISSION: Permission = Permission::ReadAudit;
    }
    impl Grant for EditCampaigns {
        const PERMISSION: Permission = Permission::EditCampaigns;
    }
    impl Grant for EditProgram {
        const PERMISSION: Permission = Permission::EditProgram;
    }
    impl Grant for Supporters {
        const PERMISSION: Permission = Permission::Supporters;
    }
    impl Grant for Repoint {
        const PERMISSION: Permission = Permission::Repoint;
    }
}

/// A member of the `{org}` in the path whose role allows `G`: anyone else is refused (404 for
/// a stranger, 403 for a member without it) before the handler runs.
pub struct Allowed<G> {
    member: OrgStaff,
    grant: std::marker::PhantomData<G>,
}

impl<G> std::ops::Deref for Allowed<G> {
    type Target = OrgStaff;
    fn deref(&self) -> &OrgStaff {
        &self.member
    }
}

impl<G: Grant> FromRequestParts<AppState> for Allowed<G> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let member = OrgStaff::from_request_parts(parts, state).await?;
        member.require(G::PERMISSION)?;
        Ok(Self {
            member,
            grant: std::marker::PhantomData,
        })
    }
}

/// A URL-encoded form from a signed-in staff member, accepted only with the session's CSRF token
/// in its `csrf` field (OWASP ASVS 3.5.1).
pub struct CsrfForm<T>(pub T);

/// The fields of a form that sends nothing but its CSRF token (log out, remove).
#[derive(Deserialize)]
pub struct NoFields {}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let (mut parts, body) = request.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let bytes = read_body(Request::from_parts(parts, body), state).await?;
        let field: CsrfField = serde_urlencoded::from_bytes(&bytes).unwrap_or(CsrfField {
            csrf: String::new(),
        });
        if !token::constant_time_eq(&field.csrf, &staff.csrf_token) {
            tracing::warn!(user = %staff.user_id, "refused a form without a valid CSRF token");
            return Err(AppError::Forbidden(staff.t("error-form-expired")));
        }
        parse_form(&bytes).map(CsrfForm)
    }
}

/// A `multipart/form-data` upload from a signed-in staff member: the file of field `file`,
/// accepted only with the session's CSRF token in field `csrf` (sent before the file), and the
/// form's other text fields that come before the file (options such as a dry run).
pub struct CsrfUpload(pub Vec<u8>, pub Vec<(String, String)>);

impl FromRequest<AppState> for CsrfUpload {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let (mut parts, body) = request.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let mut multipart =
            axum::extract::Multipart::from_request(Request::from_parts(parts, body), state)
                .await
                .map_err(|e| {
                    AppError::BadRequest(format!(
                        "The upload could not be read: {}.",
                        e.body_text()
                    ))
                })?;
        let mut csrf_ok = false;
        let mut fields = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(upload_error)? {
            match field.name().map(str::to_owned).as_deref() {
                Some("csrf") => {
                    let value = field.text().await.map_err(upload_error)?;
                    csrf_ok = token::constant_time_eq(&value, &staff.csrf_token);
                }
                Some("file") if csrf_ok => {
                    let bytes = field.bytes().await.map_err(upload_error)?;
                    if bytes.is_empty() {
                        return Err(AppError::BadRequest(staff.t("error-choose-file")));
                    }
                    return Ok(CsrfUpload(bytes.to_vec(), fields));
                }
                Some(name) if csrf_ok => {
                    let value = field.text().await.map_err(upload_error)?;
                    fields.push((name.to_owned(), value));
                }
                _ => {}
            }
        }
        if csrf_ok {
            Err(AppError::BadRequest(staff.t("error-choose-file")))
        } else {
            Err(AppError::Forbidden(staff.t("error-form-expired")))
        }
    }
}

fn upload_error(err: axum::extract::multipart::MultipartError) -> AppError {
    if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest(format!(
            "The upload could not be read: {}.",
            err.body_text()
        ))
    }
}

/// A URL-encoded form from anyone (login, first-owner and invitation links, which carry
/// their own proof); errors share the page format.
pub struct PlainForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for PlainForm<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let bytes = read_body(request, state).await?;
        parse_form(&bytes).map(PlainForm)
    }
}

/// The whole body, within the router's size limit.
async fn read_body(request: Request, state: &AppState) -> Result<Bytes, AppError> {
    Bytes::from_request(request, state)
        .await
        .map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::BadRequest(format!(
                    "The form could not be read: {}.",
                    rejection.body_text()
                ))
            }
        })
}

/// Reads a URL-encoded form, turning a missing or malformed field into a 400 that names it.
fn parse_form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_urlencoded::from_bytes(bytes)
        .map_err(|e| AppError::BadRequest(format!("The form is incomplete or malformed: {e}.")))
}
