//! `/api/v1/orgs/{org}/campaigns`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::clock;
use crate::domain::campaign::{CampaignInput, CampaignStatus, ContentInput};
use crate::domain::ids::{AmbassadorId, CampaignId};
use crate::domain::language::Language;
use crate::domain::role::Permission;
use crate::store::Campaign;
use crate::web::api::{ApiError, ApiJson, ApiMember};
use crate::web::{AppError, AppState};

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

async fn load(state: &AppState, member: &ApiMember, id: i64) -> Result<Campaign, ApiError> {
    Ok(state
        .store
        .campaign(member.0.org.id, CampaignId(id))
        .await?
        .ok_or(AppError::NotFound)?)
}

pub async fn list(
    State(state): State<AppState>,
    member: ApiMember,
) -> Result<Json<Value>, ApiError> {
    member.0.require(Permission::View)?;
    let campaigns = state.store.campaigns(member.0.org.id, true).await?;
    Ok(Json(Value::Array(
        campaigns.iter().map(campaign_json).collect(),
    )))
}

pub async fn create(
    State(state): State<AppState>,
    member: ApiMember,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    member.0.require(Permission::EditCampaigns)?;
    let settings = input.validate()?;
    match state
        .store
        .create_campaign(member.0.org.id, &settings, &member.0.actor(), clock::now())
        .await
    {
        Ok(campaign) => Ok((StatusCode::CREATED, Json(campaign_json(&campaign)))),
        Err(err) if err.is_conflict_on("campaigns") => Err(slug_conflict(&settings.slug).into()),
        Err(err) => Err(err.into()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    member: ApiMember,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Json<Value>, ApiError> {
    member.0.require(Permission::View)?;
    let campaign = load(&state, &member, id).await?;
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
    member: ApiMember,
    Path((_, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<Json<Value>, ApiError> {
    member.0.require(Permission::EditCampaigns)?;
    let campaign = load(&state, &member, id).await?;
    let settings = input.validate()?;
    match state
        .store
        .update_campaign(
            member.0.org.id,
            campaign.id,
            &settings,
            &member.0.actor(),
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
    member: ApiMember,
    Path((_, id, lang)): Path<(String, i64, String)>,
    ApiJson(input): ApiJson<ContentInput>,
) -> Result<StatusCode, ApiError> {
    member.0.require(Permission::EditCampaigns)?;
    let campaign = load(&state, &member, id).await?;
    let language = Language::parse(&lang).map_err(|e| AppError::BadRequest(format!("{e}.")))?;
    let content = input.validate()?;
    state
        .store
        .put_campaign_content(
            member.0.org.id,
            campaign.id,
            language,
            &content,
            &member.0.actor(),
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
    member: ApiMember,
    Path((_, id)): Path<(String, i64)>,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<StatusCode, ApiError> {
    member.0.require(Permission::EditCampaigns)?;
    let campaign = load(&state, &member, id).await?;
    let to = CampaignStatus::parse(&body.status)
        .map_err(|e| AppError::Invalid(vec![format!("{e}.")]))?;
    state
        .store
        .set_campaign_status(
            member.0.org.id,
            campaign.id,
            to,
            &member.0.actor(),
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
    member: ApiMember,
    Path((_, id)): Path<(String, i64)>,
    ApiJson(body): ApiJson<AmbassadorsBody>,
) -> Result<StatusCode, ApiError> {
    member.0.require(Permission::EditCampaigns)?;
    let campaign = load(&state, &member, id).await?;
    let ids: Vec<AmbassadorId> = body.ambassadors.into_iter().map(AmbassadorId).collect();
    state
        .store
        .set_campaign_ambassadors(
            member.0.org.id,
            campaign.id,
            &ids,
            &member.0.actor(),
            clock::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
