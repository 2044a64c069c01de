//! `/admin/{org}/campaigns/{id}/live`: what the venue screen may show. Supporters' names and
//! messages stay off the screen until staff approve them here; gifts at or above the
//! organization's threshold appear by themselves.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use super::campaigns::load;
use super::{redirect_with_notice, render_with, ticked_actions, Layout};
use crate::clock;
use crate::domain::money::{Currency, Money};
use crate::domain::role::Permission;
use crate::domain::time::Timestamp;
use crate::store::{LiveCandidate, LiveDecision, LiveStanding};
use crate::web::paths::ItemId;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/campaigns/{id}/live", get(page))
        .route("/admin/{org}/campaigns/{id}/live/moderate", post(moderate))
        .route(
            "/admin/{org}/campaigns/{id}/live/threshold",
            post(set_threshold),
        )
}

/// Supporters listed per column of the moderation page, newest first.
const MODERATION_LIST: i64 = 200;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    notice: Option<String>,
}

struct Line {
    id: i64,
    who: String,
    message: String,
    at: String,
}

fn line(c: LiveCandidate) -> Line {
    Line {
        id: c.id,
        who: if c.show_name {
            c.name
        } else {
            "(name not to be shown)".into()
        },
        message: c.message,
        at: Timestamp::from_unix_micros(c.created_at).to_utc_string(),
    }
}

#[derive(Template)]
#[template(path = "pages/live.html")]
struct LivePage {
    layout: Layout,
    org_slug: String,
    campaign_id: i64,
    campaign_slug: String,
    csrf: String,
    waiting: Vec<Line>,
    approved: Vec<Line>,
    threshold: String,
    reporting_currency: String,
    notice: Option<String>,
    errors: Vec<String>,
}

async fn show(
    state: &AppState,
    member: &Allowed<grants::Supporters>,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let campaign = load(state, member, id).await?;
    let org = member.org.id;
    let reporting = reporting_currency(state, member).await?;
    let threshold = state
        .store
        .live_gift_threshold(org)
        .await?
        .map(|minor| {
            Money {
                minor,
                currency: reporting,
            }
            .major_string()
        })
        .unwrap_or_default();
    render_with(
        status,
        &LivePage {
            layout: Layout::org(state, member, &member.staff.t("live-heading")).await?,
            org_slug: member.org.slug.clone(),
            campaign_id: id,
            campaign_slug: campaign.settings.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            waiting: state
                .store
                .live_candidates(org, campaign.id, LiveStanding::Waiting, MODERATION_LIST)
                .await?
                .into_iter()
                .map(line)
                .collect(),
            approved: state
                .store
                .live_candidates(org, campaign.id, LiveStanding::Approved, MODERATION_LIST)
                .await?
                .into_iter()
                .map(line)
                .collect(),
            threshold,
            reporting_currency: reporting.code().into(),
            notice,
            errors,
        },
    )
}

async fn reporting_currency(state: &AppState, member: &OrgStaff) -> Result<Currency, AppError> {
    let code = state.store.reporting_currency(member.org.id).await?;
    Currency::parse(&code).map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn page(
    State(state): State<AppState>,
    member: Allowed<grants::Supporters>,
    ItemId(id): ItemId,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    show(
        &state,
        &member,
        id,
        StatusCode::OK,
        query.notice,
        Vec::new(),
    )
    .await
}

fn back(member: &OrgStaff, id: i64, notice: &str) -> Response {
    redirect_with_notice(
        &format!("/admin/{}/campaigns/{id}/live", member.org.slug),
        notice,
    )
}

/// `POST …/live/moderate`: `op` approve or reject, for the ticked `action` ids.
pub async fn moderate(
    State(state): State<AppState>,
    member: Allowed<grants::Supporters>,
    ItemId(id): ItemId,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let ids = ticked_actions(&fields)?;
    let decision = match fields
        .iter()
        .find(|(k, _)| k == "op")
        .map(|(_, v)| v.as_str())
    {
        Some("approve") => LiveDecision::Approve,
        Some("reject") => LiveDecision::Reject,
        _ => return Err(AppError::BadRequest("Choose approve or reject.".into())),
    };
    if ids.is_empty() {
        let problem = "Tick at least one supporter first.".to_string();
        return show(
            &state,
            &member,
            id,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            vec![problem],
        )
        .await;
    }
    let changed = state
        .store
        .moderate_live(
            member.org.id,
            campaign.id,
            &ids,
            decision,
            &member.actor(),
            clock::now(),
        )
        .await?;
    state.tallies.screens_moved();
    let key = match decision {
        LiveDecision::Approve => "live-shown",
        LiveDecision::Reject => "live-kept-off",
    };
    let notice = crate::i18n::staff_with(
        member.staff.language,
        key,
        &[("count", &changed.to_string())],
    );
    Ok(back(&member, id, &notice))
}

#[derive(Deserialize)]
pub struct ThresholdForm {
    threshold: String,
}

/// `POST …/live/threshold`: the gift from which gifts appear on screens (empty: never).
pub async fn set_threshold(
    State(state): State<AppState>,
    member: Allowed<grants::Supporters>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<ThresholdForm>,
) -> Result<Response, AppError> {
    // The screen it shows again lists supporters; setting the threshold edits the campaign.
    member.require(Permission::EditCampaigns)?;
    let currency = reporting_currency(&state, &member).await?;
    let text = form.threshold.trim();
    let threshold = if text.is_empty() {
        None
    } else {
        match Money::parse_positive(text, currency) {
            Ok(money) => Some(money.minor),
            Err(e) => {
                let problem = format!(
                    "Gift threshold: {e} (an amount in {}, such as 100).",
                    currency.code()
                );
                return show(
                    &state,
                    &member,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    None,
                    vec![problem],
                )
                .await;
            }
        }
    };
    state
        .store
        .set_live_gift_threshold(member.org.id, threshold, &member.actor(), clock::now())
        .await?;
    state.tallies.screens_moved();
    Ok(back(&member, id, "Gift threshold saved."))
}
