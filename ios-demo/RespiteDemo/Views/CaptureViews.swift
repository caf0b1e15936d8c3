import RespiteCore
import SwiftUI

/// After a session: one value and a tap is enough; the privacy check may ask about the note first.
struct AfterSessionView: View {
    let vault: Vault
    @Environment(\.dismiss) private var dismiss
    @State private var intensity: Int?
    @State private var feelings: Set<String> = []
    @State private var body_: Set<String> = []
    @State private var needs: Set<String> = []
    @State private var practice: String?
    @State private var activationBefore: Int?
    @State private var activationAfter: Int?
    @State private var breathing = false
    @State private var note = ""
    @StateObject private var privacy = PrivacyReview()
    @State private var error: String?
    private let words = catalogue()
    private let paced = try? pacedBreathing(seconds: nil)

    var body: some View {
        CheckedForm(review: privacy, draft: checked, write: write, done: { dismiss() }) {
            Section {
                MessageText(text: error)
                ScaleChips(label: "How intense was it?", range: 0...10, selected: $intensity, anchors: words.intensityAnchors)
                ScaleChips(label: "How activated are you now?", range: 0...10, selected: $activationBefore, anchors: words.intensityAnchors)
            }
            if let paced {
                Section("A minute of slower breathing") {
                    if breathing {
                        BreathingPane(practice: paced) {
                            breathing = false
                            practice = paced.practiceId
                        }
                    } else {
                        Button("Begin") { breathing = true }
                    }
                    if practice != nil {
                        ScaleChips(label: paced.after.text, range: 0...10, selected: $activationAfter, anchors: words.intensityAnchors)
                    }
                }
            }
            Section("Feelings") {
                MultiChips(options: words.emotions.map { ($0.id, $0.text) }, selected: feelings) { feelings.toggle($0) }
            }
            Section("In my body") {
                MultiChips(options: words.bodySensations.map { ($0.id, $0.text) }, selected: body_) { body_.toggle($0) }
            }
            Section("What I need now") {
                MultiChips(options: words.needs.map { ($0.id, $0.text) }, selected: needs) { needs.toggle($0) }
            }
            Section("A practice for right now") {
                let offered = (try? vault.plan().practicesFor(moment: .afterSession)) ?? []
                MultiChips(options: offered.map { ($0.practice.id, $0.practice.name) }, selected: Set([practice].compactMap { $0 })) {
                    practice = practice == $0 ? nil : $0
                }
            }
            Section("A few words, if you like (no names needed)") {
                TextEditor(text: $note).frame(minHeight: 80)
            }
            Button("Save") { privacy.save(checked, write: write) }
        }
        .navigationTitle("After a session")
    }

    private func draft() -> JournalDraft {
        JournalDraft(
            kind: .afterSession, moment: Now.moment(), title: nil, body: note, tags: [], practiceIds: [],
            reflection: SessionReflection(
                intensity: intensity.map(UInt8.init), activationBefore: activationBefore.map(UInt8.init),
                activationAfter: activationAfter.map(UInt8.init),
                feelings: Array(feelings), bodySensations: Array(body_), needs: Array(needs), practice: practice))
    }

    /// The draft for the vault's privacy check; a redacted note comes back as the entry's text.
    private var checked: PrivacyDraft<JournalDraft> {
        PrivacyDraft(vault: vault, kind: .journal, read: draft, take: { note = $0.body })
    }

    private func write() {
        privacy.write({
            let entry = try vault.journal().add(draft: draft())
            privacy.support = try? vault.support().afterEntry(entry: entry)
        }, done: { dismiss() }) { error = Messages.forError($0) }
    }
}

/// The paced-breathing practice, animated from the core's timed steps: a circle that
/// grows on the in-breath and shrinks on the out-breath, with the cue of each step.
struct BreathingPane: View {
    let practice: BreathingPractice
    let finished: () -> Void
    @State private var start = Date()

