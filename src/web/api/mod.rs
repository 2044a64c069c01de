//! The JSON API under `/api/v1`. Session-authenticated for now (tokens come later); the same
//! domain inputs and store calls as the staff pages, with errors as JSON.

pub mod v1;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

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

/// A JSON body read into one of the domain's text inputs. Numbers and booleans are accepted
/// where the input holds text, so `{"goal_amount": 250000}` and `{"goal_amount": "250000"}` agree.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let Json(value) = Json::<Value>::from_request(request, state)
            .await
            .map_err(|e| {
                AppError::BadRequest(format!("The body is not valid JSON: {}", e.body_text()))
            })?;
        let value = match value {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| {
                        let v = match v {
                            Value::Number(n) => Value::String(n.to_string()),
                            Value::Bool(b) => Value::String(b.to_string()),
                            Value::Null => Value::String(String::new()),
                            other => other,
                        };
                        (k, v)
                    })
                    .collect(),
            ),
            other => other,
        };
        serde_json::from_value(value).map(ApiJson).map_err(|e| {
            ApiError(AppError::BadRequest(format!(
                "The body does not have the expected fields: {e}."
            )))
        })
    }
}
