package app.respite.demo.presentation

import app.respite.core.PrivacyWording
import app.respite.core.RespiteException
import app.respite.core.SaveForm
import app.respite.core.errorMessage
import app.respite.core.privacyWording
import app.respite.core.readOnlyMessage

/**
 * The words the screens show that are not a screen's own: for errors from the core,
 * and the privacy check's. All of them are the core's (shared with the iOS demo); the
 * core's errors carry a kind and fields, never user content.
 */
object Messages {
    /** Why the vault opened read-only, after its integrity check found `problems`. */
    fun readOnly(problems: Int): String = readOnlyMessage(problems.toUInt())

    /**
     * A sentence for an error; from a save of [form], the core's "nothing to save" (no
     * answers at all, or a plan that did not change) is said in that form's words.
     */
    fun forError(error: Throwable, form: SaveForm? = null): String = errorMessage(error as? RespiteException, form)

    /**
     * The privacy check's and the allow-list's fixed texts, from the core (a question's
     * own words come with it: [PrivacyQuestion.wording]). It is a question, never a
     * verdict, and it can miss things.
     */
    val privacy: PrivacyWording = privacyWording()
}
