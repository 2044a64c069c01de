//! The live tally for the venue's big screen: `GET /{org}/{campaign}/live` (full screen:
//! totals, progress toward the goal, the QR code, the latest supporters — only those staff
//! approved — and gifts above the organization's threshold) and `GET …/live/events`, the same
//! as server-sent events.
//!
//! The snapshot comes from the campaign's feed (`app::live`), built once for every screen:
//! each connection here only forwards it.

use axum::routing::get;
use axum::Router;
use std::convert::Infallible;

use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, Sse};
use axum::response::Response;
use futures_util::Stream;
use tokio::sync::watch;

use super::actions::{language_of, view_of, FormQuery};
use super::forms::private_page;
use super::views::{CampaignView, Counted};
use super::{not_found, streams};
use crate::app::live::{self, EntryJson, LiveCampaign, MoneyJson};
use crate::domain::language::Language;
use crate::domain::money::Money;
use crate::domain::qr;
use crate::domain::touchpoint::Channel;
use crate::i18n;
use crate::web::assets::{LIVE_SCRIPT, LIVE_STYLESHEET, PUBLIC_SCRIPT};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{org}/{campaign}/live", get(page))
        .route("/{org}/{campaign}/live/events", get(events))
}

/// The feed of the campaign `view` shows.
async fn follow(
    state: &AppState,
    view: &CampaignView,
) -> Result<watch::Receiver<live::Shared>, AppError> {
    let campaign = LiveCampaign {
        org: view.org_id(),
        campaign: view.campaign_id(),
        goal_money: view.goal_money(),
        goal_actions: view.goal_actions(),
    };
    Ok(state.live.follow(campaign).await?)
}

/// `GET /{org}/{campaign}/live/events`: the snapshot now and at every change (`event: tally`,
/// its `id` naming it), a heartbeat (`event: ping`) when nothing changes; a screen coming back
/// with the id of what it shows gets only what changed since (`web/public/streams.rs`).
pub async fn events(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let view = view_of(&state, org, campaign)
        .await?
        .ok_or(AppError::NotFound)?;
    let receiver = follow(&state, &view).await?;
    let start = ScreenStream {
        receiver,
        shutdown: state.shutdown.clone(),
        shown: streams::Shown::new(streams::last_event_id(&headers, query.as_deref())),
        first: true,
    };
    Ok(streams::sse(start))
}

/// Where a venue screen's stream stands.
struct ScreenStream {
    receiver: watch::Receiver<live::Shared>,
    shutdown: tokio_util::sync::CancellationToken,
    shown: streams::Shown,
    first: bool,
}

impl streams::EventSource for ScreenStream {
    /// The snapshot when it differs from what the screen shows, else a heartbeat when one is
    /// due; None at shutdown.
    async fn next(&mut self) -> Option<Event> {
        loop {
            let changed = std::mem::take(&mut self.first)
                || tokio::select! {
                    changed = self.receiver.changed() => { changed.ok()?; true }
                    () = tokio::time::sleep_until(self.shown.ping_at()) => false,
                    () = self.shutdown.cancelled() => return None,
                };
            let current = changed.then(|| self.receiver.borrow_and_update().clone());
            let data = current.as_ref().map(|c| c.1.as_str());
            if let Some(event) = self.shown.answer("tally", data) {
                return Some(event);
            }
        }
    }
}

struct EntryLine {
    who: String,
    message: String,
}

#[derive(Template)]
#[template(path = "public/live.html")]
struct LivePage<'a> {
    lang: Language,
    title: &'a str,
    org_name: &'a str,
    stylesheet: &'a str,
    /// public.js: follows the stream (`chorusFollow`).
    follow_script: &'a str,
    script: &'a str,
    events_url: String,
    people: Counted,
    raised: Option<String>,
    goal: Option<String>,
    progress: Option<u8>,
    qr_svg: String,
    qr_url: String,
    entries: Vec<EntryLine>,
}

impl LivePage<'_> {
    fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key)
    }
}

fn entry_line(lang: Language, entry: &EntryJson) -> EntryLine {
    match &entry.gift {
        Some(gift) => EntryLine {
            who: i18n::text(lang, "live-gift"),
            message: money_text(lang, gift).unwrap_or_default(),
        },
        None => EntryLine {
            who: entry
                .name
                .clone()
                .unwrap_or_else(|| i18n::text(lang, "live-anonymous")),
            message: entry.message.clone(),
        },
    }
}

fn money_text(lang: Language, money: &MoneyJson) -> Option<String> {
    let currency = crate::domain::money::Currency::parse(money.currency).ok()?;
    Some(i18n::money(
        lang,
        Money {
            minor: money.minor,
            currency,
        },
    ))
}

/// The address the screen's QR code leads to: the campaign's stage-screen code if it has one
/// (so the scans count there), else the campaign page.
async fn qr_target(state: &AppState, view: &CampaignView) -> Result<String, AppError> {
    let stage = state
        .store
        .touchpoints(view.org_id())
        .await?
        .into_iter()
        .find(|t| {
            t.campaign_id == view.campaign_id() && t.channel == Channel::StageScreen && !t.retired
        });
    let path = match stage {
        Some(touchpoint) => format!("/t/{}/q", touchpoint.code),
        None => format!("/{}/{}", view.org_slug(), view.campaign_slug()),
    };
    Ok(state
        .base_url
        .join(&path)
        .map_or(path, |url| url.to_string()))
}

/// `GET /{org}/{campaign}/live`.
pub async fn page(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(view) = view_of(&state, org, campaign).await? else {
        return Ok(not_found(&headers, None));
    };
    let lang = language_of(&view, query.lang.as_deref(), &headers);
    let receiver = follow(&state, &view).await?;
    let current = receiver.borrow().clone();
    let snapshot = &current.0;
    let qr_url = qr_target(&state, &view).await?;
    let qr_svg = qr::svg(&qr_url, 320)
        .map(|svg| {
            // Inline in HTML: without the XML declaration.
            svg.find("<svg")
                .map_or(svg.clone(), |start| svg[start..].to_string())
        })
        .unwrap_or_default();
    let html = LivePage {
        lang,
        title: view.title(lang),
        org_name: view.org_name(),
        stylesheet: &LIVE_STYLESHEET,
        follow_script: &PUBLIC_SCRIPT,
        script: &LIVE_SCRIPT,
        events_url: format!("/{}/{}/live/events", view.org_slug(), view.campaign_slug()),
        people: Counted::new(lang, "pledges-count", snapshot.people),
        raised: snapshot.raised.as_ref().and_then(|m| money_text(lang, m)),
        goal: match (&snapshot.goal_money, snapshot.goal_people) {
            (Some(goal), _) => money_text(lang, goal),
            (None, Some(goal)) => Some(i18n::number(lang, goal)),
            _ => None,
        },
        progress: snapshot.progress,
        qr_svg,
        qr_url,
        entries: snapshot
            .entries
            .iter()
            .map(|e| entry_line(lang, e))
            .collect(),
    }
    .render()?;
    Ok(private_page(axum::http::StatusCode::OK, html))
}
