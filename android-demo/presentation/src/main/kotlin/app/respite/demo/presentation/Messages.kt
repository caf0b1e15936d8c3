package app.respite.demo.presentation

import app.respite.core.RespiteException

/**
 * Words the shells show for errors from the core. The core's errors carry a kind and
 * fields, never user content; this is the one place that turns them into kind,
 * plain sentences (and where a translation would plug in).
 */
object Messages {
    /** A sentence for an error from the core. */
    fun forError(error: Throwable): String = when (error) {
        is RespiteException.WrongSecret -> "That doesn't open this vault. Take your time and try again."
        is RespiteException.Locked -> "Respite locked itself to keep your entries private. Unlock to continue."
        is RespiteException.InvalidInput -> when (error.field) {
            "recovery_code" -> "That recovery code has a typo somewhere. Check each group of four."
            "passphrase" -> "Please choose a passphrase of at least 8 characters."
            else -> "Please check ${fieldName(error.field)}: ${error.reason}."
        }
        is RespiteException.DeviceKey -> "Unlocking with this device didn't work. Your passphrase still does."
        is RespiteException.Integrity -> "Part of your vault could not be read. Nothing was changed."
        is RespiteException.NotAVault -> "This file is not a Respite vault."
        is RespiteException.UnsupportedFormat -> "This vault was made by a newer Respite. Please update the app."
        is RespiteException.NotFound -> "That is no longer there."
        is RespiteException.Storage -> "Your device couldn't save just now (${error.detail}). Nothing was lost."
        else -> "Something went wrong. Nothing was lost."
    }

    /** A field name as a person would say it. */
    fun fieldName(field: String): String = field.replace('_', ' ')
}
