package app.respite.demo.presentation

import app.respite.core.CheckIn
import app.respite.core.CheckInContext
import app.respite.core.CheckInData
import app.respite.core.EmotionLabel
import app.respite.core.LabelKind
import app.respite.core.Quadrant
import app.respite.core.RecoveryExperience
import app.respite.core.StressZone
import app.respite.core.Vault
import app.respite.core.catalogue
import app.respite.core.matchLabel

/**
 * A check-in: one tap on the pleasantness × energy pad is enough; everything else is
 * optional. The pad's corner decides which emotion words are offered first. The note
 * goes through the vault's privacy check before saving ([CheckedForm]); its questions
 * never stop the save.
 */
class CheckInModel(private val vault: Vault, private val clock: Clock) :
    CheckedForm<CheckInData, CheckIn>(vault, CheckedRecord.CHECKIN) {
    /** Where the pad was tapped: x 0 (unpleasant) to 1 (pleasant), y 0 (drained) to 1 (energised). */
    var pad: Pair<Double, Double>? = null
    val emotions = linkedSetOf<String>()
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

    private val catalogue = catalogue()

    /** Pleasantness from the pad, −1…1. */
    val pleasantness: Double? get() = pad?.let { it.first * 2 - 1 }

    /** Energy from the pad, 0…1. */
    val energy: Double? get() = pad?.second

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
     * one, else kept as their own. Returns the close catalogue words to offer (empty
     * when the word was taken as it is).
     */
    fun addTypedFeeling(word: String): List<String> {
        val found = matchLabel(LabelKind.EMOTION, word)
        val id = found.id ?: found.own ?: return found.close
        emotions.add(id)
        return if (found.id == null) found.close else emptyList()
    }

    /** Emotion words, those of the tapped quadrant first. */
    fun emotionChoices(): List<EmotionLabel> {
        val (x, y) = pad ?: return catalogue.emotions
        val quadrant = when {
            y >= 0.5 && x >= 0.5 -> Quadrant.HIGH_ENERGY_PLEASANT
            y >= 0.5 -> Quadrant.HIGH_ENERGY_UNPLEASANT
            x < 0.5 -> Quadrant.LOW_ENERGY_UNPLEASANT
            else -> Quadrant.LOW_ENERGY_PLEASANT
        }
        return catalogue.emotions.sortedBy { if (it.quadrant == quadrant) 0 else 1 }
    }

    override fun record() = CheckInData(
        moment = clock.moment(),
        pleasantness = pleasantness,
        energy = energy,
        emotions = emotions.toList(),
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
}
