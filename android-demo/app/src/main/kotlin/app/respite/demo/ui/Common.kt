package app.respite.demo.ui

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.safeDrawingPadding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.unit.dp
import app.respite.core.ScalePoint

/** Calm colours; the system's dark mode is followed. */
@Composable
fun RespiteTheme(content: @Composable () -> Unit) {
    val colors = if (isSystemInDarkTheme()) {
        darkColorScheme(primary = Color(0xFF9CC9B4), secondary = Color(0xFFB7C4D6))
    } else {
        lightColorScheme(primary = Color(0xFF2F6B55), secondary = Color(0xFF4D5F78))
    }
    MaterialTheme(colorScheme = colors, content = content)
}

/**
 * Redraws a screen after its presentation model changed. The models are plain Kotlin
 * (tested on a JVM), not observable; every change goes through [invoke], and a screen
 * that [watch]es its model recomposes after it.
 */
class Redraw {
    private var version by mutableIntStateOf(0)

    /** Runs a change to the model and redraws. */
    operator fun <T> invoke(change: () -> T): T = change().also { version++ }

    /** Returns the model, subscribing the calling composable to changes. */
    fun <M> watch(model: M): M = model.also { check(version >= 0) }
}

/** A [Redraw] that lives as long as the screen. */
@Composable
fun rememberRedraw(): Redraw = remember { Redraw() }

/** A scrolling screen with the standard padding. */
@Composable
fun ScreenColumn(content: @Composable () -> Unit) {
    Column(
        // Edge to edge: padded by whatever system bars or keyboard are not yet consumed.
        Modifier.fillMaxSize().safeDrawingPadding().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) { content() }
}

/** A heading inside a screen. */
@Composable
fun Heading(text: String) = Text(text, style = MaterialTheme.typography.titleMedium)

/** An error or message line, if there is one. */
@Composable
fun Message(text: String?) {
    if (text != null) Text(text, color = MaterialTheme.colorScheme.secondary)
}

/**
 * One value on a scale, as chips; tapping the chosen one again clears it (every answer
 * is optional). `anchors` are the core's words for some points.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun ScaleChips(label: String, range: IntRange, selected: Int?, anchors: List<ScalePoint> = emptyList(), onSelect: (Int?) -> Unit) {
    Text(label)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
        for (v in range) {
            val word = anchors.firstOrNull { it.value.toInt() == v }?.text
            FilterChip(
                selected = selected == v,
                onClick = { onSelect(if (selected == v) null else v) },
                label = { Text(if (word != null) "$v · $word" else "$v") },
            )
        }
    }
}

/** Several choices from a list of (id, text); any number may be chosen. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun MultiChips(options: List<Pair<String, String>>, selected: Set<String>, onToggle: (String) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
        for ((id, text) in options) {
            FilterChip(selected = id in selected, onClick = { onToggle(id) }, label = { Text(text) })
        }
    }
}

/** Adds or removes an item of a set. */
fun <T> MutableSet<T>.toggle(item: T) {
    if (!remove(item)) add(item)
}
