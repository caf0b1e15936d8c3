package app.respite.demo.presentation

import app.respite.core.CurrentSecret
import app.respite.core.DeviceKeyStore
import app.respite.core.KeySlotKind
import app.respite.core.RespiteException
import app.respite.core.Vault
import app.respite.core.passphraseMismatch
import java.io.File

/** What the unlock screen shows. */
sealed class UnlockState {
    /** No vault yet: offer to create one. */
    data class NoVault(val error: String? = null) : UnlockState()

    /** Locked: offer the ways this vault can be unlocked. */
    data class Locked(val canUseDevice: Boolean, val canUseRecoveryCode: Boolean, val error: String? = null) : UnlockState()

    /** Open. */
    data class Unlocked(val vault: Vault) : UnlockState()
}

/**
 * The unlock screen: create a vault, or unlock one by device (biometrics), passphrase
 * or recovery code. Every failure keeps the screen usable and says what to do.
 */
class UnlockModel(private val path: String, private val deviceStore: DeviceKeyStore?) {
    private var vault: Vault? = null

    /** The current state. */
    var state: UnlockState = initial()
        private set

    private fun initial(): UnlockState {
        if (!File(path).exists()) return UnlockState.NoVault()
        return try {
            locked(Vault.open(path).also { vault = it }, null)
        } catch (e: RespiteException) {
            UnlockState.NoVault(Messages.forError(e))
        }
    }

    private fun locked(v: Vault, error: String?): UnlockState {
        val kinds = v.keySlots().map { it.kind }
        return UnlockState.Locked(
            canUseDevice = deviceStore != null && KeySlotKind.DEVICE in kinds,
            canUseRecoveryCode = KeySlotKind.RECOVERY_CODE in kinds,
            error = error,
        )
    }

    /** Creates the vault; `confirmation` must match. Returns the recovery code to show once. */
    fun create(passphrase: String, confirmation: String): String? {
        passphraseMismatch(passphrase, confirmation)?.let {
            state = UnlockState.NoVault(it)
            return null
        }
        return try {
            val v = Vault.create(path, passphrase, null)
            vault = v
            val current = CurrentSecret.Passphrase(passphrase)
            deviceStore?.let { runCatching { v.addDeviceSlot(current, it) } }
            val code = v.createRecoveryCode(current)
            state = UnlockState.Unlocked(v)
            code
        } catch (e: RespiteException) {
            state = UnlockState.NoVault(Messages.forError(e))
            null
        }
    }

    /** Unlocks with the passphrase. */
    fun unlockWithPassphrase(passphrase: String) = attempt { it.unlockWithPassphrase(passphrase) }

    /** Unlocks with a recovery code. */
    fun unlockWithRecoveryCode(code: String) = attempt { it.unlockWithRecoveryCode(code) }

    /** Unlocks with the device key store (after the biometric prompt). */
    fun unlockWithDevice() = attempt { v -> v.unlockWithDevice(checkNotNull(deviceStore)) }

    /** Locks again (the app went to the background for too long). */
    fun lock() {
        vault?.let {
            it.lock()
            state = locked(it, null)
        }
    }

    /**
     * Set when the vault opened read-only because its integrity check found records
     * missing, rolled back or changed outside the app: every intact record still reads.
     */
    var integrityWarning: String? = null
        private set

    private fun attempt(unlock: (Vault) -> Unit) {
        val v = vault ?: return
        state = try {
            unlock(v)
            val check = v.integrity()
            integrityWarning = if (check.intact) null else Messages.readOnly(check.problems.size)
            UnlockState.Unlocked(v)
        } catch (e: RespiteException) {
            locked(v, Messages.forError(e))
        }
    }
}
