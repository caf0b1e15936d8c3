package app.respite.demo.presentation

import app.respite.core.AllowListOutcome
import app.respite.core.allowListMessage
import app.respite.core.RespiteException
import app.respite.core.Vault

/**
 * Settings → "Words that are mine": the vault's allow-list for the privacy check
 * (names and places from the person's own life), to read, add to and remove from.
 * The core keeps it sealed in the vault, in lower case, sorted.
 */
class AllowListModel(private val vault: Vault) {
    /** The allowed words and phrases, as the core keeps them; empty if they could not be read. */
    var words: List<String> = emptyList()
        private set

    /** What happened after the last action, or why it failed. */
    var message: String? = null
        private set

    init {
        attempt { words = vault.privacy().use { it.allowed() } }
    }

    /** Adds a word or phrase; whether it is on the list now. */
    fun add(word: String): Boolean = attempt {
        val added = vault.privacy().use { it.allow(word) }
        reload()
        message = allowListMessage(if (added) AllowListOutcome.ADDED else AllowListOutcome.ALREADY_THERE, word)
    }

    /** Takes a word or phrase off the list; whether that worked (also when it was not there). */
    fun remove(word: String): Boolean = attempt {
        val removed = vault.privacy().use { it.removeAllowed(word) }
        reload()
        message = allowListMessage(if (removed) AllowListOutcome.REMOVED else AllowListOutcome.NOT_THERE, word)
    }

    private fun reload() {
        words = vault.privacy().use { it.allowed() }
    }

    private fun attempt(action: () -> Unit): Boolean = try {
        action()
        true
    } catch (e: RespiteException) {
        message = Messages.forError(e)
        false
    }
}
