package app.respite.demo.presentation

import app.respite.core.CaptureCheck
import app.respite.core.CheckIn
import app.respite.core.CheckInContext
import app.respite.core.CheckInData
import app.respite.core.EmotionLabel
import app.respite.core.LabelKind
import app.respite.core.PadReading
import app.respite.core.RecoveryExperience
import app.respite.core.RespiteException
import app.respite.core.SaveForm
import app.respite.core.StressZone
import app.respite.core.TypedLabel
import app.respite.core.Vault
import app.respite.core.checkinCheck
import app.respite.core.emotionChoices
import app.respite.core.padReading
import app.respite.core.withTypedLabel

/**
 * A check-in: one tap on the pleasantness × energy pad is enough; everything else is
 * optional. The core reads the pad ([padReading]), orders the emotion words by its
 * corner, takes typed words and gives the hints before a save ([check]). The note
 * goes through the vault's privacy check before saving ([CheckedForm]); its questions
 * never stop the save.
 */
class CheckInModel(private val vault: Vault, private val clock: Clock) :
    CheckedForm<CheckInData, CheckIn>(vault, CheckedRecord.CHECKIN) {
    /** The core's reading of the last tap on the pad, if there was one. */
    var pad: PadReading? = null
        private set

    /** The chosen emotion ids (catalogue ids, or `own:` words), in the order chosen. */
    var emotions: List<String> = emptyList()
        private set
    var zone: StressZone? = null
    var burnout: Int? = null
    var sleepHours: Double? = null
    var sleepQuality: Int? = null
    var detachment: Int? = null
    var relaxation: Int? = null
    var mastery: Int? = null
    var control: Int? = null
    var workIntrusion: Int? = null

    /** Compassion satisfaction: whether the work felt worthwhile today, 1–5. */
    var worthwhile: Int? = null
    val practices = linkedSetOf<String>()
    var context: CheckInContext? = null
    var note: String = ""

    /** A tap on the pad: x 0 (unpleasant) to 1 (pleasant), y 0 (drained) to 1 (energised). */
    fun tap(x: Double, y: Double) {
        pad = padReading(x, y)
    }

    /** Clears the pad (it is optional too). */
    fun clearPad() {
        pad = null
    }

    /** Chooses an emotion, or un-chooses it. */
    fun toggleEmotion(id: String) {
        emotions = if (id in emotions) emotions - id else emotions + id
    }

    /** The answer to one of the four recovery statements, 1–5. */
    fun recovery(experience: RecoveryExperience): Int? = when (experience) {
        RecoveryExperience.DETACHMENT -> detachment
        RecoveryExperience.RELAXATION -> relaxation
        RecoveryExperience.MASTERY -> mastery
        RecoveryExperience.CONTROL -> control
    }

    /** Answers one of the four recovery statements (null clears it). */
    fun setRecovery(experience: RecoveryExperience, value: Int?) {
        when (experience) {
            RecoveryExperience.DETACHMENT -> detachment = value
            RecoveryExperience.RELAXATION -> relaxation = value
            RecoveryExperience.MASTERY -> mastery = value
            RecoveryExperience.CONTROL -> control = value
        }
    }

    /**
     * A feeling typed in the person's own words: the catalogue's word when it names
     * one, else kept as their own. The result carries the hint to show under the field
     * and close catalogue words to offer.
     */
    fun addTypedFeeling(word: String): TypedLabel =
        withTypedLabel(LabelKind.EMOTION, word, emotions).also { emotions = it.chosen }

    /** Emotion words, those of the tapped corner first. */
    fun emotionChoices(): List<EmotionLabel> = emotionChoices(pad?.quadrant)

    /** Whether the form can be saved as it stands, and the hints to show before saving. */
    fun check(): CaptureCheck = checkinCheck(record())

    override fun record() = CheckInData(
        moment = clock.moment(),
        pleasantness = pad?.pleasantness,
        energy = pad?.energy,
        emotions = emotions,
        stressZone = zone,
        burnout = burnout?.toUByte(),
        sleepHours = sleepHours,
        sleepQuality = sleepQuality?.toUByte(),
        detachment = detachment?.toUByte(),
        relaxation = relaxation?.toUByte(),
        mastery = mastery?.toUByte(),
        control = control?.toUByte(),
        workIntrusion = workIntrusion?.toUByte(),
        worthwhile = worthwhile?.toUByte(),
        practices = practices.toList(),
        context = context,
        note = note.ifBlank { null },
    )

    override fun take(redacted: CheckInData) {
        note = redacted.note ?: note
    }

    override fun persist(record: CheckInData): CheckIn = vault.checkins().use { it.add(record) }

    override fun respond(saved: CheckIn) = vault.support().use { it.afterCheckin(saved) }

    override fun failure(e: RespiteException): String = Messages.forError(e, SaveForm.CHECK_IN)
}
