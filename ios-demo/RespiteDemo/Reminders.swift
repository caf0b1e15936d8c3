import Foundation
import RespiteCore
import UserNotifications

/// Local reminders from the core's upcoming prompts. Each occurrence is one pending
/// request named by its stable id, so keeping them in line is a set difference. Only
/// the core's generic title and body are shown, never anything the person wrote.
enum Reminders {
    private static let prefix = "respite."

    /// Asks once for permission to show reminders.
    static func requestPermission() async -> Bool {
        (try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound])) ?? false
    }

    /// Brings pending reminders in line with the next seven days of the schedule. Run
    /// after unlocking and after the schedule changes (the vault must be unlocked).
    static func sync(vault: Vault) async {
        let center = UNUserNotificationCenter.current()
        let now = Date()
        guard let upcoming = try? vault.prompts().upcoming(
            from: now, until: now.addingTimeInterval(7 * 86_400), deviceTimeZone: TimeZone.current.identifier)
        else { return }
        var wanted: [String: PromptOccurrence] = [:]
        for occurrence in upcoming { wanted[prefix + occurrence.id] = occurrence }
        let pending = Set(await center.pendingNotificationRequests().map(\.identifier).filter { $0.hasPrefix(prefix) })
        center.removePendingNotificationRequests(withIdentifiers: pending.filter { wanted[$0] == nil })
        for (id, occurrence) in wanted where !pending.contains(id) {
            let wait = occurrence.at.timeIntervalSince(now)
            guard wait > 1 else { continue }
            let content = UNMutableNotificationContent()
            content.title = occurrence.title
            content.body = occurrence.body
            let trigger = UNTimeIntervalNotificationTrigger(timeInterval: wait, repeats: false)
            try? await center.add(UNNotificationRequest(identifier: id, content: content, trigger: trigger))
        }
    }
}
