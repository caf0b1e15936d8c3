package app.respite.demo.presentation

import app.respite.core.JournalDraft
import app.respite.core.JournalEntry
import app.respite.core.JournalKind
import app.respite.core.PlanMoment
import app.respite.core.PrivacyFinding
import app.respite.core.RespiteException
import app.respite.core.SessionReflection
import app.respite.core.Vault
import app.respite.core.privacyCheck

/** Where the after-session capture is. */
sealed class AfterSessionStep {
    /** Filling in; every field optional. */
    object Editing : AfterSessionStep()

    /** The privacy check found something: redact, or keep knowingly. */
    data class PrivacyReview(val findings: List<PrivacyFinding>, val redacted: String) : AfterSessionStep()

    /** Saved. */
    data class Saved(val entry: JournalEntry) : AfterSessionStep()
}

/**
 * After a difficult session, in under a minute: one value and a tap is enough. The
 * note goes through the privacy check before saving.
 */
class AfterSessionModel(private val vault: Vault, private val clock: Clock) {
    var intensity: Int? = null
    var activationBefore: Int? = null
    var activationAfter: Int? = null
    val feelings = linkedSetOf<String>()
    val bodySensations = linkedSetOf<String>()
    val needs = linkedSetOf<String>()
    var practice: String? = null
    var note: String = ""

    /** The current step. */
    var step: AfterSessionStep = AfterSessionStep.Editing
        private set

    /** An error to show, if the last action failed. */
    var error: String? = null
        private set

    /** Practices from the plan (or starter suggestions) for right after a session. */
    val offeredPractices by lazy { vault.plan().use { it.practicesFor(PlanMoment.AFTER_SESSION) } }

    /** Saves, unless the note needs a privacy review first. */
    fun save() {
        val report = privacyCheck(note)
        if (report.findings.isNotEmpty()) {
            step = AfterSessionStep.PrivacyReview(report.findings, report.redacted)
            return
        }
        write(note)
    }

    /** Saves the note with the findings replaced by placeholders. */
    fun redactAndSave() {
        val review = step as? AfterSessionStep.PrivacyReview ?: return
        write(review.redacted)
    }

    /** Saves the note as written. */
    fun keepAndSave() {
        if (step is AfterSessionStep.PrivacyReview) write(note)
    }

    private fun write(body: String) {
        try {
            val entry = vault.journal().use {
                it.add(
                    JournalDraft(
                        kind = JournalKind.AFTER_SESSION,
                        moment = clock.moment(),
                        body = body,
                        reflection = SessionReflection(
                            intensity = intensity?.toUByte(),
                            activationBefore = activationBefore?.toUByte(),
                            activationAfter = activationAfter?.toUByte(),
                            feelings = feelings.toList(),
                            bodySensations = bodySensations.toList(),
                            needs = needs.toList(),
                            practice = practice,
                        ),
                    ),
                )
            }
            error = null
            step = AfterSessionStep.Saved(entry)
        } catch (e: RespiteException) {
            error = Messages.forError(e)
            step = AfterSessionStep.Editing
        }
    }
}
