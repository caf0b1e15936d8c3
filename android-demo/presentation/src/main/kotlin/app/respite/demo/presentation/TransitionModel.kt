package app.respite.demo.presentation

import app.respite.core.CheckIn
import app.respite.core.EveningAnswers
import app.respite.core.FlowStep
import app.respite.core.JournalEntry
import app.respite.core.ParkedItemDraft
import app.respite.core.RespiteException
import app.respite.core.TransitionAnswers
import app.respite.core.TransitionScript
import app.respite.core.Vault

/**
 * The end-of-shift transition as a step machine: park it → name it → set it down →
 * what went well → switch roles → end-of-day signal. Every step can be skipped; the
 * wording comes from the core and changes day by day.
 */
class TransitionModel(private val vault: Vault, private val clock: Clock) {
    private val moment = clock.moment()

    /** The script for today. */
    val script: TransitionScript = vault.prompts().use { it.transitionScript(moment) }

    /** Index of the current step; `steps.size` once the last step is passed. */
    var index = 0
        private set

    /** The answers so far. */
    var answers = TransitionAnswers()

    /** Set once saved. */
    var saved: JournalEntry? = null
        private set

    /** A message to show (nothing to save, or an error). */
    var message: String? = null
        private set

    /** The step being shown, or null when the flow is done. */
    val current: FlowStep? get() = script.steps.getOrNull(index)

    /** Parks one unfinished thing. */
    fun park(what: String, whenText: String?, place: String?) {
        if (what.isNotBlank()) answers = answers.copy(parked = answers.parked + ParkedItemDraft(what, whenText, place))
    }

    /** Goes to the next step (whatever was or was not answered). */
    fun next() {
        if (index < script.steps.size) index++
    }

    /** Skips the current step. */
    fun skip() = next()

    /** Goes back one step. */
    fun back() {
        if (index > 0) index--
    }

    /** Saves the answers as one sealed transition entry. */
    fun finish(): JournalEntry? {
        return try {
            vault.prompts().use { it.saveTransition(moment, answers) }.also {
                saved = it
                message = "Saved. The rest can wait until tomorrow."
            }
        } catch (e: RespiteException.InvalidInput) {
            message = if (e.field == "answers") "Nothing to save, and that's fine. Go gently." else Messages.forError(e)
            null
        } catch (e: RespiteException) {
            message = Messages.forError(e)
            null
        }
    }
}

/** The evening check: how much did work follow me home? Two taps. */
class EveningModel(private val vault: Vault, private val clock: Clock) {
    var detachment: Int? = null
    var workIntrusion: Int? = null
    var pleasantness: Double? = null
    var note: String = ""

    /** A message to show. */
    var message: String? = null
        private set

    /** Saves; linked by the core to today's transition, if there was one. */
    fun save(): CheckIn? = try {
        vault.prompts().use {
            it.saveEveningCheck(
                clock.moment(),
                EveningAnswers(detachment?.toUByte(), workIntrusion?.toUByte(), pleasantness, note.ifBlank { null }),
            )
        }.also { message = null }
    } catch (e: RespiteException) {
        message = if (e is RespiteException.InvalidInput && e.field == "answers") "Nothing to save tonight, and that's fine." else Messages.forError(e)
        null
    }
}
