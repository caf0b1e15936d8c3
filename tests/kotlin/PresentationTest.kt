// Tests of the Android demo's presentation module (plain Kotlin, no Android) on a
// desktop JVM, against the real library through the generated bindings.

import app.respite.core.*
import app.respite.demo.presentation.*
import java.io.File
import java.time.Instant
import java.time.ZoneId
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

private fun berlinClock(at: String = "2026-05-04T15:05:00Z") = FixedClock(Instant.parse(at), ZoneId.of("Europe/Berlin"))

private fun openVault(clock: Clock = berlinClock()): Pair<Vault, String> {
    val path = tempVaultPath()
    return Vault.create(path, PASSPHRASE, FLOOR) to path
}

/** Registers the presentation tests. */
fun presentationTests() {
    test("presentation: the module has no Android imports") {
        val root = File(System.getProperty("presentation.sources") ?: "android-demo/presentation/src/main/kotlin")
        val files = root.walkTopDown().filter { it.extension == "kt" }.toList()
        assertTrue(files.size >= 10)
        for (f in files) {
            assertTrue(f.readLines().none { it.startsWith("import android") || it.startsWith("import androidx") }, f.name)
        }
    }

    test("presentation: unlock creates a vault, refuses a wrong passphrase kindly, and accepts the recovery code") {
        val path = tempVaultPath()
        val store = InMemoryKeyStore()
        val model = UnlockModel(path, store)
        assertTrue(model.state is UnlockState.NoVault)
        assertNull(model.create("long enough pass", "long enough pas"))
        assertEquals("The two passphrases differ.", (model.state as UnlockState.NoVault).error)
        val code = assertNotNull(model.create("long enough pass", "long enough pass"))
        (model.state as UnlockState.Unlocked).vault.close()

        val again = UnlockModel(path, store)
        val locked = again.state as UnlockState.Locked
        assertTrue(locked.canUseDevice && locked.canUseRecoveryCode)
        again.unlockWithPassphrase("not it at all")
        assertTrue((again.state as UnlockState.Locked).error!!.startsWith("That doesn't open this vault"))
        again.unlockWithRecoveryCode(code.replaceRange(0, 1, if (code[0] == 'A') "B" else "A"))
        assertTrue((again.state as UnlockState.Locked).error!!.contains("typo"))
        again.unlockWithRecoveryCode(code.lowercase())
        assertTrue(again.state is UnlockState.Unlocked)
        again.lock()
        again.unlockWithDevice()
        assertTrue(again.state is UnlockState.Unlocked)
        // A passphrase typed in decomposed Unicode still opens a vault made in composed form.
        val accents = tempVaultPath()
        UnlockModel(accents, null).create("caf\u00e9 au lait, s'il vous pla\u00eet", "caf\u00e9 au lait, s'il vous pla\u00eet")
        val decomposed = UnlockModel(accents, null)
        decomposed.unlockWithPassphrase("cafe\u0301 au lait, s'il vous plai\u0302t")
        assertTrue(decomposed.state is UnlockState.Unlocked)
    }

    test("presentation: after a session, one value and a tap; the privacy check reviews the note") {
        val (vault, _) = openVault()
        vault.use {
            val quick = AfterSessionModel(it, berlinClock())
            quick.intensity = 7
            quick.save()
            val saved = quick.step as AfterSessionStep.Saved
            assertEquals(7.toUByte(), saved.entry.reflection!!.intensity)
            assertTrue(quick.offeredPractices.size >= 3)

            val careful = AfterSessionModel(it, berlinClock())
            careful.note = "My client Sarah Miller cried when we talked about her brother."
            careful.feelings += "heavy"
            careful.save()
            val review = careful.step as AfterSessionStep.PrivacyReview
            assertEquals(FindingKind.PERSON_NAME, review.findings.single().kind)
            careful.redactAndSave()
            assertEquals("My client [name] cried when we talked about her brother.", (careful.step as AfterSessionStep.Saved).entry.body)

            val wrong = AfterSessionModel(it, berlinClock())
            wrong.intensity = 12
            wrong.save()
            assertTrue(wrong.step is AfterSessionStep.Editing)
            assertTrue(wrong.error!!.contains("intensity"))
        }
    }

    test("presentation: a check-in from one tap on the pad, emotions of that corner first") {
        val (vault, _) = openVault()
        vault.use {
            val model = CheckInModel(it, berlinClock())
            model.pad = 0.2 to 0.9
            assertEquals(Quadrant.HIGH_ENERGY_UNPLEASANT, model.emotionChoices().first().quadrant)
            // The four recovery statements, as the catalogue lists them.
            catalogue().recoveryItems.forEachIndexed { i, item -> model.setRecovery(item.experience, i + 2) }
            assertEquals(listOf(2, 3, 4, 5), catalogue().recoveryItems.map { item -> model.recovery(item.experience) })
            val saved = assertNotNull(model.save())
            assertEquals(-0.6, saved.data.pleasantness!!, 1e-9)
            assertEquals(0.9, saved.data.energy!!, 1e-9)
            val d = saved.data
            assertEquals(listOf(2, 3, 4, 5).map { v -> v.toUByte() }.toSet(), setOf(d.detachment, d.relaxation, d.mastery, d.control))
            val empty = CheckInModel(it, berlinClock())
            assertNull(empty.save())
            assertTrue(empty.error!!.isNotEmpty())
        }
    }

    test("presentation: the transition walks its steps, skips freely, and parked items show on today") {
        val (vault, _) = openVault()
        vault.use {
            val clock = berlinClock("2026-05-04T15:05:00Z")
            val skipped = TransitionModel(it, clock)
            repeat(6) { skipped.skip() }
            assertNull(skipped.current)
            assertNull(skipped.finish())
            assertTrue(skipped.message!!.contains("Nothing to save"))

            val model = TransitionModel(it, clock)
            assertEquals(TransitionStep.PARK_IT, model.current!!.step)
            model.park("Discharge summary", "tomorrow 9:00", "my desk")
            model.next()
            model.answers = model.answers.copy(pleasantness = -0.2, energy = 0.3)
            model.next()
            model.back()
            assertEquals(TransitionStep.NAME_IT, model.current!!.step)
            model.next()
            model.answers = model.answers.copy(setDown = "The corridor argument", wentWell = listOf("The group laughed"))
            while (model.current != null) model.next()
            val entry = assertNotNull(model.finish())
            assertEquals(JournalKind.TRANSITION, entry.kind)

            val today = TodayModel(it, berlinClock("2026-05-05T06:30:00Z"))
            val parked = today.parked()
            assertEquals(listOf("Discharge summary"), parked.map { p -> p.item.what })
            today.done(parked.single())
            assertTrue(today.parked().isEmpty())

            val evening = EveningModel(it, berlinClock("2026-05-04T18:30:00Z"))
            evening.detachment = 2
            evening.workIntrusion = 3
            assertEquals(entry.id, assertNotNull(evening.save()).data.linkedTransition)
        }
    }

    test("presentation: today leads with the transition near the end of a shift") {
        val (vault, _) = openVault()
        vault.use {
            val morning = TodayModel(it, berlinClock("2026-05-04T07:30:00Z"))
            assertEquals(QuickAction.AFTER_SESSION, morning.actions().first())
            val lateAfternoon = TodayModel(it, berlinClock("2026-05-04T14:30:00Z"))
            assertEquals(QuickAction.TRANSITION, lateAfternoon.actions().first())
            assertEquals(QuickAction.EMERGENCY_CARD, lateAfternoon.actions().last())
            assertEquals(PromptKind.TRANSITION, lateAfternoon.nextPrompt()!!.kind)
        }
    }

    test("presentation: the journal pages and searches") {
        val (vault, _) = openVault()
        vault.use {
            it.journal().use { j -> repeat(45) { n -> j.add(draft(if (n == 7) "The lighthouse walk helped" else "Entry $n")) } }
            val model = JournalModel(it)
            model.loadMore()
            assertEquals(30, model.entries.size)
            model.loadMore()
            assertEquals(45, model.entries.size)
            assertFalse(model.hasMore)
            val hits = model.search("lighthouse")
            assertEquals("The lighthouse walk helped", model.open(hits.single().id).body)
        }
    }

    test("presentation: the plan is built from suggestions, saved, compared, and retires practices") {
        val (vault, _) = openVault()
        vault.use {
            val model = PlanModel(it)
            model.pick(model.suggestions(PlanSection.PRACTICES).first { s -> s.id == "evening-walk" })
            model.pick(model.suggestions(PlanSection.KIND_WORDS).first())
            model.pick(model.suggestions(PlanSection.WARNING_SIGNS).first())
            assertEquals(1u, model.save())
            assertNull(model.save())
            assertEquals("No changes to save.", model.error)
            model.retire("evening-walk")
            assertEquals(2u, model.save())
            assertEquals(ChangeKind.CHANGED, model.compare(1u, 2u).single().kind)
            val text = model.text
            val withBoundary = text.replace("### Boundaries I commit to\n", "### Boundaries I commit to\n- No email after 7pm\n")
            assertEquals(3u, model.saveText(withBoundary))
            assertEquals(listOf("No email after 7pm"), model.draft.boundaries)
            assertNull(model.saveText("## Not a section of this plan\n- x\n"))
            assertNotNull(model.error)
            assertEquals(listOf("No email after 7pm"), model.draft.boundaries, "a refused text leaves the draft as it was")
            val card = model.emergencyCard()
            assertTrue(card.kindWords.isNotEmpty() && card.usesSuggestions)
        }
    }

    test("presentation: trends become scaled charts with gaps, and insight cards with evidence") {
        val (vault, _) = openVault()
        vault.use {
            it.fillWithDemoData(1u, 9uL, "2026-05-04")
            val model = TrendsModel(it, berlinClock("2026-05-04T10:00:00Z"))
            assertEquals(11, model.charts.size)
            for (chart in model.charts) {
                assertEquals(90, chart.points.size)
                assertTrue(chart.points.all { p -> p == null || p in 0f..1f })
            }
            val detachment = model.charts.first { c -> c.metric == Metric.DETACHMENT }
            assertTrue(detachment.points.any { p -> p == null }, "weekends without an evening check stay gaps")
            val card = model.insights.first { i -> i.evidence != null }
            assertTrue(card.text.contains("go together with") && card.evidence!!.contains("interval"))
        }
    }

    test("presentation: settings change the schedule and day start; notifications reconcile by id") {
        val (vault, _) = openVault()
        vault.use {
            val settings = SettingsModel(it, AutoLockPolicy(30))
            assertTrue(settings.setDayStartHour(4))
            assertFalse(settings.setDayStartHour(20))
            assertTrue(settings.error!!.contains("day start hour"))
            val clock = berlinClock("2026-05-04T06:00:00Z")
            val planner = NotificationPlanner(it, clock)
            val first = planner.planned()
            assertTrue(first.isNotEmpty() && first.all { n -> n.title.isNotEmpty() && n.body.isNotEmpty() })
            val noEvenings = settings.schedule.copy(prompts = settings.schedule.prompts.copy(eveningCheck = false))
            assertTrue(settings.saveSchedule(noEvenings))
            val changes = planner.reconcile(first.map { n -> n.id }.toSet())
            assertTrue(changes.cancel.isNotEmpty() && changes.cancel.all { id -> id.startsWith("evening:") })
            assertTrue(changes.schedule.isEmpty())
            val text = settings.scheduleText
            assertTrue(text.contains("evening"))
            assertFalse(settings.saveScheduleText(text + "\nnot a schedule line\n"))
            assertNotNull(settings.error)
            assertEquals(text, settings.scheduleText, "a rejected text changes nothing")
            assertTrue(settings.saveScheduleText(text))
            assertFalse(settings.removeKeySlot(it.keySlots().single().id))
            assertEquals("That is your last way in, so it stays.", settings.error)
            assertNotNull(settings.newRecoveryCode())
            assertTrue(settings.removeKeySlot(it.keySlots().first { s -> s.kind == KeySlotKind.RECOVERY_CODE }.id))
        }
    }

    test("presentation: a backup and exports for the share sheet, and an import from a picked file") {
        val (vault, _) = openVault()
        vault.use {
            it.journal().use { j -> j.add(JournalDraft(kind = JournalKind.FREE, moment = berlinClock().moment(), body = "Kept for later")) }
            val folder = java.nio.file.Files.createTempDirectory("respite-share").toFile()
            val model = DataModel(it, berlinClock(), folder)
            assertNull(model.backup("long enough pass", "long enough pas"))
            assertEquals("The two passphrases differ.", model.message)
            val backup = assertNotNull(model.backup("long enough pass", "long enough pass"))
            assertTrue(backup.name == "respite-2026-05-04.backup" && model.message!!.contains("1 journal entries"))
            assertEquals(1uL, verifyBackup(backup.path, "long enough pass").journalEntries)
            val second = assertNotNull(model.backup("long enough pass", "long enough pass"))
            assertEquals("respite-2026-05-04-1.backup", second.name, "an earlier file is never overwritten")
            val json = assertNotNull(model.export(ExportFormat.JSON))
            assertTrue(model.message!!.contains("NOT encrypted"))
            assertNotNull(model.export(ExportFormat.MARKDOWN))
            val (other, _) = openVault()
            other.use { o ->
                val importer = DataModel(o, berlinClock(), folder)
                assertTrue(importer.import(ImportFormat.RESPITE, json))
                assertTrue(importer.message!!.startsWith("Imported 1 new"))
                assertFalse(importer.import(ImportFormat.DAYLIO, json))
                assertTrue(importer.message!!.contains("Daylio"))
            }
            model.clean()
            assertTrue(folder.listFiles()!!.isEmpty())
        }
    }

    test("presentation: auto-lock after the chosen time in the background") {
        val policy = AutoLockPolicy(60)
        val t = Instant.parse("2026-05-04T10:00:00Z")
        assertFalse(policy.onForeground(t))
        policy.onBackground(t)
        assertFalse(policy.onForeground(t.plusSeconds(59)))
        policy.onBackground(t)
        assertTrue(policy.onForeground(t.plusSeconds(60)))
    }
}
