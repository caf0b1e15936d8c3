package app.respite.demo.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.gestures.detectTapGestures
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.unit.dp
import app.respite.core.BreathMoment
import app.respite.core.BreathingPractice
import app.respite.core.CaptureCheck
import app.respite.core.Vault
import app.respite.core.breathingMoment
import app.respite.core.catalogue
import app.respite.demo.presentation.AfterSessionModel
import app.respite.demo.presentation.AfterSessionStep
import app.respite.demo.presentation.CheckInModel
import app.respite.demo.presentation.CheckedForm
import app.respite.demo.presentation.Clock
import app.respite.demo.presentation.EveningModel
import app.respite.demo.presentation.JournalEntryModel
import kotlinx.coroutines.delay

/** After a session: one value and a tap is enough; the privacy check may ask about the note first. */
@Composable
fun AfterSessionScreen(vault: Vault, clock: Clock, done: () -> Unit) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { AfterSessionModel(vault, clock) })
    val words = remember { catalogue() }
    ScreenColumn {
        when (val step = m.step) {
            is AfterSessionStep.Saved -> {
                val support = m.support
                if (support != null) {
                    SupportResponse(support, done)
                } else {
                    Heading("Saved")
                    Text(m.acknowledgement ?: "That one is held now. Be gentle with yourself before the next.")
                    step.privacyNote?.let { Text(it) }
                    Button(onClick = done) { Text("Back to today") }
                }
            }
            AfterSessionStep.PrivacyReview -> PrivacyReviewStep(m.privacy, redraw) { m.edit() }
            AfterSessionStep.Editing -> {
                Heading("After a session")
                Message(m.error)
                ScaleChips("How intense was it?", 0..10, m.intensity, words.intensityAnchors) { v -> redraw { m.intensity = v } }
                ScaleChips("How activated are you now?", 0..10, m.activationBefore, words.intensityAnchors) { v -> redraw { m.activationBefore = v } }
                var breathing by remember { mutableStateOf(false) }
                if (breathing) {
                    BreathingPane(m.breathing) { redraw { m.breathed(); breathing = false } }
                } else {
                    TextButton(onClick = { breathing = true }) { Text("A minute of slower breathing") }
                }
                if (m.practice != null) {
                    ScaleChips(m.breathing.after.text, 0..10, m.activationAfter, words.intensityAnchors) { v -> redraw { m.activationAfter = v } }
                }
                Text("Feelings")
                MultiChips(words.emotions.map { it.id to it.text }, m.feelings) { id -> redraw { m.feelings.toggle(id) } }
                Text("In my body")
                MultiChips(words.bodySensations.map { it.id to it.text }, m.bodySensations) { id -> redraw { m.bodySensations.toggle(id) } }
                Text("What I need now")
                MultiChips(words.needs.map { it.id to it.text }, m.needs) { id -> redraw { m.needs.toggle(id) } }
                Text("A practice for right now")
                MultiChips(m.offeredPractices.map { it.practice.id to it.practice.name }, setOfNotNull(m.practice)) { id ->
                    redraw { m.practice = if (m.practice == id) null else id }
                }
                NoteField("A few words, if you like (no names needed)", m.note) { t -> redraw { m.note = t } }
                Button(onClick = { redraw { m.save() } }) { Text("Save") }
            }
        }
    }
}

