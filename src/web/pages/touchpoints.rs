//! `/admin/{org}/touchpoints`: links and QR codes per stop and post, group re-pointing with undo,
//! visit counts, and the printable poster.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use super::campaigns::{ids_from, ArchiveForm};
use super::saved::{Saved, SavedQuery};
use super::visit_report::{self, VisitReport};
use super::{render, render_with, Layout};
use crate::app::touchpoints::{codes_for_stops, create_with_new_code, StopCodes};
use crate::clock;
use crate::domain::entry::Entry;
use crate::domain::ids::{AmbassadorId, CampaignId, EngagementId, TourId};
use crate::domain::language::Language;
use crate::domain::role::Permission;
use crate::domain::touchpoint::{Channel, TouchpointInput};
use crate::store::{StoreError, Touchpoint, VisitScope};
use crate::web::assets::STYLESHEET;
use crate::web::error::said;
use crate::web::paths::{ItemId, LanguageQuery};
use crate::web::public::links::scan_url;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, NoFields, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/touchpoints", get(list).post(create))
        .route("/admin/{org}/touchpoints/tour", post(create_for_tour))
        .route("/admin/{org}/touchpoints/repoint", post(repoint))
        .route("/admin/{org}/touchpoints/repoints/{id}/undo", post(undo))
        .route("/admin/{org}/touchpoints/{id}", get(show))
        .route("/admin/{org}/touchpoints/{id}/retire", post(retire))
        .route("/admin/{org}/touchpoints/{id}/poster", get(poster))
}

struct Row {
    id: i64,
    code: String,
    link: String,
    label: String,
    channel: String,
    engagement: String,
    target: String,
    retired: bool,
    /// Visits by people and QR scans since the code was made.
    visits: String,
    scans: String,
}

struct RepointLine {
    id: i64,
    at: String,
    count: i64,
    target: String,
    actor: String,
    undone: bool,
}

#[derive(Template)]
#[template(path = "pages/touchpoints.html")]
struct TouchpointsPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    can_repoint: bool,
    notice: Option<String>,
    errors: Vec<String>,
    rows: Vec<Row>,
    repoints: Vec<RepointLine>,
    campaigns: Vec<(CampaignId, String)>,
    engagements: Vec<(EngagementId, String)>,
    tours: Vec<(TourId, String)>,
    ambassadors: Vec<(AmbassadorId, String)>,
    channels: Vec<(&'static str, String)>,
}

