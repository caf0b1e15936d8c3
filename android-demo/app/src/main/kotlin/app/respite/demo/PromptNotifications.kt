package app.respite.demo

import android.Manifest
import android.annotation.SuppressLint
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import androidx.work.ExistingWorkPolicy
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.Worker
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import app.respite.core.Vault
import app.respite.demo.presentation.Clock
import app.respite.demo.presentation.NotificationPlanner
import java.util.concurrent.TimeUnit

/**
 * Local reminders from the core's upcoming prompts, scheduled with WorkManager. Each
 * occurrence is one unique work item named by its stable id, so reconciling is a set
 * difference. Only the core's generic title and body are stored and shown; the lock
 * screen sees just "Respite".
 */
object PromptNotifications {
    private const val CHANNEL = "prompts"
    private const val TAG = "respite-prompt"
    private const val ID_TAG = "occurrence:"

    /** Creates the notification channel (idempotent). */
    fun createChannel(context: Context) {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.O) return
        val channel = NotificationChannel(CHANNEL, context.getString(R.string.notification_channel), NotificationManager.IMPORTANCE_DEFAULT).apply {
            description = context.getString(R.string.notification_channel_description)
            lockscreenVisibility = NotificationCompat.VISIBILITY_PRIVATE
        }
        context.getSystemService(NotificationManager::class.java).createNotificationChannel(channel)
    }

    /**
     * Brings the scheduled reminders in line with the core's next seven days (blocking;
     * call off the main thread, with the vault unlocked). Run after unlocking and after
     * the schedule changes; what was scheduled stays while the vault is locked.
     */
    fun sync(context: Context, vault: Vault, clock: Clock) {
        val changes = NotificationPlanner(vault, clock).reconcile(scheduledIds(context))
        val work = WorkManager.getInstance(context)
        changes.cancel.forEach { work.cancelUniqueWork(it) }
        val now = clock.now().toEpochMilli()
        for (n in changes.schedule) {
            val request = OneTimeWorkRequestBuilder<PromptWorker>()
                .setInitialDelay((n.at.toEpochMilli() - now).coerceAtLeast(0), TimeUnit.MILLISECONDS)
                .setInputData(workDataOf("title" to n.title, "body" to n.body, "id" to n.id))
                .addTag(TAG)
                .addTag(ID_TAG + n.id)
                .build()
            work.enqueueUniqueWork(n.id, ExistingWorkPolicy.REPLACE, request)
        }
    }

    private fun scheduledIds(context: Context): Set<String> =
        WorkManager.getInstance(context).getWorkInfosByTag(TAG).get()
            .filter { !it.state.isFinished }
            .flatMap { info -> info.tags.filter { it.startsWith(ID_TAG) }.map { it.removePrefix(ID_TAG) } }
            .toSet()

    /** Shows one reminder. */
    class PromptWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
        @SuppressLint("MissingPermission") // checked just below
        override fun doWork(): Result {
            val context = applicationContext
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU &&
                ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
            ) {
                return Result.success()
            }
            val open = PendingIntent.getActivity(
                context, 0, Intent(context, MainActivity::class.java), PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
            )
            val public = NotificationCompat.Builder(context, CHANNEL)
                .setSmallIcon(R.drawable.ic_notification)
                .setContentTitle(context.getString(R.string.notification_public))
                .build()
            val notification = NotificationCompat.Builder(context, CHANNEL)
                .setSmallIcon(R.drawable.ic_notification)
                .setContentTitle(inputData.getString("title"))
                .setContentText(inputData.getString("body"))
                .setVisibility(NotificationCompat.VISIBILITY_PRIVATE)
                .setPublicVersion(public)
                .setContentIntent(open)
                .setAutoCancel(true)
                .build()
            NotificationManagerCompat.from(context).notify(inputData.getString("id").hashCode(), notification)
            return Result.success()
        }
    }
}
