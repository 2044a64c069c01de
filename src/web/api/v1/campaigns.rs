//! `/api/v1/orgs/{org}/campaigns`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::Json;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::go_live;
use crate::clock;
use crate::domain::campaign::{CampaignInput, CampaignKind, CampaignStatus, ContentInput};
use crate::domain::ids::{AmbassadorId, CampaignId, OrgId};
use crate::domain::language::Language;
use crate::store::Campaign;
use crate::web::api::listing::PageQuery;
use crate::web::api::{scopes, ApiError, ApiJson, ApiMember};
use crate::web::paths::{ItemId, ItemLanguage};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/orgs/{org}/campaigns", get(list).post(create))
        .route("/api/v1/orgs/{org}/campaigns/{id}", get(show).put(update))
        .route(
            "/api/v1/orgs/{org}/campaigns/{id}/content/{lang}",
            put(put_content),
        )
        .route("/api/v1/orgs/{org}/campaigns/{id}/status", put(set_status))
        .route(
            "/api/v1/orgs/{org}/campaigns/{id}/ambassadors",
            put(set_ambassadors),
        )
}

fn campaign_json(c: &Campaign) -> Value {
    let s = &c.settings;
    json!({
        "id": c.id,
        "slug": s.slug,
        "theme": s.theme,
        "kind": s.kind.as_str(),
        "status": c.status.as_str(),
        "goal": s.goal_money.map(|m| json!({ "currency": m.currency.code(), "minor_units": m.minor })),
        "goal_actions": s.goal_actions,
        "starts_on": s.starts_on.map(|d| d.to_string()),
        "ends_on": s.ends_on.map(|d| d.to_string()),
        "default_language": s.default_language.code(),
        "hero_image": c.hero_image_id.map(|id| format!("/media/{id}")),
        "archived": c.archived,
    })
}

fn slug_conflict(slug: &str) -> AppError {
    AppError::Conflict(format!(
        "The slug '{slug}' is already used by another campaign of this organization."
    ))
}

async fn load(state: &AppState, org: OrgId, id: i64) -> Result<Campaign, ApiError> {
    Ok(state
        .store
        .campaign(org, CampaignId(id))
        .await?
        .ok_or(AppError::NotFound)?)
}

/// `?status=draft|live|closed`, `?kind=…`, `?archived=true|false`, and a page's `limit`, `after`.
#[derive(Deserialize)]
pub struct CampaignFilter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    archived: String,
    #[serde(flatten)]
    page: PageQuery,
}

pub async fn list(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsRead>,
    Query(filter): Query<CampaignFilter>,
) -> Result<Json<Value>, ApiError> {
    let mut problems = Vec::new();
    let status = match filter.status.trim() {
        "" => None,
        given => CampaignStatus::parse(given)
            .map_err(|e| problems.push(format!("status: {e}.")))
            .ok(),
    };
    let kind = match filter.kind.trim() {
        "" => None,
        given => CampaignKind::parse(given)
            .map_err(|e| problems.push(format!("kind: {e}.")))
            .ok(),
    };
    let archived = match filter.archived.trim() {
        "" => None,
        "true" => Some(true),
        "false" => Some(false),
        given => {
            problems.push(format!("archived: true or false, not '{given}'."));
            None
        }
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems).into());
    }
    let campaigns: Vec<Campaign> = state
        .store
        .campaigns(member.org.id, true)
        .await?
        .into_iter()
        .filter(|c| status.is_none_or(|s| c.status == s))
        .filter(|c| kind.is_none_or(|k| c.settings.kind == k))
        .filter(|c| archived.is_none_or(|a| c.archived == a))
        .collect();
    Ok(Json(filter.page.page(
        campaigns,
        |c| c.id.0,
        campaign_json,
    )?))
}

pub async fn create(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsWrite>,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let settings = input.validate()?;
    match state
        .store
        .create_campaign(member.org.id, &settings, &member.actor(), clock::now())
        .await
    {
        Ok(campaign) => Ok((StatusCode::CREATED, Json(campaign_json(&campaign)))),
        Err(err) if err.is_conflict_on("campaigns") => Err(slug_conflict(&settings.slug).into()),
        Err(err) => Err(err.into()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsRead>,
    ItemId(id): ItemId,
) -> Result<Json<Value>, ApiError> {
    let campaign = load(&state, member.org.id, id).await?;
    let contents = state
        .store
        .campaign_contents(campaign.org_id, campaign.id)
        .await?;
    let ambassadors = state
        .store
        .campaign_ambassador_ids(campaign.org_id, campaign.id)
        .await?;
    let mut body = campaign_json(&campaign);
    body["content"] = contents
        .iter()
        .map(|(l, c)| (l.code().to_owned(), json!({ "title": c.title, "summary": c.summary, "story": c.story, "call_to_action": c.call_to_action })))
        .collect::<serde_json::Map<_, _>>()
        .into();
    body["ambassadors"] = json!(ambassadors);
    // Confirmed and unconfirmed pledges and subscribers (the public counters show confirmed).
    body["counts"] = json!(
        state
            .store
            .action_counts(campaign.org_id, campaign.id)
            .await?
    );
    Ok(Json(body))
}

pub async fn update(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsWrite>,
    ItemId(id): ItemId,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<Json<Value>, ApiError> {
    let campaign = load(&state, member.org.id, id).await?;
    let settings = input.validate()?;
    match state
        .store
        .update_campaign(
            member.org.id,
            campaign.id,
            &settings,
            &member.actor(),
            clock::now(),
        )
        .await
    {
        Ok(updated) => Ok(Json(campaign_json(&updated))),
        Err(err) if err.is_conflict_on("campaigns") => Err(slug_conflict(&settings.slug).into()),
        Err(err) => Err(err.into()),
    }
}

pub async fn put_content(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsWrite>,
    Path(ItemLanguage { id, lang }): Path<ItemLanguage>,
    ApiJson(input): ApiJson<ContentInput>,
) -> Result<StatusCode, ApiError> {
    let campaign = load(&state, member.org.id, id).await?;
    let language = Language::parse(&lang).map_err(|e| AppError::BadRequest(format!("{e}.")))?;
    let content = input.validate()?;
    state
        .store
        .put_campaign_content(
            member.org.id,
            campaign.id,
            language,
            &content,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct StatusBody {
    status: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<StatusCode, ApiError> {
    let campaign = load(&state, member.org.id, id).await?;
    let to = CampaignStatus::parse(&body.status)
        .map_err(|e| AppError::Invalid(vec![format!("{e}.")]))?;
    // The API speaks English, as its other messages do.
    let refusals =
        go_live::refusals(&state.store, &member.org, &campaign, to, Language::En).await?;
    if !refusals.is_empty() {
        return Err(AppError::Invalid(refusals).into());
    }
    state
        .store
        .set_campaign_status(
            member.org.id,
            campaign.id,
            to,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct AmbassadorsBody {
    ambassadors: Vec<i64>,
}

pub async fn set_ambassadors(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<AmbassadorsBody>,
) -> Result<StatusCode, ApiError> {
    let campaign = load(&state, member.org.id, id).await?;
    let ids: Vec<AmbassadorId> = body.ambassadors.into_iter().map(AmbassadorId).collect();
    state
        .store
        .set_campaign_ambassadors(
            member.org.id,
            campaign.id,
            &ids,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
