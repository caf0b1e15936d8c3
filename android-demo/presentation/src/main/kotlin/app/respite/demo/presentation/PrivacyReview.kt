package app.respite.demo.presentation

import app.respite.core.CheckInData
import app.respite.core.EveningAnswers
import app.respite.core.FieldReport
import app.respite.core.JournalDraft
import app.respite.core.Plan
import app.respite.core.Privacy
import app.respite.core.PrivacyFinding
import app.respite.core.PrivacyQuestionText
import app.respite.core.RespiteException
import app.respite.core.SafetyResponse
import app.respite.core.TransitionAnswers
import app.respite.core.Vault
import app.respite.core.privacyQuestion

/**
 * One free-text field in which the check spotted something that may identify a
 * client, put to the person as a question: keep it as written, use the redacted
 * version, or say a finding is theirs ("this is mine").
 */
data class PrivacyQuestion(
    /** The core's name of the field ("body", "parked 1", "set down", "value 2"). */
    val field: String,
    /** What was spotted, offsets in UTF-16 units of the field's text. */
    val findings: List<PrivacyFinding>,
    /** The field's text with every finding replaced by a placeholder such as "[name]". */
    val redacted: String,
) {
    /** The question, the redacted line and each finding's "this is mine", in the core's words. */
    val wording: PrivacyQuestionText get() = privacyQuestion(this.field, findings, redacted)

    /** The question, in plain words. */
    val question: String get() = wording.question
}

/**
 * A kind of record the vault's privacy check reads: its typed check of the whole record
 * and its typed redaction. Both are the core's, and only the core knows which field
 * a name such as "parked 1 when" or "practice 2 barrier" is: the shells never map
 * field names to fields.
 */
class CheckedRecord<R>(
    val check: (Privacy, R) -> List<FieldReport>,
    /** The record with the redacted text in each named field (every field with a finding when empty). */
    val redact: (Privacy, R, List<String>) -> R,
) {
    companion object {
        val JOURNAL = CheckedRecord<JournalDraft>(Privacy::checkJournal, Privacy::redactJournal)
        val CHECKIN = CheckedRecord<CheckInData>(Privacy::checkCheckin, Privacy::redactCheckin)
        val TRANSITION = CheckedRecord<TransitionAnswers>(Privacy::checkTransition, Privacy::redactTransition)
        val EVENING = CheckedRecord<EveningAnswers>(Privacy::checkEvening, Privacy::redactEvening)
        val PLAN = CheckedRecord<Plan>(Privacy::checkPlan, Privacy::redactPlan)
    }
}

/**
 * The one place the capture screens run the identifier check: always the vault's
 * [Privacy] (so the person's allow-list applies), one of its typed checks over the
 * whole draft, and the three answers to a question. Each screen model says only which
 * kind of record its draft is ([record]), how to build that record from what is on the
 * screen ([read]) and how to take a redacted one back ([take]), and what to do once no
 * question is left open ([resolved], e.g. save). It never blocks saving: an open
 * question is simply kept as written.
 */
