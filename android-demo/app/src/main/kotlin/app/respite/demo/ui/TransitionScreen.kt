package app.respite.demo.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalFocusManager
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.unit.dp
import app.respite.core.TransitionStep
import app.respite.core.Vault
import app.respite.core.catalogue
import app.respite.demo.presentation.Clock
import app.respite.demo.presentation.TransitionModel

/**
 * Leaving work at work: park it → name it → set it down → what went well → switch roles
 * → end-of-day signal. One step per screen, each skippable; the words come from the core.
 * Each answer is checked for client details once entered (parked, the keyboard's done
 * key, or leaving the step); open questions show on every step and never hold it up.
 */
@Composable
fun TransitionScreen(vault: Vault, clock: Clock, done: () -> Unit) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { TransitionModel(vault, clock) })
    val words = remember { catalogue() }
    ScreenColumn {
        // Read here, in composition, so each step's redraw moves the bar.
        val progress = m.index.toFloat() / m.script.steps.size
        LinearProgressIndicator(progress = { progress }, modifier = Modifier.fillMaxWidth())
        val step = m.current
        if (step == null) {
            val support = m.support
            if (m.saved != null && support != null) {
                SupportResponse(support, done)
            } else if (m.saved != null) {
                Heading(m.message ?: "Saved.")
                m.privacyNote?.let { Text(it) }
                Button(onClick = done) { Text("Done") }
            } else {
                Heading("That's the transition.")
                Message(m.message)
                Message(m.privacy.allClear)
                PrivacyQuestions(m.privacy, redraw)
                Button(onClick = { redraw { m.finish() } }) { Text("Save and go home") }
                TextButton(onClick = { redraw { m.back() } }) { Text("Back") }
            }
            return@ScreenColumn
        }
        Heading(step.prompt)
        Text(step.hint)
        val a = m.answers
        val entered = { redraw { m.entered() } }
        when (step.step) {
            TransitionStep.PARK_IT -> {
                var what by remember { mutableStateOf("") }
                var whenText by remember { mutableStateOf("") }
                // Parking it is what enters it (and checks it).
                Field("What is unfinished", what, {}) { what = it }
                Field("When I'll pick it up (optional)", whenText, {}) { whenText = it }
                OutlinedButton(onClick = {
                    redraw { m.park(what, whenText.ifBlank { null }, null) }
                    what = ""
                    whenText = ""
                }) { Text("Park it") }
                a.parked.forEach { Text("• ${it.what}") }
            }
            TransitionStep.NAME_IT -> {
                MoodPad(a.pleasantness?.let { (it + 1) / 2 to (a.energy ?: 0.5) }) { x, y ->
                    redraw { m.answers = a.copy(pleasantness = x * 2 - 1, energy = y) }
                }
                MultiChips(words.emotions.map { it.id to it.text }, a.feelings.toSet()) { id ->
                    redraw { m.answers = a.copy(feelings = if (id in a.feelings) a.feelings - id else a.feelings + id) }
                }
            }
            TransitionStep.SET_DOWN -> Field("One hard thing I set down", a.setDown.orEmpty(), entered) { t -> redraw { m.answers = a.copy(setDown = t.ifBlank { null }) } }
            TransitionStep.WENT_WELL -> {
                // Three fields of their own, so an empty first one does not shift the others.
                val fields = remember { mutableStateListOf(*Array(3) { a.wentWell.getOrElse(it) { "" } }) }
                // A redacted answer comes back from the privacy check: put it in its own slot.
                LaunchedEffect(a.wentWell) {
                    val filled = fields.indices.filter { fields[it].isNotBlank() }
                    if (filled.size == a.wentWell.size) filled.forEachIndexed { n, slot -> fields[slot] = a.wentWell[n] }
                }
                for (i in 0 until 3) {
                    Field("Went well ${i + 1}", fields[i], entered) { t ->
                        fields[i] = t
                        redraw { m.answers = m.answers.copy(wentWell = fields.filter { it.isNotBlank() }) }
                    }
                }
            }
            TransitionStep.SWITCH_ROLES -> {
                Field("Who I want to be at home", a.whoAtHome.orEmpty(), entered) { t -> redraw { m.answers = a.copy(whoAtHome = t.ifBlank { null }) } }
                Field("What I'll do first", a.firstThing.orEmpty(), entered) { t -> redraw { m.answers = a.copy(firstThing = t.ifBlank { null }) } }
            }
            TransitionStep.END_OF_DAY -> {
                Field("My end-of-day signal", a.endOfDaySignal.orEmpty(), entered) { t -> redraw { m.answers = a.copy(endOfDaySignal = t.ifBlank { null }) } }
                if (m.script.practices.isNotEmpty()) {
                    Text(m.script.practicePrompt)
                    MultiChips(m.script.practices.map { it.practice.id to it.practice.name }, setOfNotNull(a.practice)) { id ->
                        redraw { m.answers = a.copy(practice = if (a.practice == id) null else id) }
                    }
                }
            }
        }
        PrivacyQuestions(m.privacy, redraw)
        Row {
            if (m.index > 0) TextButton(onClick = { redraw { m.back() } }) { Text("Back") }
            Spacer(Modifier.width(8.dp))
            TextButton(onClick = { redraw { m.skip() } }) { Text("Skip") }
            Spacer(Modifier.width(8.dp))
            Button(onClick = { redraw { m.next() } }) { Text("Next") }
        }
    }
}

/** A one-line answer; the keyboard's done key counts as entering it. */
@Composable
private fun Field(label: String, value: String, onDone: () -> Unit, onChange: (String) -> Unit) {
    val focus = LocalFocusManager.current
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = true,
        keyboardOptions = KeyboardOptions(imeAction = ImeAction.Done),
        keyboardActions = KeyboardActions(onDone = {
            focus.clearFocus()
            onDone()
        }),
        modifier = Modifier.fillMaxWidth(),
    )
}
