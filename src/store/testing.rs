//! Stores for unit tests that need the real database: SQLite always, and PostgreSQL when the
//! run has one.

use sqlx::Connection;

use crate::config::DatabaseUrl;
use crate::store::Store;

/// A store on each backend this run has: SQLite always, PostgreSQL (a fresh database)
/// when `CHORUS_TEST_DATABASE_URL` is set, as CI sets it.
pub struct Backends {
    pub stores: Vec<Store>,
    folder: std::path::PathBuf,
    postgres: Option<(String, String)>,
}

impl Backends {
    pub async fn open(test: &str) -> Self {
        let suffix = format!("{}_{test}", std::process::id());
        let folder = std::env::temp_dir().join(format!("chorus-db-{suffix}"));
        std::fs::create_dir_all(&folder).expect("temp folder");
        let sqlite = DatabaseUrl::Sqlite(folder.join("chorus.db"));
        let mut stores = vec![Store::open(&sqlite).await.expect("sqlite")];
        let mut postgres = None;
        match std::env::var("CHORUS_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("chorus_db_{suffix}");
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .expect("connect");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .expect("create database");
                let mut url = url::Url::parse(&admin_url).expect("url");
                url.set_path(&format!("/{name}"));
                let url = DatabaseUrl::Postgres(url.to_string());
                stores.push(Store::open(&url).await.expect("postgres"));
                postgres = Some((admin_url, name));
            }
            _ if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("CI=true requires CHORUS_TEST_DATABASE_URL")
            }
            _ => eprintln!("skipped: {test} on PostgreSQL"),
        }
        Self {
            stores,
            folder,
            postgres,
        }
    }

    pub async fn close(self) {
        for store in &self.stores {
            store.close().await;
        }
        let _ = std::fs::remove_dir_all(&self.folder);
        if let Some((admin_url, name)) = self.postgres {
            let mut admin = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("connect");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin)
                .await
                .expect("drop database");
        }
    }
}
