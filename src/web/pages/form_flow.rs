//! The staff form flow, written once: a form is checked, then stored. A wrong field shows the
//! form again with 422 and the sentences that say what is wrong; a store error the form can
//! answer (a slug taken: 409; a reference to something gone: 422) shows it again with its own
//! sentence; what was stored goes back to the handler, which redirects.

use axum::http::StatusCode;

use crate::domain::validation::Invalid;
use crate::store::StoreError;
use crate::web::error::said;
use crate::web::AppError;

/// What became of a submitted form.
pub enum Submitted<T> {
    Stored(T),
    /// Show the form again with this status and these sentences.
    Refused(StatusCode, Vec<String>),
}

/// A store error the form answers itself, with a status and a sentence about the input.
pub struct Answer<'a, I> {
    when: Box<dyn Fn(&StoreError) -> bool + Send + Sync + 'a>,
    status: StatusCode,
    says: &'a (dyn Fn(&I) -> String + Send + Sync),
}

impl<'a, I> Answer<'a, I> {
    /// A unique value of `table` already taken: 409.
    pub fn taken(table: &'static str, says: &'a (dyn Fn(&I) -> String + Send + Sync)) -> Self {
        Self {
            when: Box::new(move |err| err.is_conflict_on(table)),
            status: StatusCode::CONFLICT,
            says,
        }
    }

    /// Something the form refers to is not the organization's (or no longer there): 422.
    pub fn unknown(says: &'a (dyn Fn(&I) -> String + Send + Sync)) -> Self {
        Self {
            when: Box::new(|err| matches!(err, StoreError::NotFound)),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            says,
        }
    }
}

/// Checks, then stores: `checked` is the form's validation, `store` the write, `answers` the
/// store errors the form shows itself (any other is the request's error).
pub async fn submit<I, T>(
    checked: Result<I, Invalid>,
    store: impl AsyncFnOnce(&I) -> Result<T, StoreError>,
    answers: &[Answer<'_, I>],
) -> Result<Submitted<T>, AppError> {
    let input = match checked {
        Ok(input) => input,
        Err(invalid) => {
            return Ok(Submitted::Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                said(&invalid),
            ))
        }
    };
    match store(&input).await {
        Ok(stored) => Ok(Submitted::Stored(stored)),
        Err(err) => match answers.iter().find(|answer| (answer.when)(&err)) {
            Some(answer) => Ok(Submitted::Refused(
                answer.status,
                vec![(answer.says)(&input)],
            )),
            None => Err(err.into()),
        },
    }
}
