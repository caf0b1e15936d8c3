import Foundation
import RespiteCore

/// Words for errors from the core. The core's errors carry a kind and fields, never
/// user content; this is the one place that turns them into kind, plain sentences.
enum Messages {
    /// Why the vault opened read-only, after its integrity check found `problems`.
    static func readOnly(_ problems: Int) -> String {
        "Your vault opened read-only: \(problems) of its records are missing, older, or were changed outside Respite. "
            + "Everything else reads as usual. Make a backup and restore it to write again."
    }

    /// A sentence for an error.
    static func forError(_ error: Error) -> String {
        guard let error = error as? RespiteError else { return "Something went wrong. Nothing was lost." }
        switch error {
        case .WrongSecret:
            return "That doesn't open this vault. Take your time and try again."
        case .Locked:
            return "Respite locked itself to keep your entries private. Unlock to continue."
        case let .InvalidInput(field, reason):
            switch field {
            case "recovery_code": return "That recovery code has a typo somewhere. Check each group of four."
            case "passphrase", "new_passphrase":
                if reason.hasPrefix("must be at least") { return "Please choose a passphrase of at least 8 characters." }
                let advice = reason.components(separatedBy: ". ").dropFirst().joined(separator: ". ")
                return "That passphrase would be easy to guess. \(advice)"
            case "word": return reason == "is empty" ? "Type a word or name first." : "That word can't be added: \(reason)."
            default: return "Please check \(field.replacingOccurrences(of: "_", with: " ")): \(reason)."
            }
        case .DeviceKey:
            return "Unlocking with this device didn't work. Your passphrase still does."
        case .Integrity:
            return "Part of your vault could not be read. Nothing was changed."
        case .NotAVault:
            return "This file is not a Respite vault."
        case .UnsupportedFormat:
            return "This vault was made by a newer Respite. Please update the app."
        case .NotFound:
            return "That is no longer there."
        case .LastKeySlot:
            return "That is your last way in, so it stays."
        case let .Storage(detail):
            return "Your device couldn't save just now (\(detail)). Nothing was lost."
        case .Internal:
            return "Something went wrong inside Respite. Nothing was lost."
        case .AlreadyExists:
            return "There is already a vault here."
        }
    }

    /// A sentence for an error from a save, where the core's "nothing to save" (no
    /// answers at all, or a plan that did not change) gets the view's own gentle line.
    static func forError(_ error: Error, nothingToSave: String) -> String {
        switch error as? RespiteError {
        case .InvalidInput(field: "answers", reason: _)?, .InvalidInput(field: "plan", reason: "nothing changed")?:
            return nothingToSave
        default:
            return forError(error)
        }
    }

    // The privacy check: a question, never a verdict, and it can miss things. The same
    // words as the Android demo's Messages.kt.

    /// After a check that spotted nothing.
    static let privacyAllClear =
        "Respite did not spot anything that looks like a client detail. It can miss some, so it is worth reading it over."
    /// When the check could not run (saving is never held up by it).
    static let privacyCheckFailed = "The privacy check could not run just now. You can still save."
    /// Above the questions.
    static let privacyHeading = "Before saving"
    /// Under the heading.
    static let privacyIntro = "Some words might identify a client. It's your choice: nothing here stops you saving."
    /// Answer: keep the field as it is.
    static let privacyKeep = "Keep as written"
    /// Answer: use the text with placeholders.
    static let privacyRedact = "Use the redacted version"
    /// Answer to every open question at once.
    static let privacyKeepAll = "Keep everything as written"
    /// Back from the questions to the form.
    static let privacyBack = "Back to editing"

    /// The question for one field.
    static func privacyQuestion(field: String, findings: [PrivacyFinding]) -> String {
        let parts = findings.enumerated().map { pair in
            pair.offset == 0
                ? "“\(pair.element.text)” looks like \(kindName(pair.element.kind))"
                : "“\(pair.element.text)” like \(kindName(pair.element.kind))"
        }
        let list = parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
        return "In \(privacyFieldName(field)), \(list). Could \(findings.count == 1 ? "it" : "they") identify a client?"
    }

    /// The field with the redacted version, as shown under the question.
    static func privacyRedacted(_ redacted: String) -> String { "Redacted: \(redacted)" }

    /// Answer: the finding is the person's own (their supervisor, family, workplace).
    static func privacyMine(_ finding: PrivacyFinding) -> String { "“\(finding.text)” is mine, not a client's" }

    /// What a finding looks like, as a person would say it.
    static func kindName(_ kind: FindingKind) -> String {
        switch kind {
        case .personName: return "a name"
        case .initials: return "initials"
        case .age: return "an age"
        case .place: return "a place"
        case .streetAddress: return "an address"
        case .date: return "a date"
        case .phoneNumber: return "a phone number"
        case .email: return "an email address"
        case .idNumber: return "a record number"
        }
    }

    /// A field named by the core ("body", "parked 2 when", "went well 1"), as a person would say it.
    static func privacyFieldName(_ field: String) -> String {
        switch field {
        case "title": return "the title"
        case "body": return "the text"
        case "note": return "the note"
        default: break
        }
        let words = field.split(separator: " ").map(String.init)
        if words.count >= 2, words[0] == "parked", let n = Int(words[1]) {
            if words.count == 2 { return "parked item \(n)" }
            if words.count == 3, words[2] == "when" { return "when you'll pick up parked item \(n)" }
            if words.count == 3, words[2] == "where" { return "where you'll pick up parked item \(n)" }
        }
        return "“\(field)”"
    }

    // The allow-list in settings.

    /// Its heading.
    static let allowListHeading = "Words that are mine"
    /// What it is.
    static let allowListExplained =
        "Names and places from your own life (your supervisor, your family, your workplace). "
        + "The privacy check does not ask about these. The list stays encrypted in your vault."
    /// The field to add a word.
    static let allowListField = "A name or word of mine"
    /// Adds the word.
    static let allowListAdd = "Add"
    /// Takes a word off.
    static let allowListRemove = "Remove"
    /// When it is empty.
    static let allowListEmpty = "None yet. Answer “this is mine” to a question, or add a word here."
    /// After adding a word.
    static func allowAdded(_ word: String) -> String { "“\(word)” won't be asked about again." }
    /// When the word was already there.
    static func allowAlready(_ word: String) -> String { "“\(word)” is already on your list." }
    /// After removing a word.
    static func allowRemoved(_ word: String) -> String { "“\(word)” is off your list; the check will ask about it again." }
    /// When the word to remove was not there.
    static func allowMissing(_ word: String) -> String { "“\(word)” was not on your list." }
}
