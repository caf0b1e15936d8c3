package app.respite.demo.presentation

import app.respite.core.Dashboard
import app.respite.core.Insight
import app.respite.core.Metric
import app.respite.core.MetricSeries
import app.respite.core.Vault

/** One chart, ready to draw on a canvas: every value scaled to 0…1 on the core's range. */
data class Chart(
    val metric: Metric,
    val label: String,
    /** The scale in words and which way is better, for the caption. */
    val scale: String,
    /** Daily values, 0 (bottom) … 1 (top); null is a gap, drawn as nothing. */
    val points: List<Float?>,
    /** The 7-day mean, scaled the same way. */
    val line: List<Float?>,
    /** The usual range (median ± half the spread), scaled, if there is a baseline. */
    val band: Pair<Float, Float>?,
)

/** An insight as a card: its sentence and, when there is evidence, the numbers. */
data class InsightCard(val text: String, val evidence: String?, val pointsToPlan: Boolean)

/** The trends screen: native charts from the core's series, and insights with evidence. */
class TrendsModel(vault: Vault, clock: Clock) {
    /** Everything, computed once by the core. */
    val dashboard: Dashboard = vault.trends().use { it.dashboard(clock.today()) }

    /** Charts of the last 90 days. */
    val charts: List<Chart> = dashboard.last90Days.map(::chart)

    /** Insights as cards. */
    val insights: List<InsightCard> = dashboard.insights.map(::card)

    /** The stress zones as shares of days, in words (never a mean). */
    val zones: String = dashboard.zoneSummary.text.text

    /** Activation before and after a practice, when there are enough reflections. */
    val activation: String? = dashboard.activation?.text?.text

    companion object {
        /** A series scaled for drawing. */
        fun chart(s: MetricSeries): Chart {
            val (low, high) = s.low to s.high
            fun scale(v: Double?) = v?.let { ((it - low) / (high - low)).coerceIn(0.0, 1.0).toFloat() }
            val band = s.baseline?.let { scale(it.median - it.spread / 2)!! to scale(it.median + it.spread / 2)!! }
            return Chart(s.metric, s.label, s.scale, s.days.map { scale(it.value) }, s.days.map { scale(it.rolling7) }, band)
        }

        /** An insight as a card. */
        fun card(i: Insight): InsightCard {
            return InsightCard(i.text, i.evidence?.summary, i.pointers != null)
        }
    }
}
