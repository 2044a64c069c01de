//! The two backends behind [`Store`](super::Store): connecting, migrating, health and closing.
//! Statements run through `db.rs`, the one module that matches on the backend for them.

use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::checkpoint::Checkpointer;
use super::{StoreError, StoreResult};
use crate::config::DatabaseUrl;

pub(super) static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Clone)]
pub(super) enum Pool {
    /// SQLite allows one writer at a time: a one-connection writer pool queues writes in
    /// Chorus instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
    Sqlite {
        reader: SqlitePool,
        writer: SqlitePool,
        /// The action writer's own connection: supporters' actions are written row by row
        /// through rusqlite, while holding the writer pool's connection as the permit to write
        /// (see `actions/batch_sqlite.rs`).
        actions: ActionConnection,
        /// Checkpoints the log on its own thread: the writing connections never do.
        checkpointer: Arc<Checkpointer>,
    },
    Postgres(PgPool),
}

/// What `/readyz` reports about the database.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DbHealth {
    pub backend: &'static str,
    /// SQLite only: `wal` expected.
    pub journal_mode: Option<String>,
    /// SQLite only: 2 (FULL) expected, so an acknowledged write survives a power cut.
    pub synchronous: Option<i64>,
}

#[derive(Debug, Clone, Copy)]
pub struct PoolStats {
    pub connections: u32,
    pub idle: u32,
}

impl Pool {
    pub(super) async fn connect(url: &DatabaseUrl) -> StoreResult<Self> {
        match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(|source| StoreError::DataFolder {
                        path: folder.display().to_string(),
                        source,
                    })?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    .pragma("wal_autocheckpoint", "0");
                let writer = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(options.clone())
                    .await
                    .map_err(|err| StoreError::Unavailable(err.into()))?;
                let reader = SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(options)
                    .await
                    .map_err(|err| StoreError::Unavailable(err.into()))?;
                let actions = open_action_connection(path)?;
                let checkpointer = Arc::new(Checkpointer::start(path)?);
                Ok(Self::Sqlite {
                    reader,
                    writer,
                    actions,
                    checkpointer,
                })
            }
            DatabaseUrl::Postgres(raw) => {
                let options = sqlx::postgres::PgConnectOptions::from_str(raw)
                    .map_err(|err| StoreError::Unavailable(err.into()))?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .map_err(|err| StoreError::Unavailable(err.into()))?;
                Ok(Self::Postgres(pool))
            }
        }
    }

    pub(super) async fn migrate(&self) -> StoreResult<()> {
        match self {
            Self::Sqlite { writer, .. } => {
                // A migration that rebuilds a table others refer to (0019) must drop the old
                // one with foreign keys off, as SQLite's ALTER TABLE documentation asks; every
                // reference is checked once the migrations have run.
                let mut connection = writer.acquire().await?;
                sqlx::query("PRAGMA foreign_keys = OFF")
                    .execute(&mut *connection)
                    .await?;
                let ran = SQLITE_MIGRATIONS.run(&mut *connection).await;
                let broken: Vec<(String, i64, String, i64)> =
                    sqlx::query_as("PRAGMA foreign_key_check")
                        .fetch_all(&mut *connection)
                        .await?;
                sqlx::query("PRAGMA foreign_keys = ON")
                    .execute(&mut *connection)
                    .await?;
                ran?;
                if let Some((table, row, parent, _)) = broken.first() {
                    return Err(StoreError::Corrupt(format!(
                        "after migrating, row {row} of {table} refers to a missing {parent}"
                    )));
                }
            }
            Self::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    pub(super) fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite { .. } => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// Write transactions worth running at once: SQLite has one writer; PostgreSQL overlaps
    /// one transaction's commit (its fsync) with the next one's statements. Two, not four: each
    /// batch ends by adding to the campaign's count row, so a third writer only waits for that
    /// row's lock, and fewer writers make larger batches (alternated runs in BENCHMARKS.md).
    pub(super) fn concurrent_writers(&self) -> usize {
        match self {
            Self::Sqlite { .. } => 1,
            Self::Postgres(_) => 2,
        }
    }

    pub(super) async fn health(&self) -> StoreResult<DbHealth> {
        match self {
            Self::Sqlite { writer, .. } => {
                let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(writer)
                    .await?;
                let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(writer)
                    .await?;
                Ok(DbHealth {
                    backend: "sqlite",
                    journal_mode: Some(journal_mode),
                    synchronous: Some(synchronous),
                })
            }
            Self::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
                Ok(DbHealth {
                    backend: "postgres",
                    journal_mode: None,
                    synchronous: None,
                })
            }
        }
    }

    pub(super) fn stats(&self) -> PoolStats {
        match self {
            Self::Sqlite { reader, writer, .. } => PoolStats {
                connections: reader.size() + writer.size(),
                idle: u32::try_from(reader.num_idle() + writer.num_idle()).unwrap_or(u32::MAX),
            },
            Self::Postgres(pool) => PoolStats {
                connections: pool.size(),
                idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            },
        }
    }

    pub(super) async fn close(&self) {
        match self {
            Self::Sqlite {
                reader,
                writer,
                checkpointer,
                ..
            } => {
                reader.close().await;
                writer.close().await;
                checkpointer.stop();
            }
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

/// The SQLite action writer's connection, used by one batch at a time.
pub(super) type ActionConnection = Arc<Mutex<rusqlite::Connection>>;

/// Opens the action writer's connection with the settings of sqlx's (the file is already in
/// WAL mode, which is kept in the file): FULL sync, so a commit is on disk when it returns.
fn open_action_connection(path: &Path) -> StoreResult<ActionConnection> {
    let connection = rusqlite::Connection::open(path)?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", true)?;
    connection.pragma_update(None, "wal_autocheckpoint", 0)?;
    connection.busy_timeout(Duration::from_secs(5))?;
    Ok(Arc::new(Mutex::new(connection)))
}

/// Unique and foreign-key violations become [`StoreError::Conflict`], in this one place.
impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db)
                if db.is_unique_violation() || db.is_foreign_key_violation() =>
            {
                // PostgreSQL names the constraint (`orgs_slug_key`); SQLite puts the
                // columns in its message (`UNIQUE constraint failed: orgs.slug`).
                let constraint = db
                    .constraint()
                    .map(str::to_owned)
                    .or_else(|| {
                        db.message()
                            .split_once("failed: ")
                            .map(|(_, cols)| cols.to_owned())
                    })
                    .unwrap_or_default();
                StoreError::Conflict { constraint }
            }
            _ => StoreError::Unavailable(err.into()),
        }
    }
}

/// The action writer's rows on SQLite go through rusqlite on the writer connection's handle:
/// its constraint violations become [`StoreError::Conflict`] like sqlx's.
impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match &err {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
            rusqlite::Error::SqliteFailure(failure, Some(message))
                if matches!(
                    failure.extended_code,
                    rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                        | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                        | rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
                ) =>
            {
                let constraint = message
                    .split_once("failed: ")
                    .map(|(_, cols)| cols.to_owned())
                    .unwrap_or_default();
                StoreError::Conflict { constraint }
            }
            _ => StoreError::Unavailable(err.into()),
        }
    }
}
