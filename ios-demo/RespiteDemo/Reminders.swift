import Foundation
import RespiteCore
import UserNotifications

/// Local reminders from the core's upcoming prompts. Each occurrence is one pending
/// request named by its stable id; the core says which to add and which to remove. Only
/// the core's generic title and body are shown, never anything the person wrote.
enum Reminders {
    private static let prefix = "respite."

    /// Asks once for permission to show reminders.
    static func requestPermission() async -> Bool {
        (try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound])) ?? false
    }

    /// Brings pending reminders in line with the next seven days of the schedule, as
    /// the core works it out. Run after unlocking and after the schedule changes (the
    /// vault must be unlocked).
    static func sync(vault: Vault) async {
        let center = UNUserNotificationCenter.current()
        let now = Date()
        let pending = await center.pendingNotificationRequests().map(\.identifier).filter { $0.hasPrefix(prefix) }
        guard let changes = try? vault.screens().reminderChanges(
            now: now, deviceTimeZone: TimeZone.current.identifier,
            scheduled: pending.map { String($0.dropFirst(prefix.count)) })
        else { return }
        center.removePendingNotificationRequests(withIdentifiers: changes.cancel.map { prefix + $0 })
        for occurrence in changes.schedule {
            let wait = occurrence.at.timeIntervalSince(now)
            guard wait > 1 else { continue }
            let content = UNMutableNotificationContent()
            content.title = occurrence.title
            content.body = occurrence.body
            let trigger = UNTimeIntervalNotificationTrigger(timeInterval: wait, repeats: false)
            try? await center.add(UNNotificationRequest(identifier: prefix + occurrence.id, content: content, trigger: trigger))
        }
    }
}
