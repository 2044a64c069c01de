//! The ids of consent wordings, kept once their row is committed, so that a batch of pledges
//! need not insert-or-find its wording again: on PostgreSQL that was two round trips of the
//! batch's eight (alternated runs: ~12,800 → ~13,400 pledges/s).
//!
//! A row of `consent_texts` is never changed or deleted, so an id, once committed, holds for as
//! long as the database does, in every process that shares it. An id found inside a transaction
//! that then rolls back may not exist: ids are remembered only after the commit.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use super::ConsentKey;
use crate::domain::language::Language;
use crate::domain::supporter::ActionKind;

/// Committed consent wordings' ids, by (kind, language, text); shared by the action writers.
#[derive(Default)]
pub struct ConsentIds(Mutex<HashMap<(ActionKind, Language, String), i64>>);

impl ConsentIds {
    /// The id of a wording committed before, if this process has seen it.
    pub(super) fn committed(&self, (kind, language, text): ConsentKey<'_>) -> Option<i64> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(kind, language, text.to_owned()))
            .copied()
    }

    /// Remembers the ids a batch used. Call only after its transaction committed.
    pub(super) fn remember(&self, used: &HashMap<ConsentKey<'_>, i64>) {
        let mut ids = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for (&(kind, language, text), &id) in used {
            ids.entry((kind, language, text.to_owned())).or_insert(id);
        }
    }
}
