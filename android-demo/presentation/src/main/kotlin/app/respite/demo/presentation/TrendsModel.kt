package app.respite.demo.presentation

import app.respite.core.Dashboard
import app.respite.core.Insight
import app.respite.core.Metric
import app.respite.core.MetricSeries
import app.respite.core.Vault

/** One chart, ready to draw on a canvas: every value already scaled to 0…1. */
data class Chart(
    val metric: Metric,
    val label: String,
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

    companion object {
        /** The fixed range a metric is drawn on; counts use their own maximum. */
        fun range(s: MetricSeries): Pair<Double, Double> = when (s.metric) {
            Metric.PLEASANTNESS -> -1.0 to 1.0
            Metric.ENERGY, Metric.TRANSITION_DONE -> 0.0 to 1.0
            Metric.BURNOUT, Metric.DETACHMENT -> 1.0 to 5.0
            Metric.SLEEP_HOURS -> 0.0 to 12.0
            Metric.WORK_INTRUSION -> 0.0 to 4.0
            Metric.SESSION_INTENSITY -> 0.0 to 10.0
            Metric.STRESS_LEVEL -> 0.0 to 3.0
            Metric.PRACTICES_DONE, Metric.JOURNAL_ENTRIES -> 0.0 to (s.days.mapNotNull { it.value }.maxOrNull() ?: 1.0).coerceAtLeast(1.0)
        }

        /** A series scaled for drawing. */
        fun chart(s: MetricSeries): Chart {
            val (low, high) = range(s)
            fun scale(v: Double?) = v?.let { ((it - low) / (high - low)).coerceIn(0.0, 1.0).toFloat() }
            val band = s.baseline?.let { scale(it.median - it.spread / 2)!! to scale(it.median + it.spread / 2)!! }
            return Chart(s.metric, label(s.metric), s.days.map { scale(it.value) }, s.days.map { scale(it.rolling7) }, band)
        }

        /** The label of a metric. */
        fun label(m: Metric): String = when (m) {
            Metric.PLEASANTNESS -> "Pleasantness"
            Metric.ENERGY -> "Energy"
            Metric.BURNOUT -> "Burnout (self-rated)"
            Metric.SLEEP_HOURS -> "Sleep (hours)"
            Metric.DETACHMENT -> "Leaving work behind"
            Metric.WORK_INTRUSION -> "Work thoughts at home"
            Metric.SESSION_INTENSITY -> "Session intensity"
            Metric.STRESS_LEVEL -> "Stress zone"
            Metric.PRACTICES_DONE -> "Practices done"
            Metric.JOURNAL_ENTRIES -> "Journal entries"
            Metric.TRANSITION_DONE -> "Transition done"
        }

        /** An insight as a card. */
        fun card(i: Insight): InsightCard {
            val evidence = i.evidence?.let {
                String.format(
                    java.util.Locale.ROOT,
                    "%d days with (%.2f), %d without (%.2f); difference %+.2f, %.0f%% interval %+.2f to %+.2f",
                    it.daysWith.toInt(), it.meanWith, it.daysWithout.toInt(), it.meanWithout, it.difference,
                    it.confidence * 100, it.intervalLow, it.intervalHigh,
                )
            }
            return InsightCard(i.text, evidence, i.pointers != null)
        }
    }
}
