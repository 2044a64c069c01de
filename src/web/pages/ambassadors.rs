//! `/admin/{org}/ambassadors`: profiles, appointments, channels with follower counts, biographies.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use serde::Deserialize;

use super::campaigns::ArchiveForm;
use super::form_flow::{submit, Submitted};
use super::saved::{Saved, SavedQuery};
use super::uploads::{store_image, UploadError};
use super::{render_with, Layout};
use crate::clock;
use crate::domain::ambassador::{
    AmbassadorInput, Appointment, AppointmentInput, BioInput, Channel, ChannelInput, Platform,
};
use crate::domain::ids::AmbassadorId;
use crate::domain::image::PHOTO_WIDTH;
use crate::domain::language::{form_languages, Language};
use crate::domain::role::Permission;
use crate::i18n;
use crate::store::{AmbassadorProfile, Archivable};
use crate::web::paths::{ItemId, ItemLanguage};
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, CsrfUpload, NoFields, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/ambassadors", get(list).post(create))
        .route("/admin/{org}/ambassadors/{id}", get(edit).post(rename))
        .route("/admin/{org}/ambassadors/{id}/archive", post(archive))
        .route("/admin/{org}/ambassadors/{id}/bio/{lang}", post(put_bio))
        .route(
            "/admin/{org}/ambassadors/{id}/appointments",
            post(add_appointment),
        )
        .route(
            "/admin/{org}/ambassadors/{id}/appointments/{appointment}/remove",
            post(remove_appointment),
        )
        .route("/admin/{org}/ambassadors/{id}/channels", post(put_channel))
        .route(
            "/admin/{org}/ambassadors/{id}/photo",
            post(upload_photo).layer(crate::web::upload_limit()),
        )
}

#[derive(Template)]
#[template(path = "pages/ambassadors.html")]
struct AmbassadorsPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    rows: Vec<(AmbassadorId, String)>,
    errors: Vec<String>,
    name: String,
}

async fn show_list(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    errors: Vec<String>,
    name: String,
) -> Result<Response, AppError> {
    let rows = state
        .store
        .ambassadors(member.org.id, true)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    render_with(
        status,
        &AmbassadorsPage {
            layout: Layout::org(state, member, &member.staff.t("nav-ambassadors")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_edit: member.role.allows(Permission::EditProgram),
            rows,
            errors,
            name,
        },
    )
}

pub async fn list(State(state): State<AppState>, member: OrgStaff) -> Result<Response, AppError> {
    show_list(&state, &member, StatusCode::OK, Vec::new(), String::new()).await
}

pub async fn create(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    CsrfForm(form): CsrfForm<AmbassadorInput>,
) -> Result<Response, AppError> {
    let store = async |name: &String| {
        let actor = member.actor();
        let created = state
            .store
            .create_ambassador(member.org.id, name, &actor, clock::now());
        created.await
    };
    match submit(form.validate(), store, &[]).await? {
        Submitted::Stored(created) => Ok(to_ambassador(&member, created.id, Saved::Created)),
        Submitted::Refused(status, errors) => {
            show_list(&state, &member, status, errors, form.name).await
        }
    }
}

fn to_ambassador(member: &OrgStaff, id: AmbassadorId, saved: Saved) -> Response {
    saved.redirect(&format!("/admin/{}/ambassadors/{}", member.org.slug, id))
}

struct AppointmentLine {
    id: i64,
    title: String,
    period: String,
}

struct ChannelLine {
    platform: &'static str,
    handle: String,
    history: String,
}

struct BioForm {
    code: &'static str,
    name: &'static str,
    dir: &'static str,
    text: String,
}

#[derive(Template)]
#[template(path = "pages/ambassador_edit.html")]
struct AmbassadorPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    id: AmbassadorId,
    name: String,
    archived: bool,
    photo: Option<i64>,
    notice: Option<String>,
    errors: Vec<String>,
    appointments: Vec<AppointmentLine>,
    channels: Vec<ChannelLine>,
    platforms: Vec<(&'static str, &'static str)>,
    bios: Vec<BioForm>,
}

async fn load(state: &AppState, member: &OrgStaff, id: i64) -> Result<AmbassadorProfile, AppError> {
    state
        .store
        .ambassador_profile(member.org.id, AmbassadorId(id))
        .await?
        .ok_or(AppError::NotFound)
}

/// What an ambassador's page shows besides the profile: a save's notice, or problems.
#[derive(Default)]
struct Shown {
    notice: Option<String>,
    errors: Vec<String>,
}

