import RespiteCore
import SwiftUI

/// Leaving work at work: park it → name it → set it down → what went well → switch roles
/// → end-of-day signal. One step at a time, each skippable; the words come from the core.
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
            case .wentWell:
                ForEach(0..<3, id: \.self) { i in
                    TextField("Went well \(i + 1)", text: $wentWell[i])
                }
                .onChange(of: wentWell) { list in answers.wentWell = list.filter { !$0.isEmpty } }
            case .switchRoles:
                TextField("Who I want to be at home", text: optional(\.whoAtHome))
                TextField("What I'll do first", text: optional(\.firstThing))
            case .endOfDay:
                TextField("My end-of-day signal", text: optional(\.endOfDaySignal))
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
                if index > 0 { Button("Back") { index -= 1 }.buttonStyle(.borderless) }
                Spacer()
                Button("Skip") { index += 1 }.buttonStyle(.borderless)
                Button("Next") { index += 1 }.buttonStyle(.borderless)
            }
        }
    }

    @ViewBuilder
    private var finish: some View {
        Section {
            MessageText(text: message)
            if saved {
                Button("Done") { dismiss() }
            } else {
                Button("Save and go home") { save() }
                Button("Back") { index -= 1 }
            }
        }
    }

    /// A text binding to an optional answer: empty text is no answer.
    private func optional(_ path: WritableKeyPath<TransitionAnswers, String?>) -> Binding<String> {
        Binding(get: { answers[keyPath: path] ?? "" }, set: { answers[keyPath: path] = $0.isEmpty ? nil : $0 })
    }

    private func save() {
        do {
            _ = try vault.prompts().saveTransition(moment: moment, answers: answers)
            saved = true
            message = "Saved. The rest can wait until tomorrow."
        } catch RespiteError.InvalidInput(field: "answers", reason: _) {
            message = "Nothing to save, and that's fine. Go gently."
        } catch {
            message = Messages.forError(error)
        }
    }
}
