//! The public pages: an organization's live campaigns (`/{org}`), a campaign (`/{org}/{campaign}`)
//! in the visitor's language, and uploaded images (`/media/{id}`).
//!
//! Each page is rendered once per (page, language, content version), kept in memory with its
//! gzip and brotli forms, and revalidated by ETag. The content version comes from the store, so
//! an edit shows on the next request, also across processes sharing PostgreSQL.

pub mod actions;
mod cache;
pub mod donate;
mod forms;
pub mod links;
pub mod live;
mod streams;
pub mod transparency;
mod views;

use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub use cache::RenderedPage;
use views::OrgView;
pub use views::{CampaignView, Frame};

use super::{AppError, AppState};
use crate::app::visits::VisitContext;
use crate::domain::language::{negotiate, Language};
use crate::store::{Store, VisitSource};
use crate::web::session::Staff;

/// The public pages' routes: the organization and campaign pages here, and each part's own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/media/{id}", get(media))
        .route("/{org}", get(org_page))
        .route("/{org}/{campaign}", get(campaign_page))
        .merge(links::routes())
        .merge(actions::routes())
        .merge(donate::routes())
        .merge(live::routes())
        .merge(transparency::routes())
}

/// How often at most a cached page is reloaded because its counts moved.
const COUNTS_REFRESH: std::time::Duration = std::time::Duration::from_secs(2);

/// Entries kept before the cache starts over (bounds memory under slug-guessing traffic).
const MAX_ENTRIES: usize = 10_000;

/// One rendering of a page: its language, and the touchpoint its links carry.
type PageKey = (Language, Option<Arc<str>>);

/// A page's data at one content version, and its renderings by language.
struct Entry<V> {
    version: i64,
    view: Arc<V>,
    pages: Mutex<HashMap<PageKey, Arc<RenderedPage>>>,
    /// The live counts' version it was loaded at (see [`crate::app::tallies`]), and when.
    tally_version: u64,
    loaded: std::time::Instant,
}

/// Cached pages by key (organization slug, or organization and campaign slugs).
type Pages<K, V> = RwLock<HashMap<K, Arc<Entry<V>>>>;

/// In-memory public pages, shared by every request.
#[derive(Default)]
pub struct PublicPages {
    campaigns: Pages<(String, String), CampaignView>,
    orgs: Pages<String, OrgView>,
}

/// What a view needs to take part in caching and language choice.
trait View: Sized + Send + Sync + 'static {
    fn languages(&self) -> &[Language];
    fn default_language(&self) -> Language;
    /// The page in `language`, its links carrying `touchpoint` (a known code) when given.
    fn render(&self, language: Language, touchpoint: Option<&str>) -> Result<String, AppError>;
    /// When the loaded data stops being right with nothing stored changing (a campaign
    /// passing its last day closes); None: only a change of content makes it stale.
    fn fresh_until(&self) -> Option<crate::domain::time::Timestamp> {
        None
    }
}

impl<V> Entry<V> {
    /// Whether counts changed since this entry was loaded and it is old enough to reload:
    /// pages follow the counters at most every [`COUNTS_REFRESH`] without JavaScript.
    fn counts_stale(&self, tally_version: u64) -> bool {
        self.tally_version != tally_version && self.loaded.elapsed() >= COUNTS_REFRESH
    }
}

impl<V: View> Entry<V> {
    fn page(
        &self,
        language: Language,
        touchpoint: Option<Arc<str>>,
    ) -> Result<Arc<RenderedPage>, AppError> {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        let key = (language, touchpoint);
        if let Some(page) = pages.get(&key) {
            return Ok(page.clone());
        }
        let html = self.view.render(language, key.1.as_deref())?;
        let page = Arc::new(RenderedPage::new(html, language));
        pages.insert(key, page.clone());
        Ok(page)
    }
}

/// Finds a fresh entry for `key`, or loads the view (None: no such public page) and stores it.
async fn fresh_entry<K, V, F, Fut>(
    map: &Pages<K, V>,
    key: K,
    version: i64,
    tally_version: u64,
    load: F,
) -> Result<Option<Arc<Entry<V>>>, AppError>
where
    K: std::hash::Hash + Eq,
    V: View,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Option<V>, AppError>>,
{
    if let Some(entry) = map
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .filter(|e| e.version == version && !e.counts_stale(tally_version))
        .filter(|e| {
            e.view
                .fresh_until()
                .is_none_or(|until| crate::clock::now() < until)
        })
    {
        return Ok(Some(entry.clone()));
    }
    let Some(view) = load().await? else {
        return Ok(None);
    };
    let entry = Arc::new(Entry {
        version,
        view: Arc::new(view),
        pages: Mutex::new(HashMap::new()),
        tally_version,
        loaded: std::time::Instant::now(),
    });
    let mut map = map.write().unwrap_or_else(|e| e.into_inner());
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(key, entry.clone());
    Ok(Some(entry))
}

#[derive(Deserialize, Default)]
struct LangQuery {
    lang: Option<String>,
}

