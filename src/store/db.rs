//! The one place that chooses the backend. A store method is written once, as plain async
//! Rust, against three things defined here:
//! - [`Db`], a pool to run one statement on (`store.reader()` / `store.writer()`);
//! - [`Tx`], a transaction on either backend (`store.read()` / `store.write()`);
//! - [`Query`], a statement with its arguments, bound once and run on either.
//!
//! Arguments are kept as [`Value`]s until the query runs, then given to the native driver of
//! the backend it runs on: no `sqlx::Any`, and no second copy of each body per backend.
//! [`Change`], for staff writes, lives in `store/change.rs`.

use std::borrow::Cow;
use std::marker::PhantomData;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgConnection, PgPool, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{Arguments, FromRow, Postgres, Sqlite};

use super::pool::Pool;
use super::{StoreError, StoreResult};

/// A pool to run one statement on, or to begin a transaction on.
#[derive(Clone, Copy)]
pub(super) enum Db<'p> {
    Sqlite(&'p SqlitePool),
    Postgres(&'p PgPool),
}

impl Db<'_> {
    pub(super) async fn begin(self) -> StoreResult<Tx> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

/// A transaction on either backend; dropped without [`Tx::commit`], it rolls back.
pub(super) enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// A PostgreSQL transaction as sqlx's own type, for the tuned action writer
    /// (`actions/batch_postgres.rs`), which runs its statements on the connection before the
    /// ordinary ones that follow in the same transaction (as [`Tx::Postgres`]).
    pub(super) async fn begin_postgres(
        pool: &PgPool,
    ) -> StoreResult<sqlx::Transaction<'static, Postgres>> {
        Ok(pool.begin().await?)
    }

    pub(super) async fn commit(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// Where a statement runs: a pool, or a transaction's connection.
pub(super) enum On<'a> {
    SqlitePool(&'a SqlitePool),
    Sqlite(&'a mut SqliteConnection),
    PostgresPool(&'a PgPool),
    Postgres(&'a mut PgConnection),
}

impl<'a> From<Db<'a>> for On<'a> {
    fn from(db: Db<'a>) -> Self {
        match db {
            Db::Sqlite(pool) => On::SqlitePool(pool),
            Db::Postgres(pool) => On::PostgresPool(pool),
        }
    }
}

impl<'a> From<&'a mut Tx> for On<'a> {
    fn from(tx: &'a mut Tx) -> Self {
        match tx {
            Tx::Sqlite(tx) => On::Sqlite(tx),
            Tx::Postgres(tx) => On::Postgres(tx),
        }
    }
}

/// One argument of a statement. A null keeps its type: PostgreSQL checks it against the column.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

/// A Rust value a statement can take as an argument.
pub(super) trait Bind {
    fn value(self) -> Value;
    /// This type's null, for `None`.
    fn null() -> Value;
}

impl Bind for i64 {
    fn value(self) -> Value {
        Value::Int(Some(self))
    }
    fn null() -> Value {
        Value::Int(None)
    }
}

impl Bind for &i64 {
    fn value(self) -> Value {
        Value::Int(Some(*self))
    }
    fn null() -> Value {
        Value::Int(None)
    }
}

impl Bind for i32 {
    fn value(self) -> Value {
        Value::Int(Some(i64::from(self)))
    }
    fn null() -> Value {
        Value::Int(None)
    }
}

impl Bind for f64 {
    fn value(self) -> Value {
        Value::Real(Some(self))
    }
    fn null() -> Value {
        Value::Real(None)
    }
}

impl Bind for bool {
    fn value(self) -> Value {
        Value::Bool(Some(self))
    }
    fn null() -> Value {
        Value::Bool(None)
    }
}

impl Bind for String {
    fn value(self) -> Value {
        Value::Text(Some(self))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Bind for &str {
    fn value(self) -> Value {
        Value::Text(Some(self.to_owned()))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Bind for &String {
    fn value(self) -> Value {
        Value::Text(Some(self.clone()))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Bind for Vec<u8> {
    fn value(self) -> Value {
        Value::Bytes(Some(self))
    }
    fn null() -> Value {
        Value::Bytes(None)
    }
}

impl Bind for &[u8] {
    fn value(self) -> Value {
        Value::Bytes(Some(self.to_vec()))
    }
    fn null() -> Value {
        Value::Bytes(None)
    }
}

impl Bind for &Vec<u8> {
    fn value(self) -> Value {
        Value::Bytes(Some(self.clone()))
    }
    fn null() -> Value {
        Value::Bytes(None)
    }
}

impl<T: Bind> Bind for Option<T> {
    fn value(self) -> Value {
        self.map_or_else(T::null, T::value)
    }
    fn null() -> Value {
        T::null()
    }
}

impl<T: Bind + Clone> Bind for &Option<T> {
    fn value(self) -> Value {
        self.clone().value()
    }
    fn null() -> Value {
        T::null()
    }
}

/// A row type both backends decode: a `#[derive(FromRow)]` struct or a tuple.
pub(super) trait Row:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<R> Row for R where R: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A statement and its arguments (`$1`, `$2`, … in the SQL, which both backends read), yielding
/// rows of type `R` (`()` for a statement run for its effect).
#[must_use = "a query does nothing until it runs"]
pub(super) struct Query<'q, R = ()> {
    sql: Cow<'q, str>,
    /// For a statement built in pieces, the same SQL with `?` for each pushed argument, which
    /// SQLite binds by position. With `$N` it looks each name up in a list, a cost that grows
    /// with the square of the arguments: a multi-row INSERT of thousands of them slowed the
    /// visit writer several times over.
    positional: Option<String>,
    values: Vec<Value>,
    row: PhantomData<fn() -> R>,
}

/// A statement run for its effect.
pub(super) fn query<'q>(sql: impl Into<Cow<'q, str>>) -> Query<'q, ()> {
    Query::new(sql.into())
}

/// A statement yielding rows of type `R`.
pub(super) fn query_as<'q, R: Row>(sql: impl Into<Cow<'q, str>>) -> Query<'q, R> {
    Query::new(sql.into())
}

/// A statement yielding one column of type `T`.
pub(super) fn query_scalar<'q, T>(sql: impl Into<Cow<'q, str>>) -> Scalar<'q, T>
where
    (T,): Row,
{
    Scalar(query_as(sql))
}

/// What running a statement for its effect reports.
#[derive(Debug, Clone, Copy)]
pub(super) struct Done {
    rows_affected: u64,
}

impl Done {
    pub(super) fn rows_affected(self) -> u64 {
        self.rows_affected
    }
}

impl<'q, R> Query<'q, R> {
    fn new(sql: Cow<'q, str>) -> Self {
        Self {
            sql,
            positional: None,
            values: Vec::new(),
            row: PhantomData,
        }
    }

    /// Adds the next argument (`$1` first).
    pub(super) fn bind(mut self, value: impl Bind) -> Self {
        self.values.push(value.value());
        self
    }

    /// Appends SQL text (for statements built in pieces).
    pub(super) fn push(&mut self, sql: &str) -> &mut Self {
        if self.positional.is_none() && self.values.is_empty() {
            self.positional = Some(self.sql.to_string());
        }
        if let Some(positional) = &mut self.positional {
            positional.push_str(sql);
        }
        self.sql.to_mut().push_str(sql);
        self
    }

    /// Appends the placeholder of the argument just added.
    fn push_placeholder(&mut self) {
        let number = self.values.len();
        let sql = self.sql.to_mut();
        sql.push('$');
        sql.push_str(&number.to_string());
        if let Some(positional) = &mut self.positional {
            positional.push('?');
        }
    }

    /// Appends `VALUES (…), (…)` with one tuple per item, each filled by `fill`.
    pub(super) fn push_values<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut fill: impl FnMut(Tuple<'_, 'q, R>, T),
    ) -> &mut Self {
        self.push("VALUES ");
        for (index, item) in items.into_iter().enumerate() {
            self.push(if index == 0 { "(" } else { ", (" });
            fill(
                Tuple {
                    query: self,
                    first: true,
                },
                item,
            );
            self.push(")");
        }
        self
    }

    /// The statement's text and arguments for SQLite.
    fn for_sqlite(self) -> StoreResult<(Cow<'q, str>, SqliteArguments<'static>)> {
        let mut arguments = SqliteArguments::default();
        for value in self.values {
            match value {
                Value::Int(v) => arguments.add(v),
                Value::Real(v) => arguments.add(v),
                Value::Bool(v) => arguments.add(v),
                Value::Text(v) => arguments.add(v),
                Value::Bytes(v) => arguments.add(v),
            }
            .map_err(StoreError::Unavailable)?;
        }
        let sql = self.positional.map_or(self.sql, Cow::Owned);
        Ok((sql, arguments))
    }

    /// The statement's text and arguments for PostgreSQL.
    fn for_postgres(self) -> StoreResult<(Cow<'q, str>, PgArguments)> {
        let mut arguments = PgArguments::default();
        for value in self.values {
            match value {
                Value::Int(v) => arguments.add(v),
                Value::Real(v) => arguments.add(v),
                Value::Bool(v) => arguments.add(v),
                Value::Text(v) => arguments.add(v),
                Value::Bytes(v) => arguments.add(v),
            }
            .map_err(StoreError::Unavailable)?;
        }
        Ok((self.sql, arguments))
    }

    /// Runs the statement for its effect.
    pub(super) async fn execute<'a>(self, on: impl Into<On<'a>>) -> StoreResult<Done> {
        let mut connection = Connection::of(on.into()).await?;
        let rows_affected = match connection.backend() {
            Backend::Sqlite(c) => {
                let (sql, arguments) = self.for_sqlite()?;
                sqlx::query_with(&sql, arguments)
                    .execute(c)
                    .await?
                    .rows_affected()
            }
            Backend::Postgres(c) => {
                let (sql, arguments) = self.for_postgres()?;
                sqlx::query_with(&sql, arguments)
                    .execute(c)
                    .await?
                    .rows_affected()
            }
        };
        Ok(Done { rows_affected })
    }
}

