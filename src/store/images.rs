//! Uploaded images (hero images, ambassador photos), already resized and re-encoded.

use sqlx::FromRow;

use super::db::{query_as, query_scalar};
use super::{Store, StoreResult};
use crate::domain::ids::OrgId;
use crate::domain::time::Timestamp;

/// An image as served: its bytes and type.
#[derive(Clone)]
pub struct StoredImage {
    pub id: i64,
    pub org_id: OrgId,
    /// Shown on a public page (a live or closed campaign's hero image): anyone may fetch it.
    pub public: bool,
    pub content_type: String,
    pub width: i64,
    pub height: i64,
    pub bytes: Vec<u8>,
}

#[derive(FromRow)]
struct ImageRow {
    id: i64,
    org_id: i64,
    public: bool,
    content_type: String,
    width: i64,
    height: i64,
    bytes: Vec<u8>,
}

impl Store {
    pub async fn insert_image(
        &self,
        org: OrgId,
        content_type: &str,
        (width, height): (u32, u32),
        bytes: &[u8],
        now: Timestamp,
    ) -> StoreResult<i64> {
        let id = query_scalar(
            "INSERT INTO images (org_id, content_type, width, height, bytes, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(org.0)
        .bind(content_type)
        .bind(i64::from(width))
        .bind(i64::from(height))
        .bind(bytes)
        .bind(now.unix_micros())
        .fetch_one(self.writer())
        .await?;
        Ok(id)
    }

    /// An image by id, with whether a public page shows it.
    pub async fn image(&self, id: i64) -> StoreResult<Option<StoredImage>> {
        let row = query_as::<ImageRow>(
                "SELECT i.id, i.org_id, i.content_type, i.width, i.height, i.bytes, \
                 EXISTS (SELECT 1 FROM campaigns c WHERE c.hero_image_id = i.id AND c.status <> 'draft' \
                         AND c.archived_at IS NULL) AS public \
                 FROM images i WHERE i.id = $1",
            )
            .bind(id)
            .fetch_optional(self.reader())
            .await?;
        Ok(row.map(|r| StoredImage {
            id: r.id,
            org_id: OrgId(r.org_id),
            public: r.public,
            content_type: r.content_type,
            width: r.width,
            height: r.height,
            bytes: r.bytes,
        }))
    }
}
