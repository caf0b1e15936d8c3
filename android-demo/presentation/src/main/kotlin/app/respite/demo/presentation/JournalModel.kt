package app.respite.demo.presentation

import app.respite.core.JournalDraft
import app.respite.core.JournalEntry
import app.respite.core.JournalKind
import app.respite.core.SearchHit
import app.respite.core.SearchQuery
import app.respite.core.Vault

/** The journal: newest first, a page at a time, and private search. */
class JournalModel(private val vault: Vault) {
    /**
     * Entries loaded so far. A new list on every load, never one changed in place, so a
     * UI that compares what it drew with what it holds (Compose's lazy lists) sees it.
     */
    var entries: List<JournalEntry> = emptyList()
        private set

    /** Entries that could not be opened (named, never hidden); replaced like [entries]. */
    var damaged: List<String> = emptyList()
        private set

    /** Whether more can be loaded. */
    var hasMore = true
        private set

    /** Loads the next page. */
    fun loadMore(pageSize: UInt = 30u) {
        if (!hasMore) return
        val page = vault.journal().use { it.list(entries.size.toUInt() + damaged.size.toUInt(), pageSize) }
        entries = entries + page.entries
        damaged = damaged + page.damaged.map { it.id }
        hasMore = page.hasMore
    }

    /** Searches entries and check-in notes; an empty query with a filter lists them. */
    fun search(text: String, kind: JournalKind? = null, tag: String? = null, fromDay: String? = null, toDay: String? = null): List<SearchHit> =
        vault.journal().use { it.search(SearchQuery(text = text, kind = kind, tag = tag, fromDay = fromDay, toDay = toDay, limit = 50u)).hits }

    /** One entry in full. */
    fun open(id: String): JournalEntry = vault.journal().use { it.get(id) }
}

/**
 * Writing a journal entry of one's own: a title, the text and tags, all but the text
 * optional. Title, text and every tag go through the vault's privacy check before
 * saving ([CheckedForm]); its questions never stop the save.
 */
class JournalEntryModel(private val vault: Vault, private val clock: Clock) :
    CheckedForm<JournalDraft, JournalEntry>(vault, CheckedRecord.JOURNAL) {
    var title: String = ""
    var body: String = ""

    /** The tags as typed (blank ones are left out of the entry). */
    var tags: List<String> = emptyList()

    override fun record() = JournalDraft(
        kind = JournalKind.FREE,
        moment = clock.moment(),
        title = title.ifBlank { null },
        body = body,
        tags = tags.filter { it.isNotBlank() },
    )

    override fun take(redacted: JournalDraft) {
        title = redacted.title ?: title
        body = redacted.body
        tags = redacted.tags
    }

    override fun persist(record: JournalDraft): JournalEntry = vault.journal().use { it.add(record) }

    override fun respond(saved: JournalEntry) = vault.support().use { it.afterEntry(saved) }
}