/** A check-in: one tap on the pad is enough; the rest is optional. */
@Composable
fun CheckInScreen(vault: Vault, clock: Clock, done: () -> Unit) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { CheckInModel(vault, clock) })
    val words = remember { catalogue() }
    var more by remember { mutableStateOf(false) }
    ScreenColumn {
        if (savedOrReviewing(m, redraw, done)) return@ScreenColumn
        Heading("Check in")
        Message(m.error)
        Text("Tap where you are: pleasant to the right, energised to the top.")
        MoodPad(m.pad?.pleasantness, m.pad?.energy) { x, y -> redraw { m.tap(x, y) } }
        MultiChips(m.emotionChoices().take(12).map { it.id to it.text }, m.emotions.toSet()) { id -> redraw { m.toggleEmotion(id) } }
        var ownWord by remember { mutableStateOf("") }
        var typedHint by remember { mutableStateOf<String?>(null) }
        OutlinedTextField(
            value = ownWord,
            onValueChange = { ownWord = it },
            label = { Text("Or in your own word") },
            singleLine = true,
            keyboardActions = KeyboardActions(
                onDone = {
                    redraw {
                        val typed = m.addTypedFeeling(ownWord)
                        typedHint = typed.hint
                        if (typed.taken) ownWord = ""
                    }
                },
            ),
            keyboardOptions = KeyboardOptions(imeAction = ImeAction.Done),
            modifier = Modifier.fillMaxWidth(),
        )
        typedHint?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        Text("Stress zone")
        MultiChips(words.stressZones.map { it.zone.name to it.name }, setOfNotNull(m.zone?.name)) { name ->
            redraw { m.zone = words.stressZones.first { it.zone.name == name }.zone.takeIf { it != m.zone } }
        }
        if (!more) {
            TextButton(onClick = { more = true }) { Text("More (sleep, burnout, recovery)") }
        } else {
            ScaleChips("Burnout", 1..5, m.burnout, words.burnoutLevels) { v -> redraw { m.burnout = v } }
            Text("Sleep last night: ${m.sleepHours?.let { "%.1f h".format(it) } ?: "not noted"}")
            Slider(value = (m.sleepHours ?: 7.0).toFloat(), onValueChange = { v -> redraw { m.sleepHours = (v * 2).toInt() / 2.0 } }, valueRange = 0f..12f)
            ScaleChips("Sleep quality", 1..5, m.sleepQuality, words.sleepQualityLevels) { v -> redraw { m.sleepQuality = v } }
            for (item in words.recoveryItems) {
                ScaleChips(item.text, 1..5, m.recovery(item.experience), words.recoveryScale) { v -> redraw { m.setRecovery(item.experience, v) } }
            }
            ScaleChips(words.worthwhileItem, 1..5, m.worthwhile, words.recoveryScale) { v -> redraw { m.worthwhile = v } }
        }
        NoteField("A note, if you like", m.note) { t -> redraw { m.note = t } }
        val check = m.check()
        CaptureHints(check)
        Button(onClick = { redraw { m.save() } }, enabled = check.canSave) { Text("Save") }
    }
}

/** The evening check: how much did work follow me home? Two taps. */
@Composable
fun EveningScreen(vault: Vault, clock: Clock, done: () -> Unit) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { EveningModel(vault, clock) })
    val words = remember { catalogue() }
    ScreenColumn {
        if (savedOrReviewing(m, redraw, done)) return@ScreenColumn
        Heading("This evening")
        Message(m.error)
        val detachment = words.recoveryItems.first { it.experience == app.respite.core.RecoveryExperience.DETACHMENT }
        ScaleChips(detachment.text, 1..5, m.detachment, words.recoveryScale) { v -> redraw { m.detachment = v } }
        ScaleChips("Work thoughts at home", 0..4, m.workIntrusion, words.workIntrusionLevels) { v -> redraw { m.workIntrusion = v } }
        // The quick path is the two answers above; the other recovery experiences are one tap away.
        var more by remember { mutableStateOf(false) }
        if (!more) {
            TextButton(onClick = { more = true }) { Text("The other recovery questions") }
        } else {
            val text = { e: app.respite.core.RecoveryExperience -> words.recoveryItems.first { it.experience == e }.text }
            ScaleChips(text(app.respite.core.RecoveryExperience.RELAXATION), 1..5, m.relaxation, words.recoveryScale) { v -> redraw { m.relaxation = v } }
            ScaleChips(text(app.respite.core.RecoveryExperience.MASTERY), 1..5, m.mastery, words.recoveryScale) { v -> redraw { m.mastery = v } }
            ScaleChips(text(app.respite.core.RecoveryExperience.CONTROL), 1..5, m.control, words.recoveryScale) { v -> redraw { m.control = v } }
        }
        NoteField("Anything to set down before sleep?", m.note) { t -> redraw { m.note = t } }
        val check = m.check()
        CaptureHints(check)
        Row {
            Button(onClick = { redraw { m.save() } }, enabled = check.canSave) { Text("Save") }
            Spacer(Modifier.width(8.dp))
            TextButton(onClick = done) { Text("Not tonight") }
        }
    }
}

