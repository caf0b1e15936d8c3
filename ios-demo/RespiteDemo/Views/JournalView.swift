import RespiteCore
import SwiftUI

/// The journal, newest first, with private search (the index lives only in memory).
struct JournalView: View {
    let vault: Vault
    @State private var entries: [JournalEntry] = []
    @State private var damaged = 0
    @State private var hasMore = true
    @State private var query = ""
    @State private var hits: [SearchHit] = []
    @State private var error: String?

    var body: some View {
        List {
            MessageText(text: error)
            if !query.isEmpty {
                if hits.isEmpty { Text("Nothing found for that.") }
                ForEach(hits, id: \.id) { hit in
                    // Check-in notes are found too; only journal entries open here.
                    if hit.source == .journalEntry {
                        NavigationLink { EntryView(vault: vault, id: hit.id) } label: { row(hit.title ?? hit.localDay, hit.snippet) }
                    } else {
                        row(hit.localDay, hit.snippet)
                    }
                }
            } else {
                NavigationLink("Write in my journal") { JournalEntryView(vault: vault, onSaved: reload) }
                if damaged > 0 { MessageText(text: "\(damaged) entries could not be opened; they are kept as they are.") }
                if entries.isEmpty && !hasMore { Text("Nothing here yet. Whatever you write stays on this phone.") }
                ForEach(entries, id: \.id) { e in
                    NavigationLink { EntryView(vault: vault, id: e.id) } label: {
                        row("\(e.localDay) · \(kindName(e.kind))", e.title ?? String(e.body.prefix(120)))
                    }
                }
                if hasMore { Button("Show older", action: loadMore) }
            }
        }
        .navigationTitle("Journal")
        .searchable(text: $query, prompt: "Search my journal")
        .onChange(of: query) { text in
            hits = (try? vault.journal().search(query: SearchQuery(text: text, limit: 50)).hits) ?? []
        }
        .onAppear { if entries.isEmpty { loadMore() } }
    }

    /// From the first page again (after writing an entry).
    private func reload() {
        entries = []
        damaged = 0
        hasMore = true
        loadMore()
    }

    private func loadMore() {
        do {
            let page = try vault.journal().list(offset: UInt32(entries.count + damaged), limit: 30)
            entries += page.entries
            damaged += page.damaged.count
            hasMore = page.hasMore
        } catch {
            self.error = Messages.forError(error)
            hasMore = false
        }
    }

    private func row(_ title: String, _ detail: String) -> some View {
        VStack(alignment: .leading) {
            Text(title).font(.subheadline.weight(.semibold))
            Text(detail).lineLimit(2)
        }
    }
}

/// Writing an entry of one's own: title, text and tags; title, text and every tag go
/// through the vault's privacy check before saving, which never stops the save.
struct JournalEntryView: View {
    let vault: Vault
    let onSaved: () -> Void
    @Environment(\.dismiss) private var dismiss
    @State private var title = ""
    @State private var text = ""
    /// Tags as typed, separated by commas (the core trims them).
    @State private var tagsText = ""
    @StateObject private var privacy = PrivacyReview()
    @State private var error: String?

    var body: some View {
        CheckedForm(review: privacy, draft: checked, write: write, done: { dismiss() }) {
            MessageText(text: error)
            TextField("A title, if you like", text: $title)
            Section("What is on my mind") {
                TextEditor(text: $text).frame(minHeight: 160)
            }
            TextField("Tags, separated by commas", text: $tagsText)
            Button("Save") { privacy.save(checked, write: write) }
        }
        .navigationTitle("Write in my journal")
    }

    private var tags: [String] {
        tagsText.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    private func draft() -> JournalDraft {
        JournalDraft(kind: .free, moment: Now.moment(), title: title.isEmpty ? nil : title, body: text, tags: tags)
    }

    /// The draft for the vault's privacy check; the core's redacted title, text and tags come back into the fields.
    private var checked: PrivacyDraft<JournalDraft> {
        PrivacyDraft(vault: vault, kind: .journal, read: draft) { redacted in
            title = redacted.title ?? title
            text = redacted.body
            tagsText = redacted.tags.joined(separator: ",")
        }
    }

    private func write() {
        privacy.write({
            let entry = try vault.journal().add(draft: draft())
            privacy.support = try? vault.support().afterEntry(entry: entry)
            onSaved()
        }, done: { dismiss() }) { error = Messages.forError($0) }
    }
}

/// One entry in full.
struct EntryView: View {
    let vault: Vault
    let id: String

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 12) {
                switch Result(catching: { try vault.journal().get(id: id) }) {
                case let .success(e):
                    Text(e.title ?? "\(e.localDay) · \(kindName(e.kind))").font(.title3)
                    if let intensity = e.reflection?.intensity { Text("Intensity \(intensity) of 10") }
                    if let t = e.transition {
                        if let setDown = t.setDown { Text("Set down: \(setDown)") }
                        if !t.wentWell.isEmpty { Text("Went well: \(t.wentWell.joined(separator: "; "))") }
                        if let signal = t.endOfDaySignal { Text("End-of-day signal: \(signal)") }
                    }
                    if !e.body.isEmpty { Text(e.body) }
                    if !e.tags.isEmpty { Text(e.tags.map { "#\($0)" }.joined(separator: " ")).font(.caption) }
                case let .failure(error):
                    MessageText(text: Messages.forError(error))
                }
            }
            .padding()
            .frame(maxWidth: .infinity, alignment: .leading)
        }
    }
}

func kindName(_ kind: JournalKind) -> String {
    switch kind {
    case .afterSession: return "after a session"
    case .transition: return "transition"
    case .evening: return "evening"
    case .free: return "note"
    }
}
