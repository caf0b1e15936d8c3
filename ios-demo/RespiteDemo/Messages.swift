import Foundation
import RespiteCore

/// The words the views show that are not a view's own: for errors from the core, and
/// the privacy check's. All of them are the core's (shared with the Android demo); the
/// core's errors carry a kind and fields, never user content.
enum Messages {
    /// Why the vault opened read-only, after its integrity check found `problems`.
    static func readOnly(_ problems: Int) -> String {
        readOnlyMessage(problems: UInt32(clamping: problems))
    }

    /// A sentence for an error; from a save of `form`, the core's "nothing to save" (no
    /// answers at all, or a plan that did not change) is said in that form's words.
    static func forError(_ error: Error, form: SaveForm? = nil) -> String {
        errorMessage(error: error as? RespiteError, form: form)
    }

    /// The privacy check's and the allow-list's fixed texts, from the core (a question's
    /// own words come from `privacyQuestion(field:findings:redacted:)`). It is a
    /// question, never a verdict, and it can miss things.
    static let privacy = privacyWording()
}
