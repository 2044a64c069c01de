//! Background writers (group commit of actions, batches of visits) run on a thread of their own,
//! each with a one-thread async runtime, not among the request tasks.
//!
//! A batch awaits the database a dozen times (each statement, each page of returned rows, the
//! commit). The database's answer wakes the writer from a thread outside the request runtime,
//! and such a wake-up joins the runtime's shared queue, which busy workers look at only between
//! dozens of request tasks: with hundreds of connections every await waited milliseconds for a
//! turn. On a thread of its own the writer runs as soon as it is woken.

use std::future::Future;

use tokio::task::JoinHandle;

/// Runs `writer` to completion on a thread of its own; the handle ends when it does.
pub fn spawn_writer_thread(
    name: &'static str,
    writer: impl Future<Output = ()> + Send + 'static,
) -> JoinHandle<()> {
    tokio::task::spawn_blocking(move || {
        match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime.block_on(writer),
            Err(err) => tracing::error!(error = %err, writer = name, "cannot start a writer"),
        }
    })
}