    var body: some View {
        TimelineView(.animation) { context in
            // The core says where the practice is: the cue, and how full the circle is.
            let moment = breathingMoment(practice: practice, elapsedMs: UInt64(max(0, context.date.timeIntervalSince(start) * 1000)))
            VStack {
                Text(practice.intro.text).font(.caption)
                Text(moment?.step.cue.text ?? "").font(.headline)
                Circle().fill(.tint.opacity(0.35))
                    .frame(width: 40 + 120 * (moment?.size ?? 0), height: 40 + 120 * (moment?.size ?? 0))
                    .frame(height: 170)
            }
            .onChange(of: moment == nil) { over in if over { finished() } }
        }
        Button("Stop here", action: finished)
    }
}

/// A check-in: one tap on the pad is enough; the rest is optional.
struct CheckInView: View {
    let vault: Vault
    @Environment(\.dismiss) private var dismiss
    @State private var pad: PadReading?
    @State private var emotions: [String] = []
    @State private var zone: StressZone?
    @State private var burnout: Int?
    @State private var sleepHours: Double?
    @State private var recovery: [RecoveryExperience: Int] = [:]
    @State private var worthwhile: Int?
    @State private var ownWord = ""
    @State private var typedHint: String?
    @State private var note = ""
    @State private var error: String?
    @StateObject private var privacy = PrivacyReview()
    private let words = catalogue()

    var body: some View {
        CheckedForm(review: privacy, draft: checked, write: write, done: { dismiss() }) { form }
            .navigationTitle("Check in")
    }

    @ViewBuilder
    private var form: some View {
        Section("Tap where you are: pleasant to the right, energised to the top") {
            MessageText(text: error)
            MoodPad(pleasantness: pad?.pleasantness, energy: pad?.energy) { x, y in pad = (try? padReading(x: x, y: y)) ?? pad }
            // The core orders the words: those of the tapped corner first.
            MultiChips(options: emotionChoices(quadrant: pad?.quadrant).prefix(12).map { ($0.id, $0.text) }, selected: Set(emotions)) { id in
                if let i = emotions.firstIndex(of: id) { emotions.remove(at: i) } else { emotions.append(id) }
            }
            TextField("Or in your own word", text: $ownWord)
                .onSubmit(addOwnWord)
            if let typedHint { Text(typedHint).font(.caption) }
        }
        Section("Stress zone") {
            MultiChips(options: words.stressZones.map { ("\($0.zone)", $0.name) }, selected: Set([zone].compactMap { $0 }.map { "\($0)" })) { id in
                let picked = words.stressZones.first { "\($0.zone)" == id }?.zone
                zone = picked == zone ? nil : picked
            }
        }
        Section("More, if you like") {
            ScaleChips(label: "Burnout", range: 1...5, selected: $burnout, anchors: words.burnoutLevels)
            Stepper(sleepHours.map { String(format: "Slept %.1f h", $0) } ?? "Sleep not noted",
                    onIncrement: { sleepHours = min((sleepHours ?? 7) + 0.5, 24) },
                    onDecrement: { sleepHours = max((sleepHours ?? 7) - 0.5, 0) })
            ForEach(words.recoveryItems, id: \.experience) { item in
                ScaleChips(label: item.text, range: 1...5, selected: Binding(
                    get: { recovery[item.experience] },
                    set: { recovery[item.experience] = $0 }), anchors: words.recoveryScale)
            }
            ScaleChips(label: words.worthwhileItem, range: 1...5, selected: $worthwhile, anchors: words.recoveryScale)
            TextField("A note, if you like", text: $note, axis: .vertical)
        }
        // The core's hints, and a save it would take.
        let check = checkinCheck(data: data())
        CaptureHints(check: check)
        Button("Save") { privacy.save(checked, write: write) }.disabled(!check.canSave)
    }

