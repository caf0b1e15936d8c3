package app.respite.demo.presentation

import app.respite.core.EmergencyCard
import app.respite.core.Plan
import app.respite.core.PlanChange
import app.respite.core.PlanSection
import app.respite.core.PlanSuggestion
import app.respite.core.PracticeStatus
import app.respite.core.RespiteException
import app.respite.core.Vault
import app.respite.core.planFromText
import app.respite.core.planSuggestions
import app.respite.core.planToText

/**
 * The plan screen: view, edit with starter suggestions to pick from, save a revision,
 * compare revisions, and the emergency card.
 */
class PlanModel(private val vault: Vault) {
    /** The plan being edited (a copy of the current one until saved). */
    var draft: Plan = vault.plan().use { it.current().plan }

    /** An error to show. */
    var error: String? = null
        private set

    /** Starter suggestions for one section. */
    fun suggestions(section: PlanSection): List<PlanSuggestion> = planSuggestions().filter { it.section == section }

    /** Adds a suggestion to the draft (a practice, or a line of its section). */
    fun pick(s: PlanSuggestion) {
        val d = draft
        draft = when (s.section) {
            PlanSection.PRACTICES -> if (d.practices.any { it.id == s.id }) d else d.copy(practices = d.practices + s.practice!!)
            PlanSection.VALUES -> d.copy(values = d.values + s.text)
            PlanSection.ROLES -> d.copy(roles = d.roles + s.text)
            PlanSection.DEMANDS -> d.copy(demands = d.demands + s.text)
            PlanSection.STRESSORS -> d.copy(stressors = d.stressors + s.text)
            PlanSection.SUPPORTS_IN_PLACE -> d.copy(supportsInPlace = d.supportsInPlace + s.text)
            PlanSection.SUPPORTS_TO_REQUEST -> d.copy(supportsToRequest = d.supportsToRequest + s.text)
            PlanSection.BOUNDARIES -> d.copy(boundaries = d.boundaries + s.text)
            PlanSection.WARNING_SIGNS -> d.copy(warningSigns = d.warningSigns + app.respite.core.WarningSign(s.area!!, s.text))
            PlanSection.TRIGGERS -> d.copy(triggers = d.triggers + s.text)
            PlanSection.DEPLETES -> d.copy(depletes = d.depletes + s.text)
            PlanSection.RESTORES -> d.copy(restores = d.restores + s.text)
            PlanSection.PEOPLE -> d.copy(people = d.people + s.text)
            PlanSection.HELPS_ME_SETTLE -> d.copy(emergency = d.emergency.copy(helpsMeSettle = d.emergency.helpsMeSettle + s.text))
            PlanSection.KIND_WORDS -> d.copy(emergency = d.emergency.copy(kindWords = d.emergency.kindWords + s.text))
            PlanSection.AVOID -> d.copy(emergency = d.emergency.copy(avoid = d.emergency.avoid + s.text))
            PlanSection.PROFESSIONAL_HELP -> d.copy(emergency = d.emergency.copy(professionalHelp = d.emergency.professionalHelp + s.text))
        }
    }

    /** Retires a practice: it leaves the plan's suggestions but its history stays. */
    fun retire(practiceId: String) {
        draft = draft.copy(practices = draft.practices.map { if (it.id == practiceId) it.copy(status = PracticeStatus.RETIRED) else it })
    }

    /** Saves the draft as a new revision; returns its number, or null with [error]. */
    fun save(): UInt? = try {
        vault.plan().use { it.save(draft) }.let {
            draft = it.plan
            error = null
            it.revision
        }
    } catch (e: RespiteException) {
        error = if (e is RespiteException.InvalidInput && e.field == "plan" && e.reason == "nothing changed") "No changes to save." else Messages.forError(e)
        null
    }

    /** The draft in the core's text form (the one `respite plan edit` shows). */
    val text: String get() = planToText(draft)

    /** Saves a plan written in the text form; a mistake names the line and changes nothing. */
    fun saveText(text: String): UInt? = try {
        draft = planFromText(text)
        save()
    } catch (e: RespiteException) {
        error = Messages.forError(e)
        null
    }

    /** What changed between two revisions. */
    fun compare(from: UInt, to: UInt): List<PlanChange> = vault.plan().use { it.diff(from, to) }

    /** The emergency card, never blank. */
    fun emergencyCard(): EmergencyCard = vault.plan().use { it.emergencyCard() }
}
