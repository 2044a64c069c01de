//! The JSON API under `/api/v1`. Session-authenticated for now (tokens come later); the same
//! domain inputs and store calls as the staff pages, with errors as JSON.

pub mod v1;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::session::{Allowed, Grant, OrgStaff};
use super::{AppError, AppState};

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
                "Sign in first: this API uses the staff session.".to_owned()
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
        (
            status,
            Json(json!({ "error": message, "problems": problems })),
        )
            .into_response()
    }
}

/// A member of the `{org}` in the path whose role allows `G`, or a JSON error.
pub struct ApiMember<G>(pub Allowed<G>);

impl<G> std::ops::Deref for ApiMember<G> {
    type Target = OrgStaff;
    fn deref(&self) -> &OrgStaff {
        &self.0
    }
}

impl<G: Grant> FromRequestParts<AppState> for ApiMember<G> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(ApiMember(Allowed::from_request_parts(parts, state).await?))
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
