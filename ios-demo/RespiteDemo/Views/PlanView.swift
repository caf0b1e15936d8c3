import RespiteCore
import SwiftUI

/// The self-care plan: read it, add from starter suggestions, write it in its text form,
/// retire practices, and open the emergency card. Saving may ask about client details
/// first (the vault's privacy check; the plan's own contacts and people are left out).
struct PlanView: View {
    let vault: Vault
    @State private var draft: Plan?
    @State private var editing: String?
    @State private var section: PlanSection = .practices
    @State private var message: String?
    @StateObject private var privacy = PrivacyReview()

    var body: some View {
        Form {
            if privacy.reviewing {
                PrivacyReviewSection(review: privacy, draft: checked, resolved: write)
            } else {
                content
            }
        }
        .navigationTitle("My plan")
        .onAppear { if draft == nil { draft = try? vault.plan().current().plan } }
    }

    @ViewBuilder
    private var content: some View {
        NavigationLink("My emergency card") { EmergencyCardView(vault: vault) }
        MessageText(text: message)
        MessageText(text: privacy.savedNote)
        if let text = editing {
            Section("In my own words") {
                TextEditor(text: Binding(get: { text }, set: { editing = $0 })).frame(minHeight: 300)
                Button("Save") { saveText(text) }
                Button("Cancel") { editing = nil }
            }
        } else if let plan = draft {
            Button("Write in my own words") { editing = planToText(plan: plan) }
            Section("Add from suggestions") {
                Picker("Section", selection: $section) {
                    ForEach(sections, id: \.self) { Text(sectionName($0)).tag($0) }
                }
                ForEach(planSuggestions().filter { $0.section == section }, id: \.id) { s in
                    Button("+ \(s.text)") { pick(s) }
                }
            }
            // What the save would change, from the core; nothing to save, nothing to press.
            if let pending = try? vault.screens().planSave(draft: plan) {
                Section {
                    Text(pending.summary)
                    ForEach(Array(pending.changes.enumerated()), id: \.offset) { _, change in
                        Text("• \(change.section): \([change.before, change.after].compactMap { $0 }.joined(separator: " → "))")
                            .font(.caption)
                    }
                    Button("Save my plan") { save(plan) }.disabled(!pending.canSave)
                }
            }
            Section("Practices") {
                ForEach(plan.practices, id: \.id) { p in
                    HStack {
                        Text(p.name)
                        Spacer()
                        if p.status == .retired {
                            Text("Retired").foregroundStyle(.secondary)
                        } else {
                            Button("Retire") { retire(p.id) }.buttonStyle(.borderless)
                        }
                    }
                }
            }
            Section("The whole plan") { Text(planToText(plan: plan)).font(.callout) }
        }
    }

    /// The sections that have suggestions, in the core's order.
    private var sections: [PlanSection] {
        planSuggestions().reduce(into: []) { list, s in if !list.contains(s.section) { list.append(s.section) } }
    }

    /// Adds a suggestion to the draft, in its section (the core places it).
    private func pick(_ s: PlanSuggestion) {
        guard let plan = draft else { return }
        draft = planWithSuggestion(plan: plan, suggestion: s)
    }

    private func retire(_ id: String) {
        guard var plan = draft, let i = plan.practices.firstIndex(where: { $0.id == id }) else { return }
        plan.practices[i].status = .retired
        draft = plan
    }

    /// The draft for the vault's privacy check; the core's redactions come back into it.
    private var checked: PrivacyDraft<Plan> {
        PrivacyDraft(vault: vault, kind: .plan, read: { draft ?? Plan() }, take: { draft = $0 })
    }

    /// Saves the plan as a new revision, unless the privacy check has a question first.
    private func save(_ plan: Plan) {
        draft = plan
        privacy.save(checked, write: write)
    }

    private func write() {
        guard let plan = draft else { return }
        privacy.write({
            let revision = try vault.plan().save(plan: plan)
            draft = revision.plan
            // Only a saved text closes its editor: on a failure the words stay as typed.
            editing = nil
            message = "Saved as revision \(revision.revision)."
        }, done: {}) {
            message = Messages.forError($0, form: .plan)
        }
    }

    private func saveText(_ text: String) {
        do {
            save(try planFromText(text: text))
        } catch {
            message = Messages.forError(error)
        }
    }
}

/// The emergency card: short, never blank, for a bad day.
struct EmergencyCardView: View {
    let vault: Vault

    var body: some View {
        List {
            if let card = try? vault.plan().emergencyCard() {
                CardSections(card: card)
            }
        }
        .navigationTitle("For right now")
    }
}

/// The sections of an emergency card.
struct CardSections: View {
    let card: EmergencyCard

    var body: some View {
        if card.usesSuggestions { Text("These are starter ideas until you write your own in the plan.") }
        Lines(title: "What helps me settle", lines: card.helpsMeSettle)
        Lines(title: "Kind things to tell myself", lines: card.kindWords)
        Lines(title: "What to avoid", lines: card.avoid)
        Lines(title: "People I can reach", lines: card.contacts.map { "\($0.name): \($0.how)" })
        Lines(title: "Professional help", lines: card.professionalHelp)
        Lines(title: "Support at work", lines: card.workplaceSupports)
        Lines(title: "Signs I am running down", lines: card.warningSigns.map(\.text))
    }
}

/// The core's gentle answer to a very bad moment: its opening, the person's own card,
/// their people, a crisis line when the plan names no professional help, and what to
/// do if safety is at stake.
struct SupportSections: View {
    let response: SafetyResponse
    let done: () -> Void

    var body: some View {
        Section { Text(response.opening.text) }
        CardSections(card: response.card)
        Lines(title: "My people", lines: response.people)
        if let line = response.crisisLine {
            Lines(title: "A crisis line", lines: ["\(line.name): \(line.how)"])
        }
        Section {
            Text(response.urgent.text)
            Button("Done", action: done)
        }
    }
}

/// A titled section of lines, left out when there are none.
struct Lines: View {
    let title: String
    let lines: [String]

    var body: some View {
        if !lines.isEmpty {
            Section(title) { ForEach(lines, id: \.self) { Text($0) } }
        }
    }
}
