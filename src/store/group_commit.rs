//! Group commit for supporters' actions: submissions that arrive together are written in one
//! transaction, so a stadium's worth of pledges costs one fsync per batch, not one per pledge.
//! Every submitter waits for the commit of its batch: an answer is only given once the action is
//! on disk.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Mutex};
use tokio::task::{JoinHandle, JoinSet};

use super::{spawn_writer_thread, NewAction, Recorded, Store, StoreError, StoreResult};

/// Submissions written in one transaction at most.
const MAX_BATCH: usize = 256;
/// Submissions waiting at most; past this, submitters wait for room (back-pressure).
const QUEUE: usize = 4_096;

type Reply = oneshot::Sender<StoreResult<Recorded>>;

/// The submitting side; cheap to clone.
#[derive(Clone)]
pub struct ActionWriter {
    queue: mpsc::Sender<(NewAction, Reply)>,
}

impl ActionWriter {
    /// Starts the writer tasks (as many as the backend runs write transactions at once) on a
    /// thread of their own ([`spawn_writer_thread`]): among hundreds of request tasks each of a
    /// batch's awaits waited its turn, and a batch of ~100 took 6 ms of which SQLite worked a
    /// third. They end once every `ActionWriter` clone is dropped and the queue is empty, so a graceful
    /// shutdown answers everything already submitted.
    pub fn start(store: Store) -> (Self, JoinHandle<()>) {
        let (queue, incoming) = mpsc::channel::<(NewAction, Reply)>(QUEUE);
        let incoming = Arc::new(Mutex::new(incoming));
        let task = spawn_writer_thread("actions", async move {
            let mut writers = JoinSet::new();
            for _ in 0..store.concurrent_writers() {
                let (store, incoming) = (store.clone(), incoming.clone());
                writers.spawn(async move {
                    let mut batch = Vec::with_capacity(MAX_BATCH);
                    // While one batch commits, the next gathers in the queue: no timer is
                    // needed. A writer takes its batch and lets go of the queue before writing,
                    // so on PostgreSQL the next batch is written while this one commits.
                    while incoming.lock().await.recv_many(&mut batch, MAX_BATCH).await > 0 {
                        let (actions, replies): (Vec<NewAction>, Vec<Reply>) =
                            batch.drain(..).unzip();
                        let results = store.record_actions(&actions).await;
                        for (reply, result) in replies.into_iter().zip(results) {
                            // A submitter that went away (disconnected) still had its action kept.
                            let _ = reply.send(result);
                        }
                    }
                });
            }
            while writers.join_next().await.is_some() {}
        });
        (Self { queue }, task)
    }

    /// Records one action with whatever else is being submitted; returns after the commit.
    pub async fn record(&self, action: NewAction) -> StoreResult<Recorded> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((action, reply))
            .await
            .map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }
}
