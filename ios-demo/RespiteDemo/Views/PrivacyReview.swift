import RespiteCore
import SwiftUI

/// A kind of record the vault's privacy check reads: its typed check of the whole record
/// and its typed redaction, both the core's. Only the core knows which field a name such
/// as "parked 1 when" or "practice 2 barrier" is: the views never map names to fields.
/// (The same as the Android demo's `CheckedRecord` in PrivacyReview.kt.)
struct CheckedRecord<R> {
    let check: (Privacy, R) throws -> [FieldReport]
    /// The record with the redacted text in each named field (every field with a finding when empty).
    let redact: (Privacy, R, [String]) throws -> R
}

extension CheckedRecord where R == JournalDraft {
    static var journal: Self { Self(check: { try $0.checkJournal(draft: $1) }, redact: { try $0.redactJournal(draft: $1, fields: $2) }) }
}

extension CheckedRecord where R == CheckInData {
    static var checkin: Self { Self(check: { try $0.checkCheckin(data: $1) }, redact: { try $0.redactCheckin(data: $1, fields: $2) }) }
}

extension CheckedRecord where R == TransitionAnswers {
    static var transition: Self {
        Self(check: { try $0.checkTransition(answers: $1) }, redact: { try $0.redactTransition(answers: $1, fields: $2) })
    }
}

extension CheckedRecord where R == EveningAnswers {
    static var evening: Self { Self(check: { try $0.checkEvening(answers: $1) }, redact: { try $0.redactEvening(answers: $1, fields: $2) }) }
}

extension CheckedRecord where R == Plan {
    static var plan: Self { Self(check: { try $0.checkPlan(plan: $1) }, redact: { try $0.redactPlan(plan: $1, fields: $2) }) }
}

/// One view's draft as the check sees it: the kind of record, how to build it from what
/// the view holds, and how to take back a record in which the core redacted a field.
struct PrivacyDraft<R> {
    let vault: Vault
    let kind: CheckedRecord<R>
    let read: () -> R
    let take: (R) -> Void
}

/// The privacy check of one draft as questions, shared by every capture view (the same
/// steps as the Android demo's PrivacyReview.kt): always through `vault.privacy()`, so
/// the allow-list applies. It never blocks saving: an open question is simply kept as
/// written.
final class PrivacyReview: ObservableObject {
    /// Open questions: one report per field with findings, in the core's field order.
    @Published private(set) var questions: [FieldReport] = []
    /// Why the check could not run the last time, if it could not.
    @Published private(set) var error: String?
    /// Whether the last check read some text and spotted nothing in it.
    @Published private(set) var spottedNothing = false
    /// Whether a capture view shows the questions instead of its form (nothing saved yet).
    @Published var reviewing = false
    /// After saving: the all-clear, or why the check could not run; nil when there is nothing to say.
    @Published private(set) var savedNote: String?
    /// After saving: the core's gentle answer when what was saved suggests a very bad
    /// place (set by the save, at most once a day); shown in the app, never in a notification.
    @Published var support: SafetyResponse?
    /// Fields kept as written. A report's findings and redacted text pin its text down
    /// exactly, so a field is asked about again once it changes.
    private var kept: Set<FieldReport> = []

    /// The honest all-clear, when the last check read some text and spotted nothing.
    var allClear: String? { spottedNothing ? Messages.privacy.allClear : nil }

    /// Runs the check of the draft as it is now; returns whether a question is open.
    @discardableResult
    func run<R>(_ draft: PrivacyDraft<R>) -> Bool {
        attempt {
            let reports = try draft.kind.check(draft.vault.privacy(), draft.read())
            let flagged = reports.filter { !$0.findings.isEmpty }
            questions = flagged.filter { !kept.contains($0) }
            spottedNothing = !reports.isEmpty && flagged.isEmpty
            error = nil
        }
        return !questions.isEmpty
    }

    /// Keep as written: this text of this field is not asked about again.
    func keep<R>(_ question: FieldReport, _ draft: PrivacyDraft<R>) {
        kept.insert(question)
        run(draft)
    }

    /// Keep everything as written.
    func keepAll<R>(_ draft: PrivacyDraft<R>) {
        kept.formUnion(questions)
        run(draft)
    }

    /// Use the redacted version: the core writes it into that one field of the draft and
    /// leaves every other field alone. Not if the field changed since the question was
    /// asked (then it is asked afresh, so newer writing is never overwritten). If the
    /// core cannot redact just now, the question stays open with the error (nothing is
    /// saved as written in place of the redaction the person chose).
    func redact<R>(_ question: FieldReport, _ draft: PrivacyDraft<R>) {
        run(draft)
        guard questions.contains(question) else { return }
        do {
            try draft.take(draft.kind.redact(draft.vault.privacy(), draft.read(), [question.field]))
        } catch {
            self.error = Self.message(for: error)
            return
        }
        run(draft)
    }

