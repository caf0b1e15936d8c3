package app.respite.demo.presentation

import app.respite.core.EmergencyCard
import app.respite.core.Plan
import app.respite.core.PlanChange
import app.respite.core.PlanSave
import app.respite.core.PlanSection
import app.respite.core.PlanSuggestion
import app.respite.core.PracticeStatus
import app.respite.core.RespiteException
import app.respite.core.SaveForm
import app.respite.core.Vault
import app.respite.core.planFromText
import app.respite.core.planSuggestions
import app.respite.core.planWithSuggestion
import app.respite.core.planToText

/**
 * The plan screen: view, edit with starter suggestions to pick from, save a revision,
 * compare revisions, and the emergency card. Before a revision is saved, the plan's
 * text goes through the vault's privacy check (the person's own contacts and people
 * are left out by the core; [CheckedForm]); its questions never stop the save. What
 * is saved is the revision's number.
 */
class PlanModel(private val vault: Vault) : CheckedForm<Plan, UInt>(vault, CheckedRecord.PLAN) {
    /** The plan being edited (a copy of the current one until saved). */
    var draft: Plan = vault.plan().use { it.current().plan }

    /** Starter suggestions for one section. */
    fun suggestions(section: PlanSection): List<PlanSuggestion> = planSuggestions().filter { it.section == section }

    /** Adds a suggestion to the draft, in its section (the core places it). */
    fun pick(s: PlanSuggestion) {
        draft = planWithSuggestion(draft, s)
    }

    /** Retires a practice: it leaves the plan's suggestions but its history stays. */
    fun retire(practiceId: String) {
        draft = draft.copy(practices = draft.practices.map { if (it.id == practiceId) it.copy(status = PracticeStatus.RETIRED) else it })
    }

    /** What saving the draft would change, in the core's words ("2 changes to save."), and whether there is anything to save. */
    fun pending(): PlanSave = vault.screens().use { it.planSave(draft) }

    override fun record() = draft

    override fun take(redacted: Plan) {
        draft = redacted
    }

    /** Saves the draft as a new revision (the core's copy becomes the draft); its number. */
    override fun persist(record: Plan): UInt = vault.plan().use { it.save(record) }.let {
        draft = it.plan
        it.revision
    }

    override fun failure(e: RespiteException): String = Messages.forError(e, SaveForm.PLAN)

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
