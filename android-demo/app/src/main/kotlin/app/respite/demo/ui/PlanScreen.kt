package app.respite.demo.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.respite.core.EmergencyCard
import app.respite.core.PlanSection
import app.respite.core.PracticeStatus
import app.respite.core.SafetyResponse
import app.respite.core.Vault
import app.respite.demo.presentation.PlanModel

/**
 * The self-care plan: read it, add from starter suggestions, write it in its text form,
 * retire practices, and open the emergency card. Saving may ask about client details
 * first (the privacy check; the plan's own contacts and people are left out).
 */
@Composable
fun PlanScreen(vault: Vault, go: (Route) -> Unit) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { PlanModel(vault) })
    var editing by remember { mutableStateOf<String?>(null) }
    var section by remember { mutableStateOf(PlanSection.PRACTICES) }
    ScreenColumn {
        if (m.reviewing) {
            PrivacyReviewStep(m.privacy, redraw) { m.edit() }
            return@ScreenColumn
        }
        FilledTonalButton(onClick = { go(Route.EmergencyCard) }, Modifier.fillMaxWidth()) { Text("My emergency card") }
        Message(m.error ?: m.saved?.let { "Saved as revision $it." })
        Message(m.privacyNote)
        val text = editing
        if (text != null) {
            OutlinedTextField(value = text, onValueChange = { editing = it }, modifier = Modifier.fillMaxWidth(), minLines = 12)
            Button(onClick = {
                redraw { m.saveText(text) }
                // Read and saved, or waiting for the privacy questions: the text form is done with.
                if (m.error == null) editing = null
            }) { Text("Save") }
            TextButton(onClick = { editing = null }) { Text("Cancel") }
            return@ScreenColumn
        }
        OutlinedButton(onClick = { editing = m.text }) { Text("Write in my own words") }
        Heading("Add from suggestions")
        MultiChips(PlanSection.entries.map { it.name to sectionName(it) }, setOf(section.name)) { name -> section = PlanSection.valueOf(name) }
        for (s in m.suggestions(section)) {
            TextButton(onClick = { redraw { m.pick(s) } }) { Text("+ ${s.text}") }
        }
        // What the save would change, from the core; nothing to save, nothing to press.
        val pending = m.pending()
        Text(pending.summary)
        for (c in pending.changes) {
            val line = listOfNotNull(c.before, c.after).joinToString(" → ")
            Text("• ${c.section}: $line", style = MaterialTheme.typography.bodySmall)
        }
        Button(onClick = { redraw { m.save() } }, enabled = pending.canSave) { Text("Save my plan") }
        Heading("Practices")
        for (p in m.draft.practices) {
            Card(Modifier.fillMaxWidth()) {
                Column(Modifier.padding(12.dp)) {
                    Text(p.name)
                    if (p.status == PracticeStatus.RETIRED) {
                        Text("Retired: its history stays.")
                    } else {
                        TextButton(onClick = { redraw { m.retire(p.id) } }) { Text("Retire") }
                    }
                }
            }
        }
        Heading("The whole plan")
        Text(m.text)
    }
}

/** The emergency card: short, never blank, for a bad day. */
@Composable
fun EmergencyCardScreen(vault: Vault) {
    val card = remember(vault) { PlanModel(vault).emergencyCard() }
    ScreenColumn {
        Heading("For right now")
        CardLines(card)
    }
}

/**
 * The core's gentle answer to a very bad moment, in the app only: its opening line,
 * the person's own card, their people, a crisis line when the plan names no
 * professional help, and what to do if safety is at stake.
 */
@Composable
fun SupportResponse(response: SafetyResponse, done: () -> Unit) {
    ScreenColumn {
        Heading(response.opening.text)
        CardLines(response.card)
        Lines("My people", response.people)
        response.crisisLine?.let { Lines("A crisis line", listOf("${it.name}: ${it.how}")) }
        Text(response.urgent.text)
        Button(onClick = done) { Text("Done") }
    }
}

@Composable
private fun CardLines(card: EmergencyCard) {
        if (card.usesSuggestions) Text("These are starter ideas until you write your own in the plan.")
        Lines("What helps me settle", card.helpsMeSettle)
        Lines("Kind things to tell myself", card.kindWords)
        Lines("What to avoid", card.avoid)
        Lines("People I can reach", card.contacts.map { "${it.name}: ${it.how}" })
        Lines("Professional help", card.professionalHelp)
        Lines("Support at work", card.workplaceSupports)
        Lines("Signs I am running down", card.warningSigns.map { it.text })
}

@Composable
private fun Lines(title: String, lines: List<String>) {
    if (lines.isEmpty()) return
    Heading(title)
    lines.forEach { Text("• $it") }
}

private fun sectionName(s: PlanSection) = s.name.lowercase().replace('_', ' ').replaceFirstChar { it.uppercase() }
