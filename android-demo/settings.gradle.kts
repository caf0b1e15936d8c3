// The Respite Android demo: a thin Compose shell over the Rust core.
// The Rust core and its bindings are built by the root project's rustCore task (see README.md).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

plugins {
    // Finds and downloads the JDK 17 toolchain the modules ask for, when it is missing.
    id("org.gradle.toolchains.foojay-resolver-convention") version "1.0.0"
}

rootProject.name = "respite-android-demo"
include(":presentation", ":app")
