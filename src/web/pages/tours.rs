//! `/admin/{org}/tours` and `/admin/{org}/engagements`: tours, their stops and other engagements.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use super::campaigns::{ids_from, ArchiveForm};
use super::form_flow::{submit, Answer, Submitted};
use super::saved::{Saved, SavedQuery};
use super::visit_report::{self, VisitReport};
use super::{render_with, Layout};
use crate::clock;
use crate::domain::engagement::{
    words_from_form, EngagementInput, EngagementKind, EngagementSettings, TourInput, TourSettings,
};
use crate::domain::entry::Entry;
use crate::domain::ids::{AmbassadorId, CampaignId, EngagementId, TourId};
use crate::domain::language::Language;
use crate::domain::role::Permission;
use crate::domain::spreadsheet::sentences;
use crate::domain::stops_import::parse_stops_csv;
use crate::i18n;
use crate::store::{Archivable, Engagement, VisitScope};
use crate::web::error::said;
use crate::web::paths::ItemId;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, CsrfUpload, OrgStaff, Staff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/tours", get(list).post(create_tour))
        .route("/admin/{org}/tours/{id}", get(edit_tour).post(update_tour))
        .route("/admin/{org}/tours/{id}/archive", post(archive_tour))
        .route("/admin/{org}/tours/{id}/stops", post(add_stop))
        .route("/admin/{org}/tours/{id}/stops/import", post(import_stops))
        .route("/admin/{org}/engagements", post(create_engagement))
        .route(
            "/admin/{org}/engagements/{id}",
            get(edit_engagement).post(update_engagement),
        )
        .route(
            "/admin/{org}/engagements/{id}/campaigns",
            post(set_engagement_campaigns),
        )
        .route(
            "/admin/{org}/engagements/{id}/languages",
            post(set_engagement_words),
        )
        .route(
            "/admin/{org}/engagements/{id}/archive",
            post(archive_engagement),
        )
}

struct EngagementLine {
    id: EngagementId,
    when: String,
    title: String,
    kind: String,
    place: String,
    attendance: String,
}

fn lines(engagements: &[Engagement], staff: &Staff) -> Vec<EngagementLine> {
    let language = staff.language;
    engagements
        .iter()
        .map(|e| {
            let s = &e.settings;
            EngagementLine {
                id: e.id,
                when: format!(
                    "{} ({})",
                    s.starts_at_local.strftime("%Y-%m-%d %H:%M"),
                    s.time_zone
                ),
                title: s.title.clone(),
                kind: staff.t(&format!("event-kind-{}", s.kind.as_str())),
                place: [s.venue.as_str(), s.city.as_str(), s.country.as_str()]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                attendance: match (s.attendance, &s.attendance_source) {
                    (Some(n), Some(source)) => {
                        format!("{} ({source})", i18n::number(language, n))
                    }
                    (Some(n), None) => i18n::number(language, n),
                    _ => String::new(),
                },
            }
        })
        .collect()
}

/// The kinds of event, named in the staff member's language.
fn kinds(staff: &Staff) -> Vec<(&'static str, String)> {
    EngagementKind::ALL
        .into_iter()
        .map(|k| (k.as_str(), staff.t(&format!("event-kind-{}", k.as_str()))))
        .collect()
}

/// What tour and engagement forms need for their select lists.
struct Choices {
    tours: Vec<(TourId, String)>,
    ambassadors: Vec<(AmbassadorId, String)>,
}

