//! Held-open connections cannot take the server down (QUALITY.md, availability): a head sent
//! slowly and a keep-alive connection left idle are closed at their deadlines; at the connection
//! cap the idle ones make room for a new client; a process with few file descriptors keeps
//! answering /healthz while hundreds of connections are held; and SIGTERM with connections still
//! held (idle, half a head, half a body) ends the process, status 0, within the shutdown deadline,
//! /readyz answering 503 while it drains.

use std::process::Child;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{serve_process, Backend, TestApp, TestDb};

/// Connects to `base` (`http://host:port`).
async fn connect(base: &str) -> TcpStream {
    let addr = base.trim_start_matches("http://");
    TcpStream::connect(addr).await.expect("connect")
}

/// Reads until the server closes the connection; returns how long that took, or None if it
/// was still open after `patience`.
async fn closed_within(
    stream: &mut (impl tokio::io::AsyncRead + Unpin),
    patience: Duration,
) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at((started + patience).into(), stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(started.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_heads_and_idle_connections_are_closed_at_their_deadlines() {
    let Some(server) = TestApp::spawn_configured(Backend::Sqlite, "deadlines", |config| {
        config.connections.header_timeout = Duration::from_millis(500);
        config.connections.idle_timeout = Duration::from_millis(2000);
    })
    .await
    else {
        return;
    };

    // Half a head, then nothing: closed after the header timeout, well before the idle one.
    let mut slow = connect(&server.base).await;
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: chorus\r\n")
        .await
        .expect("write");
    let took = closed_within(&mut slow, Duration::from_secs(5))
        .await
        .expect("a slow head is closed");
    assert!(took < Duration::from_millis(1500), "closed after {took:?}");

    // A head trickled a byte at a time is closed at the same deadline, however it trickles.
    let (mut reader, mut writer) = connect(&server.base).await.into_split();
    tokio::spawn(async move {
        for byte in
            b"GET /healthz HTTP/1.1\r\nHost: chorus\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        {
            if writer.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let took = closed_within(&mut reader, Duration::from_secs(5))
        .await
        .expect("a trickled head is closed");
    assert!(
        took < Duration::from_millis(1500),
        "trickle closed after {took:?}"
    );

    // A served keep-alive connection, then silence: closed after the idle timeout.
    let mut idle = connect(&server.base).await;
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: chorus\r\n\r\n")
        .await
        .expect("write");
    let mut buf = [0u8; 1024];
    let read = idle.read(&mut buf).await.expect("a response");
    assert!(
        buf[..read].starts_with(b"HTTP/1.1 200"),
        "{:?}",
        &buf[..read]
    );
    let took = closed_within(&mut idle, Duration::from_secs(5))
        .await
        .expect("an idle connection is closed");
    assert!(
        took >= Duration::from_millis(1800) && took < Duration::from_millis(4000),
        "idle closed after {took:?}"
    );

    // A connection that never sends anything is idle from its accept.
    let mut silent = connect(&server.base).await;
    assert!(closed_within(&mut silent, Duration::from_secs(5))
        .await
        .is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_cap_idle_connections_make_room_for_a_new_client() {
    let Some(server) = TestApp::spawn_configured(Backend::Sqlite, "cap", |config| {
        config.connections.max_connections = 20;
        config.connections.idle_timeout = Duration::from_secs(120);
    })
    .await
    else {
        return;
    };
    let mut held = Vec::new();
    for _ in 0..30 {
        held.push(connect(&server.base).await);
    }
    let started = Instant::now();
    let response = reqwest::Client::new()
        .get(format!("{}/healthz", server.base))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("answered at the cap");
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let mut closed = 0;
    for stream in &mut held {
        if closed_within(stream, Duration::from_millis(50))
            .await
            .is_some()
        {
            closed += 1;
        }
    }
    assert!(
        closed >= 20,
        "the idle held connections were shed: {closed} closed"
    );
}

/// Sends SIGTERM to `child`.
fn terminate(child: &Child) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Waits for `child` to exit; its status and how long it took, or None after `patience`.
fn exited_within(
    child: &mut Child,
    patience: Duration,
) -> Option<(std::process::ExitStatus, Duration)> {
    let started = Instant::now();
    while started.elapsed() < patience {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some((status, started.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_held_connections_drains_then_exits_within_the_deadline() {
    let Some(db) = TestDb::create(Backend::Sqlite, "sigterm").await else {
        return;
    };
    let (mut child, base) = serve_process(
        &db,
        &[],
        &["--drain-delay", "1s", "--shutdown-timeout", "2s"],
    );
    let http = reqwest::Client::new();
    let ready = http
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);

    let mut held = Vec::new();
    for _ in 0..20 {
        held.push(connect(&base).await);
    }
    let mut half_head = connect(&base).await;
    half_head
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: chorus\r\n")
        .await
        .expect("write");
    // A pledge whose body never comes whole: busy until the shutdown deadline closes it.
    let mut half_body = connect(&base).await;
    half_body
        .write_all(
            b"POST /demo/open-roads/pledge HTTP/1.1\r\nHost: chorus\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nname=",
        )
        .await
        .expect("write");
    tokio::time::sleep(Duration::from_millis(200)).await;

    terminate(&child);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let draining = http
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("still answering while draining");
    assert_eq!(
        draining.status(),
        503,
        "a load balancer is told to go elsewhere"
    );
    assert_eq!(
        http.get(format!("{base}/healthz"))
            .send()
            .await
            .expect("healthz")
            .status(),
        200
    );

    let exited = tokio::task::spawn_blocking(move || {
        let exited = exited_within(&mut child, Duration::from_secs(15));
        if exited.is_none() {
            let _ = child.kill();
        }
        exited
    })
    .await
    .expect("join");
    let (status, took) = exited.expect("the process exits within 15 s of SIGTERM");
    assert!(status.success(), "exit status {status}");
    // 1 s of draining, 2 s for the busy request, and a margin for the writers to finish.
    assert!(
        took < Duration::from_secs(6),
        "exited {took:?} after SIGTERM"
    );
    assert!(closed_within(&mut half_body, Duration::from_secs(1))
        .await
        .is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_few_file_descriptors_healthz_answers_while_hundreds_are_held() {
    let Some(db) = TestDb::create(Backend::Sqlite, "nofile").await else {
        return;
    };
    let (mut child, base) = serve_process(
        &db,
        &["prlimit", "--nofile=256:256", "--"],
        &["--idle-timeout", "120s"],
    );
    let mut held = Vec::new();
    for _ in 0..400 {
        held.push(connect(&base).await);
    }
    // A new connection per check, as a balancer's health check makes: at the cap the server
    // sheds served keep-alive connections at once, so a kept-alive one could be closed just as
    // the next check is written on it (the reset that made this test fail now and then).
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    for _ in 0..3 {
        let started = Instant::now();
        let response = http
            .get(format!("{base}/healthz"))
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .expect("healthz answers with 400 connections held and 256 descriptors");
        assert_eq!(response.status(), 200);
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
    }
    drop(held);
    let _ = child.kill();
    let _ = child.wait();
}
