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
 * wording comes from the core and changes day by day. Each answer goes through the
 * vault's privacy check as soon as it is entered (parked, or the step left); the
 * questions ([privacy]) stay on show on every step until answered, and never stop the
 * save: [finish] keeps open ones as written.
 */
class TransitionModel(private val vault: Vault, clock: Clock) :
    CheckedForm<TransitionAnswers, JournalEntry>(vault, CheckedRecord.TRANSITION) {
    private val moment = clock.moment()

    /** The script for today. */
    val script: TransitionScript = vault.prompts().use { it.transitionScript(moment) }

    /** Index of the current step; `steps.size` once the last step is passed. */
    var index = 0
        private set

    /** The answers so far. */
    var answers = TransitionAnswers()

    /** A message to show: saved, nothing to save, or an error. */
    val message: String? get() = if (saved != null) "Saved. The rest can wait until tomorrow." else error

    /** The step being shown, or null when the flow is done. */
    val current: FlowStep? get() = script.steps.getOrNull(index)

    /** Parks one unfinished thing, and checks it at once. */
    fun park(what: String, whenText: String?, place: String?) {
        if (what.isBlank()) return
        answers = answers.copy(parked = answers.parked + ParkedItemDraft(what, whenText, place))
        entered()
    }

    /** An answer was entered (the keyboard's done key, or leaving the step): checks the answers. */
    fun entered() {
        privacy.run()
    }

    /** Goes to the next step (whatever was or was not answered). */
    fun next() {
        entered()
        if (index < script.steps.size) index++
    }

    /** Skips the current step. */
    fun skip() = next()

    /** Goes back one step. */
    fun back() {
        entered()
        if (index > 0) index--
    }

    /** Saves the answers as one sealed transition entry; open questions are kept as written. */
    fun finish(): JournalEntry? {
        entered()
        return saveAsWritten()
    }

    override fun record() = answers

    override fun take(redacted: TransitionAnswers) {
        answers = redacted
    }

    override fun persist(record: TransitionAnswers): JournalEntry = vault.prompts().use { it.saveTransition(moment, record) }

    override fun respond(saved: JournalEntry) = vault.support().use { it.afterEntry(saved) }

    override fun failure(e: RespiteException): String = Messages.forError(e, nothingToSave = "Nothing to save, and that's fine. Go gently.")
}

/**
 * The evening check: how much did work follow me home? Two taps, and the other three
 * recovery experiences for whoever wants them. The note goes
 * through the vault's privacy check before saving ([CheckedForm]); its questions never
 * stop the save. Saving links it to today's transition, if there was one (the core
 * does that).
 */
class EveningModel(private val vault: Vault, private val clock: Clock) :
    CheckedForm<EveningAnswers, CheckIn>(vault, CheckedRecord.EVENING) {
    var detachment: Int? = null
    var workIntrusion: Int? = null
    var pleasantness: Double? = null
    var note: String = ""

    /** The other three recovery experiences, 1–5, each optional: restful time, */
    var relaxation: Int? = null

    /** something that felt like growth or a good challenge, */
    var mastery: Int? = null

    /** and choosing for myself how to spend the evening. */
    var control: Int? = null

    override fun record() = EveningAnswers(
        detachment = detachment?.toUByte(),
        workIntrusion = workIntrusion?.toUByte(),
        pleasantness = pleasantness,
        note = note.ifBlank { null },
        relaxation = relaxation?.toUByte(),
        mastery = mastery?.toUByte(),
        control = control?.toUByte(),
    )

    override fun take(redacted: EveningAnswers) {
        note = redacted.note ?: note
    }

    override fun persist(record: EveningAnswers): CheckIn = vault.prompts().use { it.saveEveningCheck(clock.moment(), record) }

    override fun respond(saved: CheckIn) = vault.support().use { it.afterCheckin(saved) }

    override fun failure(e: RespiteException): String = Messages.forError(e, nothingToSave = "Nothing to save tonight, and that's fine.")
}
