// Tests of the generated Kotlin bindings against the real Respite library, on a
// desktop JVM. Run by tests/kotlin/run.sh through TestRunner.kt.

import app.respite.core.*
import java.io.File
import java.nio.file.Files
import java.security.SecureRandom
import java.time.Instant
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import javax.crypto.Cipher
import javax.crypto.spec.GCMParameterSpec
import javax.crypto.spec.SecretKeySpec
import kotlin.concurrent.thread
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue

const val PASSPHRASE = "a kind voice in a long day"
const val FLOOR = 100_000u

/** The passphrase asked for again before the ways to unlock change. */
val CURRENT = CurrentSecret.Passphrase(PASSPHRASE)

/** Stands in for the Android Keystore: AES-256-GCM with a key held in memory. */
class InMemoryKeyStore(private val key: ByteArray = ByteArray(32).also { SecureRandom().nextBytes(it) }) :
    DeviceKeyStore {
    override fun seal(plaintext: ByteArray): ByteArray {
        val nonce = ByteArray(12).also { SecureRandom().nextBytes(it) }
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeySpec(key, "AES"), GCMParameterSpec(128, nonce))
        return nonce + cipher.doFinal(plaintext)
    }

    override fun open(sealed: ByteArray): ByteArray {
        try {
            val cipher = Cipher.getInstance("AES/GCM/NoPadding")
            cipher.init(Cipher.DECRYPT_MODE, SecretKeySpec(key, "AES"), GCMParameterSpec(128, sealed, 0, 12))
            return cipher.doFinal(sealed, 12, sealed.size - 12)
        } catch (e: java.security.GeneralSecurityException) {
            throw RespiteException.DeviceKey("the key store could not open the secret")
        }
    }
}

/** A key store whose platform call fails in a way the bindings did not expect. */
class BrokenKeyStore : DeviceKeyStore {
    override fun seal(plaintext: ByteArray): ByteArray = throw IllegalStateException("keystore exploded")
    override fun open(sealed: ByteArray): ByteArray = throw IllegalStateException("keystore exploded")
}

fun tempVaultPath(): String {
    val dir = Files.createTempDirectory("respite-kotlin").toFile()
    dir.deleteOnExit()
    return File(dir, "vault.db").path
}

fun now(offsetMinutes: Int = 60) = LocalMoment(Instant.now(), offsetMinutes)

fun draft(body: String, kind: JournalKind = JournalKind.FREE, moment: LocalMoment = now()) =
    JournalDraft(kind = kind, moment = moment, body = body)

/** The privacy area of a new vault (its allow-list empty), for the identifier check's tests. */
fun <T> withPrivacy(body: (Privacy) -> T): T =
    Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault -> vault.privacy().use(body) }

