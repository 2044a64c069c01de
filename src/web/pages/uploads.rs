//! Turning an uploaded file into a stored image (decoding is CPU work: off the async runtime,
//! and at most `IMAGE_PREPARATIONS` at once, since each may take a hundred megabytes).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

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

/// How long an upload waits for its turn before the staff member is asked to try again.
const PREPARATION_WAIT: Duration = Duration::from_secs(20);

/// A turn to decode an image, waiting up to `wait` for one of the others to finish.
async fn turn_to_prepare(
    turns: &Arc<Semaphore>,
    wait: Duration,
) -> Result<OwnedSemaphorePermit, AppError> {
    tokio::time::timeout(wait, turns.clone().acquire_owned())
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| AppError::TooManyRequests {
            retry_after: Duration::from_secs(10),
            message: "Other images are being prepared right now; please upload yours again in a few seconds."
                .into(),
        })
}

/// Checks, scales and stores `upload`; returns the new image's id.
pub async fn store_image(
    state: &AppState,
    org: OrgId,
    upload: Vec<u8>,
    max_width: u32,
) -> Result<i64, UploadError> {
    let turn = turn_to_prepare(&state.image_preparations, PREPARATION_WAIT).await?;
    let prepared = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        image::prepare(&upload, max_width)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_third_upload_waits_for_a_turn_then_is_asked_to_retry() {
        let turns = Arc::new(Semaphore::new(2));
        let first = turn_to_prepare(&turns, PREPARATION_WAIT)
            .await
            .expect("turn");
        let _second = turn_to_prepare(&turns, PREPARATION_WAIT)
            .await
            .expect("turn");
        let refused = turn_to_prepare(&turns, PREPARATION_WAIT).await;
        assert!(matches!(refused, Err(AppError::TooManyRequests { .. })));
        let waiting = tokio::spawn({
            let turns = turns.clone();
            async move { turn_to_prepare(&turns, PREPARATION_WAIT).await.is_ok() }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        drop(first);
        assert!(waiting.await.expect("join"), "a turn given back is taken");
    }
}
