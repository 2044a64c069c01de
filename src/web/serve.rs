//! The HTTP server: accepts connections and serves each with hyper's HTTP/1.1, until shutdown.
//!
//! Short links (`GET /t/{code}` and `/t/{code}/q`) and pledges and subscriptions (`POST
//! /{org}/{campaign}/pledge` and `…/subscribe`) are answered here before the router: they are
//! what a stadium's phones send all at once, and the router's layers (route matching, boxed
//! services, the middleware's futures, a copy of the headers for the handler) were a third of
//! each redirect's time and about a tenth of each pledge's. They get the same checks, answer,
//! headers and metrics as through the router (the cross-site check, the body limit, the timeout
//! and compression for submissions; `policy::finish` for all); every other request goes through
//! the router unchanged.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
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
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;
use tower_service::Service;

use super::compression::{compress_answer, Coding};
use super::connections::{self, Deadlines, Phase, Shedder, TrackedBody, Watchdog, WatchedIo};
use super::public::{actions, links};
use super::{metrics, policy, security, AppError, AppState, MAX_BODY_BYTES, REQUEST_TIMEOUT};

/// The first pause before accepting again after `accept` failed (out of descriptors, most
/// likely); it doubles with each failure in a row up to [`MAX_ACCEPT_PAUSE`].
const FIRST_ACCEPT_PAUSE: Duration = Duration::from_millis(10);
const MAX_ACCEPT_PAUSE: Duration = Duration::from_secs(1);
/// While every connection slot is taken: how often the idle and the slowest connections are
/// asked to make room.
const SHED_INTERVAL: Duration = Duration::from_millis(250);

/// Serves `router` on `listener` until `shutdown` is cancelled; then keeps serving for the
/// drain delay (with /readyz answering 503), stops accepting, lets requests in flight finish
/// within the shutdown timeout and closes what is left.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    state: AppState,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let limits = state.config.connections;
    let configured = usize::try_from(limits.max_connections).unwrap_or(usize::MAX);
    let cap = connections::connection_cap(configured, connections::open_file_limit());
    tracing::info!(connections = cap, "most client connections open at once");
    let deadlines = Deadlines {
        header: limits.header_timeout,
        idle: limits.idle_timeout,
    };
    let slots = Arc::new(Semaphore::new(cap));
    let shedder = Shedder::default();
    let graceful = GracefulShutdown::new();
    let force_close = CancellationToken::new();
    let http = http1::Builder::new();
    let stop_accepting = async {
        shutdown.cancelled().await;
        tokio::time::sleep(limits.drain_delay).await;
    };
    tokio::pin!(stop_accepting);
    let mut accept_pause = FIRST_ACCEPT_PAUSE;
    loop {
        let slot = tokio::select! {
            () = &mut stop_accepting => break,
            slot = take_slot(&slots, &shedder) => slot,
        };
        let (stream, peer) = tokio::select! {
            () = &mut stop_accepting => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => {
                    accept_pause = FIRST_ACCEPT_PAUSE;
                    accepted
                }
                Err(err) => {
                    // Out of descriptors, or a connection reset before it was accepted: the
                    // listener itself is fine; back off rather than spin, and make room.
                    tracing::warn!(error = %err, "could not accept a connection");
                    shedder.shed();
                    tokio::time::sleep(accept_pause).await;
                    accept_pause = (accept_pause * 2).min(MAX_ACCEPT_PAUSE);
                    continue;
                }
            },
        };
        // hyper writes each response whole: Nagle's delay would only hold back its last packet.
        if let Err(err) = stream.set_nodelay(true) {
            tracing::debug!(error = %err, "could not set TCP_NODELAY");
        }
        let phase = Phase::new();
        let connection = http.serve_connection(
            TokioIo::new(WatchedIo::new(stream, phase.clone())),
            Dispatch {
                router: router.clone(),
                state: state.clone(),
                peer,
                phase: phase.clone(),
            },
        );
        let watched = graceful.watch(connection);
        let watchdog = Watchdog::new(phase, deadlines, &shedder);
        let force_close = force_close.clone();
        tokio::spawn(async move {
            // The slot is given back when the connection ends, however it ends.
            let _slot = slot;
            // The connection is polled first, so the watchdog then sees the phase its reads
            // and responses just set (otherwise it could stay armed for an older deadline).
            tokio::select! {
                biased;
                served = watched => if let Err(err) = served {
                    tracing::debug!(error = %err, "connection ended with an error");
                },
                () = watchdog => tracing::debug!("connection closed: past its deadline"),
                () = force_close.cancelled() => {}
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_timeout, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            busy = cap - slots.available_permits(),
            "closing connections still busy after the shutdown timeout"
        );
    }
    force_close.cancel();
    // Every connection task has dropped its state once all slots are back, so the writers that
    // wait for the state to go can finish.
    let all = u32::try_from(cap).unwrap_or(u32::MAX);
    drop(slots.acquire_many(all).await);
    Ok(())
}

/// A connection slot, waiting while all are taken and asking the idle and the slowest
/// connections to make room meanwhile.
async fn take_slot(slots: &Arc<Semaphore>, shedder: &Shedder) -> OwnedSemaphorePermit {
    loop {
        if let Ok(slot) = slots.clone().try_acquire_owned() {
            return slot;
        }
        shedder.shed();
        if let Ok(Ok(slot)) =
            tokio::time::timeout(SHED_INTERVAL, slots.clone().acquire_owned()).await
        {
            return slot;
        }
    }
}

/// One connection's requests: short links and submissions straight to their handler, the rest
/// to the router. Each response's body ends its request in the connection's [`Phase`].
struct Dispatch {
    router: Router,
    state: AppState,
    peer: SocketAddr,
    phase: Arc<Phase>,
}

type Answer = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

impl hyper::service::Service<hyper::Request<Incoming>> for Dispatch {
    type Response = hyper::Response<TrackedBody>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, request: hyper::Request<Incoming>) -> Self::Future {
        let request_guard = self.phase.begin();
        let answer = self.answer(request);
        Box::pin(async move {
            let response = answer.await?;
            Ok(response.map(|body| TrackedBody::new(body, request_guard)))
        })
    }
}

impl Dispatch {
    fn answer(&self, mut request: hyper::Request<Incoming>) -> Answer {
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
                let coding = Coding::preferred(request.headers());
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
                let response = compress_answer(coding, response).await;
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
