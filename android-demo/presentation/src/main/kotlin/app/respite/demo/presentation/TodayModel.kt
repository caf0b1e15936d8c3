package app.respite.demo.presentation

import app.respite.core.OpenParkedItem
import app.respite.core.PromptOccurrence
import app.respite.core.Vault

/** A quick action on the today screen. */
enum class QuickAction { AFTER_SESSION, CHECK_IN, TRANSITION, EVENING, EMERGENCY_CARD }

/** The today screen: quick actions first, what is parked, and the next prompt. */
class TodayModel(private val vault: Vault, private val clock: Clock) {
    /** The quick actions, in order: the transition leads near the end of a shift. */
    fun actions(): List<QuickAction> {
        val next = nextPrompt()
        val transitionSoon = next?.kind == app.respite.core.PromptKind.TRANSITION &&
            java.time.Duration.between(clock.now(), next.at).toMinutes() <= 60
        val base = listOf(QuickAction.AFTER_SESSION, QuickAction.CHECK_IN, QuickAction.TRANSITION, QuickAction.EVENING)
        val ordered = if (transitionSoon) listOf(QuickAction.TRANSITION) + (base - QuickAction.TRANSITION) else base
        return ordered + QuickAction.EMERGENCY_CARD
    }

    /** Parked items still open (shown only here, inside the unlocked app). */
    fun parked(): List<OpenParkedItem> = vault.prompts().use { it.openParkedItems(clock.today()) }

    /** Marks a parked item done. */
    fun done(item: OpenParkedItem) = vault.prompts().use { it.markParkedDone(item.entryId, item.item.id) }

    /** The next prompt in the coming day, if any. */
    fun nextPrompt(): PromptOccurrence? = vault.prompts().use {
        it.upcoming(clock.now(), clock.now().plusSeconds(86_400), clock.zone().id).firstOrNull()
    }
}
