//! Group commit for supporters' actions: submissions that arrive together are written in one
//! transaction, so a stadium's worth of pledges costs one fsync per batch, not one per pledge.
//! Every submitter waits for the commit of its batch: an answer is only given once the action is
//! on disk.

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::{NewAction, Recorded, Store, StoreError, StoreResult};

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
    /// Starts the writer task. It ends once every `ActionWriter` clone is dropped and the queue
    /// is empty, so a graceful shutdown answers everything already submitted.
    pub fn start(store: Store) -> (Self, JoinHandle<()>) {
        let (queue, mut incoming) = mpsc::channel::<(NewAction, Reply)>(QUEUE);
        let task = tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            // While one batch commits, the next gathers in the queue: no timer is needed.
            while incoming.recv_many(&mut batch, MAX_BATCH).await > 0 {
                let (actions, replies): (Vec<NewAction>, Vec<Reply>) = batch.drain(..).unzip();
                let results = store.record_actions(&actions).await;
                for (reply, result) in replies.into_iter().zip(results) {
                    // A submitter that went away (client disconnected) still had its action kept.
                    let _ = reply.send(result);
                }
            }
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
