import RespiteCore
import SwiftUI
import UniformTypeIdentifiers

/// Your data: an encrypted backup, plaintext exports, and imports from other apps.
/// Files wait in a private temporary folder for the share sheet and are removed on lock.
struct DataSection: View {
    let vault: Vault
    @EnvironmentObject private var session: Session
    @State private var passphrase = ""
    @State private var confirmation = ""
    @State private var ready: URL?
    @State private var message: String?
    @State private var importing: ImportFormat?

    /// The folder files wait in; emptied when the vault locks.
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("share", isDirectory: true)

    var body: some View {
        Section("Your data") {
            MessageText(text: message)
            Text("An encrypted backup opens on any phone or computer with its own passphrase.").font(.caption)
            SecureField("Backup passphrase", text: $passphrase)
            SecureField("The same again", text: $confirmation)
            Button("Make an encrypted backup") { backup() }
            Text("Exports are plain text: anyone who gets the file can read it.").font(.caption)
            HStack {
                Button("JSON") { export(.json, "json") }.buttonStyle(.borderless)
                Button("CSV") { export(.csv, "csv") }.buttonStyle(.borderless)
                Button("Markdown") { export(.markdown, "md") }.buttonStyle(.borderless)
            }
            if let ready {
                ShareLink(item: ready) { SwiftUI.Label("Share \(ready.lastPathComponent)", systemImage: "square.and.arrow.up") }
                    // The share sheet may open another app: the auto-lock waits for the person.
                    .simultaneousGesture(TapGesture().onEnded { session.handOff() })
            }
            Text("Bring entries in from another app (importing the same file twice changes nothing).").font(.caption)
            HStack {
                Button("Daylio") { pick(.daylio) }.buttonStyle(.borderless)
                Button("Day One") { pick(.dayOne) }.buttonStyle(.borderless)
                Button("Respite") { pick(.respite) }.buttonStyle(.borderless)
            }
        }
        .fileImporter(
            isPresented: Binding(get: { importing != nil }, set: { if !$0 { importing = nil } }),
            allowedContentTypes: [.data]
        ) { result in
            if let format = importing, case let .success(url) = result { importFile(url, format) }
            importing = nil
        }
    }

    /// Opens the system file picker for an import; the auto-lock waits for the person.
    private func pick(_ format: ImportFormat) {
        session.handOff()
        importing = format
    }

    /// A new file in the share folder, never overwriting an earlier one.
    private func freshFile(_ ext: String) -> URL {
        try? FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        let base = "respite-\(Now.today())"
        var n = 0
        while true {
            let name = n == 0 ? "\(base).\(ext)" : "\(base)-\(n).\(ext)"
            let url = Self.folder.appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: url.path) { return url }
            n += 1
        }
    }

    private func backup() {
        if let differ = passphraseMismatch(passphrase: passphrase, confirmation: confirmation) {
            message = differ
            return
        }
        let url = freshFile("backup")
        let secret = passphrase // the core normalises it (NFC)
        passphrase = ""
        confirmation = ""
        let vault = self.vault
        Task {
            // Key derivation takes a moment: off the main thread.
            let result = await Task.detached { Result { try vault.createBackup(path: url.path, passphrase: secret, kdfIterations: nil) } }.value
            switch result {
            case let .success(summary):
                ready = url
                message = "Backup ready: \(summary.journalEntries) journal entries and \(summary.checkins) check-ins. Keep the passphrase safe: without it the backup cannot be opened."
            case let .failure(error):
                message = Messages.forError(error)
            }
        }
    }

    private func export(_ format: ExportFormat, _ ext: String) {
        let url = freshFile(ext)
        do {
            let summary = try vault.export(format: format, path: url.path)
            ready = url
            message = "Export ready (\(summary.records) records). It is NOT encrypted: share it only somewhere private, and delete it when you are done."
        } catch {
            message = Messages.forError(error)
        }
    }

    private func importFile(_ picked: URL, _ format: ImportFormat) {
        let copy = freshFile("import")
        let scoped = picked.startAccessingSecurityScopedResource()
        defer {
            if scoped { picked.stopAccessingSecurityScopedResource() }
            try? FileManager.default.removeItem(at: copy)
        }
        do {
            try FileManager.default.copyItem(at: picked, to: copy)
            let report = try vault.importFile(format: format, path: copy.path, timeZone: TimeZone.current.identifier)
            let notes = report.notes.map { "\n• \($0.place): \($0.reason)" }.joined()
            message = "Imported \(report.imported) new, updated \(report.merged), \(report.unchanged) already here, skipped \(report.skipped).\(notes)"
        } catch {
            message = Messages.forError(error)
        }
    }
}
