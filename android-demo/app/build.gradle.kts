// The Android app: Compose screens that render the presentation models, the
// Android Keystore device key, notifications and auto-lock. Everything else is the core.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "app.respite.demo"
    compileSdk = 36

    defaultConfig {
        applicationId = "app.respite.demo"
        // 26: the bindings pass timestamps as java.time.Instant, which needs API 26
        // (no core-library desugaring); Keystore AES-GCM keys need 23 anyway.
        minSdk = 26
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
        ndk {
            // The slices bindings/build-android.sh builds.
            abiFilters += listOf("arm64-v8a", "x86_64")
        }
    }

    sourceSets["main"].jniLibs.srcDir(rootProject.layout.projectDirectory.dir("build/generated/respite/jniLibs"))

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    buildFeatures {
        compose = true
    }
    packaging {
        // The library is stripped by build-android.sh and aligned for 16 KB pages.
        jniLibs.useLegacyPackaging = false
    }
}

kotlin {
    jvmToolchain(17)
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

dependencies {
    implementation(project(":presentation"))
    // JNA with its Android native parts: the @aar, not the desktop jar. 5.17.0 is the
    // first release whose Android libraries are 16 KB aligned (tests/android/check_page_size.sh).
    implementation("net.java.dev.jna:jna:5.17.0@aar")

    implementation(platform(libs.compose.bom))
    implementation(libs.compose.material3)
    implementation(libs.compose.ui)
    implementation(libs.compose.icons)
    implementation(libs.core.ktx)
    // An AppCompat theme: BiometricPrompt's fragment needs one on Android 8.x.
    implementation(libs.appcompat)
    implementation(libs.activity.compose)
    implementation(libs.fragment.ktx)
    implementation(libs.biometric)
    implementation(libs.lifecycle.process)
    implementation(libs.work.runtime)
}

// The native libraries come from the Rust build (the root project's rustCore task).
tasks.named("preBuild") {
    dependsOn(":rustCore")
}
