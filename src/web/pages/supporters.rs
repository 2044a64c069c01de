//! `/admin/{org}/campaigns/{id}/actions`: a campaign's pledges and subscriptions for staff —
//! list, search, mark as spam or restore, invalidate a batch (by address, email domain or time
//! window), and export as CSV. Counters are recomputed exactly after every change, and audited.

use axum::routing::{get, post};
use axum::Router;
use std::net::IpAddr;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::campaigns::load;
use super::{redirect_with_notice, render_with, ticked_actions, Layout};
use crate::clock;
use crate::domain::dates::local_time;
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::spreadsheet::SafeCsv;
use crate::domain::supporter::{address_tag, ActionStatus};
use crate::domain::time::Timestamp;
use crate::store::{ActionCounts, ActionFilter, ActionRow, SpamSelection};
use crate::web::paths::ItemId;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/campaigns/{id}/actions", get(list))
        .route("/admin/{org}/campaigns/{id}/actions.csv", get(export))
        .route(
            "/admin/{org}/campaigns/{id}/actions/moderate",
            post(moderate),
        )
        .route(
            "/admin/{org}/campaigns/{id}/actions/invalidate",
            post(invalidate),
        )
}

const PAGE_SIZE: i64 = 100;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    q: Option<String>,
    page: Option<i64>,
    notice: Option<String>,
}

struct Line {
    row: ActionRow,
    created: String,
    /// Shown while no SMTP server sends it (the demo, or a broken mail setup).
    confirm_link: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/actions.html")]
struct ActionsPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    campaign_id: CampaignId,
    theme: String,
    counts: ActionCounts,
    lines: Vec<Line>,
    statuses: Vec<&'static str>,
    status: String,
    q: String,
    page: i64,
    more: bool,
    mail_enabled: bool,
    notice: Option<String>,
    errors: Vec<String>,
}

fn filter_of(query: &ListQuery) -> Result<ActionFilter, AppError> {
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(ActionStatus::parse(s).ok_or_else(|| {
            AppError::BadRequest(format!(
                "Status '{s}' is not one of pending, confirmed, spam, expired."
            ))
        })?),
        None => None,
    };
    Ok(ActionFilter {
        status,
        text: query
            .q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_owned),
        limit: PAGE_SIZE + 1,
        offset: query.page.unwrap_or(0).max(0) * PAGE_SIZE,
    })
}

async fn show(
    state: &AppState,
    member: &Allowed<grants::Supporters>,
    id: i64,
    query: &ListQuery,
    status: StatusCode,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let campaign = load(state, member, id).await?;
    let filter = filter_of(query)?;
    let mut rows = state
        .store
        .campaign_actions(member.org.id, campaign.id, &filter)
        .await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let mail_enabled = state.intake.mail_enabled();
    let lines = rows
        .into_iter()
        .map(|row| Line {
            created: Timestamp::from_unix_micros(row.created_at).to_utc_string(),
            confirm_link: (!mail_enabled && row.status == "pending").then(|| {
                let created = Timestamp::from_unix_micros(row.created_at);
                state.link(&state.intake.confirmation_path(row.id, created))
            }),
            row,
        })
        .collect();
    render_with(
        status,
        &ActionsPage {
            layout: Layout::org(
                state,
                member,
                &crate::i18n::staff_with(
                    member.staff.language,
                    "supporters-heading",
                    &[("campaign", &campaign.settings.theme)],
                ),
            )
            .await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            campaign_id: campaign.id,
            theme: campaign.settings.theme.clone(),
            counts: state
                .store
                .action_counts(campaign.org_id, campaign.id)
                .await?,
            lines,
            statuses: ActionStatus::ALL.iter().map(|s| s.as_str()).collect(),
            status: query.status.clone().unwrap_or_default(),
            q: query.q.clone().unwrap_or_default(),
            page: query.page.unwrap_or(0).max(0),
            more,
            mail_enabled,
            notice: query.notice.clone(),
            errors,
        },
    )
}

pub async fn list(
    State(state): State<AppState>,
    member: Allowed<grants::Supporters>,
    ItemId(id): ItemId,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    show(&state, &member, id, &query, StatusCode::OK, Vec::new()).await
}

/// The list again with the reason nothing changed.
async fn refused(
    state: &AppState,
    member: &Allowed<grants::Supporters>,
    id: i64,
    problem: String,
) -> Result<Response, AppError> {
    let query = ListQuery::default();
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    show(state, member, id, &query, status, vec![problem]).await
}

fn back(member: &OrgStaff, id: i64, notice: &str) -> Response {
    let path = format!("/admin/{}/campaigns/{id}/actions", member.org.slug);
    redirect_with_notice(&path, notice)
}

/// Publishes a campaign's recounted figures to its live counters and pages.
async fn publish(state: &AppState, org: OrgId, campaign: CampaignId) -> Result<(), AppError> {
    let counts = state.store.action_counts(org, campaign).await?;
    state.tallies.publish(org, campaign, counts);
    Ok(())
}

