//! What one client connection may hold, so that held-open connections cannot take the server
//! down: a deadline for an idle keep-alive connection's next request, a deadline for reading a
//! request's head once its first byte arrived (slow-header attacks), a cap on open connections
//! (below the process's descriptor limit, so `accept` never runs out of descriptors), and
//! shedding: while the cap is reached, idle kept-alive connections are closed at once, and new
//! connections still without a whole head after a second next, so a new client waits a moment,
//! not until the attacker's connections time out.
//!
//! A connection is in one of three phases, kept in [`Phase`]: *idle* (since it was accepted or its
//! last response ended), *reading a head* (since the first byte of the next request), *busy* (a
//! request is being answered: no deadline here; the request timeout and the handlers own it).
//! The connection's reads ([`WatchedIo`]), its service (a request begins: [`Phase::begin`]) and its
//! response bodies ([`TrackedBody`]: the request ends when hyper drops the body, so a venue
//! screen's endless stream stays busy) move the phase; [`Watchdog`] closes the connection when
//! the phase's deadline passes. All of them run inside the connection's one task.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::body::Bytes;
use http_body::{Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::futures::OwnedNotified;
use tokio::sync::Notify;
use tokio::time::{Instant, Sleep};

/// Under pressure, a head still incomplete after this is closed (a real client sends its head
/// in one or two packets).
const SHED_HEAD_AFTER: Duration = Duration::from_secs(1);
/// Descriptors kept free of client connections: the database pool, SQLite's files, the listener,
/// outgoing SMTP and Stripe connections, standard streams.
const RESERVED_DESCRIPTORS: u64 = 64;

/// The deadlines every connection gets.
#[derive(Debug, Clone, Copy)]
pub struct Deadlines {
    /// From a head's first byte to its last.
    pub header: Duration,
    /// From the end of a response (or the accept) to the next request's first byte.
    pub idle: Duration,
}

/// The most connections to keep open: the configured cap, lowered to what the process's open-file
/// limit allows with [`RESERVED_DESCRIPTORS`] to spare.
pub fn connection_cap(configured: usize, open_file_limit: Option<u64>) -> usize {
    match open_file_limit {
        Some(limit) => {
            let allowed = limit.saturating_sub(RESERVED_DESCRIPTORS).max(1);
            configured.min(usize::try_from(allowed).unwrap_or(usize::MAX))
        }
        None => configured,
    }
}

/// The soft limit on open files of this process, from `/proc/self/limits` (Linux); None elsewhere
/// or when unlimited.
pub fn open_file_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Wakes every connection's watchdog to close what may be closed while the cap is reached.
#[derive(Default)]
pub struct Shedder(Arc<Notify>);

impl Shedder {
    pub fn shed(&self) {
        self.0.notify_waiters();
    }
}

/// The phase of one connection, shared by its reads, its service, its bodies and its watchdog.
pub struct Phase {
    epoch: Instant,
    /// Requests begun and not yet ended (their response body not yet dropped).
    in_flight: AtomicU32,
    /// While idle: whether the next head's first byte has arrived.
    head_started: AtomicBool,
    /// Whether a request has been answered: an idle connection that has been served is kept
    /// alive as a courtesy and is the first to go; a new one gets time to send its first head.
    served: AtomicBool,
    /// Milliseconds since `epoch` when the idle phase or the head began.
    since_ms: AtomicU64,
}

impl Phase {
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            epoch: Instant::now(),
            in_flight: AtomicU32::new(0),
            head_started: AtomicBool::new(false),
            served: AtomicBool::new(false),
            since_ms: AtomicU64::new(0),
        })
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// A request's head was read whole: the connection is busy until the guard's body ends.
    pub fn begin(self: &Arc<Self>) -> RequestGuard {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        self.head_started.store(false, Ordering::Relaxed);
        RequestGuard(self.clone())
    }

    fn read_bytes(&self) {
        if self.in_flight.load(Ordering::Relaxed) == 0 && !self.head_started.load(Ordering::Relaxed)
        {
            self.since_ms.store(self.now_ms(), Ordering::Relaxed);
            self.head_started.store(true, Ordering::Relaxed);
        }
    }

    /// When the connection is to be closed, if nothing happens first; None while busy.
    fn deadline(&self, deadlines: Deadlines, shedding: bool) -> Option<Instant> {
        if self.in_flight.load(Ordering::Relaxed) > 0 {
            return None;
        }
        let since = self.epoch + Duration::from_millis(self.since_ms.load(Ordering::Relaxed));
        let waiting_for_head =
            self.head_started.load(Ordering::Relaxed) || !self.served.load(Ordering::Relaxed);
        let allowed = match (self.head_started.load(Ordering::Relaxed), shedding) {
            (_, true) if waiting_for_head => SHED_HEAD_AFTER.min(deadlines.header),
            (_, true) => Duration::ZERO,
            (true, false) => deadlines.header,
            (false, false) => deadlines.idle,
        };
        Some(since + allowed)
    }
}

/// Held by a request from its head to the end of its response body.
pub struct RequestGuard(Arc<Phase>);

impl Drop for RequestGuard {
    fn drop(&mut self) {
        let phase = &self.0;
        phase.served.store(true, Ordering::Relaxed);
        if phase.in_flight.fetch_sub(1, Ordering::Relaxed) == 1 {
            phase.since_ms.store(phase.now_ms(), Ordering::Relaxed);
        }
    }
}

/// A response body that ends its request when hyper is done with it.
pub struct TrackedBody {
    inner: Body,
    _guard: RequestGuard,
}

impl TrackedBody {
    pub fn new(inner: Body, guard: RequestGuard) -> Self {
        Self {
            inner,
            _guard: guard,
        }
    }
}

