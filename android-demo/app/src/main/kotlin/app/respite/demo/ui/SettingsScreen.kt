package app.respite.demo.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.Button
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import app.respite.core.KeySlotKind
import app.respite.core.Vault
import app.respite.demo.PromptNotifications
import app.respite.demo.Session
import app.respite.demo.presentation.AllowListModel
import app.respite.demo.presentation.Messages
import app.respite.demo.presentation.SettingsModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

private val lockChoices = listOf(0L to "At once", 60L to "1 minute", 300L to "5 minutes", 900L to "15 minutes")

/** Settings: schedule, day start, ways to unlock, auto-lock, reminders, the words that are mine. */
@Composable
fun SettingsScreen(session: Session, vault: Vault) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { SettingsModel(vault, session.autoLock) })
    val allowList = redraw.watch(remember(vault) { AllowListModel(vault) })
    var newWord by remember { mutableStateOf("") }
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    var scheduleText by remember { mutableStateOf(m.scheduleText) }
    var passphrase by remember { mutableStateOf("") }
    var confirmation by remember { mutableStateOf("") }
    var current by remember { mutableStateOf("") }

    fun resync() = scope.launch { withContext(Dispatchers.IO) { runCatching { PromptNotifications.sync(context, vault, session.clock) } } }

    ScreenColumn {
        Message(m.error)
        Heading("My work schedule")
        Text("One line per shift or exception, as the core reads it. Reminders follow this.")
        OutlinedTextField(value = scheduleText, onValueChange = { scheduleText = it }, modifier = Modifier.fillMaxWidth(), minLines = 6)
        Button(onClick = { if (redraw { m.saveScheduleText(scheduleText) }) resync() }) { Text("Save schedule") }
        ReminderPermission()

        Heading("On this day")
        Text("Entries from the same date in earlier years, what went well first; heavy ones are never shown unasked.")
        TextButton(onClick = { redraw { m.setOnThisDay(!m.settings.onThisDay) } }) {
            Text(if (m.settings.onThisDay) "• Shown in Trends (tap to hide)" else "Not shown (tap to show in Trends)")
        }

        Heading("A new day starts at")
        ScaleChips("Hour (late shifts count to the day before)", 0..12, m.settings.dayStartHour.toInt()) { h ->
            if (h != null) redraw { m.setDayStartHour(h) }
        }

        Heading("Crisis line for my region")
        Text("Named when a check-in or your words suggest a very hard moment and your plan names no professional help.")
        LaunchedEffect(Unit) { redraw { m.adoptDeviceRegion(java.util.Locale.getDefault().country) } }
        for (line in m.crisisLines) {
            val region = line.region.ifEmpty { null }
            val label = "${line.region.ifEmpty { "Elsewhere" }}: ${line.name}"
            TextButton(onClick = { redraw { m.setCrisisLineRegion(region) } }) {
                Text(if (m.settings.crisisLineRegion == region) "• $label" else label)
            }
        }

        Heading("Lock when I leave the app")
        Row {
            for ((seconds, label) in lockChoices) {
                TextButton(onClick = { redraw { session.setLockTimeout(seconds) } }) {
                    Text(if (m.autoLock.timeoutSeconds().toLong() == seconds) "• $label" else label)
                }
            }
        }

        Heading("Ways to unlock")
        Text("Changes here ask for your current passphrase again.")
        SecretField("Current passphrase", current) { current = it }
        for (slot in m.keySlots()) {
            Row {
                Text(
                    when (slot.kind) {
                        KeySlotKind.PASSPHRASE -> "Passphrase"
                        KeySlotKind.DEVICE -> "This phone (biometrics)"
                        KeySlotKind.RECOVERY_CODE -> "Recovery code"
                    },
                    Modifier.weight(1f),
                )
                TextButton(onClick = {
                    val removed = redraw { m.removeKeySlot(current, slot.id) }
                    // The Keystore key only served that slot: delete it too.
                    if (removed && slot.kind == KeySlotKind.DEVICE) session.deviceStore?.forget()
                }) { Text("Remove") }
            }
        }
        val store = session.deviceStore
        if (store != null && m.keySlots().none { it.kind == KeySlotKind.DEVICE }) {
            OutlinedButton(onClick = {
                // The biometric prompt waits for the person: off the main thread.
                val c = current
                scope.launch { withContext(Dispatchers.IO) { m.enableDeviceUnlock(c, store) }; redraw {} }
            }) { Text("Unlock with fingerprint or face") }
        }
        OutlinedButton(onClick = {
            val c = current
            // Key derivation takes a moment: off the main thread.
            scope.launch {
                withContext(Dispatchers.IO) { m.newRecoveryCode(c) }?.let { session.recoveryCodeToShow = it }
                redraw {}
            }
        }) { Text("Make a new recovery code") }
        SecretField("New passphrase", passphrase) { passphrase = it }
        m.passphraseHint(passphrase)?.let { Text(it) }
        SecretField("The same again", confirmation) { confirmation = it }
        OutlinedButton(onClick = {
            val old = current
            val p = passphrase
            val c = confirmation
            scope.launch {
                withContext(Dispatchers.IO) { m.changePassphrase(old, p, c) }
                passphrase = ""
                confirmation = ""
                redraw {}
            }
        }) { Text("Change passphrase") }
        Text("An older copy of this vault still opens with an old passphrase. Replacing the key re-encrypts everything so such a copy reads nothing new.")
        OutlinedButton(onClick = {
            val c = current
            scope.launch {
                val rotation = withContext(Dispatchers.IO) { m.replaceVaultKey(c) }
                rotation?.recoveryCode?.let { session.recoveryCodeToShow = it }
                // The Keystore key served only the removed device slot.
                if ((rotation?.deviceSlotsRemoved ?: 0u) > 0u) session.deviceStore?.forget()
                redraw {}
            }
        }) { Text("Replace the vault key") }
        Heading(Messages.privacy.allowListHeading)
        Text(Messages.privacy.allowListExplained)
        Message(allowList.message)
        if (allowList.words.isEmpty()) Text(Messages.privacy.allowListEmpty)
        for (word in allowList.words) {
            Row {
                Text(word, Modifier.weight(1f))
                TextButton(onClick = { redraw { allowList.remove(word) } }) { Text(Messages.privacy.allowListRemove) }
            }
        }
        Row {
            OutlinedTextField(value = newWord, onValueChange = { newWord = it }, label = { Text(Messages.privacy.allowListField) }, singleLine = true, modifier = Modifier.weight(1f))
            TextButton(onClick = { if (redraw { allowList.add(newWord) }) newWord = "" }) { Text(Messages.privacy.allowListAdd) }
        }
        DataSection(session, vault)
        Button(onClick = { session.lock() }, Modifier.fillMaxWidth()) { Text("Lock now") }
    }
}