    /// "This is mine": the finding's text joins the vault's allow-list; checks again.
    func mine<R>(_ finding: PrivacyFinding, _ draft: PrivacyDraft<R>) {
        do {
            _ = try draft.vault.privacy().allow(word: finding.text)
            run(draft)
        } catch {
            self.error = Messages.forError(error)
        }
    }

    /// *Save* in a capture view: the questions first when there are any ([reviewing];
    /// answering the last one calls `write`), otherwise `write` at once.
    func save<R>(_ draft: PrivacyDraft<R>, write: () -> Void) {
        if run(draft) { reviewing = true } else { write() }
    }

    /// Saves with `persist` (questions still open are kept as written). Afterwards
    /// [savedNote] holds the all-clear or why the check could not run; with nothing to
    /// say, `done` runs. A failure goes to `failed`, back on the form.
    func write(_ persist: () throws -> Void, done: () -> Void, failed: (Error) -> Void) {
        reviewing = false
        do {
            try persist()
            let line = allClear ?? error
            clear()
            savedNote = line
            if line == nil && support == nil { done() }
        } catch {
            failed(error)
        }
    }

    /// Forgets the last check (the draft was saved).
    func clear() {
        questions = []
        spottedNothing = false
        error = nil
    }

    /// Runs a call to the check; whatever goes wrong, it must not stand between the
    /// person and saving.
    private func attempt(_ call: () throws -> Void) {
        do {
            try call()
        } catch {
            questions = []
            spottedNothing = false
            self.error = Self.message(for: error)
        }
    }

    private static func message(for error: Error) -> String {
        if case .Locked? = error as? RespiteError { return Messages.forError(error) }
        return Messages.privacy.checkFailed
    }
}

/// The open questions, each with its three answers: keep as written, use the redacted
/// version, or "this is mine" for one finding.
struct PrivacyQuestionsView<R>: View {
    @ObservedObject var review: PrivacyReview
    let draft: PrivacyDraft<R>
    /// Runs once no question is left open (for example: save).
    var resolved: () -> Void = {}

    var body: some View {
        MessageText(text: review.error)
        ForEach(review.questions, id: \.field) { q in
            let words = privacyQuestion(field: q.field, findings: q.findings, redacted: q.redacted)
            VStack(alignment: .leading, spacing: 6) {
                Text(words.question)
                Text(words.redacted).font(.caption).foregroundStyle(.secondary)
                HStack {
                    Button(Messages.privacy.keep) { answered { review.keep(q, draft) } }
                    Button(Messages.privacy.redact) { answered { review.redact(q, draft) } }
                }
                .buttonStyle(.bordered)
                ForEach(Array(q.findings.enumerated()), id: \.offset) { pair in
                    Button(words.mine[pair.offset]) { answered { review.mine(pair.element, draft) } }
                        .buttonStyle(.borderless)
                }
            }
        }
    }

    private func answered(_ action: () -> Void) {
        action()
        if review.questions.isEmpty { resolved() }
    }
}

/// The step before saving in a capture view: the questions, keep everything as written
/// (and save), or back to the form. Answering the last question saves.
struct PrivacyReviewSection<R>: View {
    @ObservedObject var review: PrivacyReview
    let draft: PrivacyDraft<R>
    let resolved: () -> Void

    var body: some View {
        Section {
            Text(Messages.privacy.intro)
            PrivacyQuestionsView(review: review, draft: draft, resolved: resolved)
            Button(Messages.privacy.keepAll) {
                review.keepAll(draft)
                resolved()
            }
            Button(Messages.privacy.back) { review.reviewing = false }
        } header: {
            Text(Messages.privacy.heading)
        }
    }
}

/// A capture view's form, or instead of it the privacy questions before saving and the
/// all-clear after: the states every capture view has, in one place. The form's *Save*
/// calls `review.save(draft, write:)`; `write` saves through `review.write`.
struct CheckedForm<R, Content: View>: View {
    @ObservedObject var review: PrivacyReview
    let draft: PrivacyDraft<R>
    let write: () -> Void
    let done: () -> Void
    @ViewBuilder let content: () -> Content

    var body: some View {
        Form {
            if let response = review.support {
                SupportSections(response: response, done: done)
            } else if let note = review.savedNote {
                Section("Saved") {
                    Text(note)
                    Button("Done", action: done)
                }
            } else if review.reviewing {
                PrivacyReviewSection(review: review, draft: draft, resolved: write)
            } else {
                content()
            }
        }
    }
}
