// The Respite Android demo: a thin Compose shell over the Rust core.
// Build the core and its bindings first: ../bindings/build-android.sh (see README.md).
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

rootProject.name = "respite-android-demo"
include(":presentation", ":app")
