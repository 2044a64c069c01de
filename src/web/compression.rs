//! Compressed answers. A phone in a stadium gets its first view in one round trip only when
//! every byte of it is compressed (issue 21; sizes in BENCHMARKS.md, "First view"):
//! - what is sent many times unchanged (static files, cached public pages) is compressed once,
//!   at the strongest settings, into both forms ([`Precompressed`]);
//! - every other HTML, JSON or SVG answer is compressed as it leaves, in the one form the client
//!   prefers, at a setting cheap enough to run per request ([`compress_answer`]).
//!
//! Written on the brotli and flate2 crates the page cache already used rather than with
//! tower-http's compression layer: answers here are whole in memory (rendered templates), so
//! compressing them is a function call, and the short links and pledges answered before the
//! router (`web::serve`) go through the same function as the router's answers.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use http_body::Body as _;

/// A content coding Chorus can send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }

    /// The coding a request's `Accept-Encoding` allows, brotli first (smaller for text).
    pub fn preferred(request: &HeaderMap) -> Option<Coding> {
        let accepted = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        [Coding::Brotli, Coding::Gzip]
            .into_iter()
            .find(|coding| accepts(accepted, coding.token()))
    }
}

/// How hard to work: once for something sent many times, or on every answer.
#[derive(Clone, Copy)]
enum Effort {
    Once,
    PerAnswer,
}

fn encode(bytes: &[u8], coding: Coding, effort: Effort) -> Vec<u8> {
    match coding {
        Coding::Gzip => {
            let level = match effort {
                Effort::Once => flate2::Compression::best(),
                Effort::PerAnswer => flate2::Compression::new(6),
            };
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
            encoder
                .write_all(bytes)
                .and_then(|()| encoder.finish())
                .unwrap_or_default()
        }
        Coding::Brotli => {
            // Quality 11 is several times slower than 5 for a few percent; 5 keeps a rendered
            // page's compression well under a millisecond.
            let quality = match effort {
                Effort::Once => 11,
                Effort::PerAnswer => 5,
            };
            let mut out = Vec::new();
            {
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
                if writer.write_all(bytes).is_err() {
                    return Vec::new();
                }
            }
            out
        }
    }
}

/// One body in its plain, gzip and brotli forms, compressed once.
pub struct Precompressed {
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

impl Precompressed {
    pub fn new(identity: impl Into<Bytes>) -> Self {
        let identity = identity.into();
        Self {
            gzip: Bytes::from(encode(&identity, Coding::Gzip, Effort::Once)),
            brotli: Bytes::from(encode(&identity, Coding::Brotli, Effort::Once)),
            identity,
        }
    }

    /// The form `request` accepts best, and the `Content-Encoding` to send with it.
    pub fn pick(&self, request: &HeaderMap) -> (Bytes, Option<&'static str>) {
        let form = match Coding::preferred(request) {
            Some(Coding::Brotli) => (&self.brotli, "br"),
            Some(Coding::Gzip) => (&self.gzip, "gzip"),
            None => return (self.identity.clone(), None),
        };
        match form {
            (body, coding) if !body.is_empty() => (body.clone(), Some(coding)),
            _ => (self.identity.clone(), None),
        }
    }
}

/// Answers smaller than this gain nothing worth a header.
const WORTH_COMPRESSING: u64 = 512;

/// Compresses `response` for a client that accepts `coding`, when it is text held whole in
/// memory and not already encoded; always says it varies by `Accept-Encoding` when it could.
pub async fn compress_answer(coding: Option<Coding>, response: Response) -> Response {
    let compressible = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            [
                "text/html",
                "application/json",
                "image/svg+xml",
                "text/plain",
            ]
            .iter()
            .any(|prefix| t.starts_with(prefix))
        });
    let whole_size = response.body().size_hint().exact();
    if !compressible
        || whole_size.is_none()
        || response.headers().contains_key(header::CONTENT_ENCODING)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let says_it_varies = parts
        .headers
        .get_all(header::VARY)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("accept-encoding")));
    if !says_it_varies {
        parts
            .headers
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let (Some(coding), Some(size)) = (coding, whole_size) else {
        return Response::from_parts(parts, body);
    };
    if size < WORTH_COMPRESSING {
        return Response::from_parts(parts, body);
    }
    // An exact size hint means the body is already whole in memory: collecting it waits on
    // nothing.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let compressed = encode(&bytes, coding, Effort::PerAnswer);
    if compressed.is_empty() {
        return Response::from_parts(parts, Body::from(bytes));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static(coding.token()),
    );
    Response::from_parts(parts, Body::from(compressed))
}

