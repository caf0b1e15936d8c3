package app.respite.demo.ui

import android.content.Context
import android.content.Intent
import android.net.Uri
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Button
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.platform.LocalContext
import androidx.core.content.FileProvider
import app.respite.core.ExportFormat
import app.respite.core.ImportFormat
import app.respite.core.Vault
import app.respite.demo.Session
import app.respite.demo.presentation.DataModel
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** Your data: an encrypted backup, plaintext exports, and imports from other apps. */
@Composable
fun DataSection(session: Session, vault: Vault) {
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { DataModel(vault, session.clock, session.shareFolder) })
    var passphrase by remember { mutableStateOf("") }
    var confirmation by remember { mutableStateOf("") }
    var importing by remember { mutableStateOf(ImportFormat.DAYLIO) }
    val pick = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        if (uri != null) {
            scope.launch {
                withContext(Dispatchers.IO) {
                    val copy = copyIn(context, uri, session.shareFolder)
                    m.import(importing, copy)
                    copy.delete()
                }
                redraw {}
            }
        }
    }

    // Key derivation and the import take a moment: off the main thread.
    fun make(write: () -> File?) = scope.launch {
        val file = withContext(Dispatchers.IO) { write() }
        redraw {}
        if (file != null) {
            session.autoLock.handOff()
            share(context, file)
        }
    }

    Heading("Your data")
    Message(m.message)
    Text("An encrypted backup opens on any phone or computer with its own passphrase.")
    SecretField("Backup passphrase", passphrase) { passphrase = it }
    SecretField("The same again", confirmation) { confirmation = it }
    Button(onClick = {
        val (p, c) = passphrase to confirmation
        passphrase = ""
        confirmation = ""
        make { m.backup(p, c) }
    }) { Text("Make an encrypted backup") }
    Text("Exports are plain text: anyone who gets the file can read it.")
    Row {
        for ((label, format) in listOf("JSON" to ExportFormat.JSON, "CSV" to ExportFormat.CSV, "Markdown" to ExportFormat.MARKDOWN)) {
            TextButton(onClick = { make { m.export(format) } }) { Text(label) }
        }
    }
    Text("Bring entries in from another app (importing the same file twice changes nothing).")
    Row {
        for ((label, format) in listOf("Daylio" to ImportFormat.DAYLIO, "Day One" to ImportFormat.DAY_ONE, "Respite" to ImportFormat.RESPITE)) {
            OutlinedButton(onClick = {
                importing = format
                session.autoLock.handOff()
                pick.launch(arrayOf("*/*"))
            }) { Text(label) }
        }
    }
}

/** Copies a picked document into the private folder, for the core to read by path. */
private fun copyIn(context: Context, uri: Uri, folder: File): File {
    folder.mkdirs()
    val copy = File.createTempFile("respite-import-", ".tmp", folder)
    context.contentResolver.openInputStream(uri)?.use { input -> copy.outputStream().use { input.copyTo(it) } }
    return copy
}

/** Opens the share sheet for a file in the private folder. */
private fun share(context: Context, file: File) {
    val uri = FileProvider.getUriForFile(context, "${context.packageName}.files", file)
    val send = Intent(Intent.ACTION_SEND)
        .setType("application/octet-stream")
        .putExtra(Intent.EXTRA_STREAM, uri)
        .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    context.startActivity(Intent.createChooser(send, file.name))
}