/** Writing a journal entry of one's own: title, text and tags; the privacy check may ask first. */
@Composable
fun NewEntryScreen(vault: Vault, clock: Clock, done: () -> Unit) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { JournalEntryModel(vault, clock) })
    ScreenColumn {
        if (savedOrReviewing(m, redraw, done)) return@ScreenColumn
        Heading("Write in my journal")
        Message(m.error)
        OutlinedTextField(value = m.title, onValueChange = { t -> redraw { m.title = t } }, label = { Text("A title, if you like") }, singleLine = true, modifier = Modifier.fillMaxWidth())
        NoteField("What is on my mind", m.body) { t -> redraw { m.body = t } }
        // Tags as typed, separated by commas; the core trims them.
        OutlinedTextField(
            value = m.tags.joinToString(","),
            onValueChange = { t -> redraw { m.tags = t.split(",") } },
            label = { Text("Tags, separated by commas") },
            singleLine = true,
            modifier = Modifier.fillMaxWidth(),
        )
        Button(onClick = { redraw { m.save() } }) { Text("Save") }
    }
}

/**
 * The two states a capture screen shows instead of its form: the privacy questions
 * before saving, and after saving either the check's all-clear with *Done*, or (with
 * nothing to say) straight back. Returns whether it showed one of them.
 */
@Composable
private fun savedOrReviewing(form: CheckedForm<*, *>, redraw: Redraw, done: () -> Unit): Boolean {
    val saved = form.saved
    if (saved != null) {
        val note = form.privacyNote
        val support = form.support
        when {
            support != null -> SupportResponse(support, done)
            note == null -> LaunchedEffect(saved) { done() }
            else -> SavedWithNote("Saved", note, done)
        }
        return true
    }
    if (form.reviewing) {
        PrivacyReviewStep(form.privacy, redraw) { form.edit() }
        return true
    }
    return false
}

/** The paced-breathing practice, animated: a circle that grows on the in-breath and shrinks on the out-breath, with the core's cues. */
@Composable
fun BreathingPane(practice: BreathingPractice, finished: () -> Unit) {
    var now by remember { mutableStateOf<BreathMoment?>(breathingMoment(practice, 0u)) }
    LaunchedEffect(practice) {
        val start = System.nanoTime()
        while (true) {
            val moment = breathingMoment(practice, ((System.nanoTime() - start) / 1_000_000).toULong()) ?: break
            now = moment
            delay(50)
        }
        finished()
    }
    val fill = MaterialTheme.colorScheme.primary.copy(alpha = 0.35f)
    Text(practice.intro.text)
    now?.let { moment ->
        Text(moment.step.cue.text, style = MaterialTheme.typography.titleMedium)
        Canvas(Modifier.fillMaxWidth().height(160.dp)) {
            drawCircle(fill, radius = size.minDimension / 2 * (0.3f + 0.7f * moment.size.toFloat()))
        }
    }
    TextButton(onClick = finished) { Text("Stop here") }
}

/** The core's hints for a capture form, shown above its save button. */
@Composable
fun CaptureHints(check: CaptureCheck) {
    for (hint in check.hints) Text(hint.text, style = MaterialTheme.typography.bodySmall)
}

/** The pleasantness (−1…1) × energy (0…1) pad; the dot is where the core read the last tap. */
@Composable
fun MoodPad(pleasantness: Double?, energy: Double?, onTap: (Double, Double) -> Unit) {
    val line = MaterialTheme.colorScheme.outline
    val dot = MaterialTheme.colorScheme.primary
    // The gesture handler outlives recompositions: it calls the latest onTap, not the first.
    val tap by rememberUpdatedState(onTap)
    Canvas(
        Modifier.fillMaxWidth().aspectRatio(1.6f).pointerInput(Unit) {
            detectTapGestures { o ->
                // The core clamps a tap just past an edge.
                tap((o.x / size.width).toDouble(), (1 - o.y / size.height).toDouble())
            }
        },
    ) {
        drawRect(line, style = androidx.compose.ui.graphics.drawscope.Stroke(2f))
        drawLine(line, Offset(size.width / 2, 0f), Offset(size.width / 2, size.height))
        drawLine(line, Offset(0f, size.height / 2), Offset(size.width, size.height / 2))
        if (pleasantness != null && energy != null) {
            val x = (pleasantness + 1) / 2
            drawCircle(dot, radius = 18f, center = Offset((x * size.width).toFloat(), ((1 - energy) * size.height).toFloat()))
        }
    }
}

/** A multi-line note field. */
@Composable
fun NoteField(label: String, value: String, onChange: (String) -> Unit) {
    OutlinedTextField(value = value, onValueChange = onChange, label = { Text(label) }, minLines = 3, modifier = Modifier.fillMaxWidth())
}
