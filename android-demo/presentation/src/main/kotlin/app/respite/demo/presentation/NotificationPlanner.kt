package app.respite.demo.presentation

import app.respite.core.PromptOccurrence
import app.respite.core.Vault

/** A local notification to schedule: the core's generic wording, never user content. */
data class PlannedNotification(val id: String, val atEpochMillis: Long, val title: String, val body: String)

/** What to change in the platform's scheduled notifications. */
data class NotificationChanges(val schedule: List<PlannedNotification>, val cancel: List<String>)

/**
 * Turns the core's upcoming prompts into local notifications and reconciles them with
 * what is already scheduled, by the occurrence's stable id. The shells run this when
 * the app starts, the time zone changes, or the schedule changes.
 */
class NotificationPlanner(private val vault: Vault, private val clock: Clock, private val days: Long = 7) {
    /** The notifications that should be scheduled now. */
    fun planned(): List<PlannedNotification> = vault.prompts().use {
        it.upcoming(clock.now(), clock.now().plusSeconds(days * 86_400), clock.zone().id)
    }.map(::notification)

    /** The changes from `scheduledIds` to [planned]. */
    fun reconcile(scheduledIds: Set<String>): NotificationChanges {
        val wanted = planned()
        val wantedIds = wanted.map { it.id }.toSet()
        return NotificationChanges(
            schedule = wanted.filter { it.id !in scheduledIds },
            cancel = scheduledIds.filter { it !in wantedIds }.sorted(),
        )
    }

    companion object {
        /** A notification for one occurrence. */
        fun notification(o: PromptOccurrence) = PlannedNotification(o.id, o.at.toEpochMilli(), o.title, o.body)
    }
}
