//! The floor under Chorus's HTTP serving loop, for `bench/tail.sh`: hyper's HTTP/1.1 answering
//! `200 ok` to every request on tokio, nothing else: no router, no policy layer, no limits. What
//! Chorus shows beyond this at many connections is its own; what this shows beyond nginx is the
//! runtime's and hyper's.
//!
//!   cargo run --release --example bare_hyper -- ADDR chorus|tokio|current
//!
//! `chorus`: the runtime Chorus runs on (`chorus::cli::runtime`) with one worker, as
//! `--threads 1`; `tokio`: tokio's multi-thread scheduler with its defaults and one worker;
//! `current`: tokio's current-thread scheduler.

use std::convert::Infallible;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

async fn answer(_: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    Ok(Response::new(Full::new(Bytes::from_static(b"ok"))))
}

async fn serve(addr: String) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        stream.set_nodelay(true)?;
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service_fn(answer))
                .await;
        });
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, addr, scheduler] = args.as_slice() else {
        eprintln!("usage: bare_hyper ADDR chorus|tokio|current");
        std::process::exit(2);
    };
    let runtime = match scheduler.as_str() {
        "chorus" => chorus::cli::runtime(Some(1))?,
        "tokio" => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?,
        "current" => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?,
        other => {
            eprintln!("unknown scheduler {other}: chorus, tokio or current");
            std::process::exit(2);
        }
    };
    runtime.block_on(serve(addr.clone()))
}