    private func data() -> CheckInData {
        CheckInData(
            moment: Now.moment(),
            pleasantness: pad?.pleasantness,
            energy: pad?.energy,
            emotions: emotions,
            stressZone: zone,
            burnout: burnout.map(UInt8.init),
            sleepHours: sleepHours,
            detachment: recovery[.detachment].map(UInt8.init),
            relaxation: recovery[.relaxation].map(UInt8.init),
            mastery: recovery[.mastery].map(UInt8.init),
            control: recovery[.control].map(UInt8.init),
            worthwhile: worthwhile.map(UInt8.init),
            note: note.isEmpty ? nil : note)
    }

    /// A feeling typed in the person's own words: the core takes it (the catalogue's
    /// word, or kept as theirs) and says what to show under the field.
    private func addOwnWord() {
        let typed = withTypedLabel(kind: .emotion, word: ownWord, chosen: emotions)
        emotions = typed.chosen
        typedHint = typed.hint
        if typed.taken { ownWord = "" }
    }

    /// The check-in for the vault's privacy check; a redacted note comes back in it.
    private var checked: PrivacyDraft<CheckInData> {
        PrivacyDraft(vault: vault, kind: .checkin, read: data, take: { note = $0.note ?? note })
    }

    private func write() {
        privacy.write({
            let checkin = try vault.checkins().add(data: data())
            privacy.support = try? vault.support().afterCheckin(checkin: checkin)
        }, done: { dismiss() }) { error = Messages.forError($0, form: .checkIn) }
    }
}

/// The evening check: how much did work follow me home? Two taps.
struct EveningView: View {
    let vault: Vault
    @Environment(\.dismiss) private var dismiss
    @State private var detachment: Int?
    @State private var intrusion: Int?
    @State private var others: [RecoveryExperience: Int] = [:]
    @State private var more = false
    @State private var note = ""
    @State private var message: String?
    @StateObject private var privacy = PrivacyReview()
    private let words = catalogue()

    var body: some View {
        CheckedForm(review: privacy, draft: checked, write: write, done: { dismiss() }) {
            MessageText(text: message)
            if let detach = words.recoveryItems.first(where: { $0.experience == .detachment }) {
                ScaleChips(label: detach.text, range: 1...5, selected: $detachment, anchors: words.recoveryScale)
            }
            ScaleChips(label: "Work thoughts at home", range: 0...4, selected: $intrusion, anchors: words.workIntrusionLevels)
            // The quick path is the two answers above; the other recovery experiences are one tap away.
            if more {
                ForEach(words.recoveryItems.filter { $0.experience != .detachment }, id: \.experience) { item in
                    ScaleChips(label: item.text, range: 1...5, selected: Binding(
                        get: { others[item.experience] },
                        set: { others[item.experience] = $0 }), anchors: words.recoveryScale)
                }
            } else {
                Button("The other recovery questions") { more = true }
            }
            TextField("Anything to set down before sleep?", text: $note, axis: .vertical)
            let check = eveningCheck(answers: answers())
            CaptureHints(check: check)
            Button("Save") { privacy.save(checked, write: write) }.disabled(!check.canSave)
            Button("Not tonight") { dismiss() }
        }
        .navigationTitle("This evening")
    }

    private func answers() -> EveningAnswers {
        EveningAnswers(
            detachment: detachment.map(UInt8.init), workIntrusion: intrusion.map(UInt8.init),
            pleasantness: nil, note: note.isEmpty ? nil : note,
            relaxation: others[.relaxation].map(UInt8.init), mastery: others[.mastery].map(UInt8.init),
            control: others[.control].map(UInt8.init))
    }

    /// The answers for the vault's privacy check; a redacted note comes back in them.
    private var checked: PrivacyDraft<EveningAnswers> {
        PrivacyDraft(vault: vault, kind: .evening, read: answers, take: { note = $0.note ?? note })
    }

    /// Saves; linked by the core to today's transition, if there was one.
    private func write() {
        privacy.write({
            let checkin = try vault.prompts().saveEveningCheck(moment: Now.moment(), answers: answers())
            privacy.support = try? vault.support().afterCheckin(checkin: checkin)
        }, done: { dismiss() }) {
            message = Messages.forError($0, form: .evening)
        }
    }
}
