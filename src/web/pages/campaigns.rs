//! `/admin/{org}/campaigns`: creating and editing campaigns, their text per language,
//! ambassadors, hero image and status.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use super::form_flow::{submit, Answer, Submitted};
use super::saved::{Saved, SavedQuery};
use super::uploads::{store_image, UploadError};
use super::visit_report::{self, VisitReport};
use super::{render_with, Layout};
use crate::app::go_live;
use crate::clock;
use crate::domain::campaign::{
    CampaignContent, CampaignInput, CampaignKind, CampaignSettings, CampaignStatus, ContentInput,
};
use crate::domain::ids::{AmbassadorId, CampaignId};
use crate::domain::image::HERO_WIDTH;
use crate::domain::language::{form_languages, Language};
use crate::domain::money::Money;
use crate::domain::role::Permission;
use crate::i18n;
use crate::store::{Archivable, Campaign, StoreError, VisitScope};
use crate::web::error::said;
use crate::web::paths::{ItemId, ItemLanguage, LanguageQuery};
use crate::web::public::CampaignView;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, CsrfUpload, OrgStaff, Staff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/campaigns", get(list).post(create))
        .route("/admin/{org}/campaigns/{id}", get(edit).post(update))
        .route("/admin/{org}/campaigns/{id}/status", post(set_status))
        .route("/admin/{org}/campaigns/{id}/preview", get(preview))
        .route(
            "/admin/{org}/campaigns/{id}/transparency",
            post(set_transparency),
        )
        .route("/admin/{org}/campaigns/{id}/archive", post(archive))
        .route(
            "/admin/{org}/campaigns/{id}/content/{lang}",
            post(put_content),
        )
        .route(
            "/admin/{org}/campaigns/{id}/ambassadors",
            post(set_ambassadors),
        )
        .route(
            "/admin/{org}/campaigns/{id}/hero",
            post(upload_hero).layer(crate::web::upload_limit()),
        )
}

/// (value, label) pairs for the select lists.
/// The kinds of campaign, named in the staff member's language.
fn kinds(staff: &Staff) -> Vec<(&'static str, String)> {
    CampaignKind::ALL
        .into_iter()
        .map(|k| (k.as_str(), staff.t(&format!("kind-{}", k.as_str()))))
        .collect()
}

/// The languages a campaign's default may be: the organization's, and `current` (a campaign
/// made before the organization stopped offering it).
fn languages(offered: &[Language], current: &[Language]) -> Vec<(&'static str, &'static str)> {
    form_languages(offered, current)
        .into_iter()
        .map(|l| (l.code(), l.native_name()))
        .collect()
}

fn slug_taken(slug: &str) -> String {
    format!("Slug: '{slug}' is already used by another campaign of this organization.")
}

struct CampaignLine {
    id: CampaignId,
    slug: String,
    theme: String,
    kind: String,
    status: String,
    languages: String,
    archived: bool,
    /// Confirmed pledges.
    signatures: String,
    /// "4,815 EUR of 500,000 EUR" toward a money goal; empty without one.
    raised: String,
}

#[derive(Template)]
#[template(path = "pages/campaigns.html")]
struct CampaignsPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    rows: Vec<CampaignLine>,
    errors: Vec<String>,
    form: CampaignInput,
    title: String,
    kinds: Vec<(&'static str, String)>,
    languages: Vec<(&'static str, &'static str)>,
}

/// The new-campaign form: the settings, and the public page's title in its default language
/// (optional here; its text in every language is written on the campaign's page).
#[derive(Deserialize, Default)]
pub struct NewCampaignForm {
    #[serde(flatten)]
    settings: CampaignInput,
    #[serde(default)]
    title: String,
}