/** Registers the tests of the generated bindings. */
fun bindingTests(fixtureDir: File) {

    test("create, write, reopen and unlock by passphrase") {
        val path = tempVaultPath()
        val written = Vault.create(path, PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                journal.add(
                    JournalDraft(
                        kind = JournalKind.AFTER_SESSION,
                        moment = LocalMoment(Instant.parse("2026-05-04T09:30:00Z"), 120),
                        title = "After the 11 am session",
                        body = "Intensity 7. Grounding helped.",
                        tags = listOf("grounding"),
                    ),
                )
            }
        }
        assertEquals(1u, written.revision)
        assertEquals("2026-05-04", written.localDay)
        Vault.open(path).use { vault ->
            assertTrue(vault.isLocked())
            vault.unlockWithPassphrase(PASSPHRASE)
            vault.journal().use { journal ->
                assertEquals(written, journal.get(written.id))
                val page = journal.list(0u, 10u)
                assertEquals(listOf(written), page.entries)
                assertTrue(page.damaged.isEmpty())
                assertFalse(page.hasMore)
            }
        }
    }

    test("a wrong passphrase raises WrongSecret") {
        val path = tempVaultPath()
        Vault.create(path, PASSPHRASE, FLOOR).use { }
        Vault.open(path).use { vault ->
            assertFailsWith<RespiteException.WrongSecret> { vault.unlockWithPassphrase("not it at all") }
            assertTrue(vault.isLocked())
        }
    }

    test("a locked vault raises Locked") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                val id = journal.add(draft("before locking")).id
                vault.lock()
                assertFailsWith<RespiteException.Locked> { journal.get(id) }
                assertFailsWith<RespiteException.Locked> { journal.add(draft("after locking")) }
                vault.unlockWithPassphrase(PASSPHRASE)
                assertEquals("before locking", journal.get(id).body)
            }
        }
    }

    test("a device slot implemented in Kotlin unlocks the vault") {
        val path = tempVaultPath()
        val store = InMemoryKeyStore()
        Vault.create(path, PASSPHRASE, FLOOR).use { vault ->
            val slot = vault.addDeviceSlot(CURRENT, store)
            assertEquals(KeySlotKind.DEVICE, slot.kind)
            vault.journal().use { it.add(draft("unlocked by the device")) }
        }
        Vault.open(path).use { vault ->
            vault.unlockWithDevice(store)
            vault.journal().use { assertEquals(1uL, it.count()) }
            vault.lock()
            assertFailsWith<RespiteException.DeviceKey> { vault.unlockWithDevice(InMemoryKeyStore()) }
            assertTrue(vault.isLocked())
        }
    }

    test("an unexpected key store failure becomes a DeviceKey error, not a crash") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            assertFailsWith<RespiteException.DeviceKey> { vault.addDeviceSlot(CURRENT, BrokenKeyStore()) }
            assertEquals(1, vault.keySlots().size)
        }
    }

    test("a recovery code unlocks in any typed form; the last slot stays") {
        val path = tempVaultPath()
        val code = Vault.create(path, PASSPHRASE, FLOOR).use { it.createRecoveryCode(CURRENT) }
        assertEquals(7, code.split("-").size)
        Vault.open(path).use { vault ->
            vault.unlockWithRecoveryCode(code.lowercase().replace("-", ""))
            val slots = vault.keySlots()
            assertEquals(listOf(KeySlotKind.PASSPHRASE, KeySlotKind.RECOVERY_CODE), slots.map { it.kind })
            val withCode = CurrentSecret.RecoveryCode(code)
            vault.removeKeySlot(withCode, slots[0].id)
            assertFailsWith<RespiteException.LastKeySlot> { vault.removeKeySlot(withCode, slots[1].id) }
            val typo = code.replaceRange(0, 1, if (code[0] == 'A') "B" else "A")
            vault.lock()
            val error = assertFailsWith<RespiteException.InvalidInput> { vault.unlockWithRecoveryCode(typo) }
            assertEquals("recovery_code", error.field)
        }
    }

    test("changing the passphrase keeps every entry") {
        val path = tempVaultPath()
        Vault.create(path, PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { j -> repeat(3) { j.add(draft("entry $it")) } }
            assertFailsWith<RespiteException.WrongSecret> {
                vault.changePassphrase(CurrentSecret.Passphrase("not the passphrase at all"), "an entirely new passphrase")
            }
            vault.changePassphrase(CURRENT, "an entirely new passphrase")
        }
        Vault.open(path).use { vault ->
            assertFailsWith<RespiteException.WrongSecret> { vault.unlockWithPassphrase(PASSPHRASE) }
            vault.unlockWithPassphrase("an entirely new passphrase")
            vault.journal().use { assertEquals(3uL, it.count()) }
        }
    }

    test("the strength estimate refuses guessable passphrases with advice, through the bindings") {
        val weak = passphraseStrength("Summer2024")
        assertFalse(weak.acceptable)
        assertTrue(weak.feedback.isNotEmpty())
        val strong = passphraseStrength("walk the long way home")
        assertTrue(strong.acceptable, "${strong.bits} bits")
        assertTrue(strong.feedback.isEmpty())
        val error = assertFailsWith<RespiteException.InvalidInput> { Vault.create(tempVaultPath(), "12345678", FLOOR) }
        assertEquals("passphrase", error.field)
        assertTrue(error.reason.contains("guess"), error.reason)
        // The same words typed composed or decomposed open the same vault.
        val path = tempVaultPath()
        Vault.create(path, "caf\u00e9 au lait, slowly", FLOOR).close()
        Vault.open(path).use { it.unlockWithPassphrase("cafe\u0301 au lait, slowly") }
    }

    test("rotating the key re-seals every record and replaces the recovery code") {
        val path = tempVaultPath()
        Vault.create(path, PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { j -> repeat(3) { j.add(draft("entry $it")) } }
            val code = vault.createRecoveryCode(CURRENT)
            val rotation = vault.rotateKey(CURRENT, null)
            assertEquals(3uL, rotation.recordsResealed)
            val newCode = checkNotNull(rotation.recoveryCode)
            assertNotEquals(code, newCode)
            vault.lock()
            assertFailsWith<RespiteException.WrongSecret> { vault.unlockWithRecoveryCode(code) }
            vault.unlockWithRecoveryCode(newCode)
            vault.journal().use { assertEquals(3uL, it.count()) }
            assertTrue(vault.integrity().intact)
        }
    }

    test("the integrity report names a deleted entry and the vault turns read-only") {
        val path = tempVaultPath()
        val (kept, gone) = Vault.create(path, PASSPHRASE, FLOOR).use { vault ->
            val ids = vault.journal().use { j ->
                j.add(draft("kept")).id to j.add(draft("deleted behind the app's back")).id
            }
            val check = vault.verify().state
            assertTrue(check.intact)
            assertTrue(check.changes > 0uL)
            ids
        }
        val script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); " +
            "c.execute('DELETE FROM journal_entries WHERE id = ?', (sys.argv[2],)); c.commit()"
        val python = ProcessBuilder("python3", "-c", script, path, gone).inheritIO().start()
        assertEquals(0, python.waitFor())
        Vault.open(path).use { vault ->
            vault.unlockWithPassphrase(PASSPHRASE)
            val check = vault.integrity()
            assertFalse(check.intact)
            val problem = check.problems.single()
            assertEquals(StateProblemKind.MISSING, problem.kind)
            assertEquals(gone, problem.id)
            assertEquals("journal entry", problem.record)
            vault.journal().use { j ->
                assertEquals("kept", j.get(kept).body)
                assertFailsWith<RespiteException.Integrity> { j.add(draft("refused")) }
            }
            assertFalse(vault.verify().state.intact)
        }
    }

    test("reflection words by their English text, and a warm word after a heavy session") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { j ->
                val heavy = j.add(
                    draft("", JournalKind.AFTER_SESSION).copy(
                        reflection = SessionReflection(
                            intensity = 9u, activationBefore = null, activationAfter = null,
                            feelings = listOf("Hopeful"), bodySensations = listOf("tight chest"),
                            needs = emptyList(), practice = null,
                        ),
                    ),
                )
                assertEquals(listOf("hopeful"), heavy.reflection!!.feelings)
                assertEquals(listOf("tight-chest"), heavy.reflection!!.bodySensations)
                val word = checkNotNull(afterSessionAcknowledgement(heavy))
                assertTrue(word.key.startsWith("after-session.heavy."))
                val light = j.add(draft("", JournalKind.AFTER_SESSION).copy(reflection = heavy.reflection!!.copy(intensity = 4u)))
                assertEquals(null, afterSessionAcknowledgement(light))
                val unknown = assertFailsWith<RespiteException.InvalidInput> {
                    j.add(draft("", JournalKind.AFTER_SESSION).copy(reflection = heavy.reflection!!.copy(feelings = listOf("hopefull"))))
                }
                assertTrue(unknown.reason.contains("Hopeful"), unknown.reason)
            }
        }
    }

    test("the shared capture rules: a typed word matches the catalogue, or is kept as the person's own") {
        val known = matchLabel(LabelKind.EMOTION, "Full of dread")
        assertEquals("dread", known.id)
        val typo = matchLabel(LabelKind.EMOTION, "heavvy")
        assertEquals(null, typo.id)
        assertTrue(typo.close.contains("Heavy"), typo.close.toString())
        val own = checkNotNull(matchLabel(LabelKind.EMOTION, "wrung out").own)
        assertEquals("own:wrung out", own)
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            val saved = vault.checkins().use { it.add(CheckInData(moment = now(), emotions = listOf(own, "tired"))) }
            assertEquals(listOf(own, "tired"), saved.data.emotions)
            assertFailsWith<RespiteException.InvalidInput> {
                vault.checkins().use { it.add(CheckInData(moment = now(), emotions = listOf("heavvy"))) }
            }
        }
    }

    test("the safety response answers a very bad moment once a day, with the plan and a crisis line") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.updateSettings(Settings(dayStartHour = 0u, crisisLineRegion = "AU"))
            assertFailsWith<RespiteException.InvalidInput> { vault.updateSettings(Settings(dayStartHour = 0u, crisisLineRegion = "au")) }
            vault.support().use { support ->
                vault.checkins().use { checkins ->
                    val ordinary = checkins.add(CheckInData(moment = now(), stressZone = StressZone.INJURED, note = "client said she can't go on; safety plan done"))
                    assertEquals(null, support.afterCheckin(ordinary))
                    val ill = checkins.add(CheckInData(moment = now(), stressZone = StressZone.ILL))
                    val response = checkNotNull(support.afterCheckin(ill))
                    assertEquals(listOf(SafetyReason.STRESS_ZONE_ILL), response.reasons)
                    assertEquals("AU", response.crisisLine!!.region)
                    assertTrue(response.urgent.text.contains("000"), response.urgent.text)
                    assertTrue(response.card.helpsMeSettle.isNotEmpty())
                    val again = checkins.add(CheckInData(moment = now(), burnout = 5u))
                    assertEquals(null, support.afterCheckin(again), "at most once a day")
                }
                assertTrue(support.onRequest().reasons.isEmpty())
                assertTrue(crisisLines().all { it.source.startsWith("https://") })
            }
        }
    }

    test("invalid values from Kotlin are refused with InvalidInput") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                val offset = assertFailsWith<RespiteException.InvalidInput> {
                    journal.add(draft("x", moment = LocalMoment(Instant.now(), 24 * 60)))
                }
                assertEquals("moment", offset.field)
                for (instant in listOf(Instant.MAX, Instant.MIN)) {
                    val far = assertFailsWith<RespiteException.InvalidInput> {
                        journal.add(draft("x", moment = LocalMoment(instant, 0)))
                    }
                    assertEquals("timestamp", far.field)
                }
                val ancient = assertFailsWith<RespiteException.InvalidInput> {
                    journal.add(draft("x", moment = LocalMoment(Instant.parse("1066-10-14T09:00:00Z"), 0)))
                }
                assertEquals("moment", ancient.field)
                assertEquals("limit", assertFailsWith<RespiteException.InvalidInput> { journal.list(0u, 0u) }.field)
                assertEquals("id", assertFailsWith<RespiteException.InvalidInput> { journal.get("nope") }.field)
                assertEquals(
                    "body",
                    assertFailsWith<RespiteException.InvalidInput> { journal.add(draft("x".repeat(100_001))) }.field,
                )
                assertEquals(0uL, journal.count())
            }
        }
        assertFailsWith<RespiteException.InvalidInput> { Vault.create(tempVaultPath(), PASSPHRASE, 99_999u) }
        assertFailsWith<RespiteException.NotFound> { Vault.open(tempVaultPath()) }
    }

    test("edits keep history and deletes are final") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                val first = journal.add(draft("first"))
                val second = journal.edit(first.id, JournalUpdate(body = "second"))
                assertEquals(2u, second.revision)
                assertEquals(listOf(first), journal.history(first.id))
                journal.delete(first.id)
                assertFailsWith<RespiteException.NotFound> { journal.get(first.id) }
            }
        }
    }

    test("verify reports what opens through the bindings") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                journal.add(draft("one"))
                journal.add(draft("two"))
            }
            val check = vault.verify()
            assertEquals(2uL, check.journalEntries)
            assertTrue(check.damaged.isEmpty())
            assertTrue(check.fileSound)
        }
    }

    test("four Kotlin threads write and read concurrently") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            val errors = AtomicInteger()
            val start = CountDownLatch(1)
            val workers = (0 until 4).map { t ->
                thread {
                    start.await()
                    try {
                        vault.journal().use { journal ->
                            vault.checkins().use { checkins ->
                                repeat(25) { i ->
                                    val e = journal.add(draft("thread $t entry $i"))
                                    assertEquals("thread $t entry $i", journal.get(e.id).body)
                                    checkins.add(CheckInData(moment = now(), note = "thread $t checkin $i"))
                                    journal.list(0u, 20u)
                                    if (i % 5 == 0) journal.search(SearchQuery(text = "thread", limit = 50u))
                                }
                            }
                        }
                    } catch (e: Throwable) {
                        errors.incrementAndGet()
                    }
                }
            }
            start.countDown()
            workers.forEach { it.join() }
            assertEquals(0, errors.get())
            vault.journal().use { assertEquals(100uL, it.count()) }
            vault.checkins().use { assertEquals(100uL, it.count()) }
        }
    }

    test("a backup, an export and an import round trip through the bindings") {
        val dir = Files.createTempDirectory("respite-kotlin-backup").toFile()
        Vault.create(File(dir, "a.db").path, PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { it.add(draft("kept safe")) }
            val backup = File(dir, "a.backup").path
            val made = vault.createBackup(backup, "backup passphrase", FLOOR)
            assertEquals(1uL, made.journalEntries)
            assertFailsWith<RespiteException.WrongSecret> { verifyBackup(backup, "not it at all") }
            assertEquals(made.journalEntries, verifyBackup(backup, "backup passphrase").journalEntries)
            val restored = restoreBackup(backup, "backup passphrase", File(dir, "b.db").path, PASSPHRASE, FLOOR)
            assertEquals(1uL, restored.added)
            Vault.open(File(dir, "b.db").path).use { copy ->
                copy.unlockWithPassphrase(PASSPHRASE)
                copy.journal().use { assertEquals("kept safe", it.list(0u, 10u).entries.single().body) }
                val merged = copy.mergeBackup(backup, "backup passphrase")
                assertEquals(1uL, merged.unchanged)
            }
            val export = File(dir, "a.json").path
            assertEquals(1uL, vault.export(ExportFormat.JSON, export).records)
            Vault.create(File(dir, "c.db").path, PASSPHRASE, FLOOR).use { other ->
                val report = other.importFile(ImportFormat.RESPITE, export, "Europe/Berlin")
                assertEquals(1uL, report.imported)
                val bad = File(dir, "bad.csv").also { it.writeText("not,daylio\n") }
                assertFailsWith<RespiteException.InvalidInput> {
                    other.importFile(ImportFormat.DAYLIO, bad.path, "Europe/Berlin")
                }
            }
        }
    }

    test("a reflection with one value, then every value, through the bindings") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                val quick = journal.add(
                    JournalDraft(
                        kind = JournalKind.AFTER_SESSION,
                        moment = now(),
                        reflection = SessionReflection(intensity = 8u),
                    ),
                )
                assertEquals(8.toUByte(), quick.reflection!!.intensity)
                val full = journal.edit(
                    quick.id,
                    JournalUpdate(
                        body = "A loss story that echoed my own.",
                        reflection = SessionReflection(
                            intensity = 8u,
                            activationBefore = 7u,
                            activationAfter = 4u,
                            feelings = listOf("heavy", "tender"),
                            bodySensations = listOf("tight-chest"),
                            needs = listOf("pause"),
                            practice = "box-breathing",
                        ),
                    ),
                )
                assertEquals(2u, full.revision)
                assertEquals(listOf("heavy", "tender"), journal.get(quick.id).reflection!!.feelings)
                val unknown = assertFailsWith<RespiteException.InvalidInput> {
                    journal.add(
                        JournalDraft(
                            kind = JournalKind.AFTER_SESSION,
                            moment = now(),
                            reflection = SessionReflection(feelings = listOf("not-a-feeling")),
                        ),
                    )
                }
                assertEquals("feelings", unknown.field)
            }
        }
    }

    test("check-ins round-trip every field and refuse NaN and unknown labels") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.checkins().use { checkins ->
                val data = CheckInData(
                    moment = LocalMoment(Instant.parse("2026-05-04T19:00:00Z"), 120),
                    pleasantness = -0.4,
                    energy = 0.25,
                    emotions = listOf("drained", "on-edge"),
                    stressZone = StressZone.REACTING,
                    burnout = 3u,
                    sleepHours = 6.5,
                    sleepQuality = 2u,
                    detachment = 2u,
                    relaxation = 3u,
                    mastery = 1u,
                    control = 4u,
                    workIntrusion = 3u,
                    practices = listOf("evening-walk"),
                    context = CheckInContext.HOME,
                    note = "Long day.",
                )
                val saved = checkins.add(data)
                assertEquals("2026-05-04", saved.localDay)
                assertEquals(data, saved.data)
                assertEquals(listOf(saved), checkins.list("2026-05-01", "2026-05-31", 0u, 10u).checkins)
                assertEquals("pleasantness", assertFailsWith<RespiteException.InvalidInput> {
                    checkins.add(data.copy(pleasantness = Double.NaN))
                }.field)
                assertEquals("energy", assertFailsWith<RespiteException.InvalidInput> {
                    checkins.add(data.copy(energy = Double.POSITIVE_INFINITY))
                }.field)
                assertEquals("emotions", assertFailsWith<RespiteException.InvalidInput> {
                    checkins.add(data.copy(emotions = listOf("elated-ish")))
                }.field)
                assertEquals(1uL, checkins.count())
            }
        }
    }

    test("search finds entries and check-in notes; the catalogue and settings work") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                val a = journal.add(draft("Grief and more grief after the ward round.", moment = LocalMoment(Instant.parse("2026-05-01T13:00:00Z"), 120)))
                journal.add(draft("A swim before work.", moment = LocalMoment(Instant.parse("2026-05-02T06:00:00Z"), 120)))
                vault.checkins().use { it.add(CheckInData(moment = now(), note = "Still thinking about GRIEF.")) }
                val results = journal.search(SearchQuery(text = "grief"))
                assertEquals(2u, results.totalMatches)
                assertEquals(a.id, results.hits[0].id)
                assertEquals(setOf(SearchSource.JOURNAL_ENTRY, SearchSource.CHECK_IN), results.hits.map { it.source }.toSet())
                val filtered = journal.search(SearchQuery(text = "grief", kind = JournalKind.FREE, toDay = "2026-05-01"))
                assertEquals(listOf(a.id), filtered.hits.map { it.id })
            }
            val catalogue = catalogue()
            assertTrue(catalogue.emotions.any { it.id == "calm" && it.quadrant == Quadrant.LOW_ENERGY_PLEASANT })
            assertEquals(5, catalogue.burnoutLevels.size)
            assertEquals(4, catalogue.recoveryItems.size)
            assertEquals(0.toUByte(), vault.settings().dayStartHour)
            vault.updateSettings(Settings(dayStartHour = 4u))
            assertEquals(4.toUByte(), vault.settings().dayStartHour)
            assertFailsWith<RespiteException.InvalidInput> { vault.updateSettings(Settings(dayStartHour = 13u)) }
        }
    }

    test("the privacy check finds identifiers with UTF-16 spans and redacts them") {
        val text = "😊 My client Sarah Miller, call 555-201-3344 or sarah@example.com."
        val report = privacyCheck(text)
        assertEquals(
            listOf(FindingKind.PERSON_NAME, FindingKind.PHONE_NUMBER, FindingKind.EMAIL),
            report.findings.map { it.kind },
        )
        for (finding in report.findings) {
            assertEquals(finding.text, text.substring(finding.start.toInt(), finding.end.toInt()))
        }
        assertEquals("😊 My client [name], call [phone number] or [email].", report.redacted)
        assertEquals("😊 My client [name], call 555-201-3344 or sarah@example.com.", privacyRedact(text, listOf(report.findings[0])))
        assertTrue(privacyCheck("I felt Monday was heavy; sertraline 50 mg.").findings.isEmpty())
        assertFailsWith<RespiteException.InvalidInput> { privacyRedact("short", report.findings) }
    }

    test("the whole-draft check reports each field of a transition, with UTF-16 offsets inside the field") {
        withPrivacy { privacy ->
            // U+1F327 is two UTF-16 units and U+FE0F one: "Priya" starts at unit 9, not at code point 8.
            val what = "\uD83C\uDF27\uFE0F Ring Priya Shah's mum about the referral"
            val answers = TransitionAnswers(
                parked = listOf(ParkedItemDraft(what, "tomorrow 9:00", "my desk")),
                setDown = "The corridor argument",
                wentWell = listOf("", "The group laughed"),
            )
            val reports = privacy.checkTransition(answers)
            assertEquals(listOf("parked 1", "parked 1 when", "parked 1 where", "set down", "went well 2"), reports.map { it.field })
            val parked = reports.first { it.field == "parked 1" }
            val finding = parked.findings.single()
            assertEquals(FindingKind.PERSON_NAME, finding.kind)
            assertEquals("Priya Shah", finding.text)
            assertEquals(9u, finding.start)
            assertEquals(19u, finding.end)
            assertEquals(finding.text, what.substring(finding.start.toInt(), finding.end.toInt()))
            assertEquals("\uD83C\uDF27\uFE0F Ring [name]'s mum about the referral", parked.redacted)
            assertEquals(parked.redacted, privacyRedact(what, parked.findings))
            assertTrue(reports.filter { it.field != "parked 1" }.all { it.findings.isEmpty() && it.redacted.isNotEmpty() })
                        // Any list of named fields gives the same report for the same text.
            val fields = listOf(DraftField("parked 1", what), DraftField("set down", "The corridor argument"))
            assertEquals(parked, privacy.checkDraft(fields).first())
            assertTrue(privacy.checkTransition(TransitionAnswers()).isEmpty(), "nothing written, nothing to check")
        }
    }

    test("the typed checks name the free-text fields of each record; the plan's own people are left out") {
        withPrivacy { privacy ->
            val entry = draft("Heavy, but I stayed present.").copy(title = "Session with Mr Okafor", tags = listOf("grief", "call 555-201-3344"))
            val journal = privacy.checkJournal(entry)
            assertEquals(listOf("title", "body", "tag 1", "tag 2"), journal.map { it.field })
            assertEquals("Session with [name]", journal[0].redacted)
            assertEquals(listOf(FindingKind.PHONE_NUMBER), journal[3].findings.map { it.kind })
            assertTrue(journal[1].findings.isEmpty() && journal[2].findings.isEmpty())

            val checkin = privacy.checkCheckin(CheckInData(moment = now(), note = "Mr Okafor cancelled again."))
            assertEquals("note", checkin.single().field)
            assertEquals("[name] cancelled again.", checkin.single().redacted)
            assertTrue(privacy.checkCheckin(CheckInData(moment = now(), pleasantness = 0.2)).isEmpty())

            val evening = privacy.checkEvening(EveningAnswers(detachment = 2u, note = "Still thinking of Mr Okafor."))
            assertEquals("note", evening.single().field)
            assertEquals(FindingKind.PERSON_NAME, evening.single().findings.single().kind)

            val walk = planSuggestions().first { it.id == "evening-walk" }.practice!!
            val plan = Plan(
                values = listOf("Steady company on hard days"),
                people = listOf("Priya Shah"),
                emergency = EmergencyPlan(contacts = listOf(Contact("Priya Shah", "555-201-3344"))),
                practices = listOf(
                    walk.copy(barrier = null, workaround = null),
                    walk.copy(id = "walk-2", barrier = "When Mr Okafor's file is open", workaround = null),
                ),
            )
            val planReports = privacy.checkPlan(plan)
            assertEquals(listOf("value 1", "practice 1", "practice 2", "practice 2 barrier"), planReports.map { it.field })
            assertEquals(listOf("practice 2 barrier"), planReports.filter { it.findings.isNotEmpty() }.map { it.field })
            assertTrue(planReports.none { "Priya" in it.redacted || it.findings.any { f -> "Priya" in f.text } })
        }
    }

    test("the core writes redactions back: only the fields named, every flagged one when none are named") {
        withPrivacy { privacy ->
            val answers = TransitionAnswers(
                parked = listOf(ParkedItemDraft("Ring Priya Shah's mum", "after Mr Okafor's review", "my desk")),
                setDown = "Sitting with Jonah Reyes' silence",
                wentWell = listOf("The group laughed", "Mr Okafor's family thanked the team"),
            )
            val one = privacy.redactTransition(answers, listOf("parked 1 when"))
            assertEquals(answers.copy(parked = listOf(answers.parked[0].copy(`when` = "after [name]'s review"))), one, "only that field changes")
            assertEquals(answers, privacy.redactTransition(answers, listOf("parked 1 where", "no such field")), "a field without findings, or unknown, is left alone")
            // With no names, every field with a finding gets its redacted text, and nothing else changes.
            val all = privacy.redactTransition(answers, emptyList())
            assertEquals(privacy.checkTransition(answers).map { it.field to it.redacted }, privacy.checkTransition(all).map { it.field to it.redacted })
            assertTrue(privacy.checkTransition(all).all { it.findings.isEmpty() })
            assertEquals("my desk", all.parked.single().place)
            assertEquals("The group laughed", all.wentWell[0])
            assertEquals("[name]'s family thanked the team", all.wentWell[1])

            // An allowed word stays as written; the rest of the same field is still redacted.
            assertTrue(privacy.allow("Priya"))
            val allowed = ParkedItemDraft("Ring Priya Shah's mum about Mr Okafor")
            assertEquals("Ring Priya Shah's mum about [name]", privacy.redactTransition(TransitionAnswers(parked = listOf(allowed)), listOf("parked 1")).parked.single().what)

            val entry = draft("Heavy. Priya helped.").copy(title = "After Mr Okafor", tags = listOf("grief", "call 555-201-3344"))
            assertEquals(entry.copy(tags = listOf("grief", "call [phone number]")), privacy.redactJournal(entry, listOf("tag 2")))
            assertEquals(entry.copy(title = "After [name]", tags = listOf("grief", "call [phone number]")), privacy.redactJournal(entry, emptyList()))

            val edit = JournalUpdate(title = "Mr Okafor again", tags = listOf("grief"))
            assertEquals(listOf("title", "tag 1"), privacy.checkJournalUpdate(edit).map { it.field })
            assertTrue(privacy.checkJournalUpdate(JournalUpdate(kind = JournalKind.FREE)).isEmpty(), "an edit that changes no text has nothing to check")
            assertEquals(edit.copy(title = "[name] again"), privacy.redactJournalUpdate(edit, emptyList()))
            assertEquals(edit, privacy.redactJournalUpdate(edit, listOf("body")), "the body is not part of this edit")

            val checkin = CheckInData(moment = now(), pleasantness = 0.2, note = "Mr Okafor cancelled again.")
            assertEquals(checkin.copy(note = "[name] cancelled again."), privacy.redactCheckin(checkin, listOf("note")))
            val evening = EveningAnswers(detachment = 2u, note = "Still thinking of Mr Okafor.")
            assertEquals(evening.copy(note = "Still thinking of [name]."), privacy.redactEvening(evening, emptyList()))

            val walk = planSuggestions().first { it.id == "evening-walk" }.practice!!
            val plan = Plan(
                people = listOf("Sam Carter"),
                emergency = EmergencyPlan(contacts = listOf(Contact("Sam Carter", "555-201-3344")), kindWords = listOf("Mr Okafor is not mine to carry")),
                practices = listOf(walk.copy(barrier = "When Mr Okafor's file is open", workaround = null)),
            )
            val barrier = privacy.redactPlan(plan, listOf("practice 1 barrier"))
            assertEquals(plan.copy(practices = listOf(plan.practices[0].copy(barrier = "When [name]'s file is open"))), barrier)
            val redactedPlan = privacy.redactPlan(plan, emptyList())
            assertEquals(listOf("[name] is not mine to carry"), redactedPlan.emergency.kindWords)
            assertEquals(plan.people, redactedPlan.people, "the plan's own people are not redacted")
            assertEquals(plan.emergency.contacts, redactedPlan.emergency.contacts)
        }
    }

    test("the allow-list: an allowed word is no longer reported, is listed, comes back when removed, and needs an unlocked vault") {
        val path = tempVaultPath()
        val text = "supervision with client Priya Shah"
        Vault.create(path, PASSPHRASE, FLOOR).use { vault ->
            vault.privacy().use { privacy ->
                assertTrue(privacy.check(text).findings.any { "Priya" in it.text })
                assertTrue(privacy.allowed().isEmpty())
                assertTrue(privacy.allow("Priya"))
                assertFalse(privacy.allow("  PRIYA "), "the same word again, in other case and spacing, is not new")
                assertEquals(listOf("priya"), privacy.allowed())
                val report = privacy.check(text)
                assertTrue(report.findings.none { "Priya" in it.text })
                assertEquals(text, report.redacted)
                assertTrue(privacy.checkDraft(listOf(DraftField("body", text))).single().findings.isEmpty())
                assertTrue(privacy.checkTransition(TransitionAnswers(parked = listOf(ParkedItemDraft(text)))).single().findings.isEmpty())
                // The free functions know nothing of this vault's list.
                assertTrue(privacyCheck(text).findings.any { "Priya" in it.text })

                assertEquals("word", assertFailsWith<RespiteException.InvalidInput> { privacy.allow("") }.field)
                assertFailsWith<RespiteException.InvalidInput> { privacy.allow("   ") }
                assertFailsWith<RespiteException.InvalidInput> { privacy.removeAllowed("") }

                vault.lock()
                assertFailsWith<RespiteException.Locked> { privacy.check(text) }
                assertFailsWith<RespiteException.Locked> { privacy.checkTransition(TransitionAnswers(setDown = text)) }
                assertFailsWith<RespiteException.Locked> { privacy.redactTransition(TransitionAnswers(setDown = text), emptyList()) }
                assertFailsWith<RespiteException.Locked> { privacy.allowed() }
                assertFailsWith<RespiteException.Locked> { privacy.allow("Sam") }
                assertFailsWith<RespiteException.Locked> { privacy.removeAllowed("Priya") }
                vault.unlockWithPassphrase(PASSPHRASE)
                assertEquals(listOf("priya"), privacy.allowed())
            }
        }
        Vault.open(path).use { vault ->
            vault.unlockWithPassphrase(PASSPHRASE)
            vault.privacy().use { privacy ->
                assertEquals(listOf("priya"), privacy.allowed(), "the list is kept in the vault")
                assertTrue(privacy.removeAllowed("Priya"))
                assertFalse(privacy.removeAllowed("Priya"))
                assertTrue(privacy.allowed().isEmpty())
                assertTrue(privacy.check(text).findings.any { "Priya" in it.text }, "removed, the finding comes back")
            }
        }
    }

    test("a plan is built from suggestions, revised, compared and used") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.plan().use { plan ->
                val suggestions = planSuggestions()
                val breathing = suggestions.first { it.id == "slow-breathing" }.practice!!
                val walk = suggestions.first { it.id == "evening-walk" }.practice!!
                val first = plan.save(
                    Plan(
                        values = listOf("Steady company on hard days"),
                        supportsInPlace = suggestions.filter { it.section == PlanSection.SUPPORTS_IN_PLACE }.take(2).map { it.text },
                        emergency = EmergencyPlan(contacts = listOf(Contact("Sam", "text first"))),
                        practices = listOf(breathing.copy(status = PracticeStatus.CURRENT), walk),
                        reviewDate = "2026-06-01",
                    ),
                )
                assertEquals(1u, first.revision)
                val second = plan.save(first.plan.copy(boundaries = listOf("No notes after 7 pm")))
                assertEquals(2u, second.revision)
                assertEquals(listOf(2u, 1u), plan.revisions().map { it.revision })
                val changes = plan.diff(1u, 2u)
                assertEquals(1, changes.size)
                assertEquals(ChangeKind.ADDED, changes[0].kind)
                assertEquals("No notes after 7 pm", changes[0].after)
                val unchanged = assertFailsWith<RespiteException.InvalidInput> { plan.save(second.plan) }
                assertEquals("plan", unchanged.field)
                val impossible = assertFailsWith<RespiteException.InvalidInput> {
                    plan.save(second.plan.copy(practices = listOf(walk.copy(frequency = Frequency.TimesPerWeek(9u)))))
                }
                assertEquals("frequency", impossible.field)

                val afterSession = plan.practicesFor(PlanMoment.AFTER_SESSION)
                assertEquals("slow-breathing", afterSession[0].practice.id)
                assertTrue(afterSession[0].fromPlan)
                assertTrue(afterSession.size >= 3)
                val card = plan.emergencyCard()
                assertEquals("Sam", card.contacts[0].name)
                assertTrue(card.usesSuggestions)

                vault.journal().use { journal ->
                    journal.add(
                        JournalDraft(
                            kind = JournalKind.AFTER_SESSION,
                            moment = LocalMoment(Instant.parse("2026-05-05T09:00:00Z"), 120),
                            reflection = SessionReflection(intensity = 8u, practice = "slow-breathing"),
                        ),
                    )
                }
                vault.checkins().use {
                    it.add(CheckInData(moment = LocalMoment(Instant.parse("2026-05-06T18:00:00Z"), 120), practices = listOf("evening-walk")))
                }
                val adherence = plan.adherence("2026-05-07", 1u)
                val breathingWeek = adherence.first { it.practiceId == "slow-breathing" }.weeks.single()
                assertEquals(1u, breathingWeek.done)
                assertEquals(1u, breathingWeek.target)
                val walkWeek = adherence.first { it.practiceId == "evening-walk" }.weeks.single()
                assertEquals(1u, walkWeek.done)
                assertEquals(3u, walkWeek.target)

                val text = planToText(plan.current().plan)
                assertEquals(plan.current().plan, planFromText(text))
                assertTrue(planToMarkdown(plan.current().plan).contains("Slow breathing between sessions"))
                val bad = assertFailsWith<RespiteException.InvalidInput> { planFromText("### Nonsense\n") }
                assertTrue(bad.reason.startsWith("line 1"))
            }
        }
    }

    test("a schedule drives upcoming prompts; a transition and an evening check are saved") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            vault.prompts().use { prompts ->
                val default = prompts.schedule()
                assertEquals(5, default.shifts.size)
                val nightShift = WeeklyShift(DayOfWeek.SATURDAY, ShiftTimes(ClockTime(22u, 0u), ClockTime(7u, 0u)))
                val schedule = prompts.setSchedule(
                    default.copy(
                        shifts = default.shifts + nightShift,
                        quietHours = QuietHours(ClockTime(12u, 0u), ClockTime(14u, 0u)),
                        timeZone = "Europe/Berlin",
                    ),
                )
                assertTrue(schedule.shifts.any { it.times.end.hour.toInt() == 7 })
                val from = Instant.parse("2026-05-04T00:00:00Z")
                val week = prompts.upcoming(from, from.plusSeconds(7 * 86_400L), "America/New_York")
                val transitions = week.filter { it.kind == PromptKind.TRANSITION }
                assertEquals(6, transitions.size)
                assertEquals(Instant.parse("2026-05-04T15:00:00Z"), transitions[0].at, "17:00 in Berlin, the schedule's zone")
                assertEquals(Instant.parse("2026-05-10T05:00:00Z"), transitions.last().at, "the night shift ends at 07:00")
                assertEquals(week, week.sortedBy { it.at })
                assertEquals(week, prompts.upcoming(from, from.plusSeconds(7 * 86_400L), "America/New_York"))
                assertTrue(week.none { it.title.isEmpty() || it.body.contains("Berlin") })
                prompts.skip(transitions[0].id)
                assertTrue(prompts.upcoming(from, from.plusSeconds(7 * 86_400L), "UTC").none { it.id == transitions[0].id })
                assertEquals("device_time_zone", assertFailsWith<RespiteException.InvalidInput> {
                    prompts.setSchedule(schedule.copy(timeZone = null))
                    prompts.upcoming(from, from.plusSeconds(86_400L), "Not/AZone")
                }.field)

                val moment = LocalMoment(Instant.parse("2026-05-05T15:10:00Z"), 120)
                val script = prompts.transitionScript(moment)
                assertEquals(TransitionStep.PARK_IT, script.steps.first().step)
                assertEquals(6, script.steps.size)
                val entry = prompts.saveTransition(
                    moment,
                    TransitionAnswers(
                        parked = listOf(ParkedItemDraft("Discharge summary", "tomorrow 9:00", "my desk")),
                        setDown = "The corridor argument",
                        wentWell = listOf("The group laughed"),
                        whoAtHome = "A patient partner",
                    ),
                )
                assertEquals(JournalKind.TRANSITION, entry.kind)
                val open = prompts.openParkedItems("2026-05-06")
                assertEquals(listOf("Discharge summary"), open.map { it.item.what })
                prompts.markParkedDone(open[0].entryId, open[0].item.id)
                assertTrue(prompts.openParkedItems("2026-05-06").isEmpty())
                val evening = prompts.saveEveningCheck(
                    LocalMoment(Instant.parse("2026-05-05T18:30:00Z"), 120),
                    EveningAnswers(detachment = 2u, workIntrusion = 3u),
                )
                assertEquals(entry.id, evening.data.linkedTransition)
                assertTrue(evening.data.eveningCheck)
                assertFailsWith<RespiteException.InvalidInput> { prompts.saveTransition(moment, TransitionAnswers()) }
            }
        }
    }

    test("series and insights come from a synthetic vault") {
        Vault.create(tempVaultPath(), PASSPHRASE, FLOOR).use { vault ->
            val summary = vault.fillWithDemoData(1u, 3uL, "2026-05-04")
            assertTrue(summary.checkins > 600u && summary.planSaved)
            vault.trends().use { trends ->
                val series = trends.series("2026-04-01", "2026-05-03")
                assertEquals(11, series.size)
                val pleasantness = series.first { it.metric == Metric.PLEASANTNESS }
                assertEquals(33, pleasantness.days.size)
                assertTrue(pleasantness.days.all { it.value == null || it.value!! in -1.0..1.0 })
                assertTrue(pleasantness.baseline != null)
                val insights = trends.insights("2026-05-04")
                val walk = insights.first { it.kind == InsightKind.GOES_WITH_BETTER_DAYS && it.text.contains("evening walk") }
                val evidence = walk.evidence!!
                assertTrue(evidence.daysWith >= 5u && evidence.daysWithout >= 5u)
                assertTrue(evidence.intervalLow > 0.0 && evidence.difference in evidence.intervalLow..evidence.intervalHigh)
                assertTrue(walk.text.contains("not proof"))
                val dashboard = trends.dashboard("2026-05-04")
                assertEquals(90, dashboard.last90Days.first().days.size)
                assertEquals(365, dashboard.lastYear.first().days.size)
                assertTrue(dashboard.weeklyReview.text.isNotEmpty())
                assertEquals("week_start", assertFailsWith<RespiteException.InvalidInput> {
                    trends.weeklyReview("2026-05-05", "2026-05-06")
                }.field)
            }
        }
    }

    test("every frozen fixture opens by passphrase, recovery code and device") {
        val descriptions = fixtureDir.listFiles { f -> f.name.matches(Regex("vault-v\\d+\\.json")) }!!.sorted()
        assertTrue(descriptions.size >= 2)
        for (descriptionFile in descriptions) {
            val description = descriptionFile.readText()
            fun field(name: String) = Regex("\"$name\": \"([^\"]*)\"").find(description)!!.groupValues[1]
            val expectedRecords = Regex("\"id\": \"[0-9a-f]{32}\"").findAll(description).count()
            val deviceKey = field("device_key_hex").chunked(2).map { it.toInt(16).toByte() }.toByteArray()
            val unlockers = listOf<(Vault) -> Unit>(
                { it.unlockWithPassphrase(field("passphrase")) },
                { it.unlockWithRecoveryCode(field("recovery_code")) },
                { it.unlockWithDevice(InMemoryKeyStore(deviceKey)) },
            )
            for (unlock in unlockers) {
                val copy = tempVaultPath()
                File(fixtureDir, descriptionFile.name.replace(".json", ".db")).copyTo(File(copy))
                Vault.open(copy).use { vault ->
                    unlock(vault)
                    val entries = vault.journal().use { journal ->
                        val page = journal.list(0u, 100u)
                        assertTrue(page.damaged.isEmpty())
                        for (entry in page.entries) {
                            assertTrue(description.contains("\"id\": \"${entry.id}\""))
                        }
                        page.entries.size
                    }
                    val checkins = vault.checkins().use { it.count().toInt() }
                    assertEquals(expectedRecords, entries + checkins, descriptionFile.name)
                }
            }
        }
    }
}
