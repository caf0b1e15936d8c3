package app.respite.demo.presentation

import app.respite.core.BreathPhase
import app.respite.core.BreathStep
import app.respite.core.BreathingPractice

/** Where a paced-breathing practice is at one moment, for drawing it. */
data class BreathMoment(
    /** The step under way (its cue is what to show). */
    val step: BreathStep,
    /** How big the breathing circle is, 0 (empty) … 1 (full): it grows on the in-breath, shrinks on the out-breath. */
    val size: Float,
)

/** The practice `elapsedMs` after it started; null once it is over. */
fun BreathingPractice.at(elapsedMs: Long): BreathMoment? {
    val step = steps.lastOrNull { it.startsAtMs.toLong() <= elapsedMs } ?: return null
    val length = step.seconds.toLong() * 1000
    val into = elapsedMs - step.startsAtMs.toLong()
    if (into >= length) return null
    val fraction = into.toFloat() / length
    return BreathMoment(step, if (step.phase == BreathPhase.IN) fraction else 1 - fraction)
}
