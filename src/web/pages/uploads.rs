//! Turning an uploaded file into a stored image (decoding is CPU work: off the async runtime).

use crate::clock;
use crate::domain::ids::OrgId;
use crate::domain::image::{self, ImageError};
use crate::web::{AppError, AppState};

/// Why an upload was not stored: a message for the form, or a server problem.
pub enum UploadError {
    Rejected(ImageError),
    Failed(AppError),
}

impl From<AppError> for UploadError {
    fn from(err: AppError) -> Self {
        UploadError::Failed(err)
    }
}

/// Checks, scales and stores `upload`; returns the new image's id.
pub async fn store_image(
    state: &AppState,
    org: OrgId,
    upload: Vec<u8>,
    max_width: u32,
) -> Result<i64, UploadError> {
    let prepared = tokio::task::spawn_blocking(move || image::prepare(&upload, max_width))
        .await
        .map_err(|e| AppError::Internal(format!("image task: {e}")))?
        .map_err(UploadError::Rejected)?;
    let id = state
        .store
        .insert_image(
            org,
            "image/jpeg",
            (prepared.width, prepared.height),
            &prepared.bytes,
            clock::now(),
        )
        .await
        .map_err(AppError::from)?;
    Ok(id)
}
