package app.respite.demo.presentation

import app.respite.core.ReminderChanges
import app.respite.core.Vault

/**
 * Reminders as local notifications, one per upcoming prompt, named by the
 * occurrence's stable id: the core says which to schedule and which to cancel for
 * the next seven days ([ReminderChanges]); their title and body are its generic
 * wording, never user content. Run when the app unlocks, the time zone changes, or
 * the schedule changes.
 */
class NotificationPlanner(private val vault: Vault, private val clock: Clock) {
    /** The changes from the reminders scheduled now (by occurrence id). */
    fun reconcile(scheduledIds: Set<String>): ReminderChanges =
        vault.screens().use { it.reminderChanges(clock.now(), clock.zone().id, scheduledIds.toList()) }
}
