package app.respite.demo.presentation

import app.respite.core.FindingKind
import app.respite.core.PrivacyFinding
import app.respite.core.RespiteException

/**
 * Words the shells show for errors from the core. The core's errors carry a kind and
 * fields, never user content; this is the one place that turns them into kind,
 * plain sentences (and where a translation would plug in).
 */
object Messages {
    /** Why the vault opened read-only, after its integrity check found `problems`. */
    fun readOnly(problems: Int): String =
        "Your vault opened read-only: $problems of its records are missing, older, or were changed outside Respite. " +
            "Everything else reads as usual. Make a backup and restore it to write again."

    /** A sentence for an error from the core. */
    fun forError(error: Throwable): String = when (error) {
        is RespiteException.WrongSecret -> "That doesn't open this vault. Take your time and try again."
        is RespiteException.Locked -> "Respite locked itself to keep your entries private. Unlock to continue."
        is RespiteException.InvalidInput -> when (error.field) {
            "recovery_code" -> "That recovery code has a typo somewhere. Check each group of four."
            "passphrase", "new_passphrase" ->
                if (error.reason.startsWith("must be at least")) "Please choose a passphrase of at least 8 characters."
                else "That passphrase would be easy to guess. ${error.reason.substringAfter(". ")}"
            "word" -> if (error.reason == "is empty") "Type a word or name first." else "That word can't be added: ${error.reason}."
            else -> "Please check ${fieldName(error.field)}: ${error.reason}."
        }
        is RespiteException.DeviceKey -> "Unlocking with this device didn't work. Your passphrase still does."
        is RespiteException.Integrity -> "Part of your vault could not be read. Nothing was changed."
        is RespiteException.NotAVault -> "This file is not a Respite vault."
        is RespiteException.UnsupportedFormat -> "This vault was made by a newer Respite. Please update the app."
        is RespiteException.NotFound -> "That is no longer there."
        is RespiteException.Storage -> "Your device couldn't save just now (${error.detail}). Nothing was lost."
        is RespiteException.Internal -> "Something went wrong inside Respite. Nothing was lost."
        else -> "Something went wrong. Nothing was lost."
    }

    /**
     * A sentence for an error from a save, where the core's "nothing to save" (no
     * answers at all, or a plan that did not change) gets the screen's own gentle line.
     */
    fun forError(error: Throwable, nothingToSave: String): String = when {
        error is RespiteException.InvalidInput && (error.field == "answers" || error.field == "plan" && error.reason == "nothing changed") -> nothingToSave
        else -> forError(error)
    }

    /** A field name as a person would say it. */
    fun fieldName(field: String): String = field.replace('_', ' ')

    // The privacy check. It is a question, never a verdict, and it can miss things.

    /** After a check that spotted nothing. */
    const val PRIVACY_ALL_CLEAR =
        "Respite did not spot anything that looks like a client detail. It can miss some, so it is worth reading it over."

    /** When the check could not run (saving is never held up by it). */
    const val PRIVACY_CHECK_FAILED = "The privacy check could not run just now. You can still save."

    /** Above the questions. */
    const val PRIVACY_HEADING = "Before saving"

    /** Under the heading. */
    const val PRIVACY_INTRO = "Some words might identify a client. It's your choice: nothing here stops you saving."

    /** Answer: keep the field as it is. */
    const val PRIVACY_KEEP = "Keep as written"

    /** Answer: use the text with placeholders. */
    const val PRIVACY_REDACT = "Use the redacted version"

    /** Answer to every open question at once. */
    const val PRIVACY_KEEP_ALL = "Keep everything as written"

    /** Back from the questions to the form. */
    const val PRIVACY_BACK = "Back to editing"

    /** The question for one field. */
    fun privacyQuestion(field: String, findings: List<PrivacyFinding>): String {
        val parts = findings.mapIndexed { i, f -> if (i == 0) "“${f.text}” looks like ${kindName(f.kind)}" else "“${f.text}” like ${kindName(f.kind)}" }
        val list = if (parts.size <= 1) parts.joinToString() else parts.dropLast(1).joinToString(", ") + " and " + parts.last()
        return "In ${privacyFieldName(field)}, $list. Could ${if (findings.size == 1) "it" else "they"} identify a client?"
    }

    /** The field, with the redacted version, as shown under the question. */
    fun privacyRedacted(redacted: String): String = "Redacted: $redacted"

    /** Answer: the finding is the person's own (their supervisor, family, workplace). */
    fun privacyMine(finding: PrivacyFinding): String = "“${finding.text}” is mine, not a client's"

    /** What a finding looks like, as a person would say it. */
    fun kindName(kind: FindingKind): String = when (kind) {
        FindingKind.PERSON_NAME -> "a name"
        FindingKind.INITIALS -> "initials"
        FindingKind.AGE -> "an age"
        FindingKind.PLACE -> "a place"
        FindingKind.STREET_ADDRESS -> "an address"
        FindingKind.DATE -> "a date"
        FindingKind.PHONE_NUMBER -> "a phone number"
        FindingKind.EMAIL -> "an email address"
        FindingKind.ID_NUMBER -> "a record number"
    }

    /** A field named by the core ("body", "parked 2 when", "went well 1"), as a person would say it. */
    fun privacyFieldName(field: String): String {
        val parked = Regex("""parked (\d+)( when| where)?""").matchEntire(field)
        return when {
            field == "title" -> "the title"
            field == "body" -> "the text"
            field == "note" -> "the note"
            parked != null -> when (parked.groupValues[2]) {
                " when" -> "when you'll pick up parked item ${parked.groupValues[1]}"
                " where" -> "where you'll pick up parked item ${parked.groupValues[1]}"
                else -> "parked item ${parked.groupValues[1]}"
            }
            else -> "“$field”"
        }
    }

    // The allow-list in settings.

    /** Its heading. */
    const val ALLOW_LIST_HEADING = "Words that are mine"

    /** What it is. */
    const val ALLOW_LIST_EXPLAINED =
        "Names and places from your own life (your supervisor, your family, your workplace). " +
            "The privacy check does not ask about these. The list stays encrypted in your vault."

    /** The field to add a word. */
    const val ALLOW_LIST_FIELD = "A name or word of mine"

    /** Adds the word. */
    const val ALLOW_LIST_ADD = "Add"

    /** Takes a word off. */
    const val ALLOW_LIST_REMOVE = "Remove"

    /** When it is empty. */
    const val ALLOW_LIST_EMPTY = "None yet. Answer “this is mine” to a question, or add a word here."

    /** After adding a word. */
    fun allowAdded(word: String): String = "“$word” won't be asked about again."

    /** When the word was already there. */
    fun allowAlready(word: String): String = "“$word” is already on your list."

    /** After removing a word. */
    fun allowRemoved(word: String): String = "“$word” is off your list; the check will ask about it again."

    /** When the word to remove was not there. */
    fun allowMissing(word: String): String = "“$word” was not on your list."
}
