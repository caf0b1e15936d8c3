// Presentation logic in plain Kotlin: no Android imports, so it is compiled and tested
// on a desktop JVM by tests/kotlin/run.sh, against the real library. It compiles the
// generated bindings with it; JNA is provided at run time by the app (as the @aar).
plugins {
    alias(libs.plugins.kotlin.jvm)
}

val generatedBindings = rootProject.layout.projectDirectory.dir("build/generated/respite/kotlin")

kotlin {
    jvmToolchain(17)
    sourceSets["main"].kotlin.srcDir(generatedBindings)
}

dependencies {
    compileOnly("net.java.dev.jna:jna:5.17.0")
}

// A clear message instead of hundreds of unresolved references.
tasks.named("compileKotlin") {
    doFirst {
        check(generatedBindings.file("app/respite/core/respite_core.kt").asFile.exists()) {
            "Respite bindings are missing: run ../bindings/build-android.sh first (see android-demo/README.md)."
        }
    }
}
