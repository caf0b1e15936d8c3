package app.respite.demo.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.respite.core.QuickAction
import app.respite.core.Vault
import app.respite.demo.presentation.Clock
import app.respite.demo.presentation.TodayModel
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle

/** Today: the quick actions first (one tap each), then the next prompt and what is parked. */
@Composable
fun TodayScreen(vault: Vault, clock: Clock, go: (Route) -> Unit) {
    val model = remember(vault) { TodayModel(vault, clock) }
    val redraw = rememberRedraw()
    val today = redraw.watch(model).screen
    ScreenColumn {
        ReminderPermission()
        Heading("How are you, right now?")
        // The core lays out the actions for this moment: the leading one is the filled button.
        for (action in today.actions) {
            val route = when (action.action) {
                QuickAction.AFTER_SESSION -> Route.AfterSession
                QuickAction.CHECK_IN -> Route.CheckIn
                QuickAction.TRANSITION -> Route.Transition
                QuickAction.EVENING_CHECK -> Route.Evening
                QuickAction.EMERGENCY_CARD -> Route.EmergencyCard
            }
            val content: @Composable () -> Unit = {
                Column {
                    Text(action.label)
                    Text(action.hint, style = MaterialTheme.typography.bodySmall)
                }
            }
            if (action.leading) {
                Button(onClick = { go(route) }, Modifier.fillMaxWidth()) { content() }
            } else {
                FilledTonalButton(onClick = { go(route) }, Modifier.fillMaxWidth()) { content() }
            }
        }
        today.next?.let { next ->
            val at = next.at.atZone(clock.zone()).toLocalTime().format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT))
            Card(Modifier.fillMaxWidth()) {
                Column(Modifier.padding(12.dp)) {
                    Text("Next: ${next.title} at $at")
                    Text(next.body)
                }
            }
        }
        val parked = today.parked
        if (parked.isNotEmpty()) {
            Heading("Parked for later")
            for (p in parked) {
                Row(Modifier.fillMaxWidth()) {
                    Column(Modifier.weight(1f)) {
                        Text(p.item.what)
                        listOfNotNull(p.item.`when`, p.item.place).takeIf { it.isNotEmpty() }?.let { Text(it.joinToString(" · ")) }
                    }
                    TextButton(onClick = { redraw { model.done(p) } }) { Text("Done") }
                }
            }
        }
    }
}