/// `POST …/actions/moderate`: `op` spam or restore, for the ticked `action` ids.
pub async fn moderate(
    State(state): State<AppState>,
    member: Allowed<grants::Supporters>,
    ItemId(id): ItemId,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let ids = ticked_actions(&fields)?;
    if ids.is_empty() {
        return refused(
            &state,
            &member,
            id,
            "Tick at least one action first.".into(),
        )
        .await;
    }
    let op = fields
        .iter()
        .find(|(k, _)| k == "op")
        .map(|(_, v)| v.as_str());
    let (actor, now) = (member.actor(), clock::now());
    let notice = match op {
        Some("spam") => {
            let selection = SpamSelection::Actions(ids);
            let n = state
                .store
                .mark_spam(member.org.id, campaign.id, &selection, &actor, now)
                .await?;
            crate::i18n::staff_with(
                member.staff.language,
                "supporters-marked-spam",
                &[("count", &n.to_string())],
            )
        }
        Some("restore") => {
            let n = state
                .store
                .restore_actions(member.org.id, campaign.id, &ids, &actor, now)
                .await?;
            crate::i18n::staff_with(
                member.staff.language,
                "supporters-restored",
                &[("count", &n.to_string())],
            )
        }
        _ => {
            return Err(AppError::BadRequest(
                "Choose whether to mark as spam or restore.".into(),
            ))
        }
    };
    publish(&state, campaign.org_id, campaign.id).await?;
    Ok(back(&member, id, &notice))
}

#[derive(Deserialize)]
pub struct InvalidateForm {
    by: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    domain: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl InvalidateForm {
    async fn selection(&self, state: &AppState, org_id: i64) -> Result<SpamSelection, String> {
        match self.by.as_str() {
            "address" => {
                let ip: IpAddr = self.address.trim().parse().map_err(|_| {
                    format!(
                        "Address: '{}' is not an IP address (e.g. 203.0.113.7).",
                        self.address.trim()
                    )
                })?;
                // Only the tag is stored; it can be matched while the day's secret is kept.
                let secrets = state
                    .visits
                    .kept_secrets()
                    .await
                    .map_err(|e| e.to_string())?;
                let tags = secrets.iter().map(|s| address_tag(s, org_id, ip)).collect();
                Ok(SpamSelection::AddressTags(tags))
            }
            "domain" => {
                let domain = self.domain.trim().trim_start_matches('@').to_lowercase();
                if domain.is_empty()
                    || !domain.contains('.')
                    || domain.contains(char::is_whitespace)
                {
                    return Err(format!(
                        "Email domain: '{}' is not a domain (e.g. spam.example).",
                        self.domain.trim()
                    ));
                }
                Ok(SpamSelection::EmailDomain(domain))
            }
            "window" => {
                let utc = |field, input: &str| {
                    local_time(field, input, &jiff::tz::TimeZone::UTC)
                        .map(|(_, instant)| instant)
                        .map_err(|e| e.to_string())
                };
                let from = utc("From (UTC)", &self.from)?;
                let to = utc("To (UTC)", &self.to)?;
                if to <= from {
                    return Err("To must be after From.".into());
                }
                Ok(SpamSelection::Window { from, to })
            }
            other => Err(format!(
                "'{other}' is not a way to choose actions (address, domain or window)."
            )),
        }
    }
}

/// `POST …/actions/invalidate`: marks a batch as spam by address, email domain or time window.
pub async fn invalidate(
    State(state): State<AppState>,
    member: Allowed<grants::Supporters>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<InvalidateForm>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let selection = match form.selection(&state, member.org.id.0).await {
        Ok(selection) => selection,
        Err(problem) => return refused(&state, &member, id, problem).await,
    };
    let n = state
        .store
        .mark_spam(
            member.org.id,
            campaign.id,
            &selection,
            &member.actor(),
            clock::now(),
        )
        .await?;
    publish(&state, campaign.org_id, campaign.id).await?;
    Ok(back(
        &member,
        id,
        &crate::i18n::staff_with(
            member.staff.language,
            "supporters-marked-spam",
            &[("count", &n.to_string())],
        ),
    ))
}

/// `GET …/actions.csv`: every action of the campaign (matching the list's filter), one row each.
pub async fn export(
    State(state): State<AppState>,
    member: Allowed<grants::Supporters>,
    ItemId(id): ItemId,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let campaign = load(&state, &member, id).await?;
    let mut filter = filter_of(&query)?;
    filter.limit = i64::MAX;
    filter.offset = 0;
    let rows = state
        .store
        .campaign_actions(member.org.id, campaign.id, &filter)
        .await?;
    let mut sheet = SafeCsv::default();
    sheet.text_row([
        "id",
        "kind",
        "status",
        "held",
        "name",
        "email",
        "country",
        "message",
        "show_name",
        "language",
        "touchpoint",
        "engagement_id",
        "created_utc",
        "confirmed_utc",
        "consent_version",
        "consent_text",
    ]);
    for r in &rows {
        let when = |micros: i64| Timestamp::from_unix_micros(micros).to_utc_string();
        sheet.text_row([
            r.id.to_string().as_str(),
            &r.kind,
            &r.status,
            if r.held { "yes" } else { "no" },
            &r.name,
            &r.email,
            &r.country,
            &r.message,
            if r.show_name { "yes" } else { "no" },
            &r.language,
            r.touchpoint_code.as_deref().unwrap_or_default(),
            &r.engagement_id.map(|e| e.to_string()).unwrap_or_default(),
            &when(r.created_at),
            &r.confirmed_at.map(when).unwrap_or_default(),
            &r.consent_version,
            &r.consent_text,
        ]);
    }
    let body = sheet.into_bytes();
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let name = format!(
        "attachment; filename=\"{}-supporters.csv\"",
        campaign.settings.slug
    );
    if let Ok(value) = HeaderValue::from_str(&name) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