async fn choices(state: &AppState, member: &OrgStaff) -> Result<Choices, AppError> {
    Ok(Choices {
        tours: state
            .store
            .tours(member.org.id, false)
            .await?
            .into_iter()
            .map(|t| (t.id, t.settings.name))
            .collect(),
        ambassadors: state
            .store
            .ambassadors(member.org.id, false)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "pages/tours.html")]
struct ToursPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    errors: Vec<String>,
    tours: Vec<(TourId, String, String)>,
    engagements: Vec<EngagementLine>,
    tour_form: TourInput,
    form: EngagementInput,
    kinds: Vec<(&'static str, String)>,
    tour_choices: Vec<(TourId, String)>,
    ambassador_choices: Vec<(AmbassadorId, String)>,
}

async fn show_list(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    errors: Vec<String>,
    tour_form: TourInput,
    form: EngagementInput,
) -> Result<Response, AppError> {
    let tours = state
        .store
        .tours(member.org.id, true)
        .await?
        .into_iter()
        .map(|t| {
            let dates = match (t.settings.starts_on, t.settings.ends_on) {
                (Some(a), Some(b)) => format!("{a} to {b}"),
                (Some(a), None) => format!("from {a}"),
                _ => String::new(),
            };
            let name = if t.archived {
                format!("{} (archived)", t.settings.name)
            } else {
                t.settings.name
            };
            (t.id, name, dates)
        })
        .collect();
    let engagements = state.store.engagements(member.org.id, None).await?;
    let choices = choices(state, member).await?;
    render_with(
        status,
        &ToursPage {
            layout: Layout::org(state, member, &member.staff.t("nav-tours")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_edit: member.role.allows(Permission::EditProgram),
            errors,
            tours,
            engagements: lines(&engagements, &member.staff),
            tour_form,
            form,
            kinds: kinds(&member.staff),
            tour_choices: choices.tours,
            ambassador_choices: choices.ambassadors,
        },
    )
}

fn new_engagement() -> EngagementInput {
    EngagementInput {
        kind: "concert".into(),
        ..Default::default()
    }
}

pub async fn list(State(state): State<AppState>, member: OrgStaff) -> Result<Response, AppError> {
    show_list(
        &state,
        &member,
        StatusCode::OK,
        Vec::new(),
        TourInput::default(),
        new_engagement(),
    )
    .await
}

fn unknown_reference<I>(_: &I) -> String {
    "The chosen tour, ambassador or campaign does not exist in this organization.".into()
}

pub async fn create_tour(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    CsrfForm(form): CsrfForm<TourInput>,
) -> Result<Response, AppError> {
    let store = async |settings: &TourSettings| {
        let actor = member.actor();
        let now = clock::now();
        state
            .store
            .save_tour(member.org.id, None, settings, &actor, now)
            .await
    };
    let answers = [Answer::unknown(&unknown_reference::<TourSettings>)];
    match submit(form.validate(), store, &answers).await? {
        Submitted::Stored(id) => {
            Ok(Saved::Created.redirect(&format!("/admin/{}/tours/{id}", member.org.slug)))
        }
        Submitted::Refused(status, errors) => {
            show_list(&state, &member, status, errors, form, new_engagement()).await
        }
    }
}

pub async fn create_engagement(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    CsrfForm(form): CsrfForm<EngagementInput>,
) -> Result<Response, AppError> {
    let store = async |settings: &EngagementSettings| {
        let actor = member.actor();
        let now = clock::now();
        state
            .store
            .save_engagement(member.org.id, None, settings, &actor, now)
            .await
    };
    let answers = [Answer::unknown(&unknown_reference::<EngagementSettings>)];
    match submit(form.validate(), store, &answers).await? {
        Submitted::Stored(id) => {
            Ok(Saved::Created.redirect(&format!("/admin/{}/engagements/{id}", member.org.slug)))
        }
        Submitted::Refused(status, errors) => {
            show_list(&state, &member, status, errors, TourInput::default(), form).await
        }
    }
}

#[derive(Template)]
#[template(path = "pages/tour_edit.html")]
struct TourPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    id: TourId,
    title: String,
    archived: bool,
    errors: Vec<String>,
    notice: Option<String>,
    engagements: Vec<EngagementLine>,
    tour_form: TourInput,
    ambassador_choices: Vec<(AmbassadorId, String)>,
    /// The form that adds a stop to this tour.
    form: EngagementInput,
    kinds: Vec<(&'static str, String)>,
    tour_choices: Vec<(TourId, String)>,
}

/// What the tour page shows besides the tour: an outcome, and the add-a-stop form as sent.
#[derive(Default)]
struct TourOutcome {
    errors: Vec<String>,
    notice: Option<String>,
    tour_form: Option<TourInput>,
    stop_form: Option<EngagementInput>,
}

async fn show_tour(
    state: &AppState,
    member: &OrgStaff,
    id: i64,
    status: StatusCode,
    outcome: TourOutcome,
) -> Result<Response, AppError> {
    let tour = state
        .store
        .tour(member.org.id, TourId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let engagements = state
        .store
        .engagements(member.org.id, Some(tour.id))
        .await?;
    let choices = choices(state, member).await?;
    // A new stop starts in this tour, in the time zone of its last stop.
    let stop_form = outcome.stop_form.unwrap_or_else(|| EngagementInput {
        tour_id: Some(tour.id.0).into(),
        time_zone: engagements
            .last()
            .map(|stop| stop.settings.time_zone.clone())
            .unwrap_or_default(),
        ..EngagementInput::default()
    });
    render_with(
        status,
        &TourPage {
            layout: Layout::org(state, member, &tour.settings.name).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_edit: member.role.allows(Permission::EditProgram),
            id: tour.id,
            title: tour.settings.name.clone(),
            archived: tour.archived,
            errors: outcome.errors,
            notice: outcome.notice,
            engagements: lines(&engagements, &member.staff),
            tour_form: outcome
                .tour_form
                .unwrap_or_else(|| TourInput::from(&tour.settings)),
            ambassador_choices: choices.ambassadors,
            form: stop_form,
            kinds: kinds(&member.staff),
            tour_choices: choices.tours,
        },
    )
}

pub async fn edit_tour(
    State(state): State<AppState>,
    member: OrgStaff,
    ItemId(id): ItemId,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let outcome = TourOutcome {
        notice: query.notice(member.staff.language),
        ..TourOutcome::default()
    };
    show_tour(&state, &member, id, StatusCode::OK, outcome).await
}

/// `POST /admin/{org}/tours/{id}/stops/import`: a tour's stops from a CSV file, all or none,
/// with a dry run.
pub async fn import_stops(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfUpload(file, fields): CsrfUpload,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let tour = state
        .store
        .tour(org, TourId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let dry_run = fields
        .iter()
        .any(|(name, value)| name == "dry_run" && value == "on");
    let refuse = async |errors: Vec<String>| {
        let outcome = TourOutcome {
            errors,
            ..TourOutcome::default()
        };
        show_tour(
            &state,
            &member,
            id,
            StatusCode::UNPROCESSABLE_ENTITY,
            outcome,
        )
        .await
    };
    let Ok(text) = String::from_utf8(file) else {
        return refuse(vec![member.staff.t("error-not-utf8")]).await;
    };
    let stops = match parse_stops_csv(&text, tour.id.0) {
        Ok(stops) => stops,
        Err(problems) => return refuse(sentences(&problems)).await,
    };
    let count = if dry_run {
        stops.len()
    } else {
        let (actor, now) = (member.actor(), clock::now());
        state
            .store
            .import_stops(org, tour.id, &stops, &actor, now)
            .await?
    };
    let key = if dry_run {
        "tour-stops-dry-run"
    } else {
        "tour-stops-imported"
    };
    let notice = i18n::staff_with(member.staff.language, key, &[("count", &count.to_string())]);
    let outcome = TourOutcome {
        notice: Some(notice),
        ..TourOutcome::default()
    };
    show_tour(&state, &member, id, StatusCode::OK, outcome).await
}

/// `POST /admin/{org}/tours/{id}/stops`: a stop added from the tour's page. It supports the
/// campaigns the tour's other stops support (staff change that on the stop's page), and the
/// tour's page says so.
pub async fn add_stop(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(mut form): CsrfForm<EngagementInput>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let tour = state
        .store
        .tour(org, TourId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    if matches!(form.tour_id, Entry::Empty) {
        form.tour_id = Some(tour.id.0).into();
    }
    let campaigns = state.store.tour_campaign_ids(org, tour.id).await?;
    let save = async |settings: &EngagementSettings| {
        let (actor, now) = (member.actor(), clock::now());
        state
            .store
            .save_engagement(org, None, settings, &actor, now)
            .await
    };
    let answers = [Answer::unknown(&unknown_reference::<EngagementSettings>)];
    let outcome = match submit(form.validate(), save, &answers).await? {
        Submitted::Stored(stop) => {
            if !campaigns.is_empty() {
                let (actor, now) = (member.actor(), clock::now());
                state
                    .store
                    .set_engagement_campaigns(org, stop, &campaigns, &actor, now)
                    .await?;
            }
            let language = member.staff.language;
            let supports = if campaigns.is_empty() {
                member.staff.t("stop-added-no-campaign")
            } else {
                i18n::staff_with(
                    language,
                    "stop-added-campaigns",
                    &[("count", &campaigns.len().to_string())],
                )
            };
            let added = i18n::staff_with(language, "stop-added", &[("stop", form.title.trim())]);
            TourOutcome {
                notice: Some(format!("{added} {supports}")),
                ..TourOutcome::default()
            }
        }
        Submitted::Refused(status, errors) => {
            return show_tour(
                &state,
                &member,
                id,
                status,
                TourOutcome {
                    errors,
                    stop_form: Some(form),
                    ..TourOutcome::default()
                },
            )
            .await;
        }
    };
    show_tour(&state, &member, id, StatusCode::OK, outcome).await
}

pub async fn update_tour(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<TourInput>,
) -> Result<Response, AppError> {
    state
        .store
        .tour(member.org.id, TourId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let store = async |settings: &TourSettings| {
        let (actor, tour) = (member.actor(), Some(TourId(id)));
        let now = clock::now();
        state
            .store
            .save_tour(member.org.id, tour, settings, &actor, now)
            .await
    };
    let answers = [Answer::unknown(&unknown_reference::<TourSettings>)];
    match submit(form.validate(), store, &answers).await? {
        Submitted::Stored(_) => {
            Ok(Saved::Settings.redirect(&format!("/admin/{}/tours/{id}", member.org.slug)))
        }
        Submitted::Refused(status, errors) => {
            let outcome = TourOutcome {
                errors,
                tour_form: Some(form),
                ..TourOutcome::default()
            };
            show_tour(&state, &member, id, status, outcome).await
        }
    }
}

pub async fn archive_tour(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<ArchiveForm>,
) -> Result<Response, AppError> {
    state
        .store
        .set_archived(
            member.org.id,
            Archivable::Tour(TourId(id)),
            form.archived,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(Saved::Archived.redirect(&format!("/admin/{}/tours/{id}", member.org.slug)))
}

#[derive(Template)]
#[template(path = "pages/engagement_edit.html")]
struct EngagementPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    can_edit: bool,
    id: EngagementId,
    title: String,
    archived: bool,
    notice: Option<String>,
    errors: Vec<String>,
    campaigns: Vec<(CampaignId, String, bool)>,
    report: VisitReport,
    form: EngagementInput,
    kinds: Vec<(&'static str, String)>,
    tour_choices: Vec<(TourId, String)>,
    other_languages: Vec<WordsLine>,
}

/// What an event's page shows besides the event: a save's notice, or the refused form.
#[derive(Default)]
struct Shown {
    notice: Option<String>,
    errors: Vec<String>,
    form: Option<EngagementInput>,
    /// The refused form of words in other languages, shown as sent.
    words: Option<Vec<(String, String)>>,
}

/// One of the organization's other languages on an event's page, with the words given in it.
struct WordsLine {
    code: &'static str,
    name: &'static str,
    dir: &'static str,
    title: String,
    venue: String,
    city: String,
}

/// The organization's languages besides its default one: those an event's own title and venue
/// are not written in.
fn other_languages(member: &OrgStaff) -> Vec<Language> {
    let org = &member.org;
    org.languages
        .iter()
        .copied()
        .filter(|l| *l != org.default_language)
        .collect()
}

fn words_lines(
    member: &OrgStaff,
    engagement: &Engagement,
    sent: Option<&[(String, String)]>,
) -> Vec<WordsLine> {
    other_languages(member)
        .into_iter()
        .map(|language| {
            let stored = engagement.words.iter().find(|w| w.language == language);
            let field = |name: &str, stored: Option<&String>| match sent {
                Some(pairs) => pairs
                    .iter()
                    .find(|(key, _)| key == &format!("{name}_{}", language.code()))
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default(),
                None => stored.cloned().unwrap_or_default(),
            };
            WordsLine {
                code: language.code(),
                name: language.native_name(),
                dir: language.dir(),
                title: field("title", stored.map(|w| &w.title)),
                venue: field("venue", stored.map(|w| &w.venue)),
                city: field("city", stored.map(|w| &w.city)),
            }
        })
        .collect()
}

async fn show_engagement(
    state: &AppState,
    member: &OrgStaff,
    id: i64,
    status: StatusCode,
    shown: Shown,
) -> Result<Response, AppError> {
    let engagement = state
        .store
        .engagement(member.org.id, EngagementId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let linked = state
        .store
        .engagement_campaign_ids(member.org.id, engagement.id)
        .await?;
    let campaigns = state
        .store
        .campaigns(member.org.id, false)
        .await?
        .into_iter()
        .map(|c| (c.id, c.settings.theme.clone(), linked.contains(&c.id)))
        .collect();
    let choices = choices(state, member).await?;
    render_with(
        status,
        &EngagementPage {
            layout: Layout::org(state, member, &engagement.settings.title).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            can_edit: member.role.allows(Permission::EditProgram),
            id: engagement.id,
            title: engagement.settings.title.clone(),
            archived: engagement.archived,
            notice: shown.notice,
            errors: shown.errors,
            campaigns,
            report: visit_report::load(state, member.org.id, VisitScope::Engagement(engagement.id))
                .await?,
            form: shown
                .form
                .unwrap_or_else(|| EngagementInput::from(&engagement.settings)),
            kinds: kinds(&member.staff),
            tour_choices: choices.tours,
            other_languages: words_lines(member, &engagement, shown.words.as_deref()),
        },
    )
}

pub async fn edit_engagement(
    State(state): State<AppState>,
    member: OrgStaff,
    ItemId(id): ItemId,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let shown = Shown {
        notice: query.notice(member.staff.language),
        ..Shown::default()
    };
    show_engagement(&state, &member, id, StatusCode::OK, shown).await
}

pub async fn update_engagement(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<EngagementInput>,
) -> Result<Response, AppError> {
    state
        .store
        .engagement(member.org.id, EngagementId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let store = async |settings: &EngagementSettings| {
        let (actor, engagement) = (member.actor(), Some(EngagementId(id)));
        let now = clock::now();
        let org = member.org.id;
        state
            .store
            .save_engagement(org, engagement, settings, &actor, now)
            .await
    };
    let answers = [Answer::unknown(&unknown_reference::<EngagementSettings>)];
    match submit(form.validate(), store, &answers).await? {
        Submitted::Stored(_) => {
            Ok(Saved::Settings.redirect(&format!("/admin/{}/engagements/{id}", member.org.slug)))
        }
        Submitted::Refused(status, errors) => {
            let shown = Shown {
                errors,
                form: Some(form),
                ..Shown::default()
            };
            show_engagement(&state, &member, id, status, shown).await
        }
    }
}

pub async fn set_engagement_campaigns(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let ids: Vec<CampaignId> = ids_from(&pairs, "campaign")?
        .into_iter()
        .map(CampaignId)
        .collect();
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
    Ok(Saved::Links.redirect(&format!("/admin/{}/engagements/{id}", member.org.slug)))
}

/// `POST /admin/{org}/engagements/{id}/languages`: the event's title, venue and city in the
/// organization's other languages.
pub async fn set_engagement_words(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    match words_from_form(&pairs, &other_languages(&member)) {
        Ok(words) => {
            state
                .store
                .set_engagement_words(
                    member.org.id,
                    EngagementId(id),
                    &words,
                    &member.actor(),
                    clock::now(),
                )
                .await?;
            Ok(Saved::Languages.redirect(&format!("/admin/{}/engagements/{id}", member.org.slug)))
        }
        Err(refused) => {
            let shown = Shown {
                errors: said(&refused),
                words: Some(pairs),
                ..Shown::default()
            };
            show_engagement(&state, &member, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await
        }
    }
}

pub async fn archive_engagement(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<ArchiveForm>,
) -> Result<Response, AppError> {
    state
        .store
        .set_archived(
            member.org.id,
            Archivable::Engagement(EngagementId(id)),
            form.archived,
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(Saved::Archived.redirect(&format!("/admin/{}/engagements/{id}", member.org.slug)))
}
