//! The ids of consent wordings, kept once their row is committed, so that a batch of pledges
//! need not insert-or-find its wording again: on PostgreSQL that was two round trips of the
//! batch's eight (the alternated runs are in BENCHMARKS.md, "Pledge").
//!
//! A row of `consent_texts` is never changed or deleted, so an id, once committed, holds for as
//! long as the database does, in every process that shares it. An id found inside a transaction
//! that then rolls back may not exist: a batch's ids are remembered only after its commit.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use super::ConsentKey;
use crate::domain::language::Language;
use crate::domain::supporter::ActionKind;

/// Committed consent wordings' ids, by kind and language, then text (looked up by `&str`, no
/// copy); shared by the action writers.
#[derive(Default)]
pub struct ConsentIds(Mutex<HashMap<(ActionKind, Language), HashMap<String, i64>>>);

impl ConsentIds {
    /// An empty record of what one batch uses, backed by the ids committed before.
    pub(super) fn for_batch<'a>(&self) -> BatchConsents<'_, 'a> {
        BatchConsents {
            committed: self,
            used: HashMap::new(),
        }
    }

    /// Remembers the ids a batch used. Call only after its transaction committed.
    pub(super) fn remember(&self, batch: &BatchConsents<'_, '_>) {
        let mut ids = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for (&(kind, language, text), &id) in &batch.used {
            let texts = ids.entry((kind, language)).or_default();
            if !texts.contains_key(text) {
                texts.insert(text.to_owned(), id);
            }
        }
    }

    fn get(&self, (kind, language, text): ConsentKey<'_>) -> Option<i64> {
        let ids = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        ids.get(&(kind, language))?.get(text).copied()
    }
}

/// The consent wordings' ids one batch uses: those it met already, then those committed before
/// it; a backend stores a wording it finds in neither and adds its id with [`Self::insert`].
pub struct BatchConsents<'k, 'a> {
    committed: &'k ConsentIds,
    used: HashMap<ConsentKey<'a>, i64>,
}

impl<'a> BatchConsents<'_, 'a> {
    /// The id of a wording, if this batch or a committed one has met it.
    pub(super) fn get(&mut self, key: ConsentKey<'a>) -> Option<i64> {
        if let Some(id) = self.used.get(&key) {
            return Some(*id);
        }
        let id = self.committed.get(key)?;
        self.used.insert(key, id);
        Some(id)
    }

    /// Records the id the batch found or stored for a wording.
    pub(super) fn insert(&mut self, key: ConsentKey<'a>, id: i64) {
        self.used.insert(key, id);
    }
}
