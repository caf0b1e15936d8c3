//! The journal's facade: entries, their history and search.

use std::sync::Arc;

use super::session::Session;
use crate::error::Result;
use crate::journal::{self, JournalDraft, JournalEntry, JournalPage, JournalUpdate};
use crate::search::{SearchQuery, SearchResults};

/// The journal: reflections and free writing, sealed at rest.
#[derive(uniffi::Object)]
pub struct Journal {
    session: Arc<Session>,
}

impl Journal {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        Journal { session }
    }
}

#[uniffi::export]
impl Journal {
    /// Writes a new entry and returns it. The local day follows the vault's
    /// `day_start_hour` setting.
    pub fn add(&self, draft: JournalDraft) -> Result<JournalEntry> {
        let entry = journal::add(&self.session.store, draft)?;
        self.session.search.put_entry(&entry);
        Ok(entry)
    }

    /// The current revision of an entry.
    pub fn get(&self, id: String) -> Result<JournalEntry> {
        Ok(journal::get(&self.session.store, id)?)
    }

    /// A page of entries, newest first (by local day, then time written).
    /// `limit` is between 1 and 1,000. Damaged entries are named, not fatal.
    pub fn list(&self, offset: u32, limit: u32) -> Result<JournalPage> {
        Ok(journal::list(&self.session.store, offset, limit)?)
    }

    /// Like [`Journal::list`], limited to local days `from_day..=to_day`
    /// (`YYYY-MM-DD`, each optional).
    pub fn list_days(
        &self,
        from_day: Option<String>,
        to_day: Option<String>,
        offset: u32,
        limit: u32,
    ) -> Result<JournalPage> {
        Ok(journal::list_days(
            &self.session.store,
            from_day,
            to_day,
            offset,
            limit,
        )?)
    }

    /// How many entries the journal holds.
    pub fn count(&self) -> Result<u64> {
        Ok(journal::count(&self.session.store)?)
    }

    /// Changes an entry, keeping the previous revision in its history.
    pub fn edit(&self, id: String, update: JournalUpdate) -> Result<JournalEntry> {
        let entry = journal::edit(&self.session.store, id, update)?;
        self.session.search.put_entry(&entry);
        Ok(entry)
    }

    /// Earlier revisions of an entry, newest first (the current one excluded).
    pub fn history(&self, id: String) -> Result<Vec<JournalEntry>> {
        Ok(journal::history(&self.session.store, id)?)
    }

    /// Deletes an entry and all its revisions. The ciphertext is overwritten in the
    /// vault file and the write-ahead log is truncated, so no copy remains.
    pub fn delete(&self, id: String) -> Result<()> {
        journal::delete(&self.session.store, &id)?;
        self.session.search.remove(&id);
        Ok(())
    }

    /// Ranked full-text search over journal entries and check-in notes. The index is
    /// built in memory from decrypted records on the first search after unlocking and
    /// dropped on lock; nothing of it is ever written to disk.
    pub fn search(&self, query: SearchQuery) -> Result<SearchResults> {
        Ok(self.session.search.search(&self.session.store, query)?)
    }
}