/// Whether an `Accept-Encoding` value allows `coding` (present and not `q=0`).
fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|entry| {
        let mut parts = entry.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let refused = parts.any(|p| {
            let p = p.trim();
            p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use std::io::Read;

    fn accepting(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn the_preferred_coding_respects_refusals() {
        assert_eq!(
            Coding::preferred(&accepting("gzip, deflate, br")),
            Some(Coding::Brotli)
        );
        assert_eq!(
            Coding::preferred(&accepting("br;q=0, gzip")),
            Some(Coding::Gzip)
        );
        assert_eq!(Coding::preferred(&accepting("identity")), None);
        assert_eq!(Coding::preferred(&HeaderMap::new()), None);
    }

    #[test]
    fn precompressed_forms_are_smaller_and_picked_by_the_request() {
        let text = "<p>hello hello hello hello</p>".repeat(50);
        let body = Precompressed::new(text.clone());
        let (br, coding) = body.pick(&accepting("gzip, br"));
        assert_eq!(coding, Some("br"));
        let (gz, coding) = body.pick(&accepting("br;q=0, gzip"));
        assert_eq!(coding, Some("gzip"));
        assert!(!br.is_empty() && br.len() < gz.len() && gz.len() < text.len());
        assert_eq!(body.pick(&accepting("br")).1, Some("br"));
        let (bytes, coding) = body.pick(&HeaderMap::new());
        assert_eq!((bytes.as_ref(), coding), (text.as_bytes(), None));
    }

    async fn compressed(coding: Option<Coding>, response: Response) -> (Response, Vec<u8>) {
        let response = compress_answer(coding, response).await;
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.expect("body");
        (Response::from_parts(parts, Body::empty()), bytes.to_vec())
    }

    #[tokio::test]
    async fn html_answers_are_compressed_in_the_accepted_coding() {
        let html = "<li>a stop on the tour</li>".repeat(100);
        let page = || axum::response::Html(html.clone()).into_response();

        let (response, bytes) = compressed(Some(Coding::Gzip), page()).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let mut plain = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut plain)
            .expect("gunzip");
        assert_eq!(plain, html);

        let (response, bytes) = compressed(Some(Coding::Brotli), page()).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        let mut plain = String::new();
        brotli::Decompressor::new(&bytes[..], 4096)
            .read_to_string(&mut plain)
            .expect("unbrotli");
        assert_eq!(plain, html);

        let (response, bytes) = compressed(None, page()).await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        assert_eq!(bytes, html.as_bytes());
    }

    #[tokio::test]
    async fn small_binary_and_streamed_answers_are_left_alone() {
        let small = axum::response::Html("<p>ok</p>").into_response();
        let (response, _) = compressed(Some(Coding::Brotli), small).await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());

        let png = (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "image/png")],
            vec![0u8; 4096],
        )
            .into_response();
        let (response, bytes) = compressed(Some(Coding::Brotli), png).await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(bytes.len(), 4096);

        let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(Bytes::from(
            "data: 1\n\n".repeat(100),
        ))]);
        let events = (
            [(header::CONTENT_TYPE, "text/plain")],
            Body::from_stream(stream),
        )
            .into_response();
        let (response, _) = compressed(Some(Coding::Brotli), events).await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
    }
}
