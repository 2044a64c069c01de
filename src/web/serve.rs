//! The HTTP server: accepts connections and serves each with hyper's HTTP/1.1, until shutdown.
//!
//! Short links (`GET /t/{code}` and `/t/{code}/q`) and pledges and subscriptions (`POST
//! /{org}/{campaign}/pledge` and `…/subscribe`) are answered here before the router: they are
//! what a stadium's phones send all at once, and the router's layers (route matching, boxed
//! services, the middleware's futures, a copy of the headers for the handler) were a third of
//! each redirect's time and about a tenth of each pledge's. They get the same checks, answer,
//! headers and metrics as through the router (the cross-site check, the body limit and the
//! timeout for submissions; `policy::finish` for all); every other request goes through the
//! router unchanged.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_service::Service;

use super::public::{actions, links};
use super::{metrics, policy, security, AppError, AppState, MAX_BODY_BYTES, REQUEST_TIMEOUT};

/// How long to wait before accepting again when the process is out of file descriptors.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Serves `router` on `listener` until `shutdown` is cancelled; then stops accepting and waits
/// for the open connections to finish their requests.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    state: AppState,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let http = http1::Builder::new();
    loop {
        let (stream, peer) = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of descriptors, or a connection reset before it was accepted: the
                    // listener itself is fine; pause briefly rather than spin.
                    tracing::warn!(error = %err, "could not accept a connection");
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                    continue;
                }
            },
        };
        // hyper writes each response whole: Nagle's delay would only hold back its last packet.
        if let Err(err) = stream.set_nodelay(true) {
            tracing::debug!(error = %err, "could not set TCP_NODELAY");
        }
        let connection = http.serve_connection(
            TokioIo::new(stream),
            Dispatch {
                router: router.clone(),
                state: state.clone(),
                peer,
            },
        );
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = watched.await {
                tracing::debug!(error = %err, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// One connection's requests: short links and submissions straight to their handler, the rest
/// to the router.
struct Dispatch {
    router: Router,
    state: AppState,
    peer: SocketAddr,
}

impl hyper::service::Service<hyper::Request<Incoming>> for Dispatch {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn call(&self, mut request: hyper::Request<Incoming>) -> Self::Future {
        let peer = self.peer;
        if let Some(link) = links::ShortLink::of(request.method(), request.uri().path()) {
            let state = self.state.clone();
            return Box::pin(async move {
                let started = Instant::now();
                let method = metrics::method_label(request.method());
                let response =
                    links::redirect_code(&state, &link.code, peer, request.headers(), link.source)
                        .await
                        .unwrap_or_else(IntoResponse::into_response);
                Ok(policy::finish(
                    &state, response, false, method, link.route, started,
                ))
            });
        }
        if let Some(post) = actions::ActionPost::of(request.method(), request.uri().path()) {
            let state = self.state.clone();
            return Box::pin(async move {
                let started = Instant::now();
                let route = post.route();
                let response = if security::is_cross_site_write(&request, &state) {
                    security::cross_site_refusal()
                } else {
                    tokio::time::timeout(
                        REQUEST_TIMEOUT,
                        submit(state.clone(), post, peer, request),
                    )
                    .await
                    .unwrap_or_else(|_| StatusCode::REQUEST_TIMEOUT.into_response())
                };
                Ok(policy::finish(
                    &state, response, false, "POST", route, started,
                ))
            });
        }
        request.extensions_mut().insert(ConnectInfo(peer));
        let mut router = self.router.clone();
        Box::pin(async move { router.call(request).await })
    }
}

/// A submission taken before the router: its body read up to the router's limit, then the
/// router's own handler.
async fn submit(
    state: AppState,
    post: actions::ActionPost,
    peer: SocketAddr,
    request: hyper::Request<Incoming>,
) -> Response {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) if err.is::<LengthLimitError>() => return AppError::TooLarge.into_response(),
        Err(_) => {
            let message = "The request's body could not be read; send it again.";
            return AppError::BadRequest(message.into()).into_response();
        }
    };
    actions::submit(state, post, peer, parts.headers, &body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}
