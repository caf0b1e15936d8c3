package app.respite.demo

import android.content.Context
import android.os.Handler
import android.os.Looper
import androidx.biometric.BiometricManager
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.fragment.app.FragmentActivity
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import app.respite.core.AutoLock
import app.respite.demo.presentation.Clock
import app.respite.demo.presentation.UnlockModel
import app.respite.demo.presentation.UnlockState
import java.io.File
import java.lang.ref.WeakReference

/**
 * The unlocked-or-not vault of this process: the [UnlockModel] made observable for
 * Compose, the device key store, and auto-lock when the app leaves the screen.
 */
class Session(context: Context) : DefaultLifecycleObserver {
    private val app = context.applicationContext
    private val prefs = app.getSharedPreferences("shell", Context.MODE_PRIVATE)
    private var activity = WeakReference<FragmentActivity>(null)
    private val main = Handler(Looper.getMainLooper())

    /** The Android Keystore key store, when this device has strong biometrics. */
    val deviceStore: KeystoreDeviceKeyStore? =
        if (BiometricManager.from(app).canAuthenticate(BIOMETRIC_STRONG) == BiometricManager.BIOMETRIC_SUCCESS) {
            KeystoreDeviceKeyStore(BiometricCipherAuthenticator { activity.get() })
        } else {
            null
        }

    /** The vault lives in no_backup/: never in backups, with its WAL and journal files. */
    private val unlock = UnlockModel(File(app.noBackupFilesDir, "respite.vault").path, deviceStore)

    /** When to lock after leaving the app (the core's rule); the timeout is a shell preference, not user content. */
    val autoLock = AutoLock(prefs.getLong("lock_timeout_seconds", 60).toUInt())

    /** The unlock state; reading it in a composable redraws on change. */
    var state: UnlockState by mutableStateOf(unlock.state)
        private set

    /** Set when the vault opened read-only because its integrity check found problems. */
    val integrityWarning: String? get() = unlock.integrityWarning

    /** A recovery code to show once (after creating the vault or making a new one). */
    var recoveryCodeToShow: String? by mutableStateOf(null)

    /** The device clock. */
    val clock: Clock = Clock.System

    /** The activity that can show the biometric prompt (set while it is on screen). */
    fun attach(activity: FragmentActivity) {
        this.activity = WeakReference(activity)
    }

    /** Runs an unlock-model action (off the main thread) and publishes the new state. */
    fun <T> act(action: UnlockModel.() -> T): T {
        val result = unlock.action()
        main.post { state = unlock.state }
        return result
    }

    /** Saves a new lock timeout. */
    fun setLockTimeout(seconds: Long) {
        autoLock.setTimeoutSeconds(seconds.toUInt())
        prefs.edit().putLong("lock_timeout_seconds", seconds).apply()
    }

    private val lockNow = Runnable { lock() }

    /** Where backups and exports wait for the share sheet; emptied on every lock. */
    val shareFolder = File(app.cacheDir, "share")

    /** Locks: the key is wiped from memory, shared files are removed, and the unlock screen shows. */
    fun lock() {
        unlock.lock()
        shareFolder.deleteRecursively()
        state = unlock.state
    }

    override fun onStop(owner: LifecycleOwner) {
        autoLock.onBackground(clock.now())
        // Also lock while still in the background, so the key does not wait in memory.
        main.postDelayed(lockNow, autoLock.lockAfterSeconds().toLong() * 1000)
    }

    override fun onStart(owner: LifecycleOwner) {
        main.removeCallbacks(lockNow)
        if (autoLock.onForeground(clock.now())) lock()
    }
}
