//! `/api/v1/orgs/{org}/ambassadors`, `/tours` and `/engagements`, and archiving.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Json;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::clock;
use crate::domain::ambassador::{AmbassadorInput, AppointmentInput, BioInput, ChannelInput};
use crate::domain::engagement::{EngagementInput, TourInput};
use crate::domain::entry::Entry;
use crate::domain::ids::{AmbassadorId, CampaignId, EngagementId, TourId};
use crate::domain::language::Language;
use crate::domain::spreadsheet::sentences;
use crate::domain::stops_import::parse_stops_csv;
use crate::store::{Ambassador, Archivable, Engagement, StoreError, Tour};
use crate::web::api::listing::PageQuery;
use crate::web::api::{scopes, ApiError, ApiJson, ApiMember, ScopeGrant};
use crate::web::paths::{ItemId, ItemLanguage};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/orgs/{org}/ambassadors",
            get(ambassadors).post(create_ambassador),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}",
            get(ambassador).put(rename_ambassador),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}/bio/{lang}",
            put(put_bio),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}/appointments",
            post(add_appointment),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}/channels",
            post(put_channel),
        )
        .route("/api/v1/orgs/{org}/tours/{id}", get(tour).put(update_tour))
        .route(
            "/api/v1/orgs/{org}/campaigns/{id}/archived",
            put(archive_campaign),
        )
        .route(
            "/api/v1/orgs/{org}/ambassadors/{id}/archived",
            put(archive_ambassador),
        )
        .route("/api/v1/orgs/{org}/tours/{id}/archived", put(archive_tour))
        .route(
            "/api/v1/orgs/{org}/engagements/{id}/archived",
            put(archive_engagement),
        )
        .route("/api/v1/orgs/{org}/tours", get(tours).post(create_tour))
        .route("/api/v1/orgs/{org}/tours/{id}/stops", post(import_stops))
        .route(
            "/api/v1/orgs/{org}/engagements",
            get(engagements).post(create_engagement),
        )
        .route(
            "/api/v1/orgs/{org}/engagements/{id}",
            get(engagement).put(update_engagement),
        )
        .route(
            "/api/v1/orgs/{org}/engagements/{id}/campaigns",
            put(set_engagement_campaigns),
        )
}

fn unknown_reference() -> ApiError {
    AppError::Invalid(vec![
        "The referenced tour, ambassador or campaign does not exist in this organization.".into(),
    ])
    .into()
}

pub async fn ambassadors(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramRead>,
    Query(page): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let list = state.store.ambassadors(member.org.id, true).await?;
    let json = |a: &Ambassador| {
        json!({ "id": a.id, "name": a.name, "archived": a.archived,
            "photo": a.photo_id.map(|id| format!("/media/{id}")) })
    };
    Ok(Json(page.page(list, |a| a.id.0, json)?))
}

/// `?ambassador=ID` or `?tour=ID` (a list's one filter), and a page's `limit`, `after`.
#[derive(Deserialize)]
pub struct ProgramFilter {
    #[serde(default)]
    ambassador: Entry<i64>,
    #[serde(default)]
    tour: Entry<i64>,
    #[serde(flatten)]
    page: PageQuery,
}

pub async fn create_ambassador(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ApiJson(input): ApiJson<AmbassadorInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let name = input.validate()?;
    let a = state
        .store
        .create_ambassador(member.org.id, &name, &member.actor(), clock::now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": a.id, "name": a.name })),
    ))
}

pub async fn ambassador(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramRead>,
    ItemId(id): ItemId,
) -> Result<Json<Value>, ApiError> {
    let p = state
        .store
        .ambassador_profile(member.org.id, AmbassadorId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(json!({
        "id": p.ambassador.id,
        "name": p.ambassador.name,
        "archived": p.ambassador.archived,
        "bios": p.bios.iter().map(|(l, b)| (l.code().to_owned(), Value::String(b.clone()))).collect::<serde_json::Map<_, _>>(),
        "appointments": p.appointments.iter().map(|a| json!({ "id": a.id, "title": a.appointment.title,
            "starts_on": a.appointment.starts_on.to_string(), "ends_on": a.appointment.ends_on.map(|d| d.to_string()) })).collect::<Vec<_>>(),
        "channels": p.channels.iter().map(|c| json!({ "id": c.id, "platform": c.platform.as_str(), "handle": c.handle,
            "followers": c.followers.iter().map(|(d, n)| json!({ "on": d.to_string(), "count": n })).collect::<Vec<_>>() })).collect::<Vec<_>>(),
    })))
}

fn tour_json(t: &Tour) -> Value {
    json!({ "id": t.id, "name": t.settings.name, "ambassador": t.settings.ambassador_id,
        "starts_on": t.settings.starts_on.map(|d| d.to_string()), "ends_on": t.settings.ends_on.map(|d| d.to_string()),
        "archived": t.archived })
}

