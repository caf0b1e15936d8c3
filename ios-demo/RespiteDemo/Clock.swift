import Foundation
import RespiteCore

/// Now, as the core wants it: an instant with the UTC offset in force, or a local day.
enum Now {
    /// The current moment with the device's UTC offset.
    static func moment() -> LocalMoment {
        let now = Date()
        return LocalMoment(at: now, utcOffsetMinutes: Int32(TimeZone.current.secondsFromGMT(for: now) / 60))
    }

    /// Today's local date, `YYYY-MM-DD`.
    static func today() -> String {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
