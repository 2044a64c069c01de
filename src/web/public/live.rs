//! The live tally for the venue's big screen: `GET /{org}/{campaign}/live` (full screen:
//! totals, progress toward the goal, the QR code, the latest supporters — only those staff
//! approved — and gifts above the organization's threshold) and `GET …/live/events`, the same
//! as server-sent events.
//!
//! One feed per watched campaign reads the store and renders the snapshot once, however many
//! screens and phones follow it: after every committed action (the campaign's tally), after
//! money or moderation changes, and every two seconds for changes made by other processes.
//! Each connection only forwards the shared snapshot.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, Sse};
use axum::response::Response;
use futures_util::Stream;
use serde::Serialize;
use tokio::sync::watch;

use super::actions::{language_of, view_of, FormQuery};
use super::forms::private_page;
use super::not_found;
use super::views::CampaignView;
use crate::domain::ids::CampaignId;
use crate::domain::language::Language;
use crate::domain::money::Money;
use crate::domain::qr;
use crate::domain::touchpoint::Channel;
use crate::i18n;
use crate::store::LiveEntry;
use crate::web::assets::{LIVE_SCRIPT, LIVE_STYLESHEET};
use crate::web::{AppError, AppState};

/// How many supporters and gifts the screen lists.
const SHOWN: i64 = 8;
/// A feed re-reads at least this often (changes by other processes), and at most every
/// [`MIN_REBUILD`] however busy the campaign.
const POLL: Duration = Duration::from_secs(2);
const MIN_REBUILD: Duration = Duration::from_millis(200);
/// A quiet stream sends a heartbeat this often (proxies keep it open; the screen knows it lives).
const PING: Duration = Duration::from_secs(15);

/// One line of the feed, as the screen's script reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct EntryJson {
    /// None: a supporter who did not agree to show their name.
    name: Option<String>,
    message: String,
    gift: Option<MoneyJson>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
struct MoneyJson {
    minor: i64,
    currency: &'static str,
    units: u8,
}

impl From<Money> for MoneyJson {
    fn from(m: Money) -> Self {
        Self {
            minor: m.minor,
            currency: m.currency.code(),
            units: m.currency.minor_units(),
        }
    }
}

/// What every screen of a campaign shows: language-neutral (each screen formats numbers and
/// money in its own language).
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Snapshot {
    people: i64,
    goal_people: Option<i64>,
    raised: Option<MoneyJson>,
    goal_money: Option<MoneyJson>,
    /// Toward the money goal if there is one, else the actions goal: 0–100.
    progress: Option<u8>,
    entries: Vec<EntryJson>,
}

fn percent(value: i64, goal: i64) -> u8 {
    if goal <= 0 {
        return 0;
    }
    u8::try_from((value.max(0).saturating_mul(100) / goal).min(100)).unwrap_or(100)
}

async fn snapshot(state: &AppState, view: &CampaignView) -> Result<Snapshot, AppError> {
    let campaign = view.campaign_id();
    let counts = state.store.action_counts(view.org_id(), campaign).await?;
    // Confirmed signatures, as the campaign page counts them: one number, one meaning.
    let people = counts.pledges;
    let raised = match view.goal_money() {
        Some(goal) => {
            let (minor, _) = state
                .store
                .campaign_raised(view.org_id(), campaign, goal.currency)
                .await?;
            Some(Money {
                minor,
                currency: goal.currency,
            })
        }
        None => None,
    };
    let progress = match (raised, view.goal_money(), view.goal_actions()) {
        (Some(raised), Some(goal), _) => Some(percent(raised.minor, goal.minor)),
        (_, None, Some(goal)) => Some(percent(people, goal)),
        _ => None,
    };
    let entries = state
        .store
        .live_entries(view.org_id(), campaign, SHOWN)
        .await?
        .into_iter()
        .map(|entry| match entry {
            LiveEntry::Supporter { name, message, .. } => EntryJson {
                name,
                message,
                gift: None,
            },
            LiveEntry::Gift { amount, .. } => EntryJson {
                name: None,
                message: String::new(),
                gift: Some(amount.into()),
            },
        })
        .collect();
    Ok(Snapshot {
        people,
        goal_people: view.goal_actions(),
        raised: raised.map(Into::into),
        goal_money: view.goal_money().map(Into::into),
        progress,
        entries,
    })
}

type Feed = watch::Sender<Arc<(Snapshot, String)>>;

