//! What every public form shares (pledge, subscription, donation): a signed token issued with
//! the form, checked when it comes back, and pages that hold one never stored by a cache.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::token::time_ordered_token;
use crate::clock;
use crate::domain::ids::CampaignId;
use crate::domain::supporter::{FormToken, TokenError};
use crate::domain::time::Timestamp;
use crate::web::AppState;

/// The answer to a token that is not this site's or not this campaign's.
pub const FORGED_FORM: &str = "This form was not issued by this site for this campaign. Open the campaign page and send the form from there.";

/// A new token for a form of `campaign`, carrying a new idempotency key (time-ordered, so new
/// actions land together at the end of their index).
pub fn fresh_token(state: &AppState, campaign: CampaignId) -> String {
    let now = clock::now();
    FormToken {
        campaign_id: campaign.0,
        issued_at: now,
        idempotency_key: time_ordered_token(now),
    }
    .sign(&state.form_secret)
}

/// Why a form's token cannot be used.
pub enum TokenRefusal {
    /// Not issued by this site, or for another campaign: [`FORGED_FORM`], nothing to correct.
    Forged,
    /// Older than a day: the form again, with a fresh token and the message
    /// `error-too-old` (in English, [`TokenError::TooOld`]).
    Expired { fresh_token: String },
}

/// The token of a form of `campaign` as sent back, checked.
pub fn check_token(
    state: &AppState,
    campaign: CampaignId,
    signed: &str,
    now: Timestamp,
) -> Result<FormToken, TokenRefusal> {
    match FormToken::verify(&state.form_secret, signed, now) {
        Ok(token) if token.campaign_id == campaign.0 => Ok(token),
        Ok(_) | Err(TokenError::Forged) => Err(TokenRefusal::Forged),
        Err(TokenError::TooOld) => Err(TokenRefusal::Expired {
            fresh_token: fresh_token(state, campaign),
        }),
    }
}

/// A page that holds a form token: never stored by a cache.
pub fn private_page(status: StatusCode, html: String) -> Response {
    let mut response = (status, axum::response::Html(html)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
