//! Static files embedded in the binary, served under content-hashed names so that they can be
//! cached forever (`/static/css/chorus.0a1b2c3d.css`).

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

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
/// The script of public pages: live counters, and forms kept on the phone while offline.
pub static PUBLIC_SCRIPT: LazyLock<String> = LazyLock::new(|| url("js/public.js"));
/// The venue screen's script (server-sent events) and stylesheet.
pub static LIVE_SCRIPT: LazyLock<String> = LazyLock::new(|| url("js/live.js"));
pub static LIVE_STYLESHEET: LazyLock<String> = LazyLock::new(|| url("css/live.css"));
/// The (smaller) stylesheet of public pages.
pub static PUBLIC_STYLESHEET: LazyLock<String> = LazyLock::new(|| url("css/public.css"));

fn short_hash(sha256: &[u8; 32]) -> String {
    hex::encode(&sha256[..4])
}

/// `GET /static/{*file}`: only the current hashed name is served, immutable for a year.
pub async fn serve(Path(requested): Path<String>) -> Result<Response, AppError> {
    let (stem, ext) = requested.rsplit_once('.').ok_or(AppError::NotFound)?;
    let (name, hash) = stem.rsplit_once('.').ok_or(AppError::NotFound)?;
    let file = format!("{name}.{ext}");
    let content = Files::get(&file).ok_or(AppError::NotFound)?;
    if short_hash(&content.metadata.sha256_hash()) != hash {
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
    let mut response = (StatusCode::OK, content.data.into_owned()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
