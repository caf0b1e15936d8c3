package app.respite.demo.presentation

import app.respite.core.CaptureCheck
import app.respite.core.CheckIn
import app.respite.core.EveningAnswers
import app.respite.core.FlowPosition
import app.respite.core.FlowStep
import app.respite.core.JournalEntry
import app.respite.core.RespiteException
import app.respite.core.SaveForm
import app.respite.core.TransitionAnswers
import app.respite.core.TransitionFlow
import app.respite.core.TransitionScript
import app.respite.core.Vault
import app.respite.core.eveningCheck

/**
 * The end-of-shift transition over the core's step machine ([TransitionFlow]): park it
 * → name it → set it down → what went well → switch roles → end-of-day signal. The
 * core holds the step, the progress, the buttons' words and the answers; every step
 * can be skipped. Each answer goes through the vault's privacy check as soon as it is
 * entered (parked, or the step left); the questions ([privacy]) stay on show on every
 * step until answered, and never stop the save: [finish] keeps open ones as written.
 */
class TransitionModel(private val vault: Vault, clock: Clock) :
    CheckedForm<TransitionAnswers, JournalEntry>(vault, CheckedRecord.TRANSITION) {
    private val flow: TransitionFlow = vault.screens().use { it.transitionFlow(clock.moment()) }

    /** The script for today. */
    val script: TransitionScript = flow.script()

    /** Where the flow is: the step, "Step 2 of 6", the progress and the buttons' words. */
    var position: FlowPosition = flow.position()
        private set

    /** The answers so far (setting them is typing into a field). */
    var answers: TransitionAnswers
        get() = flow.answers()
        set(value) = flow.setAnswers(value)

    /** The three went-well fields as typed, empty ones included. */
    val wentWell: List<String> get() = flow.wentWellSlots()

    /** A message to show: saved, nothing to save, or an error. */
    val message: String? get() = if (saved != null) "Saved. The rest can wait until tomorrow." else error

    /** The step being shown, or null on the save page. */
    val current: FlowStep? get() = position.step

    /** Parks one unfinished thing, and checks it at once. */
    fun park(what: String, whenText: String?, place: String?) {
        if (flow.park(what, whenText, place)) entered()
    }

    /** Takes back parked item [index] (from 0). */
    fun unpark(index: Int) = flow.unpark(index.toUInt())

    /** Names how I am from a tap on the pad (x pleasantness, y energy, 0–1). */
    fun setMood(x: Double, y: Double) = flow.setMood(x, y)

    /** Chooses a feeling, or un-chooses it. */
    fun toggleFeeling(id: String) = flow.toggleFeeling(id)

    /** Types into went-well field [slot] (0–2). */
    fun setWentWell(slot: Int, text: String) = flow.setWentWell(slot.toUInt(), text)

    /** An answer was entered (the keyboard's done key, or leaving the step): checks the answers. */
    fun entered() {
        privacy.run()
    }

    /** Goes to the next step, answered or not. */
    fun next() {
        entered()
        position = flow.next()
    }

    /** Skips the current step. */
    fun skip() = next()

    /** Goes back one step. */
    fun back() {
        entered()
        position = flow.back()
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

    override fun persist(record: TransitionAnswers): JournalEntry {
        flow.setAnswers(record)
        return flow.save()
    }

    override fun respond(saved: JournalEntry) = vault.support().use { it.afterEntry(saved) }

    override fun failure(e: RespiteException): String = Messages.forError(e, SaveForm.TRANSITION)
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

    /** Whether the check can be saved as it stands, and the hints to show before saving. */
    fun check(): CaptureCheck = eveningCheck(record())

    override fun take(redacted: EveningAnswers) {
        note = redacted.note ?: note
    }

    override fun persist(record: EveningAnswers): CheckIn = vault.prompts().use { it.saveEveningCheck(clock.moment(), record) }

    override fun respond(saved: CheckIn) = vault.support().use { it.afterCheckin(saved) }

    override fun failure(e: RespiteException): String = Messages.forError(e, SaveForm.EVENING)
}
