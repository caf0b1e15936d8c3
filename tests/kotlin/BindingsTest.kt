// Tests of the generated Kotlin bindings against the real Respite library, on a
// desktop JVM. Run by tests/kotlin/run.sh; prints "kotlin: N passed, M failed".

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
    JournalDraft(kind, null, body, listOf(), moment)

val tests = linkedMapOf<String, () -> Unit>()

fun test(name: String, body: () -> Unit) {
    tests[name] = body
}

fun main(args: Array<String>) {
    val fixtureDir = File(args.getOrElse(0) { "tests/fixtures" })

    test("create, write, reopen and unlock by passphrase") {
        val path = tempVaultPath()
        val written = Vault.create(path, PASSPHRASE, FLOOR).use { vault ->
            vault.journal().use { journal ->
                journal.add(
                    JournalDraft(
                        JournalKind.AFTER_SESSION,
                        "After the 11 am session",
                        "Intensity 7. Grounding helped.",
                        listOf("grounding"),
                        LocalMoment(Instant.parse("2026-05-04T09:30:00Z"), 120),
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
            val slot = vault.addDeviceSlot(store)
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
            assertFailsWith<RespiteException.DeviceKey> { vault.addDeviceSlot(BrokenKeyStore()) }
            assertEquals(1, vault.keySlots().size)
        }
    }

    test("a recovery code unlocks in any typed form; the last slot stays") {
        val path = tempVaultPath()
        val code = Vault.create(path, PASSPHRASE, FLOOR).use { it.createRecoveryCode() }
        assertEquals(7, code.split("-").size)
        Vault.open(path).use { vault ->
            vault.unlockWithRecoveryCode(code.lowercase().replace("-", ""))
            val slots = vault.keySlots()
            assertEquals(listOf(KeySlotKind.PASSPHRASE, KeySlotKind.RECOVERY_CODE), slots.map { it.kind })
            vault.removeKeySlot(slots[0].id)
            assertFailsWith<RespiteException.LastKeySlot> { vault.removeKeySlot(slots[1].id) }
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
            vault.changePassphrase("an entirely new passphrase")
        }
        Vault.open(path).use { vault ->
            assertFailsWith<RespiteException.WrongSecret> { vault.unlockWithPassphrase(PASSPHRASE) }
            vault.unlockWithPassphrase("an entirely new passphrase")
            vault.journal().use { assertEquals(3uL, it.count()) }
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
                val second = journal.edit(first.id, JournalUpdate(null, null, "second", null))
                assertEquals(2u, second.revision)
                assertEquals(listOf(first), journal.history(first.id))
                journal.delete(first.id)
                assertFailsWith<RespiteException.NotFound> { journal.get(first.id) }
            }
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
                            repeat(25) { i ->
                                val e = journal.add(draft("thread $t entry $i"))
                                assertEquals("thread $t entry $i", journal.get(e.id).body)
                                journal.list(0u, 20u)
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
        }
    }

    test("the frozen v1 fixture opens by passphrase, recovery code and device") {
        val description = File(fixtureDir, "vault-v1.json").readText()
        fun field(name: String) = Regex("\"$name\": \"([^\"]*)\"").find(description)!!.groupValues[1]
        val expectedEntries = Regex("\"id\": \"[0-9a-f]{32}\"").findAll(description).count()
        val deviceKey = field("device_key_hex").chunked(2).map { it.toInt(16).toByte() }.toByteArray()
        val unlockers = listOf<(Vault) -> Unit>(
            { it.unlockWithPassphrase(field("passphrase")) },
            { it.unlockWithRecoveryCode(field("recovery_code")) },
            { it.unlockWithDevice(InMemoryKeyStore(deviceKey)) },
        )
        for (unlock in unlockers) {
            val copy = tempVaultPath()
            File(fixtureDir, "vault-v1.db").copyTo(File(copy))
            Vault.open(copy).use { vault ->
                unlock(vault)
                vault.journal().use { journal ->
                    val page = journal.list(0u, 100u)
                    assertEquals(expectedEntries, page.entries.size)
                    assertTrue(page.damaged.isEmpty())
                    for (entry in page.entries) {
                        assertTrue(description.contains("\"id\": \"${entry.id}\""))
                        assertNotEquals("", entry.localDay)
                    }
                }
            }
        }
    }

    var passed = 0
    var failed = 0
    for ((name, body) in tests) {
        try {
            body()
            passed++
            println("PASS  $name")
        } catch (e: Throwable) {
            failed++
            println("FAIL  $name: $e")
        }
    }
    println("kotlin: $passed passed, $failed failed")
    if (failed > 0) kotlin.system.exitProcess(1)
}
