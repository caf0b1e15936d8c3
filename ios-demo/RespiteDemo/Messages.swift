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

    /// The privacy check's and the allow-list's fixed texts, from the core (a question's
    /// own words come from `privacyQuestion(field:findings:redacted:)`). It is a
    /// question, never a verdict, and it can miss things.
    static let privacy = privacyWording()
}
