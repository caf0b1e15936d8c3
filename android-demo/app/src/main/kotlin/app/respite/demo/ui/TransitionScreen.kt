package app.respite.demo.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.LinearProgressIndicator
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
        val position = m.position
        val progress = position.progress.toFloat()
        LinearProgressIndicator(progress = { progress }, modifier = Modifier.fillMaxWidth())
        Text(position.label, style = MaterialTheme.typography.labelMedium)
        val step = position.step
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
                Button(onClick = { redraw { m.finish() } }) { Text(position.forwardLabel) }
                TextButton(onClick = { redraw { m.back() } }) { Text(position.backLabel) }
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
                a.parked.forEachIndexed { i, p ->
                    Row {
                        Text("• ${p.what}", Modifier.weight(1f))
                        TextButton(onClick = { redraw { m.unpark(i) } }) { Text("Take back") }
                    }
                }
            }
            TransitionStep.NAME_IT -> {
                MoodPad(a.pleasantness, a.energy) { x, y -> redraw { m.setMood(x, y) } }
                MultiChips(words.emotions.map { it.id to it.text }, a.feelings.toSet()) { id -> redraw { m.toggleFeeling(id) } }
            }
            TransitionStep.SET_DOWN -> Field("One hard thing I set down", a.setDown.orEmpty(), entered) { t -> redraw { m.answers = a.copy(setDown = t.ifBlank { null }) } }
            TransitionStep.WENT_WELL -> {
                // Three fields of their own (the core keeps each text in its slot, redacted or not).
                m.wentWell.forEachIndexed { i, text ->
                    Field("Went well ${i + 1}", text, entered) { t -> redraw { m.setWentWell(i, t) } }
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
            if (position.canGoBack) TextButton(onClick = { redraw { m.back() } }) { Text(position.backLabel) }
            Spacer(Modifier.width(8.dp))
            // "Skip" while the step is unanswered, "Next" once it is: the core's words.
            Button(onClick = { redraw { m.next() } }) { Text(position.forwardLabel) }
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
