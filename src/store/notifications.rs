//! PostgreSQL's LISTEN/NOTIFY: how processes sharing one database tell each other that
//! something changed. SQLite is served by one process, which needs no carrier: there these
//! send nothing and listen to nothing.

use sqlx::postgres::PgListener;

use super::db::query;
use super::pool::Pool;
use super::{Store, StoreResult};

/// The one channel Chorus's processes talk on.
const CHANNEL: &str = "chorus_changes";

/// PostgreSQL's limit on a notification's payload is 8,000 bytes; callers split longer ones.
pub const MAX_PAYLOAD: usize = 7_900;

/// A connection listening on the channel.
pub struct Listener(PgListener);

/// What a listener heard.
pub enum Heard {
    Said(String),
    /// The connection was lost (it reconnects on the next call): whatever was said meanwhile
    /// was missed, so the listener's owner catches up by reading.
    Lost,
}

impl Store {
    /// Tells every process listening (this one too) `payload`, at most [`MAX_PAYLOAD`] bytes.
    pub async fn notify(&self, payload: &str) -> StoreResult<()> {
        if let Pool::Postgres(_) = &self.pool {
            query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(self.writer())
                .await?;
        }
        Ok(())
    }

    /// Listens on the channel, on a connection of its own (None on SQLite).
    pub async fn listen(&self) -> StoreResult<Option<Listener>> {
        match &self.pool {
            Pool::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(CHANNEL).await?;
                Ok(Some(Listener(listener)))
            }
            Pool::Sqlite { .. } => Ok(None),
        }
    }
}

impl Listener {
    /// The next notification, or [`Heard::Lost`] when the connection dropped.
    pub async fn next(&mut self) -> StoreResult<Heard> {
        Ok(match self.0.try_recv().await? {
            Some(notification) => Heard::Said(notification.payload().to_owned()),
            None => Heard::Lost,
        })
    }
}