fn requested_language(query: Option<&str>) -> Option<String> {
    serde_urlencoded::from_str::<LangQuery>(query.unwrap_or_default())
        .unwrap_or_default()
        .lang
}

fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
}

/// The page in the visitor's language, and that language.
fn respond<V: View>(
    entry: &Entry<V>,
    query: Option<&str>,
    headers: &HeaderMap,
    touchpoint: Option<Arc<str>>,
) -> Result<(Language, Response), AppError> {
    let view = &entry.view;
    let language = negotiate(
        requested_language(query).as_deref(),
        accept_language(headers),
        view.languages(),
        view.default_language(),
    );
    Ok((
        language,
        entry
            .page(language, touchpoint)?
            .respond(headers, StatusCode::OK),
    ))
}

#[derive(Deserialize, Default)]
struct TouchpointQuery {
    tp: Option<String>,
}

/// A campaign's cached page data (None: no such public page).
async fn campaign_entry(
    state: &AppState,
    org: String,
    campaign: String,
) -> Result<Option<Arc<Entry<CampaignView>>>, AppError> {
    let version = state.store.content_version().await?;
    let store = state.store.clone();
    let key = (org.clone(), campaign.clone());
    let tally = state.tallies.version();
    fresh_entry(
        &state.public_pages.campaigns,
        key,
        version,
        tally,
        || async move { Ok(CampaignView::load(&store, &org, &campaign).await?) },
    )
    .await
}

/// The touchpoint code of `?tp=`, when it is a known code leading to `campaign`: carried into
/// the page's links so that an action made from it is attributed. Anything else is ignored.
async fn touchpoint_of(
    state: &AppState,
    query: Option<&str>,
    campaign: crate::domain::ids::CampaignId,
) -> Result<Option<Arc<str>>, AppError> {
    let Some(code) = serde_urlencoded::from_str::<TouchpointQuery>(query.unwrap_or_default())
        .unwrap_or_default()
        .tp
    else {
        return Ok(None);
    };
    let route = state.directory.lookup(state, &code).await?;
    Ok(route
        .filter(|r| r.campaign_id == campaign)
        .map(|r| Arc::from(r.code.as_str())))
}

/// `GET /{org}/{campaign}`. A visit that arrives through a touchpoint was counted at the
/// redirect; only direct visits are counted here.
pub async fn campaign_page(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let entry = campaign_entry(&state, org, campaign).await?;
    let Some(entry) = entry else {
        return Ok(not_found(&headers, query.as_deref()));
    };
    let touchpoint = touchpoint_of(&state, query.as_deref(), entry.view.campaign_id()).await?;
    let via_touchpoint = touchpoint.is_some();
    let (language, response) = respond(&entry, query.as_deref(), &headers, touchpoint)?;
    if !via_touchpoint {
        let own_host = state.base_url.host_str().unwrap_or_default();
        state
            .visits
            .record(VisitContext {
                org_id: entry.view.org_id(),
                touchpoint_id: None,
                campaign_id: entry.view.campaign_id(),
                language,
                source: VisitSource::Page,
                client_ip: super::client::address(peer, &headers, &state.config.trusted_proxies),
                headers: super::client::visit_headers(&headers),
                own_host,
            })
            .await;
    }
    Ok(response)
}

/// `GET /{org}`.
pub async fn org_page(
    State(state): State<AppState>,
    Path(org): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let version = state.store.content_version().await?;
    let store: Store = state.store.clone();
    let slug = org.clone();
    let tally = state.tallies.version();
    let entry = fresh_entry(
        &state.public_pages.orgs,
        org,
        version,
        tally,
        || async move { Ok(OrgView::load(&store, &slug).await?) },
    )
    .await?;
    match entry {
        Some(entry) => Ok(respond(&entry, query.as_deref(), &headers, None)?.1),
        None => Ok(not_found(&headers, query.as_deref())),
    }
}

/// The public "page not found", in the visitor's language.
pub fn not_found(headers: &HeaderMap, query: Option<&str>) -> Response {
    let language = negotiate(
        requested_language(query).as_deref(),
        accept_language(headers),
        &Language::ALL,
        Language::En,
    );
    match views::not_found(language) {
        Ok(html) => RenderedPage::new(html, language).respond(headers, StatusCode::NOT_FOUND),
        Err(err) => err.into_response(),
    }
}

/// `GET /media/{id}`: an uploaded image. One that a public page shows is open to anyone and cached
/// for a year (images never change once stored); any other (a draft's hero, a photo) only to the
/// staff of its organization, never cached.
pub async fn media(
    State(state): State<AppState>,
    Path(id): Path<String>,
    staff: Result<Staff, AppError>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let image = state.store.image(id).await?.ok_or(AppError::NotFound)?;
    if !image.public {
        let staff = staff.map_err(|_| AppError::NotFound)?;
        state
            .store
            .role_in(image.org_id, staff.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let cache = if image.public {
        "public, max-age=31536000, immutable"
    } else {
        "private, no-store"
    };
    let mut response = image.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&image.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}