pub async fn tours(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramRead>,
    Query(filter): Query<ProgramFilter>,
) -> Result<Json<Value>, ApiError> {
    let ambassador = filter.ambassador.read("ambassador")?;
    let list: Vec<Tour> = state
        .store
        .tours(member.org.id, true)
        .await?
        .into_iter()
        .filter(|t| ambassador.is_none_or(|a| t.settings.ambassador_id == Some(a)))
        .collect();
    Ok(Json(filter.page.page(list, |t| t.id.0, tour_json)?))
}

pub async fn create_tour(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ApiJson(input): ApiJson<TourInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let settings = input.validate()?;
    match state
        .store
        .save_tour(
            member.org.id,
            None,
            &settings,
            &member.actor(),
            clock::now(),
        )
        .await
    {
        Ok(id) => {
            let tour = state
                .store
                .tour(member.org.id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((StatusCode::CREATED, Json(tour_json(&tour))))
        }
        Err(StoreError::NotFound) => Err(unknown_reference()),
        Err(err) => Err(err.into()),
    }
}

fn engagement_json(e: &Engagement) -> Value {
    let s = &e.settings;
    let in_languages: serde_json::Map<String, Value> = e
        .words
        .iter()
        .map(|w| {
            (
                w.language.code().to_owned(),
                json!({ "title": w.title, "venue": w.venue, "city": w.city }),
            )
        })
        .collect();
    json!({ "id": e.id, "tour": s.tour_id, "kind": s.kind.as_str(), "title": s.title, "venue": s.venue,
        "city": s.city, "country": s.country, "time_zone": s.time_zone,
        "starts_at_local": s.starts_at_local.strftime("%Y-%m-%dT%H:%M").to_string(),
        "starts_at_utc": s.starts_at.to_utc_string(), "capacity": s.capacity, "attendance": s.attendance,
        "attendance_source": s.attendance_source, "in_languages": in_languages, "archived": e.archived })
}

pub async fn engagements(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramRead>,
    Query(filter): Query<ProgramFilter>,
) -> Result<Json<Value>, ApiError> {
    let tour = filter.tour.read("tour")?.map(TourId);
    let list = state.store.engagements(member.org.id, tour).await?;
    Ok(Json(filter.page.page(list, |e| e.id.0, engagement_json)?))
}

async fn save(
    state: &AppState,
    member: &ApiMember<scopes::ProgramWrite>,
    id: Option<EngagementId>,
    input: EngagementInput,
) -> Result<Engagement, ApiError> {
    let settings = input.validate()?;
    match state
        .store
        .save_engagement(member.org.id, id, &settings, &member.actor(), clock::now())
        .await
    {
        Ok(id) => Ok(state
            .store
            .engagement(member.org.id, id)
            .await?
            .ok_or(AppError::NotFound)?),
        Err(StoreError::NotFound) if id.is_none() || settings.tour_id.is_some() => {
            Err(unknown_reference())
        }
        Err(err) => Err(err.into()),
    }
}

pub async fn create_engagement(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ApiJson(input): ApiJson<EngagementInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let engagement = save(&state, &member, None, input).await?;
    Ok((StatusCode::CREATED, Json(engagement_json(&engagement))))
}

pub async fn engagement(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramRead>,
    ItemId(id): ItemId,
) -> Result<Json<Value>, ApiError> {
    let e = state
        .store
        .engagement(member.org.id, EngagementId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let mut body = engagement_json(&e);
    body["campaigns"] = json!(
        state
            .store
            .engagement_campaign_ids(member.org.id, e.id)
            .await?
    );
    Ok(Json(body))
}

pub async fn update_engagement(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(input): ApiJson<EngagementInput>,
) -> Result<Json<Value>, ApiError> {
    state
        .store
        .engagement(member.org.id, EngagementId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let engagement = save(&state, &member, Some(EngagementId(id)), input).await?;
    Ok(Json(engagement_json(&engagement)))
}

#[derive(Deserialize)]
pub struct CampaignsBody {
    campaigns: Vec<i64>,
}

pub async fn set_engagement_campaigns(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<CampaignsBody>,
) -> Result<StatusCode, ApiError> {
    let ids: Vec<CampaignId> = body.campaigns.into_iter().map(CampaignId).collect();
    state
        .store
        .set_engagement_campaigns(
            member.org.id,
            EngagementId(id),
            &ids,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn rename_ambassador(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(input): ApiJson<AmbassadorInput>,
) -> Result<StatusCode, ApiError> {
    let name = input.validate()?;
    state
        .store
        .rename_ambassador(
            member.org.id,
            AmbassadorId(id),
            &name,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn put_bio(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    Path(ItemLanguage { id, lang }): Path<ItemLanguage>,
    ApiJson(input): ApiJson<BioInput>,
) -> Result<StatusCode, ApiError> {
    let language = Language::parse(&lang).map_err(|e| AppError::BadRequest(format!("{e}.")))?;
    let bio = input.validate()?;
    state
        .store
        .put_ambassador_bio(
            member.org.id,
            AmbassadorId(id),
            language,
            &bio,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn add_appointment(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(input): ApiJson<AppointmentInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let appointment = input.validate()?;
    let created = state
        .store
        .add_appointment(
            member.org.id,
            AmbassadorId(id),
            &appointment,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": created }))))
}

pub async fn put_channel(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(input): ApiJson<ChannelInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let channel = input.validate()?;
    let saved = state
        .store
        .put_channel(
            member.org.id,
            AmbassadorId(id),
            &channel,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok((StatusCode::OK, Json(json!({ "id": saved }))))
}

pub async fn tour(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramRead>,
    ItemId(id): ItemId,
) -> Result<Json<Value>, ApiError> {
    let tour = state
        .store
        .tour(member.org.id, TourId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let mut body = tour_json(&tour);
    let stops = state
        .store
        .engagements(member.org.id, Some(tour.id))
        .await?;
    body["engagements"] = stops.iter().map(engagement_json).collect();
    Ok(Json(body))
}

pub async fn update_tour(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(input): ApiJson<TourInput>,
) -> Result<Json<Value>, ApiError> {
    state
        .store
        .tour(member.org.id, TourId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let settings = input.validate()?;
    match state
        .store
        .save_tour(
            member.org.id,
            Some(TourId(id)),
            &settings,
            &member.actor(),
            clock::now(),
        )
        .await
    {
        Ok(id) => Ok(Json(tour_json(
            &state
                .store
                .tour(member.org.id, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ))),
        Err(StoreError::NotFound) => Err(unknown_reference()),
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
pub struct ArchivedBody {
    archived: bool,
}

/// `{kind}/{id}`: an archivable item by its kind's plural.
/// `PUT …/{id}/archived` with `{"archived": true}` (or false, to restore).
async fn archive<S: ScopeGrant>(
    state: &AppState,
    member: &ApiMember<S>,
    item: Archivable,
    body: ArchivedBody,
) -> Result<StatusCode, ApiError> {
    let (org, actor) = (member.org.id, member.actor());
    state
        .store
        .set_archived(org, item, body.archived, &actor, clock::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn archive_campaign(
    State(state): State<AppState>,
    member: ApiMember<scopes::CampaignsWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<ArchivedBody>,
) -> Result<StatusCode, ApiError> {
    archive(&state, &member, Archivable::Campaign(CampaignId(id)), body).await
}

pub async fn archive_ambassador(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<ArchivedBody>,
) -> Result<StatusCode, ApiError> {
    let item = Archivable::Ambassador(AmbassadorId(id));
    archive(&state, &member, item, body).await
}

pub async fn archive_tour(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<ArchivedBody>,
) -> Result<StatusCode, ApiError> {
    archive(&state, &member, Archivable::Tour(TourId(id)), body).await
}

pub async fn archive_engagement(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    ApiJson(body): ApiJson<ArchivedBody>,
) -> Result<StatusCode, ApiError> {
    let item = Archivable::Engagement(EngagementId(id));
    archive(&state, &member, item, body).await
}

/// `?dry_run=true` checks a file without storing it.
#[derive(Deserialize)]
pub struct DryRun {
    #[serde(default)]
    dry_run: bool,
}

/// `POST …/tours/{id}/stops` with a CSV body (`Content-Type: text/csv`), one stop a row as on
/// the tour's page: all or none; a refused file is 422 with each problem by line and column.
pub async fn import_stops(
    State(state): State<AppState>,
    member: ApiMember<scopes::ProgramWrite>,
    ItemId(id): ItemId,
    Query(DryRun { dry_run }): Query<DryRun>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let org = member.org.id;
    let tour = state
        .store
        .tour(org, TourId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let text = std::str::from_utf8(&body).map_err(|_| {
        AppError::Invalid(vec![
            "The body is not UTF-8 text: send the CSV in UTF-8.".into()
        ])
    })?;
    let stops =
        parse_stops_csv(text, tour.id.0).map_err(|found| AppError::Invalid(sentences(&found)))?;
    if dry_run {
        return Ok((
            StatusCode::OK,
            Json(json!({ "stops": stops.len(), "dry_run": true })),
        ));
    }
    let (actor, now) = (member.actor(), clock::now());
    let added = state
        .store
        .import_stops(org, tour.id, &stops, &actor, now)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "stops": added, "dry_run": false })),
    ))
}
