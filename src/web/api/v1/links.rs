//! Links and QR codes in the API: list and read them with their visits, make one or one per
//! stop of a tour, retire them, re-point a group to another campaign and undo it.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::touchpoints::{codes_for_stops, create_with_new_code, StopCodes};
use crate::clock;
use crate::domain::entry::Entry;
use crate::domain::ids::{AmbassadorId, CampaignId, TourId};
use crate::domain::touchpoint::TouchpointInput;
use crate::store::{CodeVisits, StoreError, Touchpoint};
use crate::web::api::listing::PageQuery;
use crate::web::api::{scopes, ApiError, ApiJson, ApiMember};
use crate::web::paths::ItemId;
use crate::web::public::links::scan_url;
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/orgs/{org}/touchpoints", get(list).post(create))
        .route("/api/v1/orgs/{org}/touchpoints/{id}", get(show))
        .route("/api/v1/orgs/{org}/touchpoints/{id}/retired", put(retire))
        .route("/api/v1/orgs/{org}/tours/{id}/touchpoints", post(for_stops))
        .route("/api/v1/orgs/{org}/repoints", post(repoint))
        .route("/api/v1/orgs/{org}/repoints/{id}/undo", post(undo))
}

fn touchpoint_json(state: &AppState, t: &Touchpoint, visits: Option<&CodeVisits>) -> Value {
    json!({ "id": t.id, "code": t.code, "link": state.link(&format!("/t/{}", t.code)),
        "scan_link": scan_url(state, &t.code), "campaign": t.campaign_id, "engagement": t.engagement_id,
        "channel": t.channel.as_str(), "label": t.label, "created_at": t.created_at.to_utc_string(),
        "retired": t.retired, "visits": visits.map_or(0, |v| v.people), "scans": visits.map_or(0, |v| v.scans) })
}

/// `?campaign=ID`, `?engagement=ID`, `?retired=true|false`, and a page's `limit`, `after`.
#[derive(Deserialize)]
pub struct CodeFilter {
    #[serde(default)]
    campaign: Entry<i64>,
    #[serde(default)]
    engagement: Entry<i64>,
    #[serde(default)]
    retired: String,
    #[serde(flatten)]
    page: PageQuery,
}

pub async fn list(
    State(state): State<AppState>,
    member: ApiMember<scopes::LinksRead>,
    Query(filter): Query<CodeFilter>,
) -> Result<Json<Value>, ApiError> {
    let campaign = filter.campaign.read("campaign")?;
    let engagement = filter.engagement.read("engagement")?;
    let retired = match filter.retired.trim() {
        "" => None,
        "true" => Some(true),
        "false" => Some(false),
        given => {
            let problem = format!("retired: true or false, not '{given}'.");
            return Err(AppError::Invalid(vec![problem]).into());
        }
    };
    let codes: Vec<Touchpoint> = state
        .store
        .touchpoints(member.org.id)
        .await?
        .into_iter()
        .filter(|t| campaign.is_none_or(|c| t.campaign_id.0 == c))
        .filter(|t| engagement.is_none_or(|e| t.engagement_id.map(|id| id.0) == Some(e)))
        .filter(|t| retired.is_none_or(|r| t.retired == r))
        .collect();
    let visits = state.store.touchpoint_visits(member.org.id).await?;
    let json = |t: &Touchpoint| touchpoint_json(&state, t, visits.get(&t.id));
    Ok(Json(filter.page.page(codes, |t| t.id, json)?))
}

