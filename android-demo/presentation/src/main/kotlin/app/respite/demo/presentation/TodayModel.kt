package app.respite.demo.presentation

import app.respite.core.OpenParkedItem
import app.respite.core.TodayScreen
import app.respite.core.Vault

/**
 * The today screen, as the core lays it out for this moment ([TodayScreen]): every
 * quick action in order with its label and hint, the next prompt, and what is parked.
 * The order (the transition first near the end of a shift, the evening check in the
 * evening) is the core's; this only asks for it again when something changed.
 */
class TodayModel(private val vault: Vault, private val clock: Clock) {
    /** The screen now. */
    var screen: TodayScreen = load()
        private set

    /** Marks a parked item done, and lays the screen out again. */
    fun done(item: OpenParkedItem) {
        vault.prompts().use { it.markParkedDone(item.entryId, item.item.id) }
        refresh()
    }

    /** Lays the screen out again (on coming back to it, or as the hour turns). */
    fun refresh() {
        screen = load()
    }

    private fun load(): TodayScreen = vault.screens().use { it.today(clock.moment(), clock.zone().id) }
}