impl<R: Row> Query<'_, R> {
    /// Every row.
    pub(super) async fn fetch_all<'a>(self, on: impl Into<On<'a>>) -> StoreResult<Vec<R>> {
        let mut connection = Connection::of(on.into()).await?;
        Ok(match connection.backend() {
            Backend::Sqlite(c) => {
                let (sql, arguments) = self.for_sqlite()?;
                sqlx::query_as_with(&sql, arguments).fetch_all(c).await?
            }
            Backend::Postgres(c) => {
                let (sql, arguments) = self.for_postgres()?;
                sqlx::query_as_with(&sql, arguments).fetch_all(c).await?
            }
        })
    }

    /// The first row, if any.
    pub(super) async fn fetch_optional<'a>(self, on: impl Into<On<'a>>) -> StoreResult<Option<R>> {
        let mut connection = Connection::of(on.into()).await?;
        Ok(match connection.backend() {
            Backend::Sqlite(c) => {
                let (sql, arguments) = self.for_sqlite()?;
                sqlx::query_as_with(&sql, arguments)
                    .fetch_optional(c)
                    .await?
            }
            Backend::Postgres(c) => {
                let (sql, arguments) = self.for_postgres()?;
                sqlx::query_as_with(&sql, arguments)
                    .fetch_optional(c)
                    .await?
            }
        })
    }

    /// The first row; none is [`StoreError::NotFound`].
    pub(super) async fn fetch_one<'a>(self, on: impl Into<On<'a>>) -> StoreResult<R> {
        self.fetch_optional(on).await?.ok_or(StoreError::NotFound)
    }
}