async fn show(
    state: &AppState,
    member: &OrgStaff,
    id: i64,
    status: StatusCode,
    shown: Shown,
) -> Result<Response, AppError> {
    let profile = load(state, member, id).await?;
    let a = &profile.ambassador;
    render_with(
        status,
        &AmbassadorPage {
            layout: Layout::org(state, member, &a.name).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_edit: member.role.allows(Permission::EditProgram),
            id: a.id,
            name: a.name.clone(),
            archived: a.archived,
            photo: a.photo_id,
            notice: shown.notice,
            errors: shown.errors,
            appointments: profile
                .appointments
                .iter()
                .map(|r| AppointmentLine {
                    id: r.id,
                    title: r.appointment.title.clone(),
                    period: match r.appointment.ends_on {
                        Some(end) => format!("{} to {end}", r.appointment.starts_on),
                        None => format!("since {}", r.appointment.starts_on),
                    },
                })
                .collect(),
            channels: profile
                .channels
                .iter()
                .map(|c| ChannelLine {
                    platform: c.platform.label(),
                    handle: c.handle.clone(),
                    history: c
                        .followers
                        .iter()
                        .map(|(day, n)| format!("{} on {day}", i18n::number(Language::En, *n)))
                        .collect::<Vec<_>>()
                        .join("; "),
                })
                .collect(),
            platforms: Platform::ALL
                .into_iter()
                .map(|p| (p.as_str(), p.label()))
                .collect(),
            bios: form_languages(
                &member.org.languages,
                &profile.bios.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            )
            .into_iter()
            .map(|l| BioForm {
                code: l.code(),
                name: l.native_name(),
                dir: l.dir(),
                text: profile
                    .bios
                    .iter()
                    .find(|(bl, _)| *bl == l)
                    .map(|(_, b)| b.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        },
    )
}

pub async fn edit(
    State(state): State<AppState>,
    member: OrgStaff,
    ItemId(id): ItemId,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let shown = Shown {
        notice: query.notice(member.staff.language),
        ..Shown::default()
    };
    show(&state, &member, id, StatusCode::OK, shown).await
}

/// Back to the profile when stored; the profile with the problems when the form was refused.
async fn finish(
    state: &AppState,
    member: &OrgStaff,
    id: i64,
    submitted: Submitted<impl Sized>,
    saved: Saved,
) -> Result<Response, AppError> {
    match submitted {
        Submitted::Stored(_) => Ok(to_ambassador(member, AmbassadorId(id), saved)),
        Submitted::Refused(status, errors) => {
            let shown = Shown {
                errors,
                ..Shown::default()
            };
            show(state, member, id, status, shown).await
        }
    }
}

pub async fn rename(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<AmbassadorInput>,
) -> Result<Response, AppError> {
    let store = async |name: &String| {
        let (org, actor) = (member.org.id, member.actor());
        let renamed =
            state
                .store
                .rename_ambassador(org, AmbassadorId(id), name, &actor, clock::now());
        renamed.await
    };
    let submitted = submit(form.validate(), store, &[]).await?;
    finish(&state, &member, id, submitted, Saved::Settings).await
}

pub async fn archive(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<ArchiveForm>,
) -> Result<Response, AppError> {
    state
        .store
        .set_archived(
            member.org.id,
            Archivable::Ambassador(AmbassadorId(id)),
            form.archived,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(to_ambassador(&member, AmbassadorId(id), Saved::Archived))
}

pub async fn put_bio(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    Path(ItemLanguage { id, lang }): Path<ItemLanguage>,
    CsrfForm(form): CsrfForm<BioInput>,
) -> Result<Response, AppError> {
    let language = Language::parse(&lang).map_err(|e| AppError::BadRequest(format!("{e}.")))?;
    let store = async |bio: &String| {
        let (org, actor) = (member.org.id, member.actor());
        let put = state.store.put_ambassador_bio(
            org,
            AmbassadorId(id),
            language,
            bio,
            &actor,
            clock::now(),
        );
        put.await
    };
    let submitted = submit(form.validate(), store, &[]).await?;
    finish(&state, &member, id, submitted, Saved::Text).await
}

pub async fn add_appointment(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<AppointmentInput>,
) -> Result<Response, AppError> {
    let store = async |appointment: &Appointment| {
        let (org, actor) = (member.org.id, member.actor());
        let added =
            state
                .store
                .add_appointment(org, AmbassadorId(id), appointment, &actor, clock::now());
        added.await
    };
    let submitted = submit(form.validate(), store, &[]).await?;
    finish(&state, &member, id, submitted, Saved::Settings).await
}

#[derive(Deserialize)]
pub struct AppointmentPath {
    id: i64,
    appointment: i64,
}

pub async fn remove_appointment(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    Path(AppointmentPath { id, appointment }): Path<AppointmentPath>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    state
        .store
        .remove_appointment(
            member.org.id,
            AmbassadorId(id),
            appointment,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(to_ambassador(&member, AmbassadorId(id), Saved::Settings))
}

pub async fn put_channel(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<ChannelInput>,
) -> Result<Response, AppError> {
    let store = async |channel: &Channel| {
        let (org, actor) = (member.org.id, member.actor());
        let put = state
            .store
            .put_channel(org, AmbassadorId(id), channel, &actor, clock::now());
        put.await
    };
    let submitted = submit(form.validate(), store, &[]).await?;
    finish(&state, &member, id, submitted, Saved::Settings).await
}

pub async fn upload_photo(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfUpload(file, _): CsrfUpload,
) -> Result<Response, AppError> {
    load(&state, &member, id).await?;
    match store_image(&state, member.org.id, file, PHOTO_WIDTH).await {
        Ok(image) => {
            state
                .store
                .set_ambassador_photo(
                    member.org.id,
                    AmbassadorId(id),
                    image,
                    &member.actor(),
                    clock::now(),
                )
                .await?;
            Ok(to_ambassador(&member, AmbassadorId(id), Saved::Image))
        }
        Err(UploadError::Rejected(reason)) => {
            let shown = Shown {
                errors: vec![format!("Photo: {reason}.")],
                ..Shown::default()
            };
            show(&state, &member, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await
        }
        Err(UploadError::Failed(err)) => Err(err),
    }
}
