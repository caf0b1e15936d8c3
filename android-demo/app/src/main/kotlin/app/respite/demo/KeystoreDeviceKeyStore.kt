package app.respite.demo

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import app.respite.core.DeviceKeyStore
import app.respite.core.RespiteException
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.ProviderException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The device key slot's platform half: an AES-256-GCM key in the Android Keystore
 * (StrongBox when the device has it) that can only be used right after a strong
 * biometric check, and is invalidated when a new fingerprint or face is enrolled.
 * The core hands it a random slot secret to seal; the key never leaves secure hardware.
 *
 * Sealed layout: version byte ‖ 12-byte IV ‖ ciphertext ‖ 16-byte tag. The core calls
 * [seal] and [open] from the thread that unlocks, which must not be the main thread:
 * they wait for the biometric prompt.
 */
class KeystoreDeviceKeyStore(private val authenticator: CipherAuthenticator) : DeviceKeyStore {
    override fun seal(plaintext: ByteArray): ByteArray = guarded {
        val cipher = Cipher.getInstance(TRANSFORMATION).apply { init(Cipher.ENCRYPT_MODE, checkNotNull(key(create = true))) }
        val authed = authenticator.authenticate(cipher)
        authed.updateAAD(AAD)
        val iv = authed.iv
        check(iv.size == IV_BYTES)
        byteArrayOf(VERSION) + iv + authed.doFinal(plaintext)
    }

    override fun open(sealed: ByteArray): ByteArray = guarded {
        if (sealed.size < 1 + IV_BYTES + TAG_BYTES || sealed[0] != VERSION) {
            throw RespiteException.DeviceKey("the device key slot is not in a format this app knows")
        }
        val key = key(create = false)
            ?: throw RespiteException.DeviceKey("this device's key is gone; unlock with your passphrase and turn device unlock on again")
        val iv = sealed.copyOfRange(1, 1 + IV_BYTES)
        val cipher = Cipher.getInstance(TRANSFORMATION).apply { init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BYTES * 8, iv)) }
        val authed = authenticator.authenticate(cipher)
        authed.updateAAD(AAD)
        authed.doFinal(sealed, 1 + IV_BYTES, sealed.size - 1 - IV_BYTES)
    }

    /** Deletes the key (when device unlock is turned off); the slot then cannot open. */
    fun forget() {
        keyStore().deleteEntry(ALIAS)
    }

    private fun keyStore() = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }

    private fun key(create: Boolean): SecretKey? {
        (keyStore().getKey(ALIAS, null) as? SecretKey)?.let { return it }
        if (!create) return null
        val strongBox = Build.VERSION.SDK_INT >= Build.VERSION_CODES.P
        return try {
            generate(strongBox)
        } catch (e: ProviderException) {
            // StrongBoxUnavailableException (API 28+) is a ProviderException: use the TEE.
            if (strongBox) generate(strongBox = false) else throw e
        }
    }

    private fun generate(strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setUserAuthenticationRequired(true)
            .setInvalidatedByBiometricEnrollment(true)
            .apply {
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                    // Every use needs a fresh strong biometric check.
                    setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
                }
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) setIsStrongBoxBacked(strongBox)
            }
            .build()
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE).run {
            init(spec)
            generateKey()
        }
    }

    /** Maps platform failures to the core's error, without any key material. */
    private fun <T> guarded(block: () -> T): T = try {
        block()
    } catch (e: RespiteException) {
        throw e
    } catch (e: KeyPermanentlyInvalidatedException) {
        forget()
        throw RespiteException.DeviceKey("biometrics changed on this device; unlock with your passphrase and turn device unlock on again")
    } catch (e: GeneralSecurityException) {
        throw RespiteException.DeviceKey("the device key store refused (${e.javaClass.simpleName})")
    }

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "respite-device-slot"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val VERSION: Byte = 1
        const val IV_BYTES = 12
        const val TAG_BYTES = 16
        val AAD = "respite device slot v1".toByteArray()
    }
}

/** Unlocks a Keystore cipher with the user's biometric; blocks until they answer. */
fun interface CipherAuthenticator {
    /** Returns the authenticated cipher, or throws [RespiteException.DeviceKey] if declined. */
    fun authenticate(cipher: Cipher): Cipher
}

/**
 * Shows [BiometricPrompt] with the cipher as its CryptoObject on the activity that is on
 * screen, and waits (off the main thread) for the answer.
 */
class BiometricCipherAuthenticator(private val activity: () -> FragmentActivity?) : CipherAuthenticator {
    override fun authenticate(cipher: Cipher): Cipher {
        val host = activity() ?: throw RespiteException.DeviceKey("no screen to ask on")
        val done = CountDownLatch(1)
        var result: Cipher? = null
        var failure: String? = null
        val executor = ContextCompat.getMainExecutor(host)
        executor.execute {
            val prompt = BiometricPrompt(
                host,
                executor,
                object : BiometricPrompt.AuthenticationCallback() {
                    override fun onAuthenticationSucceeded(r: BiometricPrompt.AuthenticationResult) {
                        result = r.cryptoObject?.cipher
                        done.countDown()
                    }

                    override fun onAuthenticationError(code: Int, message: CharSequence) {
                        failure = "the biometric check ended (code $code)"
                        done.countDown()
                    }
                    // A single failed attempt keeps the prompt open; nothing to do.
                },
            )
            val info = BiometricPrompt.PromptInfo.Builder()
                .setTitle(host.getString(R.string.biometric_title))
                .setNegativeButtonText(host.getString(R.string.biometric_use_passphrase))
                .setAllowedAuthenticators(BIOMETRIC_STRONG)
                .build()
            prompt.authenticate(info, BiometricPrompt.CryptoObject(cipher))
        }
        if (!done.await(2, TimeUnit.MINUTES)) throw RespiteException.DeviceKey("the biometric check timed out")
        return result ?: throw RespiteException.DeviceKey(failure ?: "the biometric check did not unlock the key")
    }
}