/// The connection a statement runs on: a transaction's, or one taken from a pool for it
/// (what sqlx's pool executor does too), back in the pool when dropped.
enum Connection<'a> {
    SqlitePooled(PoolConnection<Sqlite>),
    Sqlite(&'a mut SqliteConnection),
    PostgresPooled(PoolConnection<Postgres>),
    Postgres(&'a mut PgConnection),
}

/// A connection of one backend or the other.
enum Backend<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl<'a> Connection<'a> {
    async fn of(on: On<'a>) -> StoreResult<Self> {
        Ok(match on {
            On::SqlitePool(pool) => Connection::SqlitePooled(pool.acquire().await?),
            On::Sqlite(connection) => Connection::Sqlite(connection),
            On::PostgresPool(pool) => Connection::PostgresPooled(pool.acquire().await?),
            On::Postgres(connection) => Connection::Postgres(connection),
        })
    }

    fn backend(&mut self) -> Backend<'_> {
        match self {
            Connection::SqlitePooled(connection) => Backend::Sqlite(connection),
            Connection::Sqlite(connection) => Backend::Sqlite(connection),
            Connection::PostgresPooled(connection) => Backend::Postgres(connection),
            Connection::Postgres(connection) => Backend::Postgres(connection),
        }
    }
}

/// One tuple of a `VALUES` list being filled.
pub(super) struct Tuple<'b, 'q, R> {
    query: &'b mut Query<'q, R>,
    first: bool,
}

