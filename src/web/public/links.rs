//! `GET /t/{code}` (a typed or clicked link) and `GET /t/{code}/q` (the URL inside the QR code):
//! redirect to the touchpoint's current target in the visitor's language, recording the visit;
//! and the QR codes themselves, `GET /t/{code}/qr.svg` and `qr.png`.
//!
//! The redirect reads an in-memory directory of codes, rebuilt when the content version moves
//! (any re-point, new code or campaign change), so it never waits for the database on SQLite and
//! makes one indexed read on PostgreSQL.

use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::not_found;
use crate::app::visits::VisitContext;
use crate::domain::language::negotiate;
use crate::domain::qr;
use crate::domain::touchpoint::Code;
use crate::store::{TouchpointRoute, VisitSource};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/t/{code}", get(follow))
        .route("/t/{code}/q", get(scan))
        .route("/t/{code}/qr.svg", get(qr_svg_image))
        .route("/t/{code}/qr.png", get(qr_png_image))
}

/// Every code's route, by code.
type Routes = Arc<HashMap<String, Arc<TouchpointRoute>>>;

/// Codes and their current targets at one content version.
#[derive(Default)]
pub struct Directory {
    current: RwLock<Option<(i64, Routes)>>,
}

impl Directory {
    /// The route of a code given in a URL, if the code is well-formed and known.
    pub async fn lookup(
        &self,
        state: &AppState,
        code: &str,
    ) -> Result<Option<Arc<TouchpointRoute>>, AppError> {
        match Code::parse(code) {
            Ok(code) => self.route(state, &code).await,
            Err(_) => Ok(None),
        }
    }

    async fn route(
        &self,
        state: &AppState,
        code: &Code,
    ) -> Result<Option<Arc<TouchpointRoute>>, AppError> {
        let version = state.store.content_version().await?;
        if let Some((cached, routes)) = self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            if *cached == version {
                return Ok(routes.get(code.as_str()).cloned());
            }
        }
        let routes: HashMap<String, Arc<TouchpointRoute>> = state
            .store
            .touchpoint_routes()
            .await?
            .into_iter()
            .map(|r| (r.code.clone(), Arc::new(r)))
            .collect();
        let found = routes.get(code.as_str()).cloned();
        *self.current.write().unwrap_or_else(|e| e.into_inner()) =
            Some((version, Arc::new(routes)));
        Ok(found)
    }
}

/// A short-link request as the server sees it before routing (`web::serve`): only a `GET` or
/// `HEAD` of `/t/{code}` or `/t/{code}/q` with a well-formed code that needs no percent-decoding.
/// Anything else (other methods, encoded or malformed codes, the QR images) takes the router's
/// way to the same handlers.
pub struct ShortLink {
    pub code: Code,
    pub source: VisitSource,
    /// The route template, as the router would label the request in metrics.
    pub route: &'static str,
}

impl ShortLink {
    pub fn of(method: &Method, path: &str) -> Option<Self> {
        if !matches!(*method, Method::GET | Method::HEAD) {
            return None;
        }
        let rest = path.strip_prefix("/t/")?;
        let (code, source, route) = match rest.strip_suffix("/q") {
            Some(code) => (code, VisitSource::Scan, "/t/{code}/q"),
            None => (rest, VisitSource::Link, "/t/{code}"),
        };
        if code.contains('%') {
            return None;
        }
        Some(Self {
            code: Code::parse(code).ok()?,
            source,
            route,
        })
    }
}

/// Redirects to the current target of `code`, recording the visit; a friendly 404 for a
/// malformed, unknown or retired code.
async fn redirect(
    state: &AppState,
    code: &str,
    peer: SocketAddr,
    headers: &HeaderMap,
    source: VisitSource,
) -> Result<Response, AppError> {
    match Code::parse(code) {
        Ok(code) => redirect_code(state, &code, peer, headers, source).await,
        Err(_) => Ok(not_found(headers, None)),
    }
}

/// [`redirect`] for a code already read.
pub async fn redirect_code(
    state: &AppState,
    code: &Code,
    peer: SocketAddr,
    headers: &HeaderMap,
    source: VisitSource,
) -> Result<Response, AppError> {
    let route = match state.directory.route(state, code).await? {
        Some(route) if route.live => route,
        _ => return Ok(not_found(headers, None)),
    };
    let accept_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let language = negotiate(
        None,
        accept_language,
        &route.languages,
        route.default_language,
    );
    // Only this organization's own page, built here: never a destination taken from the request.
    // Pieces pushed, not `format!`: this runs on every redirect.
    let mut location = String::with_capacity(
        route.org_slug.len() + route.campaign_slug.len() + code.as_str().len() + 16,
    );
    for piece in [
        "/",
        &route.org_slug,
        "/",
        &route.campaign_slug,
        "?lang=",
        language.code(),
        "&tp=",
        code.as_str(),
    ] {
        location.push_str(piece);
    }
    let own_host = state.base_url.host_str().unwrap_or_default();
    state
        .visits
        .record(VisitContext {
            org_id: route.org_id,
            touchpoint_id: Some(route.touchpoint_id),
            campaign_id: route.campaign_id,
            language,
            source,
            client_ip: crate::web::client::address(peer, headers, &state.config.trusted_proxies),
            headers: crate::web::client::visit_headers(headers),
            own_host,
        })
        .await;
    let mut response = StatusCode::FOUND.into_response();
    let out = response.headers_mut();
    out.insert(
        header::LOCATION,
        HeaderValue::from_maybe_shared(axum::body::Bytes::from(location))
            .map_err(|e| AppError::Internal(e.to_string()))?,
    );
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /t/{code}`: a link.
pub async fn follow(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    redirect(&state, &code, peer, &headers, VisitSource::Link).await
}

/// `GET /t/{code}/q`: the same, from a QR code.
pub async fn scan(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    redirect(&state, &code, peer, &headers, VisitSource::Scan).await
}

/// The URL a QR code of `code` encodes on this server.
pub fn scan_url(state: &AppState, code: &str) -> String {
    state.link(&format!("/t/{code}/q"))
}

#[derive(Deserialize, Default)]
struct SizeQuery {
    size: Option<u32>,
}

async fn known_code(state: &AppState, code: &str) -> Result<Code, AppError> {
    let code = Code::parse(code).map_err(|_| AppError::NotFound)?;
    state
        .directory
        .route(state, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(code)
}

fn size_of(query: Option<&str>) -> u32 {
    serde_urlencoded::from_str::<SizeQuery>(query.unwrap_or_default())
        .unwrap_or_default()
        .size
        .unwrap_or(600)
        .clamp(128, 4096)
}

fn image_response(content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A code's URL never changes, whatever its target: its picture can be cached.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}

/// `GET /t/{code}/qr.svg[?size=N]`.
pub async fn qr_svg_image(
    State(state): State<AppState>,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let code = known_code(&state, &code).await?;
    let svg = qr::svg(&scan_url(&state, code.as_str()), size_of(query.as_deref()))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(image_response("image/svg+xml", svg.into_bytes()))
}

/// `GET /t/{code}/qr.png[?size=N]`.
pub async fn qr_png_image(
    State(state): State<AppState>,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let code = known_code(&state, &code).await?;
    let png = qr::png(&scan_url(&state, code.as_str()), size_of(query.as_deref()))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(image_response("image/png", png))
}
