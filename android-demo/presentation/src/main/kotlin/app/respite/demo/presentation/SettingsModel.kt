package app.respite.demo.presentation

import app.respite.core.DeviceKeyStore
import app.respite.core.KeySlot
import app.respite.core.RespiteException
import app.respite.core.Settings
import app.respite.core.Vault
import app.respite.core.WorkSchedule
import app.respite.core.scheduleFromText
import app.respite.core.scheduleToText

/** The settings screen: schedule, day start, unlock methods, auto-lock. */
class SettingsModel(private val vault: Vault, val autoLock: AutoLockPolicy) {
    /** An error to show. */
    var error: String? = null
        private set

    /** The work schedule. */
    var schedule: WorkSchedule = vault.prompts().use { it.schedule() }
        private set

    /** The vault's settings. */
    var settings: Settings = vault.settings()
        private set

    /** Replaces the schedule (the core validates it). */
    fun saveSchedule(next: WorkSchedule): Boolean = attempt { schedule = vault.prompts().use { it.setSchedule(next) } }

    /** The schedule in the core's editable text form (the same as `respite schedule`). */
    val scheduleText: String get() = scheduleToText(schedule)

    /** Replaces the schedule from its text form; a mistake names the line and changes nothing. */
    fun saveScheduleText(text: String): Boolean = attempt { schedule = vault.prompts().use { it.setSchedule(scheduleFromText(text)) } }

    /** Sets the hour a new day starts (0–12). */
    fun setDayStartHour(hour: Int): Boolean = attempt { settings = vault.updateSettings(settings.copy(dayStartHour = hour.toUByte())) }

    /** The ways the vault can be unlocked. */
    fun keySlots(): List<KeySlot> = vault.keySlots()

    /** Turns on unlocking with this device (biometrics). */
    fun enableDeviceUnlock(store: DeviceKeyStore): Boolean = attempt { vault.addDeviceSlot(store) }

    /** A new recovery code to show once (any earlier one stops working). */
    fun newRecoveryCode(): String? = try {
        vault.createRecoveryCode()
    } catch (e: RespiteException) {
        error = Messages.forError(e)
        null
    }

    /** Removes a way to unlock (never the last one). */
    fun removeKeySlot(id: String): Boolean = attempt { vault.removeKeySlot(id) }

    /** Changes the passphrase. */
    fun changePassphrase(passphrase: String, confirmation: String): Boolean {
        if (passphrase != confirmation) {
            error = "The two passphrases differ."
            return false
        }
        return attempt { vault.changePassphrase(java.text.Normalizer.normalize(passphrase, java.text.Normalizer.Form.NFC)) }
    }

    private fun attempt(action: () -> Unit): Boolean = try {
        action()
        error = null
        true
    } catch (e: RespiteException) {
        error = when {
            e is RespiteException.LastKeySlot -> "That is your last way in, so it stays."
            else -> Messages.forError(e)
        }
        false
    }
}

/**
 * Locks the vault when the app has been in the background longer than the chosen
 * timeout (0 locks as soon as it leaves the screen).
 */
class AutoLockPolicy(var timeoutSeconds: Long = 60) {
    private var backgroundSince: java.time.Instant? = null

    /** The app left the screen. */
    fun onBackground(now: java.time.Instant) {
        backgroundSince = now
    }

    /** The app came back; whether the vault must be locked first. */
    fun onForeground(now: java.time.Instant): Boolean {
        val since = backgroundSince ?: return false
        backgroundSince = null
        return java.time.Duration.between(since, now).seconds >= timeoutSeconds
    }
}