async fn show_list(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    errors: Vec<String>,
    form: NewCampaignForm,
) -> Result<Response, AppError> {
    let mut rows = Vec::new();
    for c in state.store.campaigns(member.org.id, true).await? {
        let languages = state.store.campaign_contents(c.org_id, c.id).await?;
        let signatures = state.store.action_counts(c.org_id, c.id).await?.pledges;
        let raised = match c.settings.goal_money {
            Some(goal) => {
                let (minor, _) = state
                    .store
                    .campaign_raised(c.org_id, c.id, goal.currency)
                    .await?;
                let so_far = Money {
                    minor,
                    currency: goal.currency,
                };
                format!(
                    "{} of {}",
                    i18n::money(Language::En, so_far),
                    i18n::money(Language::En, goal)
                )
            }
            None => String::new(),
        };
        rows.push(CampaignLine {
            signatures: i18n::number(Language::En, signatures),
            raised,
            id: c.id,
            slug: c.settings.slug.clone(),
            theme: c.settings.theme.clone(),
            kind: member
                .staff
                .t(&format!("kind-{}", c.settings.kind.as_str())),
            status: member.staff.t(&format!("status-{}", c.status.as_str())),
            languages: languages
                .iter()
                .map(|(l, _)| l.code())
                .collect::<Vec<_>>()
                .join(", "),
            archived: c.archived,
        });
    }
    render_with(
        status,
        &CampaignsPage {
            layout: Layout::org(state, member, &member.staff.t("nav-campaigns")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_edit: member.role.allows(Permission::EditCampaigns),
            rows,
            errors,
            form: form.settings,
            title: form.title,
            kinds: kinds(&member.staff),
            languages: languages(&member.org.languages, &[]),
        },
    )
}

pub async fn list(State(state): State<AppState>, member: OrgStaff) -> Result<Response, AppError> {
    let form = NewCampaignForm {
        settings: CampaignInput {
            default_language: member.org.default_language.code().into(),
            kind: "awareness".into(),
            ..Default::default()
        },
        title: String::new(),
    };
    show_list(&state, &member, StatusCode::OK, Vec::new(), form).await
}

pub async fn create(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    CsrfForm(form): CsrfForm<NewCampaignForm>,
) -> Result<Response, AppError> {
    let title = ContentInput {
        title: form.title.clone(),
        ..ContentInput::default()
    };
    // Checked before anything is stored, as the settings are.
    let checked = match (form.settings.validate(), title.title.trim().is_empty()) {
        (Ok(settings), true) => Ok((settings, None)),
        (Ok(settings), false) => match title.validate() {
            Ok(content) => Ok((settings, Some(content))),
            Err(invalid) => Err(invalid),
        },
        (Err(invalid), _) => Err(invalid),
    };
    let taken =
        |(settings, _): &(CampaignSettings, Option<CampaignContent>)| slug_taken(&settings.slug);
    let actor = member.actor();
    let store = async |(settings, content): &(CampaignSettings, Option<CampaignContent>)| {
        let campaign = state
            .store
            .create_campaign(member.org.id, settings, &actor, clock::now())
            .await?;
        if let Some(content) = content {
            state
                .store
                .put_campaign_content(
                    member.org.id,
                    campaign.id,
                    settings.default_language,
                    content,
                    &actor,
                    clock::now(),
                )
                .await?;
        }
        Ok(campaign)
    };
    let answers = [Answer::taken("campaigns", &taken)];
    match submit(checked, store, &answers).await? {
        Submitted::Stored(campaign) => Ok(to_campaign(&member, campaign.id, Saved::Created)),
        Submitted::Refused(status, errors) => {
            show_list(&state, &member, status, errors, form).await
        }
    }
}

fn to_campaign(member: &OrgStaff, id: CampaignId, saved: Saved) -> Response {
    saved.redirect(&format!("/admin/{}/campaigns/{}", member.org.slug, id))
}

struct ContentForm {
    code: &'static str,
    name: &'static str,
    dir: &'static str,
    present: bool,
    open: bool,
    input: ContentInput,
}

/// A line of the go-live checklist, named in the staff member's language.
struct CheckLine {
    label: String,
    met: bool,
    required: bool,
}

struct AmbassadorChoice {
    id: AmbassadorId,
    name: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "pages/campaign_edit.html")]