async fn show_list(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    notice: Option<String>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let campaigns: Vec<(CampaignId, String)> = state
        .store
        .campaigns(org, false)
        .await?
        .into_iter()
        .map(|c| (c.id, c.settings.theme))
        .collect();
    let engagements: Vec<(EngagementId, String)> = state
        .store
        .engagements(org, None)
        .await?
        .into_iter()
        .map(|e| (e.id, e.settings.title))
        .collect();
    let name_of = |id: CampaignId| {
        campaigns
            .iter()
            .find(|(c, _)| *c == id)
            .map_or_else(|| format!("campaign {id}"), |(_, n)| n.clone())
    };
    let visits = state.store.touchpoint_visits(org).await?;
    let rows = state
        .store
        .touchpoints(org)
        .await?
        .into_iter()
        .map(|t| Row {
            visits: crate::i18n::number(Language::En, visits.get(&t.id).map_or(0, |v| v.people)),
            scans: crate::i18n::number(Language::En, visits.get(&t.id).map_or(0, |v| v.scans)),
            link: state.link(&format!("/t/{}", t.code)),
            engagement: t
                .engagement_id
                .and_then(|e| {
                    engagements
                        .iter()
                        .find(|(id, _)| *id == e)
                        .map(|(_, n)| n.clone())
                })
                .unwrap_or_default(),
            target: name_of(t.campaign_id),
            channel: crate::i18n::channel(member.staff.language, t.channel.as_str()),
            id: t.id,
            code: t.code,
            label: t.label,
            retired: t.retired,
        })
        .collect();
    let repoints = state
        .store
        .repoints(org)
        .await?
        .into_iter()
        .map(|r| RepointLine {
            id: r.id,
            at: r.at.to_utc_string(),
            count: r.touchpoints,
            target: name_of(r.target_campaign_id),
            actor: r.actor,
            undone: r.undone,
        })
        .collect();
    render_with(
        status,
        &TouchpointsPage {
            layout: Layout::org(state, member, &member.staff.t("nav-touchpoints")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_edit: member.role.allows(Permission::EditProgram),
            can_repoint: member.role.allows(Permission::Repoint),
            notice,
            errors,
            rows,
            repoints,
            tours: state
                .store
                .tours(org, false)
                .await?
                .into_iter()
                .map(|t| (t.id, t.settings.name))
                .collect(),
            ambassadors: state
                .store
                .ambassadors(org, false)
                .await?
                .into_iter()
                .map(|a| (a.id, a.name))
                .collect(),
            campaigns,
            engagements,
            channels: Channel::ALL
                .into_iter()
                .map(|c| {
                    let name = crate::i18n::channel(member.staff.language, c.as_str());
                    (c.as_str(), name)
                })
                .collect(),
        },
    )
}

pub async fn list(State(state): State<AppState>, member: OrgStaff) -> Result<Response, AppError> {
    show_list(&state, &member, StatusCode::OK, None, Vec::new()).await
}

fn unknown_reference() -> Vec<String> {
    vec![
        "The chosen campaign, event, tour or touchpoint does not exist in this organization."
            .into(),
    ]
}

pub async fn create(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    CsrfForm(form): CsrfForm<TouchpointInput>,
) -> Result<Response, AppError> {
    let settings = match form.validate() {
        Ok(s) => s,
        Err(invalid) => {
            return show_list(
                &state,
                &member,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                said(&invalid),
            )
            .await
        }
    };
    let (actor, now) = (member.actor(), clock::now());
    match create_with_new_code(&state.store, member.org.id, &settings, &actor, now).await {
        Ok(t) => Ok(
            Saved::Created.redirect(&format!("/admin/{}/touchpoints/{}", member.org.slug, t.id))
        ),
        Err(StoreError::NotFound) => {
            show_list(
                &state,
                &member,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                unknown_reference(),
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
pub struct TourCodesForm {
    tour_id: String,
    campaign_id: Entry<i64>,
    channel: String,
}

/// `POST /admin/{org}/touchpoints/tour`: one code per stop of a tour, labelled with the stop.
pub async fn create_for_tour(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    CsrfForm(form): CsrfForm<TourCodesForm>,
) -> Result<Response, AppError> {
    let tour: i64 = form
        .tour_id
        .trim()
        .parse()
        .map_err(|_| AppError::Invalid(vec![member.staff.t("error-choose-tour")]))?;
    let (actor, now) = (member.actor(), clock::now());
    let made = codes_for_stops(
        &state.store,
        member.org.id,
        TourId(tour),
        &form.campaign_id,
        &form.channel,
        &actor,
        now,
    )
    .await;
    let refused = |problems| {
        show_list(
            &state,
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            problems,
        )
    };
    let (created, kept) = match made {
        Ok(StopCodes::Made { created, kept }) => (created, kept),
        Ok(StopCodes::Refused(invalid)) => return refused(said(&invalid)).await,
        Err(StoreError::NotFound) => return refused(unknown_reference()).await,
        Err(err) => return Err(err.into()),
    };
    let language = member.staff.language;
    let mut notice = crate::i18n::staff_with(
        language,
        "codes-created-per-stop",
        &[("count", &created.len().to_string())],
    );
    if !kept.is_empty() {
        let stops: Vec<&str> = kept.iter().map(|s| s.settings.city.as_str()).collect();
        notice.push(' ');
        notice.push_str(&crate::i18n::staff_with(
            language,
            "codes-kept",
            &[("stops", &stops.join(", "))],
        ));
    }
    show_list(&state, &member, StatusCode::OK, Some(notice), Vec::new()).await
}

/// `POST /admin/{org}/touchpoints/repoint`: re-points the ticked codes, a tour's or an ambassador's.
pub async fn repoint(
    State(state): State<AppState>,
    member: Allowed<grants::Repoint>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let campaign: i64 = field("campaign_id")
        .parse()
        .map_err(|_| AppError::Invalid(vec![member.staff.t("error-choose-campaign")]))?;
    let org = member.org.id;
    let ids = match field("scope").split_once(':') {
        Some(("tour", id)) => {
            state
                .store
                .touchpoints_of_tour(org, TourId(id.parse().map_err(|_| AppError::NotFound)?))
                .await?
        }
        Some(("ambassador", id)) => {
            state
                .store
                .touchpoints_of_ambassador(
                    org,
                    AmbassadorId(id.parse().map_err(|_| AppError::NotFound)?),
                )
                .await?
        }
        _ => ids_from(&pairs, "touchpoint")?,
    };
    if ids.is_empty() {
        return show_list(
            &state,
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            vec![member.staff.t("codes-none-chosen")],
        )
        .await;
    }
    match state
        .store
        .repoint(
            org,
            &ids,
            CampaignId(campaign),
            &member.actor(),
            clock::now(),
        )
        .await
    {
        Ok(_) => {
            let notice = crate::i18n::staff_with(
                member.staff.language,
                "codes-repointed",
                &[("count", &ids.len().to_string())],
            );
            show_list(&state, &member, StatusCode::OK, Some(notice), Vec::new()).await
        }
        Err(StoreError::NotFound) => {
            show_list(
                &state,
                &member,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                unknown_reference(),
            )
            .await
        }
        Err(StoreError::CampaignRule(rule)) => {
            let problem = vec![format!("Not re-pointed: {rule}.")];
            show_list(
                &state,
                &member,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                problem,
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}

pub async fn undo(
    State(state): State<AppState>,
    member: Allowed<grants::Repoint>,
    ItemId(id): ItemId,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    state
        .store
        .undo_repoint(member.org.id, id, &member.actor(), clock::now())
        .await?;
    show_list(
        &state,
        &member,
        StatusCode::OK,
        Some(member.staff.t("codes-repoint-undone")),
        Vec::new(),
    )
    .await
}

pub async fn retire(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<ArchiveForm>,
) -> Result<Response, AppError> {
    state
        .store
        .set_touchpoint_retired(
            member.org.id,
            id,
            form.archived,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(Saved::Archived.redirect(&format!("/admin/{}/touchpoints/{id}", member.org.slug)))
}

#[derive(Template)]
#[template(path = "pages/touchpoint.html")]
struct TouchpointPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    id: i64,
    code: String,
    link: String,
    scan_link: String,
    channel: String,
    label: String,
    engagement: String,
    retired: bool,
    report: VisitReport,
    history: Vec<String>,
    notice: Option<String>,
    /// The languages a poster can be printed in (the campaign's page is written in them).
    poster_languages: Vec<(&'static str, &'static str)>,
}

async fn load(state: &AppState, member: &OrgStaff, id: i64) -> Result<Touchpoint, AppError> {
    state
        .store
        .touchpoint(member.org.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    member: Allowed<grants::View>,
    ItemId(id): ItemId,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> Result<Response, AppError> {
    let t = load(&state, &member, id).await?;
    let org = member.org.id;
    let campaigns = state.store.campaigns(org, true).await?;
    let theme = |c: CampaignId| {
        campaigns
            .iter()
            .find(|x| x.id == c)
            .map_or_else(|| format!("campaign {c}"), |x| x.settings.theme.clone())
    };
    let engagement = match t.engagement_id {
        Some(e) => state
            .store
            .engagement(org, e)
            .await?
            .map(|e| e.settings.title)
            .unwrap_or_default(),
        None => String::new(),
    };
    let history = state
        .store
        .touchpoint_targets(org, t.id)
        .await?
        .into_iter()
        .map(|(c, at)| format!("{}: {}", at.to_utc_string(), theme(c)))
        .collect();
    render(&TouchpointPage {
        layout: Layout::org(
            &state,
            &member,
            &format!("{} {}", member.staff.t("code-heading"), t.code),
        )
        .await?,
        org_slug: member.org.slug.clone(),
        csrf: member.staff.csrf_token.clone(),
        can_edit: member.role.allows(Permission::EditProgram),
        id: t.id,
        link: state.link(&format!("/t/{}", t.code)),
        scan_link: scan_url(&state, &t.code),
        channel: crate::i18n::channel(member.staff.language, t.channel.as_str()),
        label: t.label.clone(),
        engagement,
        retired: t.retired,
        report: visit_report::load(&state, org, VisitScope::Touchpoint(t.id)).await?,
        history,
        notice: query.notice(member.staff.language),
        poster_languages: state
            .store
            .campaign_contents(org, t.campaign_id)
            .await?
            .iter()
            .map(|(l, _)| (l.code(), l.native_name()))
            .collect(),
        code: t.code,
    })
}

#[derive(Template)]
#[template(path = "pages/poster.html")]
struct PosterPage {
    lang: &'static str,
    dir: &'static str,
    stylesheet: String,
    org_name: String,
    title: String,
    call_to_action: String,
    /// The stop's name, place, and day and time as the poster's language writes them.
    stop: Vec<String>,
    code: String,
    short_url: String,
}

/// `GET /admin/{org}/touchpoints/{id}/poster`: an A4 page to print, in the campaign's language.
pub async fn poster(
    State(state): State<AppState>,
    member: Allowed<grants::View>,
    ItemId(id): ItemId,
    axum::extract::Query(query): axum::extract::Query<LanguageQuery>,
) -> Result<Response, AppError> {
    let t = load(&state, &member, id).await?;
    let campaign = state
        .store
        .campaign(member.org.id, t.campaign_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let contents = state
        .store
        .campaign_contents(campaign.org_id, campaign.id)
        .await?;
    let stop = match t.engagement_id {
        Some(e) => state.store.engagement(member.org.id, e).await?,
        None => None,
    };
    let written = |l: Language| contents.iter().find(|(written, _)| *written == l);
    // The language asked for, else the one of the stop's country, else the campaign's own:
    // the first of them the campaign's page is written in.
    let content = [
        query.language(),
        stop.as_ref()
            .and_then(|s| Language::of_country(&s.settings.country)),
        Some(campaign.settings.default_language),
    ]
    .into_iter()
    .flatten()
    .find_map(written)
    .or(contents.first());
    let (lang, title, cta) = match content {
        Some((l, c)) => (*l, c.title.clone(), c.call_to_action.clone()),
        None => (
            campaign.settings.default_language,
            campaign.settings.theme.clone(),
            String::new(),
        ),
    };
    let stop_lines = stop
        .map(|s| {
            let names = s.settings.names_in(&s.words, lang);
            let place = [names.venue, names.city]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                names.title.to_owned(),
                place,
                crate::i18n::date_time(lang, s.settings.starts_at_local),
            ]
        })
        .unwrap_or_default();
    render(&PosterPage {
        lang: lang.code(),
        dir: lang.dir(),
        stylesheet: STYLESHEET.clone(),
        org_name: member.org.name.clone(),
        title,
        call_to_action: cta,
        stop: stop_lines,
        short_url: state.link(&format!("/t/{}", t.code)),
        code: t.code,
    })
}
