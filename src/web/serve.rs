//! The HTTP server: accepts connections and serves each with hyper's HTTP/1.1, until shutdown.
//!
//! Short links (`GET /t/{code}` and `/t/{code}/q`) are answered here before the router: they
//! are what a stadium's phones hit all at once, and the router's layers (route matching, the
//! timeout's timer, boxed services, a copy of the headers for the handler) were a third of each
//! redirect's time. They get the same answer, headers and metrics as through the router
//! (`policy::finish`); every other request goes through the router unchanged.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_service::Service;

use super::public::links;
use super::{metrics, policy, AppState};

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
    let mut http = http1::Builder::new();
    // A response is written whole by one `write`: no need for Nagle's delay (see `set_nodelay`).
    http.writev(true);
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

/// One connection's requests: short links straight to their handler, the rest to the router.
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
        let (state, mut router, peer) = (self.state.clone(), self.router.clone(), self.peer);
        Box::pin(async move {
            if let Some(link) = links::ShortLink::of(request.method(), request.uri().path()) {
                let started = Instant::now();
                let method = metrics::method_label(request.method());
                let response =
                    links::redirect(&state, link.code, peer, request.headers(), link.source)
                        .await
                        .unwrap_or_else(IntoResponse::into_response);
                return Ok(policy::finish(
                    &state, response, false, method, link.route, started,
                ));
            }
            request.extensions_mut().insert(ConnectInfo(peer));
            router.call(request).await
        })
    }
}