class PrivacyReview<R>(
    private val vault: Vault,
    private val record: CheckedRecord<R>,
    private val read: () -> R,
    private val take: (R) -> Unit,
    private val resolved: () -> Unit = {},
) {
    /** Open questions, one per field with findings, in the core's field order. */
    var questions: List<PrivacyQuestion> = emptyList()
        private set

    /** Why the check could not run the last time, if it could not (saving still goes ahead). */
    var error: String? = null
        private set

    /** Whether the last check ran over some text and spotted nothing in it (nothing kept as written either). */
    var spottedNothing = false
        private set

    /**
     * Fields the person chose to keep as written. A report's findings and redacted text
     * together pin down the text exactly, so a field is asked about again once it changes.
     */
    private val kept = mutableSetOf<PrivacyQuestion>()

    /** The honest all-clear, when the last check read some text and spotted nothing; null otherwise. */
    val allClear: String? get() = if (spottedNothing) Messages.privacy.allClear else null

    /** The all-clear, or why the check could not run: the line to show after saving. */
    val afterSave: String? get() = allClear ?: error

    /** Checks the draft as it is now; returns whether any question is open. */
    fun run(): Boolean {
        try {
            val reports = vault.privacy().use { record.check(it, read()) }
            val flagged = reports.filter { it.findings.isNotEmpty() }
            questions = flagged.map { PrivacyQuestion(it.field, it.findings, it.redacted) }.filter { it !in kept }
            spottedNothing = reports.isNotEmpty() && flagged.isEmpty()
            error = null
        } catch (e: Exception) {
            // Whatever went wrong, the check must not stand between the person and saving.
            fail(e)
        }
        return questions.isNotEmpty()
    }

    /** Keep as written: this text of this field is not asked about again (a changed text is). */
    fun keepAsWritten(question: PrivacyQuestion) {
        kept += question
        run()
        afterAnswer()
    }

    /** Keep everything as written (one tap to save when there are many questions). */
    fun keepAllAsWritten() {
        kept += questions
        run()
        afterAnswer()
    }

    /**
     * Use the redacted version: the core writes the text with placeholders into that one
     * field of the draft and leaves every other field as it is. If the field changed
     * since the question was asked, nothing is replaced and the question is asked
     * afresh, so newer writing is never overwritten. If the core cannot redact just
     * now, the question stays open with [error] (nothing is saved as written in place
     * of the redaction the person chose).
     */
    fun useRedacted(question: PrivacyQuestion) {
        run()
        if (question in questions) {
            val redacted = try {
                vault.privacy().use { record.redact(it, read(), listOf(question.field)) }
            } catch (e: Exception) {
                error = failure(e)
                return
            }
            take(redacted)
            run()
        }
        afterAnswer()
    }

    /** "This is mine": the finding's text joins the allow-list and is not asked about again. */
    fun thisIsMine(finding: PrivacyFinding): Boolean {
        val added = try {
            vault.privacy().use { it.allow(finding.text) }
            true
        } catch (e: RespiteException) {
            error = Messages.forError(e)
            false
        }
        if (added) {
            run()
            afterAnswer()
        }
        return added
    }

    /** Forgets the last check (the draft was saved or abandoned). */
    fun clear() {
        questions = emptyList()
        spottedNothing = false
        error = null
    }

    private fun fail(e: Exception) {
        questions = emptyList()
        spottedNothing = false
        error = failure(e)
    }

    private fun failure(e: Exception): String =
        if (e is RespiteException.Locked) Messages.forError(e) else Messages.privacy.checkFailed

    private fun afterAnswer() {
        if (questions.isEmpty()) resolved()
    }
}

/**
 * A capture form that saves one record through the privacy check: *Save* shows the
 * questions first when there are any ([reviewing]; answering the last one saves, and
 * *Back to editing* returns to the form), otherwise saves at once. The check never
 * stops the save. Each form says how to build its record ([record]), take a redacted
 * one back ([take]) and save it ([persist]); the rest is here, once.
 */
abstract class CheckedForm<R, T>(vault: Vault, kind: CheckedRecord<R>) {
    /** Whether the privacy check's questions are shown (nothing saved yet). */
    var reviewing = false
        private set

    /** What was saved, once saved. */
    var saved: T? = null
        private set

    /** After saving: the check's all-clear when it spotted nothing (or why it could not run). */
    var privacyNote: String? = null
        private set

    /** An error to show, if saving failed. */
    var error: String? = null
        protected set

    /**
     * After saving: the core's gentle answer when what was saved suggests a very bad
     * place (at most once a day); show it in the app, never in a notification.
     */
    var support: SafetyResponse? = null
        private set

    /** The privacy check of the record; its questions are shown while [reviewing]. */
    val privacy = PrivacyReview(vault, kind, read = ::record, take = ::take, resolved = { if (reviewing) write() })

    /** The record as the form holds it now. */
    protected abstract fun record(): R

    /** Takes back the record with a redacted field (the core wrote it). */
    protected abstract fun take(redacted: R)

    /** Saves the record. */
    protected abstract fun persist(record: R): T

    /** What to say when saving failed. */
    protected open fun failure(e: RespiteException): String = Messages.forError(e)

    /** The safety response to what was saved (none for records it does not read). */
    protected open fun respond(saved: T): SafetyResponse? = null

    /**
     * Saves; returns what was saved, or null while the privacy check asks ([reviewing];
     * answering the last question saves) or with [error] set.
     */
    fun save(): T? {
        if (privacy.run()) {
            reviewing = true
            error = null
            return null
        }
        return write()
    }

    /** Back from the questions to the form (nothing saved yet). */
    fun edit() {
        reviewing = false
    }

    /** Saves at once, open questions kept as written (for a flow that asks as it goes). */
    protected fun saveAsWritten(): T? = write()

    private fun write(): T? = try {
        persist(record()).also {
            error = null
            saved = it
            // The record is saved either way; a failed answer only means none is shown.
            support = try { respond(it) } catch (e: RespiteException) { null }
            privacyNote = privacy.afterSave
            privacy.clear()
        }
    } catch (e: RespiteException) {
        error = failure(e)
        null
    } finally {
        reviewing = false
    }
}
