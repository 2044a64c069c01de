//! Static files embedded in the binary, served under content-hashed names so that they can be
//! cached forever (`/static/css/chorus.0a1b2c3d.css`).

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use super::compression::Precompressed;
use super::AppError;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Files;

/// The hashed URL of an embedded file, e.g. `url("css/chorus.css")`.
pub fn url(file: &str) -> String {
    match Files::get(file) {
        Some(content) => {
            let hash = short_hash(&content.metadata.sha256_hash());
            match file.rsplit_once('.') {
                Some((stem, ext)) => format!("/static/{stem}.{hash}.{ext}"),
                None => format!("/static/{file}.{hash}"),
            }
        }
        None => format!("/static/{file}"),
    }
}

/// The stylesheet every staff page links.
pub static STYLESHEET: LazyLock<String> = LazyLock::new(|| url("css/chorus.css"));
/// The script every staff page loads: copy buttons.
pub static STAFF_SCRIPT: LazyLock<String> = LazyLock::new(|| url("js/staff.js"));
/// The script of public pages with live counts (and of the venue screen: it follows streams).
pub static PUBLIC_SCRIPT: LazyLock<String> = LazyLock::new(|| url("js/public.js"));
/// The script of the pledge, sign-up and donate forms: proof of work, and pledges kept on the
/// phone while the network fails. Apart, so that a campaign page's first view does not carry it.
pub static FORMS_SCRIPT: LazyLock<String> = LazyLock::new(|| url("js/forms.js"));
/// The venue screen's script (server-sent events) and stylesheet.
pub static LIVE_SCRIPT: LazyLock<String> = LazyLock::new(|| url("js/live.js"));
pub static LIVE_STYLESHEET: LazyLock<String> = LazyLock::new(|| url("css/live.css"));
/// The (smaller) stylesheet of public pages.
pub static PUBLIC_STYLESHEET: LazyLock<String> = LazyLock::new(|| url("css/public.css"));

/// Every embedded file by name, with its hash and its compressed forms, made once at start.
static COMPRESSED: LazyLock<HashMap<String, (String, Precompressed)>> = LazyLock::new(|| {
    Files::iter()
        .filter_map(|name| {
            let content = Files::get(&name)?;
            let hash = short_hash(&content.metadata.sha256_hash());
            Some((
                name.into_owned(),
                (hash, Precompressed::new(content.data.into_owned())),
            ))
        })
        .collect()
});

/// Compresses the embedded files now, so that the first visitor does not wait for it.
pub fn prepare() {
    LazyLock::force(&COMPRESSED);
}

fn short_hash(sha256: &[u8; 32]) -> String {
    hex::encode(&sha256[..4])
}

/// `GET /static/{*file}`: only the current hashed name is served, immutable for a year.
pub async fn serve(
    Path(requested): Path<String>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let (stem, ext) = requested.rsplit_once('.').ok_or(AppError::NotFound)?;
    let (name, hash) = stem.rsplit_once('.').ok_or(AppError::NotFound)?;
    let (current, body) = COMPRESSED
        .get(&format!("{name}.{ext}"))
        .ok_or(AppError::NotFound)?;
    if current != hash {
        return Err(AppError::NotFound);
    }
    let mime = match ext {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
    let (bytes, encoding) = body.pick(&request);
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
