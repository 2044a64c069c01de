//! Supporters' actions in the API (personal data: `supporters:read`): a campaign's pledges and
//! sign-ups, a page at a time in the order they arrived, filtered by status or a name or email.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::domain::ids::CampaignId;
use crate::domain::supporter::ActionStatus;
use crate::domain::time::Timestamp;
use crate::store::{ActionFilter, ActionRow};
use crate::web::api::listing::{answer, PageQuery};
use crate::web::api::{scopes, ApiError, ApiMember};
use crate::web::paths::ItemId;
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/orgs/{org}/campaigns/{id}/actions", get(list))
}

/// `?status=pending|confirmed|spam|expired`, `?q=` (part of a name or email), and a page's
/// `limit`, `after`.
#[derive(Deserialize)]
pub struct ActionQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(flatten)]
    page: PageQuery,
}

fn action_json(a: ActionRow) -> Value {
    let at = |micros: i64| Timestamp::from_unix_micros(micros).to_utc_string();
    json!({ "id": a.id, "kind": a.kind, "status": a.status, "held": a.held, "name": a.name,
        "email": a.email, "country": a.country, "message": a.message, "show_name": a.show_name,
        "language": a.language, "touchpoint": a.touchpoint_code, "engagement": a.engagement_id,
        "created_at": at(a.created_at), "confirmed_at": a.confirmed_at.map(at),
        "consent": { "version": a.consent_version, "text": a.consent_text } })
}

pub async fn list(
    State(state): State<AppState>,
    member: ApiMember<scopes::SupportersRead>,
    ItemId(id): ItemId,
    Query(query): Query<ActionQuery>,
) -> Result<Json<Value>, ApiError> {
    let (limit, after) = query.page.bounds()?;
    let status = match query.status.trim() {
        "" => None,
        given => Some(ActionStatus::parse(given).ok_or_else(|| {
            let problem = format!("status: pending, confirmed, spam or expired, not '{given}'.");
            AppError::Invalid(vec![problem])
        })?),
    };
    let campaign = CampaignId(id);
    state
        .store
        .campaign(member.org.id, campaign)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = ActionFilter {
        status,
        text: Some(query.q.trim().to_lowercase()).filter(|q| !q.is_empty()),
        limit: i64::try_from(limit + 1).unwrap_or(i64::MAX),
        offset: 0,
    };
    let mut rows = state
        .store
        .campaign_actions_after(member.org.id, campaign, &filter, after)
        .await?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    Ok(Json(answer(rows, more, |a| a.id, action_json)))
}
