// A minimal test runner for the Kotlin tests: registers the binding tests and the
// demo app's presentation tests, runs them, and prints "kotlin: N passed, M failed".

import java.io.File

val tests = linkedMapOf<String, () -> Unit>()

/** Registers a test. */
fun test(name: String, body: () -> Unit) {
    check(tests.put(name, body) == null) { "two tests are called \"$name\"" }
}

fun main(args: Array<String>) {
    bindingTests(File(args.getOrElse(0) { "tests/fixtures" }))
    presentationTests()
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
