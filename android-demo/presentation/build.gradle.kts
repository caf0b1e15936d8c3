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

// The bindings come from the Rust build (the root project's rustCore task).
tasks.named("compileKotlin") {
    dependsOn(":rustCore")
}
