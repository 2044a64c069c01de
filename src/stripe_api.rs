//! Stripe's HTTP API, for the one call Chorus makes: creating a Checkout Session. Everything
//! else arrives as signed webhook events. The request is form-encoded with the organization's
//! secret key and an idempotency key (a retried form never starts two sessions).

use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;
use url::Url;

use crate::domain::checkout::CheckoutRequest;

/// Stripe answers in well under a second; a donor waits no longer than this.
const TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Clone)]
pub struct StripeApi {
    http: reqwest::Client,
    base: Url,
}

/// The session Stripe created: the donor is sent to `url`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CreatedSession {
    pub id: String,
    pub url: String,
}

#[derive(Debug, Error)]
pub enum StripeApiError {
    #[error("Stripe could not be reached: {0}")]
    Unreachable(String),
    #[error("Stripe refused the checkout ({status}): {message}")]
    Refused { status: u16, message: String },
    #[error("Stripe's answer was not a checkout session: {0}")]
    Malformed(String),
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    message: String,
}

impl StripeApi {
    pub fn new(base: Url) -> Self {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .user_agent(concat!("Chorus/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Self { http, base }
    }

    /// `POST /v1/checkout/sessions`.
    pub async fn create_checkout_session(
        &self,
        secret_key: &str,
        idempotency_key: &str,
        request: &CheckoutRequest,
    ) -> Result<CreatedSession, StripeApiError> {
        let url = self
            .base
            .join("/v1/checkout/sessions")
            .map_err(|e| StripeApiError::Unreachable(e.to_string()))?;
        let body = serde_urlencoded::to_string(request.form_fields())
            .map_err(|e| StripeApiError::Malformed(e.to_string()))?;
        let response = self
            .http
            .post(url)
            .bearer_auth(secret_key)
            .header("Idempotency-Key", idempotency_key)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| StripeApiError::Unreachable(e.to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| StripeApiError::Unreachable(e.to_string()))?;
        if !status.is_success() {
            let message = serde_json::from_str::<ErrorBody>(&text)
                .map(|b| b.error.message)
                .unwrap_or_else(|_| text.chars().take(200).collect());
            return Err(StripeApiError::Refused {
                status: status.as_u16(),
                message,
            });
        }
        let session: CreatedSession =
            serde_json::from_str(&text).map_err(|e| StripeApiError::Malformed(e.to_string()))?;
        match Url::parse(&session.url) {
            Ok(url) if matches!(url.scheme(), "https" | "http") => Ok(session),
            _ => Err(StripeApiError::Malformed(format!(
                "'{}' is not a web address",
                session.url.chars().take(100).collect::<String>()
            ))),
        }
    }
}
