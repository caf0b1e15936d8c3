//! What the facades of one vault share: its store and its search index.

use crate::search::SearchIndex;
use crate::store::Store;

/// One open vault as the facades see it.
pub(crate) struct Session {
    /// The file, its connection and, while unlocked, its keys.
    pub(crate) store: Store,
    /// The in-memory search index, dropped on lock.
    pub(crate) search: SearchIndex,
}

impl Session {
    /// A session over `store`, with no search index built yet.
    pub(crate) fn new(store: Store) -> Self {
        Session {
            store,
            search: SearchIndex::default(),
        }
    }

    /// Locks the vault: the keys are wiped and the search index dropped.
    pub(crate) fn lock(&self) {
        self.store.set_keys(None);
        self.search.clear();
    }
}
