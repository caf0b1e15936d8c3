package app.respite.demo.presentation

import app.respite.core.BreathingPractice
import app.respite.core.JournalDraft
import app.respite.core.JournalEntry
import app.respite.core.JournalKind
import app.respite.core.PlanMoment
import app.respite.core.SessionReflection
import app.respite.core.Vault
import app.respite.core.afterSessionAcknowledgement
import app.respite.core.pacedBreathing

/** Where the after-session capture is. */
sealed class AfterSessionStep {
    /** Filling in; every field optional. */
    object Editing : AfterSessionStep()

    /** The privacy check asks about the note ([AfterSessionModel.privacy]'s questions). */
    object PrivacyReview : AfterSessionStep()

    /** Saved; `privacyNote` is the check's all-clear when it spotted nothing (or why it could not run). */
    data class Saved(val entry: JournalEntry, val privacyNote: String?) : AfterSessionStep()
}

/**
 * After a difficult session, in under a minute: one value and a tap is enough. The
 * note goes through the vault's privacy check before saving ([CheckedForm]); its
 * questions never stop the save.
 */
class AfterSessionModel(private val vault: Vault, private val clock: Clock) :
    CheckedForm<JournalDraft, JournalEntry>(vault, CheckedRecord.JOURNAL) {
    var intensity: Int? = null
    var activationBefore: Int? = null
    var activationAfter: Int? = null
    val feelings = linkedSetOf<String>()
    val bodySensations = linkedSetOf<String>()
    val needs = linkedSetOf<String>()
    var practice: String? = null
    var note: String = ""

    /** The current step. */
    val step: AfterSessionStep
        get() = saved?.let { AfterSessionStep.Saved(it, privacyNote) }
            ?: if (reviewing) AfterSessionStep.PrivacyReview else AfterSessionStep.Editing

    /** The paced-breathing practice to do right here: activation, the practice, "and now?". */
    val breathing: BreathingPractice by lazy { pacedBreathing(null) }

    /** The practice was done: it is logged as the practice used. */
    fun breathed() {
        practice = breathing.practiceId
    }

    /** After saving a heavy session, the core's warm word (none for lighter ones). */
    val acknowledgement: String?
        get() = saved?.let { afterSessionAcknowledgement(it)?.text }

    /** Practices from the plan (or starter suggestions) for right after a session. */
    val offeredPractices by lazy { vault.plan().use { it.practicesFor(PlanMoment.AFTER_SESSION) } }

    override fun record() = JournalDraft(
        kind = JournalKind.AFTER_SESSION,
        moment = clock.moment(),
        body = note,
        reflection = SessionReflection(
            intensity = intensity?.toUByte(),
            activationBefore = activationBefore?.toUByte(),
            activationAfter = activationAfter?.toUByte(),
            feelings = feelings.toList(),
            bodySensations = bodySensations.toList(),
            needs = needs.toList(),
            practice = practice,
        ),
    )

    override fun take(redacted: JournalDraft) {
        note = redacted.body
    }

    override fun persist(record: JournalDraft): JournalEntry = vault.journal().use { it.add(record) }

    override fun respond(saved: JournalEntry) = vault.support().use { it.afterEntry(saved) }
}
