package app.respite.demo.presentation

import app.respite.core.ExportFormat
import app.respite.core.ImportFormat
import app.respite.core.RespiteException
import app.respite.core.Vault
import app.respite.core.passphraseMismatch
import java.io.File

/**
 * Your data, on the phone: an encrypted backup or a plaintext export written to a
 * private folder for the shell to hand to the share sheet, and imports from a file
 * the person picked. Every step says what happened in plain words.
 */
class DataModel(private val vault: Vault, private val clock: Clock, private val folder: File) {
    /** A message to show after the last action. */
    var message: String? = null
        private set

    /** Writes an encrypted backup; returns its file for the share sheet, or null. */
    fun backup(passphrase: String, confirmation: String): File? {
        passphraseMismatch(passphrase, confirmation)?.let {
            message = it
            return null
        }
        val file = freshFile("backup")
        return attempt(file) {
            val summary = vault.createBackup(file.path, passphrase, null) // the core normalises it (NFC)
            message = "Backup ready: ${summary.journalEntries} journal entries and ${summary.checkins} check-ins, " +
                "encrypted with this passphrase. Keep the passphrase safe: without it the backup cannot be opened."
        }
    }

    /** Writes a plaintext export; returns its file for the share sheet, or null. */
    fun export(format: ExportFormat): File? {
        val file = freshFile(
            when (format) {
                ExportFormat.JSON -> "json"
                ExportFormat.CSV -> "csv"
                ExportFormat.MARKDOWN -> "md"
            },
        )
        return attempt(file) {
            val summary = vault.export(format, file.path)
            message = "Export ready (${summary.records} records). It is NOT encrypted: " +
                "share it only somewhere private, and delete it when you are done."
        }
    }

    /** Imports a picked file (copied into the private folder by the shell). */
    fun import(format: ImportFormat, file: File): Boolean = try {
        val report = vault.importFile(format, file.path, clock.zone().id)
        val notes = report.notes.joinToString("") { "\n• ${it.place}: ${it.reason}" }
        message = "Imported ${report.imported} new, updated ${report.merged}, " +
            "${report.unchanged} already here, skipped ${report.skipped}.$notes"
        true
    } catch (e: RespiteException) {
        message = Messages.forError(e)
        false
    }

    /** Removes files made here earlier (they are plaintext or backups: do not keep them). */
    fun clean() {
        folder.listFiles()?.filter { it.name.startsWith("respite-") }?.forEach { it.delete() }
    }

    private fun freshFile(extension: String): File {
        folder.mkdirs()
        val base = "respite-${clock.today()}"
        return generateSequence(0) { it + 1 }
            .map { n -> File(folder, if (n == 0) "$base.$extension" else "$base-$n.$extension") }
            .first { !it.exists() }
    }

    private fun attempt(file: File, write: () -> Unit): File? = try {
        write()
        file
    } catch (e: RespiteException) {
        message = Messages.forError(e)
        null
    }
}