impl http_body::Body for TrackedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The connection's socket, telling its phase when a head's first byte arrives.
pub struct WatchedIo<T> {
    inner: T,
    phase: Arc<Phase>,
}

impl<T> WatchedIo<T> {
    pub fn new(inner: T, phase: Arc<Phase>) -> Self {
        Self { inner, phase }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WatchedIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.phase.read_bytes();
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WatchedIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// Completes when the connection has outlived its phase's deadline. Polled after the connection
/// in the same task (a biased select), so it sees each phase change as soon as the connection
/// made it.
pub struct Watchdog {
    phase: Arc<Phase>,
    deadlines: Deadlines,
    sleep: Pin<Box<Sleep>>,
    armed_for: Option<Instant>,
    notify: Arc<Notify>,
    shed: Pin<Box<OwnedNotified>>,
}

impl Watchdog {
    pub fn new(phase: Arc<Phase>, deadlines: Deadlines, shedder: &Shedder) -> Self {
        let notify = shedder.0.clone();
        let mut shed = Box::pin(notify.clone().notified_owned());
        // Registered now, so a shed signalled before the first poll is not missed.
        shed.as_mut().enable();
        Self {
            phase,
            deadlines,
            sleep: Box::pin(tokio::time::sleep(Duration::ZERO)),
            armed_for: None,
            notify,
            shed,
        }
    }
}

impl Future for Watchdog {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let mut shedding = false;
        if this.shed.as_mut().poll(cx).is_ready() {
            // One signal is one look: an idle connection goes now; a busy one is left alone.
            shedding = true;
            this.shed = Box::pin(this.notify.clone().notified_owned());
            // Polled once so that the next signal wakes this task.
            let _ = this.shed.as_mut().poll(cx);
        }
        let Some(deadline) = this.phase.deadline(this.deadlines, shedding) else {
            this.armed_for = None;
            return Poll::Pending;
        };
        if Instant::now() >= deadline {
            return Poll::Ready(());
        }
        if this.armed_for != Some(deadline) {
            this.sleep.as_mut().reset(deadline);
            this.armed_for = Some(deadline);
        }
        if this.sleep.as_mut().poll(cx).is_ready() {
            return Poll::Ready(());
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEADLINES: Deadlines = Deadlines {
        header: Duration::from_secs(10),
        idle: Duration::from_secs(60),
    };

    fn poll_once(future: Pin<&mut impl Future<Output = ()>>) -> Poll<()> {
        future.poll(&mut Context::from_waker(std::task::Waker::noop()))
    }

    #[test]
    fn the_cap_leaves_descriptors_for_the_rest() {
        assert_eq!(connection_cap(10_000, Some(256)), 192);
        assert_eq!(connection_cap(100, Some(1_048_576)), 100);
        assert_eq!(connection_cap(100, None), 100);
        assert_eq!(connection_cap(100, Some(10)), 1, "never zero");
    }

    #[test]
    fn reads_this_processs_limit() {
        assert!(open_file_limit().is_some_and(|n| n > 0));
    }

    #[tokio::test(start_paused = true)]
    async fn each_phase_has_its_deadline() {
        let phase = Phase::new();
        let start = Instant::now();
        assert_eq!(
            phase.deadline(DEADLINES, false),
            Some(start + DEADLINES.idle)
        );
        assert_eq!(
            phase.deadline(DEADLINES, true),
            Some(start + SHED_HEAD_AFTER),
            "a new connection has a moment to send its head"
        );

        tokio::time::advance(Duration::from_secs(5)).await;
        phase.read_bytes();
        let head = start + Duration::from_secs(5);
        assert_eq!(
            phase.deadline(DEADLINES, false),
            Some(head + DEADLINES.header)
        );
        assert_eq!(
            phase.deadline(DEADLINES, true),
            Some(head + SHED_HEAD_AFTER)
        );
        phase.read_bytes();
        assert_eq!(
            phase.deadline(DEADLINES, false),
            Some(head + DEADLINES.header),
            "more bytes of the same head do not extend it"
        );

        let guard = phase.begin();
        assert_eq!(
            phase.deadline(DEADLINES, true),
            None,
            "busy: never closed here"
        );
        phase.read_bytes();
        assert_eq!(
            phase.deadline(DEADLINES, false),
            None,
            "a body's bytes change nothing"
        );
        tokio::time::advance(Duration::from_secs(100)).await;
        drop(guard);
        let idle = start + Duration::from_secs(105);
        assert_eq!(
            phase.deadline(DEADLINES, false),
            Some(idle + DEADLINES.idle)
        );
        assert_eq!(
            phase.deadline(DEADLINES, true),
            Some(idle),
            "a served idle connection is shed at once"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_watchdog_fires_at_the_deadline_and_on_shedding() {
        let shedder = Shedder::default();
        let phase = Phase::new();
        let guard = phase.begin();
        let mut dog = std::pin::pin!(Watchdog::new(phase.clone(), DEADLINES, &shedder));
        assert!(poll_once(dog.as_mut()).is_pending());
        shedder.shed();
        assert!(poll_once(dog.as_mut()).is_pending(), "busy is never shed");
        drop(guard);
        assert!(poll_once(dog.as_mut()).is_pending());
        tokio::time::advance(DEADLINES.idle - Duration::from_millis(1)).await;
        assert!(poll_once(dog.as_mut()).is_pending());
        tokio::time::advance(Duration::from_millis(1)).await;
        assert!(poll_once(dog.as_mut()).is_ready());

        let served = Phase::new();
        drop(served.begin());
        let mut dog = std::pin::pin!(Watchdog::new(served, DEADLINES, &shedder));
        assert!(poll_once(dog.as_mut()).is_pending());
        shedder.shed();
        assert!(
            poll_once(dog.as_mut()).is_ready(),
            "served and idle is shed"
        );
    }
}
