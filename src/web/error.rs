//! One error type for every handler, turned into a response in one place.
//! 4xx carry a sentence a person understands; 5xx are logged and shown generically.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::domain::language::Language;
use crate::domain::role::MembershipRuleError;
use crate::domain::validation::{Invalid, Problem};
use crate::i18n;
use crate::store::StoreError;

tokio::task_local! {
    /// The language an error is told in while a request is answered: the browser's (set by
    /// the layer every request goes through), then the signed-in member's choice once the
    /// session is read. Errors are made far from the request; this is how they know it.
    static ERROR_LANGUAGE: Cell<Language>;
}

/// Answers `request` with errors told in `language` until a session says otherwise.
pub async fn told_in<F: Future>(language: Language, answer: F) -> F::Output {
    ERROR_LANGUAGE.scope(Cell::new(language), answer).await
}

/// From now on in this request, errors are told in `language` (the member's choice).
pub fn tell_errors_in(language: Language) {
    // Outside a request (a test calling a handler directly) there is nothing to set.
    let _ = ERROR_LANGUAGE.try_with(|told| told.set(language));
}

/// The language of the request being answered (English outside one).
fn told_language() -> Language {
    ERROR_LANGUAGE.try_with(Cell::get).unwrap_or(Language::En)
}

/// The staff interface's sentence `key` in the language of the request being answered.
fn told(key: &str) -> String {
    i18n::staff(told_language(), key)
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// No valid session: go to the login page and come back to `next`.
    #[error("login required")]
    LoginRequired { next: String },
    /// A credential other than the session (an API token) that is missing its mark: 401.
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    /// Input refused by validation: every problem, each a sentence.
    #[error("{}", .0.join(" "))]
    Invalid(Vec<String>),
    #[error("the request is too large")]
    TooLarge,
    #[error("{message}")]
    TooManyRequests {
        retry_after: Duration,
        message: String,
    },
    #[error("storage unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict { .. } => AppError::Conflict(told("error-conflict-text")),
            StoreError::Rule(rule @ MembershipRuleError::OwnerOnly) => {
                AppError::Forbidden(format!("Not allowed: {rule}."))
            }
            StoreError::Rule(rule @ MembershipRuleError::LastOwner) => {
                AppError::Conflict(format!("Not possible: {rule}."))
            }
            StoreError::CampaignRule(rule) => AppError::Conflict(format!("Not possible: {rule}.")),
            StoreError::Unavailable(source) => {
                tracing::error!(error = %source, "database unavailable");
                AppError::Unavailable
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<crate::report::ReportError> for AppError {
    fn from(err: crate::report::ReportError) -> Self {
        match err {
            crate::report::ReportError::Store(err) => err.into(),
            crate::report::ReportError::Pdf(err) => AppError::Internal(err.to_string()),
        }
    }
}

impl From<crate::app::payments::DeliveryError> for AppError {
    fn from(err: crate::app::payments::DeliveryError) -> Self {
        match err {
            crate::app::payments::DeliveryError::Store(err) => err.into(),
            sealed => AppError::Internal(sealed.to_string()),
        }
    }
}

/// Input refused by a domain check: every problem, answered 422.
impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> Self {
        AppError::Invalid(said(&invalid))
    }
}

/// One problem of an input, answered 422 in the language of the request.
impl From<Problem> for AppError {
    fn from(problem: Problem) -> Self {
        AppError::Invalid(vec![i18n::problem(told_language(), &problem)])
    }
}

/// The problems of an input, each in the language of the request being answered.
pub fn said(invalid: &Invalid) -> Vec<String> {
    let language = told_language();
    invalid
        .0
        .iter()
        .map(|problem| i18n::problem(language, problem))
        .collect()
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(format!("template: {err}"))
    }
}

#[derive(Template)]
#[template(path = "pages/error.html")]
struct ErrorPage<'a> {
    layout: crate::web::pages::Layout,
    heading: &'a str,
    message: &'a str,
    back: String,
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::LoginRequired { .. } => StatusCode::SEE_OTHER,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (heading, message) = match &self {
            AppError::LoginRequired { next } => {
                let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
                let target = format!("/admin/login?next={next}");
                return Redirect::to(&target).into_response();
            }
            AppError::NotFound => (told("error-not-found"), told("error-not-found-text")),
            AppError::Unauthorized(msg) | AppError::Forbidden(msg) => {
                (told("error-forbidden"), msg.clone())
            }
            AppError::BadRequest(msg) => (told("error-bad-request"), msg.clone()),
            AppError::Conflict(msg) => (told("error-conflict"), msg.clone()),
            AppError::Invalid(problems) => (told("error-invalid"), problems.join(" ")),
            AppError::TooLarge => (told("error-too-large"), told("error-too-large-text")),
            AppError::TooManyRequests { message, .. } => (told("error-too-many"), message.clone()),
            AppError::Unavailable => (told("error-unavailable"), told("error-unavailable-text")),
            AppError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                (told("error-internal"), told("error-internal-text"))
            }
        };
        let page = ErrorPage {
            layout: crate::web::pages::Layout::public(told_language(), &heading),
            heading: &heading,
            message: &message,
            back: told("error-back"),
        };
        let body = page
            .render()
            .unwrap_or_else(|_| format!("{heading}: {message}"));
        let mut response = (status, Html(body)).into_response();
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after, .. } => Some(retry_after.as_secs().max(1)),
            AppError::Unavailable => Some(5),
            _ => None,
        };
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