struct CampaignEditPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    id: CampaignId,
    slug: String,
    theme: String,
    /// The status's name among the staff strings.
    status_key: String,
    archived: bool,
    public: bool,
    transparency: bool,
    moves: Vec<(&'static str, String)>,
    /// Before a draft goes live: what it has and lacks.
    checklist: Vec<CheckLine>,
    /// (code, name) of each language the campaign can be previewed in.
    previews: Vec<(&'static str, &'static str)>,
    notice: Option<String>,
    errors: Vec<String>,
    contents: Vec<ContentForm>,
    fallback_name: &'static str,
    ambassadors: Vec<AmbassadorChoice>,
    hero: Option<i64>,
    report: VisitReport,
    form: CampaignInput,
    kinds: Vec<(&'static str, String)>,
    languages: Vec<(&'static str, &'static str)>,
}

/// What the edit page shows after a failed or successful action.
#[derive(Default)]
struct EditOutcome {
    errors: Vec<String>,
    notice: Option<String>,
    /// The settings as submitted, when they were refused.
    settings: Option<CampaignInput>,
    /// The text of one language as submitted, when it was refused.
    content: Option<(Language, ContentInput)>,
}

pub(super) async fn load(
    state: &AppState,
    member: &OrgStaff,
    id: i64,
) -> Result<Campaign, AppError> {
    state
        .store
        .campaign(member.org.id, CampaignId(id))
        .await?
        .ok_or(AppError::NotFound)
}

async fn show_edit(
    state: &AppState,
    member: &OrgStaff,
    campaign: &Campaign,
    status: StatusCode,
    outcome: EditOutcome,
) -> Result<Response, AppError> {
    let contents = state
        .store
        .campaign_contents(campaign.org_id, campaign.id)
        .await?;
    let involved = state
        .store
        .campaign_ambassador_ids(campaign.org_id, campaign.id)
        .await?;
    let ambassadors = state
        .store
        .ambassadors(member.org.id, false)
        .await?
        .into_iter()
        .map(|a| AmbassadorChoice {
            checked: involved.contains(&a.id),
            id: a.id,
            name: a.name,
        })
        .collect();
    let moves = CampaignStatus::ALL
        .into_iter()
        .filter(|to| *to != campaign.status && campaign.status.check_transition(*to).is_ok())
        .map(|to| {
            let key = match to {
                CampaignStatus::Live if campaign.status == CampaignStatus::Closed => "move-reopen",
                CampaignStatus::Live => "move-go-live",
                CampaignStatus::Closed => "move-close",
                CampaignStatus::Draft => "move-draft",
            };
            (to.as_str(), member.staff.t(key))
        })
        .collect();
    let checklist = if campaign.status == CampaignStatus::Draft {
        go_live::checklist(&state.store, &member.org, campaign, &contents)
            .await?
            .into_iter()
            .map(|check| CheckLine {
                label: i18n::go_live_need(member.staff.language, check.need),
                met: check.met,
                required: check.required,
            })
            .collect()
    } else {
        Vec::new()
    };
    let previews = contents
        .iter()
        .map(|(l, _)| (l.code(), l.native_name()))
        .collect();
    let settings = &campaign.settings;
    let page = CampaignEditPage {
        layout: Layout::org(state, member, &settings.theme).await?,
        org_slug: member.org.slug.clone(),
        csrf: member.staff.csrf_token.clone(),
        can_edit: member.role.allows(Permission::EditCampaigns),
        id: campaign.id,
        slug: settings.slug.clone(),
        theme: settings.theme.clone(),
        status_key: format!("status-{}", campaign.status.as_str()),
        archived: campaign.archived,
        public: campaign.status.is_public() && !campaign.archived,
        transparency: campaign.transparency_public,
        moves,
        checklist,
        previews,
        notice: outcome.notice,
        errors: outcome.errors,
        contents: form_languages(
            &member.org.languages,
            &contents.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        )
        .into_iter()
        .map(|language| {
            let stored = contents
                .iter()
                .find(|(l, _)| *l == language)
                .map(|(_, c)| ContentInput::from(c));
            let submitted = outcome
                .content
                .as_ref()
                .filter(|(l, _)| *l == language)
                .map(|(_, c)| c.clone());
            ContentForm {
                code: language.code(),
                name: language.native_name(),
                dir: language.dir(),
                present: stored.is_some(),
                open: submitted.is_some(),
                input: submitted.or(stored).unwrap_or_default(),
            }
        })
        .collect(),
        fallback_name: settings.default_language.native_name(),
        ambassadors,
        hero: campaign.hero_image_id,
        report: visit_report::load(state, member.org.id, VisitScope::Campaign(campaign.id)).await?,
        form: outcome
            .settings
            .unwrap_or_else(|| CampaignInput::from(settings)),
        kinds: kinds(&member.staff),
        languages: languages(&member.org.languages, &[settings.default_language]),
    };
    render_with(status, &page)
}

pub async fn edit(
    State(state): State<AppState>,
    member: OrgStaff,
    ItemId(id): ItemId,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let outcome = EditOutcome {
        notice: query.notice(member.staff.language),
        ..EditOutcome::default()
    };
    show_edit(&state, &member, &campaign, StatusCode::OK, outcome).await
}

pub async fn update(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<CampaignInput>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let refused = |errors: Vec<String>, form: CampaignInput| EditOutcome {
        errors,
        settings: Some(form),
        ..Default::default()
    };
    let taken = |settings: &CampaignSettings| slug_taken(&settings.slug);
    let store = async |settings: &CampaignSettings| {
        let actor = member.actor();
        let now = clock::now();
        state
            .store
            .update_campaign(member.org.id, campaign.id, settings, &actor, now)
            .await
    };
    let answers = [Answer::taken("campaigns", &taken)];
    match submit(form.validate(), store, &answers).await? {
        Submitted::Stored(_) => Ok(to_campaign(&member, campaign.id, Saved::Settings)),
        Submitted::Refused(status, errors) => {
            show_edit(&state, &member, &campaign, status, refused(errors, form)).await
        }
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    status: String,
}

#[derive(Deserialize)]
pub struct TransparencyForm {
    public: String,
}

/// `POST …/transparency`: the public transparency page on (`public=true`) or off.
pub async fn set_transparency(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<TransparencyForm>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let public = match form.public.as_str() {
        "true" => true,
        "false" => false,
        other => {
            return Err(AppError::BadRequest(format!(
                "public: '{}' is neither true nor false.",
                other.chars().take(20).collect::<String>()
            )))
        }
    };
    state
        .store
        .set_transparency(
            member.org.id,
            campaign.id,
            public,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(to_campaign(&member, campaign.id, Saved::Transparency))
}

/// `GET /admin/{org}/campaigns/{id}/preview?lang=`: the public page of any campaign, draft or
/// not, exactly as the public will see it, for staff only (never cached, never indexed).
pub async fn preview(
    State(state): State<AppState>,
    member: OrgStaff,
    ItemId(id): ItemId,
    axum::extract::Query(query): axum::extract::Query<LanguageQuery>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let view = CampaignView::preview(&state.store, member.org.clone(), campaign).await?;
    let html = view.render_preview(query.language())?;
    let mut response = axum::response::Html(html).into_response();
    response.headers_mut().insert(
        "x-robots-tag",
        axum::http::HeaderValue::from_static("noindex"),
    );
    Ok(response)
}

pub async fn set_status(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let to =
        CampaignStatus::parse(&form.status).map_err(|e| AppError::BadRequest(format!("{e}.")))?;
    let language = member.staff.language;
    let refusals = go_live::refusals(&state.store, &member.org, &campaign, to, language).await?;
    if !refusals.is_empty() {
        let outcome = EditOutcome {
            errors: refusals,
            ..Default::default()
        };
        return show_edit(&state, &member, &campaign, StatusCode::CONFLICT, outcome).await;
    }
    match state
        .store
        .set_campaign_status(
            member.org.id,
            campaign.id,
            to,
            &member.actor(),
            clock::now(),
        )
        .await
    {
        Ok(()) => Ok(to_campaign(&member, campaign.id, Saved::Status)),
        Err(StoreError::CampaignRule(rule)) => {
            let outcome = EditOutcome {
                errors: vec![format!("Status: {rule}.")],
                ..Default::default()
            };
            show_edit(&state, &member, &campaign, StatusCode::CONFLICT, outcome).await
        }
        Err(err) => Err(err.into()),
    }
}

/// The archive/restore buttons' form, shared by every archivable thing.
#[derive(Deserialize)]
pub struct ArchiveForm {
    pub archived: bool,
}

pub async fn archive(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<ArchiveForm>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    state
        .store
        .set_archived(
            member.org.id,
            Archivable::Campaign(campaign.id),
            form.archived,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(to_campaign(&member, campaign.id, Saved::Archived))
}

pub async fn put_content(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    Path(ItemLanguage { id, lang }): Path<ItemLanguage>,
    CsrfForm(form): CsrfForm<ContentInput>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let language = Language::parse(&lang).map_err(|e| AppError::BadRequest(format!("{e}.")))?;
    // Text in a language the organization does not work in would never be shown; a text
    // written before it stopped offering that language can still be corrected.
    if !member.org.languages.contains(&language) {
        let written = state
            .store
            .campaign_contents(member.org.id, campaign.id)
            .await?
            .iter()
            .any(|(l, _)| *l == language);
        if !written {
            let args = [("language", language.native_name())];
            let said = i18n::staff_with(member.staff.language, "error-language-not-offered", &args);
            return Err(AppError::Invalid(vec![said]));
        }
    }
    match form.validate() {
        Ok(content) => {
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
            Ok(to_campaign(&member, campaign.id, Saved::Text))
        }
        Err(invalid) => {
            let outcome = EditOutcome {
                errors: said(&invalid),
                content: Some((language, form)),
                ..Default::default()
            };
            show_edit(
                &state,
                &member,
                &campaign,
                StatusCode::UNPROCESSABLE_ENTITY,
                outcome,
            )
            .await
        }
    }
}

/// Reads the repeated `ambassador` fields of a checkbox list.
pub fn ids_from(pairs: &[(String, String)], field: &str) -> Result<Vec<i64>, AppError> {
    pairs
        .iter()
        .filter(|(k, _)| k == field)
        .map(|(_, v)| {
            v.parse::<i64>()
                .map_err(|_| AppError::BadRequest(format!("'{v}' is not a valid {field} id.")))
        })
        .collect()
}

pub async fn set_ambassadors(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    ItemId(id): ItemId,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let ids: Vec<AmbassadorId> = ids_from(&pairs, "ambassador")?
        .into_iter()
        .map(AmbassadorId)
        .collect();
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
    Ok(to_campaign(&member, campaign.id, Saved::Links))
}

pub async fn upload_hero(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    ItemId(id): ItemId,
    CsrfUpload(file, _): CsrfUpload,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    match store_image(&state, member.org.id, file, HERO_WIDTH).await {
        Ok(image) => {
            state
                .store
                .set_campaign_hero(
                    member.org.id,
                    campaign.id,
                    image,
                    &member.actor(),
                    clock::now(),
                )
                .await?;
            Ok(to_campaign(&member, campaign.id, Saved::Image))
        }
        Err(UploadError::Rejected(reason)) => {
            let outcome = EditOutcome {
                errors: vec![format!("Image: {reason}.")],
                ..Default::default()
            };
            show_edit(
                &state,
                &member,
                &campaign,
                StatusCode::UNPROCESSABLE_ENTITY,
                outcome,
            )
            .await
        }
        Err(UploadError::Failed(err)) => Err(err),
    }
}
