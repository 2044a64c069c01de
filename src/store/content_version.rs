//! One number that grows with every change to what public pages show. Page caches key on it,
//! so an edit shows on the very next request — from any process sharing a PostgreSQL database.

use std::sync::atomic::{AtomicU64, Ordering};

use super::db::query_scalar;
use super::pool::Pool;
use super::{Store, StoreResult};

/// Reads of the content version on PostgreSQL, shared by the requests that wait for one. A
/// request is answered only by a read that *started after it arrived*, so it still sees every
/// edit committed before it arrived, while a thousand concurrent requests cost two queries,
/// not a thousand.
#[derive(Default)]
pub(super) struct SharedReads {
    /// Reads started so far (the number of the latest read).
    started: AtomicU64,
    /// One read at a time; holds the number of the latest finished read and its value.
    latest: tokio::sync::Mutex<(u64, i64)>,
}

impl SharedReads {
    async fn read<F>(&self, query: impl FnOnce() -> F) -> StoreResult<i64>
    where
        F: std::future::Future<Output = StoreResult<i64>>,
    {
        let arrived_after = self.started.load(Ordering::SeqCst);
        let mut latest = self.latest.lock().await;
        if latest.0 > arrived_after {
            return Ok(latest.1);
        }
        let number = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let version = query().await?;
        *latest = (number, version);
        Ok(version)
    }
}

const VERSION: &str = "SELECT version FROM content_version WHERE id = 1";

impl Store {
    pub(super) async fn load_content_version(&self) -> StoreResult<()> {
        let version: i64 = query_scalar(VERSION).fetch_one(self.reader()).await?;
        self.content_version.fetch_max(version, Ordering::SeqCst);
        Ok(())
    }

    /// Records a version committed by this process (call after COMMIT returns).
    pub(super) fn committed_content_version(&self, version: i64) {
        self.content_version.fetch_max(version, Ordering::SeqCst);
    }

    /// The current content version: from memory on SQLite, from the database on PostgreSQL
    /// (another process may have committed an edit), one read shared by concurrent requests.
    pub async fn content_version(&self) -> StoreResult<i64> {
        match &self.pool {
            Pool::Sqlite { .. } => Ok(self.content_version.load(Ordering::SeqCst)),
            Pool::Postgres(_) => {
                self.version_reads
                    .read(|| query_scalar(VERSION).fetch_one(self.reader()))
                    .await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::sync::Arc;

    use tokio::sync::oneshot;

    use super::SharedReads;

    /// A request that arrives while a read is under way waits for the next read (an edit may
    /// have committed after the first one started); requests waiting together share it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_read_started_before_a_request_never_answers_it() {
        let reads = Arc::new(SharedReads::default());
        let queries = Arc::new(AtomicI64::new(0));
        let (release, released) = oneshot::channel::<()>();
        let first = {
            let (reads, queries) = (reads.clone(), queries.clone());
            tokio::spawn(async move {
                reads
                    .read(|| async move {
                        let _ = released.await;
                        Ok(queries.fetch_add(1, Ordering::SeqCst) + 1)
                    })
                    .await
            })
        };
        while reads.started.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        // Ten requests arrive while the first read is in flight.
        let mut later = Vec::new();
        for _ in 0..10 {
            let (reads, queries) = (reads.clone(), queries.clone());
            later.push(tokio::spawn(async move {
                reads
                    .read(|| async move { Ok(queries.fetch_add(1, Ordering::SeqCst) + 1) })
                    .await
            }));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        release.send(()).expect("first read waiting");
        assert_eq!(first.await.expect("task").expect("read"), 1);
        for request in later {
            assert_eq!(
                request.await.expect("task").expect("read"),
                2,
                "answered by the read that started after it arrived"
            );
        }
        assert_eq!(
            queries.load(Ordering::SeqCst),
            2,
            "eleven requests, two queries"
        );
    }
}