impl<R> Tuple<'_, '_, R> {
    /// Adds the tuple's next argument.
    pub(super) fn push_bind(&mut self, value: impl Bind) -> &mut Self {
        if !std::mem::take(&mut self.first) {
            self.query.push(", ");
        }
        self.query.values.push(value.value());
        self.query.push_placeholder();
        self
    }
}

/// A statement yielding one column.
#[must_use = "a query does nothing until it runs"]
pub(super) struct Scalar<'q, T>(Query<'q, (T,)>);

impl<T> Scalar<'_, T>
where
    (T,): Row,
{
    pub(super) fn bind(self, value: impl Bind) -> Self {
        Self(self.0.bind(value))
    }

    pub(super) async fn fetch_all<'a>(self, on: impl Into<On<'a>>) -> StoreResult<Vec<T>> {
        Ok(self
            .0
            .fetch_all(on)
            .await?
            .into_iter()
            .map(|(v,)| v)
            .collect())
    }

    pub(super) async fn fetch_optional<'a>(self, on: impl Into<On<'a>>) -> StoreResult<Option<T>> {
        Ok(self.0.fetch_optional(on).await?.map(|(v,)| v))
    }

    pub(super) async fn fetch_one<'a>(self, on: impl Into<On<'a>>) -> StoreResult<T> {
        Ok(self.0.fetch_one(on).await?.0)
    }
}

impl super::Store {
    /// The pool for reads: one statement, or a read transaction begun on it.
    pub(super) fn reader(&self) -> Db<'_> {
        match &self.pool {
            Pool::Sqlite { reader, .. } => Db::Sqlite(reader),
            Pool::Postgres(pool) => Db::Postgres(pool),
        }
    }

    /// The pool for writes (SQLite's single writer connection).
    pub(super) fn writer(&self) -> Db<'_> {
        match &self.pool {
            Pool::Sqlite { writer, .. } => Db::Sqlite(writer),
            Pool::Postgres(pool) => Db::Postgres(pool),
        }
    }

    /// A read transaction: several reads that see one state of the database (SQLite's WAL
    /// gives a transaction one snapshot; PostgreSQL's default gives each statement its own).
    pub(super) async fn read(&self) -> StoreResult<Tx> {
        let mut tx = self.reader().begin().await?;
        if let Tx::Postgres(_) = tx {
            query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut tx)
                .await?;
        }
        Ok(tx)
    }

    /// A write transaction.
    pub(super) async fn write(&self) -> StoreResult<Tx> {
        self.writer().begin().await
    }
}

#[cfg(test)]
mod tests {
    use sqlx::FromRow;

    use super::{query, query_as, query_scalar};
    use crate::store::testing::Backends;
    use crate::store::StoreError;

    #[derive(Debug, PartialEq, FromRow)]
    struct Probe {
        number: i64,
        real: f64,
        flag: bool,
        text: String,
        bytes: Vec<u8>,
        missing: Option<String>,
    }

    #[tokio::test]
    async fn a_row_decodes_alike_on_both_backends() {
        let backends = Backends::open("decodes").await;
        let expected = Probe {
            number: -9_007_199_254_740_993,
            real: 0.125,
            flag: true,
            text: "Ünïcode — مرحبا".into(),
            bytes: vec![0, 255, 7],
            missing: None,
        };
        for store in &backends.stores {
            let probe: Probe = query_as(
                "SELECT $1 AS number, $2 AS real, $3 AS flag, $4 AS text, $5 AS bytes, \
                 $6 AS missing",
            )
            .bind(expected.number)
            .bind(expected.real)
            .bind(expected.flag)
            .bind(expected.text.as_str())
            .bind(expected.bytes.clone())
            .bind(None::<String>)
            .fetch_one(store.reader())
            .await
            .expect("probe");
            assert_eq!(probe, expected, "{}", store.backend_name());
            // A VALUES list built in pieces numbers its arguments in order.
            let mut values = query_as::<(i64, String)>("");
            values.push_values(
                [(1, "one"), (2, "two"), (3, "three")],
                |mut row, (n, word)| {
                    row.push_bind(n).push_bind(word);
                },
            );
            let rows = values.fetch_all(store.reader()).await.expect("values");
            assert_eq!(
                rows,
                vec![(1, "one".into()), (2, "two".into()), (3, "three".into())]
            );
        }
        backends.close().await;
    }

