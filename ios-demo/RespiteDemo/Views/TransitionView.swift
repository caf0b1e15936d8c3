import RespiteCore
import SwiftUI

/// Leaving work at work: park it → name it → set it down → what went well → switch roles
/// → end-of-day signal, over the core's step machine (`TransitionFlow`), which holds
/// the step, the progress, the buttons' words and the answers; every step can be
/// skipped. Each answer goes through the vault's privacy check once entered (parked,
/// submitted, or the step left); open questions show on every step and never hold it up.
struct TransitionView: View {
    let vault: Vault
    @Environment(\.dismiss) private var dismiss
    @State private var flow: TransitionFlow?
    @State private var position: FlowPosition?
    @State private var answers = TransitionAnswers()
    @State private var wentWell: [String] = []
    @State private var parkWhat = ""
    @State private var parkWhen = ""
    @State private var message: String?
    @State private var saved = false
    @StateObject private var privacy = PrivacyReview()
    private let words = catalogue()

    var body: some View {
        Form {
            if let flow, let position {
                Section {
                    ProgressView(value: position.progress) { Text(position.label).font(.caption) }
                }
                if let step = position.step {
                    self.step(step, script: flow.script(), position: position)
                } else {
                    finish(position)
                }
                if !saved && (!privacy.questions.isEmpty || privacy.error != nil) {
                    Section(Messages.privacy.heading) {
                        PrivacyQuestionsView(review: privacy, draft: checked)
                    }
                }
            } else {
                MessageText(text: message)
            }
        }
        .navigationTitle("Leave work at work")
        .onAppear {
            guard flow == nil else { return }
            do {
                flow = try vault.screens().transitionFlow(moment: Now.moment())
                sync()
            } catch { message = Messages.forError(error) }
        }
    }

    @ViewBuilder
    private func step(_ step: FlowStep, script: TransitionScript, position: FlowPosition) -> some View {
        Section {
            Text(step.prompt).font(.headline)
            Text(step.hint).foregroundStyle(.secondary)
            switch step.step {
            case .parkIt:
                TextField("What is unfinished", text: $parkWhat)
                TextField("When I'll pick it up (optional)", text: $parkWhen)
                Button("Park it") {
                    if flow?.park(what: parkWhat, when: parkWhen, place: nil) == true {
                        sync()
                        entered()
                    }
                    parkWhat = ""
                    parkWhen = ""
                }
                ForEach(Array(answers.parked.enumerated()), id: \.offset) { i, p in
                    HStack {
                        Text("• \(p.what)")
                        Spacer()
                        Button("Take back") { flow?.unpark(index: UInt32(i)); sync() }.buttonStyle(.borderless)
                    }
                }
            case .nameIt:
                MoodPad(pleasantness: answers.pleasantness, energy: answers.energy) { x, y in
                    try? flow?.setMood(x: x, y: y)
                    sync()
                }
                MultiChips(options: words.emotions.map { ($0.id, $0.text) }, selected: Set(answers.feelings)) { id in
                    flow?.toggleFeeling(id: id)
                    sync()
                }
            case .setDown:
                TextField("One hard thing I set down", text: optional(\.setDown), axis: .vertical)
                    .onSubmit(entered)
            case .wentWell:
                // Three fields of their own: the core keeps each text in its slot, redacted or not.
                ForEach(Array(wentWell.indices), id: \.self) { i in
                    TextField("Went well \(i + 1)", text: Binding(
                        get: { wentWell.indices.contains(i) ? wentWell[i] : "" },
                        set: { flow?.setWentWell(slot: UInt32(i), text: $0); sync() }))
                        .onSubmit(entered)
                }
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
                        var a = answers
                        a.practice = a.practice == id ? nil : id
                        update(a)
                    }
                }
            }
        }
        Section {
            HStack {
                if position.canGoBack { Button(position.backLabel) { move(forward: false) }.buttonStyle(.borderless) }
                Spacer()
                // "Skip" while the step is unanswered, "Next" once it is: the core's words.
                Button(position.forwardLabel) { move(forward: true) }.buttonStyle(.borderless)
            }
        }
    }

    @ViewBuilder
    private func finish(_ position: FlowPosition) -> some View {
        Section {
            MessageText(text: message)
            if saved {
                if let note = privacy.savedNote { Text(note) }
                if let response = privacy.support { SupportSections(response: response, done: { privacy.support = nil }) }
                Button("Done") { dismiss() }
            } else {
                MessageText(text: privacy.allClear)
                Button(position.forwardLabel) { save() }
                Button(position.backLabel) { move(forward: false) }
            }
        }
    }

    /// Reads the flow's position and answers after a change.
    private func sync() {
        guard let flow else { return }
        position = flow.position()
        answers = flow.answers()
        wentWell = flow.wentWellSlots()
    }

    /// Replaces the answers in the flow (a typed field, or a redaction).
    private func update(_ new: TransitionAnswers) {
        flow?.setAnswers(answers: new)
        sync()
    }

    /// A text binding to an optional answer: empty text is no answer.
    private func optional(_ path: WritableKeyPath<TransitionAnswers, String?>) -> Binding<String> {
        Binding(get: { answers[keyPath: path] ?? "" }, set: {
            var a = answers
            a[keyPath: path] = $0.isEmpty ? nil : $0
            update(a)
        })
    }

    /// The answers for the vault's privacy check, as they are now.
    private var checked: PrivacyDraft<TransitionAnswers> {
        PrivacyDraft(vault: vault, kind: .transition, read: { flow?.answers() ?? answers }, take: update)
    }

    /// An answer was entered: checks the answers.
    private func entered() { privacy.run(checked) }

    /// Leaves the step (checking what was entered there) for the next or the previous one.
    private func move(forward: Bool) {
        entered()
        if forward { _ = flow?.next() } else { _ = flow?.back() }
        sync()
    }

    /// Saves at the moment the flow began; questions still open are kept as written.
    private func save() {
        entered()
        privacy.write({
            guard let flow else { return }
            let entry = try flow.save()
            privacy.support = try? vault.support().afterEntry(entry: entry)
            saved = true
            message = "Saved. The rest can wait until tomorrow."
        }, done: {}) {
            message = Messages.forError($0, form: .transition)
        }
    }
}
