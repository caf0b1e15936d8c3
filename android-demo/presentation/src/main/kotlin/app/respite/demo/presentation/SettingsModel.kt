package app.respite.demo.presentation

import app.respite.core.AutoLock
import app.respite.core.CrisisLine
import app.respite.core.CurrentSecret
import app.respite.core.DeviceKeyStore
import app.respite.core.KeyRotation
import app.respite.core.KeySlot
import app.respite.core.RespiteException
import app.respite.core.Settings
import app.respite.core.Vault
import app.respite.core.WorkSchedule
import app.respite.core.crisisLines
import app.respite.core.passphraseMismatch
import app.respite.core.passphraseStrength
import app.respite.core.scheduleFromText
import app.respite.core.scheduleToText

/** The settings screen: schedule, day start, unlock methods, auto-lock. */
class SettingsModel(private val vault: Vault, val autoLock: AutoLock) {
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

    /** Turns "on this day" in the trends on or off (off until turned on). */
    fun setOnThisDay(on: Boolean): Boolean = attempt { settings = vault.updateSettings(settings.copy(onThisDay = on)) }

    /** The crisis lines the safety response can name, for the region picker. */
    val crisisLines: List<CrisisLine> = crisisLines()

    /** Whose crisis line the safety response names (null: the international directory). */
    fun setCrisisLineRegion(region: String?): Boolean =
        attempt { settings = vault.updateSettings(settings.copy(crisisLineRegion = region)) }

    /**
     * Takes the device's region (`Locale.getDefault().country`) when none was chosen
     * yet; a region without its own line gets the international directory.
     */
    fun adoptDeviceRegion(country: String) {
        if (settings.crisisLineRegion == null && country.length == 2 && country.all { it.isLetter() }) {
            setCrisisLineRegion(country.uppercase())
        }
    }

    /** The ways the vault can be unlocked. */
    fun keySlots(): List<KeySlot> = vault.keySlots()

    // Every change to the ways in asks for the current passphrase again (`current`),
    // so a phone left unlocked cannot have them changed.

    /** Turns on unlocking with this device (biometrics). */
    fun enableDeviceUnlock(current: String, store: DeviceKeyStore): Boolean =
        attempt { vault.addDeviceSlot(CurrentSecret.Passphrase(current), store) }

    /** A new recovery code to show once (any earlier one stops working). */
    fun newRecoveryCode(current: String): String? = try {
        vault.createRecoveryCode(CurrentSecret.Passphrase(current)).also { error = null }
    } catch (e: RespiteException) {
        error = Messages.forError(e)
        null
    }

    /** Removes a way to unlock (never the last one). */
    fun removeKeySlot(current: String, id: String): Boolean =
        attempt { vault.removeKeySlot(CurrentSecret.Passphrase(current), id) }

    /** Changes the passphrase (the core normalises it and refuses guessable ones). */
    fun changePassphrase(current: String, passphrase: String, confirmation: String): Boolean {
        passphraseMismatch(passphrase, confirmation)?.let {
            error = it
            return false
        }
        return attempt { vault.changePassphrase(CurrentSecret.Passphrase(current), passphrase) }
    }

    /**
     * Replaces the vault key, re-encrypting every record, so an older copy of the vault
     * reads nothing new. Device unlock has to be turned on again; a new recovery code,
     * if the vault had one, is in the result to show once.
     */
    fun replaceVaultKey(current: String): KeyRotation? = try {
        vault.rotateKey(CurrentSecret.Passphrase(current), null).also { error = null }
    } catch (e: RespiteException) {
        error = Messages.forError(e)
        null
    }

    /** What would make a new passphrase harder to guess, for the hint under its field. */
    fun passphraseHint(passphrase: String): String? {
        if (passphrase.isEmpty()) return null
        val strength = passphraseStrength(passphrase)
        return if (strength.acceptable) null else strength.feedback.joinToString(" ")
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
