import RespiteCore
import SwiftUI

/// Leaving work at work: park it → name it → set it down → what went well → switch roles
/// → end-of-day signal. One step at a time, each skippable; the words come from the core.
/// Each answer goes through the vault's privacy check once entered (parked, submitted,
/// or the step left); open questions show on every step and never hold it up.
struct TransitionView: View {
    let vault: Vault
    @Environment(\.dismiss) private var dismiss
    private let moment = Now.moment()
    @State private var script: TransitionScript?
    @State private var index = 0
    @State private var answers = TransitionAnswers()
    @State private var parkWhat = ""
    @State private var parkWhen = ""
    @State private var mood: CGPoint?
    @State private var wentWell = ["", "", ""]
    @State private var message: String?
    @State private var saved = false
    @StateObject private var privacy = PrivacyReview()
    private let words = catalogue()

    var body: some View {
        Form {
            if let script {
                ProgressView(value: Double(index), total: Double(script.steps.count))
                if index < script.steps.count {
                    step(script.steps[index], script: script)
                } else {
                    finish
                }
                if !saved && (!privacy.questions.isEmpty || privacy.error != nil) {
                    Section(Messages.privacyHeading) {
                        PrivacyQuestionsView(review: privacy, draft: checked)
                    }
                }
            } else {
                MessageText(text: message)
            }
        }
        .navigationTitle("Leave work at work")
        .onAppear {
            do { script = try vault.prompts().transitionScript(moment: moment) } catch { message = Messages.forError(error) }
        }
    }

    @ViewBuilder
    private func step(_ step: FlowStep, script: TransitionScript) -> some View {
        Section {
            Text(step.prompt).font(.headline)
            Text(step.hint).foregroundStyle(.secondary)
            switch step.step {
            case .parkIt:
                TextField("What is unfinished", text: $parkWhat)
                TextField("When I'll pick it up (optional)", text: $parkWhen)
                Button("Park it") {
                    if !parkWhat.trimmingCharacters(in: .whitespaces).isEmpty {
                        answers.parked.append(ParkedItemDraft(what: parkWhat, when: parkWhen.isEmpty ? nil : parkWhen))
                        entered()
                    }
                    parkWhat = ""
                    parkWhen = ""
                }
                ForEach(answers.parked, id: \.what) { Text("• \($0.what)") }
            case .nameIt:
                MoodPad(point: $mood)
                    .onChange(of: mood) { p in
                        answers.pleasantness = p.map { Double($0.x) * 2 - 1 }
                        answers.energy = p.map { Double($0.y) }
                    }
                MultiChips(options: words.emotions.map { ($0.id, $0.text) }, selected: Set(answers.feelings)) { id in
                    if let i = answers.feelings.firstIndex(of: id) { answers.feelings.remove(at: i) } else { answers.feelings.append(id) }
                }
            case .setDown:
                TextField("One hard thing I set down", text: optional(\.setDown), axis: .vertical)
                    .onSubmit(entered)
            case .wentWell:
                ForEach(0..<3, id: \.self) { i in
                    TextField("Went well \(i + 1)", text: $wentWell[i])
                        .onSubmit(entered)
                }
                .onChange(of: wentWell) { list in answers.wentWell = list.filter { !$0.isEmpty } }
            case .switchRoles:
                TextField("Who I want to be at home", text: optional(\.whoAtHome))
                    .onSubmit(entered)
                TextField("What I'll do first", text: optional(\.firstThing))
                    .onSubmit(entered)
            case .endOfDay:
                TextField("My end-of-day signal", text: optional(\.endOfDaySignal))
                    .onSubmit(entered)
                if !script.practices.isEmpty {
                    Text(script.practicePrompt)
                    MultiChips(options: script.practices.map { ($0.practice.id, $0.practice.name) },
                               selected: Set([answers.practice].compactMap { $0 })) { id in
                        answers.practice = answers.practice == id ? nil : id
                    }
                }
            }
        }
        Section {
            HStack {
                if index > 0 { Button("Back") { move(-1) }.buttonStyle(.borderless) }
                Spacer()
                Button("Skip") { move(1) }.buttonStyle(.borderless)
                Button("Next") { move(1) }.buttonStyle(.borderless)
            }
        }
    }

    @ViewBuilder
    private var finish: some View {
        Section {
            MessageText(text: message)
            if saved {
                if let note = privacy.savedNote { Text(note) }
                if let response = privacy.support { SupportSections(response: response, done: { privacy.support = nil }) }
                Button("Done") { dismiss() }
            } else {
                MessageText(text: privacy.allClear)
                Button("Save and go home") { save() }
                Button("Back") { move(-1) }
            }
        }
    }

    /// A text binding to an optional answer: empty text is no answer.
    private func optional(_ path: WritableKeyPath<TransitionAnswers, String?>) -> Binding<String> {
        Binding(get: { answers[keyPath: path] ?? "" }, set: { answers[keyPath: path] = $0.isEmpty ? nil : $0 })
    }

    /// The answers for the vault's privacy check, as they are now.
    private var checked: PrivacyDraft<TransitionAnswers> {
        PrivacyDraft(vault: vault, kind: .transition, read: { answers }, take: take)
    }

    /// An answer was entered: checks the answers.
    private func entered() { privacy.run(checked) }

    /// Leaves the step (checking what was entered there) for the next or the previous one.
    private func move(_ by: Int) {
        entered()
        index += by
    }

    /// Takes back the answers with a field the core redacted.
    private func take(_ redacted: TransitionAnswers) {
        // The answers hold the filled went-well slots in order: each text goes back into its own slot.
        for (n, slot) in wentWell.indices.filter({ !wentWell[$0].isEmpty }).enumerated() where redacted.wentWell.indices.contains(n) {
            wentWell[slot] = redacted.wentWell[n]
        }
        answers = redacted
    }

    /// Saves; questions still open are kept as written.
    private func save() {
        entered()
        privacy.write({
            let entry = try vault.prompts().saveTransition(moment: moment, answers: answers)
            privacy.support = try? vault.support().afterEntry(entry: entry)
            saved = true
            message = "Saved. The rest can wait until tomorrow."
        }, done: {}) {
            message = Messages.forError($0, nothingToSave: "Nothing to save, and that's fine. Go gently.")
        }
    }
}
