package app.respite.demo.ui

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.foundation.text.KeyboardOptions
import app.respite.demo.Session
import app.respite.demo.presentation.UnlockModel
import app.respite.demo.presentation.UnlockState
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** Create the vault, or unlock it by biometrics, passphrase or recovery code. */
@Composable
fun UnlockScreen(session: Session, state: UnlockState) {
    val scope = rememberCoroutineScope()
    var busy by remember { mutableStateOf(false) }
    var secret by remember { mutableStateOf("") }
    var confirmation by remember { mutableStateOf("") }
    var useRecoveryCode by remember { mutableStateOf(false) }

    // Key derivation and the biometric prompt both take a moment: never on the main thread.
    fun run(action: UnlockModel.() -> Unit) {
        busy = true
        scope.launch {
            withContext(Dispatchers.IO) { session.act(action) }
            secret = ""
            confirmation = ""
            busy = false
        }
    }

    ScreenColumn {
        Heading("Respite")
        if (busy) {
            CircularProgressIndicator()
            return@ScreenColumn
        }
        when (state) {
            is UnlockState.NoVault -> {
                Text("Your entries are encrypted on this phone with a passphrase only you know. Nothing leaves the device.")
                Message(state.error)
                SecretField("Passphrase", secret) { secret = it }
                SecretField("The same passphrase again", confirmation) { confirmation = it }
                Button(onClick = {
                    val p = secret
                    val c = confirmation
                    run { create(p, c)?.let { code -> scope.launch { session.recoveryCodeToShow = code } } }
                }) { Text("Create my vault") }
            }
            is UnlockState.Locked -> {
                Message(state.error)
                if (state.canUseDevice) {
                    Button(onClick = { run { unlockWithDevice() } }, Modifier.fillMaxWidth()) { Text("Unlock with fingerprint or face") }
                }
                SecretField(if (useRecoveryCode) "Recovery code" else "Passphrase", secret) { secret = it }
                OutlinedButton(onClick = {
                    val s = secret
                    run { if (useRecoveryCode) unlockWithRecoveryCode(s) else unlockWithPassphrase(s) }
                }) { Text("Unlock") }
                if (state.canUseRecoveryCode) {
                    TextButton(onClick = { useRecoveryCode = !useRecoveryCode }) {
                        Text(if (useRecoveryCode) "Use my passphrase" else "I forgot my passphrase")
                    }
                }
            }
            is UnlockState.Unlocked -> Unit
        }
    }
}

/** A text field for a passphrase or code: hidden, no suggestions. */
@Composable
fun SecretField(label: String, value: String, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = true,
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password, autoCorrectEnabled = false),
        modifier = Modifier.fillMaxWidth(),
    )
}
