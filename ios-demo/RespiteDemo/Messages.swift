import Foundation
import RespiteCore

/// Words for errors from the core. The core's errors carry a kind and fields, never
/// user content; this is the one place that turns them into kind, plain sentences.
enum Messages {
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
            case "passphrase": return "Please choose a passphrase of at least 8 characters."
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
        case .AlreadyExists:
            return "There is already a vault here."
        }
    }
}