/// The feeds of the campaigns being watched in this process.
#[derive(Default)]
pub struct LiveFeeds {
    feeds: Mutex<HashMap<CampaignId, Feed>>,
}

impl LiveFeeds {
    /// Follows a campaign's feed, starting it if nobody watched it yet.
    async fn follow(
        state: &AppState,
        view: Arc<CampaignView>,
    ) -> Result<watch::Receiver<Arc<(Snapshot, String)>>, AppError> {
        let campaign = view.campaign_id();
        if let Some(feed) = state.live.lock().get(&campaign) {
            return Ok(feed.subscribe());
        }
        let first = snapshot(state, &view).await?;
        let json = serde_json::to_string(&first).unwrap_or_default();
        let mut feeds = state.live.lock();
        // Another request may have started it meanwhile.
        if let Some(feed) = feeds.get(&campaign) {
            return Ok(feed.subscribe());
        }
        let (sender, receiver) = watch::channel(Arc::new((first, json)));
        feeds.insert(campaign, sender.clone());
        tokio::spawn(run_feed(state.clone(), view, sender));
        Ok(receiver)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<CampaignId, Feed>> {
        self.feeds.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Campaigns with a running feed (for `/metrics` and tests).
    pub fn watched(&self) -> usize {
        self.lock().len()
    }
}

/// Keeps one campaign's snapshot current until nobody follows it.
async fn run_feed(state: AppState, view: Arc<CampaignView>, sender: Feed) {
    let campaign = view.campaign_id();
    let counts = state
        .store
        .action_counts(view.org_id(), campaign)
        .await
        .unwrap_or_default();
    let mut tally = state.tallies.subscribe(campaign, counts);
    let mut screens = state.tallies.follow_screens();
    loop {
        let woke = tokio::select! {
            changed = tally.changed() => changed.is_ok(),
            changed = screens.changed() => changed.is_ok(),
            () = tokio::time::sleep(POLL) => true,
            () = state.shutdown.cancelled() => false,
        };
        {
            let mut feeds = state.live.lock();
            if !woke || sender.receiver_count() == 0 {
                feeds.remove(&campaign);
                return;
            }
        }
        match snapshot(&state, &view).await {
            Ok(fresh) => {
                sender.send_if_modified(|current| {
                    if current.0 == fresh {
                        return false;
                    }
                    let json = serde_json::to_string(&fresh).unwrap_or_default();
                    *current = Arc::new((fresh, json));
                    true
                });
            }
            Err(err) => tracing::warn!(%err, "live tally: could not read the campaign"),
        }
        tokio::time::sleep(MIN_REBUILD).await;
    }
}

/// `GET /{org}/{campaign}/live/events`: the snapshot now and at every change.
pub async fn events(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let view = view_of(&state, org, campaign)
        .await?
        .ok_or(AppError::NotFound)?;
    let receiver = LiveFeeds::follow(&state, view).await?;
    let shutdown = state.shutdown.clone();
    let stream = futures_util::stream::unfold((receiver, true), move |(mut receiver, first)| {
        let shutdown = shutdown.clone();
        async move {
            if !first {
                tokio::select! {
                    changed = receiver.changed() => changed.ok()?,
                    // A heartbeat the screen's script sees (comments it would not).
                    () = tokio::time::sleep(PING) => {
                        return Some((Ok(Event::default().event("ping").data("")), (receiver, false)));
                    }
                    () = shutdown.cancelled() => return None,
                }
            }
            let current = receiver.borrow_and_update().clone();
            let event = Event::default()
                .event("tally")
                .retry(Duration::from_secs(1))
                .data(current.1.as_str());
            Some((Ok(event), (receiver, false)))
        }
    });
    Ok(Sse::new(stream))
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
    script: &'a str,
    events_url: String,
    people: String,
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
    let receiver = LiveFeeds::follow(&state, view.clone()).await?;
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
        script: &LIVE_SCRIPT,
        events_url: format!("/{}/{}/live/events", view.org_slug(), view.campaign_slug()),
        people: i18n::number(lang, snapshot.people),
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

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn progress_is_a_whole_percent_within_bounds() {
        assert_eq!(percent(50, 200), 25);
        assert_eq!(percent(999, 100), 100);
        assert_eq!(percent(-5, 100), 0);
        assert_eq!(percent(5, 0), 0);
    }
}
