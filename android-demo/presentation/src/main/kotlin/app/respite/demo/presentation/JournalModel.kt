package app.respite.demo.presentation

import app.respite.core.JournalEntry
import app.respite.core.JournalKind
import app.respite.core.SearchHit
import app.respite.core.SearchQuery
import app.respite.core.Vault

/** The journal: newest first, a page at a time, and private search. */
class JournalModel(private val vault: Vault) {
    /** Entries loaded so far. */
    val entries = mutableListOf<JournalEntry>()

    /** Entries that could not be opened (named, never hidden). */
    val damaged = mutableListOf<String>()

    /** Whether more can be loaded. */
    var hasMore = true
        private set

    /** Loads the next page. */
    fun loadMore(pageSize: UInt = 30u) {
        if (!hasMore) return
        val page = vault.journal().use { it.list(entries.size.toUInt() + damaged.size.toUInt(), pageSize) }
        entries += page.entries
        damaged += page.damaged.map { it.id }
        hasMore = page.hasMore
    }

    /** Searches entries and check-in notes; an empty query with a filter lists them. */
    fun search(text: String, kind: JournalKind? = null, tag: String? = null, fromDay: String? = null, toDay: String? = null): List<SearchHit> =
        vault.journal().use { it.search(SearchQuery(text = text, kind = kind, tag = tag, fromDay = fromDay, toDay = toDay, limit = 50u)).hits }

    /** One entry in full. */
    fun open(id: String): JournalEntry = vault.journal().use { it.get(id) }
}
