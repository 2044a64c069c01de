//! The landing page, the organization chooser, an organization's dashboard, and 404.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use super::{render, Layout};
use serde::Deserialize;

use crate::clock;
use crate::domain::campaign::CampaignStatus;
use crate::domain::language::{Language, Languages};
use crate::domain::role::{Permission, Role};
use crate::domain::validation::{Explain, Problem};
use crate::report::summary::{campaign_summary, CampaignSummary};
use crate::web::session::{grants, Allowed};
use crate::web::session::{staff_language_of, CsrfForm, OrgStaff, Staff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(landing))
        .route("/admin", get(choose_org))
        .route("/admin/{org}", get(dashboard))
        .route("/admin/{org}/settings", post(save_settings))
        .route("/admin/{org}/settings/two-factor", post(require_two_factor))
}

#[derive(Template)]
#[template(path = "pages/landing.html")]
struct LandingPage {
    layout: Layout,
}

pub async fn landing(headers: HeaderMap) -> Result<Response, AppError> {
    let language = staff_language_of(&headers);
    render(&LandingPage {
        layout: Layout::public(language, "Chorus"),
    })
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[derive(Template)]
#[template(path = "pages/choose_org.html")]
struct ChooseOrgPage {
    layout: Layout,
    orgs: Vec<OrgChoice>,
}

struct OrgChoice {
    slug: String,
    name: String,
}

/// `GET /admin`: straight to the only organization, or a list to choose from.
pub async fn choose_org(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let orgs = state.store.orgs_of(staff.user_id).await?;
    if let [only] = orgs.as_slice() {
        return Ok(Redirect::to(&format!("/admin/{}", only.org.slug)).into_response());
    }
    render(&ChooseOrgPage {
        layout: Layout::staff(&state, &staff, &staff.t("orgs-heading")).await?,
        orgs: orgs
            .into_iter()
            .map(|m| OrgChoice {
                slug: m.org.slug,
                name: m.org.name,
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "pages/dashboard.html")]
struct DashboardPage {
    layout: Layout,
    org_name: String,
    org_slug: String,
    email: String,
    role_label: String,
    member_count: usize,
    created: String,
    can_read_audit: bool,
    can_manage: bool,
    csrf: String,
    default_language: &'static str,
    /// Every language Chorus speaks: (code, name, offered by the organization).
    languages: Vec<(&'static str, &'static str, bool)>,
    mail_enabled: bool,
    is_owner: bool,
    requires_two_factor: bool,
    /// Each live campaign's key figures, charts and links, first on the page.
    summaries: Vec<CampaignSummary>,
    /// The demo's figures are invented: said above them.
    synthetic_note: Option<String>,
}

/// `GET /admin/{org}`: the organization's home for its staff.
pub async fn dashboard(
    State(state): State<AppState>,
    member: Allowed<grants::View>,
) -> Result<Response, AppError> {
    let members = state.store.members(member.org.id).await?;
    let today = clock::now().utc_date();
    let mut summaries = Vec::new();
    for campaign in state.store.campaigns(member.org.id, false).await? {
        if campaign.status != CampaignStatus::Live {
            continue;
        }
        if let Some(summary) = campaign_summary(
            &state.store,
            member.org.id,
            &campaign,
            today,
            member.staff.language,
        )
        .await?
        {
            summaries.push(summary);
        }
    }
    render(&DashboardPage {
        layout: Layout::org(&state, &member, &member.org.name).await?,
        org_name: member.org.name.clone(),
        org_slug: member.org.slug.clone(),
        email: member.staff.email.clone(),
        role_label: member.staff.t(&format!("role-{}", member.role.as_str())),
        member_count: members.len(),
        created: member.org.created_at.to_utc_string(),
        can_read_audit: member.role.allows(Permission::ReadAudit),
        can_manage: member.role.allows(Permission::ManageMembers),
        csrf: member.staff.csrf_token.clone(),
        default_language: member.org.default_language.code(),
        languages: Language::ALL
            .into_iter()
            .map(|l| (l.code(), l.native_name(), member.org.languages.contains(&l)))
            .collect(),
        mail_enabled: state.intake.mail_enabled(),
        is_owner: member.role == Role::Owner,
        requires_two_factor: member.org.requires_two_factor,
        summaries,
        synthetic_note: super::reports::synthetic_note(&member),
    })
}

#[derive(Deserialize)]
pub struct TwoFactorRequirement {
    #[serde(default)]
    required: String,
}

/// `POST /admin/{org}/settings/two-factor`: owners may require two-factor sign-in of every
/// member; an owner must use it first, so as not to be locked out.
pub async fn require_two_factor(
    State(state): State<AppState>,
    member: OrgStaff,
    CsrfForm(form): CsrfForm<TwoFactorRequirement>,
) -> Result<Response, AppError> {
    if member.role != Role::Owner {
        return Err(AppError::Forbidden(
            "Only an owner can require two-factor sign-in.".into(),
        ));
    }
    let required = form.required == "on";
    if required
        && state
            .store
            .two_factor(member.staff.user_id)
            .await?
            .is_none()
    {
        let first = member.staff.t("error-two-factor-self-first");
        return Err(AppError::Invalid(vec![first]));
    }
    state
        .store
        .set_org_requires_two_factor(member.org.id, required, &member.actor(), clock::now())
        .await?;
    Ok(Redirect::to(&format!("/admin/{}", member.org.slug)).into_response())
}

/// `POST /admin/{org}/settings`: the languages the organization works in (`languages`, one
/// field each) and the one its public pages fall back to (owners and admins).
pub async fn save_settings(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let values = |name: &'static str| {
        pairs
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let default = Language::parse(values("default_language").next().unwrap_or_default())
        .map_err(|e| Problem::of_field("Default language", e.explain()))?;
    let offered = values("languages")
        .map(Language::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Problem::of_field("Languages", e.explain()))?;
    let languages = Languages::new(default, &offered).map_err(|e| e.explain())?;
    state
        .store
        .set_org_languages(member.org.id, &languages, &member.actor(), clock::now())
        .await?;
    Ok(Redirect::to(&format!("/admin/{}", member.org.slug)).into_response())
}