pub async fn show(
    State(state): State<AppState>,
    member: ApiMember<scopes::LinksRead>,
    ItemId(id): ItemId,
) -> Result<Json<Value>, ApiError> {
    let code = state
        .store
        .touchpoint(member.org.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let visits = state.store.touchpoint_visits(member.org.id).await?;
    Ok(Json(touchpoint_json(&state, &code, visits.get(&id))))
}

fn unknown_reference() -> ApiError {
    let problem = "The campaign, event, tour or code does not exist in this organization.";
    AppError::Invalid(vec![problem.into()]).into()
}

/// `POST …/touchpoints` with `{"campaign_id", "engagement_id"?, "channel", "label"?}`.
pub async fn create(
    State(state): State<AppState>,
    member: ApiMember<scopes::LinksWrite>,
    ApiJson(input): ApiJson<TouchpointInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let settings = input.validate()?;
    let (actor, now) = (member.actor(), clock::now());
    match create_with_new_code(&state.store, member.org.id, &settings, &actor, now).await {
        Ok(code) => Ok((
            StatusCode::CREATED,
            Json(touchpoint_json(&state, &code, None)),
        )),
        Err(StoreError::NotFound) => Err(unknown_reference()),
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
pub struct StopCodesBody {
    #[serde(default)]
    campaign_id: Entry<i64>,
    #[serde(default)]
    channel: String,
}

/// `POST …/tours/{id}/touchpoints` with `{"campaign_id", "channel"}`: a code for each stop that
/// has none of this campaign and channel; says which stops kept theirs.
pub async fn for_stops(
    State(state): State<AppState>,
    member: ApiMember<scopes::LinksWrite>,
    ItemId(tour): ItemId,
    ApiJson(body): ApiJson<StopCodesBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (actor, now) = (member.actor(), clock::now());
    let org = member.org.id;
    let made = codes_for_stops(
        &state.store,
        org,
        TourId(tour),
        &body.campaign_id,
        &body.channel,
        &actor,
        now,
    )
    .await;
    match made {
        Ok(StopCodes::Made { created, kept }) => {
            let created: Vec<Value> = created
                .iter()
                .map(|t| touchpoint_json(&state, t, None))
                .collect();
            let kept: Vec<i64> = kept.iter().map(|stop| stop.id.0).collect();
            let answer = json!({ "created": created, "kept_by_stops": kept });
            Ok((StatusCode::CREATED, Json(answer)))
        }
        Ok(StopCodes::Refused(invalid)) => Err(invalid.into()),
        Err(StoreError::NotFound) => Err(unknown_reference()),
        Err(err) => Err(err.into()),
    }
}

/// Which codes a re-point moves: listed, a tour's, or an ambassador's.
#[derive(Deserialize)]
pub struct RepointBody {
    #[serde(default)]
    campaign_id: Entry<i64>,
    #[serde(default)]
    touchpoints: Vec<i64>,
    #[serde(default)]
    tour: Entry<i64>,
    #[serde(default)]
    ambassador: Entry<i64>,
}

/// `POST …/repoints` with `{"campaign_id", "touchpoints": [ids]}` (or `"tour"` or
/// `"ambassador"`): every code follows at its next scan; the answer's `id` undoes it.
pub async fn repoint(
    State(state): State<AppState>,
    member: ApiMember<scopes::LinksRepoint>,
    ApiJson(body): ApiJson<RepointBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let org = member.org.id;
    let campaign = body.campaign_id.read("campaign_id")?.ok_or_else(|| {
        AppError::Invalid(vec![
            "campaign_id: the campaign to send the codes to.".into()
        ])
    })?;
    let ids = match (body.tour.read("tour")?, body.ambassador.read("ambassador")?) {
        (Some(tour), None) => state.store.touchpoints_of_tour(org, TourId(tour)).await?,
        (None, Some(ambassador)) => {
            let ambassador = AmbassadorId(ambassador);
            state
                .store
                .touchpoints_of_ambassador(org, ambassador)
                .await?
        }
        (None, None) => body.touchpoints,
        (Some(_), Some(_)) => {
            let problem = "Re-point a tour's codes or an ambassador's, not both at once.";
            return Err(AppError::Invalid(vec![problem.into()]).into());
        }
    };
    if ids.is_empty() {
        let problem = "touchpoints: no codes to re-point.";
        return Err(AppError::Invalid(vec![problem.into()]).into());
    }
    let (actor, now) = (member.actor(), clock::now());
    match state
        .store
        .repoint(org, &ids, CampaignId(campaign), &actor, now)
        .await
    {
        Ok(id) => Ok((
            StatusCode::CREATED,
            Json(json!({ "id": id, "campaign": campaign, "touchpoints": ids })),
        )),
        Err(StoreError::NotFound) => Err(unknown_reference()),
        Err(StoreError::CampaignRule(rule)) => {
            Err(AppError::Invalid(vec![format!("Not re-pointed: {rule}.")]).into())
        }
        Err(err) => Err(err.into()),
    }
}

/// `POST …/repoints/{id}/undo`: each code goes back to the campaign it had before.
pub async fn undo(
    State(state): State<AppState>,
    member: ApiMember<scopes::LinksRepoint>,
    ItemId(id): ItemId,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (member.actor(), clock::now());
    state
        .store
        .undo_repoint(member.org.id, id, &actor, now)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct RetiredBody {
    retired: bool,
}

/// `PUT …/touchpoints/{id}/retired` with `{"retired": true}`: a retired code opens nothing.
pub async fn retire(
    State(state): State<AppState>,
    member: ApiMember<scopes::LinksWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<RetiredBody>,
) -> Result<StatusCode, ApiError> {
    let (actor, now) = (member.actor(), clock::now());
    state
        .store
        .set_touchpoint_retired(member.org.id, id, body.retired, &actor, now)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
