//! Uploaded images (hero images, ambassador photos), already resized and re-encoded.

use sqlx::FromRow;

use super::pool::{with_reader, with_writer};
use super::{Store, StoreResult};
use crate::domain::ids::OrgId;
use crate::domain::time::Timestamp;

/// An image as served: its bytes and type.
#[derive(Clone)]
pub struct StoredImage {
    pub id: i64,
    pub content_type: String,
    pub width: i64,
    pub height: i64,
    pub bytes: Vec<u8>,
}

#[derive(FromRow)]
struct ImageRow {
    id: i64,
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
        let id = with_writer!(self, |p| {
            sqlx::query_scalar(
                "INSERT INTO images (org_id, content_type, width, height, bytes, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(org.0)
            .bind(content_type)
            .bind(i64::from(width))
            .bind(i64::from(height))
            .bind(bytes)
            .bind(now.unix_micros())
            .fetch_one(p)
            .await
        })?;
        Ok(id)
    }

    /// A public image by id (images are shown on public pages; ids are not secrets).
    pub async fn image(&self, id: i64) -> StoreResult<Option<StoredImage>> {
        let row = with_reader!(self, |p| {
            sqlx::query_as::<_, ImageRow>(
                "SELECT id, content_type, width, height, bytes FROM images WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(p)
            .await
        })?;
        Ok(row.map(|r| StoredImage {
            id: r.id,
            content_type: r.content_type,
            width: r.width,
            height: r.height,
            bytes: r.bytes,
        }))
    }
}
