package app.respite.demo.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.produceState
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.unit.dp
import app.respite.core.Vault
import app.respite.demo.presentation.Chart
import app.respite.demo.presentation.Clock
import app.respite.demo.presentation.Messages
import app.respite.demo.presentation.TrendsModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** Trends: this week in words, insights with their evidence, and 90-day charts. */
@Composable
fun TrendsScreen(vault: Vault, clock: Clock) {
    val model by produceState<Result<TrendsModel>?>(null, vault) {
        value = withContext(Dispatchers.IO) { runCatching { TrendsModel(vault, clock) } }
    }
    ScreenColumn {
        val result = model
        if (result == null) {
            CircularProgressIndicator()
            return@ScreenColumn
        }
        val m = result.getOrElse {
            Message(Messages.forError(it))
            return@ScreenColumn
        }
        Heading("This week")
        m.dashboard.weeklyReview.text.forEach { Text(it) }
        if (m.insights.isNotEmpty()) Heading("What your entries suggest")
        for (card in m.insights) {
            Card(Modifier.fillMaxWidth()) {
                Column(Modifier.padding(12.dp)) {
                    Text(card.text)
                    card.evidence?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                    if (card.pointsToPlan) Text("Your plan has steps for this: see Plan.", style = MaterialTheme.typography.bodySmall)
                }
            }
        }
        Heading("Stress zones")
        Text(m.zones)
        m.activation?.let {
            Heading("After a practice")
            Text(it)
        }
        Heading("The last 90 days")
        for (chart in m.charts.filter { c -> c.points.any { it != null } }) ChartCard(chart)
    }
}

/** One metric: daily dots, the 7-day line, and the usual range as a band. Gaps stay gaps. */
@Composable
private fun ChartCard(chart: Chart) {
    val dot = MaterialTheme.colorScheme.secondary
    val line = MaterialTheme.colorScheme.primary
    val band = MaterialTheme.colorScheme.primary.copy(alpha = 0.12f)
    Text(chart.label, style = MaterialTheme.typography.labelLarge)
    Text(chart.scale, style = MaterialTheme.typography.bodySmall)
    Canvas(Modifier.fillMaxWidth().height(96.dp)) {
        val step = size.width / (chart.points.size - 1).coerceAtLeast(1)
        fun y(v: Float) = size.height * (1 - v)
        chart.band?.let { (low, high) -> drawRect(band, topLeft = Offset(0f, y(high)), size = Size(size.width, y(low) - y(high))) }
        chart.points.forEachIndexed { i, v -> if (v != null) drawCircle(dot, radius = 3f, center = Offset(i * step, y(v))) }
        chart.line.zipWithNext().forEachIndexed { i, (a, b) ->
            if (a != null && b != null) drawLine(line, Offset(i * step, y(a)), Offset((i + 1) * step, y(b)), strokeWidth = 4f)
        }
    }
}
