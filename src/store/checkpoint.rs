//! SQLite's WAL checkpoints, on a thread of their own.
//!
//! A checkpoint copies the pages committed to the write-ahead log back into the database file.
//! By default SQLite runs one inside whichever commit finds the log past 1,000 pages: under a
//! stadium's pledges that was the action writer, the one thread every acknowledgement waits
//! for, and the checkpoints took a large share of its time (profile in BENCHMARKS.md, "Pledge").
//! Chorus's writing connections turn that off (`wal_autocheckpoint = 0`), and this thread
//! checkpoints instead, on the other core: mostly without blocking them (PASSIVE), and briefly
//! holding them back only to let a long log start over (see [`checkpoint`] and
//! [`Checkpointer::let_through`]).
//! Nothing about durability changes: a commit is on disk in the log before it is acknowledged.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{StoreError, StoreResult};

/// How often the log is checkpointed: at the pledge benchmark's rate the log grows by a few
/// thousand pages in this time, a few megabytes.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);
/// A log longer than this (16 MB of 4 KB pages) is started over after its checkpoint.
const RESTART_AFTER_FRAMES: i64 = 4_096;
/// How long the RESTART checkpoint waits for a write in progress to end.
const WAIT_FOR_WRITERS: Duration = Duration::from_secs(1);

/// Copies the log into the database file without blocking anyone; once the log is long, also
/// has it start over from its beginning.
///
/// The log starts over only when a write begins with every frame already copied, which under a
/// steady stream of writes never happens by itself (the log reached 1.6 GB in 24 s of
/// pledges). So past [`RESTART_AFTER_FRAMES`] a RESTART checkpoint follows: it holds writers
/// back while it copies the frames written since the PASSIVE one (a few), and the next write
/// starts the log over.
///
/// The RESTART needs a moment with no write in progress. SQLite's busy handler looks for one
/// every few milliseconds, and a writer that is never idle longer than a few microseconds
/// (the action writer under a stadium's pledges) leaves it none: the log then never started
/// over. So `restarting` is raised while the RESTART waits, and the action writer holds its
/// next batch until it falls ([`Checkpointer::let_through`]).
fn checkpoint(connection: &rusqlite::Connection, restarting: &AtomicBool) -> rusqlite::Result<()> {
    // (busy, frames in the log, frames copied); busy means try again next time.
    let run = |mode: &str| {
        connection.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
        })
    };
    let (_, frames) = run("PASSIVE")?;
    if frames > RESTART_AFTER_FRAMES {
        restarting.store(true, Ordering::Release);
        let restarted = run("RESTART");
        restarting.store(false, Ordering::Release);
        restarted?;
    }
    Ok(())
}

/// The checkpointing thread; it stops when [`Checkpointer::stop`] is called or the last
/// handle is dropped.
pub(super) struct Checkpointer {
    stopped: Arc<AtomicBool>,
    /// Raised while a RESTART checkpoint waits for the writers to pause.
    restarting: Arc<AtomicBool>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Checkpointer {
    /// Starts checkpointing the database at `path` on a connection of its own.
    pub(super) fn start(path: &Path) -> StoreResult<Self> {
        let connection = rusqlite::Connection::open(path)?;
        connection.busy_timeout(WAIT_FOR_WRITERS)?;
        let stopped = Arc::new(AtomicBool::new(false));
        let stop_seen = stopped.clone();
        let restarting = Arc::new(AtomicBool::new(false));
        let restart_seen = restarting.clone();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || loop {
                std::thread::park_timeout(CHECKPOINT_EVERY);
                if stop_seen.load(Ordering::Acquire) {
                    break;
                }
                if let Err(err) = checkpoint(&connection, &restart_seen) {
                    tracing::warn!(error = %err, "WAL checkpoint failed; trying again");
                }
            })
            .map_err(|err| StoreError::Unavailable(err.into()))?;
        Ok(Self {
            stopped,
            restarting,
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Whether a writer should hold its next write back, for the log to start over.
    fn holds_writers(&self) -> bool {
        self.restarting.load(Ordering::Acquire)
    }

    /// Waits, before a write, while a RESTART checkpoint waits for the writers to pause: at
    /// most [`WAIT_FOR_WRITERS`] and a poll, as the RESTART gives up after that.
    pub(super) async fn let_through(&self) {
        let until = tokio::time::Instant::now() + WAIT_FOR_WRITERS;
        while self.holds_writers() && tokio::time::Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    /// Stops the thread and waits for it (at most one checkpoint's time); its connection
    /// closes with it.
    pub(super) fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(thread) = thread {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database in WAL mode that never checkpoints by itself, as Chorus's writers are opened,
    /// in a folder of its own (removed when dropped).
    struct Scratch(std::path::PathBuf);

    impl Scratch {
        fn new(name: &str) -> (Self, rusqlite::Connection) {
            let nanos = crate::clock::now().unix_micros();
            let folder =
                std::env::temp_dir().join(format!("chorus-{name}-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&folder).expect("folder");
            let writer = rusqlite::Connection::open(folder.join("db")).expect("open");
            writer
                .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                .expect("wal");
            writer
                .pragma_update(None, "wal_autocheckpoint", 0)
                .expect("no autocheckpoint");
            writer
                .execute("CREATE TABLE t (v BLOB NOT NULL)", [])
                .expect("table");
            (Self(folder), writer)
        }

        fn path(&self) -> std::path::PathBuf {
            self.0.join("db")
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Writes `pages` pages' worth of rows in one transaction.
    fn write(writer: &rusqlite::Connection, pages: usize) {
        writer.execute_batch("BEGIN").expect("begin");
        for _ in 0..pages {
            writer
                .execute("INSERT INTO t (v) VALUES (zeroblob(3500))", [])
                .expect("insert");
        }
        writer.execute_batch("COMMIT").expect("commit");
    }

    #[test]
    fn the_log_starts_over_under_a_steady_stream_of_writes() {
        let (scratch, writer) = Scratch::new("steady");
        // As fast as this machine writes: no fsync in the test.
        writer
            .pragma_update(None, "synchronous", "OFF")
            .expect("sync off");
        let running = Checkpointer::start(&scratch.path()).expect("start");
        let until = std::time::Instant::now() + Duration::from_secs(2);
        let mut written = 0;
        while std::time::Instant::now() < until {
            // As the action writer does (`let_through`), without a runtime.
            while running.holds_writers() {
                std::thread::sleep(Duration::from_micros(100));
            }
            write(&writer, 1);
            written += 1;
        }
        running.stop();
        assert!(running.thread.lock().expect("lock").is_none(), "stopped");
        // Without the RESTART the log never started over (it reached 1.6 GB in 24 s of
        // pledges): a write always began before the copy ended. Without the writer holding
        // back, the RESTART found no pause in 2 s on a loaded machine. The log's header counts the
        // times it started over (asking SQLite would checkpoint it).
        let log = std::fs::read(scratch.0.join("db-wal")).expect("log");
        let restarts = u32::from_be_bytes([log[12], log[13], log[14], log[15]]);
        assert!(written > 1_000, "{written} writes");
        assert!(
            restarts >= 2,
            "the log started over {restarts} times in {written} writes"
        );
        let reader = rusqlite::Connection::open(scratch.path()).expect("open");
        let rows: i64 = reader
            .query_row("SELECT count(*) FROM t", [], |row| row.get(0))
            .expect("count");
        assert_eq!(rows, written);
    }
}
