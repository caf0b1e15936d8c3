package app.respite.demo.presentation

import app.respite.core.LocalMoment
import java.time.Instant
import java.time.ZoneId

/** Where "now" comes from: the device clock in the app, a fixed one in tests. */
interface Clock {
    /** The current instant. */
    fun now(): Instant

    /** The device's time zone now. */
    fun zone(): ZoneId

    /** Now, with the UTC offset in force, as the core wants it. */
    fun moment(): LocalMoment {
        val at = now()
        return LocalMoment(at, zone().rules.getOffset(at).totalSeconds / 60)
    }

    /** Today's local date, `YYYY-MM-DD` (`atZone`, since `LocalDate.ofInstant` needs API 34). */
    fun today(): String = now().atZone(zone()).toLocalDate().toString()

    /** The device clock. */
    object System : Clock {
        override fun now(): Instant = Instant.now()
        override fun zone(): ZoneId = ZoneId.systemDefault()
    }
}

/** A clock that stands still (for tests and previews). */
class FixedClock(var instant: Instant, private val zoneId: ZoneId) : Clock {
    override fun now(): Instant = instant
    override fun zone(): ZoneId = zoneId
}