    /// A statement built in pieces numbers its arguments for PostgreSQL and leaves them
    /// positional for SQLite, which would otherwise look each `$N` up by name.
    #[test]
    fn pieces_number_for_postgres_and_stay_positional_for_sqlite() {
        let mut insert = query("INSERT INTO t (a, b) ");
        insert.push_values([(1, "x"), (2, "y")], |mut row, (a, b)| {
            row.push_bind(a).push_bind(b);
        });
        insert.push(" ON CONFLICT DO NOTHING");
        assert_eq!(
            insert.sql,
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            insert.positional.as_deref(),
            Some("INSERT INTO t (a, b) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING")
        );
        // Arguments bound before the pieces keep their numbers on both backends.
        let mut mixed = query("SELECT $1").bind(0);
        mixed.push_values([1], |mut row, n| {
            row.push_bind(n);
        });
        assert_eq!(mixed.positional, None);
        assert_eq!(mixed.sql, "SELECT $1VALUES ($2)");
    }

    #[tokio::test]
    async fn constraint_errors_are_conflicts_and_roll_back() {
        let backends = Backends::open("conflicts").await;
        for store in &backends.stores {
            let insert = "INSERT INTO orgs (slug, name, created_at) VALUES ($1, $2, 0)";
            let mut tx = store.write().await.expect("begin");
            query(insert)
                .bind("taken")
                .bind("First")
                .execute(&mut tx)
                .await
                .expect("first");
            tx.commit().await.expect("commit");

            let mut tx = store.write().await.expect("begin");
            query(insert)
                .bind("kept-out")
                .bind("Rolled back")
                .execute(&mut tx)
                .await
                .expect("insert in the failing transaction");
            let again = query(insert)
                .bind("taken")
                .bind("Second")
                .execute(&mut tx)
                .await;
            match again {
                Err(err @ StoreError::Conflict { .. }) => {
                    assert!(err.is_conflict_on("orgs"), "{err:?}")
                }
                other => panic!("{}: {other:?}", store.backend_name()),
            }
            drop(tx);
            let orphan = query(
                "INSERT INTO memberships (org_id, user_id, role, created_at) \
                 VALUES (424242, 424242, 'owner', 0)",
            )
            .execute(store.writer())
            .await;
            assert!(
                matches!(orphan, Err(StoreError::Conflict { .. })),
                "{}: {orphan:?}",
                store.backend_name()
            );
            let slugs: Vec<String> = query_scalar("SELECT slug FROM orgs ORDER BY slug")
                .fetch_all(store.reader())
                .await
                .expect("slugs");
            assert_eq!(
                slugs,
                vec!["taken".to_string()],
                "the failed one rolled back"
            );
            let none = query_scalar::<i64>("SELECT id FROM orgs WHERE slug = $1")
                .bind("missing")
                .fetch_one(store.reader())
                .await;
            assert!(matches!(none, Err(StoreError::NotFound)), "{none:?}");
        }
        backends.close().await;
    }

    /// A read transaction sees one state of the database: a write committed after its first
    /// read does not show in its second (a report's figures all come from one moment).
    #[tokio::test]
    async fn a_read_transaction_sees_one_state() {
        let backends = Backends::open("snapshot").await;
        for store in &backends.stores {
            let count = "SELECT COUNT(*) FROM orgs";
            let mut read = store.read().await.expect("read");
            let before: i64 = query_scalar(count).fetch_one(&mut read).await.expect("n");
            query("INSERT INTO orgs (slug, name, created_at) VALUES ('later', 'Later', 0)")
                .execute(store.writer())
                .await
                .expect("write");
            let during: i64 = query_scalar(count).fetch_one(&mut read).await.expect("n");
            assert_eq!(during, before, "{}", store.backend_name());
            read.commit().await.expect("end");
            let after: i64 = query_scalar(count)
                .fetch_one(store.reader())
                .await
                .expect("n");
            assert_eq!(after, before + 1);
        }
        backends.close().await;
    }
}
