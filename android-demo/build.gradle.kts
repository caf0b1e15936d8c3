// Plugin versions for every module (from gradle/libs.versions.toml), applied where needed.
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.kotlin.android) apply false
    alias(libs.plugins.kotlin.jvm) apply false
    alias(libs.plugins.kotlin.compose) apply false
}

// The Rust core inside the build: bindings/build-android.sh builds respite-core with
// cargo-ndk for the app's ABIs (16 KB-aligned) and generates the Kotlin bindings into
// build/generated/respite, before any Kotlin compiles. Up to date (skipped) while the
// core's sources, the lock file and the bindings crate are unchanged.
val repository = layout.projectDirectory.dir("..")
tasks.register<Exec>("rustCore") {
    group = "build"
    description = "Builds respite-core for Android (cargo-ndk) and generates its Kotlin bindings."
    workingDir = repository.asFile
    commandLine("bash", "bindings/build-android.sh")
    inputs.dir(repository.dir("core/src"))
    inputs.dir(repository.dir("bindings"))
    inputs.files(repository.file("Cargo.lock"), repository.file("Cargo.toml"), repository.file("core/Cargo.toml"))
    outputs.dir(layout.projectDirectory.dir("build/generated/respite"))
}
