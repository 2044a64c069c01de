//! Rendered public pages kept in memory, precompressed, with an ETag.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::domain::language::Language;
use crate::web::compression::Precompressed;

/// One page in one language, ready to send in any encoding.
pub struct RenderedPage {
    etag: HeaderValue,
    language: HeaderValue,
    body: Precompressed,
}

impl RenderedPage {
    /// Compresses `html` once: pages are rendered once per content version and then sent many
    /// times.
    pub fn new(html: String, language: Language) -> Self {
        let digest = Sha256::digest(html.as_bytes());
        let tag = hex::encode(&digest[..10]);
        let etag = HeaderValue::from_str(&format!("\"{tag}\""))
            .unwrap_or(HeaderValue::from_static("\"0\""));
        Self {
            etag,
            language: HeaderValue::from_static(language.code()),
            body: Precompressed::new(html),
        }
    }

    /// 304 when the client already has this version, else the best encoding it accepts.
    pub fn respond(&self, request: &HeaderMap, status: StatusCode) -> Response {
        let fresh = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| {
                tags.split(',')
                    .any(|t| t.trim() == "*" || t.trim().trim_start_matches("W/") == self.etag)
            });
        let mut response = if fresh && status == StatusCode::OK {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let (body, encoding) = self.body.pick(request);
            let mut response = (status, body).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            if let Some(encoding) = encoding {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            response
        };
        let headers = response.headers_mut();
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(header::CONTENT_LANGUAGE, self.language.clone());
        headers.insert(
            header::VARY,
            HeaderValue::from_static("accept-encoding, accept-language"),
        );
        // Revalidate every time (cheap with the ETag): counters and edits must show at once.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_revalidation() {
        let page = RenderedPage::new("<p>hello hello hello hello</p>".repeat(50), Language::Fr);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br"),
        );
        let r = page.respond(&headers, StatusCode::OK);
        assert_eq!(r.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(r.headers()[header::CONTENT_LANGUAGE], "fr");
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br;q=0, gzip"),
        );
        let r = page.respond(&headers, StatusCode::OK);
        assert_eq!(r.headers()[header::CONTENT_ENCODING], "gzip");
        let etag = r.headers()[header::ETAG].clone();
        headers.insert(header::IF_NONE_MATCH, etag);
        assert_eq!(
            page.respond(&headers, StatusCode::OK).status(),
            StatusCode::NOT_MODIFIED
        );
        let plain_response = page.respond(&HeaderMap::new(), StatusCode::OK);
        assert!(plain_response
            .headers()
            .get(header::CONTENT_ENCODING)
            .is_none());
    }
}
