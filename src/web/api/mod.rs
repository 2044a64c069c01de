//! The JSON API under `/api/v1`: called with an API token (`Authorization: Bearer`) or a staff
//! session; the same domain inputs and store calls as the staff pages, with errors as JSON.

pub mod listing;
pub mod tokens;
pub mod v1;

use std::marker::PhantomData;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::session::OrgStaff;
use super::{AppError, AppState};
use crate::app::rate_limits;
use crate::clock;
use crate::domain::api_token::Scope;
use crate::domain::audit::Actor;
use crate::store::Org;

/// An [`AppError`] answered as JSON: `{"error": "...", "problems": [...]}`.
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self.0 {
            AppError::LoginRequired { .. } => StatusCode::UNAUTHORIZED,
            other => other.status(),
        };
        let message = match &self.0 {
            AppError::LoginRequired { .. } => {
                "Send an API token (Authorization: Bearer chorus_…), or sign in.".to_owned()
            }
            AppError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                "An unexpected error occurred; it has been logged.".to_owned()
            }
            AppError::Unavailable => "The database is not answering; try again shortly.".to_owned(),
            AppError::NotFound => "Not found.".to_owned(),
            other => other.to_string(),
        };
        let problems = match &self.0 {
            AppError::Invalid(problems) => problems.clone(),
            _ => Vec::new(),
        };
        let mut response = (
            status,
            Json(json!({ "error": message, "problems": problems })),
        )
            .into_response();
        if let AppError::TooManyRequests { retry_after, .. } = &self.0 {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after.as_secs().max(1)),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"chorus\""),
            );
        }
        response
    }
}

/// Every call with a token counts against the token's calls per minute (`--api-rate`), for the
/// whole deployment. Every answer to a token says what is left, in the headers the IETF's
/// RateLimit draft names; past the limit the call is not run: 429 with `Retry-After`.
pub async fn token_rate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let token = match tokens::bearer(request.headers()) {
        Ok(Some(token)) => token.to_owned(),
        _ => return next.run(request).await,
    };
    let limit = state.config.api_rate;
    let counted = rate_limits::api_call(
        &state.store,
        &state.form_secret,
        &token,
        limit,
        clock::now(),
    )
    .await;
    let allowance = match counted {
        Ok(allowance) => allowance,
        Err(err) => return ApiError(err.into()).into_response(),
    };
    let mut response = if allowance.allowed {
        next.run(request).await
    } else {
        ApiError(AppError::TooManyRequests {
            retry_after: Duration::from_secs(allowance.reset),
            message: format!(
                "This token made its {limit} calls of the last minute; try again in {} s.",
                allowance.reset
            ),
        })
        .into_response()
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("ratelimit-limit", allowance.limit.unsigned_abs()),
        ("ratelimit-remaining", allowance.remaining.unsigned_abs()),
        ("ratelimit-reset", allowance.reset),
    ] {
        headers.insert(name, HeaderValue::from(value));
    }
    response
}

/// A scope as a type, so that what an API route needs is in its signature:
/// `member: ApiMember<scopes::CampaignsWrite>`.
pub trait ScopeGrant {
    const SCOPE: Scope;
}

/// The scopes the API's routes ask for, as types (see [`Scope`] for what each allows).
pub mod scopes {
    use super::{Scope, ScopeGrant};

    pub struct CampaignsRead;
    pub struct CampaignsWrite;
    pub struct LinksRead;
    pub struct LinksWrite;
    pub struct LinksRepoint;
    pub struct ProgramRead;
    pub struct ProgramWrite;
    pub struct ReportsRead;
    pub struct SupportersRead;

    impl ScopeGrant for CampaignsRead {
        const SCOPE: Scope = Scope::CampaignsRead;
    }
    impl ScopeGrant for CampaignsWrite {
        const SCOPE: Scope = Scope::CampaignsWrite;
    }
    impl ScopeGrant for LinksRead {
        const SCOPE: Scope = Scope::LinksRead;
    }
    impl ScopeGrant for LinksWrite {
        const SCOPE: Scope = Scope::LinksWrite;
    }
    impl ScopeGrant for LinksRepoint {
        const SCOPE: Scope = Scope::LinksRepoint;
    }
    impl ScopeGrant for ProgramRead {
        const SCOPE: Scope = Scope::ProgramRead;
    }
    impl ScopeGrant for ProgramWrite {
        const SCOPE: Scope = Scope::ProgramWrite;
    }
    impl ScopeGrant for ReportsRead {
        const SCOPE: Scope = Scope::ReportsRead;
    }
    impl ScopeGrant for SupportersRead {
        const SCOPE: Scope = Scope::SupportersRead;
    }
}

/// Who calls the API for the `{org}` in the path, allowed `S`: a signed-in member whose role
/// allows it, or a token of that organization holding scope `S` (`Authorization: Bearer`).
/// Anyone else gets a JSON error: 401 without a valid credential, 404 for another
/// organization, 403 without the scope or the role.
pub struct ApiMember<S> {
    pub org: Org,
    actor: Actor,
    scope: PhantomData<S>,
}

impl<S> ApiMember<S> {
    /// Who the audit log names for what this call changes: the member, or the member's token.
    pub fn actor(&self) -> Actor {
        self.actor.clone()
    }
}

impl<S: ScopeGrant> FromRequestParts<AppState> for ApiMember<S> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = tokens::bearer(&parts.headers)?.map(str::to_owned);
        let (org, actor) = match token {
            Some(token) => tokens::holder_allowed(parts, state, &token, S::SCOPE).await?,
            None => {
                let member = OrgStaff::from_request_parts(parts, state).await?;
                member.require(S::SCOPE.permission())?;
                let actor = member.actor();
                (member.org, actor)
            }
        };
        Ok(ApiMember {
            org,
            actor,
            scope: PhantomData,
        })
    }
}

/// A JSON body read into a typed input. Well-formed JSON whose values do not fit is 422 with
/// the field named (`archived: invalid type: string "maybe", expected a boolean`); a body
/// that is not JSON is 400. Inputs shared with the staff forms take numbers and text alike
/// through [`crate::domain::entry::Entry`], and word their own problems.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(body)) => Ok(ApiJson(body)),
            Err(JsonRejection::JsonDataError(e)) => {
                Err(ApiError(AppError::Invalid(vec![format!(
                    "The body does not fit: {}.",
                    e.body_text()
                )])))
            }
            Err(e) => Err(ApiError(AppError::BadRequest(format!(
                "The body is not valid JSON: {}",
                e.body_text()
            )))),
        }
    }
}
