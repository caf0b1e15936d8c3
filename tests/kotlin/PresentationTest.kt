// Tests of the Android demo's presentation module (plain Kotlin, no Android) on a
// desktop JVM, against the real library through the generated bindings.

import app.respite.core.*
import app.respite.demo.presentation.*
import java.io.File
import java.time.Instant
import java.time.ZoneId
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
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
        // The confirmation may come from another keyboard, in the other Unicode form: still the same passphrase.
        val mixed = UnlockModel(tempVaultPath(), null)
        assertNotNull(mixed.create("caf\u00e9 au lait, s'il vous pla\u00eet", "cafe\u0301 au lait, s'il vous plai\u0302t"))
        assertNull(decomposed.integrityWarning)
    }

    test("presentation: a vault whose rows were tampered with opens read-only, and says so") {
        val path = tempVaultPath()
        val gone = Vault.create(path, PASSPHRASE, FLOOR).use { v ->
            v.journal().use { j -> j.add(JournalDraft(kind = JournalKind.FREE, moment = berlinClock().moment(), body = "soon gone")).id }
        }
        val script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); " +
            "c.execute('DELETE FROM journal_entries WHERE id = ?', (sys.argv[2],)); c.commit()"
        assertEquals(0, ProcessBuilder("python3", "-c", script, path, gone).inheritIO().start().waitFor())
        val model = UnlockModel(path, null)
        model.unlockWithPassphrase(PASSPHRASE)
        assertTrue(model.state is UnlockState.Unlocked)
        assertEquals(Messages.readOnly(1), model.integrityWarning)
        (model.state as UnlockState.Unlocked).vault.close()
    }

    test("presentation: after a session, one value and a tap; the privacy check asks about the note") {
        val (vault, _) = openVault()
        vault.use {
            val quick = AfterSessionModel(it, berlinClock())
            quick.intensity = 7
            quick.save()
            val saved = quick.step as AfterSessionStep.Saved
            assertEquals(7.toUByte(), saved.entry.reflection!!.intensity)
            assertNull(saved.privacyNote, "no text, so no all-clear either")
            assertTrue(quick.offeredPractices.size >= 3)

            val careful = AfterSessionModel(it, berlinClock())
            careful.note = "My client Sarah Miller cried when we talked about her brother."
            careful.feelings += "heavy"
            careful.save()
            assertEquals(AfterSessionStep.PrivacyReview, careful.step)
            val question = careful.privacy.questions.single()
            assertEquals("body", question.field)
            assertEquals(FindingKind.PERSON_NAME, question.findings.single().kind)
            assertEquals("In the text, “Sarah Miller” looks like a name. Could it identify a client?", question.question)
            assertEquals("My client [name] cried when we talked about her brother.", question.redacted)
            careful.edit()
            assertEquals(AfterSessionStep.Editing, careful.step, "back to the form, nothing saved")
            careful.save()
            careful.privacy.useRedacted(careful.privacy.questions.single())
            val redacted = careful.step as AfterSessionStep.Saved
            assertEquals("My client [name] cried when we talked about her brother.", redacted.entry.body)
            assertEquals(Messages.privacy.allClear, redacted.privacyNote, "the redacted note was checked again")

            val kept = AfterSessionModel(it, berlinClock())
            kept.note = "Mr Okafor's session ran long."
            kept.save()
            kept.privacy.keepAsWritten(kept.privacy.questions.single())
            val asWritten = kept.step as AfterSessionStep.Saved
            assertEquals("Mr Okafor's session ran long.", asWritten.entry.body)
            assertNull(asWritten.privacyNote, "something was spotted and kept: no all-clear")

            val wrong = AfterSessionModel(it, berlinClock())
            wrong.intensity = 12
            wrong.save()
            assertTrue(wrong.step is AfterSessionStep.Editing)
            assertTrue(wrong.error!!.contains("intensity"))
        }
    }

    test("presentation: the all-clear is honest, and a clean note saves in one tap") {
        val (vault, _) = openVault()
        vault.use {
            assertTrue(Messages.privacy.allClear.contains("did not spot anything that looks like a client detail"))
            assertTrue(Messages.privacy.allClear.contains("can miss some"))
            val model = AfterSessionModel(it, berlinClock())
            model.note = "Heavy session. I stayed with it and breathed."
            model.save()
            assertEquals(Messages.privacy.allClear, (model.step as AfterSessionStep.Saved).privacyNote)
        }
    }

    test("presentation: \"this is mine\" puts the finding on the allow-list, and the next check leaves it out") {
        val (vault, _) = openVault()
        vault.use {
            val model = AfterSessionModel(it, berlinClock())
            model.note = "Priya Shah rang about the referral."
            model.save()
            val question = model.privacy.questions.single()
            val finding = question.findings.single()
            assertEquals(listOf("“Priya Shah” is mine, not a client's"), question.wording.mine)
            assertEquals("Redacted: [name] rang about the referral.", question.wording.redacted)
            assertTrue(model.privacy.thisIsMine(finding))
            val saved = model.step as AfterSessionStep.Saved
            assertEquals("Priya Shah rang about the referral.", saved.entry.body)
            assertEquals(Messages.privacy.allClear, saved.privacyNote)
            assertEquals(listOf("priya shah"), AllowListModel(it).words)
            val next = AfterSessionModel(it, berlinClock())
            next.note = "Priya Shah said I did enough today."
            next.save()
            assertTrue(next.step is AfterSessionStep.Saved, "not asked about again")
        }
    }

    test("presentation: the after-session flow goes activation, paced breathing, and now") {
        val (vault, _) = openVault()
        vault.use {
            val m = AfterSessionModel(it, berlinClock())
            val p = m.breathing
            assertEquals(60u, p.totalSeconds)
            val start = assertNotNull(breathingMoment(p, 0u))
            assertEquals(BreathPhase.IN, start.step.phase)
            assertEquals(0.0, start.size)
            val midIn = assertNotNull(breathingMoment(p, 2_000u))
            assertEquals(0.5, midIn.size)
            val midOut = assertNotNull(breathingMoment(p, 7_000u))
            assertEquals(BreathPhase.OUT, midOut.step.phase)
            assertEquals(0.5, midOut.size)
            assertNull(breathingMoment(p, 60_000u), "over after a minute")
            m.intensity = 9
            m.activationBefore = 7
            m.breathed()
            m.activationAfter = 4
            val saved = assertNotNull(m.save())
            assertEquals("slow-breathing", saved.reflection?.practice)
            assertEquals(4u.toUByte(), saved.reflection?.activationAfter)
            assertNotNull(m.acknowledgement, "a heavy session gets a warm word")
        }
    }

    test("presentation: a very bad check-in brings the safety response once, an ordinary one does not") {
        val (vault, _) = openVault()
        vault.use {
            val settings = SettingsModel(it, AutoLock(30u))
            settings.adoptDeviceRegion("nz")
            assertEquals("NZ", settings.settings.crisisLineRegion)
            settings.adoptDeviceRegion("GB")
            assertEquals("NZ", settings.settings.crisisLineRegion, "a chosen region stays")

            val ordinary = CheckInModel(it, berlinClock())
            ordinary.zone = StressZone.INJURED
            ordinary.note = "long day, so tired"
            assertNotNull(ordinary.save())
            assertNull(ordinary.support)

            val drained = CheckInModel(it, berlinClock())
            val dread = drained.addTypedFeeling("Full of dread")
            assertTrue(dread.taken && dread.hint == null && dread.close.isEmpty(), "a catalogue word needs no hint")
            val own = drained.addTypedFeeling("heavvy")
            assertTrue(own.taken && "Heavy" in own.close, "kept, with close words offered")
            assertEquals("Kept as your own word “heavvy”. Close words: ${own.close.joinToString(", ")}.", own.hint)
            assertEquals(listOf("dread", "own:heavvy"), drained.emotions)
            drained.addTypedFeeling("heavvy")
            assertEquals(listOf("dread", "own:heavvy"), drained.emotions, "typed twice, chosen once")
            drained.tap(0.05, 0.1)
            drained.worthwhile = 2
            assertNotNull(drained.save())
            val response = assertNotNull(drained.support)
            assertEquals(listOf(SafetyReason.VERY_LOW_AND_DRAINED), response.reasons)
            assertEquals("NZ", response.crisisLine?.region)
            assertEquals(2u.toUByte(), drained.saved?.data?.worthwhile)

            val words = AfterSessionModel(it, berlinClock())
            words.note = "I don't want to be here anymore."
            assertNotNull(words.save())
            assertNull(words.support, "at most once a day")
        }
    }

    test("presentation: the check-in note and the evening note are asked about before saving, never held back") {
        val (vault, _) = openVault()
        vault.use {
            val checkin = CheckInModel(it, berlinClock())
            checkin.tap(0.3, 0.4)
            checkin.note = "Mr Okafor's mother rang the ward."
            assertNull(checkin.save())
            assertTrue(checkin.reviewing)
            assertNull(checkin.saved)
            val question = checkin.privacy.questions.single()
            assertEquals("note", question.field)
            assertTrue(question.question.startsWith("In the note, “Mr Okafor” looks like a name."))
            checkin.privacy.keepAsWritten(question)
            assertFalse(checkin.reviewing)
            assertEquals("Mr Okafor's mother rang the ward.", assertNotNull(checkin.saved).data.note)
            assertNull(checkin.privacyNote)

            val clean = CheckInModel(it, berlinClock())
            clean.tap(0.8, 0.8)
            clean.note = "A good lunch outside."
            assertNotNull(clean.save())
            assertEquals(Messages.privacy.allClear, clean.privacyNote)

            val evening = EveningModel(it, berlinClock("2026-05-04T18:30:00Z"))
            evening.detachment = 3
            evening.note = "Call back 555-201-3344 first thing."
            assertNull(evening.save())
            assertTrue(evening.reviewing)
            val phone = evening.privacy.questions.single()
            assertEquals(FindingKind.PHONE_NUMBER, phone.findings.single().kind)
            assertEquals("In the note, “555-201-3344” looks like a phone number. Could it identify a client?", phone.question)
            evening.privacy.useRedacted(phone)
            assertEquals("Call back [phone number] first thing.", assertNotNull(evening.saved).data.note)
            assertEquals("Call back [phone number] first thing.", evening.note)
            assertEquals(Messages.privacy.allClear, evening.privacyNote)

            val fuller = EveningModel(it, berlinClock("2026-05-05T18:30:00Z"))
            fuller.detachment = 4
            fuller.relaxation = 3
            fuller.control = 5
            val saved = assertNotNull(fuller.save())
            assertEquals(listOf(4, 3, null, 5), listOf(saved.data.detachment, saved.data.relaxation, saved.data.mastery, saved.data.control).map { v -> v?.toInt() })
        }
    }

    test("presentation: when the core cannot redact, the question stays open and nothing is saved in its place") {
        val (vault, _) = openVault()
        vault.use {
            var reads = 0
            var resolved = false
            val review = PrivacyReview(
                it,
                CheckedRecord.CHECKIN,
                read = {
                    reads++
                    // The third read is the redaction's own (after the question and the check again): the vault locks just then.
                    if (reads == 3) it.lock()
                    CheckInData(moment = now(), note = "Mr Okafor's mother rang the ward.")
                },
                take = { throw AssertionError("nothing was redacted, so nothing comes back") },
                resolved = { resolved = true },
            )
            assertTrue(review.run())
            review.useRedacted(review.questions.single())
            assertEquals(3, reads)
            assertEquals("note", review.questions.single().field, "still asked")
            assertEquals(Messages.forError(RespiteException.Locked()), review.error)
            assertFalse(resolved, "not saved as written in place of the redaction")
        }
    }

    test("presentation: each transition answer is checked as soon as it is entered; questions stay until answered") {
        val (vault, _) = openVault()
        vault.use {
            val clock = berlinClock("2026-05-04T15:05:00Z")
            val model = TransitionModel(it, clock)
            // An emoji before the name: offsets are UTF-16 units of the field's own text.
            val what = "\uD83C\uDF27\uFE0F Ring Priya Shah's mum about the referral"
            model.park(what, "tomorrow 9:00", null)
            val parked = model.privacy.questions.single()
            assertEquals("parked 1", parked.field)
            assertEquals(9u to 19u, parked.findings.single().let { f -> f.start to f.end })
            assertEquals("In parked item 1, “Priya Shah” looks like a name. Could it identify a client?", parked.question)
            assertEquals(TransitionStep.PARK_IT, model.current!!.step, "a question never holds the flow")
            model.next()
            model.next()
            assertEquals(TransitionStep.SET_DOWN, model.current!!.step)
            model.answers = model.answers.copy(setDown = "Sitting with Jonah Reyes' silence")
            model.entered()
            assertEquals(listOf("parked 1", "set down"), model.privacy.questions.map { q -> q.field })
            model.privacy.useRedacted(parked)
            assertEquals("\uD83C\uDF27\uFE0F Ring [name]'s mum about the referral", model.answers.parked.single().what)
            assertEquals("tomorrow 9:00", model.answers.parked.single().`when`)
            assertEquals("Sitting with Jonah Reyes' silence", model.answers.setDown, "only the chosen field is redacted")
            assertEquals(listOf("set down"), model.privacy.questions.map { q -> q.field })
            model.next()
            model.answers = model.answers.copy(wentWell = listOf("The group laughed", "Mr Okafor's family thanked the team"))
            model.next()
            val wentWell = model.privacy.questions.first { q -> q.field == "went well 2" }
            model.privacy.useRedacted(wentWell)
            assertEquals(listOf("The group laughed", "[name]'s family thanked the team"), model.answers.wentWell)
            val jonah = model.privacy.questions.single().findings.single()
            assertTrue(model.privacy.thisIsMine(jonah))
            assertTrue(model.privacy.questions.isEmpty())
            while (model.current != null) model.next()
            assertEquals(Messages.privacy.allClear, model.privacy.allClear)
            val entry = assertNotNull(model.finish())
            assertEquals("\uD83C\uDF27\uFE0F Ring [name]'s mum about the referral", entry.transition!!.parked.single().what)
            assertEquals("Sitting with Jonah Reyes' silence", entry.transition!!.setDown)
            assertEquals(Messages.privacy.allClear, model.privacyNote)

            // Unanswered questions never stop the save: the text is kept as written.
            val hurried = TransitionModel(it, clock)
            hurried.park("Letter for Mr Okafor", null, null)
            val stale = hurried.privacy.questions.single()
            hurried.answers = hurried.answers.copy(parked = listOf(ParkedItemDraft("Letter for Mr Okafor and his sister")))
            hurried.privacy.useRedacted(stale)
            assertEquals("Letter for Mr Okafor and his sister", hurried.answers.parked.single().what, "newer writing is never overwritten")
            assertEquals("Letter for [name] and his sister", hurried.privacy.questions.single().redacted, "asked afresh")
            while (hurried.current != null) hurried.skip()
            val kept = assertNotNull(hurried.finish())
            assertEquals("Letter for Mr Okafor and his sister", kept.transition!!.parked.single().what)
            assertNull(hurried.privacyNote)
        }
    }

    test("presentation: a journal entry's title, text and tags are checked together") {
        val (vault, _) = openVault()
        vault.use {
            val model = JournalEntryModel(it, berlinClock())
            model.title = "After Mr Okafor"
            model.body = "I kept thinking about the phone call."
            model.tags = listOf("grief", "", "call 555-201-3344")
            assertNull(model.save())
            assertTrue(model.reviewing)
            assertEquals(listOf("title", "tag 2"), model.privacy.questions.map { q -> q.field })
            assertEquals("In “tag 2”, “555-201-3344” looks like a phone number. Could it identify a client?", model.privacy.questions[1].question)
            model.privacy.useRedacted(model.privacy.questions[1])
            assertTrue(model.reviewing, "one question still open")
            assertEquals(listOf("grief", "call [phone number]"), model.tags)
            assertEquals("After Mr Okafor", model.title, "redacting a tag leaves the title as written")
            model.edit()
            model.body = "I kept thinking about Priya Shah's phone call."
            assertNull(model.save())
            assertEquals(listOf("title", "body"), model.privacy.questions.map { q -> q.field })
            model.privacy.keepAllAsWritten()
            val entry = assertNotNull(model.saved)
            assertEquals("I kept thinking about Priya Shah's phone call.", entry.body)
            assertEquals("After Mr Okafor", entry.title)
            assertEquals(listOf("grief", "call [phone number]"), entry.tags)
            assertEquals(JournalKind.FREE, entry.kind)
        }
    }

    test("presentation: a plan edit is checked before the revision is saved; its own people are left out") {
        val (vault, _) = openVault()
        vault.use {
            val model = PlanModel(it)
            model.draft = model.draft.copy(
                values = listOf("Being there for Mr Okafor's family"),
                people = listOf("Priya Shah"),
                emergency = model.draft.emergency.copy(contacts = listOf(Contact("Priya Shah", "555-201-3344"))),
            )
            assertNull(model.save())
            assertTrue(model.reviewing)
            val question = model.privacy.questions.single()
            assertEquals("value 1", question.field)
            assertEquals("In “value 1”, “Mr Okafor” looks like a name. Could it identify a client?", question.question)
            model.privacy.useRedacted(question)
            assertEquals(1u, model.saved)
            assertFalse(model.reviewing)
            assertEquals(listOf("Being there for [name]'s family"), model.draft.values)
            assertEquals(listOf("Priya Shah"), model.draft.people)
            assertEquals(Messages.privacy.allClear, model.privacyNote)

            // The text form: the same check, and the same answers.
            val text = model.text.replace("### Boundaries I commit to\n", "### Boundaries I commit to\n- No calls from Mr Okafor after 7pm\n")
            assertNull(model.saveText(text))
            assertEquals("boundary 1", model.privacy.questions.single().field)
            model.privacy.keepAsWritten(model.privacy.questions.single())
            assertEquals(2u, model.saved)
            assertEquals(listOf("No calls from Mr Okafor after 7pm"), model.draft.boundaries)

            // Redacting one field (the core writes it back by its own name) leaves every other as written.
            val walk = planSuggestions().first { s -> s.id == "evening-walk" }.practice!!
            model.draft = model.draft.copy(
                practices = model.draft.practices + walk.copy(id = "walk-okafor", barrier = "When Mr Okafor's file is open", workaround = null),
                emergency = model.draft.emergency.copy(kindWords = listOf("You did enough", "Mr Okafor is not yours to carry")),
            )
            val n = model.draft.practices.size
            assertNull(model.save())
            assertEquals(listOf("kind words 2", "practice $n barrier"), model.privacy.questions.map { q -> q.field }, "the boundary kept as written is not asked again")
            model.privacy.useRedacted(model.privacy.questions[1])
            assertTrue(model.reviewing, "the kind words are still asked about")
            assertEquals("When [name]'s file is open", model.draft.practices.last().barrier)
            assertEquals(walk.name, model.draft.practices.last().name)
            assertEquals(listOf("You did enough", "Mr Okafor is not yours to carry"), model.draft.emergency.kindWords)
            assertEquals(listOf("No calls from Mr Okafor after 7pm"), model.draft.boundaries)
            assertEquals(listOf("Priya Shah"), model.draft.people)
            model.privacy.keepAllAsWritten()
            assertEquals(3u, model.saved)
            assertEquals("When [name]'s file is open", model.draft.practices.last().barrier)
        }
    }

    test("presentation: settings list, add and remove the words that are mine") {
        val (vault, _) = openVault()
        vault.use {
            val model = AllowListModel(it)
            assertTrue(model.words.isEmpty())
            assertTrue(model.add("Priya"))
            assertEquals("“Priya” won't be asked about again.", model.message)
            assertEquals(listOf("priya"), model.words)
            assertTrue(model.add("priya"))
            assertEquals("“priya” is already on your list.", model.message)
            assertFalse(model.add("  "))
            assertEquals("Type a word or name first.", model.message)
            assertEquals(listOf("priya"), model.words)
            assertTrue(model.add("Sam Carter"))
            assertEquals(listOf("priya", "sam carter"), model.words)
            val note = CheckInModel(it, berlinClock())
            note.note = "Priya Shah rang about the referral, then Sam Carter."
            assertNotNull(note.save(), "allowed words are not asked about")
            val mixed = CheckInModel(it, berlinClock())
            mixed.note = "Rang Priya Shah's mum about Mr Okafor."
            assertNull(mixed.save())
            val okafor = mixed.privacy.questions.single()
            assertEquals(listOf("Mr Okafor"), okafor.findings.map { f -> f.text })
            mixed.privacy.useRedacted(okafor)
            assertEquals("Rang Priya Shah's mum about [name].", assertNotNull(mixed.saved).data.note, "the allowed name stays as written")
            assertTrue(model.remove("priya"))
            assertEquals("“priya” is off your list; the check will ask about it again.", model.message)
            assertTrue(model.remove("priya"))
            assertEquals("“priya” was not on your list.", model.message)
            assertEquals(listOf("sam carter"), model.words)

            it.lock()
            val locked = AllowListModel(it)
            assertEquals(Messages.forError(RespiteException.Locked()), locked.message)
            assertFalse(locked.add("Sam"))
            // A locked vault: the check cannot run, the save is still attempted, and says why it failed.
            val capture = AfterSessionModel(it, berlinClock())
            capture.note = "Mr Okafor"
            capture.save()
            assertEquals(AfterSessionStep.Editing, capture.step)
            assertEquals(Messages.forError(RespiteException.Locked()), capture.error)
        }
    }

    test("presentation: every capture model asks through the one shared privacy helper, and none maps field names to fields") {
        val root = File(System.getProperty("presentation.sources") ?: "android-demo/presentation/src/main/kotlin")
        val files = root.walkTopDown().filter { f -> f.extension == "kt" }.associate { f -> f.name to f.readText() }
        assertEquals(setOf("PrivacyReview.kt", "AllowListModel.kt"), files.filterValues { t -> ".privacy()" in t }.keys)
        assertTrue(files.values.none { t -> "privacyCheck(" in t }, "the plain check ignores the allow-list")
        assertEquals(setOf("PrivacyReview.kt"), files.filterValues { t -> "PrivacyQuestion(" in t || ".redact" in t }.keys)
        // The review is made in one place, for every form that saves through the check.
        val reviews = files.mapValues { (_, t) -> Regex("""= PrivacyReview\(""").findAll(t).count() }.filterValues { c -> c > 0 }
        assertEquals(mapOf("PrivacyReview.kt" to 1), reviews)
        val forms = mapOf("AfterSessionModel.kt" to 1, "CheckInModel.kt" to 1, "TransitionModel.kt" to 2, "JournalModel.kt" to 1, "PlanModel.kt" to 1)
        for ((name, count) in forms) assertEquals(count, Regex("""\)\s*:\s*CheckedForm<""").findAll(files.getValue(name)).count(), name)
        // Nothing here names fields ("parked 2 when" → "when you'll pick up parked item 2"): the core words the questions.
        val nameMap = Regex("""(?<!\.)\bfield\s*==|matchEntire\(field\)|when \(field\)|\.copy\(`?when`?\s*=""")
        assertEquals(emptySet(), files.filterValues { t -> nameMap.containsMatchIn(t) }.keys)
    }

    test("presentation: a check-in from one tap on the pad, emotions of that corner first") {
        val (vault, _) = openVault()
        vault.use {
            val model = CheckInModel(it, berlinClock())
            assertEquals(catalogue().emotions, model.emotionChoices(), "no tap yet: the catalogue's order")
            assertFalse(model.check().canSave)
            model.tap(0.2, 0.9)
            assertEquals(Quadrant.HIGH_ENERGY_UNPLEASANT, model.pad!!.quadrant)
            assertEquals(Quadrant.HIGH_ENERGY_UNPLEASANT, model.emotionChoices().first().quadrant)
            assertEquals(catalogue().emotions.toSet(), model.emotionChoices().toSet(), "reordered, none left out")
            assertTrue(model.check().canSave)
            assertFailsWith<RespiteException.InvalidInput> { model.tap(Double.NaN, 0.5) }
            assertEquals(Quadrant.HIGH_ENERGY_UNPLEASANT, model.pad!!.quadrant, "a refused tap changes nothing")
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
            assertEquals("One tap on the pad is enough to save.", empty.error, "nothing to save, in the form's words")
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
            val parked = today.screen.parked
            assertEquals(listOf("Discharge summary"), parked.map { p -> p.item.what })
            today.done(parked.single())
            assertTrue(today.screen.parked.isEmpty(), "done, and the screen laid out again")

            val evening = EveningModel(it, berlinClock("2026-05-04T18:30:00Z"))
            evening.detachment = 2
            evening.workIntrusion = 3
            assertEquals(entry.id, assertNotNull(evening.save()).data.linkedTransition)
        }
    }

    test("presentation: today leads with the transition near the end of a shift") {
        val (vault, _) = openVault()
        vault.use {
            val morning = TodayModel(it, berlinClock("2026-05-04T07:30:00Z")).screen
            assertEquals(QuickAction.AFTER_SESSION, morning.actions.first().action)
            assertTrue(morning.actions.none { a -> a.leading })
            assertEquals("2026-05-04", morning.localDay)
            val clock = berlinClock("2026-05-04T14:30:00Z")
            val lateAfternoon = TodayModel(it, clock)
            val actions = lateAfternoon.screen.actions
            assertEquals(QuickAction.TRANSITION, actions.first().action)
            assertTrue(actions.first().leading)
            assertEquals("Leave work at work", actions.first().label)
            assertEquals(QuickAction.EMERGENCY_CARD, actions.last().action)
            assertEquals(QuickAction.entries.toSet(), actions.map { a -> a.action }.toSet(), "every action, each once")
            assertEquals(PromptKind.TRANSITION, lateAfternoon.screen.next!!.kind)
            // Once the transition is saved, it no longer leads that day.
            val flow = TransitionModel(it, clock)
            flow.answers = flow.answers.copy(setDown = "The long afternoon")
            assertNotNull(flow.finish())
            lateAfternoon.refresh()
            assertFalse(lateAfternoon.screen.actions.first().leading)
            // In the evening, the evening check leads.
            val evening = TodayModel(it, berlinClock("2026-05-04T18:30:00Z")).screen
            assertEquals(QuickAction.EVENING_CHECK, evening.actions.first().action)
        }
    }

    test("presentation: the transition's bar, label and buttons come from the core and move with each step") {
        val (vault, _) = openVault()
        vault.use {
            val model = TransitionModel(it, berlinClock())
            val count = model.script.steps.size
            assertEquals(6, count)
            assertEquals(0.0, model.position.progress)
            assertEquals("Step 1 of 6", model.position.label)
            assertFalse(model.position.canGoBack)
            assertEquals("Skip", model.position.forwardLabel, "nothing answered yet")
            model.park("Discharge summary", "  ", null)
            assertNull(model.answers.parked.single().`when`, "a blank time is none")
            model.park("   ", null, null)
            assertEquals(1, model.answers.parked.size, "a blank item is not parked")
            model.unpark(5)
            assertEquals(1, model.answers.parked.size)
            // The position is the core's answer to the last move; re-read it after an answer.
            model.back()
            assertEquals("Next", model.position.forwardLabel)
            val seen = mutableListOf(model.position.progress)
            repeat(count) {
                model.next()
                seen += model.position.progress
            }
            assertEquals((0..count).map { n -> n.toDouble() / count }, seen)
            assertNull(model.current)
            assertEquals("Ready to save", model.position.label)
            assertEquals("Save and go home", model.position.forwardLabel)
            assertTrue(model.position.canGoBack)
            model.next()
            assertEquals(1.0, model.position.progress, "no further than the save page")
            model.back()
            assertEquals(TransitionStep.END_OF_DAY, model.current!!.step)
        }
    }

    test("presentation: went-well answers stay in the field they were typed in, through a redaction") {
        val (vault, _) = openVault()
        vault.use {
            val model = TransitionModel(it, berlinClock())
            model.setWentWell(1, "Mr Okafor's family thanked the team")
            model.setWentWell(2, "Lunch outside")
            assertEquals(listOf("", "Mr Okafor's family thanked the team", "Lunch outside"), model.wentWell)
            assertEquals(listOf("Mr Okafor's family thanked the team", "Lunch outside"), model.answers.wentWell)
            model.entered()
            val question = model.privacy.questions.single()
            assertEquals("went well 1", question.field)
            model.privacy.useRedacted(question)
            assertEquals(listOf("", "[name]'s family thanked the team", "Lunch outside"), model.wentWell)
            model.setWentWell(7, "ignored")
            assertEquals(3, model.wentWell.size)
            model.setMood(1.4, -0.2)
            assertEquals(1.0 to 0.0, model.answers.pleasantness to model.answers.energy, "a tap past the edge is on it")
            model.toggleFeeling("tired")
            model.toggleFeeling("calm")
            model.toggleFeeling("tired")
            assertEquals(listOf("calm"), model.answers.feelings)
            val entry = assertNotNull(model.finish())
            assertEquals(listOf("[name]'s family thanked the team", "Lunch outside"), entry.transition!!.wentWell)
        }
    }

    test("presentation: the check-in and evening forms show the core's hints and allow a save only when it would be taken") {
        val (vault, _) = openVault()
        vault.use {
            val checkin = CheckInModel(it, berlinClock())
            val empty = checkin.check()
            assertFalse(empty.canSave)
            assertEquals(listOf("check_in"), empty.hints.map { h -> h.field })
            assertEquals("One tap on the pad is enough to save.", empty.hints.single().text)
            checkin.sleepHours = 30.0
            val tooLong = checkin.check()
            assertFalse(tooLong.canSave)
            assertEquals(listOf("sleep_hours"), tooLong.hints.map { h -> h.field })
            assertTrue(tooLong.hints.single().text.startsWith("Hours slept "))
            assertNull(checkin.save(), "the core refuses what the hint names")
            assertTrue(checkin.error!!.startsWith("Please check sleep hours: "), checkin.error)
            checkin.sleepHours = 7.5
            assertTrue(checkin.check().canSave)
            assertTrue(checkin.check().hints.isEmpty())
            assertNotNull(checkin.save())

            val evening = EveningModel(it, berlinClock("2026-05-04T18:30:00Z"))
            assertFalse(evening.check().canSave)
            assertTrue(evening.check().hints.single().text.contains("not tonight is fine"))
            evening.workIntrusion = 2
            assertTrue(evening.check().canSave)
            assertNotNull(evening.save())
        }
    }

    test("presentation: the core words every error, passed back to it from Kotlin") {
        assertEquals("Please check sleep hours: must be at most 24.", Messages.forError(RespiteException.InvalidInput("sleep_hours", "must be at most 24")))
        assertEquals("Your device couldn't save just now (disk full). Nothing was lost.", Messages.forError(RespiteException.Storage("disk full")))
        assertEquals("Something went wrong. Nothing was lost.", Messages.forError(IllegalStateException("not from the core")))
        val skipped = RespiteException.InvalidInput("answers", "every step was skipped: nothing to save")
        assertEquals("Nothing to save tonight, and that's fine.", Messages.forError(skipped, SaveForm.EVENING))
        assertTrue(Messages.readOnly(2).startsWith("Your vault opened read-only: 2 of its records"))
        val (vault, _) = openVault()
        vault.use {
            val plan = PlanModel(it)
            assertNull(plan.save(), "an unchanged plan is not saved")
            assertEquals("No changes to save.", plan.error)
        }
    }

    test("presentation: the plan editor says what a save would change, and nothing to save is not a save") {
        val (vault, _) = openVault()
        vault.use {
            val model = PlanModel(it)
            val none = model.pending()
            assertFalse(none.canSave)
            assertEquals("No changes to save.", none.summary)
            model.pick(planSuggestions().first { s -> s.section == PlanSection.VALUES })
            val one = model.pending()
            assertTrue(one.canSave)
            assertEquals("1 change to save.", one.summary)
            assertEquals(ChangeKind.ADDED, one.changes.single().kind)
            assertEquals(1u, model.save())
            assertFalse(model.pending().canSave, "the saved revision is the draft now")
        }
    }

    test("presentation: the journal pages and searches") {
        val (vault, _) = openVault()
        vault.use {
            it.journal().use { j -> repeat(45) { n -> j.add(draft(if (n == 7) "The lighthouse walk helped" else "Entry $n")) } }
            val model = JournalModel(it)
            model.loadMore()
            assertEquals(30, model.entries.size)
            val drawn = model.entries
            model.loadMore()
            assertEquals(45, model.entries.size)
            assertTrue(drawn !== model.entries && drawn.size == 30, "a new list, so Compose sees the change")
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
            assertTrue(model.charts.first().scale.contains("higher is better"), model.charts.first().scale)
            assertTrue(model.zones.startsWith("Of "), model.zones)
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
            val settings = SettingsModel(it, AutoLock(30u))
            assertTrue(settings.setDayStartHour(4))
            assertFalse(settings.setDayStartHour(20))
            assertTrue(settings.error!!.contains("day start hour"))
            val clock = berlinClock("2026-05-04T06:00:00Z")
            val planner = NotificationPlanner(it, clock)
            val first = planner.reconcile(emptySet()).schedule
            assertTrue(first.isNotEmpty() && first.all { n -> n.title.isNotEmpty() && n.body.isNotEmpty() })
            val inLine = planner.reconcile(first.map { n -> n.id }.toSet())
            assertTrue(inLine.schedule.isEmpty() && inLine.cancel.isEmpty(), "already in line: nothing to do")
            assertEquals(listOf("gone:1"), planner.reconcile(first.map { n -> n.id }.toSet() + "gone:1").cancel)
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
            assertFalse(settings.removeKeySlot(PASSPHRASE, it.keySlots().single().id))
            assertEquals("That is your last way in, so it stays.", settings.error)
            assertNull(settings.newRecoveryCode("not the passphrase at all"), "the current passphrase is asked for again")
            assertEquals(Messages.forError(RespiteException.WrongSecret()), settings.error)
            assertNotNull(settings.newRecoveryCode(PASSPHRASE))
            assertTrue(settings.removeKeySlot(PASSPHRASE, it.keySlots().first { s -> s.kind == KeySlotKind.RECOVERY_CODE }.id))
            assertNotNull(settings.passphraseHint("Summer2024"))
            assertNull(settings.passphraseHint("walk the long way home"))
            assertFalse(settings.changePassphrase(PASSPHRASE, "12345678", "12345678"))
            assertTrue(settings.error!!.startsWith("That passphrase would be easy to guess."), settings.error)
            val rotation = assertNotNull(settings.replaceVaultKey(PASSPHRASE))
            assertTrue(rotation.recordsResealed > 0uL)
            assertNull(rotation.recoveryCode, "the recovery code was removed above")
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

    test("presentation: auto-lock after the chosen time in the background, waiting once for a system screen") {
        AutoLock(60u).use { lock ->
            val t = Instant.parse("2026-05-04T10:00:00Z")
            assertFalse(lock.onForeground(t))
            lock.onBackground(t)
            assertFalse(lock.onForeground(t.plusSeconds(59)))
            lock.onBackground(t)
            assertTrue(lock.onForeground(t.plusSeconds(60)))
            // Handed to the file picker or the share sheet: it waits for the person.
            lock.handOff()
            assertEquals(600u, lock.lockAfterSeconds(), "ten minutes")
            lock.onBackground(t)
            assertFalse(lock.onForeground(t.plusSeconds(300)))
            // Only once: the next time away counts as usual.
            assertEquals(60u, lock.lockAfterSeconds())
            lock.setTimeoutSeconds(0u)
            lock.onBackground(t)
            assertTrue(lock.onForeground(t), "at once")
        }
    }
}
