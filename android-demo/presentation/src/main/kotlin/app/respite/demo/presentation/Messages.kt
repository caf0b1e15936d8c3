package app.respite.demo.presentation

import app.respite.core.PrivacyWording
import app.respite.core.RespiteException
import app.respite.core.privacyWording

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

    /**
     * The privacy check's and the allow-list's fixed texts, from the core (a question's
     * own words come with it: [PrivacyQuestion.wording]). It is a question, never a
     * verdict, and it can miss things.
     */
    val privacy: PrivacyWording = privacyWording()
}
